"""Create (or reset) the demo administrator and print its login. Refused in production."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo-admin"


class Command(BaseCommand):
    help = (
        "Create the demo administrator, or give it a new password, and print the login. "
        "Only while DJANGO_DEBUG is on. The password is DEMO_ADMIN_PASSWORD if set, "
        "else a new random one."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Where the portal is served, for the printed login link.",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a demo administrator with DJANGO_DEBUG off; use "
                "`manage.py createsuperuser` for real accounts."
            )
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME,
            defaults={"email": "demo-admin@example.org", "is_staff": True, "is_superuser": True},
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        admin_url = f"{options['site_url'].rstrip('/')}/{settings.ADMIN_URL}"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo administrator {'created' if created else 'reset'}: "
                f"log in at {admin_url} as {USERNAME} with password {password}"
            )
        )
        if settings.TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "Two-factor sign-in is on (DJANGO_REQUIRE_TWO_FACTOR=1): after the password, "
                "the admin asks the demo logins to set up an authenticator app."
            )
        else:
            self.stdout.write(
                "Two-factor sign-in is off here (DJANGO_REQUIRE_TWO_FACTOR is off while "
                "debugging): the demo logins need their passwords only. In production, "
                "reviewers and administrators also give a code from an authenticator app."
            )
