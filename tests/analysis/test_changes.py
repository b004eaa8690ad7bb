"""What changed between two states of the values: new periods, revisions, flipped
comparisons, new and dropped indicators; and the values rebuilt as they stood at a moment."""

from datetime import UTC, date, datetime

import polars as pl

from marmot_monitor.analysis.changes import (
    change_sentences,
    changes_within,
    mark_changes,
    values_as_of,
    what_changed,
)

INDICATORS = pl.DataFrame(
    {
        "indicator": ["A", "B", "C"],
        "title": ["Smoking", "Obesity", "Employment"],
        "polarity": ["Low is good"] * 3,
        "benchmark_method": ["95"] * 3,
    }
)
AREAS = pl.DataFrame({"area_code": ["P", "E"], "area_name": ["Fairshire", "England"]})
JAN = datetime(2026, 1, 1, tzinfo=UTC)
JUNE = datetime(2026, 6, 1, tzinfo=UTC)
DEC = datetime(2026, 12, 1, tzinfo=UTC)


def values(*rows: tuple) -> pl.DataFrame:
    """Rows of (indicator, area, year, value, lower, upper)."""
    return pl.DataFrame(
        [
            {
                "indicator": indicator,
                "area_code": area,
                "period": date(year, 1, 1),
                "period_label": str(year),
                "sex": "Persons",
                "age": "All ages",
                "category_type": "",
                "category": "",
                "value": value,
                "lower_ci_95": lower,
                "upper_ci_95": upper,
            }
            for indicator, area, year, value, lower, upper in rows
        ]
    )


BEFORE = values(
    ("A", "E", 2023, 10.0, 9.9, 10.1),
    ("A", "P", 2023, 10.2, 9.5, 10.9),
    ("C", "P", 2023, 70.0, 69.0, 71.0),
)
AFTER = values(
    ("A", "E", 2023, 10.0, 9.9, 10.1),
    ("A", "P", 2023, 10.4, 9.7, 11.1),
    ("A", "E", 2024, 10.0, 9.9, 10.1),
    ("A", "P", 2024, 12.0, 11.0, 13.0),
    ("B", "P", 2024, 25.0, 24.0, 26.0),
)


def changed():
    return what_changed(BEFORE, AFTER, INDICATORS, place="P", benchmark="E", areas=AREAS)


def test_a_period_with_values_now_and_none_then_is_new():
    new = changed().new_periods
    assert new.select("indicator", "period_label", "areas").rows() == [
        ("A", "2024", 2),
        ("B", "2024", 1),
    ]


def test_a_revised_value_is_shown_before_and_after():
    revised = changed().revised
    assert revised.select(
        "title", "area_name", "period_label", "value_before", "value_after"
    ).rows() == [("Smoking", "Fairshire", "2023", 10.2, 10.4)]


def test_the_place_turning_from_similar_to_worse_in_its_latest_period_is_a_flip():
    flipped = changed().flipped
    assert flipped.select(
        "indicator", "period_before", "comparison_before", "period_after", "comparison_after"
    ).rows() == [("A", "2023", "Similar", "2024", "Worse")]


def test_indicators_with_figures_only_now_are_new_and_only_then_dropped():
    changes = changed()
    assert changes.new_indicators.rows() == [("B", "Obesity")]
    assert changes.dropped_indicators.rows() == [("C", "Employment")]


def test_indicators_a_report_kept_decide_what_was_dropped():
    changes = what_changed(
        BEFORE, AFTER, INDICATORS, place="P", benchmark="E", indicators_before=["A", "B"]
    )
    assert changes.new_indicators.is_empty()
    assert changes.dropped_indicators.is_empty()


def test_the_same_values_change_nothing():
    assert what_changed(AFTER, AFTER, INDICATORS, place="P", benchmark="E").is_empty


