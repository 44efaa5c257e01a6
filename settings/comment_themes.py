"""The comment themes' codebook, read once from config/comment_themes.toml and checked.

Each theme has a key (``workload``), a display name and the words and phrases that put a
comment in it; the ``no_theme`` name is what a comment no term matches is counted under.
``[topics]`` and ``[examples]`` hold the parameters of the unsupervised view and of the
typical examples. A mistake in the file (a theme without a name or terms, a term with no
words in it, one term in two themes, an unknown key) stops the load with a message that
names the file, the theme and what to change.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from model.words import words
from settings.config import CONFIG_DIR

CODEBOOK_FILE = CONFIG_DIR / "comment_themes.toml"
#: The key of the comments no theme matched, in every assignment and count.
NO_THEME = "no_theme"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_TOPIC_KEYS = {"n_topics": int, "min_comments": int, "min_word_comments": int, "top_words": int, "random_state": int, "max_iter": int}
_EXAMPLE_KEYS = {"trim_share": float}


class CodebookError(ValueError):
    """config/comment_themes.toml is not a valid codebook; the message says where and why."""


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    terms: tuple[str, ...]
    #: Each term's stemmed words (model.words), in the order of ``terms``.
    term_words: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class TopicSettings:
    n_topics: int
    min_comments: int
    min_word_comments: int
    top_words: int
    random_state: int
    max_iter: int


@dataclass(frozen=True)
class CommentCodebook:
    themes: tuple[Theme, ...]
    no_theme_name: str
    topics: TopicSettings
    trim_share: float

    def keys(self) -> list[str]:
        """Theme keys in the file's order, then NO_THEME."""
        return [t.key for t in self.themes] + [NO_THEME]

    def name(self, key: str) -> str:
        """A theme's display name (NO_THEME: the file's ``no_theme``; an unknown key: itself)."""
        if key == NO_THEME:
            return self.no_theme_name
        return next((t.name for t in self.themes if t.key == key), str(key))


def _fail(where: str, message: str) -> CodebookError:
    return CodebookError(f"{where}: {message}")


def _theme(key: str, raw: object, where: str) -> Theme:
    place = f"{where} [themes.{key}]"
    if not _KEY.match(key) or key == NO_THEME:
        raise _fail(place, f"a theme key is lower-case letters, digits and _ (and not {NO_THEME!r})")
    if not isinstance(raw, dict):
        raise _fail(place, "a theme is a table with name = \"...\" and terms = [\"...\", ...]")
    unknown = set(raw) - {"name", "terms"}
    if unknown:
        raise _fail(place, f"unknown key(s) {sorted(unknown)}; a theme has only name and terms")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(place, "needs a display name: name = \"...\"")
    terms = raw.get("terms")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) for t in terms):
        raise _fail(place, "needs terms = [\"word\", \"a phrase\", ...]: at least one, each a string")
    stemmed = []
    for term in terms:
        if not words(term):
            raise _fail(place, f"the term {term!r} has no letters or digits to match")
        stemmed.append(words(term))
    return Theme(key, name.strip(), tuple(terms), tuple(stemmed))


def _section(raw: dict, name: str, keys: dict[str, type], where: str) -> dict:
    part = raw.get(name)
    if not isinstance(part, dict):
        raise _fail(where, f"needs a [{name}] table with {sorted(keys)}")
    missing, unknown = set(keys) - set(part), set(part) - set(keys)
    if missing or unknown:
        raise _fail(f"{where} [{name}]", f"missing {sorted(missing)}, unknown {sorted(unknown)}")
    out = {}
    for key, kind in keys.items():
        value = part[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            raise _fail(f"{where} [{name}]", f"{key} must be a {'whole ' if kind is int else ''}number")
        out[key] = kind(value)
    return out


def codebook_from(raw: dict, where: str = "config/comment_themes.toml") -> CommentCodebook:
    """A checked codebook from the parsed file ``raw`` (CodebookError on any mistake)."""
    unknown = set(raw) - {"no_theme", "themes", "topics", "examples"}
    if unknown:
        raise _fail(where, f"unknown key(s) {sorted(unknown)}")
    no_theme = raw.get("no_theme")
    if not isinstance(no_theme, str) or not no_theme.strip():
        raise _fail(where, "needs no_theme = \"...\": the name of comments no theme matches")
    themes_raw = raw.get("themes")
    if not isinstance(themes_raw, dict) or not themes_raw:
        raise _fail(where, "needs at least one [themes.<key>] table")
    themes = tuple(_theme(key, value, where) for key, value in themes_raw.items())
    _check_distinct(themes, no_theme.strip(), where)
    topics = TopicSettings(**_section(raw, "topics", _TOPIC_KEYS, where))
    if min(topics.n_topics, topics.min_comments, topics.min_word_comments, topics.top_words, topics.max_iter) < 1:
        raise _fail(f"{where} [topics]", "n_topics, min_comments, min_word_comments, top_words and max_iter are "
                    "at least 1")
    trim = _section(raw, "examples", _EXAMPLE_KEYS, where)["trim_share"]
    if not 0 <= trim < 0.5:
        raise _fail(f"{where} [examples]", "trim_share is a share from 0 up to (not including) 0.5")
    return CommentCodebook(themes, no_theme.strip(), topics, trim)


def _check_distinct(themes: tuple[Theme, ...], no_theme: str, where: str) -> None:
    """No two themes share a name, and no term (as matched) is in two themes."""
    names: dict[str, str] = {no_theme.lower(): "no_theme"}
    owner: dict[tuple[str, ...], tuple[str, str]] = {}
    for theme in themes:
        other = names.setdefault(theme.name.lower(), theme.key)
        if other != theme.key:
            raise _fail(f"{where} [themes.{theme.key}]", f"the name {theme.name!r} is also {other}'s")
        for term, stemmed in zip(theme.terms, theme.term_words):
            first = owner.setdefault(stemmed, (theme.key, term))
            if first[0] != theme.key:
                raise _fail(f"{where} [themes.{theme.key}]",
                            f"the term {term!r} matches as {first[1]!r} of [themes.{first[0]}] does: "
                            "keep it in one theme")


def load_codebook(path: Path = CODEBOOK_FILE) -> CommentCodebook:
    """Read and check a codebook file (CodebookError names the file on any mistake)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CodebookError(f"{path.name}: not valid TOML ({error})") from error
    return codebook_from(raw, where=path.name)


@cache
def comment_codebook() -> CommentCodebook:
    """The codebook of config/comment_themes.toml, read once."""
    return load_codebook()
