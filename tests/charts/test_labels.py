"""An indicator's row for one sex is named one way everywhere: "..., females"."""

import polars as pl

from marmot_monitor.charts.labels import row_label, title_with_sex, title_with_sex_expression


def test_a_row_of_one_sex_says_the_sex_in_the_plural_and_persons_say_nothing():
    assert title_with_sex("Life expectancy", "Female") == "Life expectancy, females"
    assert title_with_sex("Life expectancy", "Male") == "Life expectancy, males"
    assert title_with_sex("Life expectancy", "Persons") == "Life expectancy"
    assert title_with_sex("Life expectancy", None) == "Life expectancy"


def test_the_column_labels_and_the_row_labels_say_the_same_as_one_title():
    sexes = ["Female", "Male", "Persons", None, "Not applicable"]
    frame = pl.DataFrame({"title": ["Smoking"] * 5, "sex": sexes, "period": ["2023"] * 5})
    titles = frame.select(title_with_sex_expression(pl.col("title"), pl.col("sex")))
    assert titles.to_series().to_list() == [title_with_sex("Smoking", sex) for sex in sexes]
    labels = frame.select(row_label())["row_label"].to_list()
    assert labels[:3] == ["Smoking, females (2023)", "Smoking, males (2023)", "Smoking (2023)"]
