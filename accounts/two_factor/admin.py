"""Who has set up an authenticator app, and the remedy for a lost phone.

django-otp's own admins show keys and tokens and speak English only; in their place one
list of officials' apps, read-only, whose deletion (one, or the selected ones) removes
the official's app and recovery codes alike: at their next sign-in they set up a new app.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import devices
from portal.admin import ReadOnlyAdminMixin

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

# Names for officials; migrations keep the library's (see accounts.admin.name_for_officials).
TOTPDevice._meta.verbose_name = _("authenticator app")
TOTPDevice._meta.verbose_name_plural = _("authenticator apps (two-factor sign-in)")


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["official", "set_up", "added_at", "last_used"]
    list_filter = ["confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    ordering = ["user__username"]
    fields = ["official", "set_up", "added_at", "last_used"]
    readonly_fields = fields
    actions = ["delete_selected"]

    @admin.display(description=_("official"), ordering="user__username")
    def official(self, obj: TOTPDevice) -> str:
        return obj.user.get_username()

    @admin.display(description=_("set up"), boolean=True, ordering="confirmed")
    def set_up(self, obj: TOTPDevice) -> bool:
        return obj.confirmed

    @admin.display(description=_("added"), ordering="created_at")
    def added_at(self, obj: TOTPDevice):
        return obj.created_at

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, obj: TOTPDevice):
        return obj.last_used_at

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("otp_totp.delete_totpdevice")

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        devices.remove_second_factor(obj.user)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for device in queryset.select_related("user"):
            devices.remove_second_factor(device.user)
