"""Sign-in with Streamlit's own OpenID Connect (``st.login``, ``st.user``, ``st.logout``; the
provider is ``[auth]`` in .streamlit/secrets.toml, docs/sign-in.md): who the viewer is, the
sign-in page a signed-out viewer gets, and the account page (who you are, your roles, sign out).

Whether sign-in is required is ``[auth] required`` in config/settings.toml. Not required: nobody
signs in and the viewer has config/roles.toml ``[unsigned]`` roles. Required: a signed-in person has
the roles their ID token's claims give (settings/roles.py); anyone else has none, so the router
registers only the sign-in page and the pages open to everyone. Required but with no ``[auth]`` in
the secrets, the sign-in page says plainly how to set it up instead of failing.

With the PostgreSQL store (``IMPROVEMENT_DATABASE_URL``) a signed-in person also belongs to
authorities (settings/roles.py ``authorities_from_claims``); one who belongs to none gets no role, and
the account page says why. ``authority`` is the one whose store this run opens: the viewer's only one,
or the one chosen in the selector ``authority_selector`` draws above the page when they have several
(kept in the session, never taken from the address); nobody signed in has the server's
``IMPROVEMENT_AUTHORITY``. Without a database it is None: one data folder, one authority.
"""
from __future__ import annotations

import streamlit as st

from settings.roles import Viewer, role_words, signed_in_viewer, signed_out_viewer, unsigned_viewer
from settings.config import load_settings as settings
from store.pg_schema import from_environment
from ui.widgets import plain

SIGN_IN_PATH, ACCOUNT_PATH = "sign-in", "account"
SIGN_IN_TITLE, ACCOUNT_TITLE = "Sign in", "Your account"
AUTHORITY_KEY = "_authority_choice"     # session state: the authority a person of several chose
SETUP = ("Sign-in is required on this site, but it is not set up yet: the server's "
         "`.streamlit/secrets.toml` has no `[auth]` section naming the organisation's sign-in provider. "
         "The team that runs the dashboard sets it up as `docs/sign-in.md` says (Microsoft Entra ID, or any "
         "OpenID Connect provider), or sets `required = false` under `[auth]` in `config/settings.toml` "
         "to publish the edition without sign-in.")


def configured() -> bool:
    """Whether the secrets name a sign-in provider (``[auth]`` with its redirect address)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets file at all: not configured
        return False
    return bool(section) and "redirect_uri" in section and "cookie_secret" in section


def viewer() -> Viewer:
    """Who is looking at this run (settings/roles.py ``Viewer``)."""
    if not settings().auth_required:
        return unsigned_viewer()
    user = st.user
    if user.get("is_logged_in") is True:
        return signed_in_viewer(user.to_dict(), per_authority=from_environment() is not None)
    return signed_out_viewer()


def authorities(who: Viewer) -> tuple[str, ...]:
    """The authorities whose store ``who`` may open: () without a database; nobody signed in, the
    server's (``IMPROVEMENT_AUTHORITY``); signed in, their own (none: nothing to open)."""
    database = from_environment()
    if database is None:
        return ()
    return who.authorities if who.signed_in else (database.authority,)


def authority(who: Viewer | None = None) -> str | None:
    """The authority whose store this run opens (module docstring). A choice in the session that is
    not one of the viewer's own is ignored. Raises PermissionError for a signed-in viewer of none
    (their roles are withheld, so no page that reads data runs for them)."""
    if from_environment() is None:
        return None
    own = authorities(who or viewer())
    if not own:
        raise PermissionError("This account belongs to no authority on this service.")
    chosen = st.session_state.get(AUTHORITY_KEY)
    return chosen if chosen in own else own[0]


def authority_selector(who: Viewer) -> None:
    """For a person of several authorities: which one's data the pages show (first: the first by name)."""
    own = authorities(who)
    if len(own) > 1:
        if st.session_state.get(AUTHORITY_KEY) not in own:
            st.session_state[AUTHORITY_KEY] = own[0]
        st.selectbox("Authority", own, key=AUTHORITY_KEY,
                     help="You belong to several authorities: the pages show the data of the one chosen here.")


def account_page_spec(who: Viewer) -> dict | None:
    """The sign-in page for a signed-out viewer, the account page for a signed-in one (its source,
    title, icon and url path, as st.Page takes them); None when sign-in is not required."""
    if not settings().auth_required:
        return None
    if not who.signed_in:
        return {"source": sign_in_page, "title": SIGN_IN_TITLE, "icon": ":material/login:", "url_path": SIGN_IN_PATH}
    return {"source": lambda: account_page(who), "title": ACCOUNT_TITLE, "icon": ":material/account_circle:",
            "url_path": ACCOUNT_PATH}


def sign_in_page() -> None:
    st.title(SIGN_IN_TITLE)
    if not configured():
        st.warning(SETUP, icon=":material/lock:")
        return
    st.markdown("This dashboard shows each person the pages their role allows: the improvement board, the "
                "scrutiny committee, officers and staff. Sign in with your organisation account to continue.")
    if st.button("Sign in with your organisation account", type="primary", key="sign_in"):
        st.login()
    st.markdown("The accessibility statement is open to everyone, signed in or not.")


def account_page(who: Viewer) -> None:
    st.title(ACCOUNT_TITLE)
    st.markdown(f"Signed in as **{plain(who.who or 'an unnamed account')}**.")
    if who.without_authority:
        st.warning("Your account belongs to no authority on this service, so it shows you no data. Ask the team "
                   "that runs the dashboard to add your account to your authority (config/roles.toml "
                   "[authorities]).", icon=":material/info:")
    elif who.roles:
        st.markdown("Your roles here: " + ", ".join(sorted(role_words(r) for r in who.roles)) + ".")
        if own := authorities(who):
            st.markdown("Your authorities: " + ", ".join(plain(a) for a in own) + ".")
    else:
        st.warning("Your account has no role on this dashboard yet, so it shows you only the accessibility "
                   "statement. Ask the team that runs the dashboard to give your account one of its app roles "
                   "(improvement board, scrutiny committee, officer, staff).", icon=":material/info:")
    if st.button("Sign out", key="sign_out"):
        st.logout()

