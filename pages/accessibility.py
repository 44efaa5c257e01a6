"""Accessibility statement: the model statement of the 2018 regulations, with the
dashboard's known limits listed honestly (loaders/accessibility.py composes it from
config/)."""
import streamlit as st

from ui import cache, context
from settings.accessibility import accessibility_statement

st.title("Accessibility statement")
st.markdown(cache.shared(accessibility_statement, context.settings().organisation))   # config read once, not per rerun
