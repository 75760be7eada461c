"""Create (or reset) one demo user per role, to try the roles out. Refused in production."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import sync_roles
from demo.users import DEMO_USERS, TAKEO, demo_user
from provinces.models import Province


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
            for username, (role, provinces) in DEMO_USERS.items():
                password = secrets.token_urlsafe(12)
                user = demo_user(username)
                user.set_password(password)
                user.save()
                names = Province.objects.filter(code__in=provinces).values_list(
                    "name_en", flat=True
                )
                where = f" in {', '.join(names)}" if provinces else ""
                self.stdout.write(f"{role}{where}: {username} / {password}")
