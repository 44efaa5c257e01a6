"""Comments: what staff and partners wrote in the surveys' free-text questions, as themes
for the board (full edition only: config/editions.toml; comments can identify people, so
the staff edition never loads them).

Each comment is redacted before anything shows it (metrics.comment_view): names, email
addresses, phone numbers, staff numbers and small groups become markers such as "[name]".
Themes come from the codebook (config/comment_themes.toml) and officers' corrections; counts
under the threshold are hidden with what would give them away."""
import streamlit as st

from metrics.comment_view import comment_audiences, comment_view, wave_comments
from pages.sections import comment_blocks
from settings.comment_themes import comment_codebook
from settings.labels import survey_name
from ui import context, view_link, widgets
from ui.auth import viewer
from ui.cache import shared

st.title("Comments")
data, settings = context.bundle(), context.settings()
policy = settings.disclosure
st.markdown("What people wrote in answer to the surveys' open questions (“Is there anything else you would like to "
            "tell us?”), counted by theme, wave by wave. Before anything is shown, people's names, email addresses, "
            "phone numbers, staff numbers and the names of groups too small to report are replaced by markers such as "
            "[name]. A theme or group with "
            f"{policy.too_few('comments')} is not shown, nor anything that would let it be worked out. A comment can "
            "mention several themes. This page is for officers and the improvement board: the staff edition of the "
            "dashboard has no comments at all.")

audiences = comment_audiences(data.comments)
if not audiences:
    widgets.say("No comments yet: a survey export with a free-text question gives them (the codebook's kind column "
                "says free_text, or the column's answers are written text).")
    st.stop()
audience = view_link.choice("radio", "Survey", audiences, format_func=survey_name, key="comments-audience",
                            horizontal=True)
view = shared(comment_view, data.comments, data.theme_corrections, data.actions["owner"], data.surveys.reach,
              audience, policy)
name = survey_name(audience)

st.header("Themes over time")
st.markdown("Each theme's share of the comments of its wave: the denominator is every comment of the wave, "
            "with a theme or not.")
comment_blocks.trend_block(view, name, key="comments-trend")

st.header("One wave's themes")
dates = sorted(view.comments["wave_date"].dropna().unique(), reverse=True)
wave = view_link.choice("selectbox", "Survey wave", dates, format_func=widgets.wave_label, key="comments-wave")
one = shared(wave_comments, view, wave)
wave_name = widgets.wave_label(wave)
comment_blocks.wave_block(one, wave_name, key="comments-wave-chart")

st.header("What people say")
st.markdown(f"Up to {comment_blocks.EXAMPLES} comments of each theme shown for {wave_name}, chosen as the most "
            "typical of the theme's comments (closest to their common words, neither the shortest nor the longest), "
            "redacted.")
comment_blocks.examples_block(one)

st.header("What the themes miss")
comment_blocks.topics_block(view, comment_codebook().topics.n_topics)

st.header("Comments by group")
st.markdown(f"How many comments each group wrote in {wave_name}, so a theme's figures can be read against who "
            "wrote them.")
comment_blocks.group_block(one, "Directorate" if audience == "staff" else "Group")

if viewer().may("manage_data"):            # officers (config/roles.toml [may])
    st.header("Correct a comment's theme")
    st.markdown(f"Officers: read the comments of a theme shown for {wave_name} and, where the codebook read one "
                "wrongly, give it the right theme. The correction is kept with your name and the time, and counts "
                "from then on on every page and download.")
    comment_blocks.correction_block(one, key="comments-correct")
