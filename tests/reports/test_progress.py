"""The public progress page's content from the board report's frames: by principle, each
figure in its unit and by its year-to-date rule, indicators awaiting approval left blank,
and the CSV's rows (written formula-safe by io/progress.py)."""

import csv
import io
from datetime import date

import polars as pl
import pytest

from marmot_monitor.charts.programme import target_share_chart
from marmot_monitor.io.periods import parse_quarter
from marmot_monitor.io.progress import CSV_COLUMNS, progress_csv
from marmot_monitor.reports.paper import ProgrammeFrames
from marmot_monitor.reports.programme import quarter_figures
from marmot_monitor.reports.progress import (
    AWAITING,
    progress_by_principle,
    progress_rows,
    target_shares,
)

COUNCIL, COMPASS = 10, 20
INDICATORS = pl.DataFrame(
    {
        "id": [6, 15, 12],
        "code": ["PI6", "PI15", "PI12"],
        "priority_id": [1, 1, 1],
        "title": ["Children aged 11 and under", "Income gained", "People into work"],
        "definition": ["", "", ""],
        "partner_id": [COMPASS, COUNCIL, COUNCIL],
        "partner": ["Compass", "Council", "Council"],
        "directorate": ["", "", ""],
        "contact": ["", "", ""],
        "unit": ["percentage", "pounds", "number"],
        "rate_per": [None, None, None],
        "polarity": ["high is good"] * 3,
        "year_to_date": ["mean", "cumulative", "cumulative"],
        "baseline_period": ["2025/26"] * 3,
        "baseline_value": [8.0, None, 1844.0],
        "baseline_note": ["", "New service", ""],
    },
    schema_overrides={"rate_per": pl.Int64},
)
ACTUALS = pl.DataFrame(
    [
        (6, "2026/27 Q1", 21.0), (6, "2026/27 Q2", 18.0),
        (15, "2026/27 Q1", 142000.0), (15, "2026/27 Q2", 168500.0),
        (12, "2026/27 Q1", 413.0), (12, "2026/27 Q2", 177.0),
    ],
    schema=["id", "period", "value"],
    orient="row",
).with_columns(
    pl.lit("").alias("note"),
    pl.lit(None, pl.Float64).alias("regional_value"),
    pl.lit(None, pl.Float64).alias("national_value"),
)  # fmt: skip
TARGETS = pl.DataFrame(
    [(6, "2026/27", 17.0, ""), (15, "2026/27", 500000.0, ""), (12, "2026/27", 1200.0, "")],
    schema=["id", "period", "value", "note"],
    orient="row",
)
PRINCIPLES = pl.DataFrame({"number": [1, 2, 3], "title": ["Best start", "Skills", "Work"]})
# PI6 under principles 1 and 3; PI15 under none; PI12 under 3. Aim 5 under 1; aim 7 none.
INDICATOR_LINKS = pl.DataFrame({"id": [6, 6, 12], "principle": [1, 3, 3]})
ACTION_LINKS = pl.DataFrame({"id": [5], "principle": [1]})


def frames(quarter: str = "2026/27 Q2") -> ProgrammeFrames:
    parsed = parse_quarter(quarter)
    actions = pl.DataFrame(
        {"id": [5, 7], "priority_id": [1, 1], "number": [5, 7],
         "aim": ["Improve mental health", "Review employment support"],
         "actions": [["Extend the service"], ["Review claimants"]], "lead": ["Compass", "Council"]}
    )  # fmt: skip
    progress = pl.DataFrame(
        {"action_id": [5, 5, 5], "period_label": ["2026/27 Q1", "2026/27 Q2", "2026/27 Q3"],
         "period_start": [date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1)],
         "period_end": [date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)],
         "heading": ["", "1 July to 30 September 2026", ""],
         "narrative": ["First quarter", "Second quarter", "Third quarter"]}
    )  # fmt: skip
    return ProgrammeFrames(
        quarter=parsed,
        figures=quarter_figures(parsed, INDICATORS, ACTUALS, TARGETS),
        priorities=pl.DataFrame(
            {"id": [1], "name": ["Young people"], "title": ["Young people"], "introduction": [""]}
        ),
        actions=actions,
        progress=progress,
    )


