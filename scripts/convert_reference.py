"""Write the statistics tests' reference tables (tests/methods/reference/) from ../shared/reference.

The shared folder holds the test data of PHEindicatormethods (R) and PHStatsMethods (Python) as
one CSV per workbook sheet, with each package's column names. This script keeps only the rows and
columns our tests use, renames them our way and reshapes them into tidy tables: one row per case
(and per confidence level where a case has limits at several levels), with the tolerance the
comparison uses. tests/methods/reference/README.md says what each table holds.

    python scripts/convert_reference.py [SHARED_REFERENCE] [OUTPUT]

SHARED_REFERENCE defaults to ../shared/reference beside the repository and OUTPUT to
tests/methods/reference. Numbers are written as Python prints them, which round-trips each float
exactly; the funnel tables keep the digits as upstream printed them, because their tolerance is
half a unit of the last printed digit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
R = "PHEindicatormethods"
PY = "PHStatsMethods"
# testthat's default tolerance (R), and pandas.testing's default rtol (PHStatsMethods).
R_RTOL = 1.49e-8
PY_RTOL = 1e-5
LEVELS = {"95": 0.95, "99_8": 0.998}


def read(folder: Path, name: str, **options: object) -> pd.DataFrame:
    """A shared CSV read as its README says ('None' is a value, '' and 'NA' are missing)."""
    return pd.read_csv(folder / name, keep_default_na=False, na_values=["", "NA"], **options)


def long_levels(frame: pd.DataFrame, keys: list[str], limits: dict[str, tuple[str, str]]):
    """One row per case and confidence level: ``limits`` maps '95'/'99_8' to (lower, upper)."""
    parts = []
    for level, (lower, upper) in limits.items():
        part = frame[keys].copy()
        part["confidence"] = LEVELS[level]
        part["lower"] = frame[lower]
        part["upper"] = frame[upper]
        parts.append(part)
    return pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)


def confidence_limits(r: Path) -> pd.DataFrame:
    # Row 13 has a blank lower limit and no upstream test reads it.
    table = read(r, "byars_wilson__testdata_B_W.csv").iloc[:12]
    return pd.DataFrame(
        {
            "source": R,
            "method": table["method"].str.lower(),
            "count": table["x"],
            "denominator": table["n"],
            "confidence": table["confidence"].map({"95%": 0.95, "99.8%": 0.998}),
            "lower": table["lowercl"],
            "upper": table["uppercl"],
            "rtol": R_RTOL,
        }
    )


R_LIMITS = {"95": ("lower95_0cl", "upper95_0cl"), "99_8": ("lower99_8cl", "upper99_8cl")}
PY_LIMITS = {"95": ("lower_95_ci", "upper_95_ci"), "99_8": ("lower_99_8_ci", "upper_99_8_ci")}


def crude(table: pd.DataFrame, source: str, names: dict[str, str], limits, rtol: float):
    """Proportion and rate rows: area, inputs, multiplier, value, limits (and the CI method)."""
    table = table.rename(columns=names)
    keys = ["area", "numerator", "denominator", "multiplier", "value", "method"]
    frame = long_levels(table, keys, limits)
    frame.insert(0, "source", source)
    frame["rtol"] = rtol
    return frame


R_NAMES = {"Area": "area", "Numerator": "numerator", "Denominator": "denominator"}
PY_NAMES = {**R_NAMES, "Value": "value", "Method": "method", "Multiplier": "multiplier"}


def crude_grouped(table: pd.DataFrame, source: str) -> pd.DataFrame:
    table = table.rename(columns={**R_NAMES, "lowercl": "lower", "uppercl": "upper"})
    frame = table[["area", "numerator", "denominator", "value", "lower", "upper", "method"]]
    frame = frame.assign(confidence=0.95, rtol=R_RTOL)
    frame.insert(0, "source", source)
    return frame


def proportions(r: Path, py: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    ours = crude(read(r, "proportion__testdata_Prop.csv"), R, R_NAMES, R_LIMITS, R_RTOL)
    theirs = read(py, "proportion__testdata_Prop.csv")
    theirs = crude(theirs[theirs["multiplier"].eq(1)], PY, PY_NAMES, PY_LIMITS, PY_RTOL)
    grouped = crude_grouped(read(r, "proportion__testdata_Prop_g.csv"), R)
    return pd.concat([ours, theirs]).drop(columns="method"), grouped.drop(columns="method")


def rates(r: Path, py: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = read(r, "rate__testdata_Rate.csv")
    ours = crude(table[table["multiplier"].ne(1)], R, R_NAMES, R_LIMITS, R_RTOL)
    theirs = read(py, "rate__testdata_Rate.csv")
    theirs = crude(theirs[theirs["Multiplier"].eq(100_000)], PY, PY_NAMES, PY_LIMITS, PY_RTOL)
    grouped = crude_grouped(read(r, "rate__testdata_Rate_g.csv"), R)
    return pd.concat([ours, theirs]), grouped


def means(r: Path, py: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    observations = pd.concat(
        [
            read(r, "mean__testdata_Mean.csv").assign(source=R),
            read(py, "mean__testdata_Mean.csv").assign(source=PY),
        ]
    ).rename(columns={"values": "value"})[["source", "area", "value"]]
    keys = ["area", "value_sum", "value_count", "stdev", "value", "method"]
    ours = read(r, "mean__testdata_Mean_results.csv").replace(
        {"area": {"No grouping": "all areas"}}
    )
    ours = long_levels(ours, keys, R_LIMITS).assign(source=R, rtol=R_RTOL)
    # Rows 1-2 only: row 3 of the NA workbook is internally inconsistent (README caveat 4).
    theirs = read(py, "mean__testdata_Mean_results_NA.csv").iloc[:2]
    theirs = theirs.rename(columns={"Value": "value", "Method": "method"})
    theirs = long_levels(theirs, keys, PY_LIMITS).assign(source=PY, rtol=PY_RTOL)
    expected = pd.concat([ours, theirs])
    return observations, expected[["source", *expected.columns.drop("source")]]


def dsr_inputs(r: Path, py: Path) -> pd.DataFrame:
    """Every DSR/ISR input table, one row per area and age band, keyed by ``dataset``."""
    band = {"Age Band": "age_band", "ageband": "age_band", "pop": "population"}
    parts = [
        read(r, "dsr_isr__testdata_multiarea.csv").assign(source=R, dataset="multiarea"),
        read(py, "dsr_isr__testdata_multiarea.csv").assign(source=PY, dataset="multiarea"),
        read(r, "dsr_isr__testdata_1976.csv")
        .rename(columns={"esp1976": "standard_population"})
        .assign(source=R, dataset="esp1976"),
        read(r, "dsr_nonindependent__test_DSR_nonind.csv")
        .rename(
            columns={
                "persons": "count",
                "freq": "event_frequency",
                "esp2013": "standard_population",
            }
        )
        .assign(source=R, dataset="nonindependent"),
    ]
    for error in ("err1", "err2", "err3", "err4"):
        table = read(r, f"dsr_isr__testdata_{error}.csv")
        parts.append(
            table.rename(columns={"stdpop": "standard_population"}).assign(
                source=R, dataset=f"invalid_{error[-1]}"
            )
        )
    frame = pd.concat([part.rename(columns=band) for part in parts], ignore_index=True)
    columns = ["source", "dataset", "area", "age_band", "count", "population"]
    return frame[[*columns, "standard_population", "event_frequency"]]


DSR_CASES = [
    # (expected rows of testresults_DSR, dataset, multiplier, rtol, levels)
    (slice(0, 3), "multiarea", 10_000, R_RTOL, R_LIMITS),
    (slice(4, 7), "multiarea", 100_000, R_RTOL, R_LIMITS),
    # The 99.8% cells of the 1976 rows are wrong by 10x (README caveat 1): left out.
    (slice(3, 4), "esp1976", 10_000, R_RTOL, {"95": R_LIMITS["95"]}),
    (slice(7, 8), "esp1976", 100_000, R_RTOL, {"95": R_LIMITS["95"]}),
    # The non-independent rows are rounded to 8 decimal places.
    (slice(8, 12), "nonindependent", 100_000, 1e-10, R_LIMITS),
]


def dsr_expected(r: Path, py: Path) -> pd.DataFrame:
    table = read(r, "dsr_isr__testresults_DSR.csv").rename(
        columns={"total_pop": "total_population"}
    )
    keys = ["dataset", "area", "multiplier", "total_count", "total_population", "value", "method"]
    parts = []
    for rows, dataset, multiplier, rtol, levels in DSR_CASES:
        block = table.iloc[rows].assign(dataset=dataset, multiplier=multiplier)
        parts.append(long_levels(block, keys, levels).assign(source=R, rtol=rtol))
    theirs = read(py, "dsr_isr__testresults_DSR.csv").iloc[4:7]
    theirs = theirs.rename(
        columns={
            "Total Count": "total_count",
            "Total Pop": "total_population",
            "Value": "value",
            "Method": "method",
        }
    ).assign(dataset="multiarea", multiplier=100_000)
    parts.append(long_levels(theirs, keys, PY_LIMITS).assign(source=PY, rtol=PY_RTOL))
    frame = pd.concat(parts, ignore_index=True)
    frame.loc[frame["dataset"].eq("esp1976"), "area"] = ""
    return frame[["source", *frame.columns.drop("source")]]


def esp2013(r: Path) -> pd.DataFrame:
    table = read(r, "esp2013__esp2013.csv")
    return pd.DataFrame({"source": R, "age_band": table["ageband"], "weight": table["esp2013"]})


def isr_inputs(r: Path, py: Path) -> pd.DataFrame:
    """ISR/SMR inputs with their reference counts inline, and the separate reference table."""
    inline = read(r, "dsr_isr__testdata_multiarea_isr.csv").assign(source=R, dataset="multiarea")
    standard = read(r, "dsr_isr__refdata.csv").assign(source=R, dataset="reference", area="")
    groups = read(py, "isr_obs__df.csv").assign(source=PY, dataset="grouped")
    groups["area"] = groups[["indicatorid", "year", "sex"]].astype(str).agg(" ".join, axis=1)
    groups = groups.rename(columns={"obs": "count"})
    names = {
        "ageband": "age_band",
        "Age Band": "age_band",
        "pop": "population",
        "refcount": "reference_count",
        "refpop": "reference_population",
    }
    parts = [part.rename(columns=names) for part in (inline, standard, groups)]
    frame = pd.concat(parts, ignore_index=True)
    columns = ["source", "dataset", "area", "age_band", "count", "population"]
    return frame[[*columns, "reference_count", "reference_population"]]


def isr_observed(r: Path, py: Path) -> pd.DataFrame:
    lookup = read(r, "dsr_isr__testdata_multiarea_lookup.csv")
    lookup = lookup.rename(columns={"total_count": "observed"}).assign(
        source=R, dataset="multiarea"
    )
    grouped = read(py, "isr_obs__obs.csv").assign(source=PY, dataset="grouped")
    grouped["area"] = grouped[["indicatorid", "year", "sex"]].astype(str).agg(" ".join, axis=1)
    return pd.concat([lookup, grouped], ignore_index=True)[
        ["source", "dataset", "area", "observed"]
    ]


ISR_CASES = [
    # (expected rows of testresults_ISR, function, dataset, multiplier, levels)
    (slice(0, 3), "isr", "multiarea", 100_000, R_LIMITS),
    (slice(3, 6), "isr", "multiarea", 1_000, R_LIMITS),
    (slice(6, 9), "smr", "multiarea", 1, R_LIMITS),
    (slice(9, 12), "smr", "multiarea", 100, R_LIMITS),
    (slice(12, 14), "isr", "invalid_2", 100_000, {"95": R_LIMITS["95"]}),
    (slice(14, 16), "smr", "invalid_2", 100, {"95": R_LIMITS["95"]}),
]


def isr_expected(r: Path, py: Path) -> pd.DataFrame:
    table = read(r, "dsr_isr__testresults_ISR.csv").rename(columns={"ref_rate": "reference_rate"})
    keys = ["function", "dataset", "area", "multiplier", "observed", "expected", "reference_rate"]
    keys = [*keys, "value", "method"]
    parts = []
    for rows, function, dataset, multiplier, levels in ISR_CASES:
        block = table.iloc[rows].assign(function=function, dataset=dataset, multiplier=multiplier)
        parts.append(long_levels(block, keys, levels).assign(source=R, rtol=R_RTOL))
    # Secondary oracle (README: provenance undocumented, no upstream test opens it).
    grouped = read(py, "isr_obs__obs_results.csv").rename(
        columns={"Value": "value", "Method": "method"}
    )
    grouped["area"] = grouped[["indicatorid", "year", "sex"]].astype(str).agg(" ".join, axis=1)
    grouped = grouped.assign(function="smr", dataset="grouped", multiplier=1, reference_rate=None)
    levels = {"95": PY_LIMITS["95"]}
    parts.append(long_levels(grouped, keys, levels).assign(source=PY, rtol=PY_RTOL))
    frame = pd.concat(parts, ignore_index=True)
    return frame[["source", *frame.columns.drop("source")]]


QUANTILE_COUNTS = {"Decile": 10, "Septile": 7, "Quartile": 4}
INVERT = {"RAG - Low is good": True, "RAG - High is good": False, "TRUE": True, "FALSE": False}


def quantiles(r: Path) -> pd.DataFrame:
    table = read(r, "quantiles__testdata_Quantiles.csv")
    # BadPolarity rows are an error case of phe_quantile's polarity argument, which we lack.
    table = table[table["Test"].ne("BadPolarity")]
    return pd.DataFrame(
        {
            "source": R,
            "grouping": table["GroupSet"].map(
                {"IndSexReg": "indicator_region", "IndSex": "indicator", "None": "none"}
            ),
            "indicator": table["IndSexRef"],
            "region": table["ParentCode"],
            "area": table["AreaCode"],
            "quantiles": table["QuantileNm"].map(QUANTILE_COUNTS),
            "invert": table["Polarity"].map(INVERT),
            "value": table["Value"],
            "quantile": table["QuantileInGrp"].astype("Int64"),
        }
    )


SII_INPUTS = {
    "RecordNo": "row",
    "TestDescription": "block",
    "Area": "area",
    "Quantile": "quantile",
    "Population": "population",
    "Count": "count",
    "Value": "value",
    "LowerCL": "lower_ci",
    "UpperCL": "upper_ci",
    "StandardError": "standard_error",
}
SII_LEVELS = {"95": (0.95,), "99": (0.99,), "c(95, 99)": (0.95, 0.99)}


def sii_inputs(r: Path) -> pd.DataFrame:
    table = read(r, "sii__testdata_SII.csv")
    return table[list(SII_INPUTS)].rename(columns=SII_INPUTS)


def sii_expected(r: Path) -> pd.DataFrame:
    """One row per block, area and statistic at each level; the levels come from the block
    description where the workbook's Confidence column does not say them (98%)."""
    table = read(r, "sii__testdata_SII.csv").dropna(subset=["sii"])
    rows = []
    for record in table.itertuples():
        levels = block_levels(record.TestDescription, record.Confidence)
        rows.append(
            {
                "source": R,
                "block": record.TestDescription,
                "area": record.Area,
                "statistic": "sii",
                "confidence": None,
                "value": record.sii,
                "rtol": 1e-9,
            }
        )
        rows.append({**rows[-1], "statistic": "rii", "value": record.rii})
        rows.append({**rows[-1], "statistic": "intercept", "value": record.Intercept})
        for position, level in enumerate(levels, start=1):
            for statistic in ("sii", "rii"):
                rows.append(
                    {
                        **rows[-1],
                        "statistic": statistic,
                        "confidence": level,
                        "value": None,
                        "lower": getattr(record, f"{statistic}_lowercl_{position}"),
                        "upper": getattr(record, f"{statistic}_uppercl_{position}"),
                        # testSII.R: mean relative difference per column, simulated limits.
                        "rtol": 0.05,
                    }
                )
    frame = pd.DataFrame(rows)
    empty = frame["value"].isna() & frame["lower"].isna() & frame["upper"].isna()
    return frame[~empty]


