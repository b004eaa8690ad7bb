"""A load larger than the values table drops its indexes and builds them again after."""

import pytest
from django.db import IntegrityError, connection, transaction

from marmot_monitor.web.data import bulk
from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.data.models import Value
from tests.io.files import fingertips_row, write_fingertips

pytestmark = pytest.mark.django_db


def indexes() -> list[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "data_value")
    return sorted(name for name, details in found.items() if details["index"] or details["unique"])


@pytest.fixture
def every_load_is_big(monkeypatch):
    monkeypatch.setattr(bulk, "BIG_LOAD", 1)


@pytest.fixture
def two_rows(tmp_path):
    rows = [fingertips_row(), fingertips_row(**{"Area Code": "X05000002"})]
    return write_fingertips(tmp_path / "two.csv", rows)


def test_a_big_first_load_stores_everything_and_rebuilds_the_indexes(
    catalogue,
    every_load_is_big,
    two_rows,
):
    before = indexes()
    assert import_file("fingertips", two_rows).inserted == 2
    assert indexes() == before
    copy = Value.objects.values().first()
    copy.pop("id")
    with pytest.raises(IntegrityError), transaction.atomic():
        Value.objects.create(**copy)


def test_a_big_load_that_fails_leaves_the_indexes_and_rows_as_they_were(
    catalogue,
    every_load_is_big,
    two_rows,
    monkeypatch,
):
    before = indexes()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        bulk, "_copy_in" if connection.vendor == "postgresql" else "_insert_many", fail
    )
    with pytest.raises(RuntimeError):
        import_file("fingertips", two_rows)
    assert indexes() == before
    assert not Value.objects.exists()


def test_a_load_smaller_than_the_table_keeps_the_indexes(catalogue, two_rows, tmp_path):
    import_file("fingertips", two_rows)
    with transaction.atomic(), bulk.indexes_rebuilt_after("data_value", 1) as dropped:
        assert not dropped
