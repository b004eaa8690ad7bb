"""Values are stored by the fast path: new ones inserted, revised ones replaced with history."""

import polars as pl
import pytest
from django.db import transaction

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.models import Import, Value, ValueRevision
from marmot_monitor.web.data.store import UnknownCodesError, store_values
from marmot_monitor.web.places.models import Area, AreaType

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    Indicator.objects.create(
        code="FS001", title="Smoking prevalence", value_type="proportion", polarity="low is good"
    )
    ward = AreaType.objects.get(code="ward")
    for number in range(3):
        Area.objects.create(
            code=f"X0500000{number}", name=f"Ward {number}", area_type=ward, vintage=2024
        )


def values(**changes) -> pl.DataFrame:
    frame = {
        "indicator_code": ["FS001"] * 3,
        "area_code": ["X05000000", "X05000001", "X05000002"],
        "period": ["2023", "2023", "2024/25"],
        "count": [10.0, 20.0, None],
        "denominator": [100.0, 200.0, 50.0],
        "value": [10.0, 10.0, None],
        "lower_ci_95": [5.5, 6.6, None],
        "upper_ci_95": [17.4, 15.0, None],
        "lower_ci_99_8": [4.0, 5.0, None],
        "upper_ci_99_8": [22.0, 19.0, None],
        "value_note": [None, 'Revised, "provisional", see note\nline two', "Count < 5: suppressed"],
    }
    frame.update(changes)
    return pl.DataFrame(frame)


def store(frame, name="file.csv"):
    source = Import.objects.create(kind="values", file_name=name, sha256=name)
    with transaction.atomic():
        return store_values(frame, source=source), source


def test_new_values_are_inserted_with_their_import(catalogue):
    summary, source = store(values())
    assert (summary.inserted, summary.updated, summary.unchanged) == (3, 0, 0)
    stored = Value.objects.get(area__code="X05000001")
    assert (stored.count, stored.value, stored.upper_ci_99_8) == (20.0, 10.0, 19.0)
    assert stored.value_note == 'Revised, "provisional", see note\nline two'
    assert stored.source == source
    assert (stored.sex, stored.age, stored.category) == ("Persons", "All ages", "")


def test_missing_measures_stay_missing_and_notes_blank(catalogue):
    store(values())
    suppressed = Value.objects.get(area__code="X05000002")
    assert suppressed.count is None
    assert suppressed.value is None
    assert suppressed.period.label == "2024/25"
    assert Value.objects.get(area__code="X05000000").value_note == ""


def test_storing_the_same_values_again_changes_nothing(catalogue):
    store(values())
    before = list(Value.objects.order_by("id").values())
    summary, _ = store(values(), name="again.csv")
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 0, 3)
    assert not summary.changed_anything
    assert list(Value.objects.order_by("id").values()) == before


def test_a_revised_value_replaces_the_old_which_is_kept_in_history(catalogue):
    _, first = store(values())
    summary, second = store(values(value=[10.0, 12.5, None]), name="revised.csv")
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 1, 2)
    revised = Value.objects.get(area__code="X05000001")
    assert (revised.value, revised.source) == (12.5, second)
    history = ValueRevision.objects.get(value=revised)
    assert (history.value_before, history.source, history.replaced_by) == (10.0, first, second)


def test_unknown_area_codes_are_named_and_nothing_is_written(catalogue):
    frame = values(area_code=["X05000000", "E05000099", "E05000098"])
    with pytest.raises(
        UnknownCodesError,
        match=r"2 unknown area codes \(first: 'E05000098', 'E05000099'\).*--create-areas",
    ):
        store(frame)
    assert not Value.objects.exists()


def test_unknown_indicators_are_named(catalogue):
    with pytest.raises(UnknownCodesError, match=r"1 unknown indicators \(first: 'FS999'\)"):
        store(values(indicator_code=["FS999"] * 3))


def test_deleting_an_import_removes_its_values_and_restores_what_it_revised(catalogue):
    from marmot_monitor.web.data.history import delete_import

    _, first = store(values())
    _, second = store(
        values(
            area_code=["X05000000", "X05000001", "X05000001"],
            period=["2023", "2023", "2022"],
            value=[11.0, 10.0, 9.0],
        ),
        name="second.csv",
    )
    summary = delete_import(second.pk)
    assert (summary.removed, summary.restored) == (1, 1)
    restored = Value.objects.get(area__code="X05000000", period__label="2023")
    assert (restored.value, restored.source) == (10.0, first)
    assert not Value.objects.filter(period__label="2022").exists()
    assert not ValueRevision.objects.exists()
    assert not Import.objects.filter(pk=second.pk).exists()


def test_deleting_an_unknown_import_says_how_to_list_them(catalogue):
    from marmot_monitor.web.data.history import NoSuchImportError, delete_import

    with pytest.raises(NoSuchImportError, match="no import number 99: `marmot imports list`"):
        delete_import(99)
