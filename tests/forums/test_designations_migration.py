"""Moving the designations from the gazetteer to forums keeps every record.

A database from before the move (model-province designations and demonstration centres
in `provinces`) is migrated forward: its designations, centres and their history are
all there under `forums`, and the content types moved with them, so a permission
granted on the old label and an admin log entry still point at the records.
"""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from forums.models import DemonstrationCentre, ModelProvinceDesignation
from provinces.models import Province

BEFORE = [
    ("provinces", "0009_reviewed_communes_and_villages"),
    ("forums", "0006_khmer_texts_of_events"),
]


def migrate(targets=None):
    """Migrate to `targets` (by default the latest migrations) and return that state's apps."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_the_move(transactional_db):
    """The database as it was before the move; left at the latest migrations whatever
    the test does, so that the next tests find the schema they expect."""
    yield migrate(BEFORE)
    migrate()


def records_before_the_move(old) -> dict:
    """A designation and a centre as the old schema kept them, each with its history."""
    province = old.get_model("provinces", "Province").objects.create(
        code="21", name_en="Takeo", name_km="តាកែវ", slug="takeo"
    )
    district = old.get_model("provinces", "District").objects.create(
        code="2104", name_en="Kiri Vong", name_km="គីរីវង់", slug="kiri-vong", province=province
    )
    forum = old.get_model("forums", "ForumEvent").objects.create(
        title_en="OVOP national forum", slug="ovop-national-forum", kind="national_forum"
    )
    designation = old.get_model("provinces", "ModelProvinceDesignation").objects.create(
        province=province, declared_at=forum, declared_by="The Prime Minister"
    )
    centre = old.get_model("provinces", "DemonstrationCentre").objects.create(
        district=district, focus_en="Palm sugar", designated_at=forum
    )
    now = timezone.now()
    old.get_model("provinces", "HistoricalModelProvinceDesignation").objects.create(
        id=designation.pk,
        province_id="21",
        declared_at_id=forum.pk,
        declared_by="The Prime Minister",
        history_date=now,
        history_type="+",
    )
    old.get_model("provinces", "HistoricalDemonstrationCentre").objects.create(
        id=centre.pk,
        district_id="2104",
        focus_en="Palm sugar",
        designated_at_id=forum.pk,
        history_date=now,
        history_type="~",
        changed_fields="focus_en",
    )
    old_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="provinces", model="modelprovincedesignation"
    )
    official = User.objects.create_user("sokha")
    official.user_permissions.add(
        Permission.objects.get(
            content_type_id=old_type.pk, codename="change_modelprovincedesignation"
        )
    )
    LogEntry.objects.create(
        user=official,
        content_type_id=old_type.pk,
        object_id=str(designation.pk),
        object_repr="Takeo, model province",
        action_flag=CHANGE,
    )
    return {"designation": designation.pk, "centre": centre.pk, "content_type": old_type.pk}


def test_designations_centres_and_their_history_survive_the_move_to_forums(before_the_move):
    old = before_the_move
    table = old.get_model("provinces", "ModelProvinceDesignation")._meta.db_table
    assert table == "provinces_modelprovincedesignation"
    before = records_before_the_move(old)

    migrate()

    designation = ModelProvinceDesignation.objects.get(pk=before["designation"])
    assert designation.province_id == "21"
    assert designation.declared_by == "The Prime Minister"
    assert designation.declared_at.title_en == "OVOP national forum"
    assert Province.objects.get(code="21").model_province_designation == designation
    centre = DemonstrationCentre.objects.get(pk=before["centre"])
    assert (centre.district_id, centre.focus_en) == ("2104", "Palm sugar")
    assert [(h.history_type, h.declared_by) for h in designation.history.all()] == [
        ("+", "The Prime Minister")
    ]
    assert [(h.history_type, h.changed_fields) for h in centre.history.all()] == [
        ("~", "focus_en")
    ]

    # The same content type, now under forums: grants and log entries follow the records.
    content_type = ContentType.objects.get_for_model(ModelProvinceDesignation)
    assert content_type.pk == before["content_type"]
    assert not ContentType.objects.filter(app_label="provinces", model__contains="designation")
    official = User.objects.get(username="sokha")
    assert official.has_perm("forums.change_modelprovincedesignation")
    assert LogEntry.objects.get(user=official).get_edited_object() == designation

    # New records and their history are written to the renamed tables.
    later = ModelProvinceDesignation.objects.create(
        province=Province.objects.create(code="07", name_en="Kampot", name_km="កំពត", slug="kampot")
    )
    assert later.pk != designation.pk
    assert later.history.get().history_type == "+"
