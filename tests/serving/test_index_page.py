"""serving/index_page.py on Streamlit's own static folder: the index page the server sends is
Streamlit's, with the base-address hint first in its <head> and the chart bundle imported after
Streamlit's own module; every other file is Streamlit's own (a link to it)."""
import json
import re

import pytest

from serving.index_page import BASE_HINT, INDEX, chart_bundle, early_chart_import, hinted_index, prepare
from serving.workers import streamlit_static_dir

STATIC = streamlit_static_dir()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    return prepare(STATIC, ["overview", "staff-results", "sign-in"], tmp_path_factory.mktemp("static"))


def test_every_file_but_the_index_page_is_streamlits_own(prepared):
    entries = {p.name for p in STATIC.iterdir()}
    assert {p.name for p in prepared.iterdir()} == entries
    for name in entries - {INDEX}:
        assert (prepared / name).is_symlink() and (prepared / name).resolve() == (STATIC / name).resolve(), name


def test_the_index_page_is_streamlits_with_the_hint_first_and_the_chart_import_last(prepared):
    original = (STATIC / INDEX).read_text(encoding="utf-8")
    served = (prepared / INDEX).read_text(encoding="utf-8")
    head = served[served.index("<head>"):served.index("</head>")]
    assert head.index("BACKEND_BASE_URL") < head.index('type="module" crossorigin src="./static/js/index.')
    bundle = chart_bundle(STATIC)
    assert head.index(f'import("./static/js/{bundle}")') > head.index("./static/js/index.")
    assert (STATIC / "static" / "js" / bundle).is_file()
    without = re.sub(r"\n<script>\n\(function \(\) \{.*?</script>", "", served, count=1, flags=re.S)
    without = without.replace(f'<link rel="modulepreload" crossorigin href="./static/js/{bundle}">\n'
                              f'<script type="module">import("./static/js/{bundle}");</script>\n', "")
    assert without == original, "nothing else of Streamlit's index page changed"
    pages = json.loads(re.search(r"var pages = (\[.*?\]);", served).group(1))
    assert pages == ["overview", "sign-in", "staff-results"]


def test_a_page_path_cannot_close_the_script():
    served = hinted_index("<html><head></head></html>", ["a</script><script>alert(1)"])
    assert served.count("</script>") == 1 and "<\\/script>" in served


def test_an_index_page_without_a_head_is_refused_in_words():
    with pytest.raises(ValueError, match="needs serving/index_page.py revisited"):
        hinted_index("<html></html>", ["overview"])
    with pytest.raises(ValueError, match="needs serving/index_page.py revisited"):
        early_chart_import("<html><head>", "PlotlyChart.x.js")


def test_the_hint_only_acts_at_a_page_path():
    assert "pages.indexOf(page) < 0" in BASE_HINT and "given.BACKEND_BASE_URL" in BASE_HINT
