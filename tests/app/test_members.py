"""Members too (issue 17): Culture shows the members' survey beside the staff results and
the Code of Conduct complaints trend; a political group under the threshold is never shown
(nor one that would give it away by subtraction); the Overview judges BVN-3 on member
evidence; the staff edition shows only the whole-audience members' figure in its reasons."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from assembly.bundle import load_bundle
from metrics.published import wave_dates, wave_groups
from settings.config import load_settings
from tests.disclosure.page_sweep import open_expanders

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def culture(part: str = "members") -> AppTest:
    """The Culture page showing one of its parts (?part=members or complaints), its tables opened."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["part"] = part
    at.switch_page("pages/culture.py")
    at.run()
    open_expanders(at)                  # the charts' tables, as a reader opens them
    return at.run()


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [getattr(f.value, "data", f.value) for f in at.dataframe]


def test_culture_shows_members_results_and_the_complaints_trend():
    at = culture("members")
    assert not at.exception and not at.error
    assert "Members" in [h.value for h in at.header] and "Code of Conduct complaints" not in [h.value for h in at.header]
    keys = {str(c.key) for c in at.get("plotly_chart")}
    assert {"member-trend", "member-moved", "member-heatmap"} <= keys and not {"culture-trend", "complaints"} & keys
    trend = next(f for f in frames(at) if "Survey measure" in f.columns
                 and f["Survey measure"].str.startswith("Members'").any())
    culture_row = trend[trend["Survey measure"] == "Members' survey, culture theme: % positive"]
    assert len(culture_row) == 3                        # three waves: Nov 2022, Jun 2023, Jun 2024
    at = culture("complaints")
    assert not at.exception and not at.error
    assert "Code of Conduct complaints" in [h.value for h in at.header]
    assert {str(c.key) for c in at.get("plotly_chart")} == {"complaints"}
    complaints = next(f for f in frames(at) if "Quarter received" in f.columns)
    bundle = load_bundle(SAMPLE)
    about_members = bundle.complaints[bundle.complaints["subject"] == "member"]
    assert complaints["Complaints"].sum() == len(about_members)   # every complaint about a member, once
    assert {"No further action", "Breach found", "Ongoing"} <= set(complaints.columns)
    assert not set(complaints.astype(str).stack()) & set(bundle.complaints["reference"])
    alt = [c.value for c in at.caption if c.value.startswith("Code of Conduct complaints about members")]
    assert alt and "(complaints, not people)" in alt[0]
    assert any("What is counted" in c.value for c in at.caption)


def test_choosing_officers_redraws_the_complaints_trend_for_officers():
    at = culture("complaints")
    at.radio(key="complaints-subject").set_value("About officers").run()
    assert not at.exception
    complaints = next(f for f in frames(at) if "Quarter received" in f.columns)
    bundle = load_bundle(SAMPLE)
    assert complaints["Complaints"].sum() == (bundle.complaints["subject"] == "officer").sum()


def test_a_small_political_group_is_never_shown_nor_recoverable_by_subtraction():
    settings, bundle = load_settings(), load_bundle(SAMPLE)
    latest = wave_dates(bundle.surveys, "member")[0]
    groups = wave_groups(bundle.surveys, bundle.codebook, "member", settings.disclosure, latest)
    hidden = set(groups.loc[groups["score"].isna(), "group"])
    assert {"Independent", "Green"} <= hidden            # under 10 members answered from each
    at = culture()
    table = next(f for f in frames(at) if "Political group" in f.columns)
    for group in hidden:
        rows = table[table["Political group"] == group]
        assert len(rows) and rows.drop(columns=["Political group", "Wave", "Theme"], errors="ignore").map(
            lambda v: not isinstance(v, (int, float)) or pd.isna(v)).all().all(), f"{group} shows a figure"
    # by subtraction: the whole survey's respondents minus the shown groups must not leave one
    # hidden group alone (at least two are hidden, or none)
    shown = groups.dropna(subset=["score"]).drop_duplicates("group")
    hidden_groups = groups.loc[groups["score"].isna(), "group"].unique()
    assert len(hidden_groups) != 1
    reach = bundle.surveys.reach
    answered = reach[(reach["audience"] == "member") & (reach["wave_date"] == latest)]["respondents"].sum()
    assert answered == 47 and shown["n_respondents"].sum() < answered


def test_the_overview_judges_bvn3_on_member_evidence_too():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/overview.py")
    at.run()
    open_expanders(at)                  # each expectation's evidence, as a reader opens it
    at.run()
    assert not at.exception and not at.error
    text = " ".join(m.value for m in at.markdown).replace("\\", "")      # as read: Markdown escapes dropped
    assert "Members' survey, culture theme:" in text
    assert "Code of Conduct complaints about members:" in text and "(counts of complaints, not of people)" in text
    assert any("About" in f.columns and "Quarter received" in f.columns for f in frames(at))


def test_the_staff_edition_shows_only_the_whole_audience_members_figure(monkeypatch):
    monkeypatch.setenv("IMPROVEMENT_EDITION", "staff")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/overview.py")
    at.run()
    open_expanders(at)                  # each expectation's evidence, as a reader opens it
    at.run()
    assert not at.exception and not at.error
    text = " ".join(m.value for m in at.markdown).replace("\\", "")      # as read: Markdown escapes dropped
    assert "Members' survey, culture theme:" in text     # the whole members' survey, as published
    assert not [f for f in frames(at) if "Quarter received" in f.columns]   # no complaints by quarter
    words = text + " ".join(str(v) for f in frames(at) for v in f.astype(str).stack())
    # no political group ("Independent" is also the Independent Improvement Board's name)
    assert not any(group in words for group in ("Political group", "Conservative", "Liberal Democrat", "Labour",
                                                "Green group", "Independent group"))
