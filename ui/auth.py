"""Sign-in with Streamlit's own OpenID Connect (``st.login``, ``st.user``, ``st.logout``; the
provider is ``[auth]`` in .streamlit/secrets.toml, docs/sign-in.md): who the viewer is, the
sign-in page a signed-out viewer gets, and the account page (who you are, your roles, sign out).

Whether sign-in is required is ``[auth] required`` in config/settings.toml. Not required: nobody
signs in and the viewer has config/roles.toml ``[unsigned]`` roles. Required: a signed-in person has
the roles their ID token's claims give (settings/roles.py); anyone else has none, so the router
registers only the sign-in page and the pages open to everyone. Required but with no ``[auth]`` in
the secrets, the sign-in page says plainly how to set it up instead of failing.
"""
from __future__ import annotations

import streamlit as st

from settings.roles import Viewer, role_words, signed_in_viewer, signed_out_viewer, unsigned_viewer
from settings.config import load_settings as settings
from ui.widgets import plain

SIGN_IN_PATH, ACCOUNT_PATH = "sign-in", "account"
SIGN_IN_TITLE, ACCOUNT_TITLE = "Sign in", "Your account"
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
        return signed_in_viewer(user.to_dict())
    return signed_out_viewer()


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
    if who.roles:
        st.markdown("Your roles here: " + ", ".join(sorted(role_words(r) for r in who.roles)) + ".")
    else:
        st.warning("Your account has no role on this dashboard yet, so it shows you only the accessibility "
                   "statement. Ask the team that runs the dashboard to give your account one of its app roles "
                   "(improvement board, scrutiny committee, officer, staff).", icon=":material/info:")
    if st.button("Sign out", key="sign_out"):
        st.logout()

