"""Long-format HR survey exports (issue 15): one row per answer, pivoted to one record per
respondent. The layout follows the README of github.com/Ugochiekoh/Employee-Engagement-Survey-
Analysis (commit 0f1e98bf): ``Response_ID, Status, Department, Director, Manager, Supervisor,
Staff, Question, Response, Response_Text``; that data is not public, so the files here are
generated from a seeded random source, and every expected count is computed from the
generated answers themselves, not from the loader."""
import random
from collections import Counter
from dataclasses import dataclass

import pandas as pd
import pytest

from loaders import load_file, registry
from loaders.generic_survey import is_generic_survey
from loaders.grid import read_workbook
from loaders.report import FileRejected
from model.frames import AGREEMENT_SCALE, CODEBOOK, conform

STATEMENTS = [
    "I know what is expected of me at work",
    "I have the materials and equipment I need to do my work right",
    "At work, I have the opportunity to do what I do best every day",
    "In the last seven days, I have received recognition or praise for doing good work",
    "My supervisor, or someone at work, seems to care about me as a person",
    "There is someone at work who encourages my development",
    "At work, my opinions seem to count",
    "The mission or purpose of my organisation makes me feel my job is important",
    "My fellow employees are committed to doing quality work",
    "I have a best friend at work",
    "In the last six months, someone at work has talked to me about my progress",
    "This last year, I have had opportunities at work to learn and grow",
]
DEPARTMENTS = ["Human Resources", "IT", "Finance", "Legal", "Place", "Transport", "Housing"]
HEADER = ["Response ID", "Status", "Department", "Director", "Manager", "Supervisor", "Staff",
          "Question", "Response", "Response Text"]
AGREE = set(AGREEMENT_SCALE[3:])


@dataclass
class Answer:
    """One generated row, as the export writes it and as it should be counted."""

    person: int
    department: str
    statement: str
    label: str | None           # the scale label counted, None for N/A or an invalid 0
    complete: bool


def generate(seed=15, people=240, numeric=False, incomplete=0.1, not_applicable=0.06, wording=None):
    """(rows of a long export, the answers behind them). ``wording(person, statement)``
    gives the text a respondent's row carries (default: the statement itself)."""
    rnd = random.Random(seed)
    rows, answers = [HEADER], []
    for person in range(1, people + 1):
        department = rnd.choice(DEPARTMENTS)
        complete = rnd.random() >= incomplete
        role = [0, 0, 0, 0]
        role[rnd.choice([0, 1, 2, 3, 3, 3])] = 1
        for statement in STATEMENTS:
            code = 0 if rnd.random() < not_applicable else rnd.choice([1, 2, 3, 3, 4, 4, 5])
            label = AGREEMENT_SCALE[code - 1] if code else None
            cell = code if numeric else (label or rnd.choice(["Not Applicable", "N/A", "Don't know"]))
            comment = rnd.choice(["", "", "More training please", "Good team"])
            text = wording(person, statement) if wording else statement
            rows.append([100000 + person, "Complete" if complete else "Incomplete", department, *role,
                         text, cell, comment])
            answers.append(Answer(person, department, statement, label, complete))
    return rows, answers


def counted(answers):
    return [a for a in answers if a.complete and a.label]


def expected_counts(answers):
    """Answers per statement, per (department, statement), and % agree per statement."""
    valid = counted(answers)
    per_question = Counter(a.statement for a in valid)
    per_group = Counter((a.department, a.statement) for a in valid)
    agree = Counter(a.statement for a in valid if a.label in AGREE)
    return per_question, per_group, {s: round(100 * agree[s] / per_question[s], 6) for s in per_question}


def loaded_counts(frame):
    per_question = Counter(frame["question_text"])
    per_group = Counter(zip(frame["group"], frame["question_text"]))
    agree = Counter(frame.loc[frame["answer"].isin(AGREE), "question_text"])
    return per_question, per_group, {s: round(100 * agree[s] / per_question[s], 6) for s in per_question}


def codebook_of(statements, ids=None):
    ids = ids or [f"Q{n + 1:02d}" for n in range(len(statements))]
    return conform(pd.DataFrame({"question_id": ids, "wording": statements, "waves": "", "theme": "engagement",
                                 "negative": False}), CODEBOOK)


