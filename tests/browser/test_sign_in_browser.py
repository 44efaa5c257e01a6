"""Sign-in in a real browser (issue 19): Debian's Chromium signs in through Streamlit's own
``st.login`` against a real OpenID Connect provider process (oidc-provider-mock on a free port, its
users carrying Entra-style ``roles`` claims), the app started with a test secrets.toml pointing at
it and sign-in required. An officer and a staff member each see only their pages in the top bar;
the staff member's address to an officer page gets the notice; the Data page offers the original's
download to the officer only, and the download is in the audit trail with the officer's email.
AUTH_SHOTS=/a/folder keeps screenshots of the flow at 1366 and 390 px wide."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import oidc_provider_mock  # noqa: F401  - a missing provider fails the suite, it never skips
import pytest

from exports.templates import template_xlsx
from store.intake import check_upload, keep
from store.interface import open_store
from tests.browser.axe_check import scan
from tests.browser.driving import open_page, page_problems, settle
from tests.local_server import free_port, stop, wait_healthy

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
USERS = {
    "olive": {"email": "olive.officer@example.gov.uk", "name": "Olive Officer", "roles": ["Dashboard.Officer"]},
    "sam": {"email": "sam.staff@example.gov.uk", "name": "Sam Staff", "roles": ["Dashboard.Staff"]},
}
OFFICER_PAGES = {"Overview", "Culture", "Partnership", "Governance", "Comments", "Scrutiny", "Staff results", "Data",
                 "Accessibility statement", "Your account"}
STAFF_PAGES = {"Overview", "Staff results", "Accessibility statement", "Your account"}
SHOTS = os.environ.get("AUTH_SHOTS", "")


def _wait_provider(url: str, proc: subprocess.Popen, tries: int = 150) -> None:
    for _ in range(tries):
        if proc.poll() is not None:
            raise RuntimeError(f"the OpenID Connect provider exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the OpenID Connect provider did not start")


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """A real OIDC provider process on 127.0.0.1 with the two users."""
    port = free_port()
    claims = [["--user-claims", json.dumps({"sub": sub, **c})] for sub, c in USERS.items()]
    log = open(tmp_path_factory.mktemp("oidc") / "provider.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port),
                             *[a for pair in claims for a in pair]], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_provider(url, proc)
        yield url
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def signed_app(provider, tmp_path_factory):
    """The dashboard, sign-in required, its secrets pointing at the provider; a copy of the sample
    data with one stored upload (an original to offer)."""
    base = tmp_path_factory.mktemp("signed-app")
    folder = base / "data"
    shutil.copytree(ROOT / "data" / "sample", folder)
    checked = check_upload(template_xlsx("actions"), "tracker_2025-01-10.xlsx", folder, kind="actions",
                           metadata={"snapshot_date": "2025-01-10"})
    keep(open_store(folder), checked, by="uploader@example.gov.uk")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = base / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        'cookie_secret = "a-test-only-cookie-secret-0123456789"\n'
        'client_id = "improvement-dashboard"\n'
        'client_secret = "a-test-only-client-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    env = {**os.environ, "IMPROVEMENT_EDITION": "full", "IMPROVEMENT_AUTH_REQUIRED": "true",
           "IMPROVEMENT_DATA_DIR": str(folder)}
    with open(base / "streamlit.log", "w") as handle:
        proc = subprocess.Popen([sys.executable, str(ROOT / "server.py"), "--server.address", "127.0.0.1",
                                 "--server.port", str(port), "--server.headless", "true",
                                 "--secrets.files", str(secrets)],
                                cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env)
    try:
        wait_healthy(url, proc)
        yield url, folder
    finally:
        stop(proc)


def shot(page, name: str, heading: str | None = None) -> None:
    """A screenshot of the flow at 1366 and 390 px wide (AUTH_SHOTS), the viewport put back after."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(400)
        if heading:
            page.get_by_role("heading", name=heading).scroll_into_view_if_needed()
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=False)
    page.set_viewport_size(size)
    page.wait_for_timeout(800)        # the top bar measures again which sections fit


