"""Fixtures shared by the whole suite."""

import pytest
from hypothesis import settings

from marmot_monitor.demo import build_fairshire

ONCE = "module_db"

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


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a module's tests, rolled back after its last test: rows that a
    module-scoped fixture requesting this writes are there for every test of the module.
    Each test's own transaction (``db``) nests inside it as a savepoint, so what one test
    changes is gone before the next."""
    from django.db import transaction

    with django_db_blocker.unblock():
        module = transaction.atomic()
        module.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_for_the_module(module_db, small_fairshire, django_db_blocker):
    """The small demo, loaded once for a module's tests (see ``module_db``)."""
    from marmot_monitor.web.demo import load_fairshire

    with django_db_blocker.unblock():
        load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire


@pytest.fixture
def demo(demo_for_the_module, db):
    """The small Fairshire demo in the test's database (27 LSOAs, 9 wards, 3 districts,
    comparators, the programme and its users), with the page cache empty."""
    from django.core.cache import cache

    cache.clear()
    return demo_for_the_module


def pytest_collection_modifyitems(items):
    """A module that writes rows once for its tests (``module_db``) gives them to every
    database test it has: a test without them would find them or not depending on the order
    the tests run in."""
    modules: dict[object, list[pytest.Item]] = {}
    for item in items:
        if item.get_closest_marker("django_db") is not None:
            modules.setdefault(getattr(item, "module", None), []).append(item)
    problems = []
    for module_items in modules.values():
        if any(ONCE in item.fixturenames for item in module_items):
            without = [item.name for item in module_items if ONCE not in item.fixturenames]
            if without:
                problems.append(f"{module_items[0].module.__name__}: {', '.join(without)}")
    if problems:
        raise pytest.UsageError(
            f"These modules write rows once for their tests (fixture {ONCE!r}, e.g. through"
            " 'demo'), but some of their database tests do not use it: give them the fixture"
            " (e.g. pytest.mark.usefixtures('demo') in pytestmark) or move them to another"
            " module.\n" + "\n".join(problems)
        )


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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A request to a Welsh page (/cy/...) leaves Welsh active in the test's thread, where the
    next test's ``reverse`` would then make /cy/ addresses: each test starts in English, before
    any of its fixtures is set up (a module's fixture may sign in and walk pages with
    ``reverse``, and it is set up before the test's own fixtures)."""
    if not item.config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
