"""Checks shared by the readers: text to numbers, periods, required cells, limits, duplicates.

Each check works on a whole column at once and returns the parsed column with a frame of
problems (see :mod:`.problems`); no check loops over rows in Python. Messages are module
constants so that tests and the documentation quote them exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from marmot_monitor import language
from marmot_monitor.io.periods import PeriodLabelError, parse_period
from marmot_monitor.io.problems import empty_problems, gather, problems_where

LARGEST = 1e15
LARGEST_WHOLE = 2_147_483_647
MISSING_MARKERS = ["*", "-", "..", ":", "x", "[c]", "[x]", "[z]", "[u]", "n/a", "na", "#n/a"]
THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$"

NOT_A_NUMBER = language.noop("is not a number")
FIX_NUMBER = language.noop(
    "write a number such as 12.5, or leave the cell empty when there is none"
)
TOO_LARGE = language.noop("is too large to be a real figure (more than 10^15)")
FIX_TOO_LARGE = language.noop("check the cell: a number this big is a typing or export error")
NOT_WHOLE = language.noop("must be a whole number from 0 to 2,147,483,647")
FIX_WHOLE = language.noop("write a whole number without decimals")
NEGATIVE = language.noop("must not be negative")
FIX_NEGATIVE = language.noop("counts and denominators are 0 or more: check the sign")
REQUIRED = language.noop("is empty but every row needs it")
FIX_REQUIRED = language.noop("fill it in, or remove the row")
BAD_PERIOD = language.noop("is not a time period label Marmot Monitor understands")
FIX_PERIOD = language.noop(
    "use a Fingertips form such as 2019, 2019/20, 2017 - 19, 2019 Q1 or Jul 2019 - Jun 2020"
)
OUTSIDE_LIMITS = language.noop("the value lies outside its {level} confidence limits")
FIX_LIMITS = language.noop("check the value and both limits: lower ≤ value ≤ upper")
COUNT_ABOVE_DENOMINATOR = language.noop("the count is larger than the denominator of a proportion")
FIX_COUNT = language.noop("a proportion counts part of its denominator: check both numbers")
DUPLICATE_KEY = language.noop("the same {key} appears in more than one row with different figures")
FIX_DUPLICATE = language.noop("keep one row for each; delete or correct the others")


def text(column: str) -> pl.Expr:
    """A text column with surrounding spaces removed and empty cells as missing."""
    stripped = pl.col(column).str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def parse_numbers(
    frame: pl.DataFrame,
    columns: dict[str, str],
    *,
    whole: Sequence[str] = (),
    labels: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Parse text columns to numbers: ``columns`` maps the text column to the new name.

    Problems name the column as ``labels`` gives it (by text column), else as it is.

    Thousands separators (``"29,199"``) are removed; the markers of suppressed or missing
    figures (``*``, ``[c]``, ``..``...) become missing. Names in ``whole`` must be whole
    numbers that fit the database's integers. Returns the frame with the new columns, the
    problems and how many cells held a missing-value marker.
    """
    if not columns:
        return frame, empty_problems(), 0
    labels = labels or {}
    texts = {source: f"__text_{index}" for index, source in enumerate(columns)}
    result = frame.with_columns(pl.col(source).alias(name) for source, name in texts.items())
    slow = _needing_cleaning(result, texts)
    cells = {s: text(t) if s in slow else pl.col(t) for s, t in texts.items()}
    markers = {s: _is_marker(cells[s]) if s in slow else pl.lit(False) for s in texts}
    result = result.with_columns(
        (_number(cells[s], markers[s]) if s in slow else _cast(cells[s])).alias(columns[s])
        for s in texts
    )
    flags = {
        (source, rule): broken
        for source, cell in cells.items()
        for rule, broken in _number_rules(
            cell, markers[source], pl.col(columns[source]), columns[source] in whole
        ).items()
    }
    tallies = result.select(
        pl.sum_horizontal(marker.sum() for marker in markers.values()).alias("markers"),
        *[broken.sum().alias(str(index)) for index, broken in enumerate(flags.values())],
    ).row(0)
    problems = [
        problems_where(
            result,
            flags[source, rule],
            column=labels.get(source, source),
            value=cells[source],
            rule=rule,
            fix=NUMBER_FIXES[rule],
        )
        for (source, rule), count in zip(flags, tallies[1:], strict=True)
        if count
    ]
    result = result.drop(texts.values()).with_columns(
        pl.col(name).cast(pl.Int64, strict=False) for name in whole if name in result.columns
    )
    return result, gather(problems), int(tallies[0] or 0)