def block_levels(description: str, confidence: str) -> tuple[float, ...]:
    if "95 and 98" in description or "95% and 98%" in description:
        return (0.95, 0.98)
    if "98%" in description:
        return (0.98,)
    return SII_LEVELS[confidence]


def life_expectancy_by_decile(r: Path) -> pd.DataFrame:
    table = read(r, "LE_testdata.csv")
    return pd.DataFrame(
        {
            "sex": table["Sex"],
            "area": table["GeoCode"],
            "decile": table["Decile"],
            "population": table["Pop"],
            "life_expectancy": table["LifeExp"],
            "standard_error": table["SE"],
        }
    )


FUNNEL_FILES = {
    # case -> (R file, Python file)
    "proportion": ("testdata_funnel_prop_outputs.csv", "funnels__prop_outputs.csv"),
    "proportion_narrow": (
        "testdata_funnel_prop_outputs_with_axis_variation.csv",
        "funnels__prop_outputs_axis_var.csv",
    ),
    "ratio": ("testdata_funnel_ratio_outputs.csv", "funnels__ratio_outputs.csv"),
    "rate_dsr": ("testdata_funnel_rate_outputs.csv", "funnels__rate_outputs.csv"),
    "rate_crude": ("testdata_funnel_rate_outputs_2.csv", "funnels__rate_outputs_2.csv"),
    "rate_crude_population": ("testdata_funnel_rate_outputs_3.csv", "funnels__rate_outputs_3.csv"),
}
FUNNEL_WHAT = {
    "limit": "limit",
    "exp_events": "expected_events",
    "population_1_year": "population_per_year",
}
FUNNEL_AXIS = {"Population": "axis", "Observed_events": "axis", "Events": "axis"}


