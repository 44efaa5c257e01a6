"""AppTest of the Data page's upload flow on a temporary store (never data/sample/).

AppTest cannot drive st.file_uploader, so the flow is split as the page uses it: the page
calls store.intake.check_upload / keep; here they are called directly, and the page's own
widgets (report, stored list, remove / undo, templates) are driven with AppTest."""
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from exports.templates import template_xlsx
from store.interface import open_store
from store.intake import check_upload, keep

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
