"""The compiled build of the extractors: used only when it was built from the sources on disk.

`python -m dashboard.native_build` (run by `make run` and `make test`) compiles the extractors
and `dashboard/text.py` to C extension modules with mypyc, into `.native/`, with a stamp: the
SHA-256 of every source file the build read. On import, `dashboard` installs a finder that
loads those modules instead of the `.py` files only when the stamp still matches the sources,
so an edited source is never shadowed by an older binary: until the next build, the edited
package runs as plain Python, with the same output, only slower.

DASHBOARD_PURE_PYTHON=1 turns the compiled build off (to debug, or to compare the two).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Iterable, Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / ".native"
STAMP = "stamp.json"
PURE_ENV = "DASHBOARD_PURE_PYTHON"


def digest(root: Path, files: Iterable[str]) -> str:
    """SHA-256 over the files (paths relative to root) and their bytes, in the order given."""
    h = hashlib.sha256()
    for rel in files:
        h.update(rel.encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return h.hexdigest()


def built_modules(build: Path = BUILD_DIR, root: Path = ROOT) -> dict[str, str]:
    """Module name -> extension file of a build that matches the sources, else {}."""
    try:
        stamp = json.loads((build / STAMP).read_text(encoding="utf-8"))
        if stamp["python"] != sys.implementation.cache_tag:
            return {}
        if digest(root, stamp["sources"]) != stamp["sha256"]:
            return {}  # a source changed since the build
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no build, or one from another layout
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    modules = {}
    for path in build.rglob("*"):
        if path.name.endswith(suffixes):
            rel = path.relative_to(build)
            stem = rel.name[: rel.name.index(".")]
            modules[".".join((*rel.parent.parts, stem))] = str(path)
    return modules


class BuiltFinder:
    """A meta path finder that loads the named modules from their extension files."""

    def __init__(self, modules: dict[str, str]) -> None:
        self.modules = modules

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.modules.get(name)
        return importlib.util.spec_from_file_location(name, file) if file else None


def install() -> bool:
    """Put the compiled build first on the import path if it matches the sources; True if so."""
    if os.environ.get(PURE_ENV) == "1":
        return False
    if any(isinstance(f, BuiltFinder) for f in sys.meta_path):
        return True
    modules = built_modules()
    if not modules:
        return False
    sys.meta_path.insert(0, BuiltFinder(modules))
    return True


def active(module: ModuleType) -> bool:
    """Whether this imported module is the compiled one."""
    return str(getattr(module, "__file__", "")).endswith(
        tuple(importlib.machinery.EXTENSION_SUFFIXES)
    )
