"""Explaining one number: the formula with its numbers, the interval, the comparison, the SII."""

import pytest

from marmot_monitor.analysis.explain import explain_sii, explain_value

SMOKERS = {
    "title": "Smokers",
    "value": 25.0,
    "count": 50,
    "denominator": 200,
    "value_type": "proportion",
    "multiplier": 100,
    "unit": "%",
    "ci_method": "Wilson",
    "lower_ci_95": 19.5,
    "upper_ci_95": 31.4,
    "benchmark_name": "England",
    "benchmark_value": 12.0,
    "polarity": "low is good",
    "benchmark_method": "95% CI",
}
DEATHS = {
    "title": "Deaths under 75",
    "value": 512.3,
    "count": 300,
    "denominator": 80_000,
    "value_type": "directly standardised rate",
    "multiplier": 100_000,
    "unit": " per 100,000",
    "ci_method": "Dobson",
    "lower_ci_95": 455.0,
    "upper_ci_95": 574.9,
}


def test_a_proportion_writes_out_count_over_denominator_and_recomputes_it():
    explanation = explain_value(SMOKERS)
    assert "50 ÷ 200 × 100 = 25.00" in " ".join(explanation.sentences)
    assert explanation.recomputed == pytest.approx(25.0)
    assert "Wilson score interval for a proportion, is 19.5 to 31.4" in explanation.sentences[4]


def test_a_proportion_whose_interval_is_above_a_low_is_good_benchmark_is_worse():
    sentence = explain_value(SMOKERS).sentences[5]
    assert sentence.startswith("Compared with England (12.0)")
    assert sentence.endswith("it is worse.")


def test_a_value_without_a_benchmark_interval_rule_says_why_it_is_not_compared():
    row = {**SMOKERS, "benchmark_method": "none"}
    assert "It is not compared with England" in explain_value(row).sentences[5]


def test_a_directly_standardised_rate_contrasts_itself_with_the_crude_rate():
    explanation = explain_value(DEATHS)
    # 300 / 80,000 × 100,000 = 375.0 crude, against the standardised 512.3
    assert "give 512.3, not the crude 375.0" in " ".join(explanation.sentences)
    assert explanation.recomputed is None
    assert "Dobson's method" in dict(explanation.facts)["Confidence interval method"]


def test_a_value_given_without_its_count_says_so():
    row = {**SMOKERS, "count": None, "denominator": None}
    assert "without its count and denominator" in explain_value(row).sentences[1]


def test_revisions_are_listed_with_their_earlier_values():
    row = {**SMOKERS, "file_name": "smokers.csv", "import_number": 3, "loaded": "2026-01-02"}
    row["revisions"] = [{"value_before": 24.0}, {"value_before": 23.5}]
    sentences = explain_value(row).sentences
    assert "It was loaded from smokers.csv (import 3) on 2026-01-02." in sentences
    assert "It has been revised 2 times; earlier values: 24.0, 23.5." in sentences


def test_an_sii_of_a_line_rising_two_a_decile_towards_the_least_deprived_is_minus_twenty():
    # ten equal deciles rising by 2 each from the most deprived (1): the slope across the
    # whole population is 10 × 2, negative because the most deprived have the lower values
    points = [
        {
            "quantile": q,
            "value": 10.0 + 2 * q,
            "population": 1000,
            "lower_ci_95": 9.0 + 2 * q,
            "upper_ci_95": 11.0 + 2 * q,
            "value_type": "other",
            "multiplier": 1.0,
        }
        for q in range(1, 11)
    ]
    explanation = explain_sii(points, title="Example")
    assert explanation.recomputed == pytest.approx(-20.0)
    assert explanation.sentences[0].startswith("The slope index of inequality is -20.00")
    assert "through the 10 quantile values" in explanation.formula
    assert "higher values in the most deprived" in explanation.sentences[3]