def funnel_column(column: str) -> str:
    """Upstream limit columns to ours: ``Lower2s0025limit`` and ``lower_2s_limit`` ->
    ``lower_limit_95``; ``upper_3s_population_1_year`` -> ``upper_population_per_year_99_8``."""
    column = column.strip()
    if column in FUNNEL_AXIS:
        return FUNNEL_AXIS[column]
    old = {"Lower2s0025limit": "lower_2s_limit", "Upper2s0025limit": "upper_2s_limit"}
    old |= {"Lower3s0001limit": "lower_3s_limit", "Upper3s0001limit": "upper_3s_limit"}
    column = old.get(column, column)
    if column.lower() in ("baseline", "statistic", "method"):
        return column.lower()
    side, level, what = column.split("_", 2)
    level = {"2s": "95", "3s": "99_8"}[level]
    if what in ("count", "isr"):
        return f"{side}_limit_{level}_{what}"
    return f"{side}_{FUNNEL_WHAT[what]}_{level}"


def funnel_limits(r: Path, py: Path) -> pd.DataFrame:
    """Every expected funnel, one row per source, case and axis point, digits as printed."""
    parts = []
    for case, files in FUNNEL_FILES.items():
        for source, folder, name in ((R, r, files[0]), (PY, py, files[1])):
            table = read(folder, name, dtype=str, encoding="utf-8-sig")
            table.columns = [funnel_column(column) for column in table.columns]
            # PHStatsMethods writes "per 100000" where PHEindicatormethods writes "per 100,000".
            if "statistic" in table:
                table["statistic"] = table["statistic"].str.replace("100000", "100,000")
            parts.append(table.assign(source=source, case=case))
    frame = pd.concat(parts, ignore_index=True)
    ratio = frame["case"].eq("ratio")
    split = []
    for ratio_type in ("count", "isr"):
        part = frame[ratio].copy()
        for column in [c for c in frame.columns if c.endswith(f"_{ratio_type}")]:
            part[column.removesuffix(f"_{ratio_type}")] = part[column]
        split.append(part.assign(case=f"ratio_{ratio_type}"))
    frame = pd.concat([frame[~ratio], *split], ignore_index=True)
    frame = frame.drop(columns=[c for c in frame.columns if c.endswith(("_count", "_isr"))])
    first = ["source", "case", "axis"]
    return frame[first + [c for c in frame.columns if c not in first]]


