"""The base of every export resource: spreadsheet formulas neutralised in every cell.

django-import-export's own escaping is off by default and, when on, only handles a
leading `=`; see imports.cells for the rule applied here instead.
"""

from __future__ import annotations

from import_export import fields, resources

from imports.cells import neutralise


class ExportResource(resources.ModelResource):
    """A ModelResource whose exported cells cannot run as spreadsheet formulas."""

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


def export_resource_for(model) -> type[ExportResource]:
    """A plain export of every field of `model`, for changelists without a file format."""
    return resources.modelresource_factory(model, resource_class=ExportResource)


def resource_for(definition, name: str, *, model=None, rows=None) -> type[ExportResource]:
    """The export of an importable model: the import's columns, read from the fields (or
    paths) its definition names, in its order, so that an export imports back as is.

    `rows(queryset)`, when the file's rows are not the changelist's records (a score
    sheet's file has a row per score), gives the `model` records to write from the
    changelist's queryset.
    """
    attributes: dict[str, object] = {
        column.name: fields.Field(attribute=column.export_attribute, column_name=column.name)
        for column in definition.columns
    }
    related = sorted(
        {
            column.export_attribute.rsplit("__", 1)[0]
            for column in definition.columns
            if column.export_attribute and "__" in column.export_attribute
        }
    )
    attributes["Meta"] = type(
        "Meta", (), {"model": model or definition.model, "fields": definition.column_names}
    )

    def filter_export(self, queryset, **kwargs):
        return (rows(queryset) if rows else queryset).select_related(*related)

    attributes["filter_export"] = filter_export
    attributes["__module__"] = definition.__class__.__module__
    return type(name, (ExportResource,), attributes)
