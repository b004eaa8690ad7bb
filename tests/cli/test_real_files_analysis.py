"""`marmot rug`, `compare`, `trend` and `inequality` on data imported from the real files.

A database is built once with `marmot import` from ../shared/data: the 2023 district-to-region
lookup, the IoD 2019 ranks, the mid-2019 population estimates and the FingertipsNext extract
(`--skip-invalid`: its real faults are rejected), after a framework is set up as an analyst
would in the admin: England, the extract's indicators (from its metadata file) and a place,
Manchester, with the other Greater Manchester districts as comparators. Skipped when
../shared is not checked out, and failed under CI=true.
"""

import os
import shutil
import subprocess
import sys

import pytest

from tests.cli.conftest import command_runner
from tests.io.shared import shared_file

PLACE = "E08000003"  # Manchester
COMPARATORS = ["E08000001", "E08000002", "E08000004", "E08000005", "E08000006", "E08000007"]
WIDE = {"COLUMNS": "250"}
FRAMEWORK = f"""
import sys
from pathlib import Path

import polars as pl

from marmot_monitor.cli import setup

setup.start_django(db=Path(sys.argv[1]))
from marmot_monitor.web.catalogue.models import Framework, Indicator
from marmot_monitor.web.places.models import Area, AreaType

Area.objects.create(
    code="E92000001", name="England", area_type=AreaType.objects.get(code="country"), vintage=2023
)
metadata = pl.read_csv(sys.argv[2], infer_schema_length=0).unique("IndicatorID")
types = {{label.lower(): value for value, label in Indicator.ValueType.choices}}
for row in metadata.iter_rows(named=True):
    Indicator.objects.create(
        code=f"FT{{row['IndicatorID']}}",
        title=row["IndicatorName"],
        value_type=types.get((row["ValueType"] or "").lower(), "other"),
        polarity=(row["Polarity"] or "no judgement").lower(),
        fingertips_id=int(row["IndicatorID"]),
        multiplier=100 if row["ValueType"] == "Proportion" else 1,
    )
framework = Framework.objects.get(is_default=True)  # `marmot init` adds the 8 principles
framework.place = Area.objects.get(code="{PLACE}")
framework.save()
framework.comparators.set(Area.objects.filter(code__in={COMPARATORS!r}))
principle = framework.principles.order_by("number").first()
principle.indicators.set(Indicator.objects.filter(code__in=["FT93701", "FT20401", "FT93763"]))
"""


@pytest.fixture(scope="module")
def real(tmp_path_factory, initialised_template):
    """Run ``marmot`` against the database built from the real files."""
    folder = tmp_path_factory.mktemp("real-files")
    database = folder / "real.sqlite3"
    marmot = command_runner(folder / "data")
    metadata = shared_file("fingertips/fingertipsnext_indicators_metadata.csv")
    shutil.copyfile(initialised_template, database)
    steps = [
        ("lookup", "lookups/ltla23_region23.csv", []),
        ("lookup", "lookups/lsoa11_ltla21.csv", []),
        ("imd", "deprivation/iod2019_file1_imd_lsoa11.csv.gz", []),
        ("population", "population/ons_sape_mid2019_lsoa11_single_year_of_age.csv.gz", []),
    ]
    for kind, name, options in steps:
        done = marmot("import", kind, str(shared_file(name)), "--db", str(database), *options)
        assert done.returncode == 0, done.stdout + done.stderr
    built = subprocess.run(
        [sys.executable, "-c", FRAMEWORK, str(database), str(metadata)],
        capture_output=True,
        text=True,
        env=marmot_environment(folder),
        check=False,
    )
    assert built.returncode == 0, built.stderr
    extract = shared_file("fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz")
    done = marmot(
        "import",
        "fingertips",
        str(extract),
        "--skip-invalid",
        "--rejects",
        str(folder / "rejects.csv"),
        "--db",
        str(database),
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    def run(*args):
        result = marmot(*args, "--db", str(database), env=WIDE)
        return result, " ".join((result.stdout + result.stderr).split())

    return run


def marmot_environment(folder):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["MARMOT_DATA_DIR"] = str(folder / "data")
    return environment


def test_the_rug_of_manchester_among_greater_manchester_is_built_from_the_real_extract(real):
    result, printed = real("rug")
    assert result.returncode == 0, printed
    assert "Manchester: the place and its comparators compared with England" in printed
    for name in ("Manchester", "Salford", "Bolton"):
        assert name in printed


def test_the_rug_is_written_as_a_workbook_from_the_real_extract(real, tmp_path):
    result, printed = real("rug", "--out", str(tmp_path / "rug.xlsx"))
    assert result.returncode == 0, printed
    assert (tmp_path / "rug.xlsx").stat().st_size > 0


def test_compare_lists_the_districts_with_their_limits_from_the_real_extract(real):
    # Alcohol-related mortality: England's rows of 93701 are refused on import (their values
    # lie outside their own rounded limits), so 93701 has no benchmark to compare with.
    result, printed = real("compare", "FT93763")
    assert result.returncode == 0, printed
    assert "compared with England" in printed
    assert "Manchester" in printed
    assert any(word in printed for word in ("Better", "Similar", "Worse")), printed


def test_trend_gives_manchesters_series_and_recent_trend_from_the_real_extract(real):
    result, printed = real("trend", "FT93701", "--area", PLACE)
    assert result.returncode == 0, printed
    assert "Manchester" in printed
    assert "Recent trend:" in printed


def test_inequality_for_england_computes_an_sii_from_fingertips_decile_rows(real):
    # The real files hold no indicator values for LSOAs (the extract's smallest areas are GP
    # practices), but England has rows of 93763 by County & UA deprivation decile, with
    # denominators to weight the SII.
    result, printed = real("inequality", "FT93763", "--area", "E92000001")
    assert result.returncode == 0, printed
    assert "from Fingertips' deprivation decile rows (County & UA deprivation deciles" in printed
    said = " ".join(printed.split())
    assert "across the whole deprivation gradient (slope index of inequality" in said
    assert "positive SII and gap: higher values in the most deprived" in said
    assert "Change in the SII since" in printed


def test_inequality_without_populations_gives_the_gap_and_says_the_sii_needs_them(real):
    # Manchester's rows of 92033 by LSOA deprivation quintile within the area carry values and
    # limits but no denominators: 2018's gap is given and its SII is not, saying why; 2019's
    # least deprived quintile has no limits, so nothing is calculated for it.
    result, printed = real("inequality", "FT92033", "--area", PLACE)
    assert result.returncode == 0, printed
    assert "Manchester" in printed
    assert "from Fingertips' deprivation quintile rows" in printed
    assert "SII and RII not calculated: the PHE method weights each quantile by its" in printed
    assert "5 quantiles need a value and 95% CI (found 4)" in printed
