"""Free-text answers (comments): which survey columns hold them, and their COMMENTS rows.

Every survey layout hands ``build_survey`` its candidate columns; the ones that are not
agreement items and not the reporting group are asked here whether they are free text:

- the codebook says so: its ``kind`` column is ``free_text`` for the wording (any other
  word says the column is never a comment, whatever it holds);
- else its CONTENT says so (config/survey_headers.toml ``[free_text]``): no multi-select
  answers, few agreement labels, few dates, numbers or email addresses, and long or varied
  text. A column whose header names an ID, an email, a name, a date or a time is never a
  comment (a Forms export's Name and Email are people, not what they said).

A comment is one filled cell (empty and whitespace-only cells are skipped), with its wave,
group (as the survey's counts have it, "" when none) and question, never its respondent.
Its text is the cell as written, line breaks kept, unredacted. A layout's loader gives each
comment its place in the file (``place``: sheet, Excel row, column); ``load_file`` turns the
place into the comment's id with the file's hash (``stamp_ids``), so the same upload always
gives the same ids and two uploads never share one. ``known_names`` gathers the distinct
values of the name and email columns an export carries; ``mask_known_people`` replaces
them in the export's own comments by the name marker (config/redaction.toml) before the
comments leave the loader, so a respondent's name is never kept in the store or shown. The
names themselves stay on the load result and are never stored.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from model.frames import COMMENTS, conform, empty
from model.name_phrases import name_masker
from model.text import cell_text, one_line
from settings.redaction import redaction_config
from settings.vocabulary import header_config

from .cells import slug
from .codebook import QuestionMap
from .column_profile import Profile

FREE_TEXT = "free_text"
COMMENT_PREFIX = "COMMENT-"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NUMBER = re.compile(r"^[+-]?[£$€]?\d[\d,]*(\.\d+)?%?$")
_DATE = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?.*)?$")


@lru_cache(maxsize=1)
def _config() -> dict:
    return header_config("survey_headers")["free_text"]


def is_people_header(header: str) -> bool:
    """A header naming a person's name or email (config ``name_header``)."""
    return bool(re.search(_config()["name_header"], one_line(header), re.IGNORECASE))


def is_comment_column(wording: str, header: str, p: Profile, questions: QuestionMap) -> bool:
    """The codebook's word for the column (``kind``), else what its content says."""
    kind = questions.kind(wording)
    if kind is not None:
        return kind == FREE_TEXT
    return looks_like_free_text(header, p)


def marked_free_text(wording: str, questions: QuestionMap) -> bool:
    """The codebook marks this wording a comment question (it is then never an agreement item)."""
    return questions.kind(wording) == FREE_TEXT


def _data_like(text: str) -> bool:
    return bool(_EMAIL.match(text) or _NUMBER.match(text) or _DATE.match(text))


def looks_like_free_text(header: str, p: Profile) -> bool:
    """Long or varied text, not agreement labels, not a multi-select, not data (module docstring)."""
    config = _config()
    if re.search(config["not_comment_header"], one_line(header), re.IGNORECASE):
        return False
    counts = p.counts()
    filled = [i for i, text in enumerate(p.texts) if text and counts[i]]
    cells = int(sum(counts[i] for i in filled))
    if not cells or any(p.multi[i] for i in filled):
        return False
    share = lambda test: sum(int(counts[i]) for i in filled if test(i)) / cells     # noqa: E731
    if share(lambda i: p.answers[i] is not None) > float(config["max_agreement_share"]):
        return False
    if share(lambda i: _data_like(p.texts[i])) > float(config["max_data_share"]):
        return False
    words = sum(int(counts[i]) * len(p.texts[i].split()) for i in filled) / cells
    varied = len(filled) / cells >= float(config["varied_share"]) and words >= float(config["varied_words"])
    return words >= float(config["long_words"]) or varied


