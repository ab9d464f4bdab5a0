"""domain/ and storage/ never import Qt or matplotlib; services never import widgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"
FORBIDDEN = {
    "domain": ("PySide6", "shiboken6", "matplotlib", "desktop_app.ui", "desktop_app.services"),
    "storage": ("PySide6", "shiboken6", "matplotlib", "desktop_app.ui", "desktop_app.services"),
    "services": ("PySide6.QtWidgets", "PySide6.QtGui", "matplotlib", "desktop_app.ui"),
}


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_forbidden_import_statements(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in sorted(imported_names(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offenders == []


def test_importing_domain_and_storage_loads_no_qt_or_matplotlib() -> None:
    modules = [
        "desktop_app." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for layer in ("domain", "storage")
        for p in sorted((PACKAGE / layer).rglob("*.py"))
        if p.name != "__init__.py"
    ]
    script = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'matplotlib'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        cwd=PACKAGE.parent,
    )
    assert done.stdout.strip() == ""
