"""Uploads an analyst chooses to share with every session of a hosted deployment.

Sessions never write to the shared store (replicas read it, one ingest job writes it). A shared
upload is copied instead into the deployment's inbox folder, and the next
`python -m dashboard ingest INBOX --store FILE` adds it for everyone. Inbox names are made here,
never taken from the browser: a sanitised stem, the first characters of the content's SHA-256 (so
two analysts' `report.pdf` do not collide and the same bytes shared twice are one file), and a
suffix from the formats ingest reads.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

from dashboard.ingest import SUFFIXES, FormatError, safe_id

# The inbox folder; sharing is off when unset. A top-level key of the same name in Streamlit
# secrets becomes this environment variable when the app starts.
PUBLISH_ENV = "DASHBOARD_PUBLISH_DIR"
DIGEST_CHARS = 12
STEM_CHARS = 80


def inbox_name(name: str, data: bytes) -> str:
    """The file name an upload called `name` gets in the inbox.

    Raises FormatError for a suffix ingest does not read as a document.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]  # a browser may send a path
    suffix = Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        raise FormatError(f"{suffix or 'no suffix'}: only {', '.join(SUFFIXES)} are shared")
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]
    return f"{safe_id(Path(base).stem)[:STEM_CHARS]}-{digest}{suffix}"


def publish(inbox: str | os.PathLike[str], name: str, data: bytes) -> Path:
    """Copy an upload into `inbox` (created if missing) and return its path there.

    The bytes are written under a hidden temporary name that ingest skips, then renamed, so an
    ingest running meanwhile reads the whole file or nothing of it.
    """
    folder = Path(inbox)
    target = folder / inbox_name(name, data)
    if target.exists():  # the same bytes under the same name: shared already
        return target
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{target.name}.{uuid.uuid4().hex}.part"
    try:
        part.write_bytes(data)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target
