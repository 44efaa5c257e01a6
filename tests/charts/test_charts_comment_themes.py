"""The comment themes' charts: lines told apart without colour, gaps for hidden counts, the
share's denominator in the alt text, and never a comment's text in the figure."""
from __future__ import annotations

import json

import pandas as pd

from charts.comment_themes import latest_theme_counts, theme_share_trend
from charts.text import alt_text
from metrics.comment_themes import assign_themes, theme_counts
from model.frames import COMMENTS, conform
from settings.comment_themes import comment_codebook
from settings.disclosure import DisclosurePolicy

CODEBOOK = comment_codebook()
POLICY = DisclosurePolicy(3, 20)
TEXTS = {"2023-05": ["Workloads are high"] * 4 + ["Pay is low"] * 3 + ["Hybrid working suits me"] * 3
         + ["Senior leaders are visible"] * 3 + ["Communication is poor"] * 3 + ["Bullied at work"] * 3
         + ["The canteen is fine"] * 4,
         "2024-01": ["Workloads are high"] * 6 + ["Pay is low"] * 1 + ["Hybrid working suits me"] * 5
         + ["Senior leaders are visible"] * 3 + ["Communication is poor"] * 3 + ["Bullied at work"] * 3
         + ["The canteen is fine"] * 3}


def counts() -> pd.DataFrame:
    rows = [(f"{w}-{i}", w, t) for w, texts in TEXTS.items() for i, t in enumerate(texts)]
    frame = pd.DataFrame(rows, columns=["comment_id", "wave", "text"])
    frame = conform(frame.assign(audience="staff", wave_date=frame["wave"] + "-01", group="", question_id="Q",
                                 question_text="Q"), COMMENTS)
    return theme_counts(frame, assign_themes(frame, CODEBOOK), POLICY, CODEBOOK)


def test_the_trend_has_a_line_per_theme_told_apart_without_colour():
    table = counts()
    fig = theme_share_trend(table)
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name for t in lines] == [t.name for t in CODEBOOK.themes]
    assert len({t.marker.symbol for t in lines}) == len(lines) and len({t.line.dash for t in lines}) > 1
    pay = next(t for t in lines if t.name == "Pay and reward")
    assert list(pay.y) == [round(3 / 23 * 100, 1), None]          # 2024-01: 1 comment, a gap
    workload = next(t for t in lines if t.name == "Workload")
    assert list(workload.y) == [round(4 / 23 * 100, 1), round(6 / 24 * 100, 1)]
    ends = [a.text for a in fig.layout.annotations if str(a.name).startswith("end label")]
    assert any(text.startswith("Workload") for text in ends)
    words = alt_text(fig)
    assert "the denominator is all the wave's comments" in words and "Workload rose from 17% in May 2023 to 25%" in words
    assert "Gaps mark results not shown because too few comments" in words


def test_the_latest_wave_bar_labels_every_theme_and_says_what_is_hidden():
    fig = latest_theme_counts(counts())
    bar = fig.data[0]
    # pay's 1 is small; leadership (3, the smallest shown, first in the codebook) is hidden with it
    assert list(bar.x) == [6, None, 3, 3, None, 5, 3]
    assert bar.text[0] == "6 (25%)" and bar.text[4] == "not shown: fewer than 3 comments"
    assert bar.text[1] == "not shown: would reveal a smaller count"    # short enough for a phone's bar
    words = alt_text(fig)
    assert "Leadership visibility (hidden so that a smaller count cannot be worked out by subtraction)" in words
    assert words.startswith("Comments per theme in the Jan 2024 wave, of 24 comments in all")
    assert "Pay and reward (fewer than 3 comments)" in words


def test_no_comment_text_reaches_a_figure():
    table = counts()
    for fig in (theme_share_trend(table), latest_theme_counts(table)):
        dumped = json.dumps(fig.to_plotly_json(), default=str)
        assert "canteen" not in dumped and "suits me" not in dumped
