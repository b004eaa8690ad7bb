"""Write the summary-measure reference tables (tests/methods/reference/healthequal/) from
healthequal's own tests.

healthequal (WHO's R package of the HEAT summary measures) tests each measure on one of two
small data sets that its test files draw with R's random numbers (``set.seed(123)``), and states
the expected estimate, standard error and limits. This script runs each test file's data and
expected-value lines (never the package itself) in ``Rscript``, so that R makes exactly the same
numbers, and writes them as two tidy tables with our measure codes and conventions.

    python scripts/convert_healthequal.py HEALTHEQUAL_CHECKOUT [OUTPUT]

HEALTHEQUAL_CHECKOUT is a clone of WHOequity/healthequal; OUTPUT defaults to
tests/methods/reference/healthequal. Needs ``Rscript`` on the path (base R only).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
Z = 1.959963984540054
# healthequal's function (as the test calls it) -> our measure code.
CODES = {
    "aci": "ACI", "bgsd": "BGSD", "bgv": "BGV", "covar": "COV", "d": "D", "idisu": "IDISU",
    "idisw": "IDISW", "mdbu": "MDBU", "mdbw": "MDBW", "mdmu": "MDMU", "mdmw": "MDMW",
    "mdru": "MDRU", "mdrw": "MDRW", "mld": "MLD", "paf": "PAF", "parisk": "PAR", "r": "R",
    "rci": "RCI", "rii": "RII", "sii": "SII", "ti": "TI",
}  # fmt: skip
# Where healthequal's standard error is not on the scale of its estimate, the factor that puts
# it there, and why (see docs/methods/summary-measures.md).
SE_FACTORS = {
    "SII": (100.0, "healthequal's SE is of the 0-1 scale; times the scale 100"),
    "PAF": (100.0, "healthequal's SE is of the fraction; times 100 for percentage points"),
    "TI": (1000.0, "healthequal's SE is of the index before its estimate is multiplied by 1000"),
    "MLD": (1000.0, "healthequal's SE is of the index before its estimate is multiplied by 1000"),
}
STATISTICS = {
    "estimate": "estimate",
    "se": "standard_error",
    "lowerci": "lower",
    "upperci": "upper",
}
INPUTS = ["pop", "est", "se", "subgroup_order", "ref"]
EXPORT = """
.vars <- c({names})
.present <- .vars[sapply(.vars, exists)]
write.csv(as.data.frame(mget(.present)), stdout(), row.names = FALSE)
cat("---\\n")
.expected <- ls(pattern = "^expected_")
write.csv(data.frame(name = .expected, value = unlist(mget(.expected))), stdout(),
          row.names = FALSE)
"""


def commit_of(checkout: Path) -> str:
    command = ["git", "-C", str(checkout), "log", "-1", "--format=%H %cs"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def run_test_data(test: Path) -> tuple[pd.DataFrame, dict[str, float]]:
    """The test's sample data and expected values, as R computes them."""
    text = test.read_text(encoding="utf-8")
    setup = text[text.index("# Create sample data") : text.index("# Call the")]
    expected = "\n".join(line for line in text.splitlines() if line.strip().startswith("expected"))
    names = ", ".join(f'"{name}"' for name in INPUTS)
    program = f"{setup}\n{expected}\n{EXPORT.format(names=names)}"
    output = subprocess.run(
        ["Rscript", "-e", program], capture_output=True, text=True, check=True
    ).stdout
    data, values = output.split("---\n")
    table = pd.read_csv(io.StringIO(values))
    return pd.read_csv(io.StringIO(data)), dict(zip(table["name"], table["value"], strict=True))


def call_of(test: Path) -> tuple[str, set[str], dict[str, float]]:
    """The function the test calls, the arguments it passes and each expectation's tolerance."""
    text = test.read_text(encoding="utf-8")
    call = re.search(r"result <- (\w+)\((.*?)\)\n", text, re.S)
    assert call, f"{test.name}: no call found"
    arguments = set(re.findall(r"(\w+)\s*=", call.group(2)))
    tolerances = {
        field: float(tolerance)
        for field, tolerance in re.findall(
            r"expect_equal\(result\$(\w+), \w+, tolerance = ([\d.e-]+)\)", text
        )
    }
    return call.group(1), arguments, tolerances


def dataset_name(data: pd.DataFrame) -> str:
    return "ordered" if "subgroup_order" in data else "nonordered"


def convert(checkout: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    inputs: dict[str, pd.DataFrame] = {}
    rows = []
    for test in sorted((checkout / "tests" / "testthat").glob("test-*.R")):
        if "spelling" in test.name:
            continue
        data, expected = run_test_data(test)
        function, arguments, tolerances = call_of(test)
        code = CODES[function]
        dataset = dataset_name(data)
        inputs.setdefault(dataset, data)
        assert inputs[dataset].equals(data), f"{test.name}: a third data set"
        factor, conversion = SE_FACTORS.get(code, (1.0, ""))
        values = {}
        for name, value in expected.items():
            suffix = name.split("_", 1)[1] if "_" in name else ""
            values[STATISTICS.get(suffix, "estimate")] = value
        estimate = values["estimate"]
        for statistic, value in values.items():
            if pd.isna(value):
                continue  # an expectation the test never compares (mdbw's standard error)
            note, tolerance = "", tolerances.get({v: k for k, v in STATISTICS.items()}[statistic])
            if statistic == "standard_error" and factor != 1:
                value, note = float(f"{value * factor:.12g}"), conversion
            if statistic in ("lower", "upper") and factor != 1 and code != "SII":
                # healthequal adds its unconverted SE to the estimate; ours uses the converted.
                sign = -1 if statistic == "lower" else 1
                value = float(f"{estimate + sign * Z * values['standard_error'] * factor:.12g}")
                note = "estimate ± z × SE with the converted SE"
                # The limits inherit the standard error's rounding, so its tolerance too.
                tolerance = max(tolerance, tolerances["se"])
            rows.append(
                {
                    "test": test.name,
                    "dataset": dataset,
                    "measure": code,
                    "ordered": dataset == "ordered",
                    "reference_given": "reference_subgroup" in arguments,
                    "standard_error_given": "se" in arguments,
                    "statistic": statistic,
                    "expected": value,
                    "rtol": tolerance,
                    "conversion": note,
                }
            )
    frames = []
    for name, data in inputs.items():
        frame = data.rename(
            columns={
                "pop": "population",
                "est": "estimate",
                "se": "standard_error",
                "ref": "reference",
            }
        )
        frame.insert(0, "subgroup", range(1, len(frame) + 1))
        if "subgroup_order" in frame:
            frame["subgroup_order"] = frame["subgroup_order"].astype("Int64")
        if "reference" in frame:
            frame["reference"] = frame["reference"].astype("Int64")
        frame.insert(0, "dataset", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True), pd.DataFrame(rows)


def write(checkout: Path, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    inputs, expected = convert(checkout)
    written = [output / "summary_measures_inputs.csv", output / "summary_measures.csv"]
    inputs.to_csv(written[0], index=False, lineterminator="\n")
    expected.to_csv(written[1], index=False, lineterminator="\n")
    shutil.copyfile(checkout / "LICENSE.md", output / "COPYING")
    print(f"healthequal {commit_of(checkout)}: {len(expected)} expectations", file=sys.stderr)
    return written


if __name__ == "__main__":
    checkout = Path(sys.argv[1])
    default = ROOT / "tests" / "methods" / "reference" / "healthequal"
    write(checkout, Path(sys.argv[2]) if len(sys.argv) > 2 else default)
