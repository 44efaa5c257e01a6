"""The words of free text, as the comment themes compare them: tokens and their light stems.

One function makes the words of a codebook term and of a comment, so a term matches a
comment exactly when its stemmed words appear in the comment's, in order and side by side.
The stemming is deliberately light (no dictionary): lower case, apostrophes dropped, then a
plural ending (-s, -es, -ies), an -ed or -ing ending and a final -e are taken off while the
stem keeps three letters and a vowel, and a doubled final consonant left by -ed/-ing is
undoubled ("stopped" -> "stop"). "workloads", "stretched", "bullied" and "bullying" become
"workload", "stretch", "bully" and "bully"; "pay" never matches "repayment".
"""
from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9]+")
_VOWEL = re.compile(r"[aeiouy]")
#: Final consonants a doubled ending keeps doubled ("staffed" -> "staff", "called" -> "call").
_KEEP_DOUBLE = set("lsfz")


def _stem_ok(stem: str) -> bool:
    return len(stem) >= 3 and bool(_VOWEL.search(stem))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The light stem of one lower-case word (module docstring)."""
    if len(word) <= 3 or word.isdigit():
        return word
    for ending, instead in (("ies", "y"), ("ied", "y"), ("sses", "ss")):
        if word.endswith(ending) and _stem_ok(word[: -len(ending)] + instead):
            return word[: -len(ending)] + instead
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and _stem_ok(word[:-1]):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and _stem_ok(word[: -len(ending)]):
            word = word[: -len(ending)]
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE | set("aeiou"):
                word = word[:-1]
            break
    if word.endswith("e") and _stem_ok(word[:-1]):
        word = word[:-1]
    return word


def words(text: object) -> tuple[str, ...]:
    """The stemmed words of ``text`` in order ('' and missing text: none)."""
    if not isinstance(text, str):
        return ()
    plain = text.lower().replace("'", "").replace("\u2019", "")
    return tuple(stem(token) for token in _TOKEN.findall(plain))


def contains(text_words: tuple[str, ...], term_words: tuple[str, ...]) -> bool:
    """Whether ``term_words`` appear in ``text_words`` side by side, in order."""
    n = len(term_words)
    if n == 0 or n > len(text_words):
        return False
    if n == 1:
        return term_words[0] in text_words
    return any(text_words[i:i + n] == term_words for i in range(len(text_words) - n + 1))
