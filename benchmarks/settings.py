"""The portal's settings plus one bare view, for the serving benchmark only."""

from ovop.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
