"""Django's own form-field messages that an import shows, listed for translation.

The import checks cells with the admin's form fields (decision 0051), so their
messages reach officials line by line. Django's Khmer catalogue leaves these empty;
listing them here lets `makemessages` keep them in the portal's catalogue, which is
read before Django's. Nothing calls this module's function.
"""

from django.utils.translation import gettext_noop, ngettext


def _listed() -> None:  # pragma: no cover - read by makemessages only
    gettext_noop("Enter a valid URL.")
    gettext_noop("Enter a valid email address.")
    gettext_noop("Enter a number.")
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s.")
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.")
    ngettext(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        1,
    )
    ngettext(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        1,
    )
    ngettext(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        1,
    )
