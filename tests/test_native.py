"""The compiled extractors: loaded only when built from the sources on disk; output as Python's."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import native
from dashboard.native_build import compiled_sources, stamp_sources

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]  # ".cpython-311-x86_64-linux-gnu.so"


def _layout(tmp_path: Path) -> tuple[Path, Path]:
    """A project with two sources and a build of one of them, stamped with their digest."""
    root, build = tmp_path / "src", tmp_path / "build"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("from pkg import b\n")
    (root / "pkg" / "b.py").write_text("X = 1\n")
    (build / "pkg" / "sub").mkdir(parents=True)
    (build / "pkg" / f"a{SUFFIX}").write_bytes(b"")
    (build / "pkg" / "sub" / f"c{SUFFIX}").write_bytes(b"")
    (build / "pkg" / "notes.txt").write_text("")
    sources = ["pkg/a.py", "pkg/b.py"]
    stamp = {
        "python": sys.implementation.cache_tag,
        "sources": sources,
        "sha256": native.digest(root, sources),
    }
    (build / native.STAMP).write_text(json.dumps(stamp))
    return root, build


def test_a_build_stamped_with_the_sources_on_disk_is_used(tmp_path: Path) -> None:
    root, build = _layout(tmp_path)
    assert native.built_modules(build, root) == {
        "pkg.a": str(build / "pkg" / f"a{SUFFIX}"),
        "pkg.sub.c": str(build / "pkg" / "sub" / f"c{SUFFIX}"),
    }


def test_an_edited_source_makes_the_build_stale(tmp_path: Path) -> None:
    root, build = _layout(tmp_path)
    (root / "pkg" / "b.py").write_text("X = 2\n")  # not compiled itself, but imported by a
    assert native.built_modules(build, root) == {}


def test_a_deleted_source_no_stamp_or_another_python_make_no_build(tmp_path: Path) -> None:
    root, build = _layout(tmp_path)
    stamp = json.loads((build / native.STAMP).read_text())
    (build / native.STAMP).write_text(json.dumps({**stamp, "python": "cpython-27"}))
    assert native.built_modules(build, root) == {}
    (build / native.STAMP).write_text(json.dumps(stamp))
    (root / "pkg" / "b.py").unlink()
    assert native.built_modules(build, root) == {}
    (build / native.STAMP).unlink()
    assert native.built_modules(build, root) == {}
    assert native.built_modules(tmp_path / "nowhere", root) == {}


def test_the_stamp_covers_every_project_module_the_compiled_ones_import() -> None:
    compiled = compiled_sources()
    assert "dashboard/text.py" in compiled and "dashboard/extract/figures.py" in compiled
    assert "dashboard/extract/__init__.py" not in compiled  # it stays Python
    sources = stamp_sources(compiled)
    assert set(compiled) <= set(sources)
    # imported by the extractors but not compiled: a change to them must make the build stale
    for module in ("lexicon", "model", "gazetteer", "__init__", "native", "extract/__init__"):
        assert f"dashboard/{module}.py" in sources
    assert not [s for s in sources if "/ui/" in s or s.endswith(("store.py", "batch.py"))]


def _extract_in(env: dict[str, str]) -> list:
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "native_child.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def test_the_compiled_build_gives_the_same_mentions_as_python() -> None:
    if not native.built_modules():
        pytest.skip("no compiled build of these sources (`make native`, with a C compiler)")
    if os.environ.get(native.PURE_ENV) == "1":
        pytest.skip(f"{native.PURE_ENV}=1: this run is plain Python")
    import dashboard.extract.figures as figures

    assert native.active(figures), "a fresh build is installed on import"
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    compiled = _extract_in(env)
    pure = _extract_in({**env, native.PURE_ENV: "1"})
    assert compiled[0] is True and pure[0] is False
    assert sum(len(found) for found in compiled[1:]) > 100  # the texts do contain mentions
    assert compiled[1:] == pure[1:]
