"""The admin start page's panels, each in the app whose records it counts.

An app registers a panel with `start_panel`: it is shown to staff holding one
permission, and its function, given the user, returns the panel's context.
"""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.contrib.auth.base_user import AbstractBaseUser

PanelContext = Callable[[AbstractBaseUser], dict]


def start_panel(
    library: template.Library, template_name: str, permission: str
) -> Callable[[PanelContext], PanelContext]:
    """Register the decorated function as an inclusion tag of `library` (named as the
    function) rendering `template_name`, shown only to a user with `permission`."""

    def register(function: PanelContext) -> PanelContext:
        def panel(context: template.Context) -> dict:
            user = getattr(context.get("request"), "user", None)
            if user is None or not user.has_perm(permission):
                return {"show": False}
            return {"show": True, **function(user)}

        library.inclusion_tag(template_name, takes_context=True, name=function.__name__)(panel)
        return function

    return register
