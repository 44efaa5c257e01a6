"""Unmapped questions get a provisional id and reach Bundle.unmapped (listed on the Data page)."""
import shutil

from assembly.bundle import load_bundle
from model.frames import AGREEMENT_SCALE as AGREE

from conftest import SAMPLE


def test_unmapped_wording_listed_in_bundle(tmp_path, write_text):
    shutil.copy(SAMPLE / "codebook.csv", tmp_path / "codebook.csv")
    rows = [["Timestamp", "Which directorate do you work in?", "I feel valued for the work I do",
             "A brand new statement"]]
    rows += [[f"2024/01/1{i % 9} 10:00:00 AM GMT", "Place", AGREE[i % 5], AGREE[(i + 1) % 5]] for i in range(12)]
    write_text(rows, name="google.csv")
    shutil.move(str(tmp_path / "google.csv"), tmp_path / "new_wave.csv")
    data = load_bundle(tmp_path)
    assert data.sources["error"].isna().all(), data.sources
    assert data.unmapped[["file", "question_id", "wording"]].to_dict("records") == [
        {"file": "new_wave.csv", "question_id": "UNMAPPED-a-brand-new-statement", "wording": "A brand new statement"}]
    assert set(data.surveys.answers["question_id"]) == {"STAFF-VALUED", "UNMAPPED-a-brand-new-statement"}
