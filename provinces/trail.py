"""Where a place lies: the trail from its province down to it, for breadcrumbs."""

from __future__ import annotations

from django.db.models import Model

from provinces.models import Commune, District, Village


def place_trail(place: Model) -> list[Model]:
    """The places from the province down to `place`, for breadcrumbs.

    Expects the parents to be joined already (the page querysets do), so it costs no query.
    """
    trail: list[Model] = []
    while place is not None:
        trail.insert(0, place)
        if isinstance(place, Village):
            place = place.commune
        elif isinstance(place, Commune):
            place = place.district
        elif isinstance(place, District):
            place = place.province
        else:
            place = None
    return trail
