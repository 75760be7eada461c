"""The export of score sheets is a score file: imported back by its assessor, it changes
nothing."""

import pytest
from django.urls import reverse

from imports.definitions import ImportOptions, get_definition
from imports.services import run_import
from tests.recognition.test_import import file_of, rows_for

pytestmark = pytest.mark.django_db


def test_an_export_of_score_sheets_imports_back_unchanged(client, entry, people):
    scores = get_definition("scores")
    given = run_import(
        scores,
        file_of(*rows_for(entry, ("35", "20.5", "30"))),
        "scores.csv",
        options=ImportOptions(editor=people.assessor),
    )
    assert given.created == 3
    client.force_login(people.administrator)
    fields = {"format": "0", "resource": "0"}
    fields.update({f"scoreresource_{name}": "on" for name in scores.column_names})

    exported = client.post(reverse("admin:recognition_scoresheet_export"), fields).content
    lines = exported.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(scores.column_names)
    assert len(lines) == 4

    again = run_import(
        scores, exported, "export.csv", options=ImportOptions(editor=people.assessor)
    )

    assert again.ok, [str(problem) for problem in again.problems]
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
