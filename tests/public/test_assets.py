"""Every asset comes from the portal: vendored Bootstrap and Khmer font, compressed
and cache-busted by WhiteNoise's storage, with no reference to another host."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STATIC = Path(settings.BASE_DIR) / "static"


def test_vendored_assets_ship_with_their_licences():
    for folder in ("vendor/bootstrap", "vendor/noto-sans-khmer"):
        licence = finders.find(f"{folder}/LICENSE")
        assert licence and Path(licence).read_text().strip(), folder
    assert finders.find("vendor/bootstrap/css/bootstrap.min.css")
    assert finders.find("vendor/noto-sans-khmer/noto-sans-khmer-khmer-400-normal.woff2")


def test_templates_and_stylesheets_load_nothing_from_another_host():
    sources = [*TEMPLATES.rglob("*.html"), *(STATIC / "css").rglob("*.css")]
    external = re.compile(r"""(?:src|href)=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""")
    offenders = [str(path) for path in sources if external.search(path.read_text())]
    assert offenders == []


def test_templates_have_no_inline_scripts_or_styles():
    # A Content-Security-Policy without 'unsafe-inline' must not break any page.
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    offenders = [
        str(path) for path in TEMPLATES.rglob("*.html") if inline.search(path.read_text())
    ]
    assert offenders == []


def test_pages_use_no_inline_scripts_or_styles_once_rendered(client, takeo):
    # A JSON-LD data block is never run, so the policy does not apply to it.
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>|<style\b|\sstyle=|\son[a-z]+=",
        re.I,
    )
    for url in ("/en/", "/en/products/", takeo.product.get_absolute_url(), "/km/provinces/takeo/"):
        assert not inline.search(client.get(url).content.decode()), url


def test_collected_static_files_are_compressed_and_have_cache_busting_names(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)

    css = list((tmp_path / "css").glob("portal.*.css"))
    assert len(css) == 1, "portal.css has no hashed copy"
    assert (tmp_path / "css" / f"{css[0].name}.gz").exists()
    # The font's stylesheet points at the font by its hashed name, so caches never go stale.
    font_css = list((tmp_path / "css").glob("khmer-font.*.css"))
    assert len(font_css) == 1, "khmer-font.css has no hashed copy"
    assert re.search(
        r"noto-sans-khmer-khmer-400-normal\.[0-9a-f]{12}\.woff2", font_css[0].read_text()
    )
    assert list((tmp_path / "vendor/bootstrap/css").glob("bootstrap.min.*.css.gz"))
