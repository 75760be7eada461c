"""Production logs are one JSON object a line on standard output."""

import json
import subprocess
import sys

from tests.portal.test_settings import PRODUCTION, PROJECT


def test_production_logs_one_json_object_a_line_on_standard_output():
    script = "import logging; logging.getLogger('portal').warning('cache unreachable')"
    environment = {**PRODUCTION, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=PROJECT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "ovop.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "portal"
    assert line["message"] == "cache unreachable"
    assert line["time"].endswith("+00:00")
