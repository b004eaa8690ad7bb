"""Explain one number: its count and denominator, formula, interval, comparison and source.

The "How was this worked out?" page and ``GET /api/v1/explain`` both show what these
functions return. Nothing here computes a statistic afresh: the formula is written out with
the row's own numbers, and where the count and denominator are enough (proportions, crude
rates) :mod:`marmot_monitor.methods` recomputes the value so a reader can see the same number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis.compare import compare_to_benchmark, comparison_word
from marmot_monitor.analysis.inequality import inequality_by_deprivation
from marmot_monitor.analysis.programme_figures import year_to_date
from marmot_monitor.methods.proportions import proportion
from marmot_monitor.methods.rates import crude_rate

__all__ = ["Explanation", "explain_programme_figure", "explain_sii", "explain_value"]

NOT_GIVEN = language.noop("not given")
FORMULAS = {
    "proportion": language.noop("value = count ÷ denominator × {multiplier}"),
    "crude rate": language.noop("value = count ÷ denominator × {multiplier}"),
    "directly standardised rate": language.noop(
        "value = Σ (standard population weight × age-specific rate) ÷ Σ weights × {multiplier}, "
        "summed over the age bands (European Standard Population 2013)"
    ),
}
SUBSTITUTED = language.noop("{count} ÷ {denominator} × {multiplier} = {result}")
CI_METHODS = {
    "Wilson": language.noop("Wilson score interval for a proportion"),
    "Byar": language.noop(
        "Byar's approximation to the Poisson interval (exact Poisson below 10 events)"
    ),
    "Dobson": language.noop("Dobson's method for a weighted sum of Poisson counts"),
    "Chiang II": language.noop("Chiang II with Silcocks' adjustment"),
    "Student t": language.noop("Student's t interval for a mean"),
    "none": language.noop("no confidence interval"),
}
SENTENCE_VALUE = language.noop("The value is {value}{unit}.")
SENTENCE_FROM = language.noop(
    "It comes from a count of {count} out of a denominator of {denominator}."
)
SENTENCE_NO_COUNT = language.noop(
    "The source gave the value only, without its count and denominator."
)
SENTENCE_FORMULA = language.noop("It is worked out as {formula}: {substituted}.")
SENTENCE_DSR = language.noop(
    "A directly standardised rate weights each age band's rate by the standard population, so "
    "{count} events over a population of {denominator} give {value}, not the crude {crude}."
)
SENTENCE_RECOMPUTED = language.noop("Recomputed from the count and denominator it is {recomputed}.")
# xgettext:no-python-format
SENTENCE_CI = language.noop("The 95% confidence interval, by the {method}, is {lower} to {upper}.")
# xgettext:no-python-format
SENTENCE_CI_998 = language.noop("The 99.8% interval is {lower} to {upper}.")
SENTENCE_COMPARISON = language.noop(
    "Compared with {benchmark} ({benchmark_value}) by the rule '{rule}', it is {outcome}."
)
SENTENCE_NOT_COMPARED = language.noop("It is not compared with {benchmark}: {reason}.")
RULE_WORDS = {
    "95% CI": language.noop(
        # xgettext:no-python-format
        "a value is different when its 95% interval does not include the benchmark"
    ),
    "99.8% CI": language.noop(
        # xgettext:no-python-format
        "a value is different when its 99.8% interval does not include the benchmark"
    ),
    "95% and 99.8% CI": language.noop(
        # xgettext:no-python-format
        "similar when the 95% interval includes the benchmark; better or worse when only the "
        "99.8% one does; best or worst when neither does"
    ),
    "quintiles": language.noop("the areas are ranked into fifths"),
    "none": language.noop("no comparison"),
}
SENTENCE_SOURCE = language.noop("It was loaded from {file_name} (import {number}) on {date}.")
SENTENCE_LOADED = language.noop("It was loaded by import {number} on {date}.")
SENTENCE_NO_REVISIONS = language.noop("It has not been revised since it was loaded.")
SII_FORMULA = language.noop(
    "SII = the slope of a weighted least-squares line through the {quantiles} quantile values, "
    "each placed at the midpoint of its share of the population (cumulative proportion), "
    "weighted by population"
)
SENTENCE_SII = language.noop(
    "The slope index of inequality is {value}: the modelled gap between the most and least "
    "deprived ends of the population."
)
SENTENCE_SII_POINTS = language.noop("The points are {points}.")
SENTENCE_SII_SIGN = language.noop("Sign: {convention}.")
YTD_RULES = {
    "cumulative": language.noop("the quarters' approved figures added up"),
    "sum": language.noop("the quarters' approved figures added up"),
    "latest": language.noop("the latest reported quarter's approved figure"),
    "mean": language.noop("the mean (average) of the quarters' approved figures"),
    "average": language.noop("the mean (average) of the quarters' approved figures"),
}
SENTENCE_YTD_RATIO = language.noop(
    "Its year to date is a ratio: the sum of one other programme indicator's quarters over the "
    "sum of another's, times a scale; each of those two explains its own figures."
)
SENTENCE_YTD = language.noop(
    "Each quarter the partner's return gives a figure, which counts once the programme officer "
    "approves it; the year to date is {rule}."
)
SENTENCE_YTD_PARTS = language.noop("The approved figures are {parts}.")
SENTENCE_YTD_TOTAL = language.noop("So the year to date is {total}{unit}.")
SENTENCE_YTD_NOTE = "{period}: {note}"
SENTENCE_WORKED_OUT = language.noop("It is worked out as {formula}.")
SII_POINT = language.noop("quantile {quantile}: {value} (population {population})")
FACT_VALUE = language.noop("Value")
FACT_COUNT = language.noop("Count")
FACT_DENOMINATOR = language.noop("Denominator")
FACT_VALUE_TYPE = language.noop("Value type")
FACT_FORMULA = language.noop("Formula")
FACT_CI_METHOD = language.noop("Confidence interval method")
FACT_QUANTILES = language.noop("Quantiles")
FACT_RULE = language.noop("Rule")
FACT_YEAR_TO_DATE = language.noop("Year to date")
FACT_QUARTERS = language.noop("Quarters reported")
QUARTERS_REPORTED = language.noop("{reported} of {through}")
RATIO = language.noop("ratio")


@dataclass(frozen=True)
class Explanation:
    """One number explained: facts as (label, text) pairs and sentences with numbers put in."""

    title: str
    facts: list[tuple[str, str]]
    sentences: list[str]
    formula: str
    recomputed: float | None = None
    revisions: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "facts": [{"label": label, "text": text} for label, text in self.facts],
            "sentences": list(self.sentences),
            "formula": self.formula,
            "recomputed": self.recomputed,
            "revisions": list(self.revisions),
        }


def number(value: Any, *, places: int = 1) -> str:
    """``1234.5678 -> "1,234.6"``; missing as "not given"."""
    if not _given(value):
        return language.gettext(NOT_GIVEN)
    return f"{value:,.{places}f}"


def whole(value: Any) -> str:
    """A count or population: ``80000.0 -> "80,000"``, a fractional one to 1 place."""
    if not _given(value):
        return language.gettext(NOT_GIVEN)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _given(*values: Any) -> bool:
    return all(v is not None and not (isinstance(v, float) and math.isnan(v)) for v in values)


def _recompute(value_type: str, count: float, denominator: float, multiplier: float) -> float:
    inputs = {"count": [count], "denominator": [denominator]}
    if value_type == "proportion":
        result = proportion(
            inputs, numerator="count", denominator="denominator", multiplier=multiplier
        )
    else:
        result = crude_rate(inputs, count="count", denominator="denominator", multiplier=multiplier)
    return float(result["value"][0])


def _arithmetic(row: Mapping[str, Any]) -> tuple[str, list[str], float | None]:
    value_type, multiplier = row["value_type"], row.get("multiplier") or 1
    formula = language.gettext(FORMULAS[value_type]) if value_type in FORMULAS else ""
    formula = formula.format(multiplier=f"{multiplier:,}")
    count, denominator = row.get("count"), row.get("denominator")
    if count is None or denominator is None or not _given(count, denominator) or denominator == 0:
        return formula, [language.gettext(SENTENCE_NO_COUNT)], None
    sentences = [
        language.gettext(SENTENCE_FROM).format(count=whole(count), denominator=whole(denominator))
    ]
    crude = float(count) / float(denominator) * multiplier
    if value_type in ("proportion", "crude rate"):
        substituted = language.gettext(SUBSTITUTED).format(
            count=whole(count),
            denominator=whole(denominator),
            multiplier=f"{multiplier:,}",
            result=number(crude, places=2),
        )
        recomputed = _recompute(value_type, float(count), float(denominator), multiplier)
        sentences += [
            language.gettext(SENTENCE_FORMULA).format(formula=formula, substituted=substituted),
            language.gettext(SENTENCE_RECOMPUTED).format(recomputed=number(recomputed, places=2)),
        ]
        return formula, sentences, recomputed
    if value_type == "directly standardised rate":
        sentences.append(
            language.gettext(SENTENCE_DSR).format(
                count=whole(count),
                denominator=whole(denominator),
                value=number(row.get("value")),
                crude=number(crude),
            )
        )
    return formula, sentences, None


def _comparison(row: Mapping[str, Any]) -> list[str]:
    benchmark = row.get("benchmark_name")
    if not benchmark:
        return []
    limits = ("lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8")
    frame = pl.DataFrame(
        {
            "period": ["this"] * 2,
            "area_code": ["area", "benchmark"],
            "value": [row.get("value"), row.get("benchmark_value")],
            **{column: [row.get(column), row.get(f"benchmark_{column}")] for column in limits},
            "polarity": [row.get("polarity", "")] * 2,
            "benchmark_method": [row.get("benchmark_method", "")] * 2,
        },
        schema_overrides=dict.fromkeys(("value", *limits), pl.Float64),
    )
    compared = compare_to_benchmark(frame, benchmark="benchmark", keys=["period"]).row(
        0, named=True
    )
    if compared["comparison"] == "Not compared":
        return [
            language.gettext(SENTENCE_NOT_COMPARED).format(
                benchmark=benchmark, reason=compared["comparison_note"]
            )
        ]
    method = row.get("benchmark_method", "")
    return [
        language.gettext(SENTENCE_COMPARISON).format(
            benchmark=benchmark,
            benchmark_value=number(row.get("benchmark_value")),
            rule=language.gettext(RULE_WORDS[method]) if method in RULE_WORDS else method,
            outcome=comparison_word(compared["comparison"]).lower(),
        )
    ]


def _source(row: Mapping[str, Any]) -> list[str]:
    sentences = []
    if row.get("file_name"):
        sentences.append(
            language.gettext(SENTENCE_SOURCE).format(
                file_name=row["file_name"], number=row["import_number"], date=row["loaded"]
            )
        )
    elif row.get("import_number"):
        sentences.append(
            language.gettext(SENTENCE_LOADED).format(
                number=row["import_number"], date=row["loaded"]
            )
        )
    revisions = row.get("revisions") or []
    if revisions:
        values = ", ".join(number(r["value_before"]) for r in revisions)
        said = language.ngettext(
            "It has been revised {count} time; earlier values: {values}.",
            "It has been revised {count} times; earlier values: {values}.",
            len(revisions),
        )
        sentences.append(said.format(count=len(revisions), values=values))
    elif row.get("file_name") or row.get("import_number"):
        sentences.append(language.gettext(SENTENCE_NO_REVISIONS))
    return sentences


def explain_value(row: Mapping[str, Any]) -> Explanation:
    """Explain one indicator value from its row.

    ``row`` holds ``title``, ``value``, ``count``, ``denominator``, ``value_type`` (the
    catalogue's names: "proportion", "crude rate", "directly standardised rate"...),
    ``multiplier``, ``unit``, ``ci_method``, the four limits (``lower_ci_95``...), and
    optionally ``benchmark_name``, ``benchmark_value`` and ``benchmark_<limit>``,
    ``polarity``, ``benchmark_method``, ``file_name`` (missing for a reader who may not see
    it: the import's number and date are said instead), ``import_number``, ``loaded`` and
    ``revisions`` (dicts with ``value_before``, ``replaced_by``, ``when``).

    Examples
    --------
    >>> e = explain_value({"title": "Smokers", "value": 25.0, "count": 50, "denominator": 200,
    ...     "value_type": "proportion", "multiplier": 100, "unit": "%", "ci_method": "Wilson"})
    >>> e.sentences[2]
    'It is worked out as value = count ÷ denominator × 100: 50 ÷ 200 × 100 = 25.00.'
    """
    unit = row.get("unit") or ""
    formula, arithmetic, recomputed = _arithmetic(row)
    named = row.get("ci_method") or "none"
    ci_method = language.gettext(CI_METHODS[named]) if named in CI_METHODS else named
    sentences = [
        language.gettext(SENTENCE_VALUE).format(value=number(row.get("value")), unit=unit),
        *arithmetic,
    ]
    if _given(row.get("lower_ci_95"), row.get("upper_ci_95")):
        sentences.append(
            language.gettext(SENTENCE_CI).format(
                method=ci_method,
                lower=number(row["lower_ci_95"]),
                upper=number(row["upper_ci_95"]),
            )
        )
    if _given(row.get("lower_ci_99_8"), row.get("upper_ci_99_8")):
        sentences.append(
            language.gettext(SENTENCE_CI_998).format(
                lower=number(row["lower_ci_99_8"]), upper=number(row["upper_ci_99_8"])
            )
        )
    sentences += _comparison(row) + _source(row)
    facts = [
        (language.gettext(FACT_VALUE), f"{number(row.get('value'))}{unit}"),
        (language.gettext(FACT_COUNT), whole(row.get("count"))),
        (language.gettext(FACT_DENOMINATOR), whole(row.get("denominator"))),
        (language.gettext(FACT_VALUE_TYPE), row["value_type"]),
        (language.gettext(FACT_FORMULA), formula or language.gettext(NOT_GIVEN)),
        (language.gettext(FACT_CI_METHOD), ci_method),
    ]
    return Explanation(
        title=row.get("title", ""),
        facts=facts,
        sentences=sentences,
        formula=formula,
        recomputed=recomputed,
        revisions=list(row.get("revisions") or []),
    )


def explain_sii(
    points: Sequence[Mapping[str, Any]], *, title: str, seed: int | None = None
) -> Explanation:
    """Explain a slope index of inequality from its quantile points, recomputed by the same
    :func:`~marmot_monitor.analysis.inequality_by_deprivation` the pages use.

    ``points`` are dicts with ``quantile`` (1 = most deprived), ``value``, ``population``,
    ``lower_ci_95``, ``upper_ci_95``, ``value_type`` and ``multiplier``, one per quantile of
    one period.
    """
    frame = pl.DataFrame(list(points)).with_columns(pl.lit("this").alias("period"))
    result = inequality_by_deprivation(frame, keys=["period"], seed=seed).row(0, named=True)
    value = result["sii"]
    formula = language.gettext(SII_FORMULA).format(quantiles=frame.height)
    listed = "; ".join(
        language.gettext(SII_POINT).format(
            quantile=p["quantile"], value=number(p["value"]), population=whole(p["population"])
        )
        for p in points
    )
    sentences = [
        language.gettext(SENTENCE_SII).format(value=number(value, places=2)),
        language.gettext(SENTENCE_WORKED_OUT).format(formula=formula),
        language.gettext(SENTENCE_SII_POINTS).format(points=listed),
        language.gettext(SENTENCE_SII_SIGN).format(convention=result["sign_convention"]),
        language.gettext(SENTENCE_CI).format(
            method=result["sii_method"],
            lower=number(result["sii_lower_ci_95"], places=2),
            upper=number(result["sii_upper_ci_95"], places=2),
        ),
    ]
    facts = [
        (language.gettext(FACT_VALUE), number(value, places=2)),
        (language.gettext(FACT_QUANTILES), str(frame.height)),
        (language.gettext(FACT_FORMULA), formula),
        (language.gettext(FACT_CI_METHOD), result["sii_method"]),
    ]
    return Explanation(title, facts, sentences, formula, recomputed=value)


def explain_programme_figure(
    quarters: Sequence[Mapping[str, Any]], *, title: str, method: str, through: int, unit: str
) -> Explanation:
    """Explain a programme indicator's year to date from its quarters' approved actuals.

    ``quarters`` are dicts with ``quarter`` (1 to 4), ``period`` (its label), ``value``
    (missing when not reported) and ``note``; ``method`` is the indicator's year-to-date rule
    (sum, latest or mean, recomputed by
    :func:`~marmot_monitor.analysis.programme_figures.year_to_date`; a ratio of two other
    indicators is named, not recomputed).
    """
    frame = pl.DataFrame(
        {
            "code": [title] * len(quarters),
            "quarter": [q["quarter"] for q in quarters],
            "value": [q["value"] for q in quarters],
            "year_to_date": [method] * len(quarters),
        },
        schema_overrides={"quarter": pl.Int8, "value": pl.Float64, "code": pl.String},
    )
    if method.lower() == "ratio":
        ratio = language.gettext(RATIO)
        return Explanation(
            title,
            [(language.gettext(FACT_RULE), ratio)],
            [language.gettext(SENTENCE_YTD_RATIO)],
            ratio,
        )
    result = year_to_date(frame, through=through).row(0, named=True) if quarters else {}
    total = result.get("year_to_date")
    reported = [q for q in quarters if _given(q["value"])]
    parts = [f"{q['period']}: {whole(q['value'])}" for q in reported]
    rule = language.gettext(YTD_RULES[method.lower()]) if method.lower() in YTD_RULES else method
    sentences = [language.gettext(SENTENCE_YTD).format(rule=rule)]
    if reported:
        sentences.append(language.gettext(SENTENCE_YTD_PARTS).format(parts="; ".join(parts)))
    sentences.append(language.gettext(SENTENCE_YTD_TOTAL).format(total=whole(total), unit=unit))
    sentences += [
        SENTENCE_YTD_NOTE.format(period=q["period"], note=q["note"])
        for q in quarters
        if q.get("note")
    ]
    facts = [
        (language.gettext(FACT_YEAR_TO_DATE), f"{whole(total)}{unit}"),
        (language.gettext(FACT_RULE), rule),
        (
            language.gettext(FACT_QUARTERS),
            language.gettext(QUARTERS_REPORTED).format(reported=len(reported), through=through),
        ),
    ]
    return Explanation(title, facts, sentences, rule, recomputed=total)
