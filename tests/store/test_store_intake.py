"""The upload flow's logic (what the Data page calls): check, ask for details, keep."""
from pathlib import Path

from exports.templates import template_xlsx
from store.file_store import FileStore
from settings.disclosure import DisclosurePolicy
from store.intake import check_upload, keep, stored_table
from store.originals import may_serve, original_download

POLICY = DisclosurePolicy(min_size=10, protection_points=20)

ROOT = Path(__file__).resolve().parents[2]


def test_tracker_needs_a_snapshot_date_then_is_kept(tmp_path):
    data = template_xlsx("actions")
    first = check_upload(data, "tracker.xlsx", tmp_path, kind="actions")
    if first.result is None:
        assert "snapshot_date" in first.missing
    checked = check_upload(data, "tracker.xlsx", tmp_path, kind="actions", metadata={"snapshot_date": "2024-06-11"})
    assert checked.ok and checked.preview()["records"] == 2
    assert checked.metadata["snapshot_date"] == "2024-06-11"
    store = FileStore(tmp_path)
    saved = keep(store, checked, by="tester")
    assert saved.status == "stored"
    table = stored_table(store, POLICY)
    assert list(table["state"]) == ["current"] and table["by"][0] == "tester"
    again = keep(store, check_upload(data, "copy.xlsx", tmp_path, metadata={"snapshot_date": "2024-06-11"}))
    assert again.status == "duplicate"


def test_survey_details_are_known_or_asked_for(tmp_path):
    checked = check_upload(template_xlsx("survey"), "survey.xlsx", tmp_path, kind="survey")
    assert {"audience", "wave", "wave_date"} <= set(checked.metadata) | set(checked.missing)
    done = check_upload(template_xlsx("survey"), "survey.xlsx", tmp_path, kind="survey",
                        metadata={"audience": "staff", "wave": "2024-04", "wave_date": "2024-04-15"})
    assert done.ok


def test_rejected_upload_reports_and_stores_nothing(tmp_path):
    checked = check_upload(b"%PDF-1.4 not a spreadsheet", "minutes.xlsx", tmp_path)
    assert checked.result is None and not checked.ok
    assert checked.findings["severity"].tolist() == ["error"]
    assert "PDF" in checked.findings["message"][0]
    assert FileStore(tmp_path).entries() == [] and list(tmp_path.iterdir()) == []


def test_a_header_only_csv_is_told_it_has_no_responses_in_words_for_the_page(tmp_path):
    """On the Data page: no command-line flag, the real reason, and the file's own name."""
    checked = check_upload(b"Timestamp,How do you feel?\r\n", "Staff pulse (Responses).csv", tmp_path)
    messages = " ".join(checked.findings["message"])
    assert checked.result is None and "no responses" in messages and "--" not in messages
    assert set(checked.findings["sheet"].dropna()) == {"Staff pulse (Responses)"}


def test_a_survey_without_dates_asks_for_the_wave_date_field_on_the_page_and_the_flag_in_the_cli(tmp_path):
    data = b"Respondent,Group,I am proud to work here\r\n1,Place,Agree\r\n2,Place,Disagree\r\n"
    checked = check_upload(data, "pulse.csv", tmp_path, kind="survey")
    messages = " ".join(checked.findings["message"])
    assert "“Wave date”" in messages and "--wave-date" not in messages
    path = tmp_path / "pulse.csv"
    path.write_bytes(data)
    import json, subprocess, sys
    out = subprocess.run([sys.executable, "-m", "loaders", "check", str(path), "--kind", "survey"],
                         capture_output=True, text=True, cwd=ROOT)
    errors = " ".join(e["message"] for e in json.loads(out.stdout)["errors"])
    assert "give --wave-date YYYY-MM-DD" in errors


def test_an_original_is_served_to_a_signed_in_officer_only(tmp_path, trackers):
    """Issue 19: whatever its type, an original goes to a signed-in officer; a staff member, a board
    member, and an unnamed viewer (no sign-in, even with the officer role) are told why not."""
    path, result = trackers[0]
    store = FileStore(tmp_path / "uploads")             # where open_store keeps a data folder's uploads
    for name in (path.stem + ".xlsm", path.name):
        entry = store.add(path.read_bytes() + name.encode(), name, result).entry
        assert may_serve(entry, {"officer"}, who="olive@example.gov.uk")
        assert original_download(store, entry, {"officer"}, "olive@example.gov.uk").data == path.read_bytes() + name.encode()
        for roles, who in [((), None), ({"staff"}, "sam@example.gov.uk"), ({"improvement_board"}, "bea@example.gov.uk"),
                           ({"platform_admin"}, "pat@example.gov.uk"), ({"officer"}, None), ({"officer"}, "  ")]:
            assert not may_serve(entry, roles, who)
            withheld = original_download(store, entry, roles, who)
            assert withheld.data is None and f"uploads/originals/{entry.sha256}{entry.ext}" in withheld.withheld


def test_already_kept_says_where_and_what_to_do(tmp_path):
    """Issue 16: the same bytes in the store (current, removed, superseded) or the data folder."""
    from store.intake import Kept, already_kept, kept_sentence
    from store.interface import open_store

    store = open_store(tmp_path)
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "wave.csv").write_bytes(b"a,b\n1,2\n")
    assert already_kept(store, b"a,b\n1,2\n", tmp_path, ["surveys/wave.csv"]) == Kept("surveys/wave.csv", "folder")
    assert already_kept(store, b"a,b\n1,3\n", tmp_path, ["surveys/wave.csv"]) is None
    assert already_kept(store, b"a,b\n1,2\n", tmp_path, []) is None           # a file the dashboard does not read
    at = "2026-12-03T06:15:00.000000+00:00"
    assert kept_sentence(Kept("w.xlsx", "store", at, "Ada")) == (
        "This file is already stored as 'w.xlsx', uploaded on 3 December 2026 at 06:15 UTC by Ada; nothing was changed.")
    assert "press Undo removal" in kept_sentence(Kept("w.xlsx", "store", at, None, "removed"))
    assert "Make this version current" in kept_sentence(Kept("w.xlsx", "store", at, None, "superseded"))
