"""The admin's two import steps: upload a file, then confirm what its preview showed."""

from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    import_file = forms.FileField(
        label=_("file"),
        help_text=_("CSV (UTF-8, with or without a byte-order mark) or Excel workbook (XLSX)."),
    )
    create_missing_parents = forms.BooleanField(
        label=_("create missing parents as flagged placeholders"),
        required=False,
        help_text=_(
            "When a row names a province, district or commune that the portal does not "
            "have, create it as a placeholder flagged for review instead of refusing the file."
        ),
    )


class ConfirmForm(forms.Form):
    import_file_name = forms.CharField(widget=forms.HiddenInput())
    original_file_name = forms.CharField(widget=forms.HiddenInput())
    checksum = forms.CharField(widget=forms.HiddenInput())
    create_missing_parents = forms.BooleanField(widget=forms.HiddenInput(), required=False)

    def clean_import_file_name(self) -> str:
        # Only a name inside the temporary folder, never a path a client chose.
        name = self.cleaned_data["import_file_name"]
        return name.replace("\\", "/").rsplit("/", 1)[-1]