def funnel_significance(r: Path, py: Path) -> pd.DataFrame:
    """Expected significance of each point, one row per source, case and input row."""
    parts = []
    for source, folder, prefix in ((R, r, "testdata_funnel_"), (PY, py, "funnels__")):
        text = {"dtype": str, "encoding": "utf-8-sig"}
        proportions = read(folder, f"{prefix}prop_inputs.csv", **text)
        parts.append(
            pd.DataFrame(
                {
                    "case": "proportion",
                    "area": proportions["Area"],
                    "numerator": proportions["numerator"],
                    "denominator": proportions["denominator"],
                    "significance": proportions["significance"],
                }
            )
        )
        ratios = read(folder, f"{prefix}ratio_inputs.csv", **text)
        parts.append(
            pd.DataFrame(
                {
                    "case": "ratio",
                    "numerator": ratios["obs"],
                    "denominator": ratios["expected"],
                    "significance": ratios["significance"],
                }
            )
        )
        rates = read(folder, f"{prefix}rate_dsr_inputs.csv", **text)
        for rate_type, rate, label in (
            ("dsr", "rate_dsr", "dsr_per_100000"),
            ("dsr", "rate_dsr", "dsr_per_100"),
            ("crude", "rate_crude_per_100000", "crude_per_100000"),
            ("crude", "rate_crude_per_100", "crude_per_100"),
        ):
            multiplier = label.rsplit("_", 1)[1]
            for zeros in ("with_0", "without_0"):
                rows = rates if zeros == "with_0" else rates[rates["count"].astype(float) != 0]
                parts.append(
                    pd.DataFrame(
                        {
                            "case": f"rate_{rate_type}_per_{multiplier}_{zeros}",
                            "numerator": rows["count"],
                            "denominator": rows["pop"],
                            "rate": rows[rate],
                            # PHStatsMethods writes "for DSRs"; PHEindicatormethods "for dsrs".
                            "significance": rows[f"{label}_{zeros}"].str.replace("DSRs", "dsrs"),
                        }
                    )
                )
        parts[-10:] = [part.assign(source=source) for part in parts[-10:]]
    frame = pd.concat(parts, ignore_index=True)
    columns = ["source", "case", "area", "numerator", "denominator", "rate", "significance"]
    return frame[columns]


