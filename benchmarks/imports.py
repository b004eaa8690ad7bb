"""Benchmark importing a Fingertips download: read, validated and stored, against a plain read.

Run ``python benchmarks/imports.py`` (a 1,000,000-row Fingertips-format CSV: 50 indicators
x 2,000 areas x 10 years) or ``--quick`` (100,000 rows). The file is generated here, with the
exact Fingertips header, real-looking names and notes, and each area listed once per parent
(as Fingertips writes it, 1 row in 10 is such a repeat); generating it, the catalogue and the
areas are not timed. Ours is :func:`marmot_monitor.web.data.importing.import_file` into an
empty database: reading, every check, and storing in one transaction (INSERTs of 2,000 rows
each on SQLite, COPY on PostgreSQL). The anchor is ``polars.read_csv`` of the same file,
timed in the same run. Each backend runs in its own process (Django reads its database at
start-up).

PostgreSQL runs when ``MARMOT_BENCH_POSTGRES_URL`` (or ``MARMOT_TEST_POSTGRES_URL``) names a
server where the user may create databases; a scratch database is created and dropped. The
last lines printed are::

    BENCH import_sqlite ours=<seconds> anchor=<seconds> ratio=<ours/anchor> target=15
    BENCH import_postgres ours=<seconds> anchor=<seconds> ratio=<ours/anchor> target=15

Times are medians of wall-clock runs (3, or 2 at full size; ``time.perf_counter``,
``gc.collect()`` before each); each run of ours starts from an empty values table, so a
load larger than the table builds its indexes after the rows are in (see
:func:`marmot_monitor.web.data.bulk.indexes_rebuilt_after`). Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

INDICATORS, AREAS, YEARS = 50, 2_000, 10
REPEAT_SHARE = 0.1
TARGET = 15
SETTINGS = "marmot_monitor.web.settings"


def generate(path: Path, rows: int) -> Path:
    """A Fingertips download with ``rows`` distinct values plus repeats under a second parent."""
    from marmot_monitor.io.exports import FINGERTIPS_COLUMNS

    areas = rows // (INDICATORS * YEARS)
    rng = np.random.default_rng(2026)
    indicator = np.repeat(np.arange(INDICATORS), areas * YEARS)
    area = np.tile(np.repeat(np.arange(areas), YEARS), INDICATORS)
    year = np.tile(np.arange(2014, 2014 + YEARS), INDICATORS * areas)
    denominator = rng.integers(200, 5_000, rows)
    count = rng.binomial(denominator, 0.2)
    value = 100 * count / denominator
    spread = 196 * np.sqrt(np.maximum(value * (100 - value), 1) / denominator) / 10
    header = [column.replace("{parent}", "Region") for column in FINGERTIPS_COLUMNS]
    frame = pl.DataFrame(
        {
            "Indicator ID": (90_000 + indicator).astype(str),
            "Indicator Name": np.char.add(
                "Percentage of people meeting measure ", indicator.astype(str)
            ),
            "Parent Code": np.full(rows, "X12000001"),
            "Parent Name": np.full(rows, "South Fairland"),
            "Area Code": np.char.add("X01", np.char.zfill(area.astype(str), 6)),
            "Area Name": np.char.add("Fairshire ", np.char.zfill(area.astype(str), 4)),
            "Area Type": np.full(rows, "LSOA"),
            "Sex": np.full(rows, "Persons"),
            "Age": np.full(rows, "All ages"),
            "Category Type": np.full(rows, ""),
            "Category": np.full(rows, ""),
            "Time period": np.char.add(
                np.char.add(year.astype(str), "/"), ((year + 1) % 100).astype(str)
            ),
            "Value": np.round(value, 4),
            "Lower CI 95.0 limit": np.round(np.maximum(value - spread, 0), 4),
            "Upper CI 95.0 limit": np.round(value + spread, 4),
            "Lower CI 99.8 limit": np.round(np.maximum(value - 1.6 * spread, 0), 4),
            "Upper CI 99.8 limit": np.round(value + 1.6 * spread, 4),
            "Count": count,
            "Denominator": denominator,
            "Value note": np.where(
                rng.random(rows) < 0.02, "Value may be affected by data quality", ""
            ),
            "Recent Trend": np.full(rows, "No significant change"),
            "Compared to England value or percentiles": np.full(rows, "Similar"),
            "Compared to Region value or percentiles": np.full(rows, "Similar"),
            "Time period Sortable": year * 10_000,
            "New data": np.full(rows, ""),
            "Compared to goal": np.full(rows, ""),
        }
    ).select(header)
    repeats = frame.sample(fraction=REPEAT_SHARE, seed=1).with_columns(
        pl.lit("X10000001").alias("Parent Code"), pl.lit("Fairshire").alias("Parent Name")
    )
    pl.concat([frame, repeats]).write_csv(path)
    return path


def median_seconds(call, runs: int, before=lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(path: Path, runs: int) -> tuple[float, float]:
    """Run inside a process whose ``DATABASE_URL`` names an empty database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from django.core.management import call_command

    from marmot_monitor.web.catalogue.models import Indicator
    from marmot_monitor.web.data.importing import import_file
    from marmot_monitor.web.data.models import Import, Period, Value
    from marmot_monitor.web.places.models import Area, AreaType

    call_command("migrate", interactive=False, verbosity=0)
    Indicator.objects.bulk_create(
        Indicator(code=f"B{i:02d}", title=f"Indicator {i}", value_type="proportion",
                  polarity="low is good", fingertips_id=90_000 + i)
        for i in range(INDICATORS)
    )  # fmt: skip
    lsoa = AreaType.objects.get(code="lsoa")
    Area.objects.bulk_create(
        Area(code=f"X01{number:06d}", name=f"Fairshire {number:04d}", area_type=lsoa, vintage=2021)
        for number in range(AREAS)
    )

    def empty() -> None:
        Value.objects.all().delete()
        Import.objects.all().delete()
        Period.objects.all().delete()

    result = import_file("fingertips", path)
    print(f"  stored {result.inserted:,} values; {result.reading.repeats:,} repeats dropped; "
          f"{result.problems.total} problems")  # fmt: skip
    ours = median_seconds(lambda: import_file("fingertips", path), runs, before=empty)
    anchor = median_seconds(lambda: pl.read_csv(path), runs)
    return ours, anchor


