"""Dependencies point one way: the contract in pyproject.toml holds for the code as it
is, and breaks as soon as an app imports one above it."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = [
    "ovop", "demo", "showcase", "recognition", "forums", "products", "provinces",
    "review", "imports", "accounts", "portal",
]  # fmt: skip


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_the_contract(tmp_path):
    result = lint_imports(copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_gazetteer_importing_the_catalogue_breaks_the_contract(tmp_path):
    tree = copy_of_the_code(tmp_path)
    models = tree / "provinces" / "models.py"
    models.write_text(models.read_text() + "\nfrom products.models import Product  # upward\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert "provinces.models -> products.models" in result.stdout


def test_recognition_importing_the_showcase_breaks_the_contract(tmp_path):
    # The showcase gathers recognition into the catalogue (stars), so it sits above it.
    tree = copy_of_the_code(tmp_path)
    views = tree / "recognition" / "views.py"
    views.write_text(views.read_text() + "\nfrom showcase.views import HomeView  # upward\n")

    result = lint_imports(tree)

    assert result.returncode != 0
    assert "recognition.views -> showcase.views" in result.stdout


def test_the_review_workflow_importing_the_gazetteer_breaks_the_contract(tmp_path):
    # The gazetteer's communes and villages are reviewed records, so review sits below it.
    tree = copy_of_the_code(tmp_path)
    services = tree / "review" / "services.py"
    upward = "\nfrom provinces.models import Village  # upward\n"
    services.write_text(services.read_text() + upward)

    result = lint_imports(tree)

    assert result.returncode != 0
    assert "review.services -> provinces.models" in result.stdout
