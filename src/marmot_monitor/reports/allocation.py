"""A one-page summary of an allocation for a committee: the method in plain words, where the
money goes by deprivation, its reach into Core20, how much it moves with the weights, and
the areas' amounts. Written as DOCX (python-docx) or PDF (fpdf2) with the board report's
tables and fonts (:mod:`.word`, :mod:`.pdf`). :func:`method_in_words` writes the method out
for the public page, and :func:`review_figures` the figures that compare allocations. The
words are in the language :func:`marmot_monitor.language.use` has set (a Welsh page's, or
``marmot allocate --language cy``); the names of areas, places and methods come as given.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl
from docx import Document
from docx.shared import Cm, Pt
from fpdf.fonts import FontFace

from marmot_monitor import language
from marmot_monitor.analysis.allocation_review import CONCENTRATION_SIGN, AllocationReview
from marmot_monitor.reports import pdf as pdf_layout
from marmot_monitor.reports import word as word_layout
from marmot_monitor.reports.board import Cell, Table, translated

TOP_AREAS = 6
# The chart beside the summary's decile table.
CHART_TITLE = language.noop("Spend per resident by decile")
HEADLINE = language.noop(
    "{budget} shared across {count:,} {geography} of {place}: {floor} as a universal floor "
    "(the same amount per resident everywhere) and {need} by need ({method})."
)
DECILE_SENTENCE = language.noop(
    "Spend per head is {most} in the most deprived tenth of areas in England (decile 1) "
    "against {least} in the least deprived (decile {last}); the average is {average}."
)
CORE20_SENTENCE = language.noop(
    # xgettext:no-python-format
    "{spend:.1f}% of the money reaches Core20 areas (the most deprived 20% of LSOAs in "
    "England), where {population:.1f}% of the residents live."
)
NO_CORE20 = language.noop(
    # xgettext:no-python-format
    "None of the residents live in Core20 areas (the most deprived 20% in England)."
)
CONCENTRATION_SENTENCE = language.noop(
    "Concentration index of spend against deprivation: {index:.3f} ({sign})."
)
SENSITIVITY_SENTENCE = language.noop(
    # xgettext:no-python-format
    "With the need weights 20% weaker or stronger, or each weight varied by up to 20% in "
    "{draws:,} random draws, no area's amount moves by more than {largest:.1f}% ({area})."
)
NO_SENSITIVITY = language.noop(
    # xgettext:no-python-format
    "Varying the need weights by up to 20% changes no area's amount: this measure of need has "
    "no weights that move the split."
)
EVEN_SPREAD = language.noop("Each area's amount is spread evenly over the residents of its LSOAs.")
LEFT_OUT_NOTE = language.noop(
    "{count:,} LSOAs of the place had no national IMD decile or population and were left out."
)
DECILE_HEADINGS = (
    language.noop("IMD decile"),
    language.noop("Residents"),
    language.noop("Spend"),
    language.noop("Per head"),
    language.noop("Share"),
)
AREA_HEADINGS = (
    language.noop("Area"),
    language.noop("Residents"),
    language.noop("Floor"),
    language.noop("Need share"),
    language.noop("Amount"),
    language.noop("Per head"),
    language.noop("Range"),
)
PACED_HEADINGS = (
    language.noop("Area"),
    language.noop("Residents"),
    language.noop("Current"),
    language.noop("Need-based"),
    language.noop("Amount"),
    language.noop("Per head"),
    language.noop("Need-based range"),
)


def money(value: float) -> str:
    """Pounds and pence with thousands separators: ``£12,345.67``."""
    return f"£{value:,.2f}"


@dataclass(frozen=True)
class AllocationSummary:
    title: str
    headline: str
    method: tuple[tuple[str, str], ...]
    findings: tuple[str, ...]
    deciles: Table
    areas: Table
    notes: tuple[str, ...]
    chart_png: bytes | None = None


@dataclass(frozen=True)
class AllocationContext:
    """What the review does not know: where and how the allocation was made."""

    place: str
    geography: str
    budget: float
    floor_share: float
    method: str
    inputs: tuple[tuple[str, str], ...] = ()
    index: str = ""
    population_year: int | None = None
    left_out: int = 0
    draws: int = 1000
    date: str = ""


def allocation_summary(
    review: AllocationReview, context: AllocationContext, *, chart_png: bytes | None = None
) -> AllocationSummary:
    """The summary's content, every sentence from the review's frames."""
    table, deciles = review.table, review.by_decile
    headline = language.gettext(HEADLINE).format(
        budget=money(context.budget),
        count=table.height,
        geography=context.geography,
        place=context.place,
        floor=money(context.budget * context.floor_share),
        need=money(context.budget * (1 - context.floor_share)),
        method=context.method,
    )
    average = float(deciles["spend"].sum()) / float(deciles["population"].sum())
    findings = [
        language.gettext(DECILE_SENTENCE).format(
            most=money(deciles["spend_per_head"][0]),
            least=money(deciles["spend_per_head"][-1]),
            last=deciles["imd_decile"][-1],
            average=money(average),
        ),
        language.gettext(CORE20_SENTENCE).format(
            spend=review.reach.spend_share, population=review.reach.population_share
        )
        if review.reach.population_share > 0
        else language.gettext(NO_CORE20),
        language.gettext(CONCENTRATION_SENTENCE).format(
            index=review.concentration_index, sign=language.gettext(CONCENTRATION_SIGN)
        ),
    ]
    largest_move = (
        pl.max_horizontal(
            (pl.col(name) - pl.col("amount")).abs()
            for name in ("amount_low", "amount_high", "amount_weaker", "amount_stronger")
        )
        / pl.col("amount")
        * 100
    )
    moves = table.select(largest_move.fill_nan(0).fill_null(0)).to_series()
    widest = int(moves.arg_max() or 0)
    findings.append(
        language.gettext(SENSITIVITY_SENTENCE).format(
            draws=context.draws, largest=moves[widest], area=table["area_name"][widest]
        )
        if moves[widest] >= 0.05
        else language.gettext(NO_SENSITIVITY)
    )
    method = (
        (language.gettext("Budget"), money(context.budget)),
        (
            language.gettext("Universal floor"),
            # xgettext:no-python-format
            language.gettext("{share:.0%} of the budget, shared per resident").format(
                share=context.floor_share
            ),
        ),
        (language.gettext("Need"), context.method),
        *context.inputs,
        (
            language.gettext("Deprivation"),
            language.gettext("national IMD deciles ({index})").format(index=context.index)
            if context.index
            else "",
        ),
        (
            language.gettext("Residents"),
            language.gettext("mid-{year} estimates").format(year=context.population_year)
            if context.population_year
            else "",
        ),
        (
            language.gettext("Rounding"),
            language.gettext("to the penny, largest remainder: the amounts add up to the budget"),
        ),
    )
    notes = [language.gettext(EVEN_SPREAD)]
    if context.left_out:
        notes.append(language.gettext(LEFT_OUT_NOTE).format(count=context.left_out))
    return AllocationSummary(
        title=language.gettext("Allocation proportionate to need: {place}").format(
            place=context.place
        ),
        headline=headline,
        method=tuple((label, text) for label, text in method if text),
        findings=tuple(findings),
        deciles=_decile_table(deciles),
        areas=_area_table(table),
        notes=tuple(notes),
        chart_png=chart_png,
    )


def _decile_table(deciles) -> Table:
    rows = tuple(
        (
            Cell.of(str(row["imd_decile"])),
            Cell.of(f"{row['population']:,.0f}"),
            Cell.of(money(row["spend"])),
            Cell.of(money(row["spend_per_head"])),
            Cell.of(f"{row['spend_share']:.1f}%"),
        )
        for row in deciles.iter_rows(named=True)
    )
    return Table(
        headings=translated(DECILE_HEADINGS),
        rows=rows,
        title=language.gettext("Spend by national IMD decile"),
        title_above=True,
    )


def _area_table(table) -> Table:
    shown = table.head(TOP_AREAS)
    paced = "current_amount" in table.columns
    parts = ("current_amount", "target_amount") if paced else ("floor_amount", "need_amount")
    rows = tuple(
        (
            Cell.of(row["area_name"]),
            Cell.of(f"{row['population']:,.0f}"),
            *(Cell.of(money(row[name])) for name in parts),
            Cell.of(money(row["amount"])),
            Cell.of(money(row["amount_per_head"])),
            Cell.of(
                language.gettext("{low} to {high}").format(
                    low=money(row["amount_low"]), high=money(row["amount_high"])
                )
            ),
        )
        for row in shown.iter_rows(named=True)
    )
    more = table.height - shown.height
    title = (
        language.gettext(
            "The {count} areas with most per head (the other {more:,} are in the spreadsheet)"
        )
        if more > 0
        else language.gettext("The {count} areas with most per head")
    ).format(count=shown.height, more=more)
    headings = translated(PACED_HEADINGS if paced else AREA_HEADINGS)
    widths = (3.6, 1.8, 2.0, 2.0, 2.0, 1.5, 3.8)
    return Table(headings=headings, rows=rows, title=title, title_above=True, widths=widths)


def write_allocation_docx(summary: AllocationSummary, out: Path | BinaryIO) -> None:
    """The summary as a one-page Word document."""
    document = Document()
    word_layout._styles(document)
    word_layout.declare_language(document, word_layout.LANGUAGE_TAGS[language.current()])
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    document.add_heading(summary.title, level=1)
    document.add_paragraph(summary.headline)
    word_layout._table(document, _method_table(summary))
    for text in summary.findings:
        document.add_paragraph(text, style="List Bullet")
    if summary.chart_png:
        document.add_picture(io.BytesIO(summary.chart_png), width=Cm(9))
    word_layout._table(document, summary.deciles)
    word_layout._table(document, summary.areas)
    for note in summary.notes:
        document.add_paragraph(note).runs[0].italic = True
    document.save(str(out) if isinstance(out, Path) else out)


def write_allocation_pdf(summary: AllocationSummary, out: Path | BinaryIO) -> None:
    """The summary as a PDF, in the shipped Liberation Sans."""
    pdf = pdf_layout.new_paper(page=language.gettext(pdf_layout.PAGE))
    pdf.set_lang(pdf_layout.LANGUAGE_TAGS[language.current()])
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 12)
    pdf.set_title(summary.title)
    pdf.add_page()
    pdf_layout._write(pdf, summary.title, bold=True, size=14)
    pdf_layout._write(pdf, summary.headline, size=9)
    pdf_layout._table(pdf, _method_table(summary))
    pdf.ln(2)
    for text in summary.findings:
        pdf_layout._write(pdf, f"{pdf_layout.BULLET} {text}", size=9, gap=1)
    top = pdf.get_y()
    if summary.chart_png:
        pdf.image(
            io.BytesIO(summary.chart_png), x=pdf.l_margin + pdf.epw * 0.52, y=top, w=pdf.epw * 0.48
        )
    chart_bottom = pdf.get_y() if summary.chart_png else top
    pdf.set_y(top)
    _beside(pdf, summary.deciles, width=pdf.epw * 0.5 if summary.chart_png else pdf.epw)
    pdf.set_y(max(pdf.get_y(), chart_bottom) + 2)
    pdf_layout._table(pdf, summary.areas)
    for note in summary.notes:
        pdf_layout._write(pdf, note, size=pdf_layout.TABLE)
    data = bytes(pdf.output())
    if isinstance(out, Path | str):
        Path(out).write_bytes(data)
    else:
        out.write(data)


def _beside(pdf, table: Table, *, width: float) -> None:
    """A plain table of ``width`` at the left margin (the chart goes beside it)."""
    pdf_layout._write(pdf, table.title, bold=True, size=pdf_layout.SMALL, gap=1)
    pdf.set_font(pdf_layout.FAMILY, "", pdf_layout.TABLE)
    heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    with pdf.table(
        width=width, align="LEFT", headings_style=heading, line_height=3.6, padding=0.8
    ) as grid:
        row = grid.row()
        for text in table.headings:
            row.cell(text)
        for cells in table.rows:
            row = grid.row()
            for cell in cells:
                row.cell(cell.text)


def _method_table(summary: AllocationSummary) -> Table:
    rows = tuple((Cell.of(label, bold=True), Cell.of(text)) for label, text in summary.method)
    return Table(headings=(language.gettext("Method"), ""), rows=rows, widths=(3.5, 14.5))


SPLIT_WORDS = language.noop(
    "The budget of {budget} is shared among the {count:,} {geography} of {place}."
)
ALL_FLOOR_WORDS = language.noop(
    "All of it is shared by the number of residents, so every area gets the same amount for "
    "each person living there."
)
FLOOR_WORDS = language.noop(
    # xgettext:no-python-format
    "{share:.0%} of it ({floor}) is a universal floor: it is shared by the number of "
    "residents, so every area gets the same amount for each person living there."
)
NO_FLOOR_WORDS = language.noop("There is no universal floor: all of it is shared by need.")
# xgettext:no-python-format
NEED_WORDS = language.noop("The other {share:.0%} ({need}) is shared by need: {how}.")
NEED_ONLY_WORDS = language.noop("It is shared by need: {how}.")
HOW_NEED = {
    "linear": language.noop(
        "each neighbourhood's residents count for more the more deprived it is; in the most "
        "deprived tenth of neighbourhoods in England each resident counts {top:g} times, falling "
        "in even steps to once in the least deprived tenth"
    ),
    "core20": language.noop(
        "residents of the most deprived fifth of neighbourhoods in England (the NHS's Core20) "
        "count {top:g} times, everyone else once"
    ),
    "weights": language.noop(
        "each resident counts by how deprived their neighbourhood is in England, with these "
        "weights from the most deprived tenth to the least: {weights}"
    ),
    "empirical": language.noop(
        "each resident counts by how much worse {indicators} is in their neighbourhood's tenth "
        "of deprivation than in the least deprived tenth, as measured in this place"
    ),
    "index": language.noop(
        "areas where {indicators} are worse than the areas' average get more; being one "
        "standard deviation worse on all of them multiplies an area's share per resident by "
        "{factor:.2f}"
    ),
    "gap": language.noop(
        "each area's need is how far it falls short of {target:g} in {indicators}, times the "
        "people that concerns"
    ),
}
TILTED_WORDS = language.noop(", weighted further towards the more deprived areas")
MISSING_WORDS = {
    "exclude": language.noop(
        "Areas without a value of an indicator were left out of the allocation."
    ),
    "impute-median": language.noop(
        "Areas without a value of an indicator were given the median of the other areas' values."
    ),
}
DEPRIVATION_WORDS = language.noop(
    "How deprived a neighbourhood is comes from the national Index of Multiple Deprivation "
    "({index}): England's neighbourhoods (LSOAs) are ranked and split into ten equal tenths "
    "(deciles), from the most deprived (1) to the least (10)."
)
RESIDENTS_WORDS = language.noop("Residents are counted from the mid-{year} population estimates.")
PACE_WORDS = language.noop(
    # xgettext:no-python-format
    "The areas do not move to these amounts all at once: each moves {pace:.0%} of the way from "
    "its current amount, and no area loses more than {cut:.0%} or gains more than {rise:.0%} "
    "of it."
)
ROUNDING_WORDS = language.noop(
    "Amounts are rounded to the penny so that they add up to the budget exactly."
)
CHECK_WORDS = language.noop(
    # xgettext:no-python-format
    "To check that the split is not fragile, the need weights were made 20% weaker and 20% "
    "stronger, and varied at random {draws:,} times; the table gives each area's lowest and "
    "highest amount."
)


def method_in_words(
    context: AllocationContext,
    *,
    areas: int,
    settings: Mapping[str, Any],
    indicator_names: Sequence[str] = (),
) -> tuple[str, ...]:
    """The method of an allocation in plain words, a paragraph each, for the public page.

    ``settings``: the allocation's options as ``marmot allocate`` takes them (``need``,
    ``gradient``, ``uplift``, ``weights``, ``strength``, ``target``, ``deprivation_power``,
    ``missing``, ``current``, ``pace``, ``change_floor``, ``change_cap``);
    ``indicator_names``: the titles of its indicators."""
    share = context.floor_share
    words = [
        language.gettext(SPLIT_WORDS).format(
            budget=money(context.budget),
            count=areas,
            geography=context.geography,
            place=context.place,
        )
    ]
    if share >= 1:
        words.append(language.gettext(ALL_FLOOR_WORDS))
    else:
        how = _need_words(settings, indicator_names)
        if share > 0:
            floor = money(context.budget * share)
            words.append(language.gettext(FLOOR_WORDS).format(share=share, floor=floor))
            need = money(context.budget * (1 - share))
            words.append(language.gettext(NEED_WORDS).format(share=1 - share, need=need, how=how))
        else:
            words += [
                language.gettext(NO_FLOOR_WORDS),
                language.gettext(NEED_ONLY_WORDS).format(how=how),
            ]
        if settings.get("need") in ("index", "gap") and settings.get("missing") in MISSING_WORDS:
            words.append(language.gettext(MISSING_WORDS[settings["missing"]]))
    if context.index:
        words.append(language.gettext(DEPRIVATION_WORDS).format(index=context.index))
    if context.population_year:
        words.append(language.gettext(RESIDENTS_WORDS).format(year=context.population_year))
    if settings.get("current") is not None:
        words.append(
            language.gettext(PACE_WORDS).format(
                pace=settings["pace"], cut=-settings["change_floor"], rise=settings["change_cap"]
            )
        )
    words += [
        language.gettext(ROUNDING_WORDS),
        language.gettext(CHECK_WORDS).format(draws=context.draws),
    ]
    return tuple(words)


def _need_words(settings: Mapping[str, Any], indicator_names: Sequence[str]) -> str:
    need = settings.get("need", "linear")
    named = (
        language.gettext(" and ").join(indicator_names)
        if indicator_names
        else language.gettext("the chosen indicators")
    )
    how = language.gettext(HOW_NEED[need]).format(
        top=1 + (settings.get("uplift", 0.5) if need == "core20" else settings.get("gradient", 1)),
        weights=", ".join(f"{weight:g}" for weight in settings.get("weights") or ()),
        indicators=named,
        factor=math.exp(settings.get("strength", 0.5)),
        target=settings.get("target") or 0,
    )
    if need == "gap" and settings.get("deprivation_power", 0) > 0:
        how += language.gettext(TILTED_WORDS)
    return how


def review_figures(
    review: AllocationReview, context: AllocationContext
) -> tuple[tuple[str, str], ...]:
    """The figures that sum up one allocation, labelled, for comparing allocations."""
    deciles = review.by_decile
    return (
        (language.gettext("Place"), context.place),
        (language.gettext("Areas"), f"{review.table.height:,} {context.geography}"),
        (language.gettext("Budget"), money(context.budget)),
        (
            language.gettext("Universal floor"),
            # xgettext:no-python-format
            language.gettext("{share:.0%} of the budget").format(share=context.floor_share),
        ),
        (language.gettext("Need"), context.method),
        (language.gettext("Per head, most deprived decile"), money(deciles["spend_per_head"][0])),
        (language.gettext("Per head, least deprived decile"), money(deciles["spend_per_head"][-1])),
        (language.gettext("Core20 share of spend"), f"{review.reach.spend_share:.1f}%"),
        (language.gettext("Core20 share of residents"), f"{review.reach.population_share:.1f}%"),
        (language.gettext("Concentration index"), f"{review.concentration_index:.3f}"),
    )
