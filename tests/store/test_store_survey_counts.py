"""A survey upload is kept by the file store as counts (answer counts + reach table), and
the bundle gives the same figures from them as from the respondent rows; an upload kept as
respondent rows by an earlier version is counted when read."""
from pathlib import Path

import pandas as pd

from assembly.bundle import load_bundle
from loaders.codebook import load_codebook
from loaders.pipeline import load_file
from model.survey_counts import count_responses
from metrics.published import survey_views
from store.file_store import FileStore
from store.interface import open_store
from settings.disclosure import DisclosurePolicy

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
WAVE = SAMPLE / "surveys" / "staff_survey_2022-09.xlsx"
META = {"audience": "staff", "wave": "2022-09", "wave_date": "2022-09-15"}
POLICY = DisclosurePolicy(min_size=10, protection_points=20)


def _result():
    return load_file(WAVE, kind="survey", codebook=load_codebook(SAMPLE / "codebook.csv"), **META)


def test_survey_upload_keeps_counts_not_rows(tmp_path):
    """On disk: the answer counts and the reach table beside them (that the counts read back
    equal what was stored is the contract, tests/store/test_store_contract.py)."""
    result = _result()
    entry = FileStore(tmp_path).add(WAVE.read_bytes(), WAVE.name, result, META).entry
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / entry.reach), count_responses(result.frame).reach)
    assert len(pd.read_parquet(tmp_path / entry.normalised)) < len(result.frame)


def test_rows_kept_by_an_earlier_version_are_counted(tmp_path):
    result = _result()
    entry = FileStore(tmp_path).add(WAVE.read_bytes(), WAVE.name, result, META).entry
    (tmp_path / entry.reach).unlink()
    result.frame.to_parquet(tmp_path / entry.normalised, index=False)
    kept = FileStore(tmp_path).counts(entry)
    pd.testing.assert_frame_equal(kept.reach, count_responses(result.frame).reach)


def test_bundle_from_uploaded_counts_publishes_what_the_rows_give(tmp_path):
    """Counted from the columns at upload, kept, read back by the bundle: the same published
    views as counting the respondent rows (count_responses), dtypes and order included."""
    result = _result()
    (tmp_path / "codebook.csv").write_bytes((SAMPLE / "codebook.csv").read_bytes())
    open_store(tmp_path).add(WAVE.read_bytes(), WAVE.name, result, META)
    data = load_bundle(tmp_path)
    from_counts = survey_views(data.surveys, data.codebook, "staff", POLICY)
    from_rows = survey_views(count_responses(result.frame), data.codebook, "staff", POLICY)
    for name in ("trend", "moved", "groups", "statements"):
        pd.testing.assert_frame_equal(getattr(from_counts, name), getattr(from_rows, name), check_dtype=False)
