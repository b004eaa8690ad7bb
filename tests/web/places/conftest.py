"""Fixtures of the place tests: the real ONS lookups and WIMD loaded with the import service,
and values written through the store."""

import os
from pathlib import Path

import polars as pl
import pytest

from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.data.store import MEASURES, store_values

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


def real_file(relative: str) -> Path:
    """A file of ../shared/data; skipped when absent, a failure under CI=true."""
    path = DATA / relative
    if not path.exists():
        reason = f"real data file {relative} not found in {DATA} (../shared is not checked out)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"the real-place tests cannot run in CI: {reason}")
        pytest.skip(reason)
    return path


def load(kind: str, path: Path, **options):
    return import_file(kind, path, options=ImportOptions(**options))


@pytest.fixture
def england(db):
    """English councils and their regions (ltla24_region24.csv)."""
    load("lookup", real_file("lookups/ltla24_region24.csv"))


def load_wales(folder: Path) -> None:
    """Welsh councils (ltla21_utla21.csv), their 2011 LSOAs and WIMD 2019."""
    load("lookup", real_file("lookups/ltla21_utla21.csv"))
    lsoas = pl.read_csv(real_file("lookups/lsoa11_ltla21.csv"), infer_schema_length=0)
    welsh = folder / "lsoa11_ltla21_wales.csv"
    lsoas.filter(pl.col("lsoa11_code").str.starts_with("W")).write_csv(welsh)
    load("lookup", welsh)
    load("imd", real_file("deprivation/wimd2019_wales_lsoa11_ranks_deciles_scores.csv"))


@pytest.fixture
def wales(db, tmp_path):
    """Welsh councils (ltla21_utla21.csv), their 2011 LSOAs and WIMD 2019."""
    load_wales(tmp_path)


def write_values(rows: list[dict]) -> None:
    """Store ``rows`` (indicator_code, area_code, period, value...) as one import."""
    frame = pl.DataFrame(rows)
    frame = frame.with_columns(
        pl.lit(None, pl.Float64).alias(measure)
        for measure in MEASURES
        if measure not in frame.columns and measure != "value_note"
    )
    source = Import.objects.create(kind="values", file_name="test values", sha256="0" * 64)
    store_values(frame, source=source)
