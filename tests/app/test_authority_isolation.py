"""One authority's signed-in user never reaches another authority's data (issue 19).

A real PostgreSQL cluster (tests/postgres.py) holds two authorities' stores, each with its own
tracker snapshot and survey wave, planted with its own marker in every action title, progress note
and comment (tests/app/authorities.py). Through the router (app.py, as a server runs it), signed in
with AppTest's ``user`` and the environment naming the database, a user of B runs first (the
positive control: B's marker is on its pages), then an officer of A (whose role sees every page)
runs every route the router registers for them, each with hostile query parameters (B's name as
``?authority=``, B's upload hashes, B's comment ids) and B's name put into the session's authority
choice, and every download each run offers is made as a click makes it. Not one element, address
or download holds B's marker, and A's own marker is there, so the scan can fail. The server's own
``IMPROVEMENT_AUTHORITY`` is B's, so a signed-in user's authority comes from their sign-in, not
the server's. The counts are printed (``-s``) and kept in ``COUNTS``.
"""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assembly.bundle import load_bundle
from store.pg_schema import transaction
from store.pg_store import PgStore
from tests.app.authorities import A, B, MARKER_A, MARKER_B, cluster, service, signed_in, user  # noqa: F401 (fixtures)
from tests.app.test_staff_edition_no_comments import run
from tests.disclosure.page_sweep import APP, TIMEOUT
from ui.auth import AUTHORITY_KEY

TABLES = ("entries", "originals", "normalised", "changes", "theme_corrections")
COUNTS: dict[str, int] = {}


def found(blobs: list[bytes]) -> list[str]:
    """The authorities' markers found in ``blobs`` (what a run showed and left in its address, or its
    downloads, each zip's members too: tests/app/test_staff_edition_no_comments.py ``run``)."""
    return sorted(m for m in (MARKER_A, MARKER_B) if any(m.encode("utf-8") in blob for blob in blobs))


def routes(at: AppTest) -> dict[str, str]:
    return {info["url_pathname"]: page_hash for page_hash, info in at._registered_pages.items()}


