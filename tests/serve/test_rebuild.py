"""Saving while serving: rebuilt outputs, bursts, broken saves, deleted and renamed articles."""

from __future__ import annotations

import zipfile
from io import BytesIO

from tests.helpers import build_at_epoch


def _epub_text(served) -> str:
    data = served.get(f"/build/{served.status()['files']['epub']}")[2]
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")
        )


def _rebuilds(served, since: int) -> int:
    return sum(line.startswith("changed:") for line in served.lines[since:])


def test_a_save_is_rebuilt_identically_to_a_clean_build(served, tmp_path):
    before = served.status()["generation"]
    article = served.folder / "02-ferry-timetable.md"
    original = article.read_text(encoding="utf-8")
    try:
        article.write_text(original + "\nThe ferry now leaves at ten past seven.\n", "utf-8")
        state = served.wait_for(before)
        while "ten past seven" not in _epub_text(served):
            state = served.wait_for(state["generation"])
        assert state["ok"], state["problems"]
        clean = build_at_epoch(served.folder, ["epub", "pdf"], tmp_path / "clean")
        for output in clean.outputs:
            served_bytes = served.get(f"/build/{output.path.name}")[2]
            assert served_bytes == output.path.read_bytes(), output.path.name
        assert served.get("/build/SHA256SUMS")[2] == clean.checksums.read_bytes()
    finally:
        article.write_text(original, encoding="utf-8")
        served.wait_for(served.status()["generation"])


def test_a_burst_of_saves_makes_one_rebuild(served):
    state = served.status()
    lines = len(served.lines)
    names = ["01-harbour-wall.md", "02-ferry-timetable.md", "03-lamp-room.md"]
    originals = {n: (served.folder / n).read_text(encoding="utf-8") for n in names}
    try:
        for name in names * 3:  # nine saves at once
            with open(served.folder / name, "a", encoding="utf-8") as handle:
                handle.write("\nA line added in a burst.\n")
        state = served.wait_for(state["generation"])
        assert _rebuilds(served, lines) == 1, served.lines[lines:]
    finally:
        for name, text in originals.items():
            (served.folder / name).write_text(text, encoding="utf-8")
        served.wait_for(served.status()["generation"])


def test_a_broken_save_keeps_the_last_good_files_and_shows_the_problem(served):
    state = served.status()
    good = served.get(f"/build/{state['files']['epub']}")[2]
    article = served.folder / "03-lamp-room.md"
    original = article.read_text(encoding="utf-8")
    try:
        article.write_text(original.replace("title: Inside", "title: [Inside"), "utf-8")
        broken = served.wait_for(state["generation"])
        assert not broken["ok"]
        assert any(
            line.startswith(f"{article}:") and ": error:" in line for line in broken["problems"]
        ), broken["problems"]
        assert served.get(f"/build/{state['files']['epub']}")[2] == good
        page = served.get("/")[2].decode("utf-8")
        assert "build failed" in page and "03-lamp-room.md:" in page
    finally:
        article.write_text(original, encoding="utf-8")
    fixed = served.wait_for(broken["generation"])
    assert fixed["ok"] and fixed["problems"] == []


def test_deleting_and_renaming_articles(served):
    state = served.status()
    lamp = served.folder / "03-lamp-room.md"
    text = lamp.read_text(encoding="utf-8")
    try:
        lamp.unlink()
        state = served.wait_for(state["generation"])
        titles = [e["title"] for e in state["contents"]]
        assert "Inside the Lamp Room" not in titles and len(titles) == 2
        (served.folder / "00-lamp-room.md").write_text(text, encoding="utf-8")
        state = served.wait_for(state["generation"])
        titles = [e["title"] for e in state["contents"]]
        assert titles[0] == "Inside the Lamp Room", titles
        assert "Inside the Lamp Room" in _epub_text(served)
    finally:
        (served.folder / "00-lamp-room.md").unlink(missing_ok=True)
        lamp.write_text(text, encoding="utf-8")
        served.wait_for(served.status()["generation"])
