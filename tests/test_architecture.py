"""The shape of the package: no import cycles, no arrows against the data flow, small folders.

The graph counts every import a module makes, at its top or inside a function, except those
under ``if TYPE_CHECKING:``. Importing ``a.b.c`` from outside ``a.b`` also runs ``a/b/__init__``,
so that package counts as imported too: a heavy package ``__init__`` shows up as a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "publisher"
MAX_MODULES_PER_FOLDER = 12

# (importer prefix, imported prefix): arrows that go against the data flow.
FORBIDDEN = (
    ("publisher.load", "publisher.render"),
    ("publisher.load", "publisher.backends"),
    ("publisher.backends", "publisher.load"),
    ("publisher.backends.epub", "publisher.backends.pdf"),
    ("publisher.backends.pdf", "publisher.backends.epub"),
    ("publisher.cache", "publisher.load"),
    ("publisher.render", "publisher.load"),
    ("publisher.render", "publisher.backends"),
)
MODEL_MAY_IMPORT = {"publisher.errors"}


def module_name(path: Path) -> str:
    """``publisher/load/read.py`` → ``publisher.load.read``; a package is its ``__init__``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[tuple[str, list[str]]]:
    """(module, names) for every import statement outside TYPE_CHECKING blocks."""
    found: list[tuple[str, list[str]]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, [alias.name for alias in node.names]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    """Module → the project's modules that importing it runs (see the module docstring)."""
    modules = all_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, names in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if not target.startswith("publisher"):
                continue
            hits = {f"{target}.{n}" for n in names if f"{target}.{n}" in modules}
            hits |= {target} if target in modules else set()
            for hit in set(hits):
                hits |= {a for a in _ancestors(hit) if not (name + ".").startswith(a + ".")}
            graph[name] |= {h for h in hits if h != name and h in modules}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def _inside(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_the_module_graph_has_no_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_arrow_goes_against_the_data_flow() -> None:
    wrong = [
        f"{source} → {target}"
        for source, targets in import_graph().items()
        for target in targets
        for src, dst in FORBIDDEN
        if _inside(source, src) and _inside(target, dst)
    ]
    assert wrong == []


def test_the_model_imports_only_the_standard_library_and_the_errors() -> None:
    assert import_graph()["publisher.model"] <= MODEL_MAY_IMPORT


@pytest.mark.parametrize("folder", sorted({p.parent for p in PACKAGE.rglob("*.py")}))
def test_no_folder_holds_more_than_twelve_modules(folder: Path) -> None:
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= MAX_MODULES_PER_FOLDER, f"{folder}: {len(modules)} modules"


def test_no_library_global_is_changed_at_import_time() -> None:
    """Assignments to another module's attributes at module level (``pydyf.zlib = …``)."""
    offenders = []
    for name, path in all_modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            for stmt in [node, *getattr(node, "body", [])] if isinstance(node, ast.If) else [node]:
                targets = getattr(stmt, "targets", [])
                if any(isinstance(t, ast.Attribute) for t in targets):
                    offenders.append(f"{name}:{stmt.lineno}")
    assert offenders == []