NUMBER_FIXES = {NOT_A_NUMBER: FIX_NUMBER, TOO_LARGE: FIX_TOO_LARGE, NOT_WHOLE: FIX_WHOLE}


def _cast(cell: pl.Expr) -> pl.Expr:
    return cell.cast(pl.Float64, strict=False)


def _needing_cleaning(frame: pl.DataFrame, texts: dict[str, str]) -> set[str]:
    """Columns with a cell that is not a plain number (spaces, separators, markers, text)."""
    failures = frame.select(
        (pl.col(name).is_not_null() & _cast(pl.col(name)).is_null()).sum().alias(source)
        for source, name in texts.items()
    ).row(0, named=True)
    return {source for source, count in failures.items() if count}


def _is_marker(cell: pl.Expr) -> pl.Expr:
    return cell.str.to_lowercase().is_in(MISSING_MARKERS)


def _number(cell: pl.Expr, is_marker: pl.Expr) -> pl.Expr:
    without_separators = (
        pl.when(cell.str.contains(THOUSANDS)).then(cell.str.replace_all(",", "")).otherwise(cell)
    )
    return (
        pl.when(is_marker).then(None).otherwise(without_separators).cast(pl.Float64, strict=False)
    )


def _number_rules(
    cell: pl.Expr, is_marker: pl.Expr, number: pl.Expr, whole: bool
) -> dict[str, pl.Expr]:
    """Each number rule's flag for one column (``number`` parsed from ``cell``)."""
    infinite = number.is_infinite() | (number.abs() > LARGEST)
    rules = {
        NOT_A_NUMBER: cell.is_not_null() & ~is_marker & (number.is_null() | number.is_nan()),
        TOO_LARGE: infinite,
    }
    if whole:
        rules[NOT_WHOLE] = ~infinite & (
            (number != number.round(0)) | (number < 0) | (number > LARGEST_WHOLE)
        )
    return {rule: broken.fill_null(False) for rule, broken in rules.items()}


