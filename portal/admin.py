"""Admin pieces shared by every app: the audit trail's history pages and the publishing
workflow's actions."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from portal import services
from portal.models import Publishable


class ReadOnlyAdminMixin:
    """A list to read and search: nothing is added, changed or deleted through it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, with past versions shown but never saved back.

    simple-history saves a POST to a past version's page whenever the user may view the
    record, even with reverting turned off; here that page only reads. Reverting would
    also restore a past publication status, bypassing the workflow.
    """

    def history_form_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        # Both come from the URL as any text; one that is no key is no page, not an error.
        history_model = self.model.history.model
        for field, value in (
            (self.model._meta.pk, object_id),
            (history_model._meta.pk, version_id),
        ):
            try:
                field.to_python(value)
            except ValidationError:
                raise Http404 from None
        return super().history_form_view(request, object_id, version_id, extra_context)


class PublicationActionForm(ActionForm):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        help_text=_("Kept in the record's history with the decision."),
    )


class PublishingAdminMixin:
    """Submit / publish / return-to-draft actions for a Publishable model's admin.

    The status is never edited in the form: it moves only through these actions,
    which call portal.services.
    """

    action_form = PublicationActionForm
    actions = ["submit_for_review", "publish", "return_to_draft"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [*super().get_readonly_fields(request, obj), "status", "published_at"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return services.can_publish(request.user, self.model)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change and form.has_changed():
            obj.status = services.status_after_edit(obj, by=request.user)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Photos and other inline rows are public content too.
        if change and any(formset.has_changed() for formset in formsets):
            services.record_edit(form.instance, by=request.user)

    def _apply(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        transition: Callable[..., None],
        done: Callable[[int], str],
    ) -> None:
        comment = request.POST.get("comment", "")
        moved = 0
        for record in queryset:
            try:
                transition(record, by=request.user, comment=comment)
            except services.TransitionRefused as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
            except PermissionDenied:
                self.message_user(request, _("You may not do this."), messages.ERROR)
                return
            else:
                moved += 1
        if moved:
            self.message_user(request, done(moved) % {"count": moved}, messages.SUCCESS)

    @admin.action(description=_("Submit selected for review"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request,
            queryset,
            services.submit_for_review,
            lambda n: ngettext("%(count)d record submitted.", "%(count)d records submitted.", n),
        )

    @admin.action(description=_("Publish selected"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request,
            queryset,
            services.publish,
            lambda n: ngettext("%(count)d record published.", "%(count)d records published.", n),
        )

    @admin.action(description=_("Return selected to draft"), permissions=["publish"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request,
            queryset,
            services.return_to_draft,
            lambda n: ngettext(
                "%(count)d record returned to draft.", "%(count)d records returned to draft.", n
            ),
        )


class PartOfPublishableAdminMixin:
    """For records shown on a publishable record's public page but edited in an admin of
    their own (an event's participants, action plans and their items).

    Adding, changing or deleting one here is an edit of that record's public content:
    by someone who may not publish, it sends the record back to review, as editing the
    same rows inline on the record's own page does.
    """

    publishable_path: str  # from this model to the publishable record, e.g. "plan__event"

    def publishable_of(self, obj) -> Publishable | None:
        for name in self.publishable_path.split("__"):
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return obj

    def _record_edits(self, request: HttpRequest, objs) -> None:
        records = {}
        for obj in objs:
            record = self.publishable_of(obj)
            if record is not None:
                records[record.pk] = record
        for record in records.values():
            services.record_edit(record, by=request.user)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        # The record it belonged to before a change, too: a row moved away edits both.
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if not change or form.has_changed():
            self._record_edits(request, [obj, before] if before else [obj])

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            self._record_edits(request, [form.instance])

    def delete_model(self, request: HttpRequest, obj) -> None:
        record = self.publishable_of(obj)
        super().delete_model(request, obj)
        if record is not None:
            services.record_edit(record, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        objs = list(queryset)
        self._record_edits(request, objs)  # before: the rows take their path with them
        super().delete_queryset(request, queryset)
