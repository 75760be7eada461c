"""Create the officials' role groups, or bring their permissions back in line."""

from django.core.management.base import BaseCommand, CommandError

from accounts.roles import ROLES, permissions_for, sync_roles


class Command(BaseCommand):
    help = "Create or update the role groups (see accounts/roles.py). Safe to run again."

    def handle(self, *args, **options) -> None:
        try:
            groups = sync_roles()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for role, group in zip(ROLES, groups, strict=True):
            count = len(permissions_for(role))
            self.stdout.write(f"{group.name}: {count} permissions")