def sweep(who: dict, hostile: list[dict], choice: str | None = None) -> tuple[list[bytes], list[bytes], set[str], int]:
    """Every route registered for ``who``, each with every ``hostile`` set of parameters (and
    ``choice`` as the session's authority choice): (what they showed, their downloads, the routes, runs)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.user = who
    if choice:
        at.session_state[AUTHORITY_KEY] = choice
    seen, offered = run(at, {})
    runs = 1
    for path, page_hash in sorted(routes(at).items()):
        for params in hostile:
            if choice:
                at.session_state[AUTHORITY_KEY] = choice
            shown, files = run(at, params, page_hash)
            seen, offered, runs = seen + shown, offered + files, runs + 1
    run(at, {}, routes(at)["data"])
    for option in at.selectbox(key="stored_choice").options[1:]:     # every stored file's original offered
        at.selectbox(key="stored_choice").set_value(option)
        shown, files = run(at, {}, routes(at)["data"])
        seen, offered, runs = seen + shown, offered + files, runs + 1
    return seen, offered, set(routes(at)), runs


def rows_of(cluster, authority: str, as_authority: str) -> int:
    """Rows of ``authority`` in every table that a transaction of ``as_authority`` can read."""
    with transaction(cluster.database(as_authority)) as conn:
        return sum(conn.execute(f"SELECT count(*) FROM {t} WHERE authority = %s", (authority,)).fetchone()[0]
                   for t in TABLES)


def test_each_authoritys_bundle_holds_its_own_uploads_only(signed_in):
    folder = signed_in[0]
    for mine, theirs, marker, other in ((A, B, MARKER_A, MARKER_B), (B, A, MARKER_B, MARKER_A)):
        data = load_bundle(folder, edition="full", authority=mine)
        titles, comments = " ".join(data.actions["action"].astype(str)), " ".join(data.comments["text"])
        assert marker in titles and marker in comments, mine
        assert other not in titles and other not in comments, f"{mine} read {theirs}'s uploads"


def test_a_user_of_a_reaches_nothing_of_b_by_any_page_address_or_download(signed_in, cluster):
    folder, north, south = signed_in
    b_data = load_bundle(folder, edition="full", authority=B)
    b_hashes = [e.sha256 for e in PgStore(cluster.database(B)).entries()]
    b_ids = list(b_data.comments.loc[b_data.comments["text"].str.startswith(MARKER_B), "comment_id"][:2])
    assert len(b_hashes) == 2 and b_ids
    hostile = [{}, {"authority": B, "tenant": B, "council": B},
               {"sha256": b_hashes[0], "upload": b_hashes[1], "file": "staff_survey_2024-10.xlsx"},
               {"comment_id": b_ids[0], "comment": b_ids[-1], "wave": "2024-10-07", "survey": "staff"}]

    # the positive control first, in the same process: B's user sees B's marker (and the cache is warm with B's Bundle)
    seen_b, offered_b, routes_b, runs_b = sweep(user("officer", [B], "olive@south-borough.gov.uk"), hostile[:1])
    assert found(seen_b) == [MARKER_B] and found(offered_b) == [MARKER_B]

    seen, offered, opened, runs = sweep(user("officer", [A], "olive@north-county.gov.uk"), hostile, choice=B)
    assert {"", "overview", "culture", "partnership", "governance", "comments", "scrutiny", "staff-results", "data",
            "accessibility", "account"} <= opened
    assert found(seen) == [MARKER_A], "A's pages show A's marker, and nothing of B's"
    assert offered and found(offered) == [MARKER_A], "A's downloads hold A's marker, and nothing of B's"
    assert not any(data in blob for data in south.originals.values() for blob in offered), "B's original served"
    assert all(data in offered_b for data in south.originals.values()), "B's officer is offered B's originals"
    assert all(data in offered for data in north.originals.values()), "A's officer is offered each of A's originals"
    reached = rows_of(cluster, B, A)
    assert reached == 0 and rows_of(cluster, B, B) > 0
    COUNTS.update(pages_run=runs, routes=len(opened), downloads_checked=len(offered), b_marker_found=0,
                  rows_of_b_reached=reached, control_runs=runs_b, control_marker_found=1)
    print(f"\nauthority isolation: {runs} runs of {len(opened)} routes as A's officer, {len(offered)} downloaded files "
          f"checked, B's marker found 0 times, rows of B reached {reached}; control as B: {runs_b} runs, marker found")


def test_a_user_of_both_chooses_and_sees_only_the_chosen_one(signed_in):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.user = user("improvement_board", [B, A], "bea@both.gov.uk")
    run(at, {})
    governance = routes(at)["governance"]                        # its table shows the actions' titles
    seen, _ = run(at, {}, governance)
    [box] = [s for s in at.selectbox if s.label == "Authority"]
    assert box.options == [A, B] and box.value == A            # sorted; the first by name at first
    assert found(seen) == [MARKER_A]
    box.select(B)
    seen, _ = run(at, {"authority": A}, governance)              # the address does not choose
    assert found(seen) == [MARKER_B]


def test_a_user_of_no_authority_sees_no_data(signed_in):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.user = user("officer", [], "nobody@example.gov.uk")
    seen, offered = run(at, {})
    assert at.title[0].value == "Your account" and "belongs to no authority" in at.warning[0].value
    assert found(seen + offered) == []
    for path in ("overview", "governance", "comments", "data"):        # each address gets the notice, no page
        shown, files = run(at, {"authority": A}, routes(at)[path])
        assert [t.value for t in at.title] == ["This page is not open to your account"], path
        assert found(shown + files) == [] and not at.dataframe, path


def test_a_change_to_the_authoritys_store_is_seen_at_the_next_run(signed_in, cluster):
    """The cached Bundle's key holds the store's state (``UploadStore.state``), not only the data
    folder's: the database changes no file, and a removal must show without a restart."""
    store = PgStore(cluster.database(A))
    [tracker] = [e for e in store.entries() if e.kind == "actions"]
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.user = user("officer", [A], "olive@north-county.gov.uk")
    run(at, {})
    governance = routes(at)["governance"]
    seen, _ = run(at, {}, governance)
    assert MARKER_A.encode() in b"".join(seen)
    store.remove(tracker.sha256, by="olive@north-county.gov.uk")
    try:
        seen, _ = run(at, {}, governance)
        assert MARKER_A.encode() not in b"".join(seen), "the removed tracker's titles are still shown"
    finally:
        store.restore(tracker.sha256, by="olive@north-county.gov.uk")
    seen, _ = run(at, {}, governance)
    assert MARKER_A.encode() in b"".join(seen)


def test_with_nobody_signed_in_the_servers_own_authority_is_shown(signed_in, monkeypatch):
    """Sign-in not required: every viewer is the server's (IMPROVEMENT_AUTHORITY, here B), as before."""
    monkeypatch.setenv("IMPROVEMENT_AUTH_REQUIRED", "false")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    run(at, {})
    seen, _ = run(at, {"authority": A}, routes(at)["governance"])
    assert found(seen) == [MARKER_B] and not [s for s in at.selectbox if s.label == "Authority"]


def test_what_is_computed_from_the_cached_frames_is_kept_per_authority_and_edition(signed_in):
    """The cached Bundle's frames carry its whole key (ui/cache.py ``tag``), so a result ``shared``
    keeps for one authority's (or edition's) frames is never found for another's, even at the same state."""
    from ui.cache import frame_key
    from ui.context import _cached_bundle

    folder = str(signed_in[0])
    keys = {(edition, name): frame_key(_cached_bundle(folder, "one state", edition, name).actions)
            for edition in ("full", "staff") for name in (A, B)}
    assert len(set(keys.values())) == 4, keys
    assert all(name in key and edition in key for (edition, name), key in keys.items())
