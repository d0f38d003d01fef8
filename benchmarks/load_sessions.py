"""Many analysts at once: concurrent browser sessions against one `streamlit run` of the app.

Each session opens the app in its own Chromium browser context (its own cookies and Streamlit
session), uploads a small document it wrote itself (a unique figure in it), filters by the
document's language, and downloads documents.csv and figures.csv. The result keeps each session's
step timings, downloaded bytes and page errors, and the server's peak resident memory. Used by
tests/test_load.py; run by hand for a report (Debian's /usr/bin/chromium, never
`playwright install`):

    .venv/bin/python benchmarks/load_sessions.py --sessions 10

Only visible labels are used ("Add documents", "Languages", "Download <name>.csv", the page links
of the sidebar), so the driver does not depend on how the app stores its data.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.lexicon import language_name  # noqa: E402
from tests.server import CHROMIUM, CHROMIUM_ARGS, OUTSIDE, serve  # noqa: E402

STEP_MS = 120_000  # one step of one session; generous because 2 cores serve every session
LOAD_TIMEOUT_S = 400.0  # every session, start to end
POLL_S = 0.1
IDLE_POLL_MS = 200
OPEN_ATTEMPTS = 4  # tries at opening a multiselect's list
UPLOAD_ATTEMPTS = 3  # tries at giving the uploader its file
LISTED_MS = 20_000  # for the uploader to list a file it was given
UPLOAD_NAME = "field-report.txt"
ERROR_CHARS = 1500  # of an exception's text kept in the report
LOG_CHARS = 4000  # of the server's output kept when a session failed

# Sample documents written for this test (not from any corpus): one sentence with a figure whose
# digits are the session's marker. `{n}` is the marker, `{day}` spreads the publication dates.
TEMPLATES = {
    "en": (
        "date 2025-10-{day:02d}\n"
        "Refinery output report\n\n"
        "The energy ministry said on Tuesday that the coastal refinery processed {n} barrels "
        "per day in September, after repairs to its main distillation unit.\n"
    ),
    "ar": (
        "date 2025-10-{day:02d}\n"
        "تقرير إنتاج المصفاة\n\n"
        "قالت وزارة الطاقة يوم الثلاثاء إن المصفاة الساحلية عالجت {n} برميل يوميا في سبتمبر "
        "بعد إصلاح وحدة التقطير الرئيسية.\n"
    ),
}


@dataclass(frozen=True)
class SessionDoc:
    """What one session uploads: file name, bytes, the marker only it holds, its language."""

    name: str
    data: bytes
    marker: str
    lang: str


@dataclass
class SessionResult:
    """One session's outcome: step timings (seconds), downloads by file name, errors seen."""

    doc: SessionDoc
    started: float = 0.0  # time.monotonic() when the session began and ended
    ended: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    downloads: dict[str, bytes] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """Every session's result, wall time, the server's memory (bytes) before and at peak, and
    the CPU seconds the server and the browser used (where to look when it is slow)."""

    sessions: list[SessionResult]
    wall: float
    rss_idle: int
    rss_peak: int
    server_cpu: float = float("nan")
    browser_cpu: float = float("nan")
    server_log: str = ""  # the end of the server's output, kept when a session failed


def session_document(i: int) -> SessionDoc:
    """Session i's document: English, or Arabic for every third session, with its own marker."""
    lang = "ar" if i % 3 == 2 else "en"
    # Seven digits, distinct per session, none a substring of another, in no seed figure.
    marker = str(6_134_571 + i * 101_013)
    text = TEMPLATES[lang].format(n=marker, day=1 + i % 28)
    # One file name for every session: same name and size, different content, so a cache or
    # store keyed by file name (or size) would hand one session another's document.
    return SessionDoc(UPLOAD_NAME, text.encode("utf-8"), marker, lang)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """The rows of a downloaded CSV (UTF-8, with or without BOM)."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# --- the server and its memory -----------------------------------------------------------------


def rss_bytes(pid: int) -> int:
    """Resident memory of a process now (psutil, else /proc/<pid>/status VmRSS)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except ImportError:
        return _proc_status_kb(pid, "VmRSS") * 1024


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU seconds of these processes so far (psutil; NaN without it)."""
    try:
        import psutil
    except ImportError:
        return float("nan")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
    return total


def _descendants(exclude: int) -> list[int]:
    """This process's descendants (the Playwright driver and Chromium) except `exclude`."""
    try:
        import psutil
    except ImportError:
        return []
    return [p.pid for p in psutil.Process().children(recursive=True) if p.pid != exclude]


