"""Google Forms csv (grids, timestamp formats) and the generic one-header-row survey sheet."""
import pandas as pd
import pytest

from loaders import load_file
from loaders.google_forms import grid_wording, parse_timestamps
from loaders.report import FileRejected
from model.frames import AGREEMENT_SCALE as AGREE

from loader_builders import GROUP_Q, MULTI_Q


def google_rows(stamp=lambda n: f"2023/05/0{n % 5 + 4} 10:12:33 AM GMT+1", email=True, n=11):
    grid = "How far do you agree"
    header = ["Timestamp"] + (["Email address"] if email else []) + [
        GROUP_Q, f"{grid} [I am proud to work here]", f"{grid} [My opinions count]", MULTI_Q, "Anything else?"]
    rows = [header]
    for i in range(n):
        rows.append([stamp(i)] + ([f"p{i}@example.org"] if email else []) + [
            "Place" if i % 3 else "Resources", AGREE[i % 5], "" if i == 2 else AGREE[(i + 1) % 5],
            "Induction, Network", "comment"])
    return rows


def test_google_forms_grid_and_download_timestamp(write_text, codebook):
    result = load_file(write_text(google_rows()), codebook=codebook)
    assert result.format == "google-forms-csv"
    assert (result.records, result.questions) == (11, 2)
    assert set(result.frame["question_id"]) == {"Q-PROUD", "Q-VOICE"}
    assert set(result.frame["group"]) == {"Place", "Resources"}
    assert str(result.frame["wave_date"].iloc[0].date()) == "2023-05-04"
    assert len(result.frame) == 21


@pytest.mark.parametrize("stamp, first", [
    (lambda n: f"{n + 4:02d}/05/2023 10:12:33", "2023-05-04"),      # UK sheet locale
    (lambda n: f"5/{n + 4}/2023 10:12:33", "2023-05-04"),           # US sheet locale (day > 12 later)
    (lambda n: f"2023-05-{n + 4:02d} 10:12:33", "2023-05-04"),
])
def test_google_forms_timestamp_formats(write_text, codebook, stamp, first):
    result = load_file(write_text(google_rows(stamp=stamp, email=False)), codebook=codebook)
    assert str(result.frame["wave_date"].iloc[0].date()) == first


def test_grid_wording_and_timestamps():
    assert grid_wording("Q [Row one]") == "Row one"
    assert grid_wording("No grid") == "No grid"
    assert parse_timestamps(["13/01/2024 09:00:00", "01/02/2024 09:00:00"])[1] == pd.Timestamp("2024-02-01 09:00")


def test_generic_sheet_never_seen(write_xlsx, codebook):
    rows = [["Team", "Submitted", "My opinions count", "I am proud to work here", "Age band", "Comments"]]
    for i in range(15):
        rows.append([["Finance", "Legal", "Transport"][i % 3], f"{i % 5 + 10}/06/2024",
                     ["Tend to agree", "Agree strongly", "Neutral", "Tend to disagree", "Don't know"][i % 5],
                     AGREE[i % 5], ["16-24", "25-49", "50+"][i % 3], "text"])
    result = load_file(write_xlsx(rows), codebook=codebook)
    assert result.format == "generic-survey-xlsx"
    assert (result.records, result.questions) == (15, 2)
    assert set(result.frame["group"]) == {"Finance", "Legal", "Transport"}
    assert str(result.frame["wave_date"].iloc[0].date()) == "2024-06-10"
    assert len(result.frame) == 15 + 12                   # "Don't know" is not a valid answer


def test_generic_sheet_needs_a_wave_date_without_dates(write_text, codebook):
    rows = [["Department", "Statement A"]] + [["X", AGREE[i % 5]] for i in range(5)]
    with pytest.raises(FileRejected, match="wave date"):
        load_file(write_text(rows), codebook=codebook)
    result = load_file(write_text(rows), codebook=codebook, wave_date="2024-03-01")
    assert (result.records, result.questions) == (5, 1)


def test_a_google_forms_download_with_quoted_fields_and_us_zones_loads(tmp_path, codebook):
    """Google Forms' own CSV: every field quoted, timestamps "2018/04/09 2:30:02 PM MDT"."""
    import csv
    import io

    rows = google_rows(stamp=lambda n: f"2018/04/{n + 9:02d} {n % 12 + 1}:30:02 PM MDT")
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "Staff survey (Responses).csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = load_file(path, codebook=codebook)
    assert result.format == "google-forms-csv"
    assert result.records == 11
    assert str(result.frame["wave_date"].iloc[0].date()) == "2018-04-09"