def bad_numbers_to_null(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """Blank non-finite and out-of-range numbers (their rows already carry a problem)."""
    return frame.with_columns(
        pl.when(pl.col(c).is_finite() & (pl.col(c).abs() <= LARGEST)).then(pl.col(c)).alias(c)
        for c in columns
        if frame.schema[c] == pl.Float64
    )


def required(frame: pl.DataFrame, columns: dict[str, str]) -> pl.DataFrame:
    """Problems where a needed cell is empty; ``columns`` maps our name to the file's."""
    return gather(
        problems_where(
            frame,
            pl.col(name).is_null(),
            column=label,
            value=pl.lit(None),
            rule=REQUIRED,
            fix=FIX_REQUIRED,
        )
        for name, label in columns.items()
    )


def parse_period_column(
    frame: pl.DataFrame, column: str, *, label: str, academic: bool = False
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Normalise the period labels in ``column`` (parsed once per distinct label).

    Returns the frame with ``column`` holding the labels as stored (unknown ones as they
    were) and the problems of labels in no known form.
    """
    labels = frame[column].drop_nulls().unique().to_list()
    known, unknown = {}, []
    for raw in labels:
        try:
            known[raw] = parse_period(raw, academic=academic).label
        except PeriodLabelError:
            unknown.append(raw)
    problems = problems_where(
        frame,
        pl.col(column).is_in(unknown),
        column=label,
        value=pl.col(column),
        rule=BAD_PERIOD,
        fix=FIX_PERIOD,
    )
    labelled = frame.with_columns(
        pl.col(column).replace_strict(known, default=pl.col(column), return_dtype=pl.String)
    )
    return labelled, problems


def non_negative(frame: pl.DataFrame, columns: dict[str, str]) -> pl.DataFrame:
    return gather(
        problems_where(
            frame,
            pl.col(name) < 0,
            column=label,
            value=pl.col(name),
            rule=NEGATIVE,
            fix=FIX_NEGATIVE,
        )
        for name, label in columns.items()
        if name in frame.columns
    )


def within_limits(
    frame: pl.DataFrame, levels: dict[str, tuple[str, str]], *, value: str = "value", label: str
) -> pl.DataFrame:
    """Problems where lower ≤ value ≤ upper fails at a level (all three present).

    ``levels`` maps a level's name (``"95%"``) to its lower and upper columns. Rounding in
    published files is allowed for: a tolerance of 1e-9 of the value's size.
    """
    parts = []
    for level, (lower, upper) in levels.items():
        if lower not in frame.columns or upper not in frame.columns:
            continue
        tolerance = 1e-9 * pl.max_horizontal(pl.col(value).abs(), pl.lit(1.0))
        outside = (pl.col(lower) > pl.col(value) + tolerance) | (
            pl.col(value) > pl.col(upper) + tolerance
        )
        shown = _joined(
            [pl.col(value), pl.lit(" ("), pl.col(lower), pl.lit(" to "), pl.col(upper), pl.lit(")")]
        )
        parts.append(
            problems_where(
                frame,
                outside,
                column=label,
                value=shown,
                rule=language.gettext(OUTSIDE_LIMITS).format(level=level),
                fix=FIX_LIMITS,
            )
        )
    return gather(parts)


def _joined(parts: list[pl.Expr]) -> pl.Expr:
    return pl.concat_str([part.cast(pl.String).fill_null("") for part in parts])


def count_within_denominator(
    frame: pl.DataFrame, proportions: Iterable[str], *, indicator: str, label: str
) -> pl.DataFrame:
    """Problems where a proportion's count exceeds its denominator."""
    above = pl.col(indicator).is_in(list(proportions)) & (pl.col("count") > pl.col("denominator"))
    shown = _joined([pl.col("count"), pl.lit(" of "), pl.col("denominator")])
    return problems_where(
        frame, above, column=label, value=shown, rule=COUNT_ABOVE_DENOMINATOR, fix=FIX_COUNT
    )


def drop_repeats(
    frame: pl.DataFrame, key: Sequence[str], compared: Sequence[str], *, key_words: str
) -> tuple[pl.DataFrame, int, pl.DataFrame]:
    """Drop rows repeating another row's key and figures; report keys with differing figures.

    Returns the frame without repeats (the first of each kept), how many repeats were
    dropped, and problems on every row of a key that appears with different figures. Only
    rows whose key hash is shared (a missing key counts as shared) are compared in full, so
    a file without repeats costs one hash per row; key columns holding one value throughout
    (``Persons``) cannot tell rows apart and are left out of the hash.
    """
    same = frame.select(pl.col(c).eq_missing(pl.col(c).first()).all() for c in key).row(0)
    hashed = [c for c, constant in zip(key, same, strict=True) if not constant] or key[:1]
    joined = pl.concat_str([pl.col(c).cast(pl.String) for c in hashed], separator="\x1f")
    shared = frame.select(joined.hash(seed=0).is_duplicated()).to_series()
    if not shared.any():
        return frame, 0, empty_problems()
    candidates = frame.filter(shared)
    unique = candidates.unique([*key, *compared], keep="first", maintain_order=True)
    clash = pl.struct(key).is_duplicated()
    shown = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in key], separator=" | ")
    problems = problems_where(
        unique,
        clash,
        column=None,
        value=shown,
        rule=language.gettext(DUPLICATE_KEY).format(key=key_words),
        fix=FIX_DUPLICATE,
    )
    kept = frame.filter(~shared | pl.col("row").is_in(unique["row"].implode()))
    return kept, candidates.height - unique.height, problems
