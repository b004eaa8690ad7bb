"""Small files written in the test's folder, in the layouts importers read."""

from __future__ import annotations

import csv
from pathlib import Path

from marmot_monitor.io.exports import FINGERTIPS_COLUMNS

HEADER = [c.replace("{parent}", "parent") for c in FINGERTIPS_COLUMNS]


def fingertips_row(**fields: object) -> dict[str, object]:
    row = {
        "Indicator ID": "90001",
        "Indicator Name": "Smoking prevalence",
        "Parent Code": "X10000001",
        "Parent Name": "Fairshire",
        "Area Code": "X05000001",
        "Area Name": "Abbey",
        "Area Type": "Ward",
        "Sex": "Persons",
        "Age": "18+ yrs",
        "Time period": "2019/20",
        "Value": "10",
        "Lower CI 95.0 limit": "5.5",
        "Upper CI 95.0 limit": "17.4",
        "Count": "10",
        "Denominator": "100",
    }
    row.update({key: "" if value is None else value for key, value in fields.items()})
    return row


def write_fingertips(path: Path, rows: list[dict[str, object]], *, header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in header})
    return path
