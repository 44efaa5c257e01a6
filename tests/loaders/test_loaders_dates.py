"""Due dates and other dates in every form trackers and exports use."""
import datetime as dt

import pandas as pd
import pytest

from loaders.dates import financial_quarter_end, find_title_date, parse_date, parse_due_date

T = pd.Timestamp


@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2024, 1, 30, 15, 45), T("2024-01-30")),
    (dt.date(2024, 1, 30), T("2024-01-30")),
    (45321.0, T("2024-01-30")),                      # Excel serial number
    ("30/01/2024", T("2024-01-30")),                 # UK day-first text
    ("30/01/24", T("2024-01-30")),
    ("05/03/2024", T("2024-03-05")),                 # 5 March, not May 3
    ("2024-01-30", T("2024-01-30")),
    ("30 January 2024", T("2024-01-30")),
    ("Sept 2023", T("2023-09-30")),                  # end of month
    ("September 2023", T("2023-09-30")),
    ("Feb 2024", T("2024-02-29")),                   # leap year month end
    ("Dec-23", T("2023-12-31")),
    ("Q1 2023/24", T("2023-06-30")),                 # financial quarters: Q1 = Apr-Jun
    ("Q2 2023/24", T("2023-09-30")),
    ("Q3 2023/24", T("2023-12-31")),
    ("Q4 2023/24", T("2024-03-31")),
    ("Q4 2023-2024", T("2024-03-31")),
    ("2024/25 Q1", T("2024-06-30")),
    ("by end of March 2024", T("2024-03-31")),
])
def test_due_date_forms(value, expected):
    due = parse_due_date(value)
    assert due.understood
    assert due.date == expected


@pytest.mark.parametrize("value", ["Ongoing", "ongoing", "TBC", "N/A", ""])
def test_due_date_words_mean_no_date_and_keep_text(value):
    due = parse_due_date(value)
    assert due.date is None and due.understood
    assert due.text == value


def test_unreadable_due_date_is_flagged_and_kept():
    due = parse_due_date("when the review reports")
    assert due.date is None and not due.understood
    assert due.text == "when the review reports"


def test_planner_us_dates():
    assert parse_due_date("01/02/2024", dayfirst=False).date == T("2024-01-02")
    assert parse_due_date("12/31/2023", dayfirst=False).date == T("2023-12-31")


def test_us_timestamp_with_am_pm():
    assert parse_date("03/07/2023 01:17:33 PM", dayfirst=False, keep_time=True) == T("2023-03-07 13:17:33")
    assert parse_date("03/07/2023 12:05:00 AM", dayfirst=False, keep_time=True) == T("2023-03-07 00:05:00")


def test_invalid_calendar_date_is_none():
    assert parse_date("31/02/2024") is None


def test_financial_quarter_end():
    assert financial_quarter_end(3, 2023) == T("2023-12-31")
    assert financial_quarter_end(4, 2023) == T("2024-03-31")


@pytest.mark.parametrize("title, expected", [
    ("Reported to Audit and Governance Committee 9 June 2023", T("2023-06-09")),
    ("Improvement plan update as at 1st March 2024", T("2024-03-01")),
    ("Position at 28/11/2023", T("2023-11-28")),
    ("Improvement Plan Update", None),
])
def test_title_dates(title, expected):
    assert find_title_date(title) == expected


# Time zones after a time, as survey tools write them (Google Forms' own download, UK forms,
# offsets): the wall-clock time is kept, the zone dropped, whatever the date order.
ZONES = ["GMT", "BST", "UTC", "MDT", "PST", "EST", "CEST", "Z", "+01:00", "-0500", "GMT+1", "GMT-05:00", "UTC+5:30"]


@pytest.mark.parametrize("text, expected", [
    ("2018/04/09 2:30:02 PM MDT", "2018-04-09 14:30:02"),          # Google Forms download, US form
    ("09/04/2018 14:30:02 BST", "2018-04-09 14:30:02"),            # UK form
    ("5/1/2024 9:00:00 am GMT-05:00", "2024-01-05 09:00:00"),
    ("2024-01-05T10:00:00+01:00", "2024-01-05 10:00:00"),
    ("2024-01-05 10:00:00 GMT", "2024-01-05 10:00:00"),
])
def test_a_time_zone_after_the_time_is_read_and_dropped(text, expected):
    assert parse_date(text, keep_time=True) == pd.Timestamp(expected)


@pytest.mark.parametrize("seed", range(40))
def test_any_zone_after_any_written_time_reads_as_the_time_without_it(seed):
    """Generated: a date and time in each written shape, with and without each zone."""
    rng = __import__("random").Random(seed)
    stamp = pd.Timestamp(2015, 1, 1) + pd.Timedelta(seconds=rng.randrange(12 * 365 * 86400))
    hour12 = f"{stamp.hour % 12 or 12}:{stamp:%M:%S} {'PM' if stamp.hour >= 12 else 'AM'}"
    shapes = [f"{stamp:%Y/%m/%d} {hour12}", f"{stamp:%d/%m/%Y %H:%M:%S}", f"{stamp:%Y-%m-%d %H:%M:%S}",
              f"{stamp.day}/{stamp.month}/{stamp:%Y} {stamp:%H:%M}"]
    for shape in shapes:
        bare = parse_date(shape, keep_time=True)
        assert bare is not None and bare.date() == stamp.date(), shape
        for zone in ZONES:
            spaced = f"{shape}{'' if zone == 'Z' else ' '}{zone}"
            assert parse_date(spaced, keep_time=True) == bare, spaced


def test_a_zone_word_alone_is_not_a_date():
    assert parse_date("BST") is None and parse_date("GMT+1") is None
