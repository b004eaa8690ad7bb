"""The bomb test of ``marmot import``: every subcommand refuses every hostile file with one
line naming it, never a traceback, exits 2 and writes nothing."""

import shutil
import sqlite3

import pytest

from marmot_monitor.io.readings import KINDS
from tests.io import bombs

REFUSED_BECAUSE = {
    "gzip bomb": "the file expands more than 100 times when decompressed",
    "zip-bomb workbook": "the file expands more than 100 times when decompressed",
    "many-rows workbook": "the sheet 'Sheet' has more than 100,000 cells",
    "many-columns CSV": "the header (row 1) has 5,000 columns, more than the 1,000",
    "binary file as .csv": "the file is not text",
    "macro-enabled workbook": "the workbook holds macros",
    "workbook with external links": "the workbook links to 1 other workbook",
    "truncated sheet XML": "the sheet 'Sheet' cannot be read (it stops part-way",
    "long non-ASCII name": "the file is not text",
}
OPTIONS = {
    "population": ["--year", "2020"],
    "imd": ["--index", "IMD2019"],
    "groupings": ["--name", "Hostile groups"],  # the set's name would come from the file's
}
SINGLE_FILE = {"groupings"}  # one file is one grouping set, named by --name or the file
LIMITS = {"MARMOT_IMPORT_MAX_WORKBOOK_CELLS": "100000"}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    """Every bomb written to disk, each under a name of its own: label → path."""
    folder = tmp_path_factory.mktemp("bombs")
    paths = {}
    for number, (bomb, (name, data)) in enumerate(bombs.bombs(bombs.workbook()).items()):
        paths[bomb] = folder / f"{number}-{name}"
        paths[bomb].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def empty_database(initialised_template, tmp_path_factory):
    """One initialised database for every subcommand: nothing is ever written to it."""
    database = tmp_path_factory.mktemp("bomb-database") / "marmot.sqlite3"
    shutil.copyfile(initialised_template, database)
    return database


def written(database) -> tuple[int, int]:
    with sqlite3.connect(database) as connection:
        return tuple(
            connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("data_import", "data_value")
        )


@pytest.mark.parametrize("kind", KINDS)
def test_every_hostile_file_is_refused_in_one_line_without_a_traceback(
    marmot, empty_database, hostile_files, kind
):
    files = [str(path) for path in hostile_files.values()]
    if kind in SINGLE_FILE:
        results = [
            marmot("import", kind, file, "--db", str(empty_database), *OPTIONS[kind], env=LIMITS)
            for file in files
        ]
    else:
        results = [
            marmot(
                "import",
                kind,
                *files,
                "--db",
                str(empty_database),
                *OPTIONS.get(kind, []),
                env=LIMITS,
            )
        ]
        assert f"{len(files)} of {len(files)} files refused" in results[0].stderr
    for result in results:
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    lines = [line for result in results for line in result.stdout.splitlines()]
    for bomb, path in hostile_files.items():
        line = next((line for line in lines if line.startswith(f"{path.name}: ")), None)
        assert line is not None, f"{bomb}: no line names {path.name}"
        if kind != "boundaries" or bomb == "gzip bomb":
            assert REFUSED_BECAUSE[bomb] in line, line
        else:
            assert "the file is not GeoJSON" in line, line
        assert str(path.parent) not in line
    assert written(empty_database) == (0, 0)
