"""The shape of the code, computed from the source: no import cycles (imports inside functions
included), no module reaching into another's ``_private`` names, no module over 400 lines,
and the layers of docs/architecture.md (services never import a door or the job runner).

Imports under ``if TYPE_CHECKING:`` are not counted: they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("studio", "api", "plugins", "ui")
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node that runs, skipping ``if TYPE_CHECKING:`` bodies."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _package_of(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = _package_of(importer).split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> tuple[set[str], list[str]]:
    """(modules of this project it imports, private names it takes from another module)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    targets: set[str] = set()
    private: list[str] = []
    aliases: dict[str, str] = {}
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            for name in node.names:
                if name.name in MODULES or name.name.partition(".")[0] in PACKAGES:
                    found = _known(name.name)
                    if found:
                        targets.add(found)
                        aliases[name.asname or name.name] = found
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            if source.partition(".")[0] not in PACKAGES:
                continue
            for name in node.names:
                submodule = f"{source}.{name.name}"
                if submodule in MODULES:
                    targets.add(submodule)
                    aliases[name.asname or name.name] = submodule
                    continue
                found = _known(source)
                if found:
                    targets.add(found)
                if name.name.startswith("_") and not name.name.startswith("__") \
                        and found != module:
                    private.append(f"{module} takes {name.name} from {source}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = aliases.get(node.value.id)
            if owner and owner != module and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                private.append(f"{module} uses {owner}.{node.attr}")
    targets.discard(module)
    return targets, private


def _known(name: str) -> str | None:
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


GRAPH = {module: _imports(module) for module in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(GRAPH[node][0]):
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
                found.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return found


def test_the_walk_sees_the_code() -> None:
    assert len(MODULES) > 150
    assert "studio.services.batches" in GRAPH["api.routes.batches"][0]
    assert "studio.jobs.dispatch" in GRAPH["studio.outbox"][0]  # a function-level import


def test_no_import_cycles() -> None:
    cycles = _cycles()
    described = []
    for cycle in cycles:
        members = set(cycle)
        ties = [f"{a} -> {b}" for a in cycle for b in sorted(GRAPH[a][0] & members)]
        described.append(", ".join(ties))
    assert cycles == [], "import cycles:\n" + "\n".join(described)


def test_no_module_takes_another_modules_private_names() -> None:
    taken = [line for _, (_, private) in sorted(GRAPH.items()) for line in private]
    assert taken == []


@pytest.mark.parametrize("layer, forbidden", [
    ("studio.services", ("api", "studio.cli", "studio.jobs", "ui")),
    ("studio", ("api", "ui")),
])
def test_layers_import_downwards(layer: str, forbidden: tuple[str, ...]) -> None:
    wrong = [f"{module} -> {target}"
             for module, (targets, _) in sorted(GRAPH.items())
             if module == layer or module.startswith(layer + ".")
             for target in sorted(targets)
             if any(target == f or target.startswith(f + ".") for f in forbidden)]
    assert wrong == []


def test_no_module_is_over_400_lines() -> None:
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
