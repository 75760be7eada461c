"""Whatever text an admin URL carries where a key belongs, the answer is a page or a 404,
never a server error."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import VIEWER
from portal.admin import HistoryAdmin

HISTORY_ADMINS = [
    pytest.param(model_admin, id=model._meta.label_lower)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, SimpleHistoryAdmin)
]
NOT_A_KEY = ["abc", "99999999999999999999999"]


def test_every_history_admin_only_reads_past_versions():
    for param in HISTORY_ADMINS:
        assert isinstance(param.values[0], HistoryAdmin), param.id


@pytest.fixture
def viewer_client(client, make_official):
    client.force_login(make_official(VIEWER))
    return client


@pytest.mark.parametrize("model_admin", HISTORY_ADMINS)
@pytest.mark.parametrize("version", NOT_A_KEY)
def test_a_history_version_that_is_no_key_answers_404(viewer_client, model_admin, version):
    opts = model_admin.model._meta
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=["1"])

    assert viewer_client.get(f"{history}{version}/").status_code == 404
    assert viewer_client.get(history.replace("/1/", "/abc/") + "1/").status_code == 404


def test_every_autocomplete_field_shows_a_posted_non_key_as_an_error_not_a_failure():
    from portal.sites import SafeAutocompleteMixin

    for model_admin in admin.site._registry.values():
        assert isinstance(model_admin, SafeAutocompleteMixin), type(model_admin).__name__
        for inline in model_admin.inlines:
            if inline.autocomplete_fields:
                assert issubclass(inline, SafeAutocompleteMixin), inline.__name__


def test_an_event_form_posted_with_a_non_key_for_an_autocomplete_is_a_form_error(admin_client):
    from tests.factories import ProvinceFactory

    inlines = {
        f"{prefix}-{count}": 0
        for prefix in ("organisations", "participants", "action_plans")
        for count in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    response = admin_client.post(
        reverse("admin:forums_forumevent_add"),
        {
            "title_en": "Forum",
            "slug": "forum",
            "kind": "workshop",
            "province": ProvinceFactory().pk,
            "follows": "abc",
            **inlines,
            "organisations-TOTAL_FORMS": 1,
            "organisations-0-organisation": "abc",
            "organisations-0-role": "organiser",
        },
    )

    assert response.status_code == 200
    assert "follows" in response.context["adminform"].form.errors
