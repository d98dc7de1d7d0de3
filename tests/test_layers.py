"""The package's layers, read from every module's imports (``import`` statements anywhere, also
inside functions): a forbidden edge fails here, naming the module and the line.

- ``l10n.checks`` judges text and ``l10n.engines`` makes it: neither imports the other (what both
  need, such as the flags engines write and checks read, lives below them: ``l10n/flags.py``).
- The workflow (extract, merge, translate, memory, release, kit, eval) never imports the checks:
  only the front-ends that show findings do, the CLI (``l10n check``) and the review page.
- Neither checks nor engines import the workflow or a front-end, and no library module imports the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "l10n"
FRONT_ENDS = ("l10n.cli", "l10n.__main__", "l10n.review")
WORKFLOW = ("l10n.translate", "l10n.machine", "l10n.extract", "l10n.merge", "l10n.release", "l10n.kit", "l10n.tm",
            "l10n.quality", "l10n.status", "l10n.state", "l10n.cache", "l10n.models", "l10n.scaffold", "l10n.outputs")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """``(module imported, line)`` for every import in the file, relative ones resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # "from . import rules" imports the module l10n.checks.rules, not only the package.
            found.extend((f"{base}.{alias.name}", node.lineno) for alias in node.names)
            found.append((base, node.lineno))
    return found


def within(module: str, layers: tuple[str, ...]) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def forbidden(source: str, target: str) -> str | None:
    """Why the edge ``source`` -> ``target`` is not allowed, or None."""
    if not target.startswith("l10n"):
        return None
    if within(source, ("l10n.checks",)) and within(target, ("l10n.engines",)):
        return "checks import engines"
    if within(source, ("l10n.engines",)) and within(target, ("l10n.checks",)):
        return "engines import checks"
    if within(target, ("l10n.checks",)) and not within(source, ("l10n.checks", *FRONT_ENDS)):
        return "only the checks themselves and the front-ends (CLI, review) import the checks"
    if within(source, ("l10n.checks", "l10n.engines")) and within(target, WORKFLOW + FRONT_ENDS):
        return "checks and engines sit below the workflow"
    if within(target, ("l10n.cli",)) and not within(source, FRONT_ENDS):
        return "the library never imports the CLI"
    return None


def edges() -> list[tuple[str, str, Path, int]]:
    return [(module_name(path), target, path, line)
            for path in sorted(PACKAGE.rglob("*.py")) for target, line in imports(path)]


def test_no_forbidden_import_edge() -> None:
    bad = [f"{path.relative_to(PACKAGE.parent)}:{line}: {source} -> {target} ({why})"
           for source, target, path, line in edges() if (why := forbidden(source, target))]
    assert bad == []


def test_the_walk_sees_imports_inside_functions_and_relative_ones() -> None:
    found = {(module_name(p), t) for p in PACKAGE.rglob("*.py") for t, _ in imports(p)}
    # the CLI imports the checks inside its `check` command; the checks import their rules relatively.
    assert ("l10n.cli", "l10n.checks") in found and ("l10n.checks", "l10n.checks.rules") in found
    assert ("l10n.checks.rules", "l10n.flags") in found  # ``from ..flags import MASK_FLAG``


@pytest.mark.parametrize(("source", "target"), [
    ("l10n.checks.rules", "l10n.engines.masking"), ("l10n.engines.argos", "l10n.checks"),
    ("l10n.translate", "l10n.checks.language"), ("l10n.quality", "l10n.checks.numbers"),
    ("l10n.engines.argos", "l10n.translate"), ("l10n.translate", "l10n.cli"),
])
def test_each_rule_catches_its_edge(source: str, target: str) -> None:
    assert forbidden(source, target)


@pytest.mark.parametrize(("source", "target"), [
    ("l10n.cli", "l10n.checks"), ("l10n.review.views", "l10n.checks"), ("l10n.checks.rules", "l10n.numbers"),
    ("l10n.translate", "l10n.engines"), ("l10n.checks.rules", "l10n.flags"), ("l10n.engines.masking", "l10n.glossary"),
])
def test_allowed_edges_pass(source: str, target: str) -> None:
    assert forbidden(source, target) is None


MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 50


def test_modules_and_functions_stay_small() -> None:
    """Issue 16's bar for the next engineer: no module over 400 lines, no function over 50."""
    too_big = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MAX_MODULE_LINES:
            too_big.append(f"{path.relative_to(PACKAGE.parent)}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= MAX_FUNCTION_LINES:
                too_big.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.name} is {node.end_lineno - node.lineno + 1} lines")
    assert too_big == []
