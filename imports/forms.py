"""The admin's two import steps: upload a file, then confirm what its preview showed."""

from datetime import timedelta

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export.forms import SelectableFieldsExportForm

CONFIRM_SALT = "imports.confirm"
# A preview older than this must be uploaded again (clear_import_uploads removes its
# file after a day by default).
CONFIRM_MAX_AGE = timedelta(days=1)


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
    """The confirmation of one preview, by the user who made it.

    The preview's waiting file is named by a token signed with the portal's secret key
    and bound to that user and that import (`sign_upload`); a name typed into a forged
    form, another user's token or one for another import is refused, and no file but
    the preview's own is ever read or deleted.
    """

    upload = forms.CharField(widget=forms.HiddenInput())
    checksum = forms.CharField(widget=forms.HiddenInput())
    create_missing_parents = forms.BooleanField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, user: AbstractBaseUser, dataset: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.dataset = dataset

    def clean_upload(self) -> str:
        """The name of the preview's waiting file, from a token this user's preview made.

        The name the file had when the server received it comes from the same token
        (`file_name` in cleaned_data): nothing the browser sends back names the file.
        """
        try:
            signed = signing.loads(
                self.cleaned_data["upload"], salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This confirmation is not one of your previews."), code="forged"
            ) from None
        if signed.get("user") != self.user.pk or signed.get("dataset") != self.dataset:
            raise forms.ValidationError(
                _("This confirmation is not one of your previews."), code="forged"
            )
        self.cleaned_data["file_name"] = str(signed.get("file_name", ""))
        # Only a name inside the temporary folder, never a path.
        return str(signed.get("name", "")).replace("\\", "/").rsplit("/", 1)[-1]


def sign_upload(name: str, *, user: AbstractBaseUser, dataset: str, file_name: str) -> str:
    """The token a preview hands its confirmation: the waiting file's name and the name
    the upload had, signed and bound to the user and the import."""
    return signing.dumps(
        {"name": name, "user": user.pk, "dataset": dataset, "file_name": file_name},
        salt=CONFIRM_SALT,
    )


class LabelledExportForm(SelectableFieldsExportForm):
    """The export page's field choices named as the record's form names them (in the
    reader's language), not by the file's column names title-cased ("Name En"); a
    column that is no field of the record keeps its column name, as the file has it."""

    def _get_field_label(self, resource, field_name: str) -> str:
        try:
            return capfirst(resource._meta.model._meta.get_field(field_name).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            field = resource.fields.get(field_name)
            return field.column_name if field else field_name
