"""The sentences and words the pure layers write come in Welsh inside ``language.use("cy")``
(as a Welsh page asks) and in English otherwise (as the ``marmot`` command writes them), while
the frames keep their English words as data."""

from datetime import date

import polars as pl
import pytest

from marmot_monitor import language
from marmot_monitor.analysis import compare_to_benchmark
from marmot_monitor.analysis.changes import Changes, change_sentences
from marmot_monitor.analysis.compare import comparison_word
from marmot_monitor.analysis.explain import explain_value
from marmot_monitor.analysis.inequality_views import equiplot_rows
from marmot_monitor.analysis.profiles import PrincipleSummary
from marmot_monitor.analysis.staleness import overdue_sentence
from marmot_monitor.analysis.trend import recent_trend, trend_word
from marmot_monitor.charts.figures import areas_chart
from marmot_monitor.io.problems import InvalidFileError, Problems, problems_where
from marmot_monitor.io.validation import FIX_NUMBER, NOT_A_NUMBER

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
}


def welsh(make):
    with language.use("cy"):
        return make()


def test_the_explain_pages_workings_are_welsh_in_welsh_and_english_otherwise():
    said = welsh(lambda: explain_value(SMOKERS))
    assert said.sentences[0] == "Y gwerth yw 25.0%."
    assert "Caiff ei gyfrifo fel gwerth = nifer ÷ enwadur × 100: 50 ÷ 200 × 100 = 25.00." in (
        said.sentences
    )
    assert ("Nifer", "50") in said.facts
    assert explain_value(SMOKERS).sentences[0] == "The value is 25.0%."


def test_what_changed_is_said_in_welsh_with_welsh_comparison_words():
    changes = Changes(
        new_periods=pl.DataFrame({"indicator": ["A"], "title": ["Smokers"],
                                  "period_label": ["2025/26"], "areas": [2]}),
        revised=pl.DataFrame(schema={"indicator": pl.String}),
        flipped=pl.DataFrame({"title": ["Smokers"], "period_before": ["2023"],
                              "comparison_before": ["Similar"], "period_after": ["2024"],
                              "comparison_after": ["Worse"]}),
        new_indicators=pl.DataFrame({"title": []}, schema={"title": pl.String}),
        dropped_indicators=pl.DataFrame({"title": []}, schema={"title": pl.String}),
        place_name="Fairshire",
    )  # fmt: skip
    assert welsh(lambda: list(change_sentences(changes))) == [
        "Smokers: ffigurau newydd ar gyfer 2025/26 (2 ardal).",
        "Smokers: Fairshire o’i gymharu â’r meincnod (England): tebyg gynt (2023), gwaeth nawr "
        "(2024).",
    ]
    assert next(iter(change_sentences(changes))) == "Smokers: new figures for 2025/26 (2 areas)."


def test_a_principles_summary_and_the_words_for_comparisons_and_trends_are_welsh():
    summary = PrincipleSummary(indicators=6, better=2, similar=3, worse=1, improving=1, worsening=0)
    assert welsh(lambda: summary.comparison_text) == (
        "2 yn well na’r meincnod (England), 3 yn debyg, 1 yn waeth"
    )
    assert welsh(lambda: summary.trend_text) == "1 yn gwella"
    assert welsh(lambda: comparison_word("Better")) == "Gwell"
    assert welsh(lambda: trend_word("Increasing and getting worse")) == "Cynyddu ac yn gwaethygu"
    assert summary.comparison_text == "2 better than England, 3 similar, 1 worse"


