"""The plan's figures are the plan's own (issue 17, part 4): the Directorate Business Plan
monitoring reports after the close-down (21 Jan, 15 Apr, 30 May 2025 in the sample) follow only
the nine actions moved on, so a page that read the 30 May 2025 report as the plan's "latest"
would show a plan of 8 actions. Here every page that shows the plan's figures (Overview with its
at-a-glance sentences and the board summary it offers, Partnership, You said, we did) is opened
on the sample and on the same folder without those three reports: what each shows, down to the
board summary's bytes, must be the same. Governance alone reads them, in its close-down section
(tests/app/test_governance_page.py)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from loaders.pipeline import load_file

from tests.disclosure.page_sweep import downloads_offered, open_page, page_words
from tests.page_dump import shown

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
LATER = "trackers/dbp_monitoring_"
PAGES = [("full", "overview"), ("full", "partnership"), ("staff", "staff-results"), ("staff", "overview")]


@pytest.fixture(scope="module")
def without_later(tmp_path_factory) -> Path:
    """The sample without its three monitoring reports after the close-down."""
    folder = tmp_path_factory.mktemp("plan-only") / "sample"
    shutil.copytree(SAMPLE, folder, ignore=lambda _, names: [n for n in names if n.startswith("dbp_monitoring_")])
    with (SAMPLE / "manifest.csv").open(newline="", encoding="utf-8") as source:
        rows = [r for r in csv.reader(source) if not r[0].startswith(LATER)]
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    assert len(list((SAMPLE / "trackers").glob("dbp_monitoring_*.xlsx"))) == 3
    assert not list((folder / "trackers").glob("dbp_monitoring_*.xlsx"))
    return folder


def _seen(folder: Path, edition: str, path: str) -> dict:
    with downloads_offered() as offered:
        at = open_page(folder, edition, path)
        assert not at.exception, [e.value for e in at.exception]
        return shown(at, offered) | {"all words": page_words(at)}


@pytest.mark.parametrize(("edition", "path"), PAGES, ids=[f"{e}-{p}" for e, p in PAGES])
def test_the_plans_pages_ignore_the_reports_after_the_closedown(without_later, edition, path):
    with_later = _seen(SAMPLE, edition, path)
    assert with_later == _seen(without_later, edition, path)
    assert "30 May 2025" not in with_later["all words"]      # the last monitoring report's date, as the pages write it


def test_overview_reads_the_plan_at_its_closedown():
    """The Overview's action figures are the plan's at 16 Oct 2024, its close-down report, counted
    here from that file alone (read by its loader, counted in pandas): complete over every action
    but the superseded and not applicable ones. Not the 30 May 2025 monitoring report's 8."""
    frame = load_file(SAMPLE / "trackers/improvement_plan_2024-10-16.xlsx", kind="actions").frame
    in_scope = frame.loc[~frame["status"].isin(["Superseded", "Not applicable"])]
    done, superseded = int((in_scope["status"] == "Complete").sum()), int((frame["status"] == "Superseded").sum())
    seen = _seen(SAMPLE, "full", "overview")
    words = seen["all words"]
    assert f"{round(100 * done / len(in_scope))}% at Oct 2024 ({done} of {len(in_scope)} actions, not counting " \
           f"{superseded} superseded action" in words
    assert "action report 16 Oct 2024" in words and "overdue at 16 Oct 2024" in words
    assert list(seen["downloads"]) == ["board-summary-as-at-16-October-2024.html"]
