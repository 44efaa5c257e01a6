"""Roles: who a viewer is and which pages and actions their roles allow (config/roles.toml and the
``roles`` of each page in config/pages.toml), read once. Pure: ``ui/auth.py`` hands in what
Streamlit's ``st.user`` says (the ID token's claims) and the router registers ``visible_sections``.

A signed-in person's roles are the roles of every value of the claims ``[claims] read`` found in
``[claim_values]``; a value not listed gives nothing, so an unknown group or app role opens nothing
(fail closed). With sign-in not required nobody signs in and every viewer has ``[unsigned] roles``
and no name. Which downloads a role may have is ``[downloads]`` (``may_download``). A page's ``roles`` may hold ``everyone``: a viewer who has not signed in sees it too
(the accessibility statement).

A signed-in person's authorities (a shared service on PostgreSQL keeps each authority's uploads
apart) are ``authorities_from_claims``: the values of the ``[authorities] named_by`` claims that are
usable authority names, the authorities ``[authorities.claim_values]`` gives the values of the
``read`` claims, and those ``[authorities.emails]`` gives their email (whole, or its ``@domain``).
Sorted, so the first is the same on every run. Where authorities matter (``per_authority``) a
signed-in person with none gets no role at all: they see no data of anybody's (fail closed).
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .config import CONFIG_DIR, page_registry
EVERYONE = "everyone"
OFFICER = "officer"
#: A usable authority name (store/pg_schema.py ``Database`` checks the same).
AUTHORITY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their roles, their name for the audit trail (None: nobody signed in),
    whether they signed in, the authorities they belong to (signed in; sorted) and whether their
    roles were withheld because they belong to none where authorities matter."""
    roles: frozenset[str]
    who: str | None = None
    signed_in: bool = False
    authorities: tuple[str, ...] = ()
    without_authority: bool = False

    def may(self, action: str) -> bool:
        """Whether the viewer's roles allow ``action`` ([may] in config/roles.toml)."""
        return may(action, self.roles)


@lru_cache(maxsize=1)
def roles_config() -> dict:
    """config/roles.toml, checked: every role it gives or allows is one of its [roles]."""
    raw = tomllib.loads((CONFIG_DIR / "roles.toml").read_text(encoding="utf-8"))
    known = set(raw["roles"])
    given = {r for roles in raw["claim_values"].values() for r in roles} | set(raw["unsigned"]["roles"])
    given |= {r for roles in raw["may"].values() for r in roles}
    given |= {r for kind in raw.get("downloads", {}).values() for r in kind["roles"]}
    if unknown := given - known:
        raise ValueError(f"config/roles.toml names roles it does not declare: {sorted(unknown)}")
    check_download_kinds(raw.get("downloads", {}), page_registry())
    return raw


def check_download_kinds(kinds: Mapping[str, Mapping], pages: Mapping[str, Mapping]) -> None:
    """Refuse a download kind for a role that does not see its page (or a page that does not exist)."""
    for name, kind in kinds.items():
        if unseen := set(kind["roles"]) - page_roles(pages.get(kind["page"], {})):
            raise ValueError(f"config/roles.toml [downloads.{name}]: {sorted(unseen)} do not see its page "
                             f"{kind['page']!r} (config/pages.toml)")


def download_kinds() -> dict[str, dict]:
    """config/roles.toml [downloads]: each kind of download a page offers, its page and roles."""
    return roles_config().get("downloads", {})


def may_download(kind: str, roles: Collection[str]) -> bool:
    """Whether any of ``roles`` may have downloads of ``kind``; KeyError for a kind not declared, so
    a button nobody configured is never drawn."""
    return bool(set(roles) & set(download_kinds()[kind]["roles"]))


def role_words(role: str) -> str:
    return roles_config()["roles"].get(role, role)


def roles_from_claims(claims: Mapping[str, object]) -> frozenset[str]:
    """The roles the ID token's claims give (``roles``: Entra app roles; ``groups``: group ids). A
    claim may be one string or a list of them; a value not in [claim_values] gives no role."""
    config = roles_config()
    values = [value for name in config["claims"]["read"] for value in _strings(claims.get(name))]
    return frozenset(r for value in values for r in config["claim_values"].get(value.strip(), ()))


def _strings(claim: object) -> list[str]:
    if isinstance(claim, str):
        return [claim]
    if isinstance(claim, (list, tuple)):
        return [v for v in claim if isinstance(v, str)]
    return []


def who_from_claims(claims: Mapping[str, object]) -> str | None:
    """The name the audit trail keeps for a signed-in person: their email, else name, else subject."""
    for key in ("email", "preferred_username", "name", "sub"):
        if isinstance(value := claims.get(key), str) and value.strip():
            return value.strip()
    return None


def authorities_from_claims(claims: Mapping[str, object], config: Mapping | None = None) -> tuple[str, ...]:
    """The authorities the claims give (module docstring), sorted; ``config`` is config/roles.toml's
    ``[authorities]`` table (default: the file's). Nothing listed or named gives nothing."""
    table = config if config is not None else roles_config().get("authorities", {})
    found = {value.strip() for name in table.get("named_by", ()) for value in _strings(claims.get(name))}
    found = {value for value in found if AUTHORITY_NAME.fullmatch(value)}
    mapped = table.get("claim_values", {})
    found |= {a for name in table.get("read", ()) for value in _strings(claims.get(name))
              for a in mapped.get(value.strip(), ())}
    emails = {key.casefold(): value for key, value in table.get("emails", {}).items()}
    email = claims.get("email")
    if isinstance(email, str) and "@" in email.strip():
        address = email.strip().casefold()
        found |= set(emails.get(address, ())) | set(emails.get("@" + address.rsplit("@", 1)[1], ()))
    return tuple(sorted(a for a in found if AUTHORITY_NAME.fullmatch(a)))


def signed_in_viewer(claims: Mapping[str, object], per_authority: bool = False) -> Viewer:
    """A signed-in person; with ``per_authority`` (the PostgreSQL store) and no authority, no role."""
    authorities = authorities_from_claims(claims)
    if per_authority and not authorities:
        return Viewer(frozenset(), who_from_claims(claims), signed_in=True, without_authority=True)
    return Viewer(roles_from_claims(claims), who_from_claims(claims), signed_in=True, authorities=authorities)


def unsigned_viewer() -> Viewer:
    """The viewer when sign-in is not required: [unsigned] roles, nobody named."""
    return Viewer(frozenset(roles_config()["unsigned"]["roles"]))


def signed_out_viewer() -> Viewer:
    """A viewer who must sign in and has not: no role, so only the pages open to everyone."""
    return Viewer(frozenset())


def may(action: str, roles: Collection[str]) -> bool:
    """Whether any of ``roles`` may do ``action``; an action not in [may] is allowed to nobody."""
    return bool(set(roles) & set(roles_config()["may"].get(action, ())))


def page_roles(page: Mapping[str, object]) -> frozenset[str]:
    """A page's ``roles`` in config/pages.toml; a page that declares none is seen by nobody."""
    return frozenset(page.get("roles", ()))


def may_see(page: Mapping[str, object], roles: Collection[str]) -> bool:
    allowed = page_roles(page)
    return EVERYONE in allowed or bool(allowed & set(roles))


def visible_sections(sections: Mapping[str, Iterable[str]], registry: Mapping[str, Mapping],
                     roles: Collection[str]) -> dict[str, list[str]]:
    """An edition's top-bar sections keeping only the pages ``roles`` may see; empty sections go."""
    kept = {section: [p for p in paths if may_see(registry[p], roles)] for section, paths in sections.items()}
    return {section: paths for section, paths in kept.items() if paths}
