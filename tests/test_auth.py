"""Optional sign-in (dashboard/ui/auth.py) in AppTest: off without [auth], a sign-in page when an
identity provider is configured and the visitor has not signed in, name and "Sign out" after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit
from streamlit.config import get_option
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from dashboard.ui.auth import providers

# A page standing for the dashboard: what it writes must only show to those let in.
SCRIPT = """
import streamlit as st
from dashboard.ui import auth

auth.require_sign_in()
st.write("corpus data")
"""
PROVIDER = {
    "client_id": "dashboard",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-cookie-secret",
    **PROVIDER,
}


def run(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    if secrets is not None:
        at.secrets = secrets
    if user is not None:
        at.user = user
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(t.value for t in at.text)


def button_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_without_an_auth_section_nothing_changes() -> None:
    at = run(secrets={"store": "data/corpus.duckdb"})
    assert not at.exception
    assert "corpus data" in texts(at)
    assert button_labels(at) == []
    assert not at.sidebar.text


@contextmanager
def secrets_files(path: Path) -> Iterator[None]:
    """Streamlit's own secrets object (not AppTest's), reading only `path`."""
    option = {"secrets.files": [str(path)]}
    # patch_config_options patches streamlit.config.get_option; st.get_option is another name
    # for the same function, bound at import, so it is patched beside it.
    with patch_config_options(option), pytest.MonkeyPatch.context() as mp:
        mp.setattr(streamlit, "get_option", lambda key: option.get(key) or get_option(key))
        mp.setattr(streamlit, "secrets", Secrets())
        yield


def test_no_secrets_file_does_not_crash(tmp_path: Path) -> None:
    with secrets_files(tmp_path / "absent" / "secrets.toml"):
        at = run()
    assert not at.exception
    assert "corpus data" in texts(at)
    assert button_labels(at) == []


def test_an_unreadable_secrets_file_keeps_the_app_closed(tmp_path: Path) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text("[auth\nredirect_uri = ", encoding="utf-8")
    with secrets_files(broken):
        at = run()
    assert not at.exception
    assert "corpus data" not in texts(at)
    assert at.error and "cannot be read" in at.error[0].value


def test_configured_but_not_signed_in_shows_only_the_sign_in_page() -> None:
    at = run(secrets={"auth": AUTH}, user={"is_logged_in": False})
    assert not at.exception
    assert "corpus data" not in texts(at)
    assert button_labels(at) == ["Sign in"]
    assert "Sign in" in at.title[0].value
    assert "account" in texts(at)


def test_configured_and_no_login_flag_counts_as_signed_out() -> None:
    # AppTest's default user has an email but no is_logged_in: not a signed-in visitor.
    at = run(secrets={"auth": AUTH})
    assert "corpus data" not in texts(at)
    assert button_labels(at) == ["Sign in"]


def test_sign_in_without_a_usable_provider_says_why() -> None:
    at = run(secrets={"auth": AUTH}, user={"is_logged_in": False})
    at.button(key="sign-in-default").click().run()
    assert not at.exception
    assert at.error and "Sign-in is not available" in at.error[0].value
    assert "corpus data" not in texts(at)


def test_signed_in_users_see_their_name_and_can_sign_out() -> None:
    at = run(secrets={"auth": AUTH}, user={"is_logged_in": True, "name": "Layla Haddad"})
    assert not at.exception
    assert "corpus data" in texts(at)
    assert [t.value for t in at.sidebar.text] == ["Signed in as Layla Haddad"]
    at.sidebar.button(key="sign-out").click().run()
    assert not at.exception
    assert "corpus data" not in texts(at)
    assert button_labels(at) == ["Sign in"]


def test_a_name_is_shown_as_plain_text() -> None:
    name = "<b>Eve</b> [x](javascript:alert(1))"
    at = run(secrets={"auth": AUTH}, user={"is_logged_in": True, "name": name})
    assert [t.value for t in at.sidebar.text] == [f"Signed in as {name}"]
    assert not any("Eve" in m.value for m in at.sidebar.markdown)


def test_named_providers_get_one_button_each() -> None:
    section = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": AUTH["cookie_secret"],
        "okta": PROVIDER,
        "microsoft": PROVIDER,
    }
    at = run(secrets={"auth": section}, user={"is_logged_in": False})
    assert button_labels(at) == ["Sign in with microsoft", "Sign in with okta"]


def test_providers() -> None:
    assert providers(AUTH) == [None]
    assert providers({"redirect_uri": "x", "google": PROVIDER}) == ["google"]
    # No provider at all: the default one, so st.login explains what is missing.
    assert providers({"redirect_uri": "x", "cookie_secret": "y"}) == [None]
