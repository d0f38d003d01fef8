"""Compile the extractors with mypyc into `.native/`, unless the build there is up to date.

    python -m dashboard.native_build [--force]

The extractors (`dashboard/extract/*.py` but the package's `__init__`) and `dashboard/text.py`
are compiled to C extension modules, which `dashboard/native.py` loads in their place; the
output is the same, byte for byte, and extraction takes about half the instructions.
The stamp lists every source the build read: the compiled files and the project modules they
import, so that a change to any of them makes the build stale.

Without a C compiler this prints a note and exits 0: everything runs as plain Python. A build
that fails with a compiler present exits 1 (it is a defect), and leaves any earlier build as
it was. The new build is made beside the old one and swapped in whole, so a running process
never sees a half-written module.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from dashboard.native import BUILD_DIR, ROOT, STAMP, built_modules, digest

PACKAGE = "dashboard"


def compiled_sources(root: Path = ROOT) -> list[str]:
    """The files to compile, relative to root."""
    extract = sorted(p for p in (root / PACKAGE / "extract").glob("*.py") if p.stem != "__init__")
    return [f"{PACKAGE}/text.py", *(p.relative_to(root).as_posix() for p in extract)]


def _imported(root: Path, rel: str) -> set[str]:
    """Project modules a source imports, as files relative to root."""
    found = set()
    for node in ast.walk(ast.parse((root / rel).read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if name.split(".")[0] != PACKAGE:
                continue
            path = root / Path(*name.split("."))
            for file in (path.with_suffix(".py"), path / "__init__.py"):
                if file.is_file():
                    found.add(file.relative_to(root).as_posix())
    return found


def stamp_sources(compiled: list[str], root: Path = ROOT) -> list[str]:
    """The compiled files and every project module they import, directly or not."""
    seen: set[str] = set()
    todo = list(compiled)
    while todo:
        rel = todo.pop()
        if rel not in seen:
            seen.add(rel)
            todo.extend(_imported(root, rel) - seen)
    return sorted(seen)


def _compiler() -> str | None:
    cc = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(cc)


def _up_to_date(compiled: list[str]) -> bool:
    if not built_modules():
        return False
    stamp = json.loads((BUILD_DIR / STAMP).read_text(encoding="utf-8"))
    return bool(stamp["compiled"] == compiled)


def build(compiled: list[str]) -> Path:
    """Compile into a new folder beside the build and swap it in; the build folder."""
    from mypyc.build import mypycify  # only the build needs mypyc and setuptools
    from setuptools import setup

    new = BUILD_DIR.with_name(BUILD_DIR.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    work = new / "build"
    sources = stamp_sources(compiled)
    stamp = {
        "python": sys.implementation.cache_tag,
        "compiled": compiled,
        "sources": sources,
        "sha256": digest(ROOT, sources),
    }
    log = io.StringIO()
    cwd = Path.cwd()
    os.chdir(ROOT)  # mypyc names modules by their paths
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            modules = mypycify(
                compiled, opt_level="3", group_name=f"{PACKAGE}._native", target_dir=str(work)
            )
            setup(
                name="dashboard-native",
                packages=[],
                py_modules=[],
                ext_modules=modules,
                script_args=["-q", "build_ext", "-b", str(new), "-t", str(work)],
            )
    except (Exception, SystemExit) as exc:
        sys.stderr.write(log.getvalue()[-4000:])
        raise RuntimeError(f"native build failed: {exc}") from exc
    finally:
        os.chdir(cwd)
    shutil.rmtree(work)
    (new / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    old = BUILD_DIR.with_name(BUILD_DIR.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if BUILD_DIR.exists():
        BUILD_DIR.rename(old)
    new.rename(BUILD_DIR)
    shutil.rmtree(old, ignore_errors=True)  # a process that loaded an old module keeps its inode
    return BUILD_DIR


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboard.native_build", description=__doc__)
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = ap.parse_args(argv)
    compiled = compiled_sources()
    if not args.force and _up_to_date(compiled):
        print("compiled extractors: up to date")
        return 0
    if _compiler() is None:
        print("compiled extractors: no C compiler found; extraction runs as plain Python")
        return 0
    print(f"compiled extractors: building {len(compiled)} modules with mypyc (a few minutes)")
    try:
        build(compiled)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"compiled extractors: built into {BUILD_DIR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