def _proc_status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


class MemoryMonitor:
    """Polls a process's RSS in a thread; `peak` is the highest seen (or the kernel's VmHWM)."""

    def __init__(self, pid: int, interval: float = POLL_S) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(Exception):  # the process may be gone at the very end
                self.peak = max(self.peak, rss_bytes(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemoryMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        # The kernel's high-water mark catches a peak between two polls (Linux only).
        with contextlib.suppress(OSError):
            self.peak = max(self.peak, _proc_status_kb(self.pid, "VmHWM") * 1024)


# --- one browser session -----------------------------------------------------------------------


# Streamlit's own test hook: the app root carries the script's run state. A step waits for
# something its own run draws, then for this: the browser handles the server's messages in order,
# so once the run's first element is drawn the app is idle only after the run's end is handled.
# (Counting the attribute's changes instead missed runs: under load the browser may draw a short
# run's start and end in one frame, and the attribute then never leaves "notRunning".)
IDLE = """() => document.querySelector("[data-testid='stApp']")
  ?.getAttribute("data-test-script-state") === "notRunning" """

STATE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const text = sel => [...document.querySelectorAll(sel)].map(e => e.innerText).join(" | ");
  return `script ${app?.getAttribute("data-test-script-state")}, `
    + `status [${text("[data-testid='stStatusWidget']")}], `
    + `alerts [${text("[data-testid='stAlert'], [data-testid$='ErrorMessage']")}], `
    + `sidebar [${document.querySelector("[data-testid='stSidebar']")?.innerText.slice(0, 600)}]`;
}"""


async def _drawn(page, selector: str) -> None:
    """Wait for `selector`, drawn by the run a step caused, or an exception (which fails fast
    and says why), then for the end of that run."""
    await page.wait_for_selector(f"{selector}, [data-testid='stException']", timeout=STEP_MS)
    # Polling every animation frame (the default) would keep ten pages busy drawing.
    await page.wait_for_function(IDLE, polling=IDLE_POLL_MS, timeout=STEP_MS)


async def _state(page) -> str:
    """Where a failed step left the page: script state, runs seen, alerts and sidebar text."""
    try:
        return await asyncio.wait_for(page.evaluate(STATE), 10)
    except Exception as e:
        return f"page state unreadable ({type(e).__name__})"


async def _check_no_exception(page, result: SessionResult, where: str) -> None:
    exceptions = page.locator("[data-testid='stException']")
    if await exceptions.count():
        text = await exceptions.first.inner_text()
        result.errors.append(f"{where}: {text[:ERROR_CHARS]}")


async def _open(page, url: str, result: SessionResult) -> None:
    await page.goto(url, wait_until="domcontentloaded", timeout=STEP_MS)
    await _drawn(page, "h1:has-text('Overview')")
    await _check_no_exception(page, result, "Overview")


async def _go(page, title: str, result: SessionResult) -> None:
    await page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    await _drawn(page, f"h1:has-text('{title}')")
    await _check_no_exception(page, result, title)


async def _upload(page, doc: SessionDoc, result: SessionResult) -> None:
    uploader = page.locator("[data-testid='stFileUploader']", has_text="Add documents")
    listed = uploader.get_by_text(doc.name).first
    # The uploader lists a chosen file at once, before any run; a file given to an input that a
    # redraw then replaced never shows, and is given again (as an analyst would choose it again).
    for attempt in range(UPLOAD_ATTEMPTS):
        await uploader.locator("input[type='file']").set_input_files(
            files=[{"name": doc.name, "mimeType": "text/plain", "buffer": doc.data}],
            timeout=STEP_MS,
        )
        try:
            await listed.wait_for(timeout=LISTED_MS)
            break
        except Exception:
            if attempt == UPLOAD_ATTEMPTS - 1:
                raise
    # The run that follows the upload reads and extracts the document; the sidebar then names
    # it with its language and encoding (the file name alone shows before the run).
    sidebar = page.locator("[data-testid='stSidebar']")
    await sidebar.get_by_text(f"{doc.name} — {doc.lang}").first.wait_for(timeout=STEP_MS)
    await page.wait_for_function(IDLE, polling=IDLE_POLL_MS, timeout=STEP_MS)
    await _check_no_exception(page, result, "upload")


async def _choose(page, label: str, option: str, caption: str, result: SessionResult) -> None:
    """Add `option` to the sidebar multiselect labelled `label`; the run it causes says
    `caption` (e.g. "Filtered — languages: English (en)") under the page's title."""
    widget = page.locator("[data-testid='stMultiSelect']", has_text=label)
    choice = page.get_by_role("option", name=option, exact=True)
    # A rerun drawing the sidebar again closes an open list: open it again, a few times.
    for attempt in range(OPEN_ATTEMPTS):
        await widget.locator("input").first.click()
        try:
            await choice.wait_for(timeout=STEP_MS // OPEN_ATTEMPTS)
            break
        except Exception:
            if attempt == OPEN_ATTEMPTS - 1:
                raise
            await page.keyboard.press("Escape")
    await choice.click(timeout=STEP_MS)
    await page.keyboard.press("Escape")
    await _drawn(page, f"[data-testid='stCaptionContainer']:has-text('{caption}')")
    await _check_no_exception(page, result, label)


async def _download(page, name: str) -> bytes:
    """Click "Download <name>" and return the file's bytes (the rerun it may cause is not
    waited for: the next step waits for its own run)."""
    button = page.get_by_role("button", name=f"Download {name}", exact=True).first
    async with page.expect_download(timeout=STEP_MS) as info:
        await button.click()
    download = await info.value
    return Path(await download.path()).read_bytes()


async def run_session(browser, url: str, doc: SessionDoc) -> SessionResult:
    """Open the app, upload `doc`, filter by its language, download two CSVs; never raises."""
    result = SessionResult(doc)
    context = await browser.new_context(
        viewport={"width": 1000, "height": 700}, reduced_motion="reduce"
    )

    async def refuse(route) -> None:
        await route.abort()

    await context.route(OUTSIDE, refuse)
    page = await context.new_page()
    page.on("pageerror", lambda e: result.errors.append(f"page error: {e}"))
    t0 = last = result.started = time.monotonic()

    def lap(step: str) -> None:
        nonlocal last
        now = time.monotonic()
        result.timings[step] = now - last
        last = now

    step = "open"
    try:
        await _open(page, url, result)
        lap(step)
        step = "upload"
        await _upload(page, doc, result)
        lap(step)
        step = "filter"
        option = language_name(doc.lang)  # the sidebar names a language beside its code
        await _choose(page, "Languages", option, f"Filtered — languages: {option}", result)
        lap(step)
        step = "documents.csv"
        result.downloads[step] = await _download(page, step)
        lap(step)
        step = "figures.csv"
        await _go(page, "Figures", result)
        result.downloads[step] = await _download(page, step)
        lap(step)
    except Exception as e:  # a failed step is recorded, and the other sessions carry on
        state = await _state(page)
        result.errors.append(f"{step}: {type(e).__name__}: {str(e)[:ERROR_CHARS]}; {state}")
    finally:
        result.ended = time.monotonic()
        result.timings["total"] = result.ended - t0
        await context.close()
    return result


async def _run_sessions(
    url: str, docs: list[SessionDoc], server_pid: int
) -> tuple[list[SessionResult], float]:
    """Every session at once in one Chromium: (results, the browser's CPU seconds)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            results = await asyncio.wait_for(
                asyncio.gather(*(run_session(browser, url, d) for d in docs)), LOAD_TIMEOUT_S
            )
            return list(results), cpu_seconds(_descendants(exclude=server_pid))
        finally:
            await browser.close()


def run_load(n_sessions: int = 10) -> LoadResult:
    """Start the app, drive `n_sessions` concurrent sessions, and measure the server."""
    docs = [session_document(i) for i in range(n_sessions)]
    with serve() as (url, proc, log):
        rss_idle = rss_bytes(proc.pid)
        cpu_before = cpu_seconds([proc.pid])
        with MemoryMonitor(proc.pid) as memory:
            t0 = time.monotonic()
            sessions, browser_cpu = asyncio.run(_run_sessions(url, docs, proc.pid))
            wall = time.monotonic() - t0
        server_cpu = cpu_seconds([proc.pid]) - cpu_before
        failed = any(s.errors for s in sessions)
        tail = log.read_text(errors="replace")[-LOG_CHARS:] if failed else ""
    return LoadResult(sessions, wall, rss_idle, memory.peak, server_cpu, browser_cpu, tail)


def problems(result: SessionResult, everyone: list[SessionDoc]) -> dict[str, list[str]]:
    """What went wrong in one session, by kind: "errors" (exceptions, page errors, failed
    steps), "own" (its document or figure missing), "filter" (rows of another language), and
    "leaks" (another session's marker in its downloads)."""
    doc = result.doc
    found: dict[str, list[str]] = {"errors": list(result.errors), "own": [], "filter": []}
    documents = csv_rows(result.downloads.get("documents.csv", b""))
    uploaded = [r for r in documents if any(Path(doc.name).stem in v for v in r.values())]
    if len(uploaded) != 1:
        found["own"].append(f"documents.csv lists {len(uploaded)} uploaded documents, not 1")
    if doc.marker.encode() not in result.downloads.get("figures.csv", b""):
        found["own"].append(f"figures.csv lacks this session's figure {doc.marker}")
    if not documents or any(r.get("lang") != doc.lang for r in documents):
        found["filter"].append(f"documents.csv is empty or holds languages other than {doc.lang}")
    found["leaks"] = [
        f"{name} holds another session's figure {other.marker}"
        for name, data in result.downloads.items()
        for other in everyone
        if other.marker != doc.marker and other.marker.encode() in data
    ]
    return found


def summary(load: LoadResult) -> str:
    """A plain-text report: memory, wall time, and one line of timings per session."""
    mb = 1024 * 1024
    steps = ["open", "upload", "filter", "documents.csv", "figures.csv", "total"]
    lines = [
        f"{len(load.sessions)} concurrent sessions in {load.wall:.1f} s; server RSS "
        f"{load.rss_idle / mb:.0f} MB idle, {load.rss_peak / mb:.0f} MB peak; CPU "
        f"{load.server_cpu:.0f} s server, {load.browser_cpu:.0f} s browser",
        "session lang " + " ".join(f"{s:>13}" for s in steps) + "  errors",
    ]
    for i, s in enumerate(load.sessions):
        cells = " ".join(f"{s.timings.get(k, float('nan')):>12.1f}s" for k in steps)
        lines.append(f"{i:>7} {s.doc.lang:>4} {cells}  {len(s.errors)}")
    totals = sorted(s.timings["total"] for s in load.sessions)
    lines.append(f"session total: median {totals[len(totals) // 2]:.1f} s, max {totals[-1]:.1f} s")
    if load.server_log:
        lines += ["server output (end):", load.server_log]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium")
    os.chdir(ROOT)
    load = run_load(args.sessions)
    print(summary(load))
    everyone = [s.doc for s in load.sessions]
    for i, s in enumerate(load.sessions):
        for kind, found in problems(s, everyone).items():
            for problem in found:
                print(f"session {i} {kind}: {problem}")


if __name__ == "__main__":
    main()
