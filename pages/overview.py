"""Overview: the three fronts of the improvement journey for chief executives and boards."""
import streamlit as st

import ui
from charts.trend import trend_chart
from metrics.headlines import series_headline
from metrics.trends import improvement_journey, journey_span

st.title("Overview")
st.markdown(
    "Is the improvement real? Culture from the staff survey, partnership from the partner "
    "survey and governance from the improvement plan, on one time axis with the milestones "
    "of the journey marked."
)

data = ui.bundle()
conf = ui.settings().confidence
journey = ui.memo(improvement_journey, data.surveys, data.codebook, data.actions, ui.settings().min_group_size, conf)
start, end = journey_span(data.events, journey["date"])

cards = [
    series_headline(journey, "Culture", "Culture (staff survey, % positive)", confidence=conf),
    series_headline(journey, "Partnership", "Partnership (partner survey, % positive)", confidence=conf),
    series_headline(journey, "Governance", "Governance (improvement actions complete)", sampled=False),
]
for column, card in zip(st.columns(3), cards):
    with column.container(border=True):
        st.metric(card.label, "–" if card.value is None else f"{card.value:.0f}%",
                  None if card.change is None or not round(card.change) else f"{card.change:+.0f} points")
        st.write(card.sentence)

fig = trend_chart(journey, x="date", y="value", series="series", lower="lower", upper="upper",
                  events=data.events, title="Culture, partnership and governance over the improvement journey",
                  y_title="Score (0 to 100)", start=start, end=end)
table = journey.rename(columns={"series": "Front", "date": "Date", "value": "Score", "lower": "Lower 95%",
                                "upper": "Upper 95%", "n": "Respondents or actions"})
ui.chart_block(fig, table, key="journey")
