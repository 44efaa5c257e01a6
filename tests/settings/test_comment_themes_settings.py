"""The comment themes' codebook file: the shipped one loads, and each kind of mistake stops
the load with a message naming where it is."""
from __future__ import annotations

import copy
import tomllib

import pytest

from settings.comment_themes import CODEBOOK_FILE, NO_THEME, CodebookError, codebook_from, comment_codebook

RAW = tomllib.loads(CODEBOOK_FILE.read_text(encoding="utf-8"))


def test_the_shipped_codebook_loads_with_the_issue_themes():
    codebook = comment_codebook()
    assert codebook.keys() == ["workload", "leadership_visibility", "communication", "bullying", "pay",
                               "hybrid_working", NO_THEME]
    assert codebook.name("hybrid_working") == "Hybrid working" and codebook.name(NO_THEME) == "No theme"
    assert codebook.name("retired_theme") == "retired_theme"


def _broken(change) -> dict:
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@pytest.mark.parametrize("change, words", [
    (lambda r: r["themes"]["pay"].pop("name"), "[themes.pay]: needs a display name"),
    (lambda r: r["themes"]["pay"].update(terms=[]), "[themes.pay]: needs terms"),
    (lambda r: r["themes"]["pay"].update(terms=["pay", "--"]), "the term '--' has no letters"),
    (lambda r: r["themes"]["pay"].update(terms=["pay", "Workloads"]), "matches as 'workload' of [themes.workload]"),
    (lambda r: r["themes"]["pay"].update(name="Workload"), "the name 'Workload' is also workload's"),
    (lambda r: r["themes"]["pay"].update(colour="red"), "unknown key(s) ['colour']"),
    (lambda r: r["themes"].update({"Pay Two": {"name": "x", "terms": ["x"]}}), "[themes.Pay Two]: a theme key"),
    (lambda r: r.pop("no_theme"), "needs no_theme"),
    (lambda r: r.update(themes={}), "needs at least one [themes.<key>]"),
    (lambda r: r["topics"].pop("top_words"), "missing ['top_words']"),
    (lambda r: r["topics"].update(top_words=2.5), "top_words must be a whole number"),
    (lambda r: r["examples"].update(trim_share=0.5), "trim_share is a share"),
])
def test_a_mistake_is_named(change, words):
    with pytest.raises(CodebookError) as error:
        codebook_from(_broken(change), where="comment_themes.toml")
    assert words in str(error.value) and str(error.value).startswith("comment_themes.toml")
