"""Typical example comments (never the shortest or longest) and the topics the codebook
misses (TF-IDF + NMF), checked against scikit-learn run directly."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from metrics.comment_examples import moderate_length, typical_examples
from metrics.comment_themes import assign_themes
from metrics.comment_topics import NO_CLEAR_TOPIC, unassigned_topics
from model.frames import COMMENTS, conform
from settings.comment_themes import comment_codebook
from settings.disclosure import DisclosurePolicy

CODEBOOK = comment_codebook()
POLICY = DisclosurePolicy(3, 20)


def comments_frame(texts: list[str], wave: str = "2023-05") -> pd.DataFrame:
    frame = pd.DataFrame({"comment_id": [f"c{i:02d}" for i in range(len(texts))], "text": texts})
    return conform(frame.assign(audience="staff", wave=wave, wave_date=wave + "-01", group="", question_id="Q99",
                                question_text="Anything else?"), COMMENTS)


WORKLOAD = [
    "Workload is too high in my team",                                         # c00, 7 words
    "Workload is high and the team is stretched",                              # c01, 8
    "The workload in my team is far too high",                                 # c02, 9
    "Workload too high",                                                       # c03, 3: shortest
    "Workload",                                                                # c04, 1: shortest
    "My workload is high and my team is tired",                                # c05, 9
    "Too much work for the team and the workload is high",                     # c06, 11
    "Workload high, team stretched, too much work, my team is too high on workload and high workload "
    "in the team is too high",                                                 # c07, 22: longest
    "Our workload is high because of vacancies in the team and nobody covers the work",   # c08, 15: longest
    "Workload pressure in procurement is odd this year",                       # c09, 8: off-centre
]


def test_moderate_length_drops_each_end():
    assert moderate_length(np.array([1, 3, 7, 8, 9, 9, 11, 22, 15, 8]), 0.2).tolist() == [
        False, False, True, True, True, True, True, False, False, True]


def test_typical_examples_are_nearest_the_centroid_and_never_the_extremes():
    frame = comments_frame(WORKLOAD)
    got = typical_examples(frame, assign_themes(frame, CODEBOOK), "workload", policy=POLICY, codebook=CODEBOOK)
    # the independent computation: scikit-learn's TF-IDF, the centroid, cosine similarity
    vectors = TfidfVectorizer(stop_words="english").fit_transform(WORKLOAD).toarray()
    centroid = vectors.mean(axis=0)
    similarity = vectors @ centroid / np.linalg.norm(centroid)
    assert int(np.argmax(similarity)) == 7            # the longest is the most central: never chosen all the same
    allowed = [0, 1, 2, 5, 6, 9]                      # 2 shortest (c04, c03) and 2 longest (c07, c08) out
    expected = sorted(allowed, key=lambda i: -similarity[i])[:3]
    assert got == [f"c{i:02d}" for i in expected]
    assert not {"c03", "c04", "c07", "c08"} & set(got) and "c09" not in got


def test_examples_say_different_things():
    """A comment written the same as a better-placed one (case and spacing aside) is passed over."""
    texts = WORKLOAD + ["workload is TOO high in my  team", "Workload is too high in my team"]
    frame = comments_frame(texts)
    got = typical_examples(frame, assign_themes(frame, CODEBOOK), "workload", policy=POLICY, codebook=CODEBOOK)
    said = [" ".join(texts[int(c[1:])].casefold().split()) for c in got]
    assert len(got) == 3 and len(set(said)) == 3


def test_a_theme_under_the_threshold_has_no_examples():
    frame = comments_frame(WORKLOAD[:2] + ["The canteen is fine"])
    assert typical_examples(frame, assign_themes(frame, CODEBOOK), "workload", policy=POLICY, codebook=CODEBOOK) == []


UNTHEMED = (["The car park is full every morning", "Car park spaces are hard to find",
             "Parking in the car park is a nightmare", "No spaces left in the car park"] * 3
            + ["The canteen food is cold", "Canteen food prices went up", "Cold food in the canteen again",
               "The canteen closes too early for food"] * 3
            + ["Laptops are slow and crash", "My laptop keeps crashing", "Old laptops slow everyone down",
               "Laptop crashes lose my work"] * 2)


#: Three comments for each theme, so that every theme's count (and so the "no theme" count) is shown.
THEMED = (["Workloads are high"] * 3 + ["Senior leaders are visible"] * 3 + ["Communication is poor"] * 3
          + ["I was bullied"] * 3 + ["Pay is low"] * 3 + ["Hybrid working suits me"] * 3)


def test_topics_are_deterministic_and_match_sklearn_run_directly():
    frame = comments_frame(THEMED + UNTHEMED)
    themes = assign_themes(frame, CODEBOOK)
    assert (themes["theme"] == "no_theme").sum() == len(UNTHEMED)
    first = unassigned_topics(frame, themes, 3, policy=POLICY, codebook=CODEBOOK)
    again = unassigned_topics(frame.sample(frac=1, random_state=4), themes, 3, policy=POLICY, codebook=CODEBOOK)
    pd.testing.assert_frame_equal(first.table, again.table)
    settings = CODEBOOK.topics
    texts = UNTHEMED                                   # in comment id order, as the function takes them
    vectorizer = TfidfVectorizer(stop_words="english", min_df=settings.min_word_comments)
    vectors = vectorizer.fit_transform(texts)
    model = NMF(n_components=3, init="nndsvda", random_state=settings.random_state, max_iter=settings.max_iter)
    weights = model.fit_transform(vectors)
    words = vectorizer.get_feature_names_out()
    expected = ["; ".join(words[j] for j in np.argsort(-row, kind="stable")[:settings.top_words] if row[j] > 0)
                for row in model.components_]
    sizes = np.bincount(weights.argmax(axis=1), minlength=3)
    table = first.table[first.table["topic"] != NO_CLEAR_TOPIC]
    assert table["top_words"].tolist() == expected and table["comments"].tolist() == sizes.tolist()
    assert first.unthemed == 32 and first.message is None
    by_word = {w.split("; ")[0]: n for w, n in zip(table["top_words"], table["comments"])}
    assert sorted(by_word.values()) == [8, 12, 12]     # laptops 8, car park 12, canteen 12


def test_a_topic_under_the_threshold_is_hidden_with_what_would_give_it_away():
    frame = comments_frame(THEMED * 4 + UNTHEMED)
    themes = assign_themes(frame, CODEBOOK)
    topics = unassigned_topics(frame, themes, 3, policy=DisclosurePolicy(10, 20), codebook=CODEBOOK)
    shown = topics.table[topics.table["shown"]]
    hidden = topics.table[~topics.table["shown"]]
    assert len(shown) == 1 and shown["comments"].iloc[0] == 12   # laptops (8) hidden, and one of the 12s with it
    assert hidden["top_words"].isna().all() and hidden["comments"].isna().all()
    assert "2 of 3 topics are not shown" in topics.message


def test_too_few_unthemed_comments_are_said_plainly():
    frame = comments_frame(THEMED + UNTHEMED[:12])
    topics = unassigned_topics(frame, assign_themes(frame, CODEBOOK), 3, policy=POLICY, codebook=CODEBOOK)
    assert topics.table.empty and topics.message.startswith("Too few comments without a theme")
    assert "12" in topics.message and str(CODEBOOK.topics.min_comments) in topics.message


def test_a_wave_that_hides_its_no_theme_count_is_left_out_of_the_topics():
    """2024-01's 11 comments: 1 without a theme (hidden), so the total over both waves minus
    2023-05's published 32 would give it away: 2024-01 is left out, the topics are 2023-05's
    alone (the same table as 2023-05 run by itself), and the message names the wave."""
    later = comments_frame(["Nice canteen", "Workload is high"] + ["Workloads are huge"] * 9, wave="2024-01")
    frame = pd.concat([comments_frame(THEMED + UNTHEMED), later.assign(comment_id=lambda f: "d" + f["comment_id"])])
    small = dataclasses.replace(CODEBOOK, topics=dataclasses.replace(CODEBOOK.topics, min_comments=5))
    topics = unassigned_topics(frame, assign_themes(frame, small), 3, policy=POLICY, codebook=small)
    alone = comments_frame(THEMED + UNTHEMED)
    expected = unassigned_topics(alone, assign_themes(alone, small), 3, policy=POLICY, codebook=small)
    pd.testing.assert_frame_equal(topics.table, expected.table)
    assert topics.unthemed == 32 and "The comments of January 2024 are left out" in topics.message


def test_no_topics_when_every_wave_hides_its_no_theme_count():
    frame = comments_frame(["Nice canteen", "Workload is high"] + ["Workloads are huge"] * 9)
    topics = unassigned_topics(frame, assign_themes(frame, CODEBOOK), 3, policy=POLICY, codebook=CODEBOOK)
    assert topics.table.empty and topics.unthemed == 0
    assert topics.message.startswith("Topics are not shown: in every wave the number of comments without a theme")
