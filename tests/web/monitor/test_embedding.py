"""Charts on pages: the spec leaves its title to the page, and the table formats numbers."""

from datetime import date

import altair as alt
import polars as pl

from marmot_monitor.web.monitor.embedding import Cell, embed_chart, format_cell, table_from_frame


def test_the_title_and_subtitle_move_from_the_spec_to_the_page():
    chart = alt.Chart(pl.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q")
    chart = chart.properties(title=alt.TitleParams("Smoking", subtitle=["Fairshire", "2024"]))
    table = table_from_frame(pl.DataFrame({"x": [1, 2]}), caption="Data", columns={"x": "X"})
    embedded = embed_chart(chart, id="trend", description="Two points", table=table)
    assert (embedded.title, embedded.subtitle) == ("Smoking", "Fairshire 2024")
    assert "title" not in embedded.spec
    assert embedded.spec["description"] == "Two points"
    assert embedded.spec_id == "chart-trend-spec"


def test_tables_format_numbers_dates_and_missing_values_and_mark_number_columns():
    frame = pl.DataFrame(
        {"area": ["Fairshire", "England"], "value": [17.25, None], "count": [1234, 5]}
    )
    table = table_from_frame(
        frame, caption="Smoking", columns={"area": "Area", "value": "Value", "count": "Count"}
    )
    assert [column.numeric for column in table.columns] == [False, True, True]
    assert table.rows[0] == [Cell("Fairshire"), Cell("17.2", True), Cell("1,234", True)]
    assert table.rows[1][1] == Cell("–", True)
    assert format_cell(date(2024, 3, 1)) == "1 March 2024"
    assert format_cell(float("nan")) == "–"
