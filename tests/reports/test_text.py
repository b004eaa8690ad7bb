"""Numbers and messages are written one way for pages, the board report and the terminal."""

import math

import pytest

from marmot_monitor.reports.board import format_figure
from marmot_monitor.reports.text import (
    MISSING,
    capitalised,
    format_number,
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
