"""Every admin page of every model, as each role: what it may list, open, add, change
and delete, in its own province and in another.

The table below is the specification. The walk covers every model registered in the
admin, so a model added without a line here fails the test until someone decides who
may do what with it.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.two_provinces import ROLE_NAMES

# L = list, O = open, A = add, C = change (save the form), D = delete.
ALL, READ, NONE = "LOACD", "LO", ""
NATIONAL_READERS = {"administrator": ALL, "reviewer": READ, "viewer": READ}

PROGRAMME = {
    # model: what a provincial official may do inside their provinces
    "provinces.province": READ,
    "provinces.district": READ,
    "provinces.commune": "LOAC",
    "provinces.village": "LOAC",
    "products.category": READ,
    # Public producers and events are taken off the public site by reviewers only
    # (the fixture's product is not public: its author may delete it).
    "products.producer": "LOAC",
    "products.product": ALL,
    "forums.organisation": "LOA",
    "forums.forumevent": "LOAC",
    "forums.participant": ALL,
    "forums.actionplan": ALL,
    "forums.actionitem": ALL,
    "forums.modelprovincedesignation": READ,
    "forums.demonstrationcentre": READ,
    "recognition.scheme": READ,
    "recognition.schemeversion": READ,
    "recognition.round": READ,
    "recognition.entry": ALL,
    "recognition.scoresheet": READ,
    "recognition.certificate": READ,
}

EXPECTED = {label: {**NATIONAL_READERS, "official": can} for label, can in PROGRAMME.items()}
# Score sheets are opened by assessors only; certificates are issued by confirming a
# result and never added, changed or deleted by hand (see tests/recognition).
EXPECTED["recognition.scoresheet"]["administrator"] = READ
EXPECTED["recognition.certificate"]["administrator"] = READ
# The data-quality list is read-only for everyone; records are corrected as villages.
EXPECTED["provinces.flaggedvillage"] = {role: READ for role in ROLE_NAMES}
# The editions of the Ministry's list: a record of national imports, read by everyone.
EXPECTED["provinces.gazetteeredition"] = {role: READ for role in ROLE_NAMES}
# The audit trail: read-only for everyone, each official within their provinces.
# (Photos and event organisers are edited inline, but have their own history lists.)
HISTORY_OF = [
    *PROGRAMME,
    "products.productphoto",
    "forums.eventorganisation",
    *(f"recognition.{name}" for name in ("section", "criterion", "starband", "score")),
]
for label in [*HISTORY_OF, "accounts.provinceassignment"]:
    app, model = label.split(".")
    readers = {role: READ for role in ROLE_NAMES}
    if label == "accounts.provinceassignment":
        readers = {"administrator": READ, "reviewer": NONE, "official": NONE, "viewer": NONE}
    EXPECTED[f"{app}.historical{model}"] = readers
# The review queue: everyone reads it, each official within their provinces; decisions
# are taken on its pages, not by saving a form.
EXPECTED["review.revision"] = {role: READ for role in ROLE_NAMES}
EXPECTED["review.historicalrevision"] = {role: READ for role in ROLE_NAMES}
# The import log: national roles read it; officials read the imports they made.
EXPECTED["imports.importlog"] = {**NATIONAL_READERS, "administrator": READ, "official": READ}
# Users, roles, lockouts and second factors: the national administrator's alone.
for label, can in {
    "auth.user": ALL,
    "auth.group": ALL,
    "axes.accessattempt": "LOD",
    "axes.accesslog": READ,
    "axes.accessfailurelog": "LOD",
    "otp_totp.totpdevice": "LOD",  # officials' authenticator apps: removed for a lost phone
}.items():
    EXPECTED[label] = {"administrator": can, "reviewer": NONE, "official": NONE, "viewer": NONE}


# Records that lie in no province: everyone with the permission reaches all of them.
NATIONAL = {"products.category", "forums.organisation", "auth.user", "auth.group"}


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def record_of(model, label: str, place, national, users):
    """The record of this model that lies in `place` (or a national one), or None."""
    base = getattr(model, "instance_type", None)
    if base is not None:  # a historical model: the record's latest history entry
        original = record_of(base, base._meta.label_lower, place, national, users)
        return original.history.latest() if original is not None else None
    if label in place.records:
        return place[label]
    if label in national:
        return national[label]
    if label == "auth.user":
        return users["viewer"]
    if label == "auth.group":
        return users["viewer"].groups.get()
    if label == "accounts.provinceassignment":
        return users["official"].province_assignments.get()
    return None


def status_of(can: bool) -> int:
    return 200 if can else 403


def test_every_registered_model_has_a_line_in_the_table():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(EXPECTED)


@pytest.mark.parametrize("role", list(ROLE_NAMES))
def test_each_role_reaches_exactly_what_the_table_says(
    client, role, users, takeo, kampot, national
):
    client.force_login(users[role])
    own, other = takeo, kampot  # the official works in Takeo; national roles everywhere
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        can = EXPECTED[label][role]
        seen = f"{role} on {label}"

        response = client.get(url(model, "changelist"))
        assert response.status_code == status_of("L" in can), f"{seen}: list"
        response = client.get(url(model, "add"))
        assert response.status_code == status_of("A" in can), f"{seen}: add"

        for place, inside in [(own, True), (other, role != "official")]:
            record = record_of(model, label, place, national, users)
            if record is None:
                continue
            where = f"{seen} in {place.code}"
            base = getattr(model, "instance_type", model)._meta.label_lower
            reachable = inside or base in NATIONAL
            response = client.get(url(model, "change", record.pk))
            assert response.status_code == status_of("O" in can and reachable), f"{where}: open"
            if response.status_code == 200:
                changeable = response.context["has_change_permission"]
                assert changeable == ("C" in can), f"{where}: change"
            response = client.get(url(model, "delete", record.pk))
            assert response.status_code == status_of("D" in can and reachable), f"{where}: delete"
            if hasattr(model_admin, "history_view") and not hasattr(model, "instance_type"):
                response = client.get(url(model, "history", record.pk))
                assert response.status_code == status_of("O" in can and reachable), (
                    f"{where}: history"
                )
