"""metrics.actions: snapshots, status mix, completion, overdue, slippage, time at status."""
from __future__ import annotations

import pandas as pd
import pytest

from model.frames import ACTION_STATUSES
from metrics.actions import (
    latest_snapshot,
    overdue_actions,
    percent_complete,
    slippage,
    status_mix,
    time_at_status,
)

JUN, SEP, DEC = "2023-06-01", "2023-09-01", "2023-12-01"


@pytest.fixture
def tracker(actions):
    return actions(
        [
            (JUN, "A1", "2023-05-01", "Red"),
            (JUN, "A2", "2023-12-01", "Amber"),
            (JUN, "A3", None, "Superseded"),
            (SEP, "A1", "2023-10-01", "Amber"),
            (SEP, "A2", "2023-12-01", "Complete"),
            (SEP, "A3", None, "Superseded"),
            (DEC, "A1", "2024-01-01", "Green"),
            (DEC, "A2", "2023-11-01", "Complete"),
            (DEC, "A4", "2023-11-15", "Red"),
        ],
        area=["Procurement"] * 9,
    )


def test_latest_snapshot(tracker):
    out = latest_snapshot(tracker)
    assert out["reference"].tolist() == ["A1", "A2", "A4"]
    assert (out["snapshot_date"] == pd.Timestamp(DEC)).all()
    assert out.columns.tolist() == tracker.columns.tolist()
    assert isinstance(out.index, pd.RangeIndex)


def test_status_mix_keeps_every_status_in_order(tracker):
    out = status_mix(tracker)
    assert out.columns.tolist() == ["snapshot_date", "status", "count", "overdue", "share"]
    june = out.loc[out["snapshot_date"] == pd.Timestamp(JUN)]
    assert june["status"].astype(str).tolist() == list(ACTION_STATUSES)
    counts = dict(zip(june["status"].astype(str), june["count"]))
    assert counts["Red"] == 1 and counts["Amber"] == 1 and counts["Superseded"] == 1 and counts["Green"] == 0
    # shares are of the actions in scope, the denominator of every completion share: Superseded has none
    shares = dict(zip(june["status"].astype(str), june["share"]))
    assert june["share"].sum() == pytest.approx(100.0)
    assert shares["Red"] == pytest.approx(50.0) and pd.isna(shares["Superseded"])
    assert dict(zip(june["status"].astype(str), june["overdue"]))["Red"] == 1     # A1 was due 1 May
    assert out["status"].cat.ordered and list(out["status"].cat.categories) == list(ACTION_STATUSES)


def test_status_mix_by_area(tracker):
    out = status_mix(tracker, by=["area"])
    assert out.columns.tolist() == ["snapshot_date", "area", "status", "count", "overdue", "share"]
    assert len(out) == 3 * len(ACTION_STATUSES)


def test_percent_complete_excludes_superseded_and_not_applicable(tracker):
    out = percent_complete(tracker)
    assert out.columns.tolist()[:4] == ["snapshot_date", "n_actions", "n_complete", "pct_complete"]
    sep = out.loc[out["snapshot_date"] == pd.Timestamp(SEP)].iloc[0]
    assert (sep["n_actions"], sep["n_complete"], sep["n_out_of_scope"]) == (2, 1, 1)
    assert sep["pct_complete"] == pytest.approx(50.0)  # 1 of 2: A3 Superseded is out of scope
    dec = out.loc[out["snapshot_date"] == pd.Timestamp(DEC)].iloc[0]
    assert dec["pct_complete"] == pytest.approx(100 / 3)


def test_overdue_actions(tracker):
    out = overdue_actions(tracker)
    # June: A1 due 1 May (31 days). Dec: A4 due 15 Nov (16 days); A2 is Complete, A1 not yet due.
    assert list(zip(out["reference"], out["days_overdue"])) == [("A1", 31), ("A4", 16)]
    assert "days_overdue" in out.columns and "area" in out.columns


def test_overdue_ignores_closed_statuses_and_missing_dates(actions):
    data = actions(
        [
            (DEC, "B1", "2023-01-01", "Superseded"),
            (DEC, "B2", "2023-01-01", "Not applicable"),
            (DEC, "B3", None, "Red"),
            (DEC, "B4", "2023-12-01", "Amber"),  # due on the snapshot date: not yet overdue
            (DEC, "B5", "2023-01-01", "On hold"),
        ]
    )
    assert overdue_actions(data)["reference"].tolist() == ["B5"]


def test_slippage(tracker):
    out = slippage(tracker).set_index("reference")
    assert out.columns.tolist() == ["n_snapshots", "times_slipped", "days_slipped", "first_due", "latest_due"]
    a1 = out.loc["A1"]
    assert a1["times_slipped"] == 2  # May -> Oct -> Jan
    assert a1["days_slipped"] == (pd.Timestamp("2024-01-01") - pd.Timestamp("2023-05-01")).days
    assert (a1["first_due"], a1["latest_due"]) == (pd.Timestamp("2023-05-01"), pd.Timestamp("2024-01-01"))
    a2 = out.loc["A2"]
    assert (a2["times_slipped"], a2["days_slipped"]) == (0, -30)  # brought forward
    assert pd.isna(out.loc["A3", "days_slipped"]) and out.loc["A3", "times_slipped"] == 0


def test_slippage_skips_snapshots_without_a_due_date(actions):
    data = actions([(JUN, "C1", "2023-07-01", "Amber"), (SEP, "C1", None, "Amber"), (DEC, "C1", "2023-07-01", "Amber")])
    row = slippage(data).iloc[0]
    assert (row["times_slipped"], row["days_slipped"], row["n_snapshots"]) == (0, 0, 3)


def test_time_at_status(tracker):
    out = time_at_status(tracker)
    assert out.columns.tolist()[:3] == ["reference", "status", "days"]
    days = {(r, str(s)): d for r, s, d in zip(out["reference"], out["status"], out["days"])}
    assert days[("A1", "Red")] == 92  # 1 Jun -> 1 Sep
    assert days[("A1", "Amber")] == 91  # 1 Sep -> 1 Dec
    assert days[("A1", "Green")] == 0  # last snapshot counts 0
    assert days[("A2", "Amber")] == 92 and days[("A2", "Complete")] == 91
    assert days[("A4", "Red")] == 0
    assert ("A1", "Complete") not in days


def test_inputs_not_mutated_and_empty_frames(tracker, actions):
    before = tracker.copy()
    for function in (latest_snapshot, status_mix, percent_complete, overdue_actions, slippage, time_at_status):
        function(tracker)
        assert function(tracker.iloc[:0]).empty
    pd.testing.assert_frame_equal(tracker, before)
