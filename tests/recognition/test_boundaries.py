"""Recognition sits above the catalogue: it may import products, provinces and portal, and
no app below it imports recognition (only the project's wiring and the demo do)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BELOW = ["accounts", "imports", "portal", "provinces", "products", "forums"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("app", BELOW)
def test_no_app_below_recognition_imports_it(app):
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.py")
        if any(name.split(".")[0] == "recognition" for name in imported_modules(path))
    ]
    assert offenders == []