def test_agreement_words_with_ids_give_the_generated_counts(write_text):
    rows, answers = generate()
    result = load_file(write_text(rows), wave_date="2024-05-01")
    assert result.format == "long-survey-csv"
    assert result.questions == len(STATEMENTS)
    assert result.records == len({a.person for a in counted(answers)})
    assert loaded_counts(result.frame) == expected_counts(answers)
    assert set(result.frame["group"]) == {a.department for a in counted(answers)}
    assert result.metadata["group_column"] == "Department"
    left = {a.person for a in answers if not a.complete}
    assert any(f"{len(left)} responses ({len(left) * len(STATEMENTS)} rows) with Status 'Incomplete'" in w.message
               for w in result.warnings)


def test_snake_case_numeric_xlsx_with_a_codebook(write_xlsx):
    rows, answers = generate(seed=7, numeric=True)
    rows[0] = [h.replace(" ", "_") for h in HEADER]
    result = load_file(write_xlsx(rows, sheet="Survey"), codebook=codebook_of(STATEMENTS), wave_date="2024-05-01")
    assert result.format == "long-survey-xlsx"
    assert loaded_counts(result.frame) == expected_counts(answers)
    assert set(result.frame["question_id"]) == {f"Q{n + 1:02d}" for n in range(len(STATEMENTS))}
    zeros = sum(1 for a in answers if a.complete and a.label is None)
    zero_warning = next(w for w in result.warnings if "not a valid answer" in w.message)
    assert zero_warning.message.startswith(f"{zeros} answers are 0")
    assert (zero_warning.sheet, zero_warning.column) == ("Survey", "Response")


def test_numbers_without_a_codebook_are_refused_with_the_reason(write_xlsx):
    rows, _ = generate(seed=8, numeric=True)
    with pytest.raises(FileRejected) as refused:
        load_file(write_xlsx(rows, sheet="Survey"), wave_date="2024-05-01")
    finding = refused.value.findings[0]
    assert "numbers 1-5 with no labels" in finding.message
    assert "codebook (codebook.csv) or export the answer labels" in finding.message
    assert (finding.sheet, finding.column, finding.row) == ("Survey", "Response", 2)


def test_numbers_the_codebook_half_knows_count_only_the_known_statements(write_text):
    rows, answers = generate(seed=9, numeric=True)
    result = load_file(write_text(rows), codebook=codebook_of(STATEMENTS[:6]), wave_date="2024-05-01")
    assert result.questions == 6
    known = [a for a in answers if a.statement in STATEMENTS[:6]]
    assert loaded_counts(result.frame) == expected_counts(known)
    assert any("Some statements were not counted" in w.message and STATEMENTS[6] in w.message
               for w in result.warnings)


def test_a_statement_that_asks_about_agreement_reads_numbers_without_a_codebook(write_text):
    rows = [["Respondent ID", "Directorate", "Statement", "Score"]]
    asked = "How far do you agree: I feel valued"
    for person in range(12):
        rows += [[person, "Place", asked, person % 5 + 1], [person, "Place", "I like my desk", 3]]
    result = load_file(write_text(rows), wave_date="2024-05-01")
    assert result.questions == 1
    assert Counter(result.frame["answer"].astype(str)) == Counter(AGREEMENT_SCALE[p % 5] for p in range(12))


def test_without_ids_the_counts_per_question_hold_and_groups_are_never_overstated(write_text):
    rows, answers = generate(seed=11)
    rows = [r[1:] for r in rows]
    result = load_file(write_text(rows), wave_date="2024-05-01")
    assert loaded_counts(result.frame) == expected_counts(answers)
    assert any("number of people cannot be told" in w.message for w in result.warnings)
    people = result.counts.people(["group"]).set_index("group")["respondents"]
    for department in people.index:
        truth = {a.person for a in counted(answers) if a.department == department}
        most = max(Counter(a.statement for a in counted(answers) if a.department == department).values())
        assert most <= people[department] <= len(truth)


def test_without_ids_and_every_answer_given_the_people_are_exact(write_text):
    rows, answers = generate(seed=12, incomplete=0, not_applicable=0)
    result = load_file(write_text([r[1:] for r in rows]), wave_date="2024-05-01")
    assert result.records == len({a.person for a in answers})


