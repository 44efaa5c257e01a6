"""AppTest of the Data page's upload flow on a temporary store (never data/sample/).

Most tests call store.intake.check_upload / keep directly, as the page does, and drive the
page's own widgets (report, stored list, remove / undo, templates) with AppTest; the .xlsm
and .ods tests (issue 15) upload through the page's st.file_uploader itself."""
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from exports.templates import template_xlsx
from settings.file_formats import mime
from store.interface import open_store
from store.intake import check_upload, keep
from store.originals import original_download
from tests.fixtures.ods import ods_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", folder)
    monkeypatch.setenv("IMPROVEMENT_DATA_DIR", str(folder))
    st.cache_resource.clear()
    yield folder
    st.cache_resource.clear()


def sample_state():
    folder = ROOT / "data" / "sample"
    return sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*"))


def data_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/data.py")
    return at.run()


def test_upload_confirm_then_remove_and_undo(store_dir):
    before = sample_state()
    checked = check_upload(template_xlsx("actions"), "tracker_2025-01-10.xlsx", store_dir, kind="actions",
                           metadata={"snapshot_date": "2025-01-10"})
    assert checked.ok
    assert keep(open_store(store_dir), checked).status == "stored"
    at = data_page()
    assert not at.exception, [e.value for e in at.exception]
    assert any("tracker_2025-01-10.xlsx" in str(df.value) for df in at.dataframe)
    sources = [df.value for df in at.dataframe if "File" in df.value.columns and "Layout detected" in df.value.columns]
    assert "tracker_2025-01-10.xlsx" in list(sources[0]["File"]), "the new upload is read by every page"
    at.button(key="stored_remove").click().run()
    assert not at.exception
    assert open_store(store_dir).entries()[0].removed
    at.button(key="stored_restore").click().run()
    assert not open_store(store_dir).entries()[0].removed
    assert len(at.get("download_button")) >= 4      # original + three templates
    assert sample_state() == before


REJECTED_PAGE = """
import sys
sys.path.insert(0, {root!r})
from pages.sections.data_upload import show_check
from store.intake import check_upload
show_check(check_upload(b"%PDF-1.4 minutes", "minutes.xlsx", {store!r}))
"""


def test_rejected_file_report_is_shown_and_nothing_stored(store_dir):
    at = AppTest.from_string(REJECTED_PAGE.format(root=str(ROOT), store=str(store_dir)), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "cannot be used" in at.error[0].value
    report = [df.value for df in at.dataframe if "Severity" in df.value.columns][0]
    assert report["Severity"].tolist() == ["error"] and "PDF" in report["Message"][0]
    assert at.get("download_button"), "the validation report can be downloaded"
    assert not (store_dir / "store.json").exists() and not (store_dir / "uploads").exists()


def _check_twice(path: str, wave: str):
    import streamlit as st

    from ui import context
    data = open(path, "rb").read()
    first = context.checked_upload(data, "wave.xlsx", None)
    again = context.checked_upload(data, "wave.xlsx", None)
    detailed = context.checked_upload(data, "wave.xlsx", None, {"audience": "staff", "wave": wave})
    st.write(f"{first is again} {detailed.metadata['wave']} {first.result.records}")


def test_a_pending_upload_is_checked_once_per_details(store_dir, monkeypatch):
    from ui import context

    calls = []
    real = context.check_upload
    monkeypatch.setattr(context, "check_upload", lambda *a, **k: calls.append(k.get("metadata")) or real(*a, **k))
    path = str(ROOT / "data" / "sample" / "surveys" / "staff_survey_2024-04.xlsx")
    at = AppTest.from_function(_check_twice, args=(path, "2024-04"), default_timeout=90).run()
    assert not at.exception and at.markdown[0].value == "True 2024-04 140"
    assert calls == [None, {"audience": "staff", "wave": "2024-04"}]
    at.run()                                        # a rerun (a widget change) reads nothing again
    assert len(calls) == 2
    at = AppTest.from_function(_check_twice, args=(path, "2024-05"), default_timeout=90).run()   # a new session
    assert len(calls) == 4 and at.markdown[0].value == "True 2024-05 140"


def macro_workbook() -> bytes:
    """An action tracker saved as an .xlsm: a macro-enabled workbook with its VBA project part."""
    out = io.BytesIO(template_xlsx("actions"))
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(range(256)) * 4)
    return out.getvalue()