def test_the_changes_are_said_in_sentences():
    assert list(change_sentences(changed())) == [
        "Obesity: a new indicator, with figures for the first time.",
        "Employment: dropped; it had figures then and has none now.",
        "Smoking: new figures for 2024 (2 areas).",
        "Obesity: new figures for 2024 (1 area).",
        "Smoking: Fairshire compared with England was similar (2023), now worse (2024).",
        "Smoking: 1 value revised, e.g. Fairshire, 2023: 10.2 then, 10.4 now.",
    ]


def history():
    """Value 1 loaded in January, revised in June and again in December; value 2 new in
    June; value 3 loaded in January and never revised."""
    current = AFTER.head(3).with_columns(
        pl.Series("value_id", [3, 1, 2]),
        pl.Series("loaded_at", [JAN, DEC, JUNE]),
        *[
            pl.lit(None, pl.Float64).alias(name)
            for name in ("count", "denominator", "lower_ci_99_8", "upper_ci_99_8")
        ],
        pl.lit(None, pl.String).alias("value_note"),
    )
    measures = [
        "count",
        "denominator",
        "value",
        "lower_ci_95",
        "upper_ci_95",
        "lower_ci_99_8",
        "upper_ci_99_8",
        "value_note",
    ]
    revisions = (
        pl.DataFrame(
            {
                "value_id": [1, 1],
                "value": [10.2, 10.3],
                "lower_ci_95": [9.5, 9.6],
                "upper_ci_95": [10.9, 11.0],
                "loaded_at": [JAN, JUNE],
                "replaced_at": [JUNE, DEC],
            }
        )
        .with_columns(
            *[
                pl.lit(None, pl.Float64).alias(name)
                for name in ("count", "denominator", "lower_ci_99_8", "upper_ci_99_8")
            ],
            pl.lit(None, pl.String).alias("value_note"),
        )
        .select("value_id", *measures, "loaded_at", "replaced_at")
    )
    return current, revisions


def as_of(moment: datetime) -> dict[int, float]:
    current, revisions = history()
    frame = values_as_of(current, revisions, moment=moment)
    return dict(zip(frame["value_id"], frame["value"], strict=True))


def test_values_as_of_a_moment_take_the_revision_that_stood_then():
    assert as_of(datetime(2026, 3, 1, tzinfo=UTC)) == {3: 10.0, 1: 10.2}
    assert as_of(datetime(2026, 7, 1, tzinfo=UTC)) == {3: 10.0, 1: 10.3, 2: 10.0}


def test_values_as_of_now_are_the_values_now():
    assert as_of(datetime(2026, 12, 2, tzinfo=UTC)) == {3: 10.0, 1: 10.4, 2: 10.0}


def test_nothing_stood_before_the_first_import():
    assert as_of(datetime(2025, 1, 1, tzinfo=UTC)) == {}


def test_each_value_shown_is_marked_revised_with_its_value_before_or_of_a_new_period():
    shown = AFTER.select("indicator", "area_code", "period_label", "sex", "age", "value")
    marked = mark_changes(shown, changed())
    assert marked.select(
        "indicator", "area_code", "period_label", "change", "previous_value"
    ).rows() == [
        ("A", "E", "2023", None, None),
        ("A", "P", "2023", "Revised", 10.2),
        ("A", "E", "2024", "New period", None),
        ("A", "P", "2024", "New period", None),
        ("B", "P", "2024", "New period", None),
    ]
    assert marked.columns == [*shown.columns, "change", "previous_value"]


def test_a_category_value_is_not_marked_by_the_revision_of_the_area_own_value():
    shown = AFTER.filter(pl.col("period_label") == "2023").with_columns(
        pl.lit("Deprivation").alias("category_type"), pl.lit("Most deprived").alias("category")
    )
    assert mark_changes(shown, changed())["change"].to_list() == [None, None]


def test_a_page_sees_only_the_changes_of_its_indicators_and_areas():
    cut = changes_within(changed(), indicators=["A"], areas=["E"])
    assert cut.new_periods["indicator"].to_list() == ["A"]
    assert cut.revised.is_empty()
    assert cut.new_indicators.is_empty()
    assert not changes_within(changed(), indicators=["A"]).revised.is_empty()
