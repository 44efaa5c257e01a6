"""Redaction (issue 18): each kind replaced by its marker, nothing left in part, overlaps
merged, idempotent, unicode and empty text; and the recall threshold on the committed set."""
import pandas as pd
import pytest

from bench.redaction import load_set, measure
from metrics.redaction import Redactor, merged, redact_comments
from model.name_phrases import Span
from model.frames import COMMENTS, conform
from settings.redaction import redaction_config


@pytest.fixture(scope="module")
def redactor():
    return Redactor.from_sources(["Joanne Smith", "Director of Resources", "a.khan@x.gov.uk"],
                                 ["Legal Services"], redaction_config())


@pytest.mark.parametrize("text, expected", [
    ("Email j.smith@cambs.gov.uk today", "Email [email] today"),
    ("Ring 07700 900123 or +44 (0)1733 123456.", "Ring [phone] or [phone]."),
    ("London office 020 7946 0958", "London office [phone]"),
    ("I am EMP12345, payroll no 123456", "I am [staff number], payroll no [staff number]"),
    ("Only four of us in legal services", "Only four of us in [group]"),
    ("Joanne Smith and Khan again", "[name] and [name] again"),
    ("My manager Tom shouted; Cllr Okonkwo laughed", "My manager [name] shouted; Cllr [name] laughed"),
])
def test_each_kind_is_replaced_by_its_marker(redactor, text, expected):
    assert redactor.redact(text).text == expected


def test_no_part_of_a_name_is_left(redactor):
    out = redactor.redact("Joanne's team and Joanne Smith-Brown").text
    assert "Jo" not in out and "anne" not in out and "Smith" not in out


def test_ordinary_capitalised_words_are_kept(redactor):
    text = "The Council Directorate uses Teams on Monday; HR and the Director of Resources agree."
    assert redactor.redact(text).text == text


def test_overlapping_spans_merge_into_one_of_the_first_kind():
    spans = merged([Span(0, 5, "name"), Span(3, 9, "email"), Span(20, 22, "group")], redaction_config().priority)
    assert spans == [Span(0, 9, "email"), Span(20, 22, "group")]


def test_redacting_twice_changes_nothing(redactor):
    once = redactor.redact("Joanne Smith (EMP12345) in Legal Services: 07700 900123").text
    assert redactor.redact(once).text == once


def test_unicode_and_nbsp_text(redactor):
    out = redactor.redact("Zoë said Joanne\u00a0Smith rang 07700\u00a0900123 — in Legal\u00a0Services").text
    assert out == "[name] said [name] rang [phone] — in [group]"


def test_empty_text(redactor):
    assert redactor.redact("").text == "" and redactor.redact("").spans == ()


def test_redact_comments_keeps_the_columns_and_replaces_the_text(redactor):
    frame = conform(pd.DataFrame({"comment_id": ["a", "b"], "text": ["Call 07700 900123", None]}), COMMENTS)
    out = redact_comments(frame, redactor)
    assert list(out.columns) == list(COMMENTS) and out.loc[0, "text"] == "Call [phone]" and pd.isna(out.loc[1, "text"])


def test_recall_on_the_committed_set_is_at_least_0_98():
    comments, sources = load_set()
    assert len(comments) >= 200
    redactor = Redactor.from_sources(sources["known_names"], sources["hidden_groups"], redaction_config())
    scores, missed, _ = measure(comments, redactor)
    assert scores["all"].recall >= 0.98, missed
    assert scores["all"].precision >= 0.9
