"""Scrutiny: the topic-scoring matrix explorer (widgets and layout only).

Filters, what-if weights, the heatmap's sort and the selected topic live in the URL
(metrics.scrutiny_state, on the rule of metrics.view_state; written with ui.view_link.sync), so
a shared link opens the same view. Logic is in
metrics.scrutiny_views, figures in charts/, the committee paper in exports/. Results are
cached with ``cache.shared`` (one object for every rerun, never changed here), so no figure is
rebuilt from a copy on each rerun.
"""
import pandas as pd
import streamlit as st

from settings.labels import labelled
from ui import cache, context, screen, view_link, widgets
from ui.downloads import offer
from charts.scrutiny import heatmap_min_width, rounding_note, topic_heatmap, topic_lines, value_score_ranking
from charts.narrow import narrow_layout
from charts.text import number
from charts.scrutiny_views import disagreement_chart, score_distribution_chart, topic_detail_chart
from exports.scrutiny_xlsx import committee_workbook, scores_csv
from settings.file_formats import mime
from metrics.scrutiny import topic_matrix
from metrics.scrutiny_state import WEIGHT_MAX, WEIGHT_MIN, WEIGHT_STEP, ViewState, parse_state, state_params
from metrics.scrutiny_views import (crossing_statement, disagreement_by_criterion, disagreement_by_topic,
                                    filter_options, filter_scores, score_distribution, sort_matrix,
                                    topic_meetings, topic_scores_by_scorer, weighted_ranking, weights_statement)

HEATMAP_TOPICS = 40
STATUS_NAMES = {"all": "All topics", "yes": "On the work programme", "no": "Not on the work programme"}

def pick(column, label: str, choices: list, current, key: str, all_label: str):
    """A selectbox with an 'All' first choice, starting at the URL's value."""
    values = [None, *choices]
    index = values.index(current) if current in values else 0
    fmt = (lambda v: all_label if v is None else v.strftime("%-d %b %Y") if isinstance(v, pd.Timestamp) else v)
    return column.selectbox(label, values, index=index, format_func=fmt, key=key)


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.round({c: 2 for c in frame.select_dtypes("float").columns})


st.title("Scrutiny")
data = context.bundle()
scheme = context.scrutiny_scheme(data.scrutiny)
criteria, labels = list(scheme.criteria), scheme.label_for()
options = cache.shared(filter_options, data.scrutiny)
state = parse_state(st.query_params.to_dict(), options, criteria, sorted(data.scrutiny["topic"].dropna().unique()))
st.markdown(
    f"Candidate topics scored against the {len(criteria)} criteria of “{scheme.name}”, each at its latest "
    f"meeting. The {scheme.total_name} is recomputed from the criterion scores (the mean where several members "
    f"scored); topics at or above the cut-off of {scheme.cutoff} are candidates for the work programme."
)

if data.scrutiny.empty:
    widgets.say("No scrutiny topic scores yet: when a topic-scoring sheet is added on the Data page, its topics "
           "are ranked here.")
    st.stop()

st.header("Filters and what-if weights")
cols = st.columns(4)
meeting = pick(cols[0], "Meeting", options["meeting"], state.meeting, "meeting", "All meetings")
committee = pick(cols[1], "Committee", options["committee"], state.committee, "committee", "All committees")
objective = pick(cols[2], "Strategic objective", options["objective"], state.objective, "objective", "All objectives")
status = cols[3].selectbox("Status", list(STATUS_NAMES), index=list(STATUS_NAMES).index(state.status),
                           format_func=STATUS_NAMES.get, key="status")
with st.expander("What-if weights per criterion (1 = as scored)", expanded=bool(state.weights)):
    weight_cols = st.columns(2)
    chosen = {c: weight_cols[i % 2].number_input(c, WEIGHT_MIN, WEIGHT_MAX, float(state.weights.get(c, 1.0)),
                                                 WEIGHT_STEP, key=f"w{i}") for i, c in enumerate(criteria)}
weights = {c: w for c, w in chosen.items() if w != 1.0}
scores = cache.shared(filter_scores, data.scrutiny, meeting, committee, objective, status)   # comes tagged
if scores.empty:
    st.info("No topic matches these filters. Choose “All” in one of them to see more topics.")
    view_link.sync(state_params(ViewState(meeting, committee, objective, status), criteria))
    st.stop()

ranking = cache.shared(weighted_ranking, scores, weights, scheme.cutoff)
st.header("Ranking")
st.markdown(crossing_statement(ranking, scheme.cutoff, scheme.total_name) if weights
            else "No what-if weights: every criterion counts once.")
score_name = f"{'Weighted ' if weights else ''}{scheme.total_name}"
ranking_table = labelled(ranking.drop(columns=["scheme", "n_criteria", "reaches"]), table="scrutiny",
                         names={"total": score_name})
ranking_chart = {"cutoff": scheme.cutoff, "title": f"{score_name} by topic", "score_name": score_name}
clicked = widgets.chart_block(cache.shared(value_score_ranking, ranking, **ranking_chart), rounded(ranking_table),
                              key="ranking", selectable=True,     # a phone: each name over its bar, "✓" by it
                              narrow_fig=cache.shared(value_score_ranking, ranking, narrow=True, **ranking_chart))
st.caption("Click a topic's bar, or choose it under Topic detail, to see its detail.")