def test_wordings_differing_in_spacing_or_ampersand_are_one_question(write_text):
    variants = {STATEMENTS[1]: "I have the materials & equipment  I need to do my work right",
                STATEMENTS[6]: "At work,my opinions seem to count"}
    rows, answers = generate(seed=13, wording=lambda p, s: variants.get(s, s) if p % 3 == 0 else s)
    result = load_file(write_text(rows), wave_date="2024-05-01")
    assert result.questions == len(STATEMENTS)
    expected = expected_counts(answers)[0]
    for statement, variant in variants.items():
        asked = result.frame[result.frame["question_text"].isin([statement, " ".join(variant.split())])]
        assert asked["question_id"].nunique() == 1
        assert len(asked) == expected[statement]
        assert any("only in spacing" in w.message and " ".join(variant.split()) in w.message
                   and statement in w.message for w in result.warnings)
    assert result.frame["question_id"].nunique() == len(STATEMENTS)


def test_a_wording_the_codebook_has_with_an_ampersand_takes_its_id(write_text):
    rows, _ = generate(seed=14)
    coded = STATEMENTS[1].replace(" and ", " & ")
    result = load_file(write_text(rows), codebook=codebook_of([coded], ["Q-KIT"]), wave_date="2024-05-01")
    assert set(result.frame.loc[result.frame["question_text"] == coded, "question_id"]) == {"Q-KIT"}
    assert any("the codebook's wording" in w.message for w in result.warnings)


def test_only_incomplete_responses_are_refused(write_text):
    rows, _ = generate(seed=16, people=20, incomplete=1.0)
    with pytest.raises(FileRejected) as refused:
        load_file(write_text(rows), wave_date="2024-05-01")
    finding = refused.value.findings[0]
    assert "Every response in this file (20 responses (240 rows)) has Status 'Incomplete'" in finding.message
    assert (finding.column, finding.row) == ("Status", 2)


def test_the_file_is_not_claimed_by_the_generic_survey_sheet_any_more(write_text):
    """On main this file loaded as ONE question answered by every row (generic-survey)."""
    rows, answers = generate(seed=17)
    path = write_text(rows)
    sheets = read_workbook(path).sheets
    assert is_generic_survey(sheets[0])                 # the generic sheet would take it ...
    assert registry.detect(sheets, "survey").layout.name == "long-survey"   # ... but long-survey stands first
    result = load_file(path, wave_date="2024-05-01")
    assert (result.format, result.questions) == ("long-survey-csv", 12)
    assert result.records == len({a.person for a in counted(answers)})


def test_two_columns_that_could_hold_the_statements_are_refused(write_text):
    rows, _ = generate(seed=18, people=15)
    rows = [r + [r[7] if i else "Item"] for i, r in enumerate(rows)]
    with pytest.raises(FileRejected, match="'Question' \\(column H\\) and 'Item' \\(column K\\) could each hold "
                                           "the statements"):
        load_file(write_text(rows), wave_date="2024-05-01")


def test_a_second_different_answer_to_one_statement_is_warned_with_its_row(write_text):
    rows, _ = generate(seed=19, people=15, incomplete=0, not_applicable=0)
    repeat = list(rows[1])
    repeat[8] = "Strongly agree" if rows[1][8] != "Strongly agree" else "Strongly disagree"
    rows.append(repeat)
    result = load_file(write_text(rows), wave_date="2024-05-01")
    warning = next(w for w in result.warnings if "twice, differently" in w.message)
    assert (warning.row, warning.column) == (len(rows), "Response")
    assert "rows 2 and" in warning.message
    first = result.frame[(result.frame["respondent"] == "100001") & (result.frame["question_text"] == STATEMENTS[0])]
    assert first["answer"].astype(str).tolist() == [rows[1][8]]


def test_the_wave_date_comes_from_a_date_column_else_it_is_asked_for(write_text):
    rows, _ = generate(seed=20, people=12, incomplete=0)
    with pytest.raises(FileRejected) as refused:
        load_file(write_text(rows))
    assert refused.value.findings[0].needs == "wave_date"
    dated = [rows[0] + ["Submitted"]] + [r + [f"{10 + int(r[0]) % 5}/06/2024"] for r in rows[1:]]
    assert str(load_file(write_text(dated)).metadata["wave_date"]) == "2024-06-10"


def test_an_aggregated_question_table_with_a_score_is_not_a_long_export(write_text):
    rows = [["Question", "Department", "Score"]]
    rows += [[s, d, 40 + (i * 7 + j) % 50] for i, s in enumerate(STATEMENTS[:4]) for j, d in enumerate(DEPARTMENTS)]
    assert registry.detect(read_workbook(write_text(rows)).sheets, "survey").layout.name != "long-survey"
