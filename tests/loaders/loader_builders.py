"""Builders of small export layouts for the loader tests (rows of cell values).

Each returns the rows of one realistic layout; tests then change a cell or reorder the
columns to build the variant they check, and write it with the conftest fixtures.
"""
import datetime as dt

from model.frames import AGREEMENT_SCALE as AGREE
from settings.vocabulary import scrutiny_schemes


GROUP_Q = "Which directorate do you work in?"
MULTI_Q = "Which of these have you taken part in?"
FREE_Q = "Anything else?"


def forms_rows(new_layout=False, n=12):
    fixed = ["ID", "Start time", "Completion time", "Email", "Name"] + (["Last modified time"] if new_layout else [])
    header = fixed + [GROUP_Q, "I am proud to work here", "My views are heard", MULTI_Q, FREE_Q]
    rows = [header]
    for i in range(n):
        done = dt.datetime(2023, 1, 20 - i % 5, 9, 30)
        row = [i + 1, done, done, "anonymous", None] + ([None] if new_layout else [])
        row += ["Resources" if i % 2 else "Place", AGREE[i % 5], None if i == 0 else AGREE[(i + 2) % 5],
                "Induction;Network;", "free text" if i % 3 == 0 else None]
        rows.append(row)
    return rows


def sm_rows(old=False):
    fixed = (["RespondentID", "CollectorID", "StartDate", "EndDate"] if old else
             ["Respondent ID", "Collector ID", "Start Date", "End Date"])
    fixed += ["IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
    row1 = fixed + ["Which organisation do you represent?", "How far do you agree?", None, None, "Comments"]
    row2 = [None] * len(fixed) + ["Response", "I am proud<br> to work here", "My\u00a0opinions count",
                                  "Trust is good", "Open-Ended Response"]
    rows = [row1, row2]
    for i in range(9):
        rows.append([str(114000 + i), "4041", f"03/0{i % 3 + 6}/2023 09:00:00 AM",
                     f"03/0{i % 3 + 6}/2023 09:10:00 PM", "192.0.2.1", "", "", "", "",
                     ["Fenland DC", "Peterborough CC", "Business Board"][i % 3],
                     AGREE[i % 5], AGREE[(i + 1) % 5], None if i < 4 else AGREE[i % 5], "free"])
    return rows


def council_rows(header=("Ref", "Action", "Lead Officer", "Target Date", "RAG", "Progress Update", "Source"),
                 title="Reported to Audit and Governance Committee 9 June 2023", extra_titles=()):
    rows = [["Combined Authority"], *[[t] for t in extra_titles], ["Improvement Plan Update"], [title], []]
    rows.append(list(header))
    body = [
        ["Governance and decision making"],
        {"Ref": "GOV-01", "Action": "Review the constitution", "Lead Officer": "Monitoring Officer",
         "Target Date": dt.datetime(2023, 9, 30), "RAG": "A", "Progress Update": "On track.\nNext: board",
         "Source": "notice"},
        {"Ref": "GOV-02", "Action": "Member induction", "Lead Officer": "Head of Governance",
         "Target Date": "Q3 2023/24", "RAG": "Amber/Green", "Progress Update": "Started", "Source": "board"},
        ["Confidence, culture and capacity"],
        {"Ref": "CCC-01", "Action": "Staff survey action plan", "Lead Officer": "HR Director",
         "Target Date": "Ongoing", "RAG": "Blue", "Progress Update": "Done", "Source": "peer challenge"},
        {"Ref": "CCC-02", "Action": "Values programme", "Lead Officer": "HR Director",
         "Target Date": "30/01/2024", "RAG": "Purple", "Progress Update": "", "Source": "auditor"},
    ]
    canonical = ["Ref", "Action", "Lead Officer", "Target Date", "RAG", "Progress Update", "Source"]
    rename = dict(zip(canonical, header)) if len(header) == len(canonical) else {}
    for item in body:
        if isinstance(item, list):
            rows.append(item + [None] * (len(header) - 1))
        else:
            by_header = {rename.get(k, k): v for k, v in item.items()}
            rows.append([by_header.get(h) for h in header])
    return rows


def area_merges(rows):
    width = max(len(r) for r in rows)
    last = chr(64 + width)
    return [f"A{i + 1}:{last}{i + 1}" for i, r in enumerate(rows)
            if r and r[0] in ("Governance and decision making", "Confidence, culture and capacity")]


def planner_rows(header=None):
    header = header or ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To",
                        "Created By", "Created Date", "Start date", "Due date", "Late",
                        "Completed Date", "Completed By", "Description", "Labels"]
    tasks = [
        {"task id": "abc1", "task name": "GOV-03 Member induction", "bucket name": "Governance and decision making",
         "progress": "In progress", "assigned to": "Head of Governance", "due date": "12/31/2023",
         "description": "Source: board\nProgressing", "labels": "Red"},
        {"task id": "abc2", "task name": "PAR-01 Partner summit", "bucket name": "Partnership working",
         "progress": "Completed", "assigned to": "Chief Executive", "due date": "01/02/2024",
         "description": "", "labels": "Green"},
        {"task id": "abc3", "task name": "Refresh the risk register", "bucket name": "Procurement",
         "progress": "In progress", "assigned to": "", "due date": "", "description": "", "labels": ""},
        {"task id": "abc4", "task name": "PAR-02 Joint protocol", "bucket name": "Partnership working",
         "progress": "Not started", "assigned to": "", "due date": "03/15/2024", "description": "",
         "labels": "Governance;Amber"},
    ]
    rows = [["Plan name", "CA Improvement Plan"], ["Plan ID", "xyz"], ["Date of export", "11/28/2023"], []]
    rows.append(header)
    rows += [[t.get(h.lower(), "") for h in header] for t in tasks]
    return rows


CPCA = list(scrutiny_schemes()["cpca-8"].criteria)
TOPICC = list(scrutiny_schemes()["oxford-topicc"].criteria)


def matrix_rows(criteria=CPCA, scores=None, total_name="Scrutiny Value Score"):
    header = ["Meeting date", "Committee", "Topic", "Strategic objective", "Scorer", *criteria,
              total_name, "On work programme"]
    scores = scores or {
        ("Bus franchising", "Chair"): [3, 3, 3, 3, 3, 3, 2, 3],
        ("Bus franchising", "Vice-Chair"): [3, 2, 3, 3, 3, 3, 2, 3],
        ("Skills bootcamps", "Chair"): [2, 2, 1, 2, 1, 2, 2, 2],
    }
    rows = [header]
    for (topic, scorer), values in scores.items():
        rows.append([dt.datetime(2024, 1, 17), "Overview and Scrutiny Committee", topic, "Connectivity",
                     scorer, *values, sum(values), "Yes"])
    return rows

