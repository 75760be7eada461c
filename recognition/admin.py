"""How administrators set up schemes and rounds, officials enter products, assessors score
and reviewers confirm.

Every decision goes through `recognition.services`; these classes choose what each
user sees and may touch:

- a scheme version that a round uses is read-only, and the action *Start a new version*
  copies it into an editable one;
- an entry's result fields are computed, never form fields; a confirmed entry, its score
  sheets and their scores are read-only for everyone;
- confirming shows the selected results first (score, stars, whose sheet is missing) and
  confirms only what that page showed; confirming without the whole panel is a separate
  action for national reviewers, with a reason;
- an assessor sees only their own score sheets, and opens one only for entries of the
  rounds whose panel they sit on; each sheet lists every criterion of the round's scheme;
- certificates are issued by confirmation only, never added, changed or deleted by hand:
  a reviewer withdraws one with a reason.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import ASSESSOR
from accounts.scoped_admin import NationalAdmin, ProvinceScopedAdmin, ScopedInlineMixin
from accounts.scoping import scope_queryset
from imports.admin import ImportExportAdmin, SafeExportMixin
from portal.admin import HistoryAdmin
from recognition import services
from recognition.models import (
    Certificate,
    CertificateStatus,
    Criterion,
    Entry,
    Round,
    Scheme,
    SchemeVersion,
    Score,
    ScoreSheet,
    Section,
    StarBand,
)
from recognition.resources import ScoreResource


def stars_text(stars: int | None) -> str:
    return "★" * stars if stars else "—"


# Schemes ------------------------------------------------------------------------------


class VersionInline(admin.TabularInline):
    model = SchemeVersion
    fields = ["link", "certificate_validity_months", "certified_min_stars", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("version"))
    def link(self, obj: SchemeVersion) -> str:
        return str(obj.number)


@admin.register(Scheme)
class SchemeAdmin(SafeExportMixin, NationalAdmin, HistoryAdmin):
    list_display = ["name_en", "name_km", "is_example", "basis"]
    list_filter = ["is_example"]
    search_fields = ["name_en", "name_km", "basis"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [VersionInline]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        used = (
            obj is not None
            and SchemeVersion.objects.filter(scheme=obj, rounds__isnull=False).exists()
        )
        return super().has_delete_permission(request, obj) and not used


class FrozenWithVersion:
    """Inline rows of a scheme version: read-only once a round uses the version."""

    def _frozen(self, obj) -> bool:
        return obj is not None and obj.is_used

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_add_permission(request, obj) and not self._frozen(obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not self._frozen(obj)


class SectionInline(FrozenWithVersion, admin.TabularInline):
    model = Section
    fields = ["position", "name_en", "name_km"]
    extra = 0


class CriterionInline(FrozenWithVersion, admin.StackedInline):
    model = Criterion
    fields = [
        ("section", "position"),
        ("name_en", "name_km"),
        "guidance_en",
        ("max_points", "gate_stars", "gate_min_points"),
    ]
    extra = 0

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        request._recognition_version = obj  # for the section choices below
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "section":
            version = getattr(request, "_recognition_version", None)
            kwargs["queryset"] = Section.objects.filter(version=version)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StarBandInline(FrozenWithVersion, admin.TabularInline):
    model = StarBand
    fields = ["stars", "min_points", "confirmed_at"]
    extra = 0
    max_num = 5


@admin.register(SchemeVersion)
class SchemeVersionAdmin(SafeExportMixin, NationalAdmin, HistoryAdmin):
    list_display = [
        "__str__",
        "scheme",
        "number",
        "certificate_validity_months",
        "certified_min_stars",
        "used",
    ]
    list_filter = ["scheme"]
    list_select_related = ["scheme"]
    search_fields = ["scheme__name_en", "scheme__name_km", "notes"]
    readonly_fields = ["number", "based_on", "total_points", "problems"]
    fields = [
        "scheme",
        "number",
        "based_on",
        "certificate_validity_months",
        "certified_min_stars",
        "notes",
        "total_points",
        "problems",
    ]
    inlines = [SectionInline, CriterionInline, StarBandInline]
    actions = ["start_new_version"]

    @admin.display(description=_("used by a round"), boolean=True)
    def used(self, obj: SchemeVersion) -> bool:
        return obj.is_used

    @admin.display(description=_("most points"))
    def total_points(self, obj: SchemeVersion):
        return obj.total_points() if obj.pk else "—"

    @admin.display(description=_("ready for a round?"))
    def problems(self, obj: SchemeVersion) -> str:
        if obj.pk is None:
            return "—"
        return " ".join(obj.problems()) or _("Yes: complete.")

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("scheme")  # a version belongs to its scheme for good
        return fields

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_used)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_used)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        if version is not None and version.is_used and request.method == "GET":
            self.message_user(
                request,
                _(
                    "A round scores by this version, so it is frozen. To change the scheme, "
                    "select it in the list and run “Start a new version”."
                ),
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        description=_("Start a new version (copies the selected one)"), permissions=["add"]
    )
    def start_new_version(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one version."), messages.WARNING)
            return None
        new = services.start_new_version(queryset.get(), by=request.user)
        self.message_user(request, _("Created %(version)s; edit it here.") % {"version": new})
        return HttpResponseRedirect(
            reverse("admin:recognition_schemeversion_change", args=[new.pk])
        )


# Rounds -------------------------------------------------------------------------------


@admin.register(Round)
class RoundAdmin(SafeExportMixin, NationalAdmin, HistoryAdmin):
    list_display = [
        "name_en",
        "level",
        "province",
        "version",
        "opens_on",
        "closes_on",
        "progress_link",
        "is_sample",
    ]
    list_filter = ["level", "is_sample", "version__scheme"]
    list_select_related = ["province", "version__scheme"]
    search_fields = ["name_en", "name_km"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["province"]
    filter_horizontal = ["assessors"]
    date_hierarchy = "opens_on"

    def get_urls(self):
        return [
            path(
                "<int:pk>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="recognition_round_progress",
            ),
            *super().get_urls(),
        ]

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "assessors":
            kwargs["queryset"] = get_user_model().objects.filter(
                groups__name=ASSESSOR, is_active=True
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("progress"))
    def progress_link(self, obj: Round) -> str:
        url = reverse("admin:recognition_round_progress", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("progress"))

    def progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = get_object_or_404(
            Round.objects.select_related("version__scheme", "province"), pk=pk
        )
        if not self.has_view_permission(request, round_):
            raise PermissionDenied
        entries = scope_queryset(round_.entries.for_progress(), request.user)
        rows = services.progress_rows(round_, entries)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Progress of %(round)s") % {"round": round_},
            "round": round_,
            "rows": rows,
            "progress": services.round_progress(rows),
            "panel": round_.assessors.order_by("username"),
        }
        return TemplateResponse(request, "recognition/admin/round_progress.html", context)


# Entries ------------------------------------------------------------------------------


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["round", "product", "self_assessment", "self_assessed_points"]


@admin.register(Entry)
class EntryAdmin(SafeExportMixin, ProvinceScopedAdmin, HistoryAdmin):
    form = EntryForm
    list_display = [
        "product",
        "round",
        "province",
        "score",
        "stars_earned",
        "panel_sheets",
        "confirmed",
    ]
    list_filter = ["round", "confirmed_stars", "round__level"]
    list_select_related = ["product__village__commune__district__province", "round"]
    search_fields = ["product__name_en", "product__name_km", "round__name_en"]
    autocomplete_fields = ["product"]
    readonly_fields = [
        "score",
        "stars",
        "assessor_count",
        "confirmed_stars",
        "confirmed_level",
        "confirmed_by",
        "confirmed_at",
        "entered_by",
        "entered_at",
    ]
    actions = ["confirm_results", "confirm_without_full_panel"]

    @admin.display(description=_("province"))
    def province(self, obj: Entry):
        return obj.product.village.commune.district.province

    @admin.display(description=_("stars earned"), ordering="stars")
    def stars_earned(self, obj: Entry) -> str:
        return stars_text(obj.stars)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).with_panel()

    @admin.display(description=_("panel's sheets complete"))
    def panel_sheets(self, obj: Entry) -> str:
        return f"{obj.panel_scored} / {obj.panel_size}"

    @admin.display(description=_("confirmed"), ordering="confirmed_stars")
    def confirmed(self, obj: Entry) -> str:
        return stars_text(obj.confirmed_stars) if obj.is_locked else ""

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "round":
            kwargs["queryset"] = Round.objects.open_on(timezone.localdate())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["round", "product"]  # an entry stays what it was entered as
        if obj is not None and obj.confirmed_without_full_panel:
            fields += ["unscored_panel", "without_full_panel_reason"]  # rare: only when set
        return fields

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        started = obj is not None and (obj.is_locked or obj.sheets.exists())
        return super().has_delete_permission(request, obj) and not started

    def has_confirm_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.CONFIRM_PERMISSION)

    def save_model(self, request: HttpRequest, obj: Entry, form, change: bool) -> None:
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Confirm the selected results (locks them)"), permissions=["confirm"]
    )
    def confirm_results(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._confirm(request, queryset, without_full_panel=False)

    def has_confirm_incomplete_permission(self, request: HttpRequest) -> bool:
        return services.may_confirm_without_full_panel(request.user)

    @admin.action(
        description=_("Confirm without the whole panel (national reviewers, with a reason)"),
        permissions=["confirm_incomplete"],
    )
    def confirm_without_full_panel(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        return self._confirm(request, queryset, without_full_panel=True)

    def _confirm(
        self, request: HttpRequest, queryset: QuerySet, *, without_full_panel: bool
    ) -> HttpResponse | None:
        """First a page of what will be confirmed; its button confirms exactly that."""
        entries = list(queryset.select_related("round__version", "product").order_by("pk"))
        form = WithoutFullPanelForm(request.POST if "confirm" in request.POST else None)
        if "confirm" in request.POST and (not without_full_panel or form.is_valid()):
            reason = form.cleaned_data["reason"] if without_full_panel else ""
            confirmed = []
            for entry in entries:
                try:
                    confirmed.append(
                        services.confirm_result(
                            entry,
                            by=request.user,
                            seen=request.POST.get(f"seen-{entry.pk}", ""),
                            without_full_panel=reason,
                        )
                    )
                except (PermissionDenied, ValidationError) as refusal:
                    message = refusal.args[0] if refusal.args else _("You may not do this.")
                    self.message_user(request, f"{entry}: {message}", messages.WARNING)
            if confirmed:
                self.message_user(request, confirmation_message(confirmed), messages.SUCCESS)
            return None
        rows = [self._confirmation_row(request, entry, without_full_panel) for entry in entries]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Confirm without the whole panel")
            if without_full_panel
            else _("Confirm these results?"),
            "rows": rows,
            "confirmable": [row for row in rows if not row["problem"]],
            "action": request.POST.get("action", ""),
            "without_full_panel": without_full_panel,
            "form": form,
        }
        return TemplateResponse(request, "recognition/admin/confirm_results.html", context)

    @staticmethod
    def _confirmation_row(request: HttpRequest, entry: Entry, without_full_panel: bool) -> dict:
        problems = services.confirmation_problems(
            entry, request.user, without_full_panel=without_full_panel
        )
        level = entry.round.level
        cap = entry.round.version.highest_stars_confirmed_at(level)
        return {
            "entry": entry,
            "problem": problems[0] if problems else "",
            "gaps": services.panel_problem(entry),
            "stars": min(entry.stars, cap) if entry.stars else None,
            "seen": services.result_fingerprint(entry),
        }


class WithoutFullPanelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why confirm without the whole panel?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the result and in its history."),
        error_messages={"required": _("Say why the result is confirmed without the panel.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the result is confirmed without the panel."))
        return reason


def confirmation_message(confirmed: list[Entry]) -> SafeString:
    """ "2 results confirmed." and each certificate issued, linked to its public
    verification page and its admin page."""
    text = ngettext(
        "%(count)d result confirmed.", "%(count)d results confirmed.", len(confirmed)
    ) % {"count": len(confirmed)}
    certificates = [entry.certificate for entry in confirmed if hasattr(entry, "certificate")]
    if not certificates:
        return format_html("{}", text)
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a> (<a href="{}">{}</a>)',
        (
            (
                certificate.get_absolute_url(),
                certificate.number,
                reverse("admin:recognition_certificate_change", args=[certificate.pk]),
                _("in the admin"),
            )
            for certificate in certificates
        ),
    )
    issued = ngettext(
        "Certificate issued: {certificates}.",
        "Certificates issued: {certificates}.",
        len(certificates),
    )
    return format_html("{} " + issued, text, certificates=links)


# Score sheets -------------------------------------------------------------------------


class ScoreInline(ScopedInlineMixin, admin.TabularInline):
    model = Score
    fields = ["criterion", "section", "max_points", "points", "comment"]
    readonly_fields = ["criterion", "section", "max_points"]
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("criterion__section")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a sheet has one row per criterion, made when it is opened

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return obj is not None and ScoreSheetAdmin.may_edit(request, obj)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("recognition.view_score")

    @admin.display(description=_("section"))
    def section(self, obj: Score) -> str:
        return obj.criterion.section.name_en

    @admin.display(description=_("maximum"))
    def max_points(self, obj: Score):
        return obj.criterion.max_points


class ScoreSheetAddForm(forms.ModelForm):
    class Meta:
        model = ScoreSheet
        fields = ["entry", "comment"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ImportExportAdmin, ProvinceScopedAdmin, HistoryAdmin):
    resource_classes = [ScoreResource]
    list_display = ["entry", "assessor", "sheet_total", "updated_at"]
    list_filter = ["entry__round"]
    list_select_related = ["entry__product", "entry__round", "assessor"]
    search_fields = ["entry__product__name_en", "entry__product__name_km", "assessor__username"]
    readonly_fields = ["entry", "assessor", "sheet_total", "entry_result"]
    fields = ["entry", "assessor", "comment", "sheet_total", "entry_result"]
    inlines = [ScoreInline]

    @staticmethod
    def is_assessor(request: HttpRequest) -> bool:
        return request.user.has_perm(services.SCORE_PERMISSION) and not request.user.is_superuser

    @staticmethod
    def may_edit(request: HttpRequest, sheet: ScoreSheet) -> bool:
        return (
            sheet.assessor_id == request.user.pk
            and not sheet.entry.is_locked
            and services.may_score(request.user, sheet.entry.round)
        )

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request).prefetch_related("scores")
        if self.is_assessor(request):
            return queryset.filter(assessor=request.user)  # each scores on their own
        return queryset

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        if obj is None:
            kwargs["form"] = ScoreSheetAddForm
            kwargs["fields"] = ["entry", "comment"]
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj=None):
        return ["entry", "comment"] if obj is None else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj):
        return self.inlines if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "entry":
            kwargs["queryset"] = Entry.objects.filter(
                round__assessors=request.user, confirmed_at__isnull=True
            ).select_related("product", "round")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and request.user.has_perm(
            services.SCORE_PERMISSION
        )

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a sheet counts in the result; it is corrected, never removed

    @admin.display(description=_("total"))
    def sheet_total(self, obj: ScoreSheet) -> str:
        total = obj.total()
        return str(total) if total is not None else _("incomplete")

    @admin.display(description=_("the entry's result so far"))
    def entry_result(self, obj: ScoreSheet) -> str:
        entry = obj.entry
        if entry.score is None:
            return "—"
        sheets = ngettext(
            "%(count)d complete sheet", "%(count)d complete sheets", entry.assessor_count
        ) % {"count": entry.assessor_count}
        return f"{entry.score} ({stars_text(entry.stars)}), {sheets}"

    def save_model(self, request: HttpRequest, obj: ScoreSheet, form, change: bool) -> None:
        if change:
            try:  # a confirmation that came between the form's checks and this save
                services.lock_for_scoring(obj.entry_id)
            except ValidationError as locked:
                raise PermissionDenied(locked.messages[0]) from locked
            super().save_model(request, obj, form, change)
            return
        sheet = services.open_sheet(obj.entry, assessor=request.user)
        if obj.comment:
            sheet.comment = obj.comment
            sheet.save(update_fields=["comment", "updated_at"])
        obj.pk = sheet.pk
        obj.assessor = sheet.assessor

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change:
            services.compute_result(form.instance.entry)

    def response_add(self, request: HttpRequest, obj: ScoreSheet, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:recognition_scoresheet_change", args=[obj.pk]))


# Certificates -------------------------------------------------------------------------


class WithdrawalActionForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        help_text=_("Shown on the certificate's public page."),
    )


@admin.register(Certificate)
class CertificateAdmin(SafeExportMixin, ProvinceScopedAdmin, HistoryAdmin):
    action_form = WithdrawalActionForm
    list_display = [
        "number",
        "product_name_en",
        "producer_name_en",
        "stars_display",
        "round",
        "issued_on",
        "expires_on",
        "status_display",
    ]
    list_filter = ["stars", "issuing_level", "round"]
    list_select_related = ["round"]
    search_fields = ["number", "product_name_en", "product_name_km", "producer_name_en"]
    readonly_fields = [
        "number",
        "product",
        "producer",
        "product_name_en",
        "product_name_km",
        "producer_name_en",
        "producer_name_km",
        "stars",
        "round",
        "issuing_level",
        "issued_on",
        "expires_on",
        "withdrawn_on",
        "withdrawal_reason",
        "public_page",
    ]
    actions = ["withdraw"]

    @admin.display(description=_("stars"), ordering="stars")
    def stars_display(self, obj: Certificate) -> str:
        return stars_text(obj.stars)

    @admin.display(description=_("status"))
    def status_display(self, obj: Certificate) -> str:
        return CertificateStatus(obj.status()).label

    @admin.display(description=_("public page"))
    def public_page(self, obj: Certificate) -> str:
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued by confirming a result

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # nothing is ever deleted: a certificate expires or is withdrawn

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.WITHDRAW_PERMISSION)

    @admin.action(description=_("Withdraw the selected certificates"), permissions=["withdraw"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet) -> None:
        reason = request.POST.get("reason", "")
        withdrawn = 0
        for certificate in queryset.select_related("product__village__commune__district"):
            try:
                services.withdraw_certificate(certificate, by=request.user, reason=reason)
            except (PermissionDenied, ValidationError) as refusal:
                message = refusal.messages[0] if isinstance(refusal, ValidationError) else refusal
                self.message_user(request, f"{certificate}: {message}", messages.WARNING)
            else:
                withdrawn += 1
        if withdrawn:
            self.message_user(
                request,
                ngettext(
                    "%(count)d certificate withdrawn.",
                    "%(count)d certificates withdrawn.",
                    withdrawn,
                )
                % {"count": withdrawn},
                messages.SUCCESS,
            )
