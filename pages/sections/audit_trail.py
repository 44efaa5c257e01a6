"""The Data page's audit trail, for a viewer whose roles may read it (config/roles.toml [may]
audit_trail): every upload, removal, restoration, reinstatement, theme correction and download of
an original, newest first, with when, what, which file and who (store/audit.py)."""
from __future__ import annotations

import streamlit as st

from settings.labels import labelled
from store.audit import audit_table
from ui import context, widgets
from ui.auth import viewer


def audit_section() -> None:
    if not viewer().may("audit_trail"):
        return
    st.header("Audit trail")
    table = audit_table(context.store())
    if table.empty:
        st.write("Nothing has been uploaded, changed or downloaded yet.")
        return
    lines = "1 line" if len(table) == 1 else f"{len(table)} lines"
    st.write(f"{lines}, newest first: each upload, change and download of an original, with who made it (the "
             "signed-in person's email or name) and when.")
    widgets.wrapped_table(labelled(table, table="audit_trail"), status_columns=())
