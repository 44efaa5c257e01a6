"""Overview: the three fronts of the improvement journey for chief executives and boards.

The first screen answers "are we on track?": how many actions are overdue and how the
notice's expectations are judged, in words. Then the headline figures with their change and
verdict (the actions' share with what it is of), the journey chart with its milestones,
the notice's expectations each judged on its evidence (RAG with words, the reasons and
the rule, so a board can challenge it), and the one-page board summary to print. In the
staff edition the page is read-only and names nobody."""
import streamlit as st

from settings.labels import label, labelled
from ui import cache, context, widgets
from ui.downloads import offer
from pages.sections import benchmark_block, survey_blocks
from charts import absent
from charts.palette import JUDGEMENT_COLOURS, judgement_colours
from charts.text import alt_text, first_sentence
from charts.tracker import status_styler
from charts.trend import trend_chart
from exports.board_summary import board_summary_html
from settings.judgement_rules import load_judgement_rules
from metrics.engagement_index import index_trend
from metrics.expectations import evidence_actions, judge_expectations, rule_sentence
from metrics.overview import (FRONTS, as_at, as_at_sentence, complaint_evidence, expectations_source,
                              front_headlines, measure_trends, on_track_sentence)
from metrics.journey_marks import mark_journey, since_baseline
from metrics.trends import improvement_journey, journey_span, score_basis

#: What a front's card says when it has no figure at all (in FRONTS order).
NO_FIGURES = dict(zip((series for series, _, _ in FRONTS), ("No staff survey results yet.",
                                                            "No partner survey results yet.",
                                                            "No improvement plan actions yet.")))


def card_words(card, series: str) -> str:
    """The card's sentence, or why it has no figure; a hidden latest wave is said first."""
    points = journey[journey["series"] == series] if "series" in journey else journey.iloc[:0]
    if card.value is None:
        return (NO_FIGURES.get(series, "No figures yet.") if points.empty else
                f"Every figure so far is hidden: {absent.too_few_or_revealing(policy)}.")
    hidden = absent.hidden_latest(journey, series, points["date"].max(), policy)
    return f"{hidden} {card.sentence}" if hidden else card.sentence


st.title("Overview")
st.markdown(
    "Is the improvement real? **Culture** from the staff survey, **partnership** from the partner survey and "
    "**governance** from the improvement plan's actions, on one time axis with the milestones of the journey. "
    "A survey change is called **a real change** when it is too big to be a fluke of who happened to answer "
    "(95% interval); otherwise it is **within the noise**: too small to be sure it is real."
)
if not context.is_full_edition():
    st.caption("Read-only view for staff. Action owners are not named.")

data, settings = context.bundle(), context.settings()
conf, policy = settings.confidence, settings.disclosure
journey = cache.shared(improvement_journey, data.surveys, data.codebook, data.actions, policy, conf)
headlines = front_headlines(journey, conf, data.actions)
rules = load_judgement_rules()
judgements = cache.shared(judge_expectations, data.expectations, data.actions, data.surveys, data.codebook, data.events,
                     rules, policy, conf, complaints=data.complaints)
as_at_words = cache.shared(as_at_sentence, data.surveys, data.actions, data.events)
on_track = cache.shared(on_track_sentence, data.actions, judgements)
status = f"{as_at_words} On track? {on_track}" if on_track else as_at_words
st.info(widgets.plain(as_at_words) + (f"\n\n**On track?** {widgets.plain(on_track)}" if on_track else ""),
        icon=":material/summarize:")
if not context.is_full_edition():
    st.page_link("pages/staff_results.py", label="What was done about the staff survey: You said, we did",
                 icon=":material/diversity_3:")

st.header("Headline figures")
for column, card, (series, _, sampled) in zip(st.columns(3), headlines, FRONTS):
    with column.container(border=True):
        widgets.headline_metric(card)
        st.write(card_words(card, series))
        if basis := score_basis(journey, series):
            st.caption(basis)
        if since := since_baseline(journey, series, data.events, sampled, conf):
            st.write(since)

st.header("The improvement journey")
start, end = journey_span(data.events, journey["date"])
marked = cache.shared(mark_journey, journey, data.events, {series: sampled for series, _, sampled in FRONTS}, conf)
fig = cache.shared(trend_chart, marked, x="date", y="value", series="series", lower="lower", upper="upper",
                  events=data.events, title="Culture, partnership and governance over the improvement journey",
                  y_title="Per cent", start=start, end=end)
if journey.empty:
    widgets.say("No survey results or action reports yet, so there is no journey to draw.")
elif journey["value"].isna().all():
    widgets.say(f"Every figure of the journey so far is hidden: {absent.too_few_or_revealing(policy)}.")
