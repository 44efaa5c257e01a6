"""charts.palette: colours come from config/palette.toml; text is dark enough; system fonts."""
from __future__ import annotations

import tomllib
from pathlib import Path

from charts import palette

HIDDEN = "fewer than 10 responses"   # the label a page passes (survey_blocks.hidden_label)

ROOT = Path(__file__).resolve().parents[2]


def _toml() -> dict:
    with (ROOT / "config" / "palette.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_palette_constants_match_the_config_file():
    config = _toml()
    assert palette.PALETTE == config["categorical"]
    assert palette.SEQUENTIAL == config["sequential"]
    assert palette.STATUS_COLOURS == config["status"]
    assert palette.EVENT_COLOURS == config["event_kind"]
    assert palette.TEXT == config["text"] == "#0B0C0C"
    assert palette.MUTED == config["muted_text"] == "#505A5F"


def test_palette_is_the_analysis_function_order():
    assert palette.PALETTE[:3] == ["#12436D", "#28A197", "#801650"]
    assert isinstance(palette.PALETTE, list)


def test_text_colours_reach_aa_on_white(contrast):
    assert contrast(palette.TEXT, "#FFFFFF") >= 4.5
    assert contrast(palette.MUTED, "#FFFFFF") >= 4.5
    # the Streamlit default it replaces does not
    assert contrast("#808495", "#FFFFFF") < 4.5


def test_base_layout_sets_title_fonts_and_text_colours_explicitly(contrast):
    layout = palette.base_layout("Culture trend")
    assert layout["title"]["text"] == "Culture trend"
    assert layout["font"]["color"] == palette.TEXT
    assert layout["title"]["font"]["color"] == palette.TEXT
    assert layout["legend"]["font"]["color"] == palette.TEXT
    assert layout["hoverlabel"]["font"]["color"] == palette.TEXT
    for axis in ("xaxis", "yaxis"):
        assert layout[axis]["tickfont"]["color"] == palette.MUTED
        assert layout[axis]["title"]["font"]["color"] == palette.TEXT
    assert layout["font"]["family"].startswith("system-ui")
    assert "http" not in str(layout) and "@import" not in str(layout)
    assert layout["colorway"] == palette.PALETTE


def test_text_on_always_gives_readable_text_on_status_and_sequential_fills(contrast):
    for fill in [*palette.STATUS_COLOURS.values(), *palette.SEQUENTIAL, *palette.PALETTE]:
        chosen = palette.text_on(fill)
        assert chosen in (palette.TEXT, "#FFFFFF")
        assert contrast(chosen, fill) >= 4.5, fill


def test_readable_falls_back_to_text_for_light_colours(contrast):
    assert palette.readable("#28A197") == palette.TEXT  # teal is 3.3:1 on white
    assert palette.readable("#801650") == "#801650"
    assert palette.contrast_ratio("#000000", "#FFFFFF") == contrast("#000000", "#FFFFFF")


def test_rgba_keeps_the_palette_colour():
    assert palette.rgba("#12436D", 0.15) == "rgba(18,67,109,0.15)"


# WCAG 1.4.11 (non-text contrast, 3:1) for the colours charts draw with.

def test_categorical_colours_reach_3_to_1_on_white(contrast):
    for colour in palette.PALETTE:
        assert contrast(colour, "#FFFFFF") >= 3.0, colour


def test_neighbouring_categorical_colours_reach_3_to_1(contrast):
    """Series take the palette in order (trend lines, legend swatches side by side)."""
    for first, second in zip(palette.PALETTE, palette.PALETTE[1:]):
        assert contrast(first, second) >= 3.0, (first, second)


def test_status_colours_reach_3_to_1_on_white(contrast):
    """Stacked status bars separate segments with white lines (next test), so each status
    colour must stand out from white; neighbouring statuses themselves need not (the GOV.UK
    RAG colours do not: Amber and Green are 1.05:1), and each carries its word."""
    for status, colour in palette.STATUS_COLOURS.items():
        assert contrast(colour, "#FFFFFF") >= 3.0, status
    assert contrast(palette.STATUS_COLOURS["Amber"], palette.STATUS_COLOURS["Green"]) < 3.0


def test_stacked_bars_separate_their_segments_with_white_lines():
    import pandas as pd

    from charts.actions import status_over_time
    from charts.survey import answer_distribution

    mix = pd.DataFrame({"snapshot_date": pd.to_datetime(["2024-01-01"] * 3), "status": ["Amber", "Green", "Complete"],
                        "count": [1, 2, 3]})
    answers = pd.DataFrame({"question": ["Q"], "pct_negative": [20.0], "pct_neutral": [30.0], "pct_positive": [50.0]})
    for fig in (status_over_time(mix), answer_distribution(answers, suppressed_label=HIDDEN)):
        bars = [t for t in fig.data if t.type == "bar"]
        assert fig.layout.barmode == "stack" and len(bars) == 3
        for bar in bars:
            assert bar.marker.line.color.upper() in ("#FFFFFF", "WHITE") and bar.marker.line.width >= 1, bar.name


def test_event_and_text_colours_reach_3_to_1_on_white(contrast):
    for kind, colour in palette.EVENT_COLOURS.items():
        assert contrast(colour, "#FFFFFF") >= 3.0, kind


def test_every_judgement_cell_on_the_overview_gets_its_colour():
    from charts.palette import JUDGEMENT_COLOURS, judgement_colours
    import pandas as pd

    from charts.tracker import status_styler
    from settings.judgement_rules import load_judgement_rules

    words = load_judgement_rules()["words"]
    table = pd.DataFrame({"Judgement": list(words.values())})
    styles = status_styler(table, columns=("Judgement",), colours=judgement_colours(words))._compute().ctx
    fills = [dict(styles[(row, 0)]).get("background-color") for row in range(len(table))]
    assert fills == [JUDGEMENT_COLOURS[rating] for rating in words]      # "No evidence yet" included
