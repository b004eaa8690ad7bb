"""The board paper is written from frames alone: no database, no Django."""

from datetime import date

import polars as pl

from marmot_monitor.io.periods import parse_quarter
from marmot_monitor.reports.paper import BoardFrames, ProgrammeFrames, board_content
from marmot_monitor.reports.programme import quarter_figures

INDICATORS = pl.DataFrame(
    {
        "id": [1],
        "code": ["PI1"],
        "priority_id": [7],
        "title": ["Number of people supported into work"],
        "definition": [""],
        "partner_id": [3],
        "partner": ["Job Shop"],
        "directorate": [""],
        "contact": [""],
        "unit": ["number"],
        "polarity": ["high is good"],
        "year_to_date": ["cumulative"],
        "baseline_period": ["2024/25"],
        "baseline_value": [1000.0],
        "baseline_note": [""],
    }
)
ACTUALS = pl.DataFrame(
    {
        "id": [1, 1],
        "period": ["2026/27 Q1", "2026/27 Q2"],
        "value": [300.0, 310.0],
        "note": ["", ""],
        "regional_value": [None, None],
        "national_value": [None, None],
    },
    schema_overrides={"regional_value": pl.Float64, "national_value": pl.Float64},
)
TARGETS = pl.DataFrame({"id": [1], "period": ["2026/27"], "value": [1200.0], "note": [""]})


def paper(quarter_text: str = "2026/27 Q2"):
    quarter = parse_quarter(quarter_text)
    programme = ProgrammeFrames(
        quarter=quarter,
        figures=quarter_figures(quarter, INDICATORS, ACTUALS, TARGETS),
        priorities=pl.DataFrame(
            {"id": [7], "name": ["Work"], "title": ["Good work"], "introduction": ["Why."]}
        ),
        actions=pl.DataFrame(
            {
                "id": [5],
                "priority_id": [7],
                "number": [1],
                "aim": ["More jobs"],
                "actions": [["Open a job shop"]],
                "lead": ["Job Shop"],
            }
        ),
        progress=pl.DataFrame(
            {
                "action_id": [5],
                "period_label": ["2026/27 Q2"],
                "period_start": [date(2026, 7, 1)],
                "period_end": [date(2026, 9, 30)],
                "heading": [""],
                "narrative": ["Opened in July."],
            }
        ),
    )
    frames = BoardFrames(
        programme=programme,
        place="Fairshire",
        action_count=1,
        author=None,
        next_steps="Recruit mentors",
        unapproved=pl.DataFrame({"partner": ["Job Shop"], "status": ["Submitted"]}),
        outcomes=None,
    )
    return board_content(frames, today=date(2026, 10, 20))


def test_the_progress_is_written_from_the_year_to_date_and_the_target():
    report = paper()
    assert report.progress == ("610 people supported into work (annual target 1,200)",)
    assert "0 have already met this year's target and 1 are on track after 2" in (
        report.progress_intro
    )


def test_the_paper_names_the_place_its_author_and_the_returns_still_waiting():
    report = paper()
    assert report.board == "Fairshire Health and Wellbeing Board"
    assert report.author == "Marmot programme officer"
    assert report.next_steps == ("Recruit mentors",)
    assert report.notes == (
        "Returns for 2026/27 Q2 not yet approved: Job Shop (submitted). Their figures may change.",
    )
    assert report.outcomes_intro == "No outcome indicator values are loaded for Fairshire yet."


def test_the_appendix_shows_only_the_progress_of_the_six_months_to_the_quarter():
    progress = paper().appendix[0].actions.rows[0][3]
    assert [p.text for p in progress.paragraphs] == ["2026/27 Q2", "Opened in July."]
    later = paper("2027/28 Q2").appendix[0].actions.rows[0][3]
    assert [p.text for p in later.paragraphs] == ["No progress reported for this period."]
