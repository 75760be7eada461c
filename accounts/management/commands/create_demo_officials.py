"""Create (or reset) one demo user per role, to try the roles out. Refused in production."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import ProvinceAssignment
from accounts.roles import ASSESSOR, NATIONAL_REVIEWER, PROVINCIAL_OFFICIAL, VIEWER, sync_roles
from provinces.models import Province

TAKEO = "21"
DEMO_USERS = [
    ("demo-reviewer", NATIONAL_REVIEWER, ()),
    ("demo-takeo-official", PROVINCIAL_OFFICIAL, (TAKEO,)),
    ("demo-viewer", VIEWER, ()),
    ("demo-assessor", ASSESSOR, ()),
]


class Command(BaseCommand):
    help = (
        "Create a demo national reviewer, Takeo provincial official, viewer and assessor, or give "
        "them new passwords, and print their logins. Only while DJANGO_DEBUG is on."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo users with DJANGO_DEBUG off; give real officials "
                "their roles in the admin."
            )
        if not Province.objects.filter(code=TAKEO).exists():
            raise CommandError("The gazetteer is not loaded; run `manage.py load_gazetteer`.")
        sync_roles()
        with transaction.atomic():
            for username, role, provinces in DEMO_USERS:
                password = secrets.token_urlsafe(12)
                user, _created = get_user_model().objects.get_or_create(username=username)
                user.is_staff, user.is_superuser, user.is_active = True, False, True
                user.set_password(password)
                user.save()
                user.groups.set([Group.objects.get(name=role)])
                user.province_assignments.exclude(province_id__in=provinces).delete()
                for code in provinces:
                    ProvinceAssignment.objects.get_or_create(user=user, province_id=code)
                where = f" in {', '.join(provinces)}" if provinces else ""
                self.stdout.write(f"{role}{where}: {username} / {password}")
