"""Downloads: CSV and formatted xlsx files built from the published (aggregated,
disclosure-controlled) tables. Never imports streamlit."""
