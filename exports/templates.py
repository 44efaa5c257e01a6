"""Blank upload templates, one per kind: ``template_xlsx(kind) -> bytes``.

Each workbook has a data sheet in a layout the loaders detect (survey: the Microsoft Forms
export columns; actions: the council tracker columns; scrutiny: the scoring matrix of the
default scheme; complaints: the Code of Conduct complaints register), two example rows,
dropdown validation for the answers (the agreement scale), the RAG (the statuses of
config/rag_vocabulary.csv), the scores (the scheme's scale) and the register's subjects,
categories and outcomes (config/complaints.toml), and an Instructions sheet. The vocabularies are read from config, never typed here.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from model.frames import AGREEMENT_SCALE
from settings.complaints import complaints_vocabulary
from settings.config import CONFIG_DIR
from settings.vocabulary import DEFAULT_SCHEME, scrutiny_schemes

KINDS = ("survey", "actions", "scrutiny", "complaints")
ROWS = 500                     # rows that carry the dropdowns
SURVEY_FIXED = ["ID", "Start time", "Completion time", "Email", "Name", "Which directorate do you work in?"]
SURVEY_STATEMENTS = ["I am proud to work here", "I feel my views are heard"]
TRACKER = ["Ref", "Improvement area", "Action", "Lead Officer", "Target Date", "RAG", "Progress Update", "Source"]
SCRUTINY_FIXED = ["Meeting date", "Committee", "Topic", "Strategic objective", "Scorer"]
COMPLAINTS = ["Ref", "Date received", "Subject", "Category", "Outcome"]


def rag_statuses() -> list[str]:
    """The normalised statuses of config/rag_vocabulary.csv, in file order."""
    with (CONFIG_DIR / "rag_vocabulary.csv").open(encoding="utf-8", newline="") as handle:
        return list(dict.fromkeys(row["status"] for row in csv.DictReader(handle)))


def template_xlsx(kind: str) -> bytes:
    """The blank template of ``kind`` (survey, actions, scrutiny or complaints) as xlsx bytes."""
    if kind not in KINDS:
        raise ValueError(f"No template for {kind!r}; expected one of {', '.join(KINDS)}")
    book = Workbook()
    sheet = book.active
    header, examples, dropdowns, notes = {"survey": _survey, "actions": _actions, "scrutiny": _scrutiny,
                                       "complaints": _complaints}[kind]()
    sheet.title = "Data"
    sheet.append(header)
    for row in examples:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(name) + 2))
    sheet.freeze_panes = "A2"
    for columns, choices, prompt in dropdowns:
        rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="Not in the list",
                              error="Choose a value from the dropdown.", promptTitle="Choose", prompt=prompt)
        sheet.add_data_validation(rule)
        for name in columns:
            letter = get_column_letter(header.index(name) + 1)
            rule.add(f"{letter}2:{letter}{ROWS}")
    guide = book.create_sheet("Instructions")
    for line in [f"How to fill in this {kind} template", "", *notes, "",
                 "Replace the two example rows with your own; keep the header row as it is.",
                 "Upload the saved file on the dashboard's Data page; nothing is stored until you confirm."]:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _survey():
    when = dt.datetime(2024, 4, 15, 9, 30)
    examples = [[1, when, when, "anonymous", "", "Place", "Agree", "Strongly agree"],
                [2, when, when, "anonymous", "", "Resources", "Neither agree nor disagree", "Disagree"]]
    notes = ["One row per respondent; one column per agreement statement (rename the two example statements).",
             "Answers: " + "; ".join(AGREEMENT_SCALE) + " (dropdown). Leave blank if not answered.",
             "The directorate column is the group results are broken down by; groups under the disclosure "
             "threshold are never shown.",
             "On upload you are asked for the audience (staff or partner), the wave label and the wave date."]
    return (SURVEY_FIXED + SURVEY_STATEMENTS, examples,
            [(SURVEY_STATEMENTS, list(AGREEMENT_SCALE), "How far does the respondent agree?")], notes)


def _actions():
    examples = [["GOV-01", "Governance and decision making", "Review the constitution", "Monitoring Officer",
                 dt.datetime(2024, 9, 30), "Amber", "Draft to committee in July", "notice"],
                ["CCC-01", "Confidence, culture and capacity", "Staff survey action plan", "HR Director",
                 "Q3 2024/25", "Green", "On track", "peer challenge"]]
    notes = ["One row per action. Target Date: a date (30/09/2024), a quarter (Q3 2024/25) or 'Ongoing'.",
             "RAG: " + "; ".join(rag_statuses()) + " (dropdown).",
             "Source: notice, auditor, board or peer challenge.",
             "On upload you are asked for the snapshot date: the date this tracker reports progress at."]
    return TRACKER, examples, [(["RAG"], rag_statuses(), "RAG status at the snapshot date")], notes


def _scrutiny():
    scheme = scrutiny_schemes()[DEFAULT_SCHEME]
    criteria = list(scheme.criteria)
    header = SCRUTINY_FIXED + criteria + [scheme.total_name, "On work programme"]
    scale = [str(v) for v in range(scheme.scale_min, scheme.scale_max + 1)]
    examples = []
    for topic, scores in (("Bus franchising", [3, 3, 3, 3, 2, 3, 2, 3]), ("Skills bootcamps", [2, 2, 1, 2, 1, 2, 2, 2])):
        scores = (scores * len(criteria))[:len(criteria)]
        examples.append([dt.datetime(2024, 1, 17), "Overview and Scrutiny Committee", topic, "Connectivity",
                         "Chair", *scores, sum(scores), "Yes"])
    labels = "; ".join(f"{k} = {v}" for k, v in scheme.label_for().items())
    notes = [f"Scheme: {scheme.name}. One row per topic and scorer; one column per criterion.",
             f"Scores: {labels} (dropdown). {scheme.total_name}: the sum (cut-off {scheme.cutoff}).",
             "On work programme: Yes or No."]
    return header, examples, [(criteria, scale, "Score on the scheme's scale"),
                              (["On work programme"], ["Yes", "No"], "Taken onto the work programme?")], notes


def _complaints():
    vocabulary = complaints_vocabulary()
    subjects = [s.capitalize() for s in vocabulary.subject_order]
    categories, outcomes = list(vocabulary.category_order), list(vocabulary.outcome_order)
    examples = [["CoC-2024-001", dt.datetime(2024, 4, 9), subjects[0], categories[0], outcomes[0]],
                ["CoC-2024-002", dt.datetime(2024, 5, 21), subjects[-1], categories[1], outcomes[-1]]]
    notes = ["One row per complaint received under the Code of Conduct.",
             "Date received: a date (09/04/2024). Subject: " + " or ".join(subjects) + " (dropdown): whom the "
             "complaint is about, never their name.",
             "Category: " + "; ".join(categories) + " (dropdown).",
             "Outcome: " + "; ".join(outcomes) + " (dropdown); leave it blank, or Ongoing, until it is decided.",
             "Do not add names, the complainant or a summary of the allegation: the dashboard counts complaints "
             "by quarter, never people, and does not read such columns.",
             "Upload the whole register each time: it replaces the one in use (the old one stays recoverable)."]
    return COMPLAINTS, examples, [(["Subject"], subjects, "About a member or an officer?"),
                                  (["Category"], categories, "What the complaint is about"),
                                  (["Outcome"], outcomes, "The outcome so far")], notes
