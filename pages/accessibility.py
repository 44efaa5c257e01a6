"""Accessibility statement: GOV.UK's model statement for the 2018 regulations, written for
the public, naming the pages this edition publishes and its known problems honestly
(settings/accessibility.py composes it from config/)."""
import streamlit as st

from settings.config import edition_pages, page_registry
from ui import cache, context
from settings.accessibility import accessibility_statement

st.title("Accessibility statement")
published = tuple((path, page_registry()[path]["title"])
                  for paths in edition_pages(context.settings().edition).values() for path in paths)
st.markdown(cache.shared(accessibility_statement, context.settings().organisation, published))   # config read once