def test_notes_are_welsh_while_the_frames_words_stay_english_data():
    series = pl.DataFrame({"period": [2021, 2022, 2023], "value": [1.0, 2.0, 3.0],
                           "lower_ci_95": [0.5, 1.5, 2.5], "upper_ci_95": [1.5, 2.5, 3.5],
                           "count": [10, 20, 30], "denominator": [100, 100, 100],
                           "value_type": ["proportion"] * 3,
                           "polarity": ["high is good"] * 3})  # fmt: skip
    trend = welsh(lambda: recent_trend(series).row(0, named=True))
    assert trend["recent_trend"] == "Cannot be calculated"
    assert trend["trend_note"] == "llai na 5 pwynt data (3)"
    areas = pl.DataFrame({"period": [2023] * 2, "area_code": ["E", "A"], "value": [10.0, None],
                          "lower_ci_95": [9.0, None], "upper_ci_95": [11.0, None],
                          "polarity": ["high is good"] * 2,
                          "benchmark_method": ["95% CI"] * 2})  # fmt: skip
    compared = welsh(
        lambda: compare_to_benchmark(areas, benchmark="E", keys=["period"]).row(1, named=True)
    )
    assert (compared["comparison"], compared["comparison_note"]) == (
        "Not compared",
        "mae’r gwerth ar goll",
    )


def test_an_overdue_indicator_and_an_equiplots_subgroups_are_said_in_welsh():
    row = {"title": "Smokers", "period_label": "2023", "frequency": "Annual",
           "expected_by": date(2025, 12, 31)}  # fmt: skip
    assert welsh(lambda: overdue_sentence(row)) == (
        "Smokers: mae’r ffigurau diweddaraf ar gyfer 2023; roedd disgwyl y ffigurau nesaf "
        "(blynyddol) erbyn 31 Rhagfyr 2025."
    )
    rows = pl.DataFrame({"area_name": ["A"] * 2, "period": ["2023"] * 2, "quantile": [1, 10],
                         "value": [2.0, 1.0]})  # fmt: skip
    labels = welsh(lambda: equiplot_rows(rows, period="2023", ordered=True)["subgroup_label"])
    assert labels.to_list() == [
        "Degradd 1 (mwyaf difreintiedig)",
        "Degradd 10 (lleiaf difreintiedig)",
    ]


def test_an_imports_problems_are_welsh_and_the_command_keeps_them_english():
    rows = pl.DataFrame({"row": [2, 3], "Value": ["ten", "12"]})

    def refused() -> tuple[str, list[str]]:
        found = problems_where(
            rows, pl.col("Value") == "ten", column="Value", value=pl.col("Value"),
            rule=NOT_A_NUMBER, fix=FIX_NUMBER,
        )  # fmt: skip
        problems = Problems("bad.csv", found)
        return problems.summary(), [str(problem) for problem in problems.first()]

    summary, listed = welsh(refused)
    assert summary == "bad.csv: mae 1 rhes yn torri 1 gwiriad, felly ni ysgrifennwyd dim"
    assert listed == [
        "bad.csv, rhes 2, colofn 'Value': nid yw’n rhif (cafwyd 'ten'): ysgrifennwch rif fel "
        "12.5, neu gadewch y gell yn wag pan nad oes un"
    ]
    assert refused()[0] == "bad.csv: 1 row breaks 1 check, so nothing was written"
    with language.use("cy"), pytest.raises(InvalidFileError, match="mae’r ffeil yn wag"):
        raise InvalidFileError("empty.csv", "the file is empty", "export the data again")


def test_a_charts_legend_axes_and_tooltips_are_welsh_while_its_data_stays_english():
    frame = pl.DataFrame({"area_name": ["Ashbury"], "value": [3.0], "lower_ci_95": [2.0],
                          "upper_ci_95": [4.0], "comparison": ["Better"]})  # fmt: skip

    def chart() -> str:
        options = {"benchmark_value": 2.5, "benchmark_name": "England"}
        return str(areas_chart(frame, title="Smokers", unit="%", **options).to_dict())

    spec = welsh(chart)
    assert 'datum.label == "Better" ? "Gwell"' in spec
    assert "O’i gymharu â’r meincnod (England)" in spec
    assert "Terfyn isaf 95%" in spec
    assert "'comparison': 'Better'" in spec
    assert "Gwell" not in chart()
