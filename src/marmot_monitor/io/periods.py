"""Time-period labels as Fingertips writes them, parsed to start, end and type.

Forms understood (``YYYY`` a four-digit year, ``YY`` two digits):

========================  ==================  ===========================
label                     type                span
========================  ==================  ===========================
``2019``                  calendar year       1 Jan 2019 – 31 Dec 2019
``2019/20``               financial year      1 Apr 2019 – 31 Mar 2020
``2017 - 19``             multi-year          1 Jan 2017 – 31 Dec 2019
``2016/17 - 18/19``       multi-year          1 Apr 2016 – 31 Mar 2019
``2019 Q1``               quarter             1 Jan 2019 – 31 Mar 2019
``2019/20 Q1``            quarter             1 Apr 2019 – 30 Jun 2019
``2019/20 Q1-Q3``         quarter             1 Apr 2019 – 31 Dec 2019
``2019/20 H1``            other (half year)   1 Apr 2019 – 30 Sep 2019
``Jul 2019 - Jun 2020``   other (months)      1 Jul 2019 – 30 Jun 2020
``Jan 2019``              month               1 Jan 2019 – 31 Jan 2019
========================  ==================  ===========================

``2019/20`` is read as a financial year; pass ``academic=True`` where the source uses
academic years (1 September to 31 August).

The programme's reporting periods are single quarters of a financial year:
:func:`parse_quarter` reads ``2026/27 Q2`` (or ``2026/27-Q2``) as a :class:`Quarter` through the
same forms.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

UNKNOWN_PERIOD = (
    "{label!r} is not a period label Marmot Monitor understands: use a form such as "
    "2019, 2019/20, 2017 - 19, 2016/17 - 18/19, 2019 Q1, 2019/20 Q1, Jul 2019 - Jun 2020"
)
BAD_YEAR_PAIR = "{label!r}: the second year {second} should follow {first}"
NOT_A_QUARTER = (
    "{text!r} is not a quarter of a financial year: write it as 2026/27-Q2 or '2026/27 Q2'"
)

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_YEAR = r"(\d{4})"
_PAIR = r"(\d{4})/(\d{2})"
_MONTH = r"([A-Za-z]{3})[a-z]*\.?\s+(\d{4})"
_PATTERNS = {
    "year": re.compile(rf"^{_YEAR}$"),
    "pair": re.compile(rf"^{_PAIR}$"),
    "year_range": re.compile(rf"^{_YEAR}\s*-\s*(\d{{2}}|\d{{4}})$"),
    "pair_range": re.compile(rf"^{_PAIR}\s*-\s*(\d{{2}})/(\d{{2}})$"),
    "quarter": re.compile(rf"^{_YEAR}\s+Q([1-4])$"),
    "pair_quarters": re.compile(rf"^{_PAIR}\s+Q([1-4])(?:\s*-\s*Q([1-4]))?$"),
    "pair_half": re.compile(rf"^{_PAIR}\s+H([12])$"),
    "month_range": re.compile(rf"^{_MONTH}\s*-\s*{_MONTH}$"),
    "month": re.compile(rf"^{_MONTH}$"),
}
# How people also write a quarter's suffix: ``2026/27-Q2``, ``2026/27Q2``, ``2026/27 q2``.
_QUARTER_SUFFIX = re.compile(r"[\s\-_]*Q([1-4])$", re.IGNORECASE)


class PeriodLabelError(ValueError):
    """A period label in none of the known forms."""


class QuarterError(PeriodLabelError):
    """A period that is not a quarter of a financial year."""


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date
    period_type: str


def parse_period(label: str, *, academic: bool = False) -> Period:
    """Parse a Fingertips period label.

    Examples
    --------
    >>> parse_period("2019/20")
    Period(label='2019/20', start=datetime.date(2019, 4, 1), end=datetime.date(2020, 3, 31), period_type='financial year')
    """  # noqa: E501
    text = " ".join(str(label).split())
    form, groups = _form(text)
    if form is None:
        raise PeriodLabelError(UNKNOWN_PERIOD.format(label=label))
    start, end, period_type = _SPANS[form](text, groups, academic)
    return Period(text, start, end, period_type)


@dataclass(frozen=True)
class Quarter:
    """A quarter of a financial year: ``2026/27 Q2`` is July to September 2026."""

    first_year: int
    number: int

    @property
    def year(self) -> str:
        return _year_label(self.first_year)

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def previous_year(self) -> str:
        return _year_label(self.first_year - 1)

    @property
    def next_year(self) -> str:
        return _year_label(self.first_year + 1)

    def quarters_of(self, year_offset: int = 0, *, through: int = 4) -> list[str]:
        year = _year_label(self.first_year + year_offset)
        return [f"{year} Q{number}" for number in range(1, through + 1)]


def parse_quarter(text: str) -> Quarter:
    """``2026/27-Q2`` or ``2026/27 Q2`` as a :class:`Quarter`.

    Read as :func:`parse_period` reads ``2019/20 Q1``, after writing the suffix as it does;
    anything else (a year, a range of quarters, years that do not follow) is a
    :class:`QuarterError`.

    Examples
    --------
    >>> parse_quarter("2026/27-Q2")
    Quarter(first_year=2026, number=2)
    """
    label = _QUARTER_SUFFIX.sub(r" Q\1", " ".join(str(text).split()))
    form, groups = _form(label)
    if form != "pair_quarters" or groups[3] is not None:
        raise QuarterError(NOT_A_QUARTER.format(text=text))
    try:
        start = _pair_start(label, groups[:2], academic=False)
    except PeriodLabelError:
        raise QuarterError(NOT_A_QUARTER.format(text=text)) from None
    return Quarter(start.year, int(groups[2]))


def _form(text: str) -> tuple[str | None, tuple]:
    """The name of the form ``text`` is written in and its parts, or ``None``."""
    for form, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if match:
            return form, match.groups()
    return None, ()


def _year_label(first_year: int) -> str:
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def _first_month(academic: bool) -> int:
    return 9 if academic else 4


def _shift(start: date, months: int) -> date:
    """The first day of the month ``months`` after ``start``'s month."""
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _add_months(start: date, months: int) -> date:
    """The last day of a span of ``months`` whole months beginning at ``start``."""
    return _shift(start, months) - timedelta(days=1)


