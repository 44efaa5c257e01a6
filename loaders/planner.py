"""Microsoft Planner "Export plan to Excel" workbooks used as an action tracker.

Sheet ``Tasks``: metadata rows (``Plan name``, ``Plan ID``, ``Date of export`` = the
snapshot date; label in A, value in B), a blank row, then the header (``Task ID, Task
Name, Bucket Name, Progress, ...``), found by name in any case and order
(config/tracker_headers.toml). Every cell is a string and dates are US ``MM/DD/YYYY``.
The action reference is the leading token of the task name (``GOV-03 ...``), else the
Task ID; the bucket is the improvement area; the RAG is the colour word among the
labels, else the task's Progress (``Completed`` always wins); a leading ``Source: ...``
line of the description is the action's source.
"""
from __future__ import annotations

import re

from .actions_common import (RawAction, TrackerColumns, build_actions, duplicate_references, resolve_snapshot,
                             unknown_statuses)
from model.text import cell_text, match_key, one_line
from .cells import find_columns
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .report import LoadResult
from settings.vocabulary import header_config, rag_status

FORMAT = "planner"
HEADER_SEARCH_ROWS = 20
EXPORT_DATE_LABEL = "date of export"
_SOURCE = re.compile(r"^\s*source\s*:\s*(.+)$", re.I)
_REFERENCE = re.compile(r"^([A-Za-z]{1,6}[-_ ]?\d{1,3}(?:[.\-]\d{1,3})*[a-z]?)\b[\s:.\-\u2013]*(.*)$", re.S)


def _synonyms() -> dict[str, list[str]]:
    return header_config("tracker_headers")["planner"]


def find_planner_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        found = find_columns(sheet.rows[index], _synonyms())
        if {"task_id", "task_name", "bucket"} <= found.keys():
            return index, found
    return None


def is_planner_export(sheet: Sheet) -> bool:
    return find_planner_header(sheet) is not None


def near_planner_export(sheet: Sheet) -> str | None:
    """A Bucket column (Planner's own word) without the Task ID or Task Name beside it."""
    wanted = {"task_id", "task_name", "bucket"}
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        found = find_columns(sheet.rows[index], _synonyms())
        if "bucket" in found and len(wanted & found.keys()) == 2:
            missing = _synonyms()[next(iter(wanted - found.keys()))][0]
            return (f"has a '{sheet.rows[index][found['bucket']]}' column like a Microsoft Planner export "
                    f"(row {Sheet.excel_row(index)}), but no '{missing}' column")
    return None


def export_date(sheet: Sheet, header_row: int):
    """The 'Date of export' value from the metadata rows above the header."""
    for row in sheet.rows[:header_row]:
        for i, value in enumerate(row[:-1]):
            if match_key(value) == EXPORT_DATE_LABEL:
                return parse_date(row[i + 1], dayfirst=False)
    return None


def split_task_name(name: str, task_id: str) -> tuple[str, str]:
    """(reference, action) from 'GOV-03 Review the constitution'; Task ID if no token."""
    found = _REFERENCE.match(name)
    if found and any(ch.isdigit() for ch in found[1]) and found[2]:
        return found[1].upper(), found[2].strip()
    return task_id, name


def split_description(text: str) -> tuple[str, str]:
    """(source, note): a leading 'Source: auditor' line of the description is the source."""
    first, _, rest = text.partition("\n")
    found = _SOURCE.match(first)
    return (found[1].strip(), rest.strip()) if found else ("", text)


def planner_rag(labels: str, progress: str) -> str:
    """The RAG text of a task: 'Completed' progress, else a colour label, else progress."""
    if rag_status(progress) == "Complete":
        return progress
    for label in re.split(r"[;,]", labels):
        if one_line(label) and rag_status(label) is not None:
            return one_line(label)
    return progress


def load_planner_export(sheet: Sheet, *, snapshot_date: object = None) -> LoadResult:
    """A Planner Tasks sheet -> ACTIONS (one row per task)."""
    fmt = f"{FORMAT}-{sheet.container}"
    head, columns = find_planner_header(sheet)

    def cell(values: list[object], field: str) -> str:
        return cell_text(values[columns[field]]) if field in columns else ""

    raw = []
    for index in range(head + 1, len(sheet.rows)):
        values = sheet.rows[index]
        if not one_line(cell(values, "task_name")):
            continue
        reference, action = split_task_name(one_line(cell(values, "task_name")),
                                            one_line(cell(values, "task_id")))
        source, note = split_description(cell(values, "description"))
        raw.append(RawAction(
            row=Sheet.excel_row(index), reference=reference, area=one_line(cell(values, "bucket")),
            action=action, owner=one_line(cell(values, "owner")), due=cell(values, "due"),
            rag=planner_rag(cell(values, "labels"), one_line(cell(values, "progress"))),
            progress=note, source=source, start=cell(values, "start"),
        ))
    header = [one_line(v) for v in sheet.rows[head]]
    names = TrackerColumns(sheet=sheet.name,
                           due=header[columns["due"]] if "due" in columns else "Due date",
                           rag=header[columns["labels"]] if "labels" in columns else "Progress",
                           area=header[columns["bucket"]])
    unknown_statuses(raw, names, fmt)
    snapshot, warnings = resolve_snapshot(snapshot_date, export_date(sheet, head),
                                          "'Date of export' row", sheet.name, fmt)
    result = build_actions(raw, snapshot=snapshot, columns=names, format=fmt, dayfirst=False,
                           metadata={"header_row": Sheet.excel_row(head)})
    result.warnings = warnings + result.warnings + duplicate_references(raw, sheet.name, names_of_id(header, columns))
    return result


def names_of_id(header: list[str], columns: dict[str, int]) -> str:
    """The header of the Task ID column (the reference), as the file spells it."""
    return header[columns["task_id"]] if "task_id" in columns else "Task ID"


LAYOUT = Layout(FORMAT, "actions",
                "Microsoft Planner 'Export plan to Excel' (header 'Task ID, Task Name, Bucket Name, ...')",
                is_planner_export, load_planner_export, ("snapshot_date",), near=near_planner_export)
