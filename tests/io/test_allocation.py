"""Allocation files: the current allocation read with clear errors, and the areas written."""

import io

import openpyxl
import polars as pl
import pytest

from marmot_monitor.analysis.allocation import allocate, decile_need, linear_weights
from marmot_monitor.analysis.allocation_review import review_allocation
from marmot_monitor.io.allocation import (
    allocation_to_csv,
    allocation_to_xlsx,
    read_current_allocation,
)
from tests.io.spreadsheets import HOSTILE, csv_problems, xlsx_problems


def review():
    lsoas = pl.DataFrame(
        {"area_code": list(HOSTILE), "imd_decile": range(1, 7), "population": [10.0] * 6}
    )
    model = decile_need(lsoas, linear_weights(1))
    result = allocate(model, budget=100, floor_share=0.5)
    names = lsoas.select("area_code", pl.col("area_code").alias("area_name"))
    return review_allocation(model, result, lsoas, names=names, budget=100, floor_share=0.5)


def test_written_allocations_hold_no_live_formula():
    content = io.BytesIO()
    allocation_to_csv(review(), content)
    assert csv_problems(content.getvalue()) == []
    book = io.BytesIO()
    allocation_to_xlsx(review(), book, method=[("Need", HOSTILE[0])])
    assert xlsx_problems(book.getvalue()) == []
    assert openpyxl.load_workbook(book)["Method"]["B2"].value == HOSTILE[0]


def test_a_current_allocation_is_read_with_pounds_signs_and_commas(tmp_path):
    path = tmp_path / "current.csv"
    path.write_text('area_code,current_amount\nA,"£1,250.50"\nB,0\n')
    assert read_current_allocation(path).rows() == [("A", 1250.5), ("B", 0.0)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,amount\nA,1\n", "current.csv: no area_code column"),
        ("area_code,money\nA,1\n", "current.csv: no current_amount column"),
        ("area_code,amount\nA,1\nB,lots\n", "current.csv, row 3, column amount: 'lots'"),
        ("area_code,amount\nA,1\nA,2\n", "row 2, column area_code: A appears twice"),
    ],
)
def test_a_bad_current_allocation_names_file_row_column_and_fix(tmp_path, content, message):
    path = tmp_path / "current.csv"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        read_current_allocation(path)
