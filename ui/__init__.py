"""The Streamlit layer between the pages and the pure packages: ``context`` (settings, the
edition, the cached data), ``widgets`` (chart block, tables, messages), ``cache`` (results
shared across sessions) and ``page_runner`` (the page runner). Page sections live with the
pages, in pages/sections/."""
