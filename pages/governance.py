"""Governance: the improvement plan's actions, snapshot by snapshot (issue 4).

Widgets and layout only; the filters, the two reporting dates and the action whose history is
shown are kept in the URL (config/view_params.toml, ui/view_link.py); every figure comes from metrics/ (tracker, tracker_tables,
tracker_headlines), every chart from charts/, every download from exports/. Results are
cached with ``cache.shared`` (one object for every rerun, never changed here): copying them
back from the cache each rerun cost more than the rest of the page."""
import pandas as pd
import streamlit as st

from settings.labels import labelled
from ui import cache, context, view_link, widgets
from ui.downloads import offer
from charts.actions import status_over_time
from charts.text import day
from charts.tracker import action_history_chart, transitions_chart
from exports.tracker_xlsx import tracker_csv, tracker_xlsx
from settings.file_formats import mime
from metrics.actions import status_mix
from metrics.tracker import closure_summary, filter_actions, filter_options, transitions, transitions_long
from metrics.tracker_headlines import tracker_headlines
from metrics.closedown import closedown_date, follow_up, follow_up_sentence, reports_of
from model.plan_reports import every_report, plan_reports
from metrics.tracker_tables import (action_choices, download_table, followed_table, history_table, overdue_table,
                                    prepare_actions, progress_table, red_table, slipped_table, story_action)
from metrics.trends import journey_span

FILTERS = {"area": "Improvement area", "owner": "Owner", "source": "Source", "phase": "Phase"}
FOLLOWED_STATUS = tuple(labelled(pd.DataFrame(columns=["status_at_closedown", "status_now"])).columns)
FOLLOWED_LINES = tuple(labelled(pd.DataFrame(columns=["report_by_report"])).columns)   # '21 Jan 2025: Green' kept whole
STYLED_ROWS = 200   # a table that wraps its text grows with every row: longer ones show their first rows


def _styled(frame: pd.DataFrame) -> None:
    """A table whose text wraps (every word of an action shows, at any width) and whose status
    cells carry their RAG colour as well as the word, or say the action is overdue."""
    widgets.wrapped_table(cache.shared(labelled, frame).head(STYLED_ROWS))
    if len(frame) > STYLED_ROWS:
        st.caption(f"The first {STYLED_ROWS} of {len(frame):,} rows. Choose actions above to narrow the list.")


st.title("Governance")
st.markdown("The improvement plan's actions at every reporting date: how many are red, amber, green and "
            "complete, which are overdue or slipping, and what happened at the phase 3 close-down.")

data = context.bundle()
# The plan's reports and the monitoring reports after its close-down, matched together (a later
# report may renumber); every figure of the plan reads its own reports, the follow-up all of them.
reports = cache.shared(prepare_actions, cache.shared(every_report, data.actions, data.after_closedown), data.events)
everything = cache.shared(plan_reports, reports)   # shared results come tagged
if everything.empty:
    widgets.say("No improvement plan actions yet: when an action tracker is added on the Data page, its actions "
           "show here, reporting date by reporting date.")
    st.stop()

st.header("Choose actions")
columns = st.columns(len(FILTERS))
chosen = {field: view_link.choice("multiselect", label, cache.shared(filter_options, everything, field),
                                  key=f"filter-{field}", where=column)
          for column, (field, label) in zip(columns, FILTERS.items())}
actions = cache.shared(filter_actions, everything, **chosen)
st.caption(f"{actions['reference'].nunique()} actions over {actions['snapshot_date'].nunique()} reporting dates "
           "match the filters.")
if actions.empty:
    st.info("No actions match these filters. Clear a filter to see more.")
    st.stop()

st.header("What the board asks")
st.markdown("\n".join(f"- {sentence}" for sentence in cache.shared(tracker_headlines, actions, data.events)))

st.header("Status at each reporting date")
mix = cache.shared(status_mix, actions)
start, end = journey_span(data.events, mix["snapshot_date"])
fig = cache.shared(status_over_time, mix, events=data.events, title="Improvement plan actions by status at each reporting date",
                       start=start, end=end)
widgets.chart_block(fig, labelled(mix.round({"share": 1}), ["snapshot_date", "status", "count", "overdue", "share"]),
                    key="status-mix")

st.header("Changes between two reporting dates")
dates = sorted(actions["snapshot_date"].unique())
pick_from, pick_to = st.columns(2)
before = view_link.choice("selectbox", "From", dates, default=dates[max(len(dates) - 2, 0)], format_func=day, key="from",
                          where=pick_from)
after = view_link.choice("selectbox", "To", dates, default=dates[-1], format_func=day, key="to", where=pick_to)
moves = cache.shared(transitions, actions, before, after)
widgets.chart_block(cache.shared(transitions_chart, moves, before, after, title=f"Actions by status, {day(before)} to {day(after)}"),
               transitions_long(moves), key="transitions")

st.header("Overdue, slipped and red the longest")
st.markdown(f"**Overdue at {day(dates[-1])}** (not complete, due date before the reporting date)")
overdue = cache.shared(overdue_table, actions)
_styled(overdue) if not overdue.empty else st.markdown("No action is overdue.")
st.markdown("**Due dates moved later**, most days first")
_styled(cache.shared(slipped_table, actions))
st.markdown("**Time at Red**, longest first (days from a report at Red to the next report)")
_styled(cache.shared(red_table, actions))
st.markdown("**Expected progress** of the open actions, from start and due dates where both are known")
_styled(cache.shared(progress_table, actions))

st.header("Phase 3 close-down and after")
closedown = cache.shared(closedown_date, actions)
st.markdown(f"**At the close-down report** ({day(closedown)})" if closedown is not None
            else "**No report gives a close-down category yet.**")
widgets.wrapped_table(cache.shared(closure_summary, actions), status_columns=())   # its counts show on a phone too
chosen_reports = cache.shared(reports_of, reports, actions)   # the chosen actions, through every later report
st.markdown(cache.shared(follow_up_sentence, cache.shared(follow_up, chosen_reports)))
followed = cache.shared(followed_table, chosen_reports)
if not followed.empty:
    st.markdown("**The actions moved into Directorate Business Plans**, followed through every later report")
    widgets.wrapped_table(cache.shared(labelled, followed), status_columns=FOLLOWED_STATUS, line_columns=FOLLOWED_LINES)

st.header("One action's history")
st.markdown("It opens on the action whose status changed most often; choose any other.")
choices = cache.shared(action_choices, actions)
story = cache.shared(story_action, actions)
reference = view_link.choice("selectbox", "Action", list(choices), default=story if story in choices else view_link.FIRST,
                             format_func=choices.get, key="history-action")
history = cache.shared(history_table, actions, reference)
fig = cache.shared(action_history_chart, history, reference,
                   title=f"{reference}: due date and RAG at each reporting date")
widgets.chart_block(fig, cache.shared(labelled, history), key="action-history")

st.header("Download the filtered actions")
table = cache.shared(labelled, cache.shared(download_table, actions))
st.caption(f"{len(table)} rows: every reporting date of the actions chosen above. Status cells are coloured "
           "and labelled in the spreadsheet.")
left, right = st.columns(2)
# The files are made when the button is pressed (a callable), not on every rerun of the page.
offer("governance_actions", "Download as CSV", lambda: tracker_csv(table), "governance_actions.csv", mime("csv"),
      where=left, key="csv")
offer("governance_actions", "Download as Excel (xlsx)", lambda: tracker_xlsx(table), "governance_actions.xlsx",
      mime("xlsx"), where=right, key="xlsx")
