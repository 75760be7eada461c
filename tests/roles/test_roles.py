"""The roles exist as groups with exactly their permissions, and can be tried out."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from accounts.roles import (
    ASSESSOR,
    NATIONAL_ADMINISTRATOR,
    NATIONAL_REVIEWER,
    PROVINCIAL_OFFICIAL,
    PROVINCIAL_REVIEWER,
    ROLES,
    VIEWER,
    sync_roles,
)


def codes(role: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_migrate_creates_the_six_roles(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        NATIONAL_ADMINISTRATOR,
        NATIONAL_REVIEWER,
        PROVINCIAL_OFFICIAL,
        PROVINCIAL_REVIEWER,
        VIEWER,
        ASSESSOR,
    }
    assert len(ROLES) == 6


def test_only_national_roles_work_in_every_province_and_only_reviewers_publish(db):
    for role in [NATIONAL_ADMINISTRATOR, NATIONAL_REVIEWER, VIEWER]:
        assert "accounts.work_in_all_provinces" in codes(role)
    for role in [PROVINCIAL_OFFICIAL, PROVINCIAL_REVIEWER]:
        assert "accounts.work_in_all_provinces" not in codes(role)

    publishers = {role.name for role in ROLES if "products.publish_product" in codes(role.name)}
    assert publishers == {NATIONAL_ADMINISTRATOR, NATIONAL_REVIEWER}


def test_the_viewer_changes_nothing(db):
    assert {code.split(".")[1].split("_")[0] for code in codes(VIEWER)} <= {"view", "work"}


def test_the_provincial_reviewer_only_reads_and_confirms_results(db):
    actions = {code.split(".")[1].split("_")[0] for code in codes(PROVINCIAL_REVIEWER)}
    assert actions == {"view", "confirm"}


def test_setup_brings_a_tampered_role_back_in_line(db):
    official = Group.objects.get(name=PROVINCIAL_OFFICIAL)
    expected = codes(PROVINCIAL_OFFICIAL)
    official.permissions.clear()
    official.permissions.add(*Group.objects.get(name=NATIONAL_ADMINISTRATOR).permissions.all())

    output = io.StringIO()
    call_command("setup_roles", stdout=output)

    assert codes(PROVINCIAL_OFFICIAL) == expected
    assert "Provincial official:" in output.getvalue()


def test_a_role_naming_an_unknown_permission_fails_loudly(db, monkeypatch):
    from accounts import roles

    broken = roles.Role("Broken", "", (("products.product", "frobnicate"),))
    monkeypatch.setattr(roles, "ROLES", [broken])
    with pytest.raises(CommandError, match=r"products\.frobnicate_product"):
        call_command("setup_roles", stdout=io.StringIO())


def test_demo_officials_are_created_with_their_roles(db, settings):
    from tests.factories import ProvinceFactory

    settings.DEBUG = True
    ProvinceFactory(code="21", name_en="Takeo")
    output = io.StringIO()

    call_command("create_demo_officials", stdout=output)

    from django.contrib.auth import get_user_model

    official = get_user_model().objects.get(username="demo-takeo-official")
    assert list(official.groups.values_list("name", flat=True)) == [PROVINCIAL_OFFICIAL]
    assert list(official.province_assignments.values_list("province_id", flat=True)) == ["21"]
    assert "demo-reviewer / " in output.getvalue()
    assert f"{PROVINCIAL_OFFICIAL} in Takeo: demo-takeo-official / " in output.getvalue()
    sync_roles()  # idempotent


def test_demo_officials_are_refused_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("create_demo_officials")