def by_principle(**options):
    return progress_by_principle(
        frames(),
        principles=PRINCIPLES,
        indicator_links=INDICATOR_LINKS,
        action_links=ACTION_LINKS,
        **options,
    )


def test_each_principle_lists_its_linked_indicators_and_aims_and_the_unlinked_come_last():
    found = [(p.number, [i.code for i in p.indicators], [a.number for a in p.aims])
             for p in by_principle()]  # fmt: skip
    assert found == [(1, ["PI6"], [5]), (3, ["PI6", "PI12"], []), (None, ["PI15"], [7])]


def test_figures_are_written_in_their_units_with_the_year_to_date_by_each_rule():
    first = by_principle()[0].indicators[0]
    assert (first.baseline, first.target, first.actual) == ("8%", "17%", "18%")
    assert (first.year_to_date, first.rule) == ("19.5%", "Mean (average) of the quarters reported")
    pounds = by_principle()[-1].indicators[0]
    assert (pounds.baseline, pounds.year_to_date) == ("New service", "£310,500")
    assert pounds.status == "On track"
    assert pounds.status_colour == "blue"


def test_an_indicator_whose_partners_return_awaits_approval_has_no_figures_yet():
    pi6 = by_principle(awaiting=[COMPASS])[0].indicators[0]
    assert (pi6.actual, pi6.year_to_date, pi6.status) == ("", "", AWAITING)
    assert pi6.status_colour == "grey"
    assert pi6.target == "17%"


def test_an_aim_shows_its_latest_progress_up_to_the_quarters_end():
    aim = by_principle()[0].aims[0]
    assert (aim.heading, aim.narrative) == ("1 July to 30 September 2026", "Second quarter")
    unreported = by_principle()[-1].aims[0]
    assert (unreported.heading, unreported.narrative) == ("", "")


def test_the_csv_rows_are_one_per_principle_and_indicator_with_numbers_and_units():
    rows = progress_rows(frames(), principles=PRINCIPLES, indicator_links=INDICATOR_LINKS)
    assert rows.schema == pl.Schema(CSV_COLUMNS)
    assert rows.select("principle_number", "indicator_code", "unit", "year_to_date").rows() == [
        (1, "PI6", "%", 19.5),
        (3, "PI6", "%", 19.5),
        (3, "PI12", "number", 590.0),
        (None, "PI15", "£", 310500.0),
    ]


def test_the_csv_keeps_a_title_that_starts_like_a_formula_as_text():
    rows = progress_rows(frames(), principles=PRINCIPLES, indicator_links=INDICATOR_LINKS)
    hostile = rows.with_columns(pl.lit('=HYPERLINK("http://x","y")').alias("indicator"))
    read = list(csv.DictReader(io.StringIO(progress_csv(hostile))))
    assert read[0]["indicator"] == '\'=HYPERLINK("http://x","y")'
    assert read[0]["year_to_date"] == "19.5"


def test_rows_without_the_csvs_columns_are_refused_naming_them():
    with pytest.raises(ValueError, match="the progress rows must have the columns quarter, "):
        progress_csv(pl.DataFrame({"code": ["PI6"]}))


def test_the_charts_shares_are_each_judged_indicators_year_to_date_over_its_target():
    shares = target_shares(frames(), awaiting=[COMPASS])
    assert shares.rows() == [
        ("PI15: Income gained", "£310,500", "£500,000", 62.1, "On track"),
        ("PI12: People into work", "590", "1,200", 49.2, "Off track"),
    ]
    spec = target_share_chart(shares, title="Year to date").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["On track", "Off track"]