st.header("Topic scoring matrix")
sort_choices = ["total", *criteria]
sort = st.selectbox("Sort topics by", sort_choices, index=sort_choices.index(state.sort),
                    format_func=lambda v: scheme.total_name if v == "total" else v, key="sort")
matrix = cache.shared(sort_matrix, cache.shared(topic_matrix, scores, criteria=criteria), sort)
# A heatmap of hundreds of topics is unreadable and heavy to send: the chart shows the first
# HEATMAP_TOPICS in the chosen order, the table under it every topic.
shown = matrix.head(HEATMAP_TOPICS)
heat_title = (f"Topic scoring matrix, the first {len(shown)} of {len(matrix)} topics" if len(shown) < len(matrix)
              else "Topic scoring matrix")
# The matrix's totals are unweighted: beside a weighted ranking, they say so.
total_head, matrix_total = ("Total<br>unweighted", f"{scheme.total_name} (unweighted)") if weights \
    else ("Total", scheme.total_name)
matrix_table = labelled(matrix.round(1).assign(total=matrix.sum(axis=1).round(1)).reset_index(), table="scrutiny",
                        names={"total": matrix_total})
matrix_box, matrix_side = screen.layout("matrix", heatmap_min_width(len(criteria)))
with matrix_box:
    if matrix_side == "wide":
        widgets.chart_block(cache.shared(topic_heatmap, shown, labels=labels, title=heat_title,
                                         total_name=scheme.total_name, total_head=total_head), matrix_table,
                            key="matrix", phone=False)      # narrower screens get the list below
    else:   # a phone or a tablet: eight columns of cells would be 7 px wide at 390 px, so each topic is a list
        st.markdown(f"**{heat_title}**: each topic with its {matrix_total}, in the order chosen above. Open a "
                    "topic to see its score on each criterion.")
        for name, total, cells in cache.shared(topic_lines, shown, labels):
            reaches = "" if scheme.cutoff is None else " ✓ reaches the cut-off" if total >= scheme.cutoff else ""
            with st.expander(f"{widgets.plain(name)}: {number(total)}{reaches}"):
                st.markdown("\n".join(f"- {widgets.plain(criterion)}: **{text}**" for criterion, text in cells))
if note := cache.shared(rounding_note, shown):
    st.caption(note)

st.header("Topic detail")
topics = ranking["topic"].tolist()
widgets.follow_click(clicked, "topic", topics, preferred=state.topic)
topic = st.selectbox("Topic", topics, key="topic")
detail = cache.shared(topic_scores_by_scorer, scores, topic, criteria)
scorers = [c for c in detail.columns if c not in ("criterion", "mean", "spread")]
detail_title = f"{topic}: scores by criterion and scorer"
widgets.chart_block(cache.shared(topic_detail_chart, detail, scorers, labels, title=detail_title),
                    labelled(rounded(detail), table="scrutiny"), key="detail",      # a phone: criteria down the side
                    narrow_fig=cache.derived(narrow_layout, cache.shared(topic_detail_chart, detail, scorers, labels,
                                                                         title=detail_title, horizontal=True)))
st.markdown(f"**Meetings {topic} came to** (unweighted {scheme.total_name})")
widgets.table(labelled(rounded(cache.shared(topic_meetings, data.scrutiny, topic)), table="scrutiny",
                       names={"total": scheme.total_name}))

st.header("Score distribution and scorer disagreement")
distribution = cache.shared(score_distribution, scores, criteria, labels)
widgets.chart_block(cache.shared(score_distribution_chart, distribution, title="Scores given per criterion"),
               labelled(rounded(distribution), table="scrutiny"), key="distribution")
by_topic = cache.shared(disagreement_by_topic, scores)
widgets.chart_block(cache.shared(disagreement_chart, by_topic, "topic", title="Scorer disagreement by topic"),
               labelled(rounded(by_topic), table="scrutiny"), key="disagreement_topic")
by_criterion = cache.shared(disagreement_by_criterion, scores, criteria)
widgets.chart_block(cache.shared(disagreement_chart, by_criterion, "criterion", title="Scorer disagreement by criterion"),
               labelled(rounded(by_criterion), table="scrutiny"), key="disagreement_criterion")

st.header("Downloads")
paper = matrix.reindex([t for t in topics if t in matrix.index])
subtitle = (f"{scheme.name}. Each topic at its latest meeting; the {scheme.total_name} is recomputed from the criterion "
            f"scores (mean of scorers). Cut-off {scheme.cutoff}."
            + (f" What-if weights: {weights_statement(weights, criteria)}. Both totals are shown: unweighted, then "
               "weighted; the cut-off is applied to the weighted one." if weights else ""))
left, right = st.columns(2)
# The files are made when a button is pressed (callables), not on every rerun.
offer("committee_paper", "Committee paper (xlsx)", lambda: committee_workbook(paper, ranking, scheme, "Overview and "
      "Scrutiny: topic scoring", subtitle, weights), "scrutiny_topic_scores.xlsx", mime("xlsx"), where=left)
offer("scrutiny_scores", "Scores (CSV)", lambda: scores_csv(labelled(scores, table="scrutiny")), "scrutiny_scores.csv",
      mime("csv"), where=right)

view_link.sync(state_params(ViewState(meeting, committee, objective, status, sort, weights, topic), criteria))
