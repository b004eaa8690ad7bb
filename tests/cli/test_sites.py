"""``marmot sites`` and ``marmot reach`` on the small Fairshire demo with the docs' examples."""

from pathlib import Path

import openpyxl
import polars as pl
import pytest

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
GROWING = [
    "--criterion", "imd-decile=2",
    "--criterion", "column:green_per_1000:low",
    "--criterion", "column:natural_greenspace_deficit:high",
    "--criterion", "assets",
]  # fmt: skip


@pytest.fixture(scope="module")
def chosen(shared_demo_database, tmp_path_factory):
    from tests.cli.conftest import command_runner

    folder = tmp_path_factory.mktemp("sites")
    outs = [folder / f"sites.{kind}" for kind in ("xlsx", "csv", "png")]
    result = command_runner(folder / "data")(
        "sites", str(EXAMPLES / "growing-sites.csv"), *GROWING, "--top", "3", "--draws", "200",
        "--db", str(shared_demo_database), "--map", str(folder / "map.svg"),
        *(part for out in outs for part in ("--out", str(out))),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result, outs, folder / "map.svg"


def test_the_command_names_the_top_sites_and_how_stable_their_ranks_are(chosen):
    result, _, _ = chosen
    assert "8 candidate sites in Fairshire scored; the top 3: Old bowling green" in result.stdout
    assert "Rank if one weight ±20%" in result.stdout


def test_the_csv_ranks_every_site_with_its_points_per_criterion(chosen):
    _, (_, csv, _), _ = chosen
    table = pl.read_csv(csv)
    assert table["Rank"].to_list() == list(range(1, 9))
    assert table["Chosen"].to_list() == [True] * 3 + [False] * 5
    points = [c for c in table.columns if c.startswith("Points: ")]
    assert len(points) == 4
    assert (
        table.select(pl.sum_horizontal(points)) - table["Score (0 to 100)"]
    ).to_series().abs().max() < 1e-6


def test_the_workbook_states_the_method_and_the_chart_and_map_are_drawn(chosen):
    _, (xlsx, _, png), map_svg = chosen
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Sites", "Left out", "Method"]
    items = [cell.value for cell in book["Method"]["A"]]
    assert "Ties" in items
    assert "Criterion: imd-decile" in items
    assert png.read_bytes().startswith(b"\x89PNG")
    drawing = map_svg.read_text()
    assert drawing.startswith("<svg")
    assert "Candidate sites in Fairshire" in drawing


def test_reach_by_quintile_prints_each_period_core20_and_the_sii(
    shared_demo_database, marmot, tmp_path
):
    out = tmp_path / "reach.xlsx"
    result = marmot(
        "reach", str(EXAMPLES / "job-shop-users.csv"), "--by", "quintile",
        "--db", str(shared_demo_database), "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Service users per 1,000 residents by IMD quintile" in result.stdout
    assert "2024/25: " in result.stdout
    assert "of users live in Core20 areas" in result.stdout
    assert "slope index of inequality +" in result.stdout
    assert openpyxl.load_workbook(out).sheetnames == ["By quintile", "Core20", "SII", "Method"]


@pytest.mark.parametrize(
    ("command", "text", "message"),
    [
        (["sites", "--criterion", "imd-decile"], "name,lsoa_code\nYard,E01000001\n",
         "sites.csv, row 2, column 'lsoa_code': is not one of the place's LSOAs"),
        (["sites", "--criterion", "imd"], "name,lsoa_code\nYard,X01000001\n",
         "'imd' is not a criterion"),
        (["sites", "--criterion", "column:green"], "name,lsoa_code\nYard,X01000001\n",
         "the criterion column:green names no column of the file"),
        (["reach"], "lsoa_code,users\nX01000001,-2\n",
         "sites.csv, row 2, column 'users': must not be negative"),
        (["reach"], "lsoa_code,visits\nX01000001,2\n", "the file has no users column"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_file_row_and_column_and_nothing_is_written(
    shared_demo_database, marmot, tmp_path, command, text, message
):
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "never.csv"
    result = marmot(
        command[0], str(path), *command[1:], "--out", str(out), "--db", str(shared_demo_database)
    )
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
    assert not out.exists()
