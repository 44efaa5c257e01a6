"""Data: what the dashboard has read, from which files, in which layouts, with what warnings."""
import streamlit as st

from settings.labels import labelled
from ui import cache, context, widgets
from pages.sections.audit_trail import audit_section
from pages.sections.data_upload import stored_section, templates_section, upload_section
from charts.trend import trend_chart
from metrics.coverage import records_over_time
from metrics.trends import journey_span

st.title("Data")
data = context.bundle()
st.markdown(
    f"The dashboard reads the spreadsheets in `{context.settings().data_dir.name}/` exactly as the survey tools "
    "and trackers export them. Each file's layout is detected; below is what was read from each."
)

counts = cache.shared(records_over_time, data.surveys, data.actions, data.after_closedown)
if counts.empty:
    widgets.say("No survey responses or tracker snapshots have been read yet: upload a file below.")
else:
    start, end = journey_span(data.events, counts["date"])
    fig = cache.shared(trend_chart, counts, x="date", y="value", series="series", events=data.events, start=start,
                    end=end, title="Records read, by survey wave and tracker snapshot", y_title="Records",
                    y_range=None, suffix="")
    widgets.chart_block(fig, labelled(counts, ["series", "date", "value"], "records"), key="records")

upload_section()
stored_section()
audit_section()
templates_section()

st.header("Files")
if data.sources.empty:
    st.write("No files in the data folder yet.")
else:
    widgets.table(labelled(data.sources))

st.header("Warnings")
if data.findings.empty:
    st.write("No warnings.")
else:
    widgets.table(labelled(data.findings))

st.header("Questions that need a codebook mapping")
if data.unmapped.empty:
    st.write("Every survey statement is mapped to a question in the codebook.")
else:
    widgets.table(data.unmapped)

st.header("Expectations in use")
if data.expectations.empty:
    st.write("No expectations file: add expectations.csv to the data folder or upload one above.")
else:
    widgets.table(labelled(data.expectations, table="expectations_file"))

st.header("Milestones")
if data.events.empty:
    st.write("No milestones: add events.csv (date, label, kind) to the data folder.")
else:
    widgets.table(labelled(data.events, table="milestones"))
