"""headcount.csv: people invited per wave; a bad count is a warning naming its row."""
import pandas as pd

from loaders.grid import read_text_table
from loaders.headcount import headcount_from_sheet, load_headcount
from settings.config import REPO_ROOT


def test_sample_headcount_covers_every_wave():
    frame = load_headcount(REPO_ROOT / "data" / "sample" / "headcount.csv")
    manifest = pd.read_csv(REPO_ROOT / "data" / "sample" / "manifest.csv", dtype=str)
    waves = manifest[manifest["kind"] == "survey"]
    assert sorted(zip(frame["audience"], frame["wave"])) == sorted(zip(waves["audience"], waves["wave"]))
    assert sorted(frame["audience"].unique()) == ["member", "partner", "staff"]
    assert len(frame) == 12 and frame["headcount"].min() > 0


def test_bad_count_is_a_warning_with_row(tmp_path):
    path = tmp_path / "headcount.csv"
    path.write_text("audience,wave,headcount\nstaff,2024-01,180\nstaff,2024-06,about 200\n", encoding="utf-8")
    result = headcount_from_sheet(read_text_table(path))
    assert result.records == 1
    assert result.warnings[0].row == 3 and result.warnings[0].column == "headcount"
