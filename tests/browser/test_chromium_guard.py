"""The browser tests never pass silently without a browser in CI."""

from pathlib import Path

import pytest

from tests.browser.conftest import require_chromium

MISSING = Path("/nonexistent/chromium")


def test_a_missing_browser_fails_in_ci():
    with pytest.raises(pytest.fail.Exception, match="Chromium is not installed"):
        require_chromium(MISSING, in_ci=True)


def test_a_missing_browser_skips_elsewhere_saying_why():
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_chromium(MISSING, in_ci=False)


def test_an_installed_browser_is_used(tmp_path):
    executable = tmp_path / "chromium"
    executable.touch()

    require_chromium(executable, in_ci=True)  # neither fails nor skips