def funnel_points(r: Path, py: Path) -> pd.DataFrame:
    """Rate funnel inputs (events, rate, population) with the expected plotted points of each
    testFunnels.R case, one row per source, case and input row, digits as printed."""
    parts = []
    for source, folder, name in (
        (R, r, "testdata_funnel_rate_input_funnels.csv"),
        (PY, py, "funnels__rate_inputs.csv"),
    ):
        table = read(folder, name, dtype=str, encoding="utf-8-sig")
        table.columns = [c.replace("denom_derived", "denominator_derived") for c in table.columns]
        for case, suffix in (
            ("dsr", ""),
            ("crude", "_crude"),
            ("crude_population", "_crude_with_denom"),
        ):
            parts.append(
                pd.DataFrame(
                    {
                        "source": source,
                        "case": case,
                        "events": table["ev"],
                        "rate": table["rate"],
                        "population": table["pop"],
                        "rate_chart": table[f"rate_chart{suffix}"],
                        "denominator_derived": table[f"denominator_derived{suffix}"],
                    }
                )
            )
    return pd.concat(parts, ignore_index=True)


def tables(shared: Path) -> dict[str, pd.DataFrame]:
    """Every tidy table, by file name."""
    r, py = shared / R, shared / PY
    proportion, proportion_grouped = proportions(r, py)
    rate, rate_grouped = rates(r, py)
    observations, mean = means(r, py)
    return {
        "confidence_limits.csv": confidence_limits(r),
        "proportions.csv": proportion,
        "proportions_grouped.csv": proportion_grouped,
        "rates.csv": rate,
        "rates_grouped.csv": rate_grouped,
        "means_observations.csv": observations,
        "means.csv": mean,
        "dsr_inputs.csv": dsr_inputs(r, py),
        "dsr.csv": dsr_expected(r, py),
        "esp2013.csv": esp2013(r),
        "isr_inputs.csv": isr_inputs(r, py),
        "isr_observed.csv": isr_observed(r, py),
        "isr.csv": isr_expected(r, py),
        "quantiles.csv": quantiles(r),
        "sii_inputs.csv": sii_inputs(r),
        "sii.csv": sii_expected(r),
        "life_expectancy_by_decile.csv": life_expectancy_by_decile(r),
        "funnel_limits.csv": funnel_limits(r, py),
        "funnel_significance.csv": funnel_significance(r, py),
        "funnel_points.csv": funnel_points(r, py),
    }


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts and populations that missing cells made floats are written as whole numbers, and
    a table from one package only has no source column (the README names its source)."""
    frame = frame.copy()
    if "source" in frame and frame["source"].nunique() == 1:
        frame = frame.drop(columns="source")
    # Columns read left to right: keys, inputs, expected values, confidence and limits, tolerance.
    order = [c for c in frame.columns if c not in ("confidence", "lower", "upper", "rtol")]
    order += [c for c in ("confidence", "lower", "upper", "rtol") if c in frame.columns]
    frame = frame[order]
    for column in frame.select_dtypes("float").columns:
        values = frame[column].dropna()
        if len(values) and (values == values.round()).all():
            frame[column] = frame[column].astype("Int64")
    return frame


def write(shared: Path, output: Path) -> list[Path]:
    """Write every table into ``output``; returns the paths written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables(shared).items():
        path = output / name
        tidy(frame).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def main(arguments: list[str]) -> None:
    shared = Path(arguments[0]) if arguments else ROOT.parent / "shared" / "reference"
    output = Path(arguments[1]) if len(arguments) > 1 else ROOT / "tests" / "methods" / "reference"
    if not (shared / R).is_dir() or not (shared / PY).is_dir():
        sys.exit(f"{shared} does not hold {R}/ and {PY}/: pass the shared reference folder.")
    for path in write(shared, output):
        print(path.relative_to(output.parent) if path.is_relative_to(output.parent) else path)


if __name__ == "__main__":
    main(sys.argv[1:])
