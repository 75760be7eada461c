"""Photo renditions in templates, without letting one bad upload break a page."""

import logging

from django import template
from imagekit.cachefiles.backends import CacheFileState

from products.models import ProductPhoto

register = template.Library()
logger = logging.getLogger(__name__)

RENDITIONS = {"thumbnail", "large"}


@register.simple_tag
def rendition_url(photo: ProductPhoto | str | None, rendition: str) -> str:
    """The URL of a photo's re-encoded rendition, made on first use.

    Empty when there is no photo or its upload is missing or unreadable: the page
    then shows a placeholder instead of failing, and the problem is logged.
    """
    if rendition not in RENDITIONS:
        raise template.TemplateSyntaxError(f"Unknown photo rendition {rendition!r}.")
    if not photo:  # no photo: None, or "" from the `first` filter on an empty list
        return ""
    rendered = getattr(photo, rendition)
    try:
        return rendered.url
    except (OSError, SyntaxError, ValueError):
        # OSError covers a missing file and Pillow's UnidentifiedImageError.
        logger.exception("Cannot make the %s of product photo %s", rendition, photo.pk)
        # imagekit would otherwise remember the failed rendition as "being generated"
        # and hand out its URL, a broken image, from then on.
        rendered.cachefile_backend.set_state(rendered, CacheFileState.DOES_NOT_EXIST)
        return ""
