"""Indicator metadata files: what Fingertips says each indicator is, in our words.

Two layouts are read. FingertipsNext's ``indicators.csv`` (``IndicatorID``, ``Polarity``,
``BenchmarkComparisonMethod``, ``ValueType``, ``IndicatorName``, ``PeriodType``,
``Frequency``) and the classic Fingertips metadata download (``Indicator ID``,
``Indicator``, ``Definition``, ``Value type``, ``Unit``, ``Polarity``, ``Frequency``, and
many text columns not used here). Fingertips' words are turned into ours by the one table
that does it, :data:`marmot_monitor.catalogue.terms.FINGERTIPS_TERMS`; a word that table
does not know refuses the file, naming the row and the words it accepts.

The :class:`~marmot_monitor.io.readings.Reading` has one row per indicator:
``fingertips_id``, ``title``, ``definition``, ``value_type``, ``polarity``,
``benchmark_method``, ``unit``, ``multiplier``, ``frequency``, ``title_cy``,
``definition_cy`` and ``row``; a field the file does not state is empty. The Welsh name and
definition come from optional columns of our own, ``title_cy`` and ``definition_cy``
(docs/importing.md), which Fingertips does not write.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from marmot_monitor.analysis._common import counted
from marmot_monitor.catalogue import terms
from marmot_monitor.io import validation
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.tables import find_columns, read_table

ALIASES = {
    "fingertips_id": ["indicatorid"],
    "title": ["indicatorname", "indicator", "indicatorfullname"],
    "definition": ["definition", "simpledefinition", "indicatordefinition"],
    "value_type": ["valuetype"],
    "polarity": ["polarity"],
    "benchmark_method": ["benchmarkcomparisonmethod", "benchmarkingmethod", "comparisonmethod"],
    "unit": ["unit"],
    "frequency": ["frequency"],
    "title_cy": ["titlecy", "indicatornamecy", "namecy"],
    "definition_cy": ["definitioncy"],
}
DESCRIBING = ("value_type", "polarity", "benchmark_method")
WORDS = {
    "value_type": "value type",
    "polarity": "polarity",
    "benchmark_method": "benchmark method",
}
OUTPUT = [
    "fingertips_id", "title", "definition", "value_type", "polarity", "benchmark_method",
    "unit", "multiplier", "frequency", "title_cy", "definition_cy", "row",
]  # fmt: skip

UNKNOWN_WORD = "'{{}}' is not a {what} Marmot Monitor knows"
FIX_WORD = "use one of the Fingertips words: {choices}"
NOT_AN_ID = "is not a Fingertips indicator ID"
FIX_ID = "write the indicator's number as Fingertips gives it, e.g. 90366"
NO_DESCRIPTION = (
    "the file names indicators but none of their value type, polarity or benchmark method",
    "export the indicator metadata (with its Polarity and Value type columns) from Fingertips",
)
FREQUENCY_NOTE = "{indicators} with a frequency not read ({examples}): set it by hand"
LAYOUTS = {True: "FingertipsNext indicator metadata", False: "Fingertips indicator metadata"}


def read_indicator_metadata(
    path: Path, *, encoding: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> Reading:
    """Read a Fingertips or FingertipsNext indicator metadata CSV into our vocabulary, within
    ``limits``."""
    keys = {key for names in ALIASES.values() for key in names}
    table = read_table(Path(path), encoding=encoding, expected=keys, limits=limits)
    found = find_columns(table, ALIASES, needed=["fingertips_id", "title"])
    if not any(field in found for field in DESCRIBING):
        raise InvalidFileError(table.name, *NO_DESCRIPTION)
    frame = table.frame.select(
        "row", *[validation.text(column).alias(ours) for ours, column in found.items()]
    ).with_columns(
        [pl.lit(None, pl.String).alias(field) for field in ALIASES if field not in found]
    )
    frame, problems = _translate(frame, found)
    frame, id_problems = _ids(frame, found["fingertips_id"])
    frame, notes = _frequencies(frame)
    frame = _units(frame)
    unique, _, clashes = validation.drop_repeats(
        frame.filter(pl.col("fingertips_id").is_not_null()),
        ["fingertips_id"],
        [c for c in OUTPUT if c not in ("fingertips_id", "row")],
        key_words="indicator ID",
    )
    return Reading(
        kind="indicators",
        name=table.name,
        layout=LAYOUTS["benchmark_method" in found and "definition" not in found],
        raw=table.frame,
        rows=unique.select(OUTPUT),
        problems=Problems(table.name, gather([table.problems, problems, id_problems, clashes])),
        labels=found,
        notes=[*table.notes, *notes],
        sha256=table.sha256,
    )


def _translate(frame: pl.DataFrame, found: dict[str, str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Fingertips' words as ours; a word not in the table is a problem naming the choices."""
    problems = []
    for field in DESCRIBING:
        if field not in found:
            continue
        table = terms.FINGERTIPS_TERMS[field]
        said = pl.col(field).fill_null("").str.to_lowercase()
        rule = UNKNOWN_WORD.format(what=WORDS[field])
        unknown = problems_where(
            frame,
            ~said.is_in(list(table)),
            column=found[field],
            value=pl.col(field),
            rule=rule,
            fix=FIX_WORD.format(choices=_choices(table)),
        )
        problems.append(unknown.with_columns(pl.format(rule, "value").alias("rule")))
        frame = frame.with_columns(said.replace_strict(table, default=None).alias(field))
    return frame, gather(problems)


def _choices(table: dict[str, str]) -> str:
    return ", ".join(f"'{word.capitalize()}'" for word in table if word)


def _ids(frame: pl.DataFrame, label: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    number = pl.col("fingertips_id").str.strip_suffix(".0").cast(pl.Int64, strict=False)
    problems = problems_where(
        frame,
        pl.col("fingertips_id").is_null() | number.is_null() | (number < 1),
        column=label,
        value=pl.col("fingertips_id").fill_null(""),
        rule=NOT_AN_ID,
        fix=FIX_ID,
    )
    return frame.with_columns(number.alias("fingertips_id")), problems


def _frequencies(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    said = pl.col("frequency").str.to_lowercase()
    mapped = frame.with_columns(
        said.replace_strict(terms.FINGERTIPS_FREQUENCIES, default=None).alias("_frequency")
    )
    unread = mapped.filter(pl.col("frequency").is_not_null() & pl.col("_frequency").is_null())
    notes = []
    if unread.height:
        examples = ", ".join(repr(v) for v in unread["frequency"].unique().sort().head(3))
        notes.append(
            FREQUENCY_NOTE.format(indicators=counted(unread.height, "indicator"), examples=examples)
        )
    return mapped.with_columns(pl.col("_frequency").alias("frequency")).drop("_frequency"), notes


def _units(frame: pl.DataFrame) -> pl.DataFrame:
    """The unit and multiplier: from the unit column, else what the value type implies."""
    default_unit = pl.col("value_type").replace_strict(
        {k: unit for k, (unit, _) in terms.DEFAULT_UNITS.items()}, default=""
    )
    default_multiplier = pl.col("value_type").replace_strict(
        {k: scale for k, (_, scale) in terms.DEFAULT_UNITS.items()}, default=1
    )
    unit = pl.coalesce(pl.col("unit"), default_unit)
    return frame.with_columns(
        unit.alias("unit"),
        pl.coalesce(
            unit.str.to_lowercase().replace_strict(terms.FINGERTIPS_MULTIPLIERS, default=None),
            pl.when(pl.col("unit").is_null()).then(default_multiplier).otherwise(1),
        )
        .cast(pl.Int64)
        .alias("multiplier"),
    )
