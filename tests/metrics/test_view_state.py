"""metrics.view_state: a page's view in its URL. A view survives the round trip, defaults
are left out, and nothing but the URL form of an offered value is ever accepted (bad,
hostile or undeclared values give the default, never an error)."""
import random
import string

import numpy as np
import pandas as pd
import pytest

from metrics.view_state import MAX_TEXT, Param, parse_view, value_text, view_params

WAVES = tuple(pd.to_datetime(["2024-10-07", "2024-04-15", "2023-11-06"]))
GROUPS = ("Economy and Growth", "Place and Connectivity", "Resources and Performance")   # the groups offered
DECLARED = [Param("group", (None, *GROUPS)), Param("wave", WAVES, WAVES[0]),
            Param("theme", ("culture", "governance"), "culture"),
            Param("area", ("Governance and decision making", "Procurement", "Partnership, and working"), many=True)]


def test_a_view_survives_the_round_trip_with_defaults_left_out():
    view = {"group": "Place and Connectivity", "wave": WAVES[2], "theme": "culture",
            "area": ["Procurement", "Partnership, and working"]}
    params = view_params(view, DECLARED)
    assert params == {"group": "Place and Connectivity", "wave": "2023-11-06",
                      "area": ["Procurement", "Partnership, and working"]}      # the theme is its default
    assert parse_view(params, DECLARED) == view


def test_every_single_choice_round_trips():
    for p in DECLARED:
        for value in ([[c] for c in p.choices] if p.many else p.choices):
            assert p.parse(p.texts(value)) == value, (p.name, value)


def test_the_default_view_is_an_empty_query_string():
    defaults = {p.name: p.default for p in DECLARED}
    assert view_params(defaults, DECLARED) == {}
    assert parse_view({}, DECLARED) == {"group": None, "wave": WAVES[0], "theme": "culture", "area": []}


def test_dates_are_written_as_days_whatever_their_type():
    assert value_text(pd.Timestamp("2024-01-30")) == "2024-01-30"
    assert value_text(np.datetime64("2024-01-30T00:00:00.000000000")) == "2024-01-30"
    assert value_text(pd.Timestamp("2024-01-30 14:05")) == "2024-01-30T14:05:00"
    dates = Param("from", tuple(np.array(["2023-03-14", "2023-06-09"], dtype="datetime64[ns]")))
    assert dates.parse("2023-06-09") == np.datetime64("2023-06-09")


@pytest.mark.parametrize("bad", [
    "Legal and Governance",            # a group the page does not offer (under the threshold)
    "Not stated", "place and connectivity", " Place and Connectivity", "Place and Connectivity ",
    "<script>alert(1)</script>", "' OR 1=1 --", "=HYPERLINK(\"http://x\")", "[x](javascript:alert(1))",
    "None", "null", "", "\x00", "Place and Connectivity\x00", "P" * (MAX_TEXT + 1),
])
def test_a_value_the_page_does_not_offer_is_ignored(bad):
    assert DECLARED[0].parse(bad) is None
    assert view_params({"group": bad}, DECLARED) == {}


def test_bad_dates_and_values_give_the_default():
    wave = DECLARED[1]
    for bad in ["31/02/2024", "2024-10-07T00:00:00", "07/10/2024", "2024-13-01", "yesterday", "2025-01-01"]:
        assert wave.parse(bad) == WAVES[0], bad
    assert DECLARED[2].parse("Governance") == "culture"    # the display label is not the URL form


def test_many_keeps_the_offered_values_in_the_pages_order_once_each():
    area = DECLARED[3]
    asked = ["Procurement", "nope", "Governance and decision making", "Procurement", "<b>x</b>"]
    assert area.parse(asked) == ["Governance and decision making", "Procurement"]
    assert area.parse(["nope", "also nope"]) == []
    assert area.parse("Procurement") == ["Procurement"]          # one value, as a string


def test_the_last_of_repeated_single_values_counts_and_must_be_offered():
    group = DECLARED[0]
    assert group.parse(["Economy and Growth", "Place and Connectivity"]) == "Place and Connectivity"
    assert group.parse(["Economy and Growth", "nope"]) is None


def test_parameters_the_page_does_not_declare_are_never_read_or_written():
    params = {"group": "Economy and Growth", "comments": "all", "officer": "1", "theme": "culture"}
    view = parse_view(params, DECLARED)
    assert set(view) == {"group", "wave", "theme", "area"}
    assert view_params({**view, "comments": "all"}, DECLARED) == {"group": "Economy and Growth"}


def test_random_strings_never_raise_and_never_select_anything_unoffered():
    """A fuzz of hostile query strings (no hypothesis in the venv: a seeded generator)."""
    rng = random.Random(17)
    alphabet = string.printable + "\u00a0\u2060\u202e\U0001F600éß€£\x00\x1b"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        raw = text if rng.random() < 0.5 else [text, *rng.sample(GROUPS, 1)[:rng.randint(0, 1)]]
        view = parse_view({p.name: raw for p in DECLARED}, DECLARED)
        assert view["group"] in (None, *GROUPS)
        assert view["wave"] in WAVES and view["theme"] in ("culture", "governance")
        assert set(view["area"]) <= set(DECLARED[3].choices)
        assert all(isinstance(v, str) for v in view_params(view, DECLARED).values() if not isinstance(v, list))


def test_a_page_with_nothing_to_offer_accepts_nothing():
    empty = Param("question", ())
    assert empty.parse("STAFF-DIRECTION") is None and empty.texts("STAFF-DIRECTION") == []