def upload_on_the_page(at: AppTest, name: str, data: bytes, mime_type: str, **details) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, mime_type)).run()
    for key, value in details.items():
        at.date_input(key=key).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_xlsm_is_kept_byte_for_byte_and_its_original_never_served(store_dir):
    """The macros warning before confirming; the stored bytes identical; no download of the
    original anywhere on the page, and words saying why and where an officer finds it."""
    data = macro_workbook()
    at = upload_on_the_page(data_page(), "tracker_2025-01-10.xlsm", data, mime("xlsm"),
                            upload_snapshot=dt.date(2025, 1, 10))
    assert any("contains macros (.xlsm)" in w.value and "macros are never run" in w.value for w in at.warning)
    report = [df.value for df in at.dataframe if "Severity" in df.value.columns][0]
    assert any("only officers can download the original" in m for m in report["Message"])
    at.button(key="upload_confirm").click().run()
    assert not at.exception and any("Stored 'tracker_2025-01-10.xlsm'" in s.value for s in at.success)
    store = open_store(store_dir)
    [entry] = store.entries()
    assert store.original_bytes(entry) == data == (store_dir / "uploads" / entry.original).read_bytes()
    at = data_page()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert "download-originals" not in [b.key for b in buttons]
    assert not [b for b in buttons if "original" in b.proto.label.casefold()]
    [withheld] = [i.value for i in at.info if "not offered for download" in i.value]
    assert "data folder on the server" in withheld and entry.sha256 in withheld.replace("\\", "")
    offered = original_download(store, entry)
    assert not offered.served and offered.data is None and offered.withheld


def test_an_xlsx_original_is_still_served_as_uploaded(store_dir):
    data = template_xlsx("actions")              # built once: a workbook records when it was written
    checked = check_upload(data, "tracker_2025-01-10.xlsx", store_dir, kind="actions",
                           metadata={"snapshot_date": "2025-01-10"})
    store = open_store(store_dir)
    entry = keep(store, checked).entry
    offered = original_download(store, entry, {"officer"}, "olive.officer@example.gov.uk")
    assert offered.served and offered.data == data and offered.mime == mime("xlsx")


def test_the_upload_box_takes_an_ods(store_dir):
    at = data_page()
    assert ".ods" in at.file_uploader(key="upload_file").allowed_type
    assert ".ods" in " ".join(m.value for m in at.markdown)
    rows = [["Improvement Plan Update"], [], ["Ref", "Action", "Lead Officer", "Target Date", "RAG"],
            ["GOV-01", "Review the constitution", "Monitoring Officer", dt.datetime(2025, 3, 31), "Amber"]]
    at = upload_on_the_page(at, "tracker_2025-01-10.ods", ods_bytes({"Tracker": rows}), mime("ods"),
                            upload_snapshot=dt.date(2025, 1, 10))
    assert any("was read" in s.value for s in at.success), [e.value for e in at.error]
    at.button(key="upload_confirm").click().run()
    [entry] = open_store(store_dir).entries()
    assert (entry.ext, entry.format, entry.records) == (".ods", "council-tracker-ods", 1)


def test_a_file_already_kept_is_said_plainly_and_not_stored_again(store_dir):
    """Issue 16: uploading a file the dashboard already holds said nothing (a folder's survey
    wave was even stored a second time and counted twice)."""
    folder_file = (store_dir / "surveys" / "partner_survey_2024-09.csv").read_bytes()
    at = upload_on_the_page(data_page(), "partner_survey_2024-09.csv", folder_file, mime("csv"))
    [said] = [i.value.replace("\\", "") for i in at.info if "already" in i.value]
    assert said == ("This file is already in the data folder as 'surveys/partner_survey_2024-09.csv', and the "
                    "dashboard reads it from there; nothing was changed.")
    assert not at.button and not (store_dir / "uploads").exists()

    data = template_xlsx("actions")
    at = upload_on_the_page(data_page(), "tracker_2025-01-10.xlsx", data, mime("xlsx"),
                            upload_snapshot=dt.date(2025, 1, 10))
    at.button(key="upload_confirm").click().run()
    assert any("Stored 'tracker_2025-01-10.xlsx'" in s.value for s in at.success)
    at.run()                                   # the same session, a moment later: still its own upload
    assert any("Stored" in s.value.replace("\\", "") for s in at.success)
    assert not [i for i in at.info if "not offered for download" not in i.value]   # no sign-in: no original
    [entry] = open_store(store_dir).entries()
    stamp = pd.Timestamp(entry.stored_at)
    at = upload_on_the_page(data_page(), "tracker copy.xlsx", data, mime("xlsx"))     # another session
    [said] = [i.value.replace("\\", "") for i in at.info if "already" in i.value]
    assert said == (f"This file is already stored as 'tracker_2025-01-10.xlsx', uploaded on {stamp.day} "
                    f"{stamp:%B %Y} at {stamp:%H:%M} UTC; nothing was changed.")
    assert len(open_store(store_dir).entries()) == 1 and not [b for b in at.button if b.key == "upload_confirm"]
