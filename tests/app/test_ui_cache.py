"""ui.cache.shared: one cached object per arguments (no copy), its new frames tagged so they
are passed on without hashing, a frame a function hands back unchanged keeps its own tag."""
import pandas as pd

from ui import cache
from ui.cache import frame_key, shared, tag

CALLS = []


def doubled(frame: pd.DataFrame) -> pd.DataFrame:
    CALLS.append(len(frame))
    return frame.assign(value=frame["value"] * 2)


def unchanged(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def test_shared_returns_the_one_cached_object_and_tags_it():
    frame = tag(pd.DataFrame({"value": [1, 2, 3]}), "test", "shared-frame")
    before = len(CALLS)
    first, second = shared(doubled, frame), shared(doubled, frame)
    assert first is second and len(CALLS) == before + 1
    assert first["value"].tolist() == [2, 4, 6]
    assert frame_key(first)[:2] == ("tag", "shared")


def test_survey_counts_are_keyed_by_their_tagged_frames():
    from model.survey_counts import empty_counts
    from ui.cache import counts_key

    tagged, untagged = empty_counts(), empty_counts()
    tag(tagged.answers, "test", "answers")
    tag(tagged.reach, "test", "reach")
    before = len(COUNTED)
    for _ in range(2):
        assert shared(len_of_answers, tagged) == 0 and shared(len_of_answers, untagged) == 0
    assert len(COUNTED) == before + 2               # once per key: the tags, and the content
    assert counts_key(tagged) == (("tag", "test", "answers"), ("tag", "test", "reach"))
    assert counts_key(untagged)[0][0] == "content"


COUNTED = []


def len_of_answers(counts) -> int:
    COUNTED.append(1)
    return len(counts.answers)


def test_a_frame_handed_back_keeps_its_tag():
    frame = tag(pd.DataFrame({"value": [7]}), "test", "own-tag")
    assert shared(unchanged, frame) is frame
    assert frame_key(frame) == ("tag", "test", "own-tag")


def test_a_result_derived_from_a_figure_is_made_once_while_the_figure_lives():
    """A chart's narrow layout is derived once per shared figure, not on every rerun; another
    figure gets its own, and the entry goes with its figure."""
    import gc

    import plotly.graph_objects as go

    from charts.narrow import narrow_layout

    made = []

    def layout(fig):
        made.append(fig)
        return narrow_layout(fig)

    wide = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"), layout={"title": {"text": "A long title " * 4}})
    first = cache.derived(layout, wide)
    assert cache.derived(layout, wide) is first and made == [wide]
    assert first.to_plotly_json() == narrow_layout(wide).to_plotly_json()
    other = go.Figure(wide)
    assert cache.derived(layout, other) is not first and len(made) == 2
    count = len(cache._DERIVED)
    del wide, other, made[:]
    gc.collect()
    assert len(cache._DERIVED) == count - 2


VIEWS = []


def narrowed(view, keep: int):
    from metrics.comment_view import CommentView

    VIEWS.append(keep)
    return CommentView(view.comments.head(keep), view.themes, view.counts.head(keep))


def test_a_view_of_frames_is_keyed_by_its_tags_and_its_new_frames_tagged():
    from metrics.comment_view import CommentView
    from ui.cache import frames_key

    frames = [tag(pd.DataFrame({"value": [1, 2, 3]}), "test", "view", name) for name in ("c", "t", "n")]
    view = CommentView(*frames)
    assert frames_key(view) == tuple(("tag", "test", "view", name) for name in ("c", "t", "n"))
    before = len(VIEWS)
    one = shared(narrowed, view, 2)
    assert shared(narrowed, view, 2) is one and len(VIEWS) == before + 1      # hashed by its tags
    assert frame_key(one.comments)[:2] == ("tag", "shared") and frame_key(one.counts)[:2] == ("tag", "shared")
    assert frame_key(one.themes) == ("tag", "test", "view", "t")     # handed back unchanged: its own tag
    assert shared(narrowed, one, 1).comments["value"].tolist() == [1] and len(VIEWS) == before + 2
