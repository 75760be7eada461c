"""The admin start page's provinces panel: the official's provinces and the
data-quality counts of their villages, each a link to the list it counts."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q
from django.urls import reverse

from accounts.scoping import provinces_of, scope_queryset
from portal.start_page import start_panel
from provinces.models import Province, Village, VillageQuerySet

register = template.Library()


@start_panel(register, "admin/start/provinces.html", "provinces.view_village")
def provinces_panel(user: AbstractBaseUser) -> dict:
    codes = provinces_of(user)
    flagged_list = reverse("admin:provinces_flaggedvillage_changelist")
    counts = (
        scope_queryset(Village.objects.all(), user)
        .values("commune__district__province")
        .annotate(
            flagged=Count("pk", filter=VillageQuerySet.FLAGGED),
            shared=Count("pk", filter=Q(code_shared=True)),
        )
        .order_by()
    )
    by_province = {row["commune__district__province"]: row for row in counts}
    if codes is None:  # national roles: the whole country in one row
        rows = [
            {
                "province": None,
                "flagged": sum(row["flagged"] for row in by_province.values()),
                "shared": sum(row["shared"] for row in by_province.values()),
                "flagged_url": _filtered(flagged_list, issue="any"),
                "shared_url": _filtered(flagged_list, issue="shared"),
            }
        ]
    else:
        rows = [
            {
                "province": province,
                "flagged": by_province.get(province.code, {}).get("flagged", 0),
                "shared": by_province.get(province.code, {}).get("shared", 0),
                "flagged_url": _filtered(flagged_list, issue="any", province=province.code),
                "shared_url": _filtered(flagged_list, issue="shared", province=province.code),
                "villages_url": _filtered(
                    reverse("admin:provinces_village_changelist"), province=province.code
                ),
            }
            for province in Province.objects.filter(code__in=codes).order_by("name_en")
        ]
    return {"national": codes is None, "rows": rows}


def _filtered(url: str, **params: str) -> str:
    return f"{url}?{urlencode(params)}"
