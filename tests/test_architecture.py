"""The layout's contracts: no import cycles, and the layers import only downwards.

The import graph is read from the source (every ``import`` statement, lazy ones inside
functions included; imports under ``if TYPE_CHECKING:`` are for the type checker only and are
left out). A second test runs the runtime path in a fresh interpreter and looks at what it
actually imported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "phrasebook"

# What each layer may import (besides itself, the standard library and third-party packages).
# Read it top down: a layer may use the ones listed after it, never the ones before.
LAYERS = {
    "phrasebook.cli": {"*"},
    "phrasebook.translate": {"phrasebook", "phrasebook.book", "phrasebook.catalog",
                             "phrasebook.assist", "phrasebook.tone", "phrasebook.icu",
                             "phrasebook.languages", "phrasebook.model", "phrasebook.errors"},
    # Phrasebook.suggest calls agent assist as Phrasebook.check calls the tone engine, so assist
    # sits below book (given the catalogue, never the book) and validate checks its data.
    "phrasebook.book": {"phrasebook.catalog", "phrasebook.assist", "phrasebook.tone",
                        "phrasebook.icu", "phrasebook.languages", "phrasebook.model",
                        "phrasebook.errors"},
    "phrasebook.assist": {"phrasebook.catalog", "phrasebook.tone", "phrasebook.languages",
                          "phrasebook.model", "phrasebook.errors"},
    "phrasebook.catalog": {"phrasebook.tone.schema", "phrasebook.tone.fold", "phrasebook.icu",
                           "phrasebook.languages", "phrasebook.model", "phrasebook.errors"},
    "phrasebook.tone": {"phrasebook.model", "phrasebook.errors"},
    "phrasebook.icu": {"phrasebook.languages", "phrasebook.errors"},
    "phrasebook.languages": {"phrasebook.errors"},
    "phrasebook.model": {"phrasebook.icu", "phrasebook.errors"},
    "phrasebook.errors": set(),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The phrasebook modules that ``name`` imports, lazily or not."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return result


def layer_of(name: str) -> str | None:
    for layer in sorted(LAYERS, key=len, reverse=True):
        if name == layer or name.startswith(layer + "."):
            return layer
    return None


def test_the_graph_is_read() -> None:
    edges = graph()
    assert "phrasebook.catalog.store" in edges["phrasebook.book"]
    assert "phrasebook.icu" in edges["phrasebook.model"]  # a lazy import inside a method


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layers_import_only_downwards() -> None:
    wrong = []
    for name, targets in graph().items():
        layer = layer_of(name)
        if layer is None or "*" in LAYERS[layer]:
            continue
        for target in targets:
            version = target == "phrasebook" and layer == "phrasebook.translate"  # __version__
            if layer_of(target) == layer or version:
                continue
            allowed = LAYERS[layer]
            if not any(target == a or target.startswith(a + ".") for a in allowed):
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_every_module_has_a_layer() -> None:
    unplaced = [n for n in modules() if n != "phrasebook" and n != "phrasebook.__main__"
                and layer_of(n) is None]
    assert unplaced == []


@pytest.mark.parametrize("forbidden", ["phrasebook.translate", "phrasebook.cli"])
def test_runtime_path_imports_no_tools(forbidden: str) -> None:
    code = (
        "import sys, phrasebook\n"
        "book = phrasebook.load()\n"
        "book.phrases('empathize', 'de', register='formal')\n"
        "phrasebook.check('Das geht nicht.', 'de')\n"
        "phrasebook.render('{n, plural, one {# Tag} other {# Tage}}', 'de-CH', n=2)\n"
        "book.phrase('thank.patience', 'en').render()\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120)
    loaded = result.stdout.split()
    assert "phrasebook.tone.engine" in loaded
    assert [m for m in loaded if m == forbidden or m.startswith(forbidden + ".")] == []
