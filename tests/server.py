"""A real `streamlit run` of the app and Debian's Chromium, for the browser tests and benchmarks.

Chromium is /usr/bin/chromium driven by Playwright (never `playwright install`); every request
leaving 127.0.0.1 is refused, so nothing waits on a network that is not there.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
# No network here: refuse every outside request at once rather than wait for DNS to fail.
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit not healthy at {url} after {START_TIMEOUT}s")


@contextlib.contextmanager
def serve(env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    """`streamlit run dashboard/ui/app.py` on a free port: (url, process, log file).

    `env` adds to this process's environment (a store to read, say).
    """
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard/ui/app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    # The log goes to a file, not a pipe nobody reads: a full pipe would block the server.
    with tempfile.NamedTemporaryFile("w+b", prefix="streamlit-", suffix=".log") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc)
            yield url, proc, Path(log.name)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
