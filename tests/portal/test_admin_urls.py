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
