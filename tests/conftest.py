"""Fixtures shared by the whole suite."""

import pytest


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
