"""The Data page after a file is chosen for upload (issue 7): the check's summary, the
details inputs, the validation report and its download are scanned by axe (resting and
with every expander open) and reached by Tab, for a readable survey export and for a file
that cannot be used. Nothing is confirmed, so nothing is stored."""
from __future__ import annotations

import pytest

from tests.browser.axe_check import scan
from tests.browser.conftest import ROOT
from tests.browser.driving import open_page, page_problems, settle
from tests.browser.keyboard import tab_round
from tests.browser.states import every_expander

pytestmark = pytest.mark.browser

READABLE = ROOT / "data" / "sample" / "surveys" / "partner_survey_2024-09.csv"
UNUSABLE = b"Name,Favourite colour\nAda,green\n"


def choose_file(page, path) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.get_by_text("was read", exact=False).or_(page.get_by_text("cannot be used", exact=False)).first.wait_for()
    settle(page)


@pytest.mark.parametrize("kind", ["readable", "unusable"])
def test_upload_check_is_accessible_and_keyboard_reachable(page, server_url, tmp_path, kind):
    # not the data folder's own file: the page would only say it is already there (issue 16)
    path = tmp_path / (READABLE.name if kind == "readable" else "not_a_survey.csv")
    path.write_bytes(READABLE.read_bytes() + b"\n" if kind == "readable" else UNUSABLE)
    open_page(page, server_url, "data")
    choose_file(page, path)
    assert page_problems(page) == []
    assert page.get_by_role("button", name="Confirm and store this file").count() == 1
    failures = scan(page, f"/data upload ({kind})")
    if kind == "readable":
        assert page.get_by_test_id("stDateInput").count() >= 1, "the survey's details are asked for"
        page.get_by_test_id("stDateInputCalendarButton").first.click()
        page.get_by_test_id("stDateInputCalendar").first.wait_for(state="visible")
        failures += scan(page, f"/data upload ({kind}) date picker open")
        page.keyboard.press("Escape")
        page.get_by_test_id("stDateInputCalendar").first.wait_for(state="hidden")
    every_expander(page)
    failures += scan(page, f"/data upload ({kind}) every expander open")
    assert failures == [], "\n".join(failures)
    walk = tab_round(page)
    assert walk["came_round"] and walk["unreached"] == [] and walk["hidden"] == [], walk
