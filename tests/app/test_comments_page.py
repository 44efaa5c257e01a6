"""AppTest: the Comments page (full edition) on the sample data.

It shows the themes over time and in one wave, typical examples and the officers' list, all
redacted: none of the identifiers the sample plants in its comments (a manager's name, a
phone number, an email address, a staff number, a colleague's name) appears in any element;
counts under the threshold are hidden; the address keeps only the survey and the wave,
never a comment. An officer's correction is kept in the store with who and when, and the
page counts the comment under its new theme from then on; a correction without a name is
refused with what to fill in, and nothing is kept.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assembly.bundle import load_bundle
from metrics.comment_view import comment_view, wave_comments
from sample_data.staff_comments import IDENTIFIERS
from settings.config import load_settings
from store.interface import open_store
from tests.disclosure.page_sweep import pointed_at, through_the_router

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
PLANTED = ["Sarah Collins", "Collins", "07700 900461", "900461", "j.okafor", "okafor", "104883", "Gary Whitfield",
           "Whitfield"]


@pytest.fixture()
def folder(tmp_path) -> Path:
    """A copy of the sample data; the app reads it (and its store) for the whole test."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("uploads"))
    with pointed_at(target, "full"), through_the_router():
        yield target


def open_comments(folder: Path, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.switch_page("pages/comments.py")
    return at.run()


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "error")
             for e in getattr(at, kind)]
    parts += [str(getattr(e, "proto", "")) for e in at.get("html")]
    parts += [str(e.proto) for e in at.get("arrow_data_frame")]
    parts += [str(e.proto) for e in at.get("plotly_chart")]
    parts += [str(o) for box in at.selectbox for o in box.options]
    return "\n".join(parts)


def test_the_sample_plants_identifiers_for_the_page_to_redact():
    data = load_bundle(SAMPLE, edition="full")
    written = " ".join(data.comments["text"].astype(str))
    assert all(any(word in written for word in planted.split()) for planted in IDENTIFIERS)
    assert "Sarah Collins" in written and "07700 900461" in written and "104883" in written


def test_the_page_shows_themes_examples_and_the_list_all_redacted(folder):
    at = open_comments(folder)
    assert not at.exception, [e.value for e in at.exception]
    assert [h.value for h in at.header] == ["Themes over time", "One wave's themes", "What people say",
                                            "What the themes miss", "Comments by group", "Correct a comment's theme"]
    text = page_text(at)
    leaked = [p for p in PLANTED if p in text]
    assert not leaked, leaked
    assert "[name]" in text or "[phone]" in text or "[staff number]" in text, "a redacted comment is on the page"
    settings = load_settings()
    data = load_bundle(folder, edition="full")
    view = comment_view(data.comments, data.theme_corrections, data.actions["owner"], data.surveys.reach, "staff",
                        settings.disclosure)
    one = wave_comments(view, view.comments["wave_date"].max())
    shown = one.counts[one.counts["shown"] & (one.counts["theme"] != "no_theme")]
    hidden = one.counts[~one.counts["shown"]]
    subheaders = [s.value for s in at.subheader]
    for row in shown.itertuples():
        assert f"{row.theme_name} ({row.comments} comments)" in subheaders
    for row in hidden.itertuples():
        assert not any(s.startswith(f"{row.theme_name} (") for s in subheaders), f"{row.theme_name} is hidden"
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert 0 < len(quotes) <= 3 * len(shown)


def test_the_address_keeps_the_survey_and_wave_never_a_comment(folder):
    at = open_comments(folder, {"wave": "2024-04-15"})
    assert not at.exception
    assert at.selectbox(key="comments-wave").value.strftime("%Y-%m-%d") == "2024-04-15"
    at.selectbox(key="comments-correct-comment").select_index(1).run()
    assert set(at.query_params) <= {"survey", "wave"}, dict(at.query_params)


def test_an_officers_correction_is_kept_with_who_and_when_and_counts_from_then_on(folder):
    at = open_comments(folder)
    first_list = at.selectbox(key="comments-correct-comment")
    theme_before = at.selectbox(key="comments-correct-theme").value
    comment = first_list.value
    at.selectbox(key="comments-correct-new").set_value("pay")
    at.text_input(key="comments-correct-who").input("Priya Shah")
    at = at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] and "Pay and reward" in at.success[0].value
    kept = open_store(folder).theme_corrections()
    assert kept[["comment_id", "theme", "who"]].to_numpy().tolist() == [[comment, "pay", "Priya Shah"]]
    data = load_bundle(folder, edition="full")
    view = comment_view(data.comments, data.theme_corrections, data.actions["owner"], data.surveys.reach, "staff",
                        load_settings().disclosure)
    assert view.themes.loc[view.themes["comment_id"] == comment, "theme"].tolist() == ["pay"]
    assert view.themes.loc[view.themes["comment_id"] == comment, "source"].tolist() == ["correction"]
    if theme_before != "pay":
        assert comment not in set(view.themes.loc[view.themes["theme"] == theme_before, "comment_id"])


def test_a_correction_without_a_name_is_refused_and_nothing_is_kept(folder):
    at = open_comments(folder)
    at.selectbox(key="comments-correct-new").set_value("pay")
    at = at.button[0].click().run()
    assert not at.exception
    assert at.error and "type your name in the name field" in at.error[0].value
    assert open_store(folder).theme_corrections().empty
