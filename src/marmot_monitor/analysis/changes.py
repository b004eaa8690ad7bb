"""What changed: the indicators' figures now against the figures at a date (issue 19, part 3).

Seed 004's board reads a progress report every six months and needs to see what moved since
the last one; seed 002 saw indicator groups dropped from a rug without anyone noticing. Two
pure steps:

* :func:`values_as_of` rebuilds the values as they stood at a moment from the values now and
  the revision history the importer keeps (each value replaced is kept with the import that
  gave it and the import that replaced it);
* :func:`what_changed` sets the two states side by side: **new periods** (an indicator's
  period with values now and none then), **revised values** (the same key, a different
  value, before and after), **comparisons that flipped** (the place's comparison with the
  benchmark in its latest period, e.g. Similar then, Worse now) and **new or dropped
  indicators** (values now and none then, or the reverse).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import require
from marmot_monitor.analysis.compare import compare_to_benchmark, comparison_word

__all__ = [
    "NEW_PERIOD_MARK",
    "REVISED_MARK",
    "Changes",
    "change_sentences",
    "changes_within",
    "mark_changes",
    "values_as_of",
    "what_changed",
]

VALUE_KEYS = ["indicator", "area_code", "period_label", "sex", "age", "category_type", "category"]
MEASURES = [
    "count",
    "denominator",
    "value",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "value_note",
]
SERIES_KEYS = ["indicator", "sex", "age"]
FLIPPED = language.noop(
    "{title}: {area} compared with {benchmark} was {before} ({period_before}), "
    "now {after} ({period_after})."
)
NEW_INDICATOR = language.noop("{title}: a new indicator, with figures for the first time.")
DROPPED_INDICATOR = language.noop("{title}: dropped; it had figures then and has none now.")
NO_VALUE = language.noop("no value")
NEW_PERIOD_MARK = "New period"
REVISED_MARK = "Revised"
MARK_KEYS = ["indicator", "area_code", "period_label", "sex", "age"]


@dataclass(frozen=True)
class Changes:
    """The differences, each a polars frame (empty when nothing of its kind changed):

    * ``new_periods``: indicator, title, period_label, areas (how many have values);
    * ``revised``: indicator, title, area_code, area_name, period_label, sex, age,
      category_type, category, value_before, value_after;
    * ``flipped``: indicator, title, sex, age, period_before, comparison_before,
      period_after, comparison_after;
    * ``new_indicators`` and ``dropped_indicators``: indicator, title.
    """

    new_periods: pl.DataFrame
    revised: pl.DataFrame
    flipped: pl.DataFrame
    new_indicators: pl.DataFrame
    dropped_indicators: pl.DataFrame
    place_name: str = "the place"
    benchmark_name: str = "England"

    @property
    def is_empty(self) -> bool:
        return all(frame.is_empty() for frame in self.frames().values())

    def frames(self) -> dict[str, pl.DataFrame]:
        """The differences by kind, as the API and the downloads name them."""
        return {
            "new_periods": self.new_periods,
            "revised": self.revised,
            "flipped": self.flipped,
            "new_indicators": self.new_indicators,
            "dropped_indicators": self.dropped_indicators,
        }


def values_as_of(
    current: pl.DataFrame, revisions: pl.DataFrame, *, moment: datetime
) -> pl.DataFrame:
    """The values as they stood at ``moment``.

    Parameters
    ----------
    current : polars.DataFrame
        The values now: ``value_id``, the :data:`VALUE_KEYS`, ``period``, the
        :data:`MEASURES` and ``loaded_at`` (when the import that gave each one started).
    revisions : polars.DataFrame
        The replaced values: ``value_id``, the :data:`MEASURES`, ``loaded_at`` (when the
        import that gave the old figures started) and ``replaced_at`` (when the import that
        replaced them started).
    moment : datetime.datetime
        The moment asked about (naive or aware as the frames' times are).

    Returns
    -------
    polars.DataFrame
        The ``current`` columns but ``loaded_at``: each value loaded before ``moment`` as it
        is now, a value loaded since as the revision it replaced when that one was loaded
        before ``moment`` and replaced after, and no row for a value that did not exist then.
    """
    require(current, ["value_id", *VALUE_KEYS, *MEASURES, "loaded_at"], "current values")
    require(revisions, ["value_id", *MEASURES, "loaded_at", "replaced_at"], "revisions")
    kept = current.filter(pl.col("loaded_at") < moment)
    later = current.filter(pl.col("loaded_at") >= moment).drop(MEASURES)
    then = revisions.filter(
        (pl.col("loaded_at") < moment) & (pl.col("replaced_at") >= moment)
    ).unique("value_id", keep="first")
    restored = later.join(then.select("value_id", *MEASURES), on="value_id", how="inner")
    columns = [column for column in current.columns if column != "loaded_at"]
    return pl.concat([kept.select(columns), restored.select(columns)], how="vertical_relaxed")


def what_changed(
    before: pl.DataFrame,
    after: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    place: str,
    benchmark: str,
    areas: pl.DataFrame | None = None,
    indicators_before: Sequence[str] | None = None,
) -> Changes:
    """The differences between the values ``before`` and ``after`` (frames with the
    :data:`VALUE_KEYS`, ``period`` as a sortable date and the :data:`MEASURES`).

    ``indicators`` has indicator, title, polarity and benchmark_method; ``place`` and
    ``benchmark`` are area codes (the place's comparison with the benchmark in its latest
    period is the one that can flip); ``areas`` (area_code, area_name) names the areas of
    revised values. ``indicators_before``, when given, are the codes that had figures then
    (a board report keeps them), instead of those in ``before``: an import removed since
    leaves no history to rebuild them from.
    """
    titles = indicators.select("indicator", "title").unique("indicator", keep="first")
    had = set(indicators_before) if indicators_before is not None else set(before["indicator"])
    has = set(after["indicator"])
    named = (
        areas
        if areas is not None
        else pl.DataFrame(schema={"area_code": pl.String, "area_name": pl.String})
    )
    return Changes(
        new_periods=_new_periods(before, after).join(titles, on="indicator", how="left"),
        revised=_revised(before, after, titles, named),
        flipped=_flipped(before, after, indicators, place=place, benchmark=benchmark),
        new_indicators=_listed(titles, has - had),
        dropped_indicators=_listed(titles, had - has),
        place_name=_name(named, place),
        benchmark_name=_name(named, benchmark),
    )


def changes_within(
    changes: Changes,
    *,
    indicators: Collection[str] | None = None,
    areas: Collection[str] | None = None,
) -> Changes:
    """The changes a page shows: those of its ``indicators`` and, for revised values, its
    ``areas`` (``None``: all). New periods, flipped comparisons (the place's own) and new or
    dropped indicators concern an indicator, not an area, so only ``indicators`` cuts them."""

    def cut(frame: pl.DataFrame, *, by_area: bool = False) -> pl.DataFrame:
        if indicators is not None:
            frame = frame.filter(pl.col("indicator").is_in(list(indicators)))
        if by_area and areas is not None:
            frame = frame.filter(pl.col("area_code").is_in(list(areas)))
        return frame

    return replace(
        changes,
        new_periods=cut(changes.new_periods),
        revised=cut(changes.revised, by_area=True),
        flipped=cut(changes.flipped),
        new_indicators=cut(changes.new_indicators),
        dropped_indicators=cut(changes.dropped_indicators),
    )


def mark_changes(values: pl.DataFrame, changes: Changes) -> pl.DataFrame:
    """``values`` (one row per indicator, area_code, period_label, sex and age, with
    category_type and category when split by them) with two columns added: ``change``
    (:data:`NEW_PERIOD_MARK` for a value of a new period, :data:`REVISED_MARK` for a revised
    value, else null) and ``previous_value`` (a revised value's value before)."""
    require(values, MARK_KEYS, "values")
    keys = [
        *MARK_KEYS,
        *(key for key in VALUE_KEYS if key in values.columns and key not in MARK_KEYS),
    ]
    revised = changes.revised.select(
        *keys,
        pl.lit(REVISED_MARK).alias("_revised"),
        pl.col("value_before").alias("previous_value"),
    ).unique(keys, keep="first")
    new = changes.new_periods.select(
        "indicator", "period_label", pl.lit(NEW_PERIOD_MARK).alias("_new")
    ).unique()
    marked = values.join(
        revised, on=keys, how="left", nulls_equal=True, maintain_order="left"
    ).join(new, on=["indicator", "period_label"], how="left", maintain_order="left")
    return (
        marked.with_columns(pl.coalesce("_revised", "_new").alias("change"))
        .drop("_revised", "_new")
        .select(*values.columns, "change", "previous_value")
    )


def _name(areas: pl.DataFrame, code: str) -> str:
    found = areas.filter(pl.col("area_code") == code)["area_name"]
    return found[0] if found.len() else code


def _listed(titles: pl.DataFrame, codes: set[str]) -> pl.DataFrame:
    rows = pl.DataFrame({"indicator": sorted(codes)}, schema={"indicator": pl.String})
    return rows.join(titles, on="indicator", how="left").with_columns(
        pl.col("title").fill_null(pl.col("indicator"))
    )


def _new_periods(before: pl.DataFrame, after: pl.DataFrame) -> pl.DataFrame:
    keys = ["indicator", "period_label"]
    new = after.join(before.select(keys).unique(), on=keys, how="anti")
    return (
        new.group_by([*keys, "period"])
        .agg(pl.col("area_code").n_unique().alias("areas"))
        .sort(["indicator", "period"])
        .drop("period")
    )


def _revised(
    before: pl.DataFrame, after: pl.DataFrame, titles: pl.DataFrame, areas: pl.DataFrame
) -> pl.DataFrame:
    paired = after.select(*VALUE_KEYS, "period", pl.col("value").alias("value_after")).join(
        before.select(*VALUE_KEYS, pl.col("value").alias("value_before")),
        on=VALUE_KEYS,
        how="inner",
        nulls_equal=True,
    )
    differs = pl.col("value_before").ne_missing(pl.col("value_after"))
    return (
        paired.filter(differs)
        .sort(["indicator", "period", "area_code", "sex", "age"])
        .join(titles, on="indicator", how="left")
        .join(areas, on="area_code", how="left")
        .select(
            "indicator",
            "title",
            "area_code",
            "area_name",
            "period_label",
            "sex",
            "age",
            "category_type",
            "category",
            "value_before",
            "value_after",
        )
    )


def _flipped(
    before: pl.DataFrame,
    after: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    place: str,
    benchmark: str,
) -> pl.DataFrame:
    then = _latest_comparison(before, indicators, place=place, benchmark=benchmark)
    now = _latest_comparison(after, indicators, place=place, benchmark=benchmark)
    paired = then.join(now, on=SERIES_KEYS, how="inner", suffix="_after").rename(
        {"period_label": "period_before", "comparison": "comparison_before"}
    )
    titles = indicators.select("indicator", "title").unique("indicator", keep="first")
    return (
        paired.filter(pl.col("comparison_before") != pl.col("comparison_after"))
        .rename({"period_label_after": "period_after"})
        .join(titles, on="indicator", how="left")
        .select(
            "indicator",
            "title",
            "sex",
            "age",
            "period_before",
            "comparison_before",
            "period_after",
            "comparison_after",
        )
        .sort(SERIES_KEYS)
    )


def _latest_comparison(
    values: pl.DataFrame, indicators: pl.DataFrame, *, place: str, benchmark: str
) -> pl.DataFrame:
    """The place's comparison with the benchmark in each series' latest period."""
    schema = {
        **dict.fromkeys(SERIES_KEYS, pl.String),
        "period_label": pl.String,
        "comparison": pl.String,
    }
    own = values.filter(
        pl.col("area_code").is_in([place, benchmark])
        & (pl.col("category_type") == "")
        & (pl.col("category") == "")
    )
    if own.is_empty():
        return pl.DataFrame(schema=schema)
    latest = (
        own.filter(pl.col("area_code") == place).group_by(SERIES_KEYS).agg(pl.col("period").max())
    )
    rows = own.join(latest, on=[*SERIES_KEYS, "period"], how="inner").join(
        indicators.select("indicator", "polarity", "benchmark_method").unique("indicator"),
        on="indicator",
        how="inner",
    )
    compared = compare_to_benchmark(rows, benchmark=benchmark, keys=[*SERIES_KEYS, "period"])
    return compared.filter(pl.col("area_code") == place).select(
        *SERIES_KEYS, "period_label", "comparison"
    )


def change_sentences(changes: Changes) -> Iterator[str]:
    """The changes in words, a sentence each, as the board report and the page list them."""
    for row in changes.new_indicators.iter_rows(named=True):
        yield language.gettext(NEW_INDICATOR).format(title=row["title"])
    for row in changes.dropped_indicators.iter_rows(named=True):
        yield language.gettext(DROPPED_INDICATOR).format(title=row["title"])
    for row in changes.new_periods.iter_rows(named=True):
        areas = row["areas"]
        said = language.ngettext(
            "{title}: new figures for {period} ({areas} area).",
            "{title}: new figures for {period} ({areas} areas).",
            areas,
        )
        yield said.format(title=row["title"], period=row["period_label"], areas=areas)
    for row in changes.flipped.iter_rows(named=True):
        yield _flip_sentence(row, changes)
    yield from _revision_sentences(changes)


def _flip_sentence(row: dict, changes: Changes) -> str:
    return language.gettext(FLIPPED).format(
        title=row["title"],
        area=changes.place_name,
        benchmark=changes.benchmark_name,
        before=comparison_word(row["comparison_before"]).lower(),
        period_before=row["period_before"],
        after=comparison_word(row["comparison_after"]).lower(),
        period_after=row["period_after"],
    )


def _revision_sentences(changes: Changes) -> Iterator[str]:
    revised = changes.revised
    for (code,), group in revised.group_by(["indicator"], maintain_order=True):
        first = group.row(0, named=True)
        count = group.height
        said = language.ngettext(
            "{title}: {count} value revised, e.g. {area}, {period}: {before} then, {after} now.",
            "{title}: {count} values revised, e.g. {area}, {period}: {before} then, {after} now.",
            count,
        )
        yield said.format(
            title=first["title"] or code,
            count=count,
            area=first["area_name"] or first["area_code"],
            period=first["period_label"],
            before=_figure(first["value_before"]),
            after=_figure(first["value_after"]),
        )


def _figure(value: float | None) -> str:
    return language.gettext(NO_VALUE) if value is None else f"{value:,.1f}"
