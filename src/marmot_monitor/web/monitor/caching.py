"""Cache what the pages compute from the database, until the data changes.

A page part that depends only on the database's contents (the rug's frame, its rendered
table...) is cached under a key holding the **data version**: a token in one row
(:class:`~marmot_monitor.web.monitor.models.DataVersion`) that changes whenever the data
changes. Old entries are then never read again and age out of the cache. The token is read
from the database on every use, so every server process, and a ``marmot import`` run from
another process, agree on it.

The token changes when any of :data:`WATCHED` is saved or deleted, or the framework's
comparators change: every import (its :class:`~marmot_monitor.web.data.models.Import` record
is saved in the import's own transaction, so a rolled-back import changes nothing), every
deleted import, the Fairshire demo, and edits in the admin. Values, populations and
deprivation are only ever written by imports, in bulk, so they are not watched one by one
(which would also slow their bulk deletes).

Use::

    rug = cached("rug", (geography, principle), lambda: place_rug(...))

or decorate a function whose arguments are the key::

    @cached_on_data("indicator-trend")
    def trend(code: str, area: str) -> Trend: ...
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from marmot_monitor.web.monitor.models import DataVersion

T = TypeVar("T")
VERSION_ROW = 1
KEY_PREFIX = "marmot"
M2M_CHANGES = {"post_add", "post_remove", "post_clear"}


def data_version() -> str:
    """The current data version's token (made on first use).

    One plain query: every cached page part asks it, so it skips the ORM's work."""
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [VERSION_ROW])
        row = cursor.fetchone()
    return row[0] if row is not None else _create_version()


def bump_data_version() -> str:
    """Give the data a new version: every cached part made before is out of date."""
    token = uuid.uuid4().hex
    changed = DataVersion.objects.filter(pk=VERSION_ROW).update(
        token=token, changed_at=timezone.now()
    )
    return token if changed else _create_version(token)


def _create_version(token: str | None = None) -> str:
    token = token or uuid.uuid4().hex
    try:
        with transaction.atomic():
            row, _ = DataVersion.objects.update_or_create(
                pk=VERSION_ROW, defaults={"token": token, "changed_at": timezone.now()}
            )
    except IntegrityError:  # another process made the row first: use theirs
        row = DataVersion.objects.get(pk=VERSION_ROW)
    return row.token


def cache_key(namespace: str, key: Hashable, *, version: str | None = None) -> str:
    """The cache key of ``key`` in ``namespace`` at the data ``version`` (default: current), in
    the page's language: a part may hold words (a chart's titles, a table's headings)."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"{KEY_PREFIX}:{namespace}:{language}:{version or data_version()}:{digest}"


def cached(namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s result, from the cache when this data version has it.

    ``key`` is what the result depends on besides the data (a tuple of the view's options);
    its ``repr`` must be the same in every process, so use strings, numbers, ``None`` and
    tuples of them. An exception from ``compute`` is raised, and nothing is cached.
    """
    name = cache_key(namespace, key)
    found = cache.get(name)
    if found is None:
        found = compute()
        cache.set(name, found)
    return found


def cached_on_data(namespace: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate a function whose arguments (and the data) decide its result: see
    :func:`cached`."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            key = (args, tuple(sorted(kwargs.items())))
            return cached(namespace, key, lambda: function(*args, **kwargs))

        return wrapper

    return decorate


def _data_changed(sender, **kwargs) -> None:
    bump_data_version()


def _comparators_changed(sender, action: str, **kwargs) -> None:
    if action in M2M_CHANGES:
        bump_data_version()


def watched_models() -> list[type]:
    """Models whose every save or delete changes the data version."""
    from marmot_monitor.web.catalogue.models import (
        AreaOfWork,
        Framework,
        Indicator,
        IndicatorPrinciple,
        Partner,
        Principle,
    )
    from marmot_monitor.web.data.models import Import, Period
    from marmot_monitor.web.places.models import Area, AreaType

    return [
        Import,
        Period,
        Area,
        AreaType,
        Framework,
        Principle,
        Partner,
        AreaOfWork,
        Indicator,
        IndicatorPrinciple,
    ]


def watch_data_changes() -> None:
    """Connect the signals that bump the data version (called once, when the app is ready)."""
    from marmot_monitor.web.catalogue.models import Framework

    for model in watched_models():
        post_save.connect(_data_changed, sender=model, dispatch_uid=f"data-version-save-{model}")
        post_delete.connect(
            _data_changed, sender=model, dispatch_uid=f"data-version-delete-{model}"
        )
    m2m_changed.connect(
        _comparators_changed,
        sender=Framework.comparators.through,
        dispatch_uid="data-version-comparators",
    )
