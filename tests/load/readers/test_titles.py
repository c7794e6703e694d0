"""The book's own heading across chapters, read again after a save (remembered per text)."""

from __future__ import annotations

from publisher.load.readers import titles


def test_book_heading_follows_an_edited_manuscript(tmp_path, monkeypatch):
    parsed: list[str] = []
    real = titles.opening_heading
    monkeypatch.setattr(titles, "opening_heading", lambda body: parsed.append(body) or real(body))
    paths = []
    for n in range(4):
        path = tmp_path / f"{n}.md"
        path.write_text(f"# Tide Tables\n\n## Chapter {n}\n\nText {n}.\n", encoding="utf-8")
        paths.append(path)
    assert titles.book_heading(paths) == "Tide Tables"
    assert titles.book_heading(paths) == "Tide Tables"
    assert len(parsed) == 4  # the same texts are not parsed again
    for n, path in enumerate(paths[:2]):
        text = f"---\ntitle: Other {n}\n---\n# Harbour Notes\n\nText {n}.\n"
        path.write_text(text, encoding="utf-8")
    assert titles.book_heading(paths) is None  # two of four open with it now: not the book's
    assert len(parsed) == 6  # the two edited ones only
