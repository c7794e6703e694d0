"""A theme's stylesheets may use only their own files: remote URLs are refused, with the line."""

from __future__ import annotations

import pytest

from publisher.errors import AssetError
from publisher.render.theme import load_theme
from tests.helpers import write_folder


@pytest.mark.parametrize(
    "css",
    [
        "body { color: black }\n@font-face { src: url(https://fonts.example/x.woff2) }\n",
        "body { color: black }\n@import 'http://cdn.example/a.css';\n",
        'p { }\nbody { background: url( "ftp://host/x.png" ) }\n',
    ],
)
def test_remote_urls_in_project_css_are_refused(tmp_path, css):
    folder = write_folder(tmp_path, {"styles/css/extra.css": css})
    with pytest.raises(AssetError) as info:
        load_theme(folder).css("base.css", "epub.css")
    assert info.value.location.path.name == "extra.css"
    assert info.value.location.line == 2


def test_local_and_data_urls_are_fine(tmp_path):
    css = "a { background: url(data:image/png;base64,AAAA) }\nb { src: url(../fonts/x.otf) }\n"
    folder = write_folder(tmp_path, {"styles/css/extra.css": css})
    assert "data:image/png" in load_theme(folder).css("base.css")
