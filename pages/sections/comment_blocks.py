"""The comments page's blocks: themes over time, one wave's themes, typical examples, what
the codebook misses, comments by group, and the officers' correction of a comment's theme.

Every block reads ``metrics.comment_view.CommentView``: the comments already redacted, so
no block can show an identifier the redactor finds. Counts follow the count disclosure rule
(a theme, topic or group with fewer comments than the threshold is hidden, with what would
give it away); an example or a listed comment is only ever one of a theme whose count the
wave shows. No selector of a comment is bound to the URL (config/view_params.toml lists
only the survey and the wave), so an address never carries a comment.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.comment_themes import latest_theme_counts, theme_share_trend
from metrics.comment_examples import typical_examples
from metrics.comment_topics import unassigned_topics
from metrics.comment_view import CommentView, group_counts, listed_comments, shown_themes
from metrics.trends import journey_span
from settings.comment_themes import NO_THEME, comment_codebook
from settings.labels import labelled
from ui import context, widgets
from ui.auth import viewer
from ui.cache import shared

COUNT_COLUMNS = ["wave_date", "theme_name", "comments", "wave_comments", "share", "reason"]
FIGURES = ["comments", "wave_comments", "share"]     # what a hidden theme's row does not show
TOPIC_COLUMNS = ["topic", "top_words", "comments", "reason"]
GROUP_COLUMNS = ["group", "comments", "reason"]
LIST_COLUMNS = ["number", "text", "themes", "source"]
EXAMPLES = 3
SOURCE_WORDS = {"codebook": "the codebook's words", "correction": "an officer's correction"}
SAVED = "_comment_theme_saved"   # session state: the sentence saying the last correction was kept


def withheld(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The table with each hidden row's figures written "not shown" (its reason is in its
    own column), so a hidden cell never reads as a blank or "None"."""
    hidden = ~frame["shown"].astype(bool).to_numpy()
    out = frame.astype({c: object for c in columns if c in frame})
    if "reason" in out:
        out["reason"] = [r if isinstance(r, str) else "" for r in out["reason"].astype(object)]
    for column in [c for c in columns if c in out]:
        out.loc[hidden, column] = "not shown"
        out[column] = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else
                       v if isinstance(v, str) else f"{v:.1f}" if isinstance(v, float) else str(v) for v in out[column]]
    return out


def trend_block(view: CommentView, audience_name: str, key: str) -> None:
    """Each theme's share of the wave's comments, wave by wave, with the milestones."""
    data = context.bundle()
    start, end = journey_span(data.events, view.counts["wave_date"])
    fig = shared(theme_share_trend, view.counts, title=f"{audience_name}: comment themes over time",
                 events=data.events, start=start, end=end)
    widgets.chart_block(fig, labelled(withheld(view.counts, FIGURES), COUNT_COLUMNS, "comment_themes"), key=key)


def wave_block(one: CommentView, wave_name: str, key: str) -> None:
    """One wave's comments per theme, each with its count and share, hidden ones saying why."""
    fig = shared(latest_theme_counts, one.counts, title=f"Comments per theme, {wave_name}")
    widgets.chart_block(fig, labelled(withheld(one.counts, FIGURES), COUNT_COLUMNS, "comment_themes"), key=key)


def examples_block(one: CommentView) -> None:
    """Up to three typical comments of each theme the wave shows, redacted, as written otherwise."""
    policy, codebook = context.settings().disclosure, comment_codebook()
    themes = shown_themes(one.counts)
    if not themes:
        return widgets.say("No theme has enough comments in this wave to quote from: examples are only given for a "
                           f"theme with {policy.min_size} or more comments.")
    texts = dict(zip(one.comments["comment_id"].astype(str), one.comments["text"].astype(str)))
    counts = one.counts.set_index("theme")["comments"]
    for theme in themes:
        ids = shared(typical_examples, one.comments, one.themes, theme, policy=policy, k=EXAMPLES)
        st.subheader(f"{codebook.name(theme)} ({int(counts[theme])} comments)")
        for comment_id in ids:
            st.markdown("> " + widgets.plain(texts[comment_id]).replace("\n", "\n> "))