def run_backend(name: str, url: str, path: Path, runs: int) -> None:
    environment = {**os.environ, "DATABASE_URL": url}
    completed = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), "--runs", str(runs)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    print(completed.stdout, end="")
    if completed.returncode != 0:
        print(f"{name}: failed\n{completed.stderr}")
        return
    ours, anchor = (float(x) for x in completed.stdout.strip().splitlines()[-1].split()[1:])
    print(
        f"BENCH import_{name} ours={ours:.3f} anchor={anchor:.3f} "
        f"ratio={ours / anchor:.1f} target={TARGET}"
    )


def postgres_database(server: str):
    """A scratch database on ``server``: its URL, and a function that drops it."""
    import psycopg

    name = f"marmot_bench_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")

    return server.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        ours, anchor = measure(arguments.measure, arguments.runs)
        print(f"TIMES {ours} {anchor}")
        return
    rows = 100_000 if arguments.quick else 1_000_000
    runs = 3 if arguments.quick else 2
    with tempfile.TemporaryDirectory() as folder:
        path = generate(Path(folder) / "fingertips.csv", rows)
        size = path.stat().st_size / 1e6
        repeats = int(rows * REPEAT_SHARE)
        print(f"Fingertips CSV: {rows:,} values plus {repeats:,} repeats, {size:.0f} MB")
        run_backend("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", path, runs)
        server = os.environ.get("MARMOT_BENCH_POSTGRES_URL") or os.environ.get(
            "MARMOT_TEST_POSTGRES_URL"
        )
        if not server:
            print("PostgreSQL skipped: set MARMOT_BENCH_POSTGRES_URL (or MARMOT_TEST_POSTGRES_URL)")
            return
        url, drop = postgres_database(server)
        try:
            run_backend("postgres", url, path, runs)
        finally:
            drop()


if __name__ == "__main__":
    main()
