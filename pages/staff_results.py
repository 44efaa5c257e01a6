"""Staff results: the staff survey in plain English for the intranet, and what was done
about it. Whole-organisation figures only; nothing under the reporting threshold, no
free text, no respondent-level download. Where a wave, a theme or a statement has too few
answers, the page says so in words and the rest of it still shows. "You said, we did" gives
each theme's actions in their own words, in full, and where each stands in plain English
(metrics/you_said.py, config/plain_words.toml): no references, RAG colours or cut-off cells."""
import streamlit as st

from settings.labels import survey_measure, value_label
from ui import cache, context, widgets
from pages.sections import benchmark_block, group_filter, survey_blocks
from charts import absent
from charts.survey import answer_distribution
from metrics.headlines import moved_heading, series_headline
from metrics.trends import score_basis
from metrics.you_said import staff_actions, we_did_sentence, you_said_sentence
from settings.plain_words import plain_words


def theme_card(theme: str, trend) -> None:
    """A theme's latest score and its change, or why there is no figure (``trend``: everyone's
    theme trend, or the chosen directorate's)."""
    st.subheader(value_label("theme", theme))
    series = survey_measure("staff", theme)
    hidden = absent.hidden_latest(trend, series, views.wave_date, policy)
    headline = series_headline(trend, series, series)
    if hidden or headline.value is None:
        why = hidden or f"No figure shown: {absent.too_few_or_revealing(policy)}."
        st.markdown(" ".join(s for s in (why, absent.last_shown(trend, series)) if s))
        return
    widgets.headline_metric(headline)
    st.markdown(headline.sentence)
    if basis := score_basis(trend, series):
        st.caption(basis)


def theme_actions(theme: str) -> None:
    """What staff said on a theme and what was done: each action in full, where it stands."""
    st.subheader(value_label("theme", theme))
    if said := you_said_sentence(views.trend, theme):
        st.markdown(f"**You said:** {widgets.plain(said)}")
    actions = cache.shared(staff_actions, data.actions, theme, plain_words())
    if actions.empty:
        st.markdown("**We did:** no actions recorded for this theme yet.")
        return
    st.markdown(f"**We did:** {widgets.plain(cache.shared(we_did_sentence, data.actions, theme))}")
    st.markdown("\n".join(f"- **{widgets.plain(row.action)}**  \n{widgets.plain(row.stands)}"
                           for row in actions.itertuples()))


EVERYONE = "All staff"

st.title("Staff results")
data = context.bundle()
policy = context.settings().disclosure
views = survey_blocks.views_of("staff")
if views.wave_date is None or views.moved.empty:
    st.info("No staff survey results yet.")
    st.stop()

latest = widgets.wave_label(views.wave_date)
st.markdown(
    f"Results of the staff survey of {latest}: the share of colleagues answering positively, and whether it "
    f"changed since last time by more than chance. Results for groups of {policy.too_few('people')} are "
    f"never shown, and comments are never published."
)
chosen = group_filter.choose("staff", EVERYONE, key="staff-group")
trend = chosen.trend if chosen.group is not None else views.trend

group_filter.heading("Themes", chosen)
if not views.themes:
    widgets.say(absent.no_themes())
for column, theme in zip(st.columns(len(views.themes) or 1), views.themes):
    with column.container(border=True):
        theme_card(theme, trend)

st.header(moved_heading(views.moved, "statement"))
shown = views.moved[views.moved["pct_positive"].notna()] if "pct_positive" in views.moved else views.moved.iloc[:0]
for sentence in shown["headline"].head(3) if "headline" in shown else []:
    st.markdown(f"- {widgets.plain(sentence)}")
if chosen.group is not None:
    st.caption(f"These changes are for {EVERYONE.lower()}: changes between waves are not shown for one directorate.")
survey_blocks.moved_block(views, "staff", key="staff-moved")

group_filter.heading("How colleagues answered", chosen)
label = policy.too_few("responses")
table = views.statements
if chosen.group is not None:
    group_filter.statements_block(chosen, EVERYONE, f"% positive on each statement, {chosen.group}, {latest}",
                                  key="staff-group-answers")
elif message := absent.statements_absent(table, latest, policy):
    widgets.say(message)
else:
    fig = cache.shared(answer_distribution, table, title=f"Answers to each statement, {latest}", suppressed_label=label)
    widgets.chart_block(fig, widgets.published_table(table, label, survey_blocks.ANSWER_COLUMNS), key="staff-answers")

benchmark_block.benchmark_block(views, f"{EVERYONE} beside the Civil Service People Survey, {latest}")

st.header("You said, we did")
st.markdown("What colleagues said in the survey on each theme, what the improvement plan did about it, and where "
            "each action stands at the latest report.")
if not views.themes:
    st.markdown("No themes yet, so no actions to list by theme.")
for theme in views.themes:
    theme_actions(theme)
