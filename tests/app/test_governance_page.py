"""AppTest of the Governance page: filters narrow the table, the action-history picker
works, and both downloads are offered."""
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def governance() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page("pages/governance.py")
    return at.run()


def _rows_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "match the filters" in c.value)


def _multiselect(at: AppTest, label: str):
    return next(m for m in at.multiselect if m.label == label)


def test_governance_page_filters_narrow_the_table():
    at = governance()
    assert not at.exception, [e.value for e in at.exception]
    before = _rows_caption(at)
    owner = _multiselect(at, "Owner")
    owner.select(owner.options[0]).run()
    assert not at.exception
    after = _rows_caption(at)
    assert int(after.split()[0]) < int(before.split()[0])
    _multiselect(at, "Phase").select("Phase 3").run()
    assert not at.exception


def test_governance_page_history_selectbox_and_downloads():
    at = governance()
    picker = next(s for s in at.selectbox if s.label == "Action")
    assert len(picker.options) >= 40
    chosen = picker.options[3].split(":")[0]
    picker.set_value(chosen).run()      # set the raw value: the picker formats it with format_func
    assert not at.exception
    titles = [c.value for c in at.caption]
    assert any(str(chosen) in t for t in titles), "the history chart's alt text names the chosen action"
    headers = [h.value for h in at.header]
    assert "One action's history" in headers and "Download the filtered actions" in headers
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download as CSV" in labels and "Download as Excel (xlsx)" in labels
    assert len(at.markdown) and any("Red longest" in m.value for m in at.markdown)


def test_governance_page_follows_the_actions_moved_into_business_plans():
    """The sample data reports on after the close-down (three Directorate Business Plan
    monitoring reports, no close-down column): the close-down counts are read at 16 Oct 2024,
    not 0 / 0 / 0, and the nine moved actions are followed to 30 May 2025 (sample_data/actions.py
    FOLLOW_UP: GOV-05, GOV-06, PAR-02, PAR-06, CCC-06 complete; IPP-06 superseded; PAR-07,
    CCC-05, CCC-07 open)."""
    at = governance()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    assert ("Of the 9 actions moved into Directorate Business Plans at close-down (16 Oct 2024), 5 are now "
            "complete, 1 dropped, 3 still open (at the 30 May 2025 report; 1 action was last reported earlier). "
            "That is 5 of 8 actions complete") in text
    closure = next(h.proto.body for h in at.get("html") if ">Close-down category<" in h.proto.body)
    assert ("Open - outstanding actions moved into Directorate Business Plans</td>"
            '<td role="cell" class="short"><span class="cell-label">Actions: </span>9</td>') in closure
    followed = next(h.proto.body for h in at.get("html") if "CCC-07" in h.proto.body and "Status at close-down" in h.proto.body)
    assert "Green, 60 days overdue" in followed and "Still open" in followed and "Dropped" in followed


def test_governance_page_follows_each_moved_action_report_by_report():
    """PAR-02 (sample_data/actions.py FOLLOW_UP "ACC"): Green and 16 days overdue at the
    close-down (due 30 Sep 2024, reported 16 Oct 2024), Amber at 21 Jan 2025, Complete at 15 Apr
    and 30 May 2025; PAR-06 ("C--") complete at 21 Jan 2025 and left out of the next two."""
    at = governance()
    followed = next(h.proto.body for h in at.get("html") if "At each later report" in h.proto.body)
    assert '<span style="white-space:nowrap">30 May 2025: Green, 60 days overdue</span>' in followed   # kept whole
    followed = re.sub(r"</?span[^>]*>", "", followed)
    par02 = followed[followed.index("PAR-02</td>"):followed.index("PAR-06</td>")]
    assert "Green, 16 days overdue" in par02
    assert "21 Jan 2025: Amber<br>15 Apr 2025: Complete<br>30 May 2025: Complete" in par02
    par06 = followed[followed.index("PAR-06</td>"):followed.index("PAR-07</td>")]
    assert "21 Jan 2025: Complete<br>15 Apr 2025: not in this report<br>30 May 2025: not in this report" in par06


def test_governance_page_plan_figures_and_filters_stay_the_plans():
    """The plan's figures read its own nine reports (the later three carry only the moved
    actions); the filters choose among the plan's actions and the follow-up takes the same ones:
    the Head of HR's two moved actions (CCC-05, CCC-07) are both still open."""
    at = governance()
    assert _rows_caption(at).endswith("over 9 reporting dates match the filters.")
    assert "After phase 3" not in _multiselect(at, "Phase").options
    _multiselect(at, "Owner").select("Head of HR").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert ("Of the 2 actions moved into Directorate Business Plans at close-down (16 Oct 2024), 0 are now "
            "complete, 0 dropped, 2 still open (at the 30 May 2025 report)") in text
