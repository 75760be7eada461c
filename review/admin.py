"""The review workflow in the admin: editing reviewed records, and the review queue.

`ReviewedAdmin` goes in the bases of the admin of every reviewed record (products,
producers, forum events); `PartOfReviewedAdmin` in those of rows edited on admin pages
of their own that belong to one (an event's participants, action plans and items).

How an edit by someone who may not publish leaves the live record alone: the view
runs inside a transaction that is rolled back. In it, the record's pending change is
first written onto the rows, so the form shows (and validates against) the latest
proposal; the admin then saves as usual, with all its forms, inlines and checks; the
result is read back as a snapshot and the transaction is undone. What is kept is the
difference between the live version and that snapshot, as the record's revision.
Why this way: docs/decisions/0005-reviewed-revisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import AuditTrailAdmin
from accounts.scoped_admin import ProvinceScopedAdmin
from portal.admin import HistoryAdmin, ReadOnlyAdminMixin
from portal.models import Reviewed
from review import services
from review.changes import Snapshot, apply, difference, snapshot
from review.comparison import compare
from review.models import Revision

PROPOSED = _(
    "Saved. The public keeps seeing the approved version until a reviewer publishes your changes."
)
NEW_WAITS = _("Saved. It is not public yet: it waits for a reviewer to publish it.")
PUBLISHED_EDIT = _("Saved and published: the public sees your changes now.")

# The version of the open change a form or list showed, posted back with the decision
# (on a list, one per record: REVIEW_VERSION + "_" + its key).
REVIEW_VERSION = "_review_version"
# The key of the record whose change that version is, where a form may name another
# (the add page of a row that belongs to one: the record is chosen in the form).
REVIEW_RECORD = "_review_of"


@dataclass
class _Edit:
    """One reviewed record being edited in this request."""

    record: Reviewed
    proposing: bool  # the editor may not publish and the record is live
    before: Snapshot | None = None  # the live version, when proposing
    revision: Revision | None = None  # the open revision, written onto the rows
    wrote: bool = False


def review_state(record: Reviewed, revision_state: str | None) -> str:
    """The record's state in plain words, as officials read it."""
    if record.live:
        if revision_state == Revision.State.WAITING:
            return _("Public; changes wait for review")
        if revision_state == Revision.State.SENT_BACK:
            return _("Public; changes sent back")
        return _("Public")
    if revision_state == Revision.State.WAITING:
        return _("Not public; waits for review")
    if revision_state == Revision.State.SENT_BACK:
        return _("Not public; sent back")
    return _("Not public")


class ReviewStateFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("public", _("Public, nothing waiting")),
            ("waiting", _("Waiting for review")),
            ("sent_back", _("Sent back")),
            ("not_public", _("Not public")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value not in ("public", "waiting", "sent_back", "not_public"):
            return queryset
        if value == "not_public":
            return queryset.filter(live=False)
        # The records' keys among the open revisions' (a semi-join on the few revisions,
        # not a look-up per record: the village list has 14,576).
        revisions = Revision.objects.open().filter(
            content_type=ContentType.objects.get_for_model(queryset.model)
        )
        keyed = queryset.alias(review_key=Cast("pk", models.CharField()))
        if value == "public":
            return keyed.filter(live=True).exclude(review_key__in=revisions.values("object_id"))
        return keyed.filter(review_key__in=revisions.filter(state=value).values("object_id"))


class ReviewActionForm(ActionForm):
    comment = forms.CharField(
        label=_("Comment or reason"),
        required=False,
        max_length=1000,
        help_text=_("Kept in the record's history with the decision; required to unpublish."),
    )


class _ReviewedEditing:
    """The transaction around a view that edits a reviewed record (see the module)."""

    # Whether the change form carries the version of the change it shows (REVIEW_VERSION).
    form_shows_review_version = False

    def reviewed_record(self, obj: models.Model) -> Reviewed | None:
        return obj

    def _edits(self, request: HttpRequest) -> dict:
        return request.__dict__.setdefault("_review_edits", {})

    def _begin(self, request: HttpRequest, record: Reviewed | None) -> _Edit | None:
        if record is None or record.pk is None:
            return None
        key = (record._meta.label_lower, record.pk)
        edits = self._edits(request)
        if key in edits:
            return edits[key]
        # A save locks the change, then the record, as approving does: an approval
        # then waits for the save (and sees what it changed) or the save for the
        # approval (and sees the record public), never half of each.
        saving = request.method == "POST"
        revision = services.open_revision(record, for_update=saving)
        manager = type(record)._default_manager
        record = (manager.select_for_update() if saving else manager).get(pk=record.pk)
        publisher = services.can_publish(request.user, type(record))
        edit = _Edit(record=record, proposing=record.live and not publisher)
        if edit.proposing:
            edit.before = snapshot(record)
        if record.live:
            edit.revision = revision
            showed_version = self.form_shows_review_version and not edits
            if saving and publisher and showed_version and self.has_change_permission(request):
                # A reviewer's save publishes the change their form showed, and only that.
                services.refuse_unless_seen(self._seen(request, record), revision, record)
            if edit.revision is not None and edit.revision.changes:
                apply(record, edit.revision.changes, by=request.user)
        edits[key] = edit
        return edit

    def _seen(self, request: HttpRequest, record: Reviewed) -> services.Seen:
        """What the posted form says it showed of `record`'s change."""
        shown_of = request.POST.get(REVIEW_RECORD)
        if shown_of is not None and shown_of != str(record.pk):
            return services.Seen(None)  # it showed another record's change, not this one's
        return services.Seen.from_form(request.POST.get(REVIEW_VERSION))

    def _refused_url(self, request: HttpRequest, record: Reviewed | None) -> str:
        """Where a save refused by `services.ChangedSinceSeen` opens again."""
        return request.get_full_path()

    def _wrote(self, request: HttpRequest, obj: models.Model | None) -> None:
        record = self.reviewed_record(obj) if obj is not None else None
        edit = self._begin(request, record)
        if edit is not None:
            edit.wrote = True

    def _reviewed_view(self, request: HttpRequest, view, record: Reviewed | None, *args):
        self._edits(request).clear()
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                self._begin(request, record)
                response = view(request, *args)
                if isinstance(response, SimpleTemplateResponse):
                    response.render()  # inside the transaction: the form shows the pending rows
                edits = list(self._edits(request).values())
                proposals = [
                    (edit, snapshot(type(edit.record)._default_manager.get(pk=edit.record.pk)))
                    for edit in edits
                    if edit.proposing and edit.wrote
                ]
                if any(edit.proposing or not edit.wrote for edit in edits):
                    transaction.set_rollback(True)
        except services.ChangedSinceSeen as refusal:
            # Nothing was written; the form opens again on the change as it is now.
            self._edits(request).clear()
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(self._refused_url(request, record))
        for edit, after in proposals:
            services.propose(
                edit.record, difference(edit.before, after), by=request.user, live=edit.before
            )
        for edit in edits:
            if edit.proposing or not edit.wrote:
                continue
            if edit.record.live and edit.revision is not None:
                services.approve_as_edited(edit.revision, by=request.user)
            elif not edit.record.live and not services.can_publish(
                request.user, type(edit.record)
            ):
                services.request_review(edit.record, by=request.user)
        return response

    def message_user(self, request: HttpRequest, message, level=messages.INFO, *args, **kwargs):
        edits = [edit for edit in self._edits(request).values() if edit.wrote]
        if level == messages.SUCCESS and edits:
            edit = edits[0]
            if edit.proposing:
                message = PROPOSED
            elif not edit.record.live and not services.can_publish(
                request.user, type(edit.record)
            ):
                message = NEW_WAITS
            elif edit.record.live:
                message = PUBLISHED_EDIT
        return super().message_user(request, message, level, *args, **kwargs)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        # Before the write, so that a row added to a public record finds it as it was.
        record = self.reviewed_record(obj)
        if record is not None and record.pk is not None:
            self._begin(request, record)
        super().save_model(request, obj, form, change)
        self._wrote(request, obj)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        self._wrote(request, form.instance)

    def delete_model(self, request: HttpRequest, obj) -> None:
        self._wrote(request, obj)
        super().delete_model(request, obj)


class ReviewedAdmin(_ReviewedEditing, ProvinceScopedAdmin, HistoryAdmin):
    """The admin of a reviewed record, limited to the user's provinces."""

    change_form_template = "admin/review/change_form.html"
    form_shows_review_version = True
    action_form = ReviewActionForm
    actions = ["send_for_review", "publish_selected", "unpublish_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        pending = Revision.objects.open().filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), models.CharField()),
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_review=Subquery(pending.values("state")[:1]),
                pending_review_version=Subquery(pending.values("version")[:1]),
            )
        )

    def get_list_display(self, request: HttpRequest):
        return [*super().get_list_display(request), "review_state"]

    def get_list_filter(self, request: HttpRequest):
        return [ReviewStateFilter, *super().get_list_filter(request)]

    @admin.display(description=_("review"))
    def review_state(self, obj: Reviewed) -> str:
        # The version of the change the list shows goes back with a bulk decision, so
        # that it applies to what the list showed (see `publish_selected`).
        version = getattr(obj, "pending_review_version", None)
        return format_html(
            '{}<input type="hidden" name="{}_{}" value="{}">',
            review_state(obj, getattr(obj, "pending_review", None)),
            REVIEW_VERSION,
            obj.pk,
            "" if version is None else version,
        )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return services.can_publish(request.user, self.model)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Taking a public record down is a reviewer's decision, made with a reason.
        if obj is not None and obj.live and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        if not self.has_publish_permission(request) and queryset.filter(live=True).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        record = self.get_object(request, object_id) if object_id else None
        return self._reviewed_view(
            request, super().changeform_view, record, object_id, form_url, extra_context
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            edit = self._edits(request).get((obj._meta.label_lower, obj.pk))
            revision = edit.revision if edit else services.open_revision(obj)
            context["review"] = {
                "state": review_state(edit.record if edit else obj, revision and revision.state),
                "revision": revision,
                "live": (edit.record if edit else obj).live,
                "shows_pending": bool(revision and revision.changes),
                "may_publish": self.has_publish_permission(request),
                "queue_url": revision
                and reverse("admin:review_revision_change", args=[revision.pk]),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _decide(self, request, queryset, step, done) -> None:
        comment = request.POST.get("comment", "")
        count = 0
        for record in queryset:
            try:
                step(record, by=request.user, comment=comment)
            except services.ReviewRefused as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
            else:
                count += 1
        if count:
            self.message_user(request, done(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Send selected for review"), permissions=["change"])
    def send_for_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        def step(record, by, comment):
            if record.live:
                raise services.ReviewRefused(
                    _("“%(record)s” is public: its saved changes wait for review already.")
                    % {"record": record}
                )
            services.request_review(record, by=by)

        self._decide(
            request,
            queryset,
            step,
            lambda n: ngettext(
                "%(count)d record waits for review.", "%(count)d records wait for review.", n
            ),
        )

    @admin.action(
        description=_("Publish selected (approving what waits)"), permissions=["publish"]
    )
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Approve each selected record's change as the list showed it: its row carries
        the version of the change it showed (none: no change waited), and a change saved
        again since then is refused, as on the review page. A record selected on other
        pages ("select all") was not shown; its change, if one waits, is refused too."""

        def step(record, by, comment):
            field = f"{REVIEW_VERSION}_{record.pk}"
            seen = services.Seen.from_form(request.POST.get(field))
            revision = services.open_revision(record)
            if record.live and revision is None:
                raise services.ReviewRefused(
                    _("“%(record)s” is public with nothing waiting.") % {"record": record}
                )
            try:
                if revision is not None:
                    services.approve(revision, by=by, comment=comment, seen=seen)
                else:
                    services.publish(record, by=by, comment=comment, seen=seen)
            except services.ChangedSinceSeen as refusal:
                if field not in request.POST:
                    message = _(
                        "“%(record)s” was not on the page you chose from: open its change "
                        "and decide there."
                    )
                else:
                    message = _("“%(record)s”: %(refusal)s")
                raise services.ReviewRefused(
                    message % {"record": record, "refusal": refusal}
                ) from None

        self._decide(
            request,
            queryset,
            step,
            lambda n: ngettext("%(count)d record published.", "%(count)d records published.", n),
        )

    @admin.action(description=_("Unpublish selected (give a reason)"), permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        def step(record, by, comment):
            services.unpublish(record, by=by, reason=comment)

        self._decide(
            request,
            queryset,
            step,
            lambda n: ngettext(
                "%(count)d record taken off the public site.",
                "%(count)d records taken off the public site.",
                n,
            ),
        )


class PartOfReviewedAdmin(_ReviewedEditing, ProvinceScopedAdmin, HistoryAdmin):
    """The admin of rows that belong to a reviewed record but have pages of their own.

    Adding, changing or deleting one here is an edit of that record, reviewed as such.
    A row stays with the record it belongs to (the link is read-only once saved), and
    only those who may publish delete several at once.

    A save here by someone who may publish also publishes the change that waits for
    that record, so these pages carry its version as the record's own form does (see
    `review_seen`) and a save from a page that showed another version is refused.
    """

    reviewed_path: str  # from this model to the reviewed record, e.g. "plan__event"
    change_form_template = "admin/review/part_of_reviewed/change_form.html"
    delete_confirmation_template = "admin/review/part_of_reviewed/delete_confirmation.html"
    form_shows_review_version = True

    def reviewed_record(self, obj: models.Model) -> Reviewed | None:
        for name in self.reviewed_path.split("__"):
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return obj

    def _may_publish(self, request: HttpRequest) -> bool:
        model = self.model
        for name in self.reviewed_path.split("__"):
            model = model._meta.get_field(name).related_model
        return services.can_publish(request.user, model)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append(self.reviewed_path.split("__")[0])
        return fields

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if not self._may_publish(request):
            actions.pop("delete_selected", None)
        return actions

    def _link(self) -> str:
        """The field that links a row to its parent (the first step of `reviewed_path`)."""
        return self.reviewed_path.split("__")[0]

    def _chosen_record(self, form: forms.Form) -> Reviewed | None:
        """The reviewed record an add form has chosen (from the URL, as `?event=7`, or
        as posted), among those the user may choose; None if none is."""
        field = form.fields.get(self._link())
        if field is None:
            return None
        try:
            parent = field.clean(form[self._link()].value())
        except forms.ValidationError:
            return None
        return self.reviewed_record(SimpleNamespace(**{self._link(): parent}))

    def review_seen(self, request: HttpRequest, record: Reviewed | None) -> dict | None:
        """What the page shows of the change waiting for `record`, posted back with a
        save: the record's key and the change's version (None: no change waited)."""
        if record is None or record.pk is None:
            return None
        if request.method == "POST":
            # The form shown again (it had errors): it still showed what it showed first,
            # and of a record chosen since, nothing.
            shown = request.POST.get(REVIEW_RECORD) == str(record.pk)
            version = request.POST.get(REVIEW_VERSION) if shown else None
            return {"record": record.pk, "version": version or None}
        edit = self._edits(request).get((record._meta.label_lower, record.pk))
        revision = edit.revision if edit is not None else services.open_revision(record)
        return {"record": record.pk, "version": revision.version if revision else None}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            record = self.reviewed_record(obj)
        else:
            record = self._chosen_record(context["adminform"].form)
        context["review_seen"] = self.review_seen(request, record)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _refused_url(self, request: HttpRequest, record: Reviewed | None) -> str:
        chosen = request.POST.get(self._link())
        if record is None and chosen:
            # The add page opens again on the record chosen, showing its change's version.
            return f"{request.path}?{urlencode({self._link(): chosen})}"
        return super()._refused_url(request, record)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        record = self.reviewed_record(obj) if obj is not None else None
        return self._reviewed_view(
            request, super().changeform_view, record, object_id, form_url, extra_context
        )

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        record = self.reviewed_record(obj) if obj is not None else None

        def confirm(request, object_id, extra_context):
            # After the view has begun the edit: the version is the one it applied.
            extra = {**(extra_context or {}), "review_seen": self.review_seen(request, record)}
            return super(PartOfReviewedAdmin, self).delete_view(request, object_id, extra)

        return self._reviewed_view(request, confirm, record, object_id, extra_context)


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdminMixin, ProvinceScopedAdmin):
    """The review queue: what waits, where, by whom and since when; one page each to
    compare the live and the proposed version and decide."""

    list_display = [
        "record_link",
        "content_type",
        "province",
        "created_by",
        "submitted_at",
        "state",
    ]
    # Only the kinds of record that have changes for review, not every model there is.
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter), "province"]
    list_select_related = ["content_type", "created_by", "province"]
    search_fields = ["record_label", "created_by__username"]
    date_hierarchy = "submitted_at"

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return (
            request.user.is_active
            and request.user.is_staff
            and super().has_view_permission(request, obj)
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).for_queue()

    @admin.display(description=_("record"), ordering="record_label")
    def record_link(self, obj: Revision):
        url = reverse("admin:review_revision_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.record_label)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, object_id)
        if revision is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        model = revision.content_type.model_class()
        record = model._default_manager.filter(pk=revision.object_id).first()
        may_decide = services.can_publish(request.user, model)
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            return self._decide(request, revision)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review: %(record)s") % {"record": revision.record_label},
            "opts": self.opts,
            "revision": revision,
            "record": record,
            "record_url": record
            and reverse(
                f"admin:{record._meta.app_label}_{record._meta.model_name}_change",
                args=[record.pk],
            ),
            "comparison": compare(record, revision) if record else None,
            "blockers": services.publication_blockers(record) if record else [],
            "overtaken": services.changed_since_proposed(revision, record)
            if record and revision.is_open
            else [],
            "may_decide": may_decide and revision.is_open,
            # What the decision applies to: the change and the record as shown here.
            "seen": services.Seen.of(revision, record)
            if may_decide and revision.is_open
            else None,
            "may_send_back": may_decide and revision.state == Revision.State.WAITING,
            # Nobody edits a revision as a form: decisions are the buttons on this page.
            "has_change_permission": False,
        }
        return TemplateResponse(request, "admin/review/revision/review.html", context)

    def _decide(self, request: HttpRequest, revision: Revision) -> HttpResponse:
        comment = request.POST.get("comment", "")[:1000]
        decision = request.POST.get("decision")
        seen = services.Seen.from_form(
            request.POST.get("seen_version"), request.POST.get("seen_content")
        )
        try:
            if decision == "approve":
                services.approve(revision, by=request.user, comment=comment, seen=seen)
                self.message_user(
                    request,
                    _("Approved: the public sees “%(record)s” as proposed now.")
                    % {"record": revision.record_label},
                    messages.SUCCESS,
                )
            elif decision == "send_back":
                services.send_back(revision, by=request.user, comment=comment, seen=seen)
                self.message_user(
                    request,
                    _("Sent back to %(author)s with your comment.")
                    % {"author": revision.created_by or _("its author")},
                    messages.SUCCESS,
                )
            else:
                raise services.ReviewRefused(_("Choose to approve or to send back."))
        except services.ReviewRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:review_revision_changelist"))

    def get_urls(self):
        return [
            path(
                "mine/",
                self.admin_site.admin_view(self.my_changes_view),
                name="review_revision_mine",
            ),
            *super().get_urls(),
        ]

    def my_changes_view(self, request: HttpRequest) -> HttpResponse:
        url = reverse("admin:review_revision_changelist")
        return HttpResponseRedirect(f"{url}?created_by__id__exact={request.user.pk}")


# The revisions' own audit trail (proposed, sent back, approved, withdrawn: who and when).
admin.site.register(Revision.history.model, AuditTrailAdmin)