def question_id(wording: str, questions: QuestionMap) -> str:
    """The codebook's id of a comment question, else ``COMMENT-<slug>`` (never reported as unmapped:
    a comment question has no agreement answers to map)."""
    return questions.question_id(wording) if questions.knows(wording) else f"{COMMENT_PREFIX}{slug(wording)}"


def place(sheet: str, row: int, column: int) -> str:
    """Where a comment is in its file: what its id is made from, with the file's hash."""
    return f"{sheet}\x1f{row}\x1f{column}"


def comment_rows(cells, p: Profile, rows: list[int], index: int, sheet: str) -> tuple[np.ndarray, list[str], list[str]]:
    """(row positions, texts as written, places) of one column's filled cells."""
    filled = np.asarray([bool(t) for t in p.texts], dtype=bool)
    positions = np.flatnonzero(filled[p.codes]) if len(p.codes) else np.empty(0, dtype=np.int64)
    if hasattr(cells, "take"):                               # an Arrow column (loaders.columns)
        values = cells.take(positions).to_pylist() if len(positions) else []
    else:
        values = [cells[i] for i in positions]
    texts = [cell_text(v) for v in values]
    return positions, texts, [place(sheet, rows[i], index) for i in positions]


def comments_frame(parts: list[tuple[str, str, np.ndarray, list[str], list[str]]], groups: np.ndarray,
                   audience: str, wave: str, date: pd.Timestamp) -> pd.DataFrame:
    """COMMENTS from (question id, wording, row positions, texts, places) per comment column;
    ``groups`` is each data row's group (None: not stated). ``comment_id`` holds the place
    until ``stamp_ids`` makes it the id."""
    rows = [(pl, qid, wording, groups[at] or "", text) for qid, wording, positions, texts, places in parts
            for at, text, pl in zip(positions, texts, places)]
    if not rows:
        return empty(COMMENTS)
    frame = pd.DataFrame(rows, columns=["comment_id", "question_id", "question_text", "group", "text"])
    frame["audience"], frame["wave"], frame["wave_date"] = audience, wave, date
    return conform(frame, COMMENTS)


def comment_id(file_sha256: str, where: str) -> str:
    """A comment's id: a hash of the file's sha256 and the comment's place (sheet, row, column)."""
    return hashlib.sha256(f"{file_sha256}\x1f{where}".encode("utf-8")).hexdigest()[:24]


def stamp_ids(comments: pd.DataFrame, file_sha256: str) -> pd.DataFrame:
    """The comments with each place made its id (``comment_id``)."""
    if comments.empty:
        return comments
    ids = [comment_id(file_sha256, where) for where in comments["comment_id"]]
    return comments.assign(comment_id=pd.array(ids, dtype="string"))


def known_names(columns: list[tuple[str, object]]) -> tuple[str, ...]:
    """The distinct values of the (header, cells) columns whose header names a person or an
    email, first seen first; 'anonymous' (an anonymous form's email) is not a name."""
    seen: dict[str, None] = {}
    for header, cells in columns:
        if not is_people_header(header):
            continue
        values = cells.to_pylist() if hasattr(cells, "to_pylist") else cells
        for value in values:
            text = one_line(value)
            if text and text.casefold() != "anonymous":
                seen.setdefault(text, None)
    return tuple(seen)


def mask_known_people(comments: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """The comments with the export's own people (``known_names``) replaced by the name
    marker: a full name in any case, one word of a name where it is written capitalised
    (model.name_phrases.name_masker)."""
    if comments.empty or not names:
        return comments
    config = redaction_config()
    patterns, marker = name_masker(names, config.ordinary_words), config.markers["name"]
    if not patterns:
        return comments
    texts = []
    for text in comments["text"].astype(object):
        for pattern in patterns:
            text = pattern.sub(marker, text) if isinstance(text, str) else text
        texts.append(text)
    return comments.assign(text=pd.array(texts, dtype="string"))
