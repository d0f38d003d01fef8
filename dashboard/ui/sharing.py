"""The sidebar's "share" button: where the deployment names an inbox (DASHBOARD_PUBLISH_DIR),
an analyst may copy this session's uploads there for every session to see after the next
ingest. Without that setting there is no button, and uploads stay in their session."""

from __future__ import annotations

import os

import streamlit as st

from dashboard.publishing import PUBLISH_ENV, publish
from dashboard.ui import state
from dashboard.ui.components import plain


def inbox() -> str | None:
    """The deployment's inbox folder, or None when sharing is off."""
    return os.environ.get(PUBLISH_ENV) or None


def _share(folder: str, files: list) -> None:
    shared: dict[str, str] = st.session_state[state.SHARED]
    errors: dict[str, str] = {}
    for f in files:
        try:
            shared[f.file_id] = publish(folder, f.name, f.getvalue()).name
        except (OSError, ValueError) as e:  # a full disk or an odd name: say so, keep the rest
            errors[f.name] = str(e)
    st.session_state[state.SHARE_ERRORS] = errors


def share_section(files: list) -> None:
    """Notes on what this session shared, and a button sharing the uploads not shared yet."""
    folder = inbox()
    if not folder:
        return
    uploads = st.session_state[state.UPLOADS]
    shared: dict[str, str] = st.session_state[state.SHARED]
    for f in files:
        if f.file_id in shared:
            st.caption(
                f":material/group: {plain(f.name)} shared; every session sees it after "
                "the next ingest"
            )
    for name, reason in st.session_state[state.SHARE_ERRORS].items():
        st.error(f"{plain(name)}: not shared: {plain(reason)}")
    ready = [f for f in files if f.file_id in uploads and f.file_id not in shared]
    if ready:
        st.button(
            f"Share {len(ready)} upload{'s' if len(ready) > 1 else ''} with everyone",
            on_click=_share,
            args=(folder, ready),
            help="Copies the files to this deployment's shared inbox; they join the corpus every "
            "analyst reads at its next ingest.",
        )
