"""Import and export in the admin, and the import log.

`ImportExportAdmin` is mixed into a model's admin class: upload → preview (counts,
invalid rows with their problems, a capped sample of changes) → confirm. It keeps
django-import-export's permissions, temporary storage, buttons and export, and
replaces only its row-by-row import engine by imports.services.run_import, which
checks the file as a whole and writes in bulk (see docs/decisions). `SafeExportMixin`
gives every other changelist an export whose cells cannot run as formulas.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from imports.definitions import ImportDefinition, ImportOptions, definition_for_model
from imports.forms import ConfirmForm, LabelledExportForm, UploadForm, sign_upload
from imports.models import ImportLog
from imports.reading import MAX_FILE_BYTES
from imports.resources import export_resource_for
from imports.services import checksum, import_provinces, may_import, run_import
from portal.admin import ReadOnlyAdminMixin

PREVIEW_PROBLEMS = 100


class SafeExportMixin(ExportMixin):
    """Exports to CSV and XLSX, filtered as the changelist shows, formulas neutralised."""

    export_formats = [CSV, XLSX]
    export_form_class = LabelledExportForm

    def get_export_resource_classes(self, request):
        return self.resource_classes or [export_resource_for(self.model)]


class ImportExportAdmin(SafeExportMixin, ImportExportMixin):
    """The admin's import, on top of the model's own admin class (mix in first)."""

    import_formats = [CSV, XLSX]
    import_template_name = "admin/imports/import.html"

    def get_import_definition(self) -> ImportDefinition:
        definition = definition_for_model(self.model)
        if definition is None:
            raise LookupError(f"No import definition for {self.model._meta.label}")
        return definition

    def has_import_permission(self, request: HttpRequest) -> bool:
        # The same rule as `import_data --user`.
        return may_import(request.user, self.get_import_definition())

    def get_import_provinces(self, request: HttpRequest) -> frozenset[str] | None:
        """Codes of the provinces this user may write by import; None for all."""
        return import_provinces(request.user, self.model)

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        definition = self.get_import_definition()
        response = HttpResponse(
            definition.template_csv().encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{definition.name}-template.csv"'
        return response

    def import_action(self, request: HttpRequest, **kwargs) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        definition = self.get_import_definition()
        form = UploadForm(request.POST or None, request.FILES or None)
        context = {"form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("import_file", _("The file is too large."))
            else:
                data = upload.read()
                options = ImportOptions(
                    create_missing_parents=form.cleaned_data["create_missing_parents"],
                    provinces=self.get_import_provinces(request),
                    editor=request.user,
                )
                report = run_import(definition, data, upload.name, options=options, dry_run=True)
                context["report"] = report
                if report.ok:
                    storage = self.get_tmp_storage_class()(
                        encoding=None, read_mode="rb", **self.get_tmp_storage_class_kwargs()
                    )
                    storage.save(data)
                    context["confirm_form"] = ConfirmForm(
                        user=request.user,
                        dataset=definition.name,
                        initial={
                            "upload": sign_upload(
                                storage.name,
                                user=request.user,
                                dataset=definition.name,
                                file_name=upload.name,
                            ),
                            "checksum": report.checksum,
                            "create_missing_parents": options.create_missing_parents,
                        },
                    )
        return self.render_import_page(request, definition, context)

    @method_decorator(require_POST)
    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        definition = self.get_import_definition()
        form = ConfirmForm(request.POST, user=request.user, dataset=definition.name)
        if not form.is_valid():
            # A forged or foreign confirmation: nothing is read, nothing deleted.
            raise PermissionDenied
        storage = self.get_tmp_storage_class()(
            name=form.cleaned_data["upload"],
            encoding=None,
            read_mode="rb",
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            data = storage.read()
        except (OSError, TypeError):
            data = None
        if not data or checksum(data) != form.cleaned_data["checksum"]:
            messages.error(
                request, _("The uploaded file is no longer available; upload it again.")
            )
            return HttpResponseRedirect(self.import_url())
        options = ImportOptions(
            create_missing_parents=form.cleaned_data["create_missing_parents"],
            provinces=self.get_import_provinces(request),
            editor=request.user,
        )
        report = run_import(
            definition,
            data,
            form.cleaned_data["file_name"],
            options=options,
            user=request.user,
            source=ImportLog.Source.ADMIN,
        )
        storage.remove()
        if not report.ok:
            # The database changed between preview and confirm: show the new findings.
            return self.render_import_page(
                request, definition, {"form": UploadForm(), "report": report}
            )
        messages.success(
            request,
            _("Imported %(file)s: %(summary)s.")
            % {"file": report.file_name, "summary": report.summary},
        )
        for note in report.notes:  # what else the import did: an edition, waiting changes
            messages.info(request, note)
        info = self.get_model_info()
        return HttpResponseRedirect(
            reverse("admin:{}_{}_changelist".format(*info), current_app=self.admin_site.name)
        )

    def import_url(self) -> str:
        info = self.get_model_info()
        return reverse("admin:{}_{}_import".format(*info), current_app=self.admin_site.name)

    def render_import_page(
        self, request: HttpRequest, definition: ImportDefinition, context: dict
    ) -> TemplateResponse:
        report = context.get("report")
        context.update(
            self.admin_site.each_context(request),
            title=_("Import %(what)s") % {"what": self.model._meta.verbose_name_plural},
            opts=self.model._meta,
            definition=definition,
            preview_limit=PREVIEW_PROBLEMS,
        )
        if report is not None:
            context["errors"] = report.errors[:PREVIEW_PROBLEMS]
            context["warnings"] = report.warnings[:PREVIEW_PROBLEMS]
            context["more_errors"] = max(0, len(report.errors) - PREVIEW_PROBLEMS)
            context["more_warnings"] = max(0, len(report.warnings) - PREVIEW_PROBLEMS)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)


@admin.register(ImportLog)
class ImportLogAdmin(ReadOnlyAdminMixin, SafeExportMixin, admin.ModelAdmin):
    """Every confirmed import, for audit: read-only, exportable."""

    list_display = [
        "imported_at",
        "dataset",
        "file_name",
        "user",
        "source",
        "rows",
        "created",
        "updated",
        "unchanged",
        "warnings",
    ]
    list_filter = ["dataset", "source", "imported_at"]
    list_select_related = ["user"]
    search_fields = ["file_name", "checksum", "user__username"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        "imported_at",
        "dataset",
        "file_name",
        "checksum",
        "user",
        "source",
        "rows",
        "created",
        "updated",
        "unchanged",
        "warnings",
        "placeholders",
        "create_missing_parents",
        "strict",
    ]
    fields = readonly_fields

    # Officials without the log's own permission see the imports they made themselves.
    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if super().has_view_permission(request, obj):
            return True
        return imports_anything(request.user) and (obj is None or obj.user_id == request.user.pk)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if super().has_view_permission(request):
            return queryset
        return queryset.filter(user=request.user)


def imports_anything(user: AbstractBaseUser) -> bool:
    """Whether the user may import anything (holds some `<app>.import_<model>`)."""
    return any(perm.split(".", 1)[1].startswith("import_") for perm in user.get_all_permissions())