def topics_block(view: CommentView, n_topics: int) -> None:
    """Topics found among the comments no theme matched (TF-IDF and NMF), counts protected."""
    policy = context.settings().disclosure
    topics = shared(unassigned_topics, view.comments, view.themes, n_topics, policy=policy)
    if topics.unthemed:
        st.markdown(f"{topics.unthemed} comments mention none of the codebook's themes. Each topic below is "
                    "described by its most telling words and counts the comments it describes best.")
    if topics.message:
        widgets.say(topics.message)
    if not topics.table.empty:
        widgets.wrapped_table(labelled(withheld(topics.table, ["top_words", "comments"]), TOPIC_COLUMNS,
                                       "comment_topics"), status_columns=())


def group_block(one: CommentView, group_label: str) -> None:
    """How many comments each group wrote in the wave; small groups hidden."""
    counts = shared(group_counts, one.comments, context.settings().disclosure)
    if counts.empty:
        return
    widgets.wrapped_table(labelled(withheld(counts, ["comments"]), GROUP_COLUMNS, "comment_groups",
                                   names={"group": group_label}), status_columns=())


def _theme_names(assigned: pd.DataFrame) -> str:
    codebook = comment_codebook()
    return "; ".join(codebook.name(t) for t in assigned)


def correction_block(one: CommentView, key: str) -> None:
    """An officer reads the comments of a theme the wave shows and corrects one's theme;
    the store keeps who (the signed-in person; with no sign-in, the name typed) and when, and the
    correction is used from then on. The page offers it only to a role that may ``manage_data``."""
    if saved := st.session_state.pop(SAVED, None):
        st.success(saved)
    codebook = comment_codebook()
    themes = shown_themes(one.counts)
    no_theme = one.counts[(one.counts["theme"] == NO_THEME) & one.counts["shown"].astype(bool)]
    themes += [NO_THEME] if len(no_theme) and int(no_theme["comments"].iloc[0]) > 0 else []
    if not themes:
        return widgets.say("No theme has enough comments in this wave to list them.")
    theme = st.selectbox("Comments of the theme", themes, format_func=codebook.name, key=f"{key}-theme")
    listed = shared(listed_comments, one, theme)
    rows = listed.assign(themes=[_theme_names(keys) for keys in listed["theme_keys"]],
                         source=[SOURCE_WORDS[source] for source in listed["first_source"]])
    listed_table = labelled(rows, LIST_COLUMNS, "comment_list")
    widgets.wrapped_table(listed_table, status_columns=(), line_columns=(str(listed_table.columns[0]),))
    with st.form(f"{key}-form", clear_on_submit=False, enter_to_submit=False):
        texts = dict(zip(rows["comment_id"].astype(str), rows["text"].astype(str)))
        numbers = {c: i for i, c in enumerate(texts, start=1)}     # two comments may read the same
        chosen = st.selectbox("Comment to correct (numbered as in the list)", list(texts),
                              format_func=lambda c: f"{numbers[c]}. {_short(texts[c])}", key=f"{key}-comment")
        new = st.selectbox("Its theme", codebook.keys(), format_func=codebook.name, key=f"{key}-new")
        who = viewer().who or st.text_input("Your name (kept with the correction)", key=f"{key}-who", max_chars=100)
        if st.form_submit_button("Save the correction"):
            _save(chosen, new, who, codebook.name(new), f"{key}-comment")


def _short(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _save(comment_id: str, theme: str, who: str, theme_name: str, comment_key: str) -> None:
    """Keep the correction in the store; a refusal says what to fill in, where."""
    data = context.bundle()
    try:
        context.store().correct_theme(comment_id, theme, who, folder_ids=set(data.comments["comment_id"].astype(str)))
    except ValueError as error:
        st.error(str(error))
        return
    except KeyError:
        st.error("That comment is no longer in the data (its file was removed or replaced): choose another.")
        return
    st.session_state.pop(comment_key, None)      # the comment may have left this theme's list
    st.session_state[SAVED] = (f"Saved: the comment is now counted under “{theme_name}”, from now on, "
                               "with your name and the time in the audit trail.")
    st.rerun()
