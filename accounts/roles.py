"""The officials' roles, written down once and applied as Django groups.

A role is a group whose permissions are exactly those listed here: `sync_roles()`
(run after every `migrate`, and by `manage.py setup_roles`) creates the groups and
brings their permissions in line, adding what is missing and removing what is not
listed. A user gets a role by being put in its group in the admin; a provincial
official also gets one or more province assignments. Which records a user reaches is
decided by `accounts.scoping`; what they may do with those records, by these groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _

NATIONAL_ADMINISTRATOR = "National administrator"
NATIONAL_REVIEWER = "National reviewer"
PROVINCIAL_REVIEWER = "Provincial reviewer"
PROVINCIAL_OFFICIAL = "Provincial official"
VIEWER = "Viewer"
ASSESSOR = "Assessor"

ALL_PROVINCES = "accounts.work_in_all_provinces"

# The programme's records, by app. Historical models (the audit trail) follow each
# model's own view permission: who may read a record may read its history.
PROGRAMME_MODELS: dict[str, list[str]] = {
    "provinces": [
        "province",
        "district",
        "commune",
        "village",
        "flaggedvillage",
        "gazetteeredition",
    ],
    "products": ["category", "producer", "product", "productphoto"],
    "forums": [
        "organisation",
        "forumevent",
        "eventorganisation",
        "participant",
        "actionplan",
        "actionitem",
        "modelprovincedesignation",
        "demonstrationcentre",
    ],
    "recognition": [
        "scheme",
        "schemeversion",
        "section",
        "criterion",
        "starband",
        "round",
        "entry",
        "scoresheet",
        "score",
        "certificate",
    ],
}
HISTORY_MODELS = {  # models whose changes are kept (see portal.history)
    app: [model for model in models if model not in ("flaggedvillage", "gazetteeredition")]
    for app, models in PROGRAMME_MODELS.items()
}
# Reviewed records: who holds `publish_<model>` approves their changes (review.services).
PUBLISHABLE_MODELS = [
    "provinces.commune",
    "provinces.village",
    "products.producer",
    "products.product",
    "forums.forumevent",
]

# Every role reads the review queue (scoped like the records): reviewers decide there,
# officials follow their own changes (review.admin.RevisionAdmin).
REVIEW_QUEUE = [("review.revision", "view"), ("review.historicalrevision", "view")]
# The models whose admin offers an import (see imports.definitions).
IMPORTABLE_MODELS = [
    "provinces.province",
    "provinces.district",
    "provinces.commune",
    "provinces.village",
    "products.producer",
    "products.product",
]

# What a provincial official does to each kind of record inside their provinces.
# Gazetteer entries are corrected, never deleted, by officials: a deletion that
# cascades must be a national decision. Imports exist for the gazetteer, producers
# and products; every list can be exported.
OFFICIAL_ACTIONS: dict[str, tuple[str, ...]] = {
    "provinces.province": ("view",),
    "provinces.district": ("view",),
    "provinces.commune": ("view", "add", "change", "import", "export"),
    "provinces.village": ("view", "add", "change", "import", "export"),
    "provinces.flaggedvillage": ("view",),
    "provinces.gazetteeredition": ("view",),
    "products.category": ("view",),
    "products.producer": ("view", "add", "change", "delete", "import", "export"),
    "products.product": ("view", "add", "change", "delete", "import", "export"),
    "products.productphoto": ("view", "add", "change", "delete"),
    "forums.organisation": ("view", "add"),
    "forums.forumevent": ("view", "add", "change", "delete", "export"),
    "forums.eventorganisation": ("view", "add", "change", "delete"),
    "forums.participant": ("view", "add", "change", "delete", "export"),
    "forums.actionplan": ("view", "add", "change", "delete", "export"),
    "forums.actionitem": ("view", "add", "change", "delete", "export"),
    "forums.modelprovincedesignation": ("view",),
    "forums.demonstrationcentre": ("view",),
    **{f"recognition.{model}": ("view",) for model in PROGRAMME_MODELS["recognition"]},
    "recognition.entry": ("view", "add", "change", "delete"),
}

# django-import-export checks `<app>.import_<model>` and `<app>.export_<model>`
# (IMPORT_EXPORT_*_PERMISSION_CODE); Django does not create them, so sync_roles() does,
# for every model a role may import or export. Every other permission a role names must
# already exist, so a typo here fails loudly instead of granting nothing.
CREATED_ACTIONS = {"import": _("Can import %s"), "export": _("Can export %s")}


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    grants: tuple[tuple[str, str], ...]  # (app_label.model, action)


def _every(actions: Iterable[str], models: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [
        (f"{app}.{model}", action)
        for app, names in models.items()
        for model in names
        for action in actions
    ]


def _history(actions: Iterable[str]) -> list[tuple[str, str]]:
    return [
        (f"{app}.historical{model}", action)
        for app, names in HISTORY_MODELS.items()
        for model in names
        for action in actions
    ]


def _publishing() -> list[tuple[str, str]]:
    return [(label, f"publish_{label.split('.')[1]}") for label in PUBLISHABLE_MODELS]


# Recognition (see recognition/services.py): reviewers confirm results and withdraw
# certificates; assessors score, each on their own sheet, in the rounds they sit on.
RECOGNITION_DECISIONS = [("recognition.entry", "confirm"), ("recognition.certificate", "withdraw")]
ASSESSOR_GRANTS = [
    *((f"recognition.{model}", "view") for model in PROGRAMME_MODELS["recognition"]),
    ("recognition.entry", "score"),
    ("recognition.scoresheet", "import"),  # their points from a spreadsheet
    *(
        (f"recognition.{model}", action)
        for model in ("scoresheet", "score")
        for action in ("add", "change")
    ),
    ("products.product", "view"),
    ("products.producer", "view"),
]


def _all_provinces() -> list[tuple[str, str]]:
    return [("accounts.provinceassignment", "work_in_all_provinces")]


ROLES: list[Role] = [
    Role(
        NATIONAL_ADMINISTRATOR,
        _("Everything: all records in every province, publishing, users and roles."),
        tuple(
            _every(("view", "add", "change", "delete", "export"), PROGRAMME_MODELS)
            + [(label, "import") for label in IMPORTABLE_MODELS]
            + _history(("view",))
            + _publishing()
            + RECOGNITION_DECISIONS
            + REVIEW_QUEUE
            + _all_provinces()
            + _every(("view", "add", "change", "delete"), {"auth": ["user", "group"]})
            + _every(("view", "add", "change", "delete"), {"accounts": ["provinceassignment"]})
            + [("accounts.historicalprovinceassignment", "view")]
            # Who has set up two-factor sign-in; removing an app is the remedy for a lost phone.
            + _every(("view", "delete"), {"otp_totp": ["totpdevice"]})
            + _every(("view", "delete"), {"axes": ["accessattempt", "accessfailurelog"]})
            + [("axes.accesslog", "view"), ("admin.logentry", "view")]
            + [("imports.importlog", "view")]
        ),
    ),
    Role(
        NATIONAL_REVIEWER,
        _(
            "Reads every record in every province; approves or sends back changes, "
            "publishes and unpublishes producers, products, events, communes and villages."
        ),
        tuple(
            _every(("view", "export"), PROGRAMME_MODELS)
            + _history(("view",))
            + [("imports.importlog", "view")]
            + _publishing()
            + RECOGNITION_DECISIONS
            # Setting a panel member's missing sheet aside is the national committee's call.
            + [("recognition.entry", "confirm_incomplete")]
            + REVIEW_QUEUE
            + _all_provinces()
        ),
    ),
    Role(
        PROVINCIAL_OFFICIAL,
        _(
            "Creates and edits records in the provinces assigned to them; their changes "
            "to producers, products, events, communes and villages wait for review; "
            "cannot publish."
        ),
        tuple(
            [(label, action) for label, actions in OFFICIAL_ACTIONS.items() for action in actions]
            + [
                (f"{label.split('.')[0]}.historical{label.split('.')[1]}", "view")
                for label in OFFICIAL_ACTIONS
                if label not in ("provinces.flaggedvillage", "provinces.gazetteeredition")
            ]
            + REVIEW_QUEUE
        ),
    ),
    Role(
        PROVINCIAL_REVIEWER,
        _(
            "Confirms the results of provincial recognition rounds in the provinces "
            "assigned to them and reads those provinces' records; publishes nothing."
        ),
        tuple(
            _every(("view",), PROGRAMME_MODELS)
            + _history(("view",))
            + [("recognition.entry", "confirm")]
            + REVIEW_QUEUE
        ),
    ),
    Role(
        VIEWER,
        _("Reads every record in every province; changes nothing."),
        tuple(
            _every(("view",), PROGRAMME_MODELS)
            + _history(("view",))
            + [("imports.importlog", "view")]
            + REVIEW_QUEUE
            + _all_provinces()
        ),
    ),
    Role(
        ASSESSOR,
        _("Scores the products of the rounds whose panel they sit on, in every province."),
        tuple(
            ASSESSOR_GRANTS
            # Not the history of scores: each assessor scores without seeing the others.
            + [
                (f"recognition.historical{m}", "view")
                for m in PROGRAMME_MODELS["recognition"]
                if m not in ("scoresheet", "score")
            ]
            + _all_provinces()
        ),
    ),
]


def ensure_import_export_permissions() -> None:
    """Create the import and export permissions that the roles grant."""
    for role in ROLES:
        for label, action in role.grants:
            if action not in CREATED_ACTIONS:
                continue
            model = apps.get_model(label)
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model._meta.model_name}",
                defaults={"name": str(CREATED_ACTIONS[action] % model._meta.verbose_name)[:255]},
            )


def permissions_for(role: Role) -> list[Permission]:
    """The role's permissions; refuses a grant naming a permission that does not exist."""
    wanted = set()
    for label, action in role.grants:
        app_label, model = label.split(".")
        codename = action if action.startswith(("publish_", "work_in_")) else f"{action}_{model}"
        wanted.add((app_label, codename))
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _codename in wanted}
        )
    }
    missing = [
        f"{app}.{codename}" for app, codename in sorted(wanted) if (app, codename) not in found
    ]
    if missing:
        raise LookupError(f"Role {role.name!r} names unknown permissions: {', '.join(missing)}")
    return [found[key] for key in wanted if key in found]


@transaction.atomic
def sync_roles() -> list[Group]:
    """Create the role groups and set each one's permissions to exactly its grants."""
    ensure_import_export_permissions()
    groups = []
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.set(permissions_for(role))
        groups.append(group)
    return groups


def sync_roles_after_migrate(*, using: str = "default", **kwargs) -> None:
    # Only on the full migration of the default database: a partial plan (migrating
    # backwards, say) may have removed models whose permissions the roles name.
    if kwargs.get("plan") is not None and any(backwards for _m, backwards in kwargs["plan"]):
        return
    sync_roles()
