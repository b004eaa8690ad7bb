"""How numbers and messages are written for people: on pages, in the board report, in the terminal.

Pure functions with no Django, so the pages, the ``marmot`` command and the report write a
figure or an error the same way.
"""

from __future__ import annotations

import math
from typing import Any

from marmot_monitor import language

MISSING = "–"
# Units, lower-cased, after which a number is written with a per cent sign: ``17.2%``.
PERCENT_UNITS = {"%", "percent", "percentage"}
# The catalogue's units, written in the language of the page or report (others as given).
UNIT_WORDS = {
    "years": language.noop("years"),
    "per 100,000": language.noop("per 100,000"),
    "per 10,000": language.noop("per 10,000"),
    "per 1,000": language.noop("per 1,000"),
    "per 100": language.noop("per 100"),
    "score": language.noop("score"),
    "percentage points": language.noop("percentage points"),
    "ratio": language.noop("ratio"),
    "points": language.noop("points"),
    "people": language.noop("people"),
    "days": language.noop("days"),
    "hours": language.noop("hours"),
}
# A programme indicator's unit as figures are written with it (a rate is "per 1,000").
PROGRAMME_UNITS = {
    "number": "",
    "percentage": "%",
    "pounds": "£",
    "pounds per week": "£ a week",
    "days": "days",
    "hours": "hours",
}


