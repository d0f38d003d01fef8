"""Optional sign-in: visitors sign in with `st.login` when the deployment configures one.

A deployment turns sign-in on by giving an `[auth]` section (an OpenID Connect identity provider)
in Streamlit's secrets; see README, "Hosted deployment". Without one, nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAuthError

# Keys of a provider's own settings: when they sit directly under [auth], that section is the
# default provider (`st.login()`); otherwise each [auth.<name>] sub-section is a provider.
PROVIDER_KEYS = ("client_id", "server_metadata_url")


class SecretsUnreadable(Exception):
    """A secrets file exists but cannot be parsed: whether sign-in is wanted is unknown."""


def auth_section() -> dict[str, Any]:
    """The [auth] section of the deployment's secrets as a dict; {} when there is none.

    Absent secrets files mean no sign-in. A secrets file that exists but cannot be parsed raises
    SecretsUnreadable: it may hold an [auth] section, and a shared app must not open up then.
    """
    # st.secrets is looked up on each call (not imported once) so that AppTest's secrets apply.
    secrets = st.secrets
    if not secrets.load_if_toml_exists():
        present = [p for p in map(Path, st.get_option("secrets.files")) if _holds_something(p)]
        if present:
            raise SecretsUnreadable(", ".join(map(str, present)))
        return {}
    section = secrets.get("auth")
    return _plain(section) if isinstance(section, Mapping) else {}


def _holds_something(path: Path) -> bool:
    """A secrets file, or a non-empty secrets folder (Kubernetes style)."""
    return path.is_file() or (path.is_dir() and any(path.iterdir()))


def _plain(mapping: Mapping) -> dict[str, Any]:
    return {k: _plain(v) if isinstance(v, Mapping) else v for k, v in mapping.items()}


def providers(section: Mapping[str, Any]) -> list[str] | list[None]:
    """The providers a visitor can sign in with: None for the default one, else [auth.<name>]
    names. A section naming none still gets the default, so `st.login` explains what is missing
    instead of the app silently letting everyone in."""
    if any(k in section for k in PROVIDER_KEYS):
        return [None]
    named = [name for name, value in section.items() if isinstance(value, Mapping)]
    return sorted(named) or [None]


def _logged_in() -> bool:
    # st.user holds is_logged_in only when the server sees an [auth] section: a missing key is
    # a visitor who has not signed in.
    return bool(st.user.get("is_logged_in", False))


def _display_name() -> str:
    for key in ("name", "email", "sub"):
        value = st.user.get(key)
        if value:
            return str(value)
    return "signed-in user"


def _sign_in_page(section: Mapping[str, Any]) -> None:
    st.title("Sign in")
    st.write(
        "This dashboard is shared by the analysts of this deployment. Sign in with your "
        "organisation's account to see the documents and to add your own."
    )
    choices = providers(section)
    for provider in choices:
        label = "Sign in" if len(choices) == 1 else f"Sign in with {provider}"
        if st.button(label, key=f"sign-in-{provider or 'default'}", type="primary"):
            try:
                st.login(provider)
            except StreamlitAuthError as e:  # Authlib missing, or the provider misconfigured
                st.error(f"Sign-in is not available: {e}")


def require_sign_in() -> None:
    """Stop the script with a sign-in page unless sign-in is off or the visitor is signed in.

    Signed-in users see their name and a "Sign out" button in the sidebar. Call it once, near
    the top of the entry script, before anything shows corpus data.
    """
    try:
        section = auth_section()
    except SecretsUnreadable as e:
        st.error(f"The deployment's secrets cannot be read ({e}); ask its administrator.")
        st.stop()
    if not section:
        return
    if not _logged_in():
        _sign_in_page(section)
        st.stop()
    with st.sidebar:
        # Plain text: a name from the identity provider is never read as Markdown or HTML.
        st.text(f"Signed in as {_display_name()}")
        st.button("Sign out", key="sign-out", on_click=st.logout)
