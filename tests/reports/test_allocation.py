"""The one-page allocation summary: sentences from the review, and its DOCX and PDF."""

import io

import polars as pl
from docx import Document

from marmot_monitor.analysis.allocation import allocate, core20_weights, decile_need, gap_need
from marmot_monitor.analysis.allocation_review import review_allocation
from marmot_monitor.reports.allocation import (
    AllocationContext,
    allocation_summary,
    method_in_words,
    money,
    review_figures,
    write_allocation_docx,
    write_allocation_pdf,
)

LSOAS = pl.DataFrame(
    {
        "area_code": ["=HYPERLINK(1)", "B", "C", "D"],
        "imd_decile": [1, 2, 6, 10],
        "population": [1000.0, 1000.0, 2000.0, 1000.0],
    }
)
NAMES = pl.DataFrame({"area_code": LSOAS["area_code"], "area_name": ["**Bold**", "B", "C", "D"]})


def summary():
    model = decile_need(LSOAS, core20_weights(1))
    result = allocate(model, budget=10_000, floor_share=0.5)
    review = review_allocation(
        model, result, LSOAS, names=NAMES, budget=10_000, floor_share=0.5, draws=50
    )
    context = AllocationContext(
        place="Fairshire", geography="LSOAs", budget=10_000, floor_share=0.5, method=model.method
    )
    return review, allocation_summary(review, context)


def test_the_headline_states_budget_floor_and_need_parts():
    _, text = summary()
    assert text.headline.startswith("£10,000.00 shared across 4 LSOAs of Fairshire: £5,000.00")


def test_the_core20_sentence_compares_spend_with_residents():
    review, text = summary()
    assert f"{review.reach.spend_share:.1f}% of the money reaches Core20" in text.findings[1]
    assert "where 40.0% of the residents live" in text.findings[1]


def test_money_is_pounds_and_pence_with_separators():
    assert money(1234567.891) == "£1,234,567.89"


def test_the_docx_and_pdf_carry_the_names_as_written():
    _, text = summary()
    docx, pdf = io.BytesIO(), io.BytesIO()
    write_allocation_docx(text, docx)
    write_allocation_pdf(text, pdf)
    cells = [cell.text for table in Document(docx).tables for cell in table._cells]
    assert "**Bold**" in cells
    assert pdf.getvalue().startswith(b"%PDF")


def test_a_need_measure_without_weights_to_vary_says_it_has_no_range():
    lsoas = LSOAS.with_columns(pl.lit(1.0).alias("weight"))
    values = pl.DataFrame(
        {"area_code": LSOAS["area_code"], "indicator": "X", "value": [50.0, 60.0, 70.0, 80.0]}
    )
    model = gap_need(lsoas, values, indicator="X", target=75, polarity="high")
    result = allocate(model, budget=100, floor_share=0.5)
    review = review_allocation(model, result, LSOAS, names=NAMES, budget=100, floor_share=0.5)
    context = AllocationContext(
        place="Fairshire", geography="LSOAs", budget=100, floor_share=0.5, method=model.method
    )
    assert allocation_summary(review, context).findings[-1].startswith("Varying the need weights")


def method_words(floor_share=0.5, **settings):
    context = AllocationContext(
        place="Fairshire", geography="wards", budget=10_000, floor_share=floor_share,
        method="m", index="IMD2019", population_year=2022, draws=1000,
    )  # fmt: skip
    return method_in_words(context, areas=9, settings=settings, indicator_names=("Smoking",))


def test_the_method_in_words_states_the_floor_and_the_need_share():
    words = method_words(need="linear", gradient=1.0)
    assert words[0] == "The budget of £10,000.00 is shared among the 9 wards of Fairshire."
    assert words[1].startswith("50% of it (£5,000.00) is a universal floor")
    assert words[2].startswith("The other 50% (£5,000.00) is shared by need: each neighbourhood")
    assert "each resident counts 2 times" in words[2]
    assert "Index of Multiple Deprivation (IMD2019)" in words[3]
    assert words[-1].startswith("To check that the split is not fragile")


def test_the_method_in_words_names_each_need_method():
    assert "count 1.5 times" in method_words(need="core20", uplift=0.5)[2]
    gap = method_words(need="gap", target=60.0, deprivation_power=1.0)[2]
    assert "falls short of 60 in Smoking" in gap
    assert gap.endswith("weighted further towards the more deprived areas.")
    index = method_words(need="index", strength=0.5, missing="exclude")
    assert "multiplies an area's share per resident by 1.65" in index[2]
    assert "left out of the allocation" in index[3]


def test_a_floor_of_everything_or_nothing_is_said_so():
    assert method_words(1.0, need="linear")[1].startswith("All of it is shared by the number")
    assert (
        method_words(0.0, need="linear")[1]
        == "There is no universal floor: all of it is shared by need."
    )


def test_pace_of_change_is_written_out_when_a_current_allocation_was_given():
    words = method_words(need="linear", current=[("A", 1.0)], pace=0.5, change_floor=-0.05,
                         change_cap=0.1)  # fmt: skip
    assert any("moves 50% of the way" in w and "more than 5% or gains more than 10%" in w
               for w in words)  # fmt: skip


def test_review_figures_label_what_compares_allocations():
    review, _ = summary()
    context = AllocationContext(
        place="Fairshire", geography="LSOAs", budget=10_000, floor_share=0.5, method="m"
    )
    labels = [label for label, _ in review_figures(review, context)]
    assert labels[-3:] == [
        "Core20 share of spend",
        "Core20 share of residents",
        "Concentration index",
    ]
