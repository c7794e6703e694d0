#!/usr/bin/env bash
# Installs the Debian packages publisher and its checkers need, only when something is missing.
set -euo pipefail
need=()
command -v java >/dev/null || need+=(default-jre-headless)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || need+=(libharfbuzz-subset0)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
# Ace drives Chromium; GitHub's Ubuntu runners ship Google Chrome instead (and Ubuntu's
# chromium package is only a snap wrapper), which the EPUB checker also accepts.
command -v chromium >/dev/null || command -v google-chrome >/dev/null || need+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
# PDF: fallback glyphs for CJK text (small), fc-list for the missing-glyph check, and the
# CMYK profile (Ghostscript's default_cmyk.icc) a PDF/X-4 output intent is made from
dpkg -s fonts-droid-fallback >/dev/null 2>&1 || need+=(fonts-droid-fallback)
command -v fc-list >/dev/null || need+=(fontconfig)
[ -f /usr/share/color/icc/ghostscript/default_cmyk.icc ] || need+=(libgs-common)
if ((${#need[@]})); then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing system packages: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
