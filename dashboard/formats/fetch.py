"""Articles fetched from a URL, when the deployment allows it: off unless DASHBOARD_FETCH=1.

A hosted app that fetches any URL it is given can be made to read its own network (cloud
metadata, databases), so by default only public addresses are fetched; DASHBOARD_FETCH_PRIVATE=1
allows loopback and private ones (a deployment inside an intranet; the tests' local server).
Every redirect is checked the same way. Downloads stop at MAX_BYTES and FETCH_TIMEOUT_SECONDS.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from dashboard.formats import FormatError
from dashboard.formats.limits import FETCH_TIMEOUT_SECONDS, MAX_BYTES

ENV_FETCH = "DASHBOARD_FETCH"
ENV_PRIVATE = "DASHBOARD_FETCH_PRIVATE"
# Content types mapped to the file suffix whose reader takes them.
SUFFIX_OF_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_USER_AGENT = "news-dashboard/0.1 (article reader)"


def fetch_allowed() -> bool:
    """Whether this deployment fetches URLs (DASHBOARD_FETCH=1, true or yes)."""
    return os.environ.get(ENV_FETCH, "").strip().lower() in ("1", "true", "yes")


def _private_allowed() -> bool:
    return os.environ.get(ENV_PRIVATE, "").strip().lower() in ("1", "true", "yes")


def check_url(url: str) -> None:
    """FormatError unless the URL is http(s) to a host this deployment may reach."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FormatError(f"not an http or https URL: {url[:200]!r}")
    if _private_allowed():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise FormatError(f"cannot resolve host {parts.hostname!r}: {e}") from e
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global:
            raise FormatError(
                f"URL host {parts.hostname!r} is a private or local address ({address}); "
                f"set {ENV_PRIVATE}=1 to allow it"
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a URL that passes `check_url`."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> tuple[bytes, str, str]:
    """(body, suffix for its reader, final URL); FormatError when off, refused or failed."""
    if not fetch_allowed():
        raise FormatError(f"fetching URLs is turned off in this deployment (set {ENV_FETCH}=1)")
    check_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise FormatError(f"download of {int(declared):,} bytes is over the limit")
            body = _read_within(response, timeout)
            kind = response.headers.get_content_type()
            final = response.geturl()
    except FormatError:
        raise
    except urllib.error.HTTPError as e:
        raise FormatError(f"the server answered {e.code} {e.reason} for {url[:200]}") from e
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise FormatError(f"could not fetch {url[:200]}: {e}") from e
    return body, SUFFIX_OF_TYPE.get(kind, ""), final


def _read_within(response: object, timeout: float) -> bytes:
    """The body, read in chunks: a server that trickles bytes is cut off at the total timeout."""
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(65536):  # type: ignore[attr-defined]
        size += len(chunk)
        if size > MAX_BYTES:
            raise FormatError(f"download is over the {MAX_BYTES:,}-byte limit")
        if time.monotonic() > deadline:
            raise FormatError(f"download took over {timeout:g} seconds")
        chunks.append(chunk)
    return b"".join(chunks)
