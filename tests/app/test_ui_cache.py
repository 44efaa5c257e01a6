"""ui.cache.shared: one cached object per arguments (no copy), its new frames tagged so they
are passed on without hashing, a frame a function hands back unchanged keeps its own tag."""
import pandas as pd

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


def test_derived_is_computed_once_per_living_object_and_never_for_another():
    import gc

    import plotly.graph_objects as go

    from charts.narrow import narrow_layout
    from ui.cache import derived

    made = []

    def narrow(fig):
        made.append(fig)
        return narrow_layout(fig)

    wide = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"), layout={"title": {"text": "A title"}})
    first, again = derived(narrow, wide), derived(narrow, wide)
    assert first is again and len(made) == 1
    assert first.to_plotly_json() == narrow_layout(wide).to_plotly_json()
    other = go.Figure(go.Bar(x=[3], y=["c"], orientation="h"))
    assert derived(narrow, other) is not first and len(made) == 2
    del wide, first, again, made[:]
    gc.collect()
    fresh = go.Figure(go.Bar(x=[9], y=["z"], orientation="h"))   # may reuse a freed id: never its result
    assert list(derived(narrow, fresh).data[0].y) == ["z"]
