"""Comments from every survey layout (issue 18): a generated export with a free-text column gives
its COMMENTS rows (hand-checked: group, question, text as written, the Excel row its id is made
from), empty and whitespace-only cells give none, and the respondents' counts are exactly those
of the same file without the comment column. Name and email columns (a Forms export's, a
SurveyMonkey export's, a Google form's own name question) are never comments: their values are
the result's ``known_names``, for redaction. The codebook's ``kind`` column decides where it says
something: ``free_text`` makes a short, repetitive column a comment, any other word keeps a
comment-looking column out."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from loader_builders import GROUP_Q, MULTI_Q
from loaders import load_file
from loaders.free_text import comment_id, place
from loaders.pipeline import file_hash
from model.frames import AGREEMENT_SCALE as AGREE
from model.frames import CODEBOOK, COMMENTS, conform

COMMENT_Q = "What one thing would you change?"
#: data row (0-based) -> what that respondent wrote; row 3 is only spaces, row 6 an empty string
WRITTEN = {0: "Communication between directorates still needs to improve.",
           2: "Workloads are high and\nsome teams are stretched.",
           3: "   ",
           5: "More clarity on priorities would help my team.",
           6: "",
           7: "Senior leaders are more visible than they were."}
KEPT = [0, 2, 5, 7]                         # the rows whose comment is kept
GROUPS = ["Place", "Resources"]
N = 10
META = {"audience": "staff", "wave": "2023-05", "wave_date": "2023-05-15"}


def group(i: int) -> str:
    return GROUPS[i % 2]


def answers(i: int) -> list[str]:
    return [AGREE[i % 5], AGREE[(i + 2) % 5]]


def expected(path, sheet: str, first_row: int, column: int, question: str = COMMENT_Q) -> pd.DataFrame:
    """The COMMENTS rows worked out by hand: the kept rows, in row order, ids from the file and place."""
    sha = file_hash(path)
    rows = [{"comment_id": comment_id(sha, place(sheet, first_row + i, column)), **META, "group": group(i),
             "question_id": "COMMENT-what-one-thing-would-you-change", "question_text": question,
             "text": WRITTEN[i]} for i in KEPT]
    return conform(pd.DataFrame(rows), COMMENTS)


def same_counts(with_comments, without) -> None:
    pd.testing.assert_frame_equal(with_comments.counts.answers, without.counts.answers)
    pd.testing.assert_frame_equal(with_comments.counts.reach, without.counts.reach)
    assert (with_comments.records, with_comments.questions) == (without.records, without.questions)


def drop_column(rows: list[list], column: int) -> list[list]:
    return [r[:column] + r[column + 1:] for r in rows]


# One header row: the generic sheet (csv, read as Arrow columns; and xlsx) -----------------------

def generic_rows() -> list[list]:
    rows = [["Record ID", "Directorate", "I am proud to work here", "My views are heard", COMMENT_Q]]
    rows += [[f"R{i}", group(i), *answers(i), WRITTEN.get(i, "")] for i in range(N)]
    return rows


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_generic_sheet_gives_its_comments_and_the_same_counts(suffix, write_text, write_xlsx):
    write = write_text if suffix == "csv" else write_xlsx
    path = write(generic_rows())
    result = load_file(path, **META)
    assert result.format == f"generic-survey-{suffix}"
    sheet = path.stem if suffix == "csv" else "Sheet1"
    pd.testing.assert_frame_equal(result.comments, expected(path, sheet, 2, 4))
    same_counts(result, load_file(write(drop_column(generic_rows(), 4)), **META))
    assert result.comments["text"][1] == "Workloads are high and\nsome teams are stretched.", "line breaks kept"
    again = load_file(path, **META)
    assert list(again.comments["comment_id"]) == list(result.comments["comment_id"]), "stable for the same upload"


def test_the_same_comment_in_another_file_has_another_id(write_text):
    one, two = write_text(generic_rows()), write_text(generic_rows() + [["R99", "Place", AGREE[0], AGREE[1], ""]])
    ids = [set(load_file(p, **META).comments["comment_id"]) for p in (one, two)]
    assert ids[0].isdisjoint(ids[1])


# Microsoft Forms: Email and Name are people, not comments ---------------------------------------

def forms_rows() -> list[list]:
    header = ["ID", "Start time", "Completion time", "Email", "Name", GROUP_Q, "I am proud to work here",
              "My views are heard", MULTI_Q, COMMENT_Q]
    rows = [header]
    people = ["Jane Smith", "Raj Patel", "Ola Nowak", "Tom Brown", "Amy Green"]
    for i in range(N):
        done = dt.datetime(2023, 5, 15, 9, 30 + i)
        name = people[i % 5]
        rows.append([i + 1, done, done, f"{name.replace(' ', '.').lower()}@council.gov.uk", name, group(i),
                     *answers(i), "Induction;Network;", WRITTEN.get(i) or None])
    return rows


def test_a_forms_export_gives_its_comments_never_its_names_or_emails(write_xlsx):
    from loaders.forms import load_forms_export
    from loaders.grid import read_workbook

    path = write_xlsx(forms_rows())
    result = load_file(path, **META)
    assert result.format == "microsoft-forms-xlsx"
    pd.testing.assert_frame_equal(result.comments, expected(path, "Sheet1", 2, 9))
    assert not result.comments["text"].str.contains("Jane|@council", regex=True).any()
    assert set(result.known_names) == {"Jane Smith", "Raj Patel", "Ola Nowak", "Tom Brown", "Amy Green",
                                       *(f"{p}@council.gov.uk" for p in ("jane.smith", "raj.patel", "ola.nowak",
                                                                         "tom.brown", "amy.green"))}
    same_counts(result, load_file(write_xlsx(drop_column(forms_rows(), 9)), **META))
    grid = load_forms_export(read_workbook(path).sheets[0], **META)           # the cell-grid path: the same
    assert list(grid.comments["text"]) == list(result.comments["text"])
    assert list(grid.comments["comment_id"]) == [place("Sheet1", 2 + i, 9) for i in KEPT], "each comment's place"
    assert set(grid.known_names) == set(result.known_names)


def test_an_anonymous_forms_export_has_no_known_names(write_xlsx):
    rows = forms_rows()
    for row in rows[1:]:
        row[3], row[4] = "anonymous", None
    assert load_file(write_xlsx(rows), **META).known_names == ()


def test_known_names_are_never_stored(write_xlsx, tmp_path):
    from store.file_store import FileStore

    path = write_xlsx(forms_rows())
    result = load_file(path, **META)
    store = FileStore(tmp_path / "store")
    entry = store.add(path.read_bytes(), path.name, result, META).entry
    kept = b"".join(p.read_bytes() for p in (tmp_path / "store").rglob("*") if p.is_file() and p.suffix != ".xlsx")
    assert b"Jane Smith" not in kept and b"raj.patel@council.gov.uk" not in kept
    assert list(store.comments(entry)["text"]) == [WRITTEN[i] for i in KEPT]


def test_the_exports_own_people_are_masked_in_its_comments_before_they_are_kept(write_xlsx, tmp_path):
    """A respondent named in the Name or Email column is "[name]" in every comment of the
    export (full name in any case; one word of a name where it is capitalised and not an
    ordinary word), in the load result and in the store; "will", "smith's" in lower case stay."""
    from store.file_store import FileStore

    rows = forms_rows()
    rows[1][9] = "RAJ PATEL and Ms Nowak said the amy green rota works; we will green-light it, Tom."
    rows[2][9] = "Ask Jane or Brown about the smith's forge exhibit, or jane.smith@council.gov.uk."
    path = write_xlsx(rows)
    result = load_file(path, **META)
    texts = list(result.comments["text"])
    assert texts[0] == "[name] and Ms [name] said the [name] rota works; we will green-light it, [name]."
    # "Brown" alone is an ordinary word (a colour); an email address is the display's redactor's
    assert texts[1] == "Ask [name] or Brown about the smith's forge exhibit, or jane.smith@council.gov.uk."
    store = FileStore(tmp_path / "store")
    entry = store.add(path.read_bytes(), path.name, result, META).entry
    assert list(store.comments(entry)["text"])[:2] == texts[:2]


# Google Forms: a "What is your name?" question is a name, not a comment ------------------------

def google_rows() -> list[list]:
    grid = "How far do you agree with the following?"
    rows = [["Timestamp", "Email address", "What is your name?", GROUP_Q, f"{grid} [I am proud to work here]",
             f"{grid} [My views are heard]", COMMENT_Q]]
    for i in range(N):
        rows.append([f"2023/05/15 10:{i:02d}:33 AM GMT+1", f"person{i}@example.org", f"Person Number{i}", group(i),
                     *answers(i), WRITTEN.get(i, "")])
    return rows


def test_a_google_form_gives_its_comments_and_keeps_its_names_apart(write_text):
    path = write_text(google_rows())
    result = load_file(path, **META)
    assert result.format == "google-forms-csv"
    pd.testing.assert_frame_equal(result.comments, expected(path, path.stem, 2, 6))
    assert {"person3@example.org", "Person Number3"} <= set(result.known_names)
    same_counts(result, load_file(write_text(drop_column(google_rows(), 6)), **META))


# SurveyMonkey: the Open-Ended Response column; First/Last Name and Email Address are people ------

def surveymonkey_rows() -> list[list]:
    fixed = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
             "First Name", "Last Name", "Custom Data 1"]
    row1 = fixed + ["Which organisation do you represent?", "How far do you agree?", None, COMMENT_Q]
    row2 = [None] * len(fixed) + ["Response", "I am proud to work here", "My views are heard", "Open-Ended Response"]
    rows = [row1, row2]
    for i in range(N):
        rows.append([str(114000 + i), "4041", "05/15/2023 09:00:00 AM", "05/15/2023 09:10:00 AM", "192.0.2.1",
                     f"p{i}@partner.org", "Sam", f"Jones{i}", "", group(i), *answers(i), WRITTEN.get(i, "")])
    return rows


def test_a_surveymonkey_export_gives_its_open_ended_answers(write_text):
    path = write_text(surveymonkey_rows())
    result = load_file(path, **META)
    assert result.format == "surveymonkey-csv"
    pd.testing.assert_frame_equal(result.comments, expected(path, path.stem, 3, 12))
    assert {"Sam", "Jones4", "p4@partner.org"} <= set(result.known_names)
    same_counts(result, load_file(write_text(drop_column(surveymonkey_rows(), 12)), **META))


# Qualtrics: a text-entry question (QID.._TEXT) -------------------------------------------------

def qualtrics_rows(with_comment: bool = True) -> list[list]:
    fixed = [("RecordedDate", "Recorded Date", "recordedDate"), ("ResponseId", "Response ID", "_recordId"),
             ("RecipientFirstName", "Recipient First Name", "recipientFirstName")]
    items = [("Q1", GROUP_Q, "QID1"), ("Q5_1", "How far do you agree? - I am proud to work here", "QID5_1"),
             ("Q5_2", "How far do you agree? - My views are heard", "QID5_2")]
    items += [("Q6", COMMENT_Q, "QID6_TEXT")] if with_comment else []
    rows = [[t for t, _, _ in fixed + items], [x for _, x, _ in fixed + items],
            [json.dumps({"ImportId": i}) for _, _, i in fixed + items]]
    for i in range(N):
        rows.append(["2023-05-15 09:10:00", f"R_{i:04d}", f"Kim{i}", group(i), *answers(i),
                     *([WRITTEN.get(i, "")] if with_comment else [])])
    return rows


def test_a_qualtrics_export_gives_its_text_entry_answers(write_text):
    path = write_text(qualtrics_rows())
    result = load_file(path, **META)
    assert result.format == "qualtrics-csv"
    pd.testing.assert_frame_equal(result.comments, expected(path, path.stem, 4, 6))
    assert "Kim3" in result.known_names
    same_counts(result, load_file(write_text(qualtrics_rows(with_comment=False)), **META))


# Long format: one row per answer, the comment a statement whose answers are free text ----------

def long_rows(with_comment: bool = True) -> list[list]:
    rows = [["Response ID", "Status", "Department", "Question", "Response"]]
    for i in range(N):
        for statement, answer in zip(("I am proud to work here", "My views are heard"), answers(i)):
            rows.append([str(500 + i), "Complete", group(i), statement, answer])
        if with_comment and i in WRITTEN:
            rows.append([str(500 + i), "Complete", group(i), COMMENT_Q, WRITTEN[i]])
    return rows


def test_a_long_export_gives_the_comment_rows(write_text):
    path = write_text(long_rows())
    result = load_file(path, **META)
    assert result.format == "long-survey-csv"
    rows = long_rows()
    excel = {i: next(n + 1 for n, r in enumerate(rows) if r[0] == str(500 + i) and r[3] == COMMENT_Q) for i in KEPT}
    sha = file_hash(path)
    want = expected(path, path.stem, 0, 4).assign(
        comment_id=pd.array([comment_id(sha, place(path.stem, excel[i], 4)) for i in KEPT], dtype="string"))
    pd.testing.assert_frame_equal(result.comments, want)
    same_counts(result, load_file(write_text(long_rows(with_comment=False)), **META))


# The codebook's kind ---------------------------------------------------------------------------

def codebook_with(kind_of: dict[str, str]) -> pd.DataFrame:
    rows = [{"question_id": "Q-PROUD", "wording": "I am proud to work here", "waves": "", "theme": "culture"},
            {"question_id": "Q-VOICE", "wording": "My views are heard", "waves": "", "theme": "culture"}]
    rows += [{"question_id": qid, "wording": wording, "waves": "", "theme": "", "kind": kind}
             for wording, (qid, kind) in kind_of.items()]
    return conform(pd.DataFrame(rows), CODEBOOK)


def test_the_codebook_marks_a_short_answer_column_free_text(write_text):
    rows = generic_rows()
    rows[0].append("Anything else?")
    for i, row in enumerate(rows[1:]):
        row.append("No" if i % 3 else "Pay")          # short and repetitive: not free text by its content
    path = write_text(rows)
    assert "Anything else?" not in set(load_file(path, **META).comments["question_text"])
    marked = load_file(path, codebook=codebook_with({"Anything else?": ("Q-ELSE", "free_text")}), **META)
    extra = marked.comments[marked.comments["question_text"] == "Anything else?"]
    assert len(extra) == N and set(extra["question_id"]) == {"Q-ELSE"}, "the codebook's id, every filled cell"
    assert "Q-ELSE" not in {u["question_id"] for u in marked.metadata["unmapped"]}


def test_the_codebook_keeps_a_comment_looking_column_out(write_text):
    path = write_text(generic_rows())
    result = load_file(path, codebook=codebook_with({COMMENT_Q: ("Q-CHANGE", "choice")}), **META)
    assert result.comments.empty


def test_a_codebook_without_the_kind_column_still_reads(tmp_path):
    from loaders.codebook import load_codebook

    path = tmp_path / "codebook.csv"
    path.write_text("question_id,wording,waves,theme,negative\nQ1,I am proud,,culture,false\n", encoding="utf-8")
    book = load_codebook(path)
    assert list(book.columns) == list(CODEBOOK) and book["kind"].isna().all()
