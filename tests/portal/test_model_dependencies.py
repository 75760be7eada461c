"""Relations between models point one way too: a model names models of its own app or
of the apps below it, as the import contract orders them (pyproject.toml). A foreign
key by label is not an import, so lint-imports cannot see one pointing up.
"""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]

# Named in docs/decisions/0006-one-way-dependencies.md: who works in, and which changes
# wait in, a province.
KNOWN_UPWARD = {
    "accounts.ProvinceAssignment.province -> provinces.Province",
    "accounts.HistoricalProvinceAssignment.province -> provinces.Province",
    "review.Revision.province -> provinces.Province",
    "review.HistoricalRevision.province -> provinces.Province",
}


def layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"][0]["layers"]


def upward_relations() -> set[str]:
    """Every relation from a model of ours to a model of an app above its own."""
    height = {app: len(layers()) - position for position, app in enumerate(layers())}
    found = set()
    for model in apps.get_models(include_auto_created=True):
        own = model._meta.app_label
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            target = field.related_model._meta.app_label
            if own in height and target in height and height[target] > height[own]:
                found.add(f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}")
    return found


def test_no_model_names_a_model_of_an_app_above_its_own():
    assert upward_relations() == KNOWN_UPWARD


def test_the_gazetteer_names_no_model_above_it():
    assert not [relation for relation in upward_relations() if relation.startswith("provinces.")]
