"""Formula injection is neutralised in every text cell and header; numbers are untouched."""
import pandas as pd

from exports.cells import neutralise_formula, neutralise_frame


def test_each_formula_start_is_neutralised():
    for text in ["=1+1", "+44 1223", "-cmd", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise_formula(text) == "'" + text


def test_plain_text_and_numbers_are_unchanged():
    assert neutralise_formula("Red") == "Red"
    assert neutralise_formula(-5) == -5
    assert neutralise_formula(None) is None


def test_frame_cells_and_headers():
    frame = pd.DataFrame({"=bad": ["=HYPERLINK(\"x\")", "ok"], "n": [-1, 2]})
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=bad", "n"]
    assert out.iloc[0, 0].startswith("'=") and out.iloc[1, 0] == "ok"
    assert out["n"].tolist() == [-1, 2]