def format_number(
    value: Any, *, decimals: int = 1, missing: str = MISSING, whole: bool = False
) -> str:
    """A number with thousands separated and ``decimals`` places; ``missing`` if there is none.

    An ``int`` is written whole (``1,234``). With ``whole=True`` any number that rounds to a
    whole one is too (``590``, not ``590.0``), as prose writes figures. ``None``, NaN and
    infinity are missing.

    Examples
    --------
    >>> format_number(1234.56), format_number(1234), format_number(None)
    ('1,234.6', '1,234', '–')
    >>> format_number(590.0, whole=True), format_number(6.43, whole=True)
    ('590', '6.4')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return missing
    if isinstance(value, int):
        return f"{value:,}"
    if whole:
        value = round(float(value), decimals)
        if value.is_integer():
            return f"{value:,.0f}"
    return f"{value:,.{decimals}f}"


def with_unit(
    value: float | None, unit: str | None, *, whole: bool = False, missing: str = MISSING
) -> str:
    """A value as the site writes it: ``17.2%`` for percentages, ``£620,000`` and ``£374.50 a
    week`` for money (to the penny, whole pounds without pence), ``81.3 years`` or ``412.0
    per 100,000`` otherwise; ``missing`` when there is no value. ``whole`` writes a figure
    that rounds to a whole number without its decimals (``590``), as prose does.

    Examples
    --------
    >>> with_unit(17.24, "%"), with_unit(81.3, "years"), with_unit(None, "%")
    ('17.2%', '81.3 years', '–')
    >>> with_unit(620000, "£"), with_unit(374.5, "£ a week"), with_unit(590.0, "", whole=True)
    ('£620,000', '£374.50 a week', '590')
    """
    shape = (unit or "").strip()
    if shape.startswith("£"):
        text = format_number(value, decimals=2, whole=True, missing=missing)
        if text == missing:
            return text
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        return f"{sign}£{digits}{shape[1:]}"
    text = format_number(value, whole=whole, missing=missing)
    if text == missing or not shape:
        return text
    if shape.lower() in PERCENT_UNITS:
        return f"{text}%"
    return f"{text} {language.gettext(UNIT_WORDS[shape]) if shape in UNIT_WORDS else shape}"


def programme_unit(unit: str, *, per: int | None = None) -> str:
    """A programme indicator's stored unit (``marmot_monitor.analysis.programme_figures``'s
    ``UNITS``) as :func:`with_unit` writes figures with it.

    Examples
    --------
    >>> [programme_unit(u) for u in ("number", "percentage", "pounds", "pounds per week")]
    ['', '%', '£', '£ a week']
    >>> programme_unit("rate", per=1000), programme_unit("days")
    ('per 1,000', 'days')
    """
    if unit == "rate":
        return f"per {per:,}" if per else "per"
    return PROGRAMME_UNITS.get(unit, unit)


def capitalised(message: object) -> str:
    """A message (or an error's) with a capital letter and no spaces around it, as an error
    message on a page is written: without a full stop.

    Examples
    --------
    >>> capitalised(ValueError(" no return is due "))
    'No return is due'
    """
    text = str(message).strip()
    return text[:1].upper() + text[1:]


def sentence(message: object) -> str:
    """A message (or an error's) as a sentence of prose: a capital letter and a full stop. An
    empty message stays empty.

    Examples
    --------
    >>> sentence("population must be > 0")
    'Population must be > 0.'
    """
    text = capitalised(message)
    return text if not text or text.endswith(".") else f"{text}."


# The declared sign convention (analysis.inequality.SIGN_CONVENTION): the SII and the gap are the
# most deprived end's value minus the least deprived end's, the RII the first over the second.
INEQUALITY_WORDS = {
    "sii": "The most deprived have {amount} {direction} {indicator} than the least deprived, "
    "across the whole deprivation gradient (slope index of inequality {value})",
    "rii": "The most deprived have {amount} {direction} {indicator} than the least deprived, "
    "across the whole deprivation gradient (relative index of inequality {value})",
    "gap": "The most deprived {quantile} has {amount} {direction} {indicator} than the least "
    "deprived {quantile} (gap {value})",
}
SAME_WORDS = {
    "sii": "The most deprived and the least deprived have the same {indicator}, across the whole "
    "deprivation gradient (slope index of inequality {value})",
    "rii": "The most deprived and the least deprived have the same {indicator}, across the whole "
    "deprivation gradient (relative index of inequality {value})",
    "gap": "The most and the least deprived {quantile}s have the same {indicator} (gap {value})",
}
INEQUALITY_STATISTICS = ("sii", "rii", "gap")


def _amount(value: float, unit: str | None, decimals: int) -> str:
    """A difference in words: percentage points for a percentage, else the unit after it."""
    text = format_number(value, decimals=decimals)
    unit = (unit or "").strip()
    if unit.lower() in PERCENT_UNITS:
        return f"{text} percentage points"
    return f"{text} {unit}" if unit else text


def _in_sentence(title: str) -> str:
    """An indicator title inside a sentence: its first letter lower-cased unless it begins an
    acronym (``NEET``, ``GCSE``)."""
    if len(title) > 1 and title[:2].isupper():
        return title
    return title[:1].lower() + title[1:]


def inequality_sentence(
    statistic: str,
    value: Any,
    *,
    indicator: str,
    unit: str | None = "",
    quantiles: int = 10,
    decimals: int = 1,
) -> str:
    """The SII, RII or gap of an indicator between the most and least deprived, in words.

    Uses the declared sign convention: a positive SII or gap, or an RII above 1, means higher
    values among the most deprived. A gap in a percentage is in percentage points; the RII is
    written as a percentage difference. An empty string when the value is missing.

    Examples
    --------
    >>> words = inequality_sentence("gap", -9.4, indicator="Life expectancy", unit="years")
    >>> print(words)  # doctest: +NORMALIZE_WHITESPACE
    The most deprived decile has 9.4 years lower life expectancy than the least deprived
    decile (gap -9.4).
    >>> print(inequality_sentence("sii", 5.24, indicator="Smoking", unit="%"))
    ... # doctest: +NORMALIZE_WHITESPACE
    The most deprived have 5.2 percentage points higher smoking than the least deprived,
    across the whole deprivation gradient (slope index of inequality 5.2).
    >>> print(inequality_sentence("rii", 0.88, indicator="Life expectancy"))
    ... # doctest: +NORMALIZE_WHITESPACE
    The most deprived have 12% lower life expectancy than the least deprived, across the
    whole deprivation gradient (relative index of inequality 0.88).
    >>> inequality_sentence("sii", None, indicator="Life expectancy")
    ''
    """
    if value is None or not math.isfinite(float(value)):
        return ""
    value = float(value)
    quantile = "decile" if quantiles > 5 else "quintile"
    if statistic == "rii":
        shown, change = format_number(value, decimals=2), (value - 1) * 100
        amount, rounded = f"{format_number(abs(change), decimals=0)}%", round(change)
    else:
        shown = format_number(value, decimals=decimals)
        amount, rounded = _amount(abs(value), unit, decimals), round(value, decimals)
    words = {"indicator": _in_sentence(indicator), "value": shown, "quantile": quantile}
    if rounded == 0:
        return sentence(SAME_WORDS[statistic].format(**words))
    direction = "higher" if rounded > 0 else "lower"
    return sentence(INEQUALITY_WORDS[statistic].format(amount=amount, direction=direction, **words))


def inequality_words(rows: Any, *, indicator: str, unit: str | None = "") -> list[dict[str, str]]:
    """For each row of :func:`~marmot_monitor.analysis.inequality_by_deprivation` (dicts with
    ``sii``, ``rii``, ``gap`` and ``quantiles``), its three sentences keyed ``sii_in_words``,
    ``rii_in_words`` and ``gap_in_words``, for exports beside the numbers.

    Examples
    --------
    >>> words = inequality_words([{"sii": None, "rii": None, "gap": 2.0, "quantiles": 5}],
    ...                          indicator="NEET", unit="%")[0]
    >>> words["sii_in_words"], words["gap_in_words"][:56]
    ('', 'The most deprived quintile has 2.0 percentage points hig')
    """
    return [
        {
            f"{name}_in_words": inequality_sentence(
                name, row[name], indicator=indicator, unit=unit, quantiles=row["quantiles"] or 10
            )
            for name in INEQUALITY_STATISTICS
        }
        for row in rows
    ]
