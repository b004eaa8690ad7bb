"""Importing a values file: checked against the database, then all of it written or none."""

import polars as pl
import pytest

from marmot_monitor.io.problems import InvalidRowsError
from marmot_monitor.web.data import loaders
from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import Import, Period, Value, ValueRevision
from marmot_monitor.web.places.models import Area
from tests.io.files import fingertips_row, write_fingertips

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_wards(tmp_path):
    return write_fingertips(
        tmp_path / "smoking.csv",
        [
            fingertips_row(),
            fingertips_row(
                **{"Area Code": "X05000002", "Area Name": "Barley Fields", "Value": "12"}
            ),
        ],
    )


def database_state():
    return (
        list(Import.objects.values_list("id", "file_name")),
        list(Value.objects.order_by("id").values()),
        list(Area.objects.order_by("id").values_list("code", "parent_id")),
        list(Period.objects.values_list("label", flat=True)),
    )


def test_a_fingertips_file_is_stored_with_its_import(catalogue, two_wards):
    result = import_file("fingertips", two_wards)
    assert (result.inserted, result.updated, result.rows_rejected) == (2, 0, 0)
    record = Import.objects.get(pk=result.import_id)
    assert (record.kind, record.file_name, record.status) == (
        "fingertips",
        "smoking.csv",
        "succeeded",
    )
    assert (record.rows_read, record.rows_written) == (2, 2)
    assert len(record.sha256) == 64
    assert record.finished_at is not None
    stored = Value.objects.get(area__code="X05000001")
    assert (stored.indicator.code, stored.period.label, stored.age) == (
        "SMOKING",
        "2019/20",
        "18+ yrs",
    )
    assert (stored.value, stored.lower_ci_95, stored.count, stored.source_id) == (
        10.0,
        5.5,
        10.0,
        record.pk,
    )


def test_importing_the_same_file_again_changes_nothing_and_says_so(catalogue, two_wards):
    first = import_file("fingertips", two_wards)
    before = database_state()
    again = import_file("fingertips", two_wards)
    assert not again.changed_anything
    assert (again.inserted, again.updated, again.unchanged, again.import_id) == (0, 0, 2, None)
    assert again.earlier_import.startswith(
        f"the same file was imported as import {first.import_id}"
    )
    assert database_state() == before


def test_a_revised_value_replaces_the_old_which_is_kept(catalogue, two_wards, tmp_path):
    first = import_file("fingertips", two_wards)
    revised = write_fingertips(tmp_path / "revised.csv", [fingertips_row(Value="11")])
    result = import_file("fingertips", revised)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 0)
    history = ValueRevision.objects.get()
    assert (history.value_before, history.source_id) == (10.0, first.import_id)
    assert Value.objects.get(area__code="X05000001").value == 11.0


def test_rows_repeated_once_per_parent_are_stored_once(catalogue, tmp_path):
    path = write_fingertips(
        tmp_path / "parents.csv",
        [
            fingertips_row(),
            fingertips_row(**{"Parent Code": "X12000001", "Parent Name": "South Fairland"}),
        ],
    )
    result = import_file("fingertips", path)
    assert (result.inserted, result.reading.repeats) == (1, 1)
    assert any("1 repeated row dropped" in note for note in result.notes)


def test_an_unknown_area_refuses_the_file_and_writes_nothing(catalogue, tmp_path):
    path = write_fingertips(
        tmp_path / "unknown.csv",
        [fingertips_row(), fingertips_row(**{"Area Code": "X05000099", "Area Name": "Castle"})],
    )
    before = database_state()
    with pytest.raises(InvalidRowsError) as refused:
        import_file("fingertips", path)
    problem = refused.value.shown[0]
    assert (problem.row, problem.column, problem.value) == (3, "Area Code", "X05000099")
    assert problem.rule == "names an area the database does not hold"
    assert "--create-areas" in problem.fix
    assert database_state() == before


def test_create_areas_adds_unknown_areas_with_the_names_and_parents_in_the_file(
    catalogue, tmp_path
):
    path = write_fingertips(
        tmp_path / "new.csv", [fingertips_row(**{"Area Code": "X05000099", "Area Name": "Castle"})]
    )
    result = import_file("fingertips", path, options=ImportOptions(create_areas=True))
    assert (result.areas_created, result.inserted) == (1, 1)
    castle = Area.objects.get(code="X05000099")
    assert (castle.name, castle.area_type.code, castle.parent.code, castle.vintage) == (
        "Castle",
        "ward",
        "X10000001",
        2020,
    )


def test_an_unknown_indicator_is_named_with_its_row(catalogue, tmp_path):
    path = write_fingertips(tmp_path / "other.csv", [fingertips_row(**{"Indicator ID": "93000"})])
    with pytest.raises(InvalidRowsError) as refused:
        import_file("fingertips", path)
    problem = refused.value.shown[0]
    assert (problem.row, problem.column, problem.value) == (2, "Indicator ID", "93000")
    assert problem.rule == "names an indicator the catalogue does not hold"


def test_a_proportion_count_above_its_denominator_is_refused(catalogue, tmp_path):
    path = write_fingertips(tmp_path / "bad.csv", [fingertips_row(Count="120", Denominator="100")])
    with pytest.raises(InvalidRowsError, match="count is larger than the denominator"):
        import_file("fingertips", path)


def test_skip_invalid_writes_the_good_rows_and_counts_the_rejected(catalogue, tmp_path):
    path = write_fingertips(
        tmp_path / "mixed.csv",
        [
            fingertips_row(),
            fingertips_row(**{"Area Code": "X05000002", "Value": "lots"}),
            fingertips_row(**{"Area Code": "X05000099"}),
        ],
    )
    result = import_file("fingertips", path, options=ImportOptions(skip_invalid=True))
    assert (result.inserted, result.rows_rejected) == (1, 2)
    assert result.problems.rows.to_list() == [3, 4]
    assert Import.objects.get(pk=result.import_id).rows_rejected == 2


def test_a_dry_run_reports_what_would_change_and_writes_nothing(catalogue, two_wards):
    before = database_state()
    result = import_file("fingertips", two_wards, options=ImportOptions(dry_run=True))
    assert (result.inserted, result.dry_run) == (2, True)
    assert database_state() == before


def test_an_import_killed_midway_leaves_the_database_as_before(catalogue, tmp_path, monkeypatch):
    path = write_fingertips(
        tmp_path / "new.csv",
        [fingertips_row(), fingertips_row(**{"Area Code": "X05000099", "Area Name": "Castle"})],
    )
    before = database_state()
    real_store = loaders.store_values

    def store_then_die(rows, *, source):
        real_store(rows, source=source)
        assert Value.objects.filter(source=source).count() == 2
        raise KeyboardInterrupt

    monkeypatch.setattr(loaders, "store_values", store_then_die)
    with pytest.raises(KeyboardInterrupt):
        import_file("fingertips", path, options=ImportOptions(create_areas=True))
    assert database_state() == before


def test_indicators_are_matched_by_catalogue_code_as_well_as_fingertips_id(catalogue, tmp_path):
    path = write_fingertips(tmp_path / "ours.csv", [fingertips_row(**{"Indicator ID": "SMOKING"})])
    assert import_file("fingertips", path).inserted == 1


def test_problems_leave_out_nothing_in_the_rejects_frame(catalogue, tmp_path):
    path = write_fingertips(tmp_path / "bad.csv", [fingertips_row(Value="x1")] * 3)
    with pytest.raises(InvalidRowsError) as refused:
        import_file("fingertips", path)
    assert refused.value.problems.frame.filter(pl.col("rule") == "is not a number").height == 3
