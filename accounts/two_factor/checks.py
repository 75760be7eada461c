"""`manage.py check --deploy` warns when production runs without the second factor."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

W001 = Warning(
    "DJANGO_REQUIRE_TWO_FACTOR is off with DJANGO_DEBUG=0: a reviewer's stolen password "
    "alone is enough to publish on the public site.",
    hint="Unset DJANGO_REQUIRE_TWO_FACTOR (it is on by default when debugging is off) or set "
    "it to 1; see the README's production section.",
    id="accounts.W001",
)


@register(Tags.security, deploy=True)
def second_factor_required_in_production(app_configs, **kwargs) -> list[Warning]:
    if settings.DEBUG or settings.TWO_FACTOR_REQUIRED:
        return []
    return [W001]
