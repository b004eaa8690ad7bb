"""The board report's rug excerpt is cut from a rug frame: the rows where the place is worse,
with the benchmark, the place and its areas, each value coloured by its comparison."""

import polars as pl

from marmot_monitor.charts.colours import FINGERTIPS
from marmot_monitor.reports.rug_excerpt import NONE_WORSE, rug_excerpt

AREAS = [
    ("A1", "Ashbury", "district", "area"),
    ("E", "England", "country", "context"),
    ("X", "Fairshire", "county", "context"),
]
COMPARISONS = {
    0: {"A1": "Better", "E": "Not compared", "X": "Worst"},
    1: {"A1": "Worse", "E": "Not compared", "X": "Similar"},
}


def rug() -> pl.DataFrame:
    """Two rows (life expectancy for females, then smoking) across England, the place and a
    district, in the rug's column order."""
    cells = []
    for row, (title, sex, unit) in enumerate(
        [("Life expectancy", "Female", "years"), ("Smoking", "Persons", "%")]
    ):
        in_order = sorted(AREAS, key=lambda area: area[3] == "area")  # context columns first
        for column, (code, name, kind, role) in enumerate(in_order):
            cells.append(
                {
                    "row": row, "column": column, "area_code": code, "area_name": name,
                    "area_type": kind, "column_role": role, "principle": 6,
                    "principle_title": "Healthy standard of living", "title": title, "sex": sex,
                    "period": "2021 - 23", "value": 80.0 + column, "unit": unit,
                    "comparison": COMPARISONS[row][code],
                }
            )  # fmt: skip
    return pl.DataFrame(cells)


def test_only_the_rows_where_the_place_is_worse_are_kept_with_their_colours():
    excerpt = rug_excerpt(
        rug(), place_code="X", place_name="Fairshire", benchmark_name="England", areas="districts"
    )
    table = excerpt.table
    assert table.headings == ("Indicator (latest period)", "England", "Fairshire", "Ashbury")
    assert [cell.paragraphs[0].text for cell in table.rows[0]] == ["6. Healthy standard of living"]
    label, *values = table.rows[1]
    assert [paragraph.text for paragraph in label.paragraphs] == [
        "Life expectancy, females",
        "2021 - 23",
    ]
    assert [value.paragraphs[0].text for value in values] == [
        "80.0 years",
        "81.0 years",
        "82.0 years",
    ]
    fills = [fill.background for fill in table.fills[1][1:]]
    worse, better = FINGERTIPS.fills["Worse"], FINGERTIPS.fills["Better"]
    assert fills == [FINGERTIPS.fills["Not compared"], worse, better], "Worst is Worse's red"
    assert len(table.rows) == 2, "smoking, similar for the place, is left out"


def test_a_place_worse_on_nothing_gets_the_sentence_instead():
    frame = rug().filter(pl.col("row") == 1)
    excerpt = rug_excerpt(
        frame, place_code="X", place_name="Fairshire", benchmark_name="England", areas="districts"
    )
    assert excerpt.table is None
    assert excerpt.text == NONE_WORSE.format(place="Fairshire", benchmark="England")
