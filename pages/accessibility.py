"""Accessibility statement: the model statement of the 2018 regulations, with the
dashboard's known limits listed honestly (loaders/accessibility.py composes it from
config/)."""
import streamlit as st

import ui
from settings.accessibility import accessibility_statement

st.title("Accessibility statement")
st.markdown(ui.shared(accessibility_statement, ui.settings().organisation))   # config read once, not per rerun
