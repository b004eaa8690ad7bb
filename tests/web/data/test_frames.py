"""Frames of stored values for the analysis layer."""

import pytest

from marmot_monitor.web.data.frames import value_frame
from marmot_monitor.web.data.importing import import_file
from tests.io.files import fingertips_row, write_fingertips

pytestmark = pytest.mark.django_db


def test_values_split_by_a_category_are_left_out_unless_asked_for(catalogue, tmp_path):
    decile = {"Category Type": "Deprivation deciles", "Category": "Most deprived decile"}
    rows = [fingertips_row(), fingertips_row(**decile, Value="15")]
    import_file("fingertips", write_fingertips(tmp_path / "split.csv", rows))
    assert value_frame()["value"].to_list() == [10.0]
    assert sorted(value_frame(breakdowns=True)["value"].to_list()) == [10.0, 15.0]
