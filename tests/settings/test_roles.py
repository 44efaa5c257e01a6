"""Roles (issue 19), pure: the ID token's claims -> our roles (config/roles.toml), the table of
which role sees which page (config/pages.toml ``roles``), and what a role may do."""
from __future__ import annotations

import pytest

from settings.config import edition_pages, page_registry
from settings.roles import (check_download_kinds, download_kinds, may, may_download, roles_config, roles_from_claims,
                            signed_in_viewer, unsigned_viewer, visible_sections, who_from_claims)

ROLES = {"improvement_board", "scrutiny_committee", "officer", "staff", "platform_admin"}


def pages_for(roles, edition="full") -> set[str]:
    return {p for paths in visible_sections(edition_pages(edition), page_registry(), roles).values() for p in paths}


def test_the_roles_are_the_five_of_the_issue():
    assert set(roles_config()["roles"]) == ROLES


@pytest.mark.parametrize("claims, roles", [
    ({"roles": ["Dashboard.Officer"]}, {"officer"}),
    ({"roles": "Dashboard.Staff"}, {"staff"}),                                        # one value, not a list
    ({"roles": ["Dashboard.ImprovementBoard", "Dashboard.ScrutinyCommittee"]}, {"improvement_board", "scrutiny_committee"}),
    ({"groups": ["Dashboard.PlatformAdmin"], "roles": ["Dashboard.Staff"]}, {"platform_admin", "staff"}),
    ({"roles": ["dashboard.officer", "Officer", "Dashboard.Officer "]}, {"officer"}),   # exact values only (trimmed)
    ({"roles": ["Task.Read"], "groups": ["0b1f3c2e-unknown"]}, set()),                # unknown values give nothing
    ({"email": "someone@example.gov.uk"}, set()),                                    # no claim at all
    ({"roles": [None, 7, {"x": 1}]}, set()),
    ({"role": ["Dashboard.Officer"]}, set()),                                        # only the configured claims
])
def test_claims_map_to_roles(claims, roles):
    assert roles_from_claims(claims) == roles


def test_who_is_the_email_then_the_name_then_the_subject():
    assert who_from_claims({"email": "a@b.gov.uk", "name": "Ann", "sub": "1"}) == "a@b.gov.uk"
    assert who_from_claims({"name": " Ann Example ", "sub": "1"}) == "Ann Example"
    assert who_from_claims({"sub": "abc"}) == "abc" and who_from_claims({}) is None
    viewer = signed_in_viewer({"email": "o@b.gov.uk", "roles": ["Dashboard.Officer"]})
    assert viewer.signed_in and viewer.who == "o@b.gov.uk" and viewer.roles == {"officer"}


def test_every_page_declares_known_roles():
    for path, page in page_registry().items():
        assert page.get("roles"), f"{path} declares no roles"
        assert set(page["roles"]) <= ROLES | {"everyone"}, path


#: The table of the issue: which page each role sees in the full edition.
EXPECTED = {
    "officer": {"overview", "culture", "partnership", "governance", "comments", "scrutiny", "staff-results", "data",
                "accessibility"},
    "improvement_board": {"overview", "culture", "partnership", "governance", "comments", "scrutiny", "staff-results",
                          "accessibility"},
    "scrutiny_committee": {"overview", "culture", "partnership", "governance", "scrutiny", "staff-results",
                           "accessibility"},
    "platform_admin": {"overview", "culture", "partnership", "governance", "scrutiny", "staff-results", "data",
                       "accessibility"},
    "staff": {"overview", "staff-results", "accessibility"},
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_page_table(role):
    assert pages_for({role}) == EXPECTED[role]


def test_signed_out_sees_only_the_accessibility_statement_and_comments_never_reach_staff():
    assert pages_for(set()) == {"accessibility"}
    assert pages_for({"staff"}, "staff") == {"overview", "staff-results", "accessibility"}
    assert not {"comments", "data"} & pages_for({"staff"})
    assert pages_for({"officer"}, "staff") == {"overview", "staff-results", "accessibility"}   # the edition still decides


def test_sections_keep_the_edition_order_and_drop_empty_ones():
    sections = visible_sections(edition_pages("full"), page_registry(), {"staff"})
    assert sections == {"Improvement board": ["overview"], "Staff": ["staff-results"], "About": ["accessibility"]}


def test_what_each_role_may_do():
    assert may("manage_data", {"officer"}) and not may("manage_data", ROLES - {"officer"})
    assert may_download("originals", {"officer"}) and not may_download("originals", ROLES - {"officer"})
    assert may("audit_trail", {"platform_admin"}) and not may("audit_trail", {"staff", "improvement_board"})
    assert not may("owner_names", {"staff"}) and may("owner_names", {"improvement_board"})
    assert not may("something not configured", ROLES)


def test_each_download_kind_is_for_roles_that_see_its_page_and_none_other_is_offered():
    registry = page_registry()
    for name, kind in download_kinds().items():
        assert set(kind["roles"]) <= set(registry[kind["page"]]["roles"]), name
    assert {k for k in download_kinds() if may_download(k, {"staff"})} == {"board_summary"}, \
        "staff: no respondent-level data, no comment, no owner"
    with pytest.raises(KeyError):
        may_download("comments", ROLES)                  # no kind nobody configured


def test_a_download_kind_for_a_role_that_does_not_see_its_page_is_refused():
    kinds = {name: dict(kind) for name, kind in download_kinds().items()}
    check_download_kinds(kinds, page_registry())                              # the shipped table holds
    kinds["committee_paper"]["roles"] = [*kinds["committee_paper"]["roles"], "staff"]
    with pytest.raises(ValueError, match="committee_paper.*staff"):
        check_download_kinds(kinds, page_registry())
    with pytest.raises(ValueError, match="nowhere"):
        check_download_kinds({"x": {"page": "nowhere", "roles": ["officer"]}}, page_registry())


def test_with_no_sign_in_the_viewer_has_the_unsigned_roles_and_no_name():
    viewer = unsigned_viewer()
    assert viewer.roles == {"improvement_board", "scrutiny_committee", "officer", "staff"}
    assert viewer.who is None and not viewer.signed_in
    assert pages_for(viewer.roles) == set(page_registry())     # today's dashboard on the sample data
