"""ui_cache.shared: one cached object per arguments (no copy), its new frames tagged so they
are passed on without hashing, a frame a function hands back unchanged keeps its own tag."""
import pandas as pd

from ui_cache import frame_key, memo, shared, tag

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


def test_memo_still_returns_a_copy():
    frame = tag(pd.DataFrame({"value": [5]}), "test", "memo-frame")
    assert memo(doubled, frame) is not memo(doubled, frame)


def test_a_frame_handed_back_keeps_its_tag():
    frame = tag(pd.DataFrame({"value": [7]}), "test", "own-tag")
    assert shared(unchanged, frame) is frame
    assert frame_key(frame) == ("tag", "test", "own-tag")
