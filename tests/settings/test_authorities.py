"""Authorities per user (issue 19), pure: the ID token's claims and email -> the authorities a
signed-in person belongs to (config/roles.toml ``[authorities]``), and the viewer of none, who gets no
role where authorities matter (the PostgreSQL store)."""
from __future__ import annotations

import pytest

from settings.roles import authorities_from_claims, roles_config, signed_in_viewer

TABLE = {"named_by": ["authorities"], "read": ["groups"],
         "claim_values": {"group-north": ["north-county"], "group-both": ["north-county", "south-borough"]},
         "emails": {"@South.gov.uk": ["south-borough"], "ann@partner.org.uk": ["north-county"]}}


@pytest.mark.parametrize("claims, expected", [
    ({"authorities": ["north-county"]}, ("north-county",)),
    ({"authorities": "south-borough"}, ("south-borough",)),                            # one value
    ({"authorities": ["b", "a", "b "]}, ("a", "b")),                                   # sorted, trimmed, once
    ({"authorities": ["../etc", "", "x y", "-lead", 7]}, ()),                          # not usable names
    ({"groups": ["group-north"]}, ("north-county",)),
    ({"groups": ["group-both", "group-unknown"]}, ("north-county", "south-borough")),
    ({"groups": ["north-county"]}, ()),                                                # groups are looked up only
    ({"email": "Bob@SOUTH.gov.uk"}, ("south-borough",)),                               # a domain, any case
    ({"email": "ann@partner.org.uk"}, ("north-county",)),                              # one address
    ({"email": "eve@partner.org.uk"}, ()),
    ({"email": "ann@partner.org.uk", "authorities": ["south-borough"]}, ("north-county", "south-borough")),
    ({"roles": ["Dashboard.Officer"]}, ()),
    ({}, ()),
])
def test_claims_and_email_give_the_authorities(claims, expected):
    assert authorities_from_claims(claims, TABLE) == expected


def test_the_shipped_table_reads_the_authorities_claim_and_maps_nothing_else():
    table = roles_config()["authorities"]
    assert table["named_by"] == ["authorities"] and table["read"] == ["groups"]
    assert authorities_from_claims({"authorities": ["north-county"], "groups": ["any"]}) == ("north-county",)


def test_a_person_of_no_authority_gets_no_role_only_where_authorities_matter():
    claims = {"email": "o@example.gov.uk", "roles": ["Dashboard.Officer"]}
    assert signed_in_viewer(claims).roles == {"officer"}                      # one folder: nothing changes
    nobody = signed_in_viewer(claims, per_authority=True)
    assert nobody.roles == frozenset() and nobody.without_authority and nobody.who == "o@example.gov.uk"
    placed = signed_in_viewer({**claims, "authorities": ["a"]}, per_authority=True)
    assert placed.roles == {"officer"} and placed.authorities == ("a",) and not placed.without_authority
