"""Each genuine export of the corpus reads as its manifest entry says (tests/fixtures/real/corpus.toml).

The files live outside this repository (tests/fixtures/real/PROVENANCE.md says why and
where): in $IMPROVEMENT_REAL_CORPUS, else ../shared/real-exports beside the checkout. One test
per file: its blob hash, then its load judged against the expected outcome. Where the folder
is absent, each test is skipped saying so; .ci/run sets REQUIRE_CORPUS=1 when the folder is
there, and then a missing file fails.
"""
import os
from pathlib import Path

import pytest

from tests.real_corpus import DEFAULT_DIR, blob_hash, entries, judge, load_outcome

FOLDER = Path(os.environ.get("IMPROVEMENT_REAL_CORPUS", DEFAULT_DIR))


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["name"])
def test_genuine_export_reads_as_expected(entry):
    path = FOLDER / entry["name"]
    if not path.is_file():
        if os.environ.get("REQUIRE_CORPUS") == "1":
            pytest.fail(f"{path} is missing (REQUIRE_CORPUS=1)")
        pytest.skip(f"genuine files not present in {FOLDER}: see tests/fixtures/real/PROVENANCE.md")
    assert blob_hash(path.read_bytes()) == entry["blob"], "the file differs from the blob at its commit"
    assert judge(entry, load_outcome(path, entry.get("options", {}))) == []
