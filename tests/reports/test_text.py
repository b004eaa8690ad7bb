"""Numbers and messages are written one way for pages, the board report and the terminal."""

import math

import pytest

from marmot_monitor.reports.board import format_figure
from marmot_monitor.reports.text import (
    MISSING,
    capitalised,
    format_number,
    inequality_sentence,
    inequality_words,
    sentence,
    with_unit,
)


def test_tables_keep_their_decimal_places_and_whole_counts_stay_whole():
    assert format_number(1234.5678) == "1,234.6"
    assert format_number(590.0) == "590.0"
    assert format_number(0.456, decimals=2) == "0.46"
    assert format_number(1234) == "1,234"


def test_prose_drops_decimals_only_when_the_figure_rounds_to_a_whole_number():
    assert format_number(590.04, whole=True) == "590"
    assert format_number(6.43, whole=True) == "6.4"


@pytest.mark.parametrize("value", [None, math.nan, math.inf])
def test_a_missing_number_is_shown_as_the_missing_marker_the_caller_chooses(value):
    assert format_number(value) == MISSING
    assert format_number(value, missing="-") == "-"


def test_the_board_report_writes_percentages_with_a_sign_and_missing_figures_as_nothing():
    assert (format_figure(23.0, "percentage"), format_figure(1415.0)) == ("23%", "1,415")
    assert format_figure(None, "percentage") == ""


def test_a_value_is_written_with_its_unit_and_a_percentage_with_a_sign():
    assert with_unit(17.24, "%") == with_unit(17.24, "Percentage") == "17.2%"
    assert with_unit(412.0, "per 100,000") == "412.0 per 100,000"
    assert with_unit(81.3, None) == "81.3"
    assert with_unit(None, "%") == MISSING


def test_a_message_becomes_a_sentence_with_one_full_stop_and_an_empty_one_stays_empty():
    assert sentence("no value for 2024") == "No value for 2024."
    assert sentence("no value for 2024.") == "No value for 2024."
    assert sentence("") == ""


def test_an_error_message_for_a_form_is_capitalised_without_a_full_stop():
    assert capitalised(ValueError(" the return is locked ")) == "The return is locked"


# --- the SII, RII and gap in words (positive: higher among the most deprived) -------------------


def test_a_negative_gap_says_the_most_deprived_have_less_in_the_indicators_unit():
    said = inequality_sentence("gap", -9.44, indicator="Life expectancy at birth", unit="years")
    assert said == (
        "The most deprived decile has 9.4 years lower life expectancy at birth than the least "
        "deprived decile (gap -9.4)."
    )


def test_a_positive_sii_of_a_percentage_is_in_percentage_points_and_higher():
    said = inequality_sentence("sii", 6.0, indicator="Smoking prevalence", unit="%", quantiles=5)
    assert said.startswith(
        "The most deprived have 6.0 percentage points higher smoking prevalence than the least "
        "deprived, across the whole deprivation gradient (slope index of inequality 6.0)"
    )


@pytest.mark.parametrize(
    ("rii", "words"), [(1.25, "25% higher"), (0.8, "20% lower"), (1.001, "the same")]
)
def test_the_rii_is_said_as_a_percentage_difference(rii, words):
    assert words in inequality_sentence("rii", rii, indicator="Rate", unit="per 100,000")


def test_a_rate_keeps_its_unit_and_a_gap_of_quintiles_says_quintile():
    said = inequality_sentence(
        "gap", 45.25, indicator="Mortality rate", unit="per 100,000", quantiles=5
    )
    assert said.startswith("The most deprived quintile has 45.2 per 100,000 higher mortality")


def test_an_acronym_keeps_its_capitals_and_a_difference_that_rounds_to_zero_is_the_same():
    said = inequality_sentence("gap", 0.04, indicator="NEET", unit="%")
    assert said == "The most and the least deprived deciles have the same NEET (gap 0.0)."


@pytest.mark.parametrize("value", [None, math.nan])
def test_a_missing_statistic_has_no_words(value):
    assert inequality_sentence("sii", value, indicator="Life expectancy") == ""


def test_each_row_gets_its_three_statistics_in_words():
    rows = [{"sii": -8.0, "rii": 0.9, "gap": None, "quantiles": 10}]
    (words,) = inequality_words(rows, indicator="Life expectancy", unit="years")
    assert words["sii_in_words"].startswith("The most deprived have 8.0 years lower")
    assert words["rii_in_words"].startswith("The most deprived have 10% lower")
    assert words["gap_in_words"] == ""
