"""exports.scrutiny_xlsx: the committee paper (labels, formatting, print set-up, scheme sheet)."""
import io

import openpyxl
import pytest
import pandas as pd

from exports.scrutiny_xlsx import committee_workbook, label_format, level_fills, scores_csv
from model.frames import SCRUTINY_SCORES, conform
from settings.vocabulary import scrutiny_schemes
from metrics.scrutiny import topic_matrix
from metrics.scrutiny_views import weighted_ranking

SCHEME = scrutiny_schemes()["cpca-8"]


def book(weights=None):
    rows = [("2024-11-07", topic, c, s, "cpca-8") for topic, base in (("=HYPERLINK(\"x\")", 3), ("Skills", 1))
            for c, s in zip(SCHEME.criteria, [base] * 8)]
    scores = conform(pd.DataFrame(rows, columns=["meeting_date", "topic", "criterion", "score", "scheme"]),
                     SCRUTINY_SCORES)
    ranking = weighted_ranking(scores, weights, SCHEME.cutoff)
    matrix = topic_matrix(scores, list(SCHEME.criteria)).reindex(ranking["topic"])
    data = committee_workbook(matrix, ranking, SCHEME, "Topic scoring", "subtitle", weights)
    return openpyxl.load_workbook(io.BytesIO(data))


def test_matrix_sheet():
    wb = book()
    assert wb.sheetnames == ["Topic scores", "Scheme"]
    ws = wb["Topic scores"]
    header = [c.value for c in ws[4]]
    assert header[:3] == ["Topic", "Meeting", "Strategic objective"] and header[3:11] == list(SCHEME.criteria)
    assert header[11:] == ["Scrutiny Value Score", "Reaches cut-off", "Scorers"]
    assert ws["A5"].value == "'=HYPERLINK(\"x\")"                  # formula neutralised
    assert (ws["D5"].value, ws["L5"].value, ws["M5"].value) == (3, 24, "Yes")
    assert (ws["L6"].value, ws["M6"].value) == (8, "No")
    assert '" High"' in ws["D5"].number_format and ws.freeze_panes == "B5"
    assert ws.print_title_rows == "$4:$4"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert len(ws.conditional_formatting) == 1 and len(list(ws.conditional_formatting)[0].rules) == 3


def test_scheme_sheet_with_weights():
    ws = book(weights={"Public Interest": 2.0})["Scheme"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "1 = Low" in values and "3 = High" in values
    assert "Public Interest" in values and 2.0 in values
    assert any("What-if weights" in str(v) for v in values)


def test_labels_and_fills():
    assert label_format({1: "Low", 2: "Medium", 3: "High"}) == '[<1.5]0.0" Low";[<2.5]0.0" Medium";0.0" High"'
    fills = level_fills([0, 1, 2])
    assert fills[0][1] != fills[2][1]                      # text colour follows the fill


def test_csv_is_neutralised():
    text = scores_csv(pd.DataFrame({"Topic": ["=cmd()", "Skills"], "Score": [-1, 2]})).decode("utf-8-sig")
    assert text.splitlines() == ["Topic,Score", "'=cmd(),-1", "Skills,2"]


def test_weighted_paper_names_both_totals_and_states_the_weights():
    """Issue 16: with weights, the unweighted and the weighted total are two named columns
    (the old paper put the weighted 22 under the plain 'Scrutiny Value Score' of a topic
    whose criteria add up to 20)."""
    ws = book(weights={"Public Interest": 2.0, "Financial Value": 0.0})["Topic scores"]
    header = [c.value for c in ws[4]]
    assert header[11] == "Scrutiny Value Score (unweighted)"
    assert header[12] == ("Weighted Scrutiny Value Score (Public Interest × 2, Financial Value × 0; "
                          "every other criterion × 1)")
    assert header[13:] == ["Reaches cut-off with the weights", "Scorers"]
    assert (ws["L5"].value, ws["M5"].value) == (24, 24)           # 3 x 8; 3 x (2 + 0 + 6)
    assert (ws["L6"].value, ws["M6"].value) == (8, 8)
    assert "Scrutiny Value Score" not in header[:11] and header.count("Scrutiny Value Score") == 0


def test_unweighted_paper_has_one_total():
    header = [c.value for c in book()["Topic scores"][4]]
    assert header[11:] == ["Scrutiny Value Score", "Reaches cut-off", "Scorers"]


def test_criterion_cells_hold_the_number_they_show():
    """A mean of 1.46 would print "1.5" but be coloured and labelled Low: the paper keeps the
    shown value (1 dp), so its words, colour and the heatmap's agree."""
    rows = [("2024-11-07", "Bus", c, s, "cpca-8", scorer) for c in SCHEME.criteria
            for scorer, s in zip("ABC", (1, 2, 2))]
    scores = conform(pd.DataFrame(rows, columns=["meeting_date", "topic", "criterion", "score", "scheme", "scorer"]),
                     SCRUTINY_SCORES)
    ranking = weighted_ranking(scores, None, SCHEME.cutoff)
    matrix = topic_matrix(scores, list(SCHEME.criteria))
    ws = openpyxl.load_workbook(io.BytesIO(committee_workbook(matrix, ranking, SCHEME, "t", "s")))["Topic scores"]
    assert ws["D5"].value == 1.7 and ws["L5"].value == pytest.approx(40 / 3)


def test_reaching_the_cutoff_only_because_of_the_weights_is_said():
    ws = book(weights={c: 3.0 for c in SCHEME.criteria})["Topic scores"]      # Skills: 8 -> 24
    assert ws["N6"].value == "Yes (only because of the weights)" and ws["N5"].value == "Yes"
