"""Imports go one way: no circle between Redline's packages, the faces (CLI, API) are imported by nothing in the
library, and the ground (records, errors, tree walks, progress, queries) imports nothing above it.

Only module-level imports count: an import inside a function or under ``TYPE_CHECKING`` is a deliberate,
lazy one and creates no load-order circle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "redline"
FACES = ("redline.cli", "redline.api")
GROUND = ("redline.records", "redline.errors", "redline.tree", "redline.progress", "redline.queries")


def unit(module: str) -> str:
    """The package (or top-level module) a module belongs to: ``redline.events.rules.x`` -> ``redline.events``."""
    return ".".join(module.split(".")[:2])


def module_imports() -> dict[str, set[str]]:
    """Unit -> units it imports at module level."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        module = ".".join(parts).removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("redline"):
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names if alias.name.startswith("redline")]
            else:
                continue
            edges[unit(module)].update(unit(t) for t in targets if unit(t) != unit(module))
    return edges


def reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def test_no_import_circle_between_packages() -> None:
    edges = module_imports()
    circles = sorted(f"{a} -> {b}" for a in edges for b in edges[a] if a in reachable(edges, b))
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_nothing_in_the_library_imports_a_face() -> None:
    edges = module_imports()
    upward = sorted(
        f"{a} -> {b}"
        for a in edges
        if not a.startswith(FACES) and a != "redline.__main__"
        for b in edges[a]
        if b.startswith(FACES)
    )
    assert not upward, "the library imports a face:\n" + "\n".join(upward)


def test_the_ground_imports_nothing_above_it() -> None:
    edges = module_imports()
    upward = sorted(f"{a} -> {b}" for a in GROUND for b in edges.get(a, ()) if b not in GROUND)
    assert not upward, "a ground module imports a higher layer:\n" + "\n".join(upward)
