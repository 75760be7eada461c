"""A headless Chromium (Debian's, not a Playwright download) for the journey tests.

On a laptop without Chromium the browser tests skip and say why; in CI (CI=true)
a missing browser is a failure, so the journey can never silently stop running.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("OVOP_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's synchronous API runs an event loop in the test's thread; the tests
# still call the ORM synchronously (to build data), which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def require_chromium(executable: Path, in_ci: bool) -> None:
    """Fail (in CI) or skip (elsewhere) when the browser is not installed."""
    if executable.exists():
        return
    message = f"Chromium is not installed at {executable} (apt-get install chromium)."
    if in_ci:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    require_chromium(CHROMIUM, in_ci=os.environ.get("CI", "").lower() in {"true", "1", "yes"})
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go (git ignores it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """Uploads and thumbnails go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def portal(settings, live_server, media_root) -> Iterator[str]:
    """The live portal's address, serving uploaded photos as well, and printed on the
    documents it makes (the certificates' QR codes)."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.SITE_URL = live_server.url
    yield live_server.url
