"""The demo users, one per role, that `make run` prints logins for (debug only).

The demo content uses them too, as the authors of its example changes for review, so
they exist (without a usable password) as soon as the demo content is loaded.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import ProvinceAssignment
from accounts.roles import (
    ASSESSOR,
    NATIONAL_REVIEWER,
    PROVINCIAL_OFFICIAL,
    PROVINCIAL_REVIEWER,
    VIEWER,
)

TAKEO = "21"
DEMO_USERS = {
    "demo-reviewer": (NATIONAL_REVIEWER, ()),
    "demo-takeo-official": (PROVINCIAL_OFFICIAL, (TAKEO,)),
    "demo-takeo-reviewer": (PROVINCIAL_REVIEWER, (TAKEO,)),  # confirmed the Takeo round
    "demo-viewer": (VIEWER, ()),
    "demo-assessor": (ASSESSOR, ()),  # on the demo recognition rounds' panel
}


def demo_user(username: str):
    """The demo user of DEMO_USERS, with its role and provinces."""
    role, provinces = DEMO_USERS[username]
    return demo_account(username, role, provinces)


def demo_account(username: str, role: str, provinces: tuple[str, ...] = ()):
    """A demo account with this role and these provinces; a new one cannot log in until
    `create_demo_officials` gives it a password (only DEMO_USERS get one)."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
    user.is_staff, user.is_superuser, user.is_active = True, False, True
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    user.province_assignments.exclude(province_id__in=provinces).delete()
    for code in provinces:
        ProvinceAssignment.objects.get_or_create(user=user, province_id=code)
    return user
