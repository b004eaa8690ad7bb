"""The rug workbook: a sheet per principle, cells filled by comparison, frozen headers, legend."""

import openpyxl
import polars as pl
import pytest

from marmot_monitor.charts import COLOUR_BLIND_SAFE, FINGERTIPS, rug_to_xlsx
from tests.io.spreadsheets import HOSTILE, xlsx_problems


@pytest.fixture
def rug():
    return pl.DataFrame(
        {
            "title": ["Smoking", "Smoking", "Obesity", "Obesity"],
            "principle": [6, 6, 1, 1],
            "principle_title": ["Ill health prevention"] * 2 + ["Best start in life"] * 2,
            "area_name": ["Abbey", "Castle"] * 2,
            "row": [1, 1, 0, 0],
            "column": [0, 1, 0, 1],
            "period": ["2024"] * 4,
            "value": [12.0, 19.5, None, 25.0],
            "comparison": ["Better", "Worse", "Not compared", "Similar"],
        }
    )


def fill(cell) -> str:
    return "#" + cell.fill.fgColor.rgb[-6:].upper()


def test_each_principle_gets_a_sheet_with_a_legend(rug, tmp_path):
    book = openpyxl.load_workbook(rug_to_xlsx(rug, tmp_path / "rug.xlsx", title="Wards"))
    assert book.sheetnames == ["1 Best start in life", "6 Ill health prevention", "Legend"]


def test_cells_hold_values_filled_with_their_comparison_colour(rug, tmp_path):
    book = openpyxl.load_workbook(rug_to_xlsx(rug, tmp_path / "rug.xlsx", title="Wards"))
    sheet = book["6 Ill health prevention"]
    assert sheet["A1"].value == "Wards: 6 Ill health prevention"
    assert [sheet["B3"].value, sheet["C3"].value] == ["Abbey", "Castle"]
    assert sheet["A4"].value == "Smoking (2024)"
    assert (sheet["B4"].value, fill(sheet["B4"])) == (12.0, FINGERTIPS.fills["Better"])
    assert (sheet["C4"].value, fill(sheet["C4"])) == (19.5, FINGERTIPS.fills["Worse"])
    assert sheet.freeze_panes == "B4"
    assert book["1 Best start in life"]["B4"].value is None


def test_the_colour_blind_safe_palette_fills_the_cells(rug, tmp_path):
    path = rug_to_xlsx(rug, tmp_path / "rug.xlsx", title="Wards", palette=COLOUR_BLIND_SAFE)
    sheet = openpyxl.load_workbook(path)["6 Ill health prevention"]
    assert fill(sheet["B4"]) == COLOUR_BLIND_SAFE.fills["Better"]


def test_a_rug_without_labels_is_refused_naming_them(rug, tmp_path):
    with pytest.raises(ValueError, match="rug_to_xlsx needs the columns title"):
        rug_to_xlsx(rug.drop("title"), tmp_path / "rug.xlsx", title="Wards")


def test_hostile_names_and_titles_are_written_as_text_never_as_formulas(rug, tmp_path):
    hostile = rug.with_columns(
        title=pl.Series([HOSTILE[0]] * 2 + [HOSTILE[1]] * 2), area_name=pl.Series(HOSTILE[2:4] * 2)
    )
    path = rug_to_xlsx(hostile, tmp_path / "rug.xlsx", title=HOSTILE[4])
    assert xlsx_problems(path.read_bytes(), expected=HOSTILE[:5]) == []
