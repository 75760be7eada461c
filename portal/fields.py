"""Model fields shared by the portal's apps."""

from django.db import models


class WebsiteField(models.URLField):
    """A web address; typed without a scheme, it is taken to be https://."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
