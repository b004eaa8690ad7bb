"""How numbers and messages are written for people: on pages, in the board report, in the terminal.

Pure functions with no Django, so the pages, the ``marmot`` command and the report write a
figure or an error the same way.
"""

from __future__ import annotations

import math
from typing import Any

MISSING = "–"
# Units, lower-cased, after which a number is written with a per cent sign: ``17.2%``.
PERCENT_UNITS = {"%", "percent", "percentage"}


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


def with_unit(value: float | None, unit: str | None) -> str:
    """A value as the site writes it: ``17.2%`` for percentages, ``81.3 years`` or ``412.0 per
    100,000`` otherwise; the missing mark when there is no value.

    Examples
    --------
    >>> with_unit(17.24, "%"), with_unit(81.3, "years"), with_unit(None, "%")
    ('17.2%', '81.3 years', '–')
    """
    text = format_number(value)
    if value is None or text == format_number(None) or not unit:
        return text
    return f"{text}%" if unit.strip().lower() in PERCENT_UNITS else f"{text} {unit}"


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
