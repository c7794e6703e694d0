#!/usr/bin/env bash
# The build step of action.yml, usable from any CI: build, check, write report and SHA256SUMS.
#
# Settings come from the environment (default in brackets):
#   MANUSCRIPTS [manuscripts]   publication folder        FORMATS [all]   epub, pdf or all
#   OUTPUT [build]              output folder             STRICT [true]   warnings fail
#   CHECK [true]                run the checkers          VERSION []      --version-label
#   REPORT [$OUTPUT/report.json]                          PUBLISHER [publisher]  the command
# SOURCE_DATE_EPOCH, when unset, becomes the time of the last commit of the manuscripts'
# repository, so rebuilding a commit gives byte-identical files.
# With GITHUB_OUTPUT set it writes the step outputs `files`, `report` and `version`; with
# GITHUB_STEP_SUMMARY set, a table of the files and the checkers' verdicts.
# Exit status: publisher's (0 ok, 1 content or check failure, 2 usage, other: a bug).
set -euo pipefail

MANUSCRIPTS=${MANUSCRIPTS:-manuscripts}
FORMATS=${FORMATS:-all}
OUTPUT=${OUTPUT:-build}
STRICT=${STRICT:-true}
CHECK=${CHECK:-true}
VERSION=${VERSION:-}
REPORT=${REPORT:-$OUTPUT/report.json}

args=(build "$MANUSCRIPTS" --output "$OUTPUT" --format "$FORMATS" --report "$REPORT")
if [ "$STRICT" = "true" ]; then args+=(--strict); fi
if [ "$CHECK" = "true" ]; then args+=(--check); fi
if [ -n "$VERSION" ]; then args+=(--version-label "$VERSION"); fi

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    if epoch=$(git -C "$MANUSCRIPTS" log -1 --format=%ct 2>/dev/null) && [ -n "$epoch" ]; then
        export SOURCE_DATE_EPOCH="$epoch"
    fi
fi

status=0
${PUBLISHER:-publisher} "${args[@]}" || status=$?

if [ -f "$REPORT" ] && { [ -n "${GITHUB_OUTPUT:-}" ] || [ -n "${GITHUB_STEP_SUMMARY:-}" ]; }; then
    python3 - "$REPORT" <<'PY'
import json, os, sys

path = sys.argv[1]
with open(path, encoding="utf-8") as stream:
    report = json.load(stream)
files = [out["path"] for out in report["outputs"]]
if report["checksums"]:
    files.append(report["checksums"])
version = report["version"]["label"] if report["version"] else ""
if os.environ.get("GITHUB_OUTPUT"):
    with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
        out.write("files<<PUBLISHER_FILES\n" + "".join(f + "\n" for f in files))
        out.write(f"PUBLISHER_FILES\nreport={path}\nversion={version}\n")
if os.environ.get("GITHUB_STEP_SUMMARY"):
    lines = [f"### publisher: {report['status']} (exit {report['exit_code']})", ""]
    lines += ["| file | bytes | pages | SHA-256 |", "|---|---:|---:|---|"]
    for out in report["outputs"]:
        lines.append(f"| {out['name']} | {out['bytes']} | {out['pages'] or ''} | `{out['sha256']}` |")
    for check in report["checks"] or []:
        verdict = "passed" if check["ok"] else "FAILED"
        lines.append(f"\n{check['path']}: {verdict}, {check['errors']} error(s), "
                     f"{check['warnings']} warning(s)")
    for problem in report["errors"]:
        lines.append(f"\n- error: {problem['location'] or ''} {problem['message']}")
    with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
PY
fi
exit "$status"
