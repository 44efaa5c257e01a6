"""Data page widgets: upload a file, see what was understood, confirm; manage stored versions.

Widgets only: checking and storing are store.intake, templates are exports.templates. Uploading
and managing versions need a role that may ``manage_data``; each download is a kind of
config/roles.toml [downloads] (ui/downloads.py ``offer``); each change and download of an original
is kept with who made it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from settings.labels import labelled, survey_name, value_labels
from ui import context, widgets
from exports.cells import neutralise_frame
from exports.templates import KINDS as TEMPLATE_KINDS, template_xlsx
from settings.file_formats import accepted_words, mime, type_warning, upload_types
from settings.config import REPO_ROOT
from store.entry import content_hash
from settings.details import field_label
from store.intake import already_kept, keep, kept_sentence, stored_table
from store.originals import original_download, record_download
from ui.auth import viewer
from ui.downloads import offer

KIND_CHOICES = {"Detect automatically": None, "Survey results": "survey", "Action tracker": "actions",
                "Scrutiny scores": "scrutiny", "Expectations (a notice or peer-challenge recommendations)": "expectations",
                "Code of Conduct complaints register": "complaints"}
JUST_STORED = "_upload_just_stored"   # session state: the hash of the file this session stored last
EXPECTATIONS_EXAMPLE = REPO_ROOT / "data" / "sample" / "examples" / "expectations_peer_challenge.csv"


def upload_section() -> None:
    if not viewer().may("manage_data"):
        return
    st.header("Upload a file")
    st.write("Upload a survey export, an action tracker, a scrutiny scoring sheet, the expectations of a notice "
             f"or peer challenge or the Code of Conduct complaints register ({accepted_words()}). It is checked and "
             "previewed first; nothing is stored until you confirm. A new expectations file or complaints register "
             "replaces the one in use; the old one stays recoverable.")
    upload = st.file_uploader("Spreadsheet to upload", type=upload_types(), key="upload_file")
    kind = KIND_CHOICES[st.selectbox("What is in it?", list(KIND_CHOICES), key="upload_kind")]
    if upload is None:
        return
    store = context.store()
    data = upload.getvalue()
    read = context.bundle().sources
    folder_files = read.loc[read["error"].isna(), "file"]       # what the dashboard reads from the data folder
    if kept := already_kept(store, data, context.settings().data_dir, folder_files):   # nothing to store
        if st.session_state.get(JUST_STORED) == content_hash(data):       # this session stored it a moment ago
            st.success(f"Stored '{widgets.plain(kept.file)}'. Choose another file to upload more.")
        else:
            st.info(widgets.plain(kept_sentence(kept)), icon=":material/inventory_2:")
        return
    first = checked_with_progress(data, upload.name, kind)
    metadata = details_inputs(first.kind or kind, first.metadata)
    checked = checked_with_progress(data, upload.name, kind, metadata) if metadata else first
    show_check(checked)
    if st.button("Confirm and store this file", type="primary", disabled=not checked.ok, key="upload_confirm"):
        with st.spinner(f"Saving '{widgets.plain(upload.name)}': the original as uploaded, then its counts…"):
            saved = keep(store, checked, by=viewer().who)
        st.session_state[JUST_STORED] = saved.entry.sha256 if saved.status == "stored" else None
        if saved.status == "duplicate":      # stored by someone else since the file was chosen
            st.info(widgets.plain(kept_sentence(already_kept(store, data))), icon=":material/inventory_2:")
        else:
            note = f" It supersedes {', '.join(e.file for e in saved.superseded)}." if saved.superseded else ""
            st.success(f"Stored '{saved.entry.file}': {saved.entry.records} records.{note}")


def checked_with_progress(data: bytes, filename: str, kind: str | None, metadata: dict | None = None):
    """The check of the upload, its steps shown as they happen (reading, finding the layout,
    counting, checking) in a status box that closes when the check is done. A check this
    session already made is not made again, and shows no box."""
    box = st.empty()
    steps: list[str] = []

    def step(said: str) -> None:
        steps.append(said)
        with box.container():
            with st.status(f"Checking '{widgets.plain(filename)}': {widgets.plain(said)}…", expanded=True,
                           state="running"):
                for done in steps[:-1]:
                    st.write(f"✓ {widgets.plain(done)}")
                st.write(f"… {widgets.plain(said)}")

    checked = context.checked_upload(data, filename, kind, metadata, progress=step)
    box.empty()
    return checked


def details_inputs(kind: str | None, known: dict) -> dict:
    """Inputs for the metadata the kind needs, prefilled with what the file says."""
    if kind not in ("survey", "actions", "scrutiny"):
        return {}
    st.subheader("Details of this file")
    out: dict = {}
    if kind == "survey":
        audiences = list(value_labels("audience"))        # config/labels.toml [values.audience]
        out["audience"] = st.selectbox("Audience", audiences, key="upload_audience", format_func=survey_name,
                                       index=audiences.index(known["audience"]) if known.get("audience") in audiences else 0)
        out["wave"] = st.text_input("Wave label (e.g. 2024-04)", value=known.get("wave", ""), key="upload_wave")
        out["wave_date"] = st.date_input("Wave date", value=_date(known.get("wave_date")), key="upload_wave_date",
                                         format="DD/MM/YYYY")
    elif kind == "actions":
        out["snapshot_date"] = st.date_input("Snapshot date (the date this tracker reports at)",
                                             value=_date(known.get("snapshot_date")), key="upload_snapshot",
                                             format="DD/MM/YYYY")
    else:
        out["meeting"] = st.text_input("Meeting (e.g. O&S 17 January 2024)", value=known.get("meeting", ""),
                                       key="upload_meeting")
    return {k: v for k, v in out.items() if v not in (None, "")}


def _date(value) -> dt.date | None:
    try:
        return pd.Timestamp(value).date() if value else None
    except ValueError:
        return None


def show_check(checked) -> None:
    if checked.result is None:
        st.error(f"'{checked.filename}' cannot be used. Nothing has been stored. See the report below.")
    elif checked.missing:
        st.warning("Fill in: " + ", ".join(field_label(k) for k in checked.missing) + ".")
    else:
        st.success(f"'{checked.filename}' was read. Check the summary, then confirm to store it.")
    if (said := type_warning(Path(checked.filename).suffix)) in set(checked.findings["message"]):
        st.warning(said, icon=":material/warning:")       # the macros of an .xlsm: said before confirming
    preview = checked.preview()
    widgets.table(pd.DataFrame({"What was understood": [str(k).capitalize() for k in preview],
                           "Value": [str(v) for v in preview.values()]}))
    if not checked.findings.empty:
        st.subheader(f"Validation report ({len(checked.findings)} findings)")
        report = labelled(checked.findings)
        widgets.table(report)
        offer("validation_report", "Download the validation report (CSV)",
              neutralise_frame(report).to_csv(index=False).encode("utf-8-sig"),
              f"{checked.filename}-validation.csv", mime("csv"))
    if checked.result is not None:
        with st.expander("First rows as read"):
            widgets.table(checked.result.preview_frame(20))


def stored_section() -> None:
    store = context.store()
    table = stored_table(store, context.settings().disclosure)
    st.header("Uploaded files")
    if table.empty:
        st.write("No files have been uploaded yet; the dashboard shows the files listed below.")
        return
    widgets.table(labelled(table.drop(columns=["sha256"]), table="uploads"))
    for row in table[table["note"] != ""].itertuples():
        st.warning(f"{widgets.plain(row.file)}: {row.note}", icon=":material/lock:")
    labels = {f"{r.file} ({r.state}, {r.hash})": r for r in table.itertuples()}
    choice = labels[st.selectbox("Choose a stored file", list(labels), key="stored_choice")]
    who = viewer()
    left, middle, right = st.columns(3)
    if who.may("manage_data"):
        if choice.state != "removed" and left.button("Remove", key="stored_remove"):
            store.remove(choice.sha256, by=who.who)
            st.rerun()
        if choice.state == "removed" and left.button("Undo removal", key="stored_restore"):
            store.restore(choice.sha256, by=who.who)
            st.rerun()
        if choice.state.startswith("superseded") and middle.button("Make this version current", key="stored_reinstate"):
            store.reinstate(choice.sha256, by=who.who)
            st.rerun()
    entry = store.find(choice.sha256)
    original = original_download(store, entry, who.roles, who.who)
    if original.served:        # the click is the download: the audit trail records it then
        offer("originals", "Download the original", original.data, original.file_name, original.mime, where=right,
              on_click=record_download, args=(store, entry, who.who))
    else:
        right.info(widgets.plain(original.withheld), icon=":material/lock:")


def templates_section() -> None:
    st.header("Templates")
    st.write("Blank workbooks in a layout the dashboard reads, with dropdowns and instructions, and an example "
             "expectations file: the recommendations of an LGA peer challenge, linked to their evidence.")
    columns = st.columns(len(TEMPLATE_KINDS) + 1)
    for column, kind in zip(columns, TEMPLATE_KINDS):
        offer("templates", f"{kind.capitalize()} template (.xlsx)", template_xlsx(kind), f"{kind}_template.xlsx",
              mime("xlsx"), where=column, key=kind)
    offer("templates", "Expectations example (.csv)", EXPECTATIONS_EXAMPLE.read_bytes(), EXPECTATIONS_EXAMPLE.name,
          mime("csv"), where=columns[-1], key="expectations")
