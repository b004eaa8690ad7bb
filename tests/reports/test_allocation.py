"""The one-page allocation summary: sentences from the review, and its DOCX and PDF."""

import io

import polars as pl
from docx import Document

from marmot_monitor.analysis.allocation import allocate, core20_weights, decile_need, gap_need
from marmot_monitor.analysis.allocation_review import review_allocation
from marmot_monitor.reports.allocation import (
    AllocationContext,
    allocation_summary,
    money,
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
