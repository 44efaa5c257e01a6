"""The label vocabulary (config/labels.toml, settings/labels.py): one display name per
canonical column, a table kind's own names, and data-derived columns left as written."""
from pathlib import Path

import pandas as pd
import pytest

from metrics.tracker_tables import DOWNLOAD_COLUMNS
from pages.sections.survey_blocks import ANSWER_COLUMNS, GROUP_COLUMNS, MOVED_COLUMNS, RATE_COLUMNS, TREND_COLUMNS
from settings.labels import column_labels, label, labelled


def test_a_table_kind_renames_a_column_its_own_way_and_keeps_the_defaults():
    assert label("pct_positive") == "% positive"
    assert label("pct_positive", "moved") == "% positive now"
    assert label("question", "moved") == "Statement"


def test_an_unknown_table_kind_is_an_error_not_a_silent_default():
    with pytest.raises(KeyError, match="tables.nonsense"):
        column_labels("nonsense")


def test_labelled_shows_the_listed_columns_in_order_under_their_names():
    frame = pd.DataFrame({"status": ["Red"], "reference": ["A1"], "sha": ["x"]})
    out = labelled(frame, ["reference", "status", "missing"])
    assert list(out.columns) == ["Ref", "Status"]
    assert out.iloc[0].tolist() == ["A1", "Red"]


def test_a_column_from_the_data_keeps_the_name_the_authority_wrote():
    frame = pd.DataFrame({"topic": ["Buses"], "Impact on KPIs": [3], "total": [9]})
    out = labelled(frame, table="scrutiny", names={"total": "Priority score"})
    assert list(out.columns) == ["Topic", "Impact on KPIs", "Priority score"]


@pytest.mark.parametrize("columns", [TREND_COLUMNS, ANSWER_COLUMNS, MOVED_COLUMNS, RATE_COLUMNS, GROUP_COLUMNS,
                                     DOWNLOAD_COLUMNS])
def test_every_column_a_page_lists_has_a_display_name(columns):
    named = column_labels()
    assert [c for c in columns if c not in named and c != "group"] == []


def test_labelled_shows_coded_values_under_their_display_names():
    """Issue 16: a theme column shows "Culture", not "culture"; a value with no name keeps its own."""
    frame = pd.DataFrame({"theme": ["culture", "governance", "wellbeing", None], "audience": ["staff"] * 4})
    out = labelled(frame, ["theme", "audience"])
    assert out["Theme"].tolist()[:3] == ["Culture", "Governance", "wellbeing"] and pd.isna(out["Theme"].iloc[3])
    assert set(out["Audience"]) == {"Staff survey"}
    assert frame["theme"].iloc[0] == "culture"            # the canonical frame is untouched


def test_every_theme_and_audience_of_the_sample_has_a_display_name():
    from settings.labels import value_labels
    codebook = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "sample" / "codebook.csv")
    assert set(codebook["theme"]) <= set(value_labels("theme"))
    assert {"staff", "partner"} <= set(value_labels("audience"))


def test_a_survey_measure_is_named_for_what_it_is():
    from settings.labels import flipped_note, survey_measure, survey_name
    assert survey_measure("staff", "governance") == "Staff survey, governance theme: % positive"
    assert survey_measure("partner", "Governance", unit=False) == "Partner survey, governance theme"
    assert survey_name("pupil") == "Pupil survey"
    assert flipped_note("have not experienced it") == "positive = disagree, i.e. have not experienced it"
    assert flipped_note(None) == flipped_note(pd.NA) == "positive = disagree"
