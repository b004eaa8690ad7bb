"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    """Serve static files from the package, as ``marmot serve`` does after collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
