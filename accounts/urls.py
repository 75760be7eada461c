"""The second factor's pages (accounts/two_factor) and the password-reset pages, under
the admin's address (ovop/urls.py).

The names are the ones Django looks for: the admin's login page links to
`admin_password_reset` when it exists, and the reset mail to `password_reset_confirm`.
"""

from django.urls import include, path

from accounts import password_reset

urlpatterns = [
    path("two-factor/", include("accounts.two_factor.urls")),
    path(
        "password_reset/",
        password_reset.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "password_reset/done/",
        password_reset.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        password_reset.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
