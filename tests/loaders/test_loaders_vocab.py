"""RAG text -> one status (config/rag_vocabulary.csv) and the agreement-scale vocabulary."""
import pytest

from model.frames import ACTION_STATUSES
from loaders.survey_common import agreement_answer
from settings.vocabulary import rag_status, rag_vocabulary, scrutiny_schemes


@pytest.mark.parametrize("text, status", [
    ("R", "Red"), ("red", "Red"), ("A", "Amber"), ("Amber", "Amber"), ("Yellow", "Amber"),
    ("G", "Green"), ("GREEN", "Green"), ("Amber/Green", "Amber"), ("Amber / Green", "Amber"),
    ("Red/Amber", "Red"), ("red-amber", "Red"), ("Blue", "Complete"), ("Complete", "Complete"),
    ("Completed", "Complete"), ("Not started", "Not started"), ("On hold", "On hold"),
    ("Superseded", "Superseded"), ("N/A", "Not applicable"), ("In progress", "Amber"),
    (" amber. ", "Amber"),
])
def test_rag_spellings(text, status):
    assert rag_status(text) == status


def test_unknown_rag_is_none():
    assert rag_status("Purple") is None


def test_vocabulary_statuses_are_canonical():
    assert set(rag_vocabulary().values()) <= set(ACTION_STATUSES)


@pytest.mark.parametrize("text, answer", [
    ("Strongly agree", "Strongly agree"), ("strongly  AGREE", "Strongly agree"),
    ("Neither agree or disagree", "Neither agree nor disagree"),
    ("Neutral", "Neither agree nor disagree"), ("Agree\u00a0", "Agree"),
    ("Don't know", ""), ("Yes", None), ("", None),
])
def test_agreement_variants(text, answer):
    assert agreement_answer(text) == answer


def test_schemes_from_config():
    schemes = scrutiny_schemes()
    assert len(schemes["cpca-8"].criteria) == 8
    assert (schemes["oxford-topicc"].scale_min, schemes["oxford-topicc"].scale_max) == (0, 2)
