"""Fixtures shared by the whole suite."""

import pytest
from hypothesis import settings

from marmot_monitor.demo import build_fairshire

# No Hypothesis deadline anywhere: a deadline asserts a time, and a loaded machine (or a
# parallel run on two cores) makes any time limit fail tests that are right.
settings.register_profile("marmot", deadline=None)
settings.load_profile("marmot")


@pytest.fixture(scope="session")
def small_fairshire():
    """The small Fairshire demo (default seed), built once per test process: read-only."""
    return build_fairshire(scale="small")


@pytest.fixture(scope="session")
def fairshire():
    """The full Fairshire demo (default seed), built once per test process: read-only."""
    return build_fairshire()


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(request):
    """Serve static files from the package, as ``marmot serve`` does after collectstatic.

    Applies only where pytest-django is active (pure-layer tests may run without it).
    """
    if not request.config.pluginmanager.hasplugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