def _second_year(label: str, first: int, short: str) -> int:
    second = int(short) if len(short) == 4 else first // 100 * 100 + int(short)
    if second < first:
        second += 100
    if second - first > 20:
        raise PeriodLabelError(BAD_YEAR_PAIR.format(label=label, first=first, second=short))
    return second


def _pair_start(label: str, groups: tuple, academic: bool) -> date:
    first = int(groups[0])
    if _second_year(label, first, groups[1]) != first + 1:
        raise PeriodLabelError(BAD_YEAR_PAIR.format(label=label, first=first, second=groups[1]))
    return date(first, _first_month(academic), 1)


def _span_year(label, groups, academic):
    year = int(groups[0])
    return date(year, 1, 1), date(year, 12, 31), "calendar year"


def _span_pair(label, groups, academic):
    start = _pair_start(label, groups, academic)
    kind = "academic year" if academic else "financial year"
    return start, _add_months(start, 12), kind


def _span_year_range(label, groups, academic):
    first = int(groups[0])
    return date(first, 1, 1), date(_second_year(label, first, groups[1]), 12, 31), "multi-year"


def _span_pair_range(label, groups, academic):
    start = _pair_start(label, groups[:2], academic)
    last_start = _second_year(label, start.year, groups[2])
    last = _pair_start(label, (str(last_start), groups[3]), academic)
    return start, _add_months(last, 12), "multi-year"


def _span_quarter(label, groups, academic):
    start = date(int(groups[0]), 3 * int(groups[1]) - 2, 1)
    return start, _add_months(start, 3), "quarter"


def _span_pair_quarters(label, groups, academic):
    year_start = _pair_start(label, groups[:2], academic)
    first, last = int(groups[2]), int(groups[3] or groups[2])
    if last < first:
        raise PeriodLabelError(UNKNOWN_PERIOD.format(label=label))
    return _shift(year_start, 3 * (first - 1)), _add_months(year_start, 3 * last), "quarter"


def _span_pair_half(label, groups, academic):
    year_start = _pair_start(label, groups[:2], academic)
    half = int(groups[2])
    return _shift(year_start, 6 * (half - 1)), _add_months(year_start, 6 * half), "other"


def _month(label: str, name: str, year: str) -> date:
    number = MONTHS.get(name.lower())
    if number is None:
        raise PeriodLabelError(UNKNOWN_PERIOD.format(label=label))
    return date(int(year), number, 1)


def _span_month_range(label, groups, academic):
    start, last = _month(label, *groups[:2]), _month(label, *groups[2:])
    if last < start:
        raise PeriodLabelError(UNKNOWN_PERIOD.format(label=label))
    return start, _add_months(last, 1), "other"


def _span_month(label, groups, academic):
    start = _month(label, *groups)
    return start, _add_months(start, 1), "month"


_SPANS = {
    "year": _span_year,
    "pair": _span_pair,
    "year_range": _span_year_range,
    "pair_range": _span_pair_range,
    "quarter": _span_quarter,
    "pair_quarters": _span_pair_quarters,
    "pair_half": _span_pair_half,
    "month_range": _span_month_range,
    "month": _span_month,
}
