"""The base of every export resource: spreadsheet formulas neutralised in every cell.

django-import-export's own escaping is off by default and, when on, only handles a
leading `=`; see imports.cells for the rule applied here instead.
"""

from __future__ import annotations

from import_export import resources

from imports.cells import neutralise


class ExportResource(resources.ModelResource):
    """A ModelResource whose exported cells cannot run as spreadsheet formulas."""

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


def export_resource_for(model) -> type[ExportResource]:
    """A plain export of every field of `model`, for changelists without a file format."""
    return resources.modelresource_factory(model, resource_class=ExportResource)
