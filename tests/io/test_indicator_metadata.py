"""Reading indicator metadata files: Fingertips' words turned into ours, unknown words refused."""

from marmot_monitor.io.indicator_metadata import read_indicator_metadata

NEXT_HEADER = (
    "IndicatorID,Polarity,BenchmarkComparisonMethod,ValueType,IndicatorName,PeriodType,Frequency"
)


def write(tmp_path, *lines: str, name: str = "indicators.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_fingertipsnext_metadata_is_read_in_our_words(tmp_path):
    path = write(
        tmp_path,
        NEXT_HEADER,
        "90366,High is good,Confidence intervals overlapping reference value (95.0),"
        "Life expectancy,Life expectancy at birth,Calendar,annually",
        '92708,"","",Count,Resident population,Calendar,annually',
    )
    reading = read_indicator_metadata(path)
    assert not reading.problems
    assert reading.layout == "FingertipsNext indicator metadata"
    assert reading.rows.drop("definition", "title_cy", "definition_cy").to_dicts() == [
        {"fingertips_id": 90366, "title": "Life expectancy at birth",
         "value_type": "life expectancy", "polarity": "high is good",
         "benchmark_method": "95% CI", "unit": "years", "multiplier": 1,
         "frequency": "annual", "row": 2},
        {"fingertips_id": 92708, "title": "Resident population", "value_type": "count",
         "polarity": "no judgement", "benchmark_method": "none", "unit": "", "multiplier": 1,
         "frequency": "annual", "row": 3},
    ]  # fmt: skip


def test_the_classic_fingertips_metadata_gives_definitions_and_units(tmp_path):
    path = write(
        tmp_path,
        '"Indicator ID","Indicator","Definition","Value type","Unit","Polarity","Frequency"',
        '"90630","Under 18s conception rate","Conceptions in women aged under 18 per 1,000",'
        '"Crude rate","per 1,000","RAG - Low is good","Annual"',
    )
    reading = read_indicator_metadata(path)
    assert reading.layout == "Fingertips indicator metadata"
    row = reading.rows.row(0, named=True)
    assert (row["definition"], row["unit"], row["multiplier"]) == (
        "Conceptions in women aged under 18 per 1,000",
        "per 1,000",
        1000,
    )
    assert (row["polarity"], row["benchmark_method"]) == ("low is good", None)


def test_an_unknown_word_is_refused_with_its_row_and_the_words_accepted(tmp_path):
    path = write(
        tmp_path,
        NEXT_HEADER,
        "90366,High is good,Confidence intervals overlapping reference value (95.0),"
        "Life expectancy,Life expectancy at birth,Calendar,annually",
        "90367,Higher is better,Quintiles,Proportion,Something,Calendar,annually",
    )
    problems = read_indicator_metadata(path).problems.first()
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.row, problem.column, problem.value) == (3, "Polarity", "Higher is better")
    assert problem.rule == "'Higher is better' is not a polarity Marmot Monitor knows"
    assert problem.fix.startswith("use one of the Fingertips words: 'High is good', ")
    assert "'Low is good'" in problem.fix


def test_an_id_that_is_not_a_number_and_a_repeated_id_are_problems(tmp_path):
    path = write(
        tmp_path,
        NEXT_HEADER,
        "abc,High is good,Quintiles,Proportion,One,Calendar,annually",
        "5,High is good,Quintiles,Proportion,Two,Calendar,annually",
        "5,Low is good,Quintiles,Proportion,Two,Calendar,annually",
    )
    frame = read_indicator_metadata(path).problems.frame
    repeated = "the same indicator ID appears in more than one row with different figures"
    assert frame.select("row", "rule").sort("row").rows() == [
        (2, "is not a Fingertips indicator ID"),
        (3, repeated),
        (4, repeated),
    ]


def test_optional_welsh_columns_give_each_indicator_its_welsh_name_and_definition(tmp_path):
    path = write(
        tmp_path,
        NEXT_HEADER + ",title_cy,definition_cy",
        "90366,High is good,Confidence intervals overlapping reference value (95.0),"
        "Life expectancy,Life expectancy at birth,Calendar,annually,Disgwyliad oes adeg geni,",
    )
    reading = read_indicator_metadata(path)
    assert not reading.problems
    assert reading.rows.select("title_cy", "definition_cy").row(0) == (
        "Disgwyliad oes adeg geni",
        None,
    )