else:
    widgets.chart_block(fig, labelled(journey, ["series", "date", "value", "lower", "upper", "n"], "journey"), key="journey")

source = expectations_source(data.expectations)


def evidence_tables(expectation, owners: bool) -> None:
    """The actions, survey results and complaints an expectation's judgement rests on."""
    actions = cache.shared(evidence_actions, expectation, data.actions, with_owner=owners)
    if not actions.empty:   # the text wraps; an overdue action says so in its status
        widgets.wrapped_table(labelled(actions, table="evidence_actions"))
    trends = cache.shared(measure_trends, expectation, data.surveys, data.codebook, policy, conf)
    if not trends.empty:
        widgets.table(labelled(trends, ["measure", "date", "value", "lower", "upper", "n"]))
    complaints = cache.shared(complaint_evidence, expectation, data.complaints)
    if context.is_full_edition() and not complaints.empty:   # the staff edition has the sentence only
        st.caption("Code of Conduct complaints by quarter received (complaints, not people):")
        widgets.table(labelled(complaints, table="complaints_by_quarter"))
    if actions.empty and trends.empty and complaints.empty:
        st.write("No actions or survey measures are linked to this expectation.")


st.header("What is expected, and the evidence")
if judgements.empty:
    st.info("No expectations yet: add expectations.csv (id, expectation, source, front, action_areas, "
            "action_refs, survey_measures, milestone_kinds) to the data folder.")
else:
    st.markdown(f"What the **{widgets.plain(source)}** asks for, each judged on the evidence it is linked to: its "
                "actions at the latest report and its survey scores since the first survey. An expectation that "
                "names **members** rests on member evidence too: the members' survey and the Code of Conduct "
                "complaints about members, each named as such below.")
    summary_table = judgements.assign(   # st.table renders Markdown: text from the data is escaped
        id=judgements["id"].map(widgets.plain), expectation=judgements["expectation"].map(widgets.plain),
        movement=judgements["movement"].map(widgets.plain))
    st.table(status_styler(labelled(summary_table, ["id", "expectation", "judgement", "movement"]),
                           columns=(label("judgement"),), colours=judgement_colours(rules["words"])).hide(axis="index"))
    st.caption(f"How the judgement is made: {rule_sentence(rules)}")
    owners = context.show_owner_names()
    for place, ((_, expectation), judgement) in enumerate(zip(data.expectations.iterrows(), judgements.itertuples())):
        with st.container(border=True):
            st.subheader(f"{widgets.plain(judgement.id)}: {judgement.front.capitalize()}")
            st.markdown(f"“{widgets.plain(judgement.expectation)}”")
            widgets.rag_label(judgement.rating, judgement.judgement, JUDGEMENT_COLOURS)
            if judgement.movement:
                st.markdown(f"{widgets.plain(judgement.movement)}.")
            st.markdown("\n".join(f"- {widgets.plain(reason)}" for reason in judgement.reason_list))
            if judgement.milestones != "None linked":
                st.markdown(f"Milestones: {widgets.plain(judgement.milestones)}.")
            evidence = widgets.opened(f"{widgets.plain(judgement.id)}: the actions and survey results behind it",
                                      key=f"evidence-{place}")     # its tables drawn once opened
            if evidence is not None:
                with evidence:
                    evidence_tables(expectation, owners)

st.header("Board summary to print")
st.markdown("One A4 page with the headline figures, the journey chart and the expectations table, for board "
            "papers. Open the file in a browser, then print it or save it as PDF.")


def _summary() -> bytes:
    """The board summary, made when the button is pressed (not on every rerun)."""
    return board_summary_html(
        organisation=settings.organisation, as_at=as_at_date, headlines=headlines, journey=journey,
        events=data.events, finding=first_sentence(alt_text(fig)), judgements=judgements, rule=rule_sentence(rules),
        source=source, status=status,
        since=[since_baseline(journey, series, data.events, sampled, conf) for series, _, sampled in FRONTS],
        benchmark=benchmark_block.comparison(survey_blocks.views_of("staff")), too_few=policy.too_few("responses"),
        engagement=cache.shared(index_trend, data.surveys, data.codebook, settings.engagement, policy, conf),
    ).encode("utf-8")


as_at_date = cache.shared(as_at, data.surveys, data.actions)     # from the data, never the clock
offer("board_summary", "Download the board summary (print-ready HTML)", _summary,
      file_name=f"board-summary-as-at-{as_at_date.replace(' ', '-')}.html" if as_at_date
      else "board-summary.html", mime="text/html", icon=":material/print:")
