"""The Content-Security-Policy allows no inline code, and every admin page lives with it."""

import base64
import hashlib
import html
import re

from django.contrib import admin
from django.urls import reverse

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+=\"([^\"]*)\"", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=\"([^\"]*)\"", re.I)


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def admin_pages(takeo, user) -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        pages += [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        ]
    product = takeo["products.product"].pk
    pages += [
        reverse("admin:products_product_change", args=[product]),
        reverse("admin:products_product_history", args=[product]),
        reverse("admin:provinces_village_import"),
        reverse("admin:provinces_village_export"),
        reverse("admin:auth_user_change", args=[user.pk]),
        reverse("admin_password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_confirm", args=["MQ", "set-password"]),
        reverse("password_reset_complete"),
    ]
    return pages


def test_the_policy_forbids_inline_code_and_other_origins(db, client):
    directives = policy(client.get("/en/"))

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'"
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    for values in directives.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values
        assert "*" not in values


def test_every_admin_page_runs_under_the_policy(client, users, takeo, national):
    client.force_login(users["administrator"])
    problems = []
    for url in admin_pages(takeo, users["official"]):
        response = client.get(url)
        if response.status_code != 200:
            continue
        directives = policy(response)
        page = response.content.decode()
        problems += [f"{url}: inline script {tag}" for tag in INLINE_SCRIPT.findall(page)]
        problems += [
            f"{url}: handler {code!r}"
            for code in HANDLER.findall(page)
            if sha256(html.unescape(code)) not in directives["script-src"]
        ]
        problems += [
            f"{url}: style {style!r}"
            for style in STYLE_ATTRIBUTE.findall(page)
            if sha256(html.unescape(style)) not in directives["style-src-attr"]
        ]

    assert problems == []