def sign_in(browser, url: str, sub: str, screenshots: bool = False):
    """A new browser context signed in as ``sub`` through the app's button and the provider's form."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    open_page(page, url, "")
    assert page.locator("h1").first.inner_text().strip() == "Sign in"
    if screenshots:
        shot(page, "1-sign-in")
    page.get_by_role("button", name="Sign in with your organisation account").click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
    if screenshots:
        shot(page, "2-provider")
    page.locator(f'button[name="sub"][value="{sub}"]').click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    page.wait_for_selector("h1", timeout=60_000)
    settle(page)
    return context, page


def top_bar(page) -> set[str]:
    nav = page.get_by_test_id("stTopNav")
    offered = set()
    for section in nav.get_by_test_id("stTopNavSection").all():
        section.click()
        links = page.get_by_test_id("stTopNavDropdownLink")
        links.first.wait_for(state="visible", timeout=10_000)
        offered |= {t.strip().splitlines()[-1] for t in links.all_inner_texts()}
        page.keyboard.press("Escape")
        links.first.wait_for(state="hidden", timeout=10_000)
    return offered | {t.strip() for t in nav.get_by_test_id("stTopNavLink").all_inner_texts()}


def test_signed_out_sees_the_sign_in_page_and_no_data(browser, signed_app):
    url, _ = signed_app
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    failures = []
    for path in ("", "data", "comments"):
        open_page(page, url, path)
        assert page.locator("h1").first.inner_text().strip() in {"Sign in", "Sign in to see this page"}
        assert page.get_by_role("button", name="Download the original").count() == 0
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert page_problems(page) == []
        failures += scan(page, f"signed out /{path}")
    assert failures == [], "\n".join(failures)
    context.close()


def test_an_officer_signs_in_sees_every_page_and_downloads_an_original(browser, signed_app, tmp_path):
    url, folder = signed_app
    context, page = sign_in(browser, url, "olive", screenshots=True)
    assert page.locator("h1").first.inner_text().strip() == "Overview"
    assert top_bar(page) == OFFICER_PAGES         # before a screenshot narrows the window
    shot(page, "3-officer-overview")
    open_page(page, url, "data")
    assert page.locator("h1").first.inner_text().strip() == "Data" and page_problems(page) == []
    shot(page, "4-officer-data", heading="Uploaded files")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the original").click()
    download.value.save_as(tmp_path / "original.xlsx")
    store = open_store(folder)
    [entry] = store.entries()
    assert (tmp_path / "original.xlsx").read_bytes() == store.original_bytes(entry)     # byte for byte
    settle(page)
    trail = [(c.action, c.by, c.file) for c in open_store(folder).audit_trail()]
    assert ("original downloaded", "olive.officer@example.gov.uk", "tracker_2025-01-10.xlsx") in trail
    open_page(page, url, "data")
    assert "Original downloaded" in page.locator("body").inner_text()
    shot(page, "5-officer-audit-trail", heading="Audit trail")
    context.close()


def test_a_staff_member_sees_only_staff_pages_and_no_original(browser, signed_app):
    url, folder = signed_app
    before = len(open_store(folder).audit_trail())
    context, page = sign_in(browser, url, "sam")
    assert top_bar(page) == STAFF_PAGES
    for path in ("data", "comments", "governance"):
        open_page(page, url, path)
        assert page.locator("h1").first.inner_text().strip() == "This page is not open to your account"
        assert page.get_by_role("button", name="Download the original").count() == 0
        assert page.locator('[data-testid="stFileUploader"]').count() == 0 and page_problems(page) == []
        if path == "data":
            shot(page, "6-staff-notice")
    assert "Owner" not in page.locator("body").inner_text()
    assert len(open_store(folder).audit_trail()) == before
    open_page(page, url, "account")
    assert "sam.staff@example.gov.uk" in page.locator("body").inner_text().replace("\u2060", "")   # no autolink
    assert "Staff" in page.get_by_text("Your roles here").inner_text()
    shot(page, "7-staff-account")
    failures = scan(page, "the account page")
    assert failures == [], "\n".join(failures)
    page.get_by_role("button", name="Sign out").click()       # st.logout: the provider's end of session
    page.wait_for_url("**/oauth2/end_session**", timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    open_page(page, url, "staff-results")
    assert page.locator("h1").first.inner_text().strip() == "Sign in to see this page"
    context.close()
