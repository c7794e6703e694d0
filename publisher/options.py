"""How to build, as the user asked for it: one frozen value made by the CLI (or a library
caller) and passed whole to the pipeline, the loader and the backends.

What to build *from* is the manuscripts folder and its publication.toml (``config``); these
are the choices of one run: formats, output folder, strictness, processes, cache, network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PDF_PROFILES = ("print", "screen", "kdp", "ingramspark")


@dataclass(frozen=True)
class BuildOptions:
    """One build's choices; every field has the default the ``publisher build`` command has."""

    formats: tuple[str, ...] = ("epub", "pdf")
    """Output formats, in build order (``epub``, ``pdf``)."""
    output_dir: Path = Path("build")
    """Where finished files are moved, all at once, when every format succeeded."""
    strict: bool = False
    """Warnings fail the build."""
    version_label: str | None = None
    """Overrides the version found in the config, a CI tag or ``git describe``."""
    pdf_profile: str = "print"
    """``print`` (the ``[pdf]`` settings), ``screen`` (see PrintSettings.for_screen), or a
    printer's job: ``kdp`` or ``ingramspark`` (config/printers.py)."""
    jobs: int = 1
    """Processes that may load Markdown and render PDF chunks."""
    cache: bool = False
    """Reuse articles, templates and PDF chunks from earlier builds (publisher/cache.py)."""
    allow_remote: bool = False
    """Download https images while loading (load/assets/remote.py)."""
    include_drafts: bool = False
    """Keep articles whose front matter says ``draft: true``."""
    page_list: bool = True
    """Mark the print edition's pages in the EPUB and list them (its page-list)."""
    onix: bool = False
    """Also write ``NAME.onix.xml``, the EPUB's ONIX 3.0 product record (backends/epub/onix.py)."""
    language: str | None = None
    """The language of a multilingual site to build (default: the site's own default)."""
