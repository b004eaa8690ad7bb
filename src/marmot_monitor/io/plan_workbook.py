"""An action plan and programme-indicator table from Excel, shaped like seed 004's appendix.

A council arrives with its plan in a workbook (often pasted from the board report's Word
tables). Two sheets are read, either may be left out:

``Action plan``: ``Priority``, ``Aim`` (``2. Support young people...``: the number first),
``Actions`` (one per line; bullets are dropped), ``Lead``; optionally ``Principles``
(``1, 4``).

``Programme indicators``: ``Priority``, ``Indicator & Definition`` (``PI1: title`` on the
first line, the definition below), ``Organisation``; optionally ``Directorate``, ``Contact``,
``Baseline``, one ``Target 17/18`` (or ``Target 2026/27``) column per year, ``Principles``,
``Unit`` (``number``, ``%``, ``£``, ``£ a week``, ``days``, ``hours``; left blank, a
``%`` on the baseline or a target makes it a percentage) and ``Year to date`` (``sum``,
``latest`` or ``mean``, seed 004's average).

A figure may carry words, as the report's cells do: ``8%`` is 8, ``1,844`` is 1844,
``6.2% (Better than or equal to national average)`` is 6.2 with the words as its note,
``£620,000`` is 620000, and
``N/A (one year project only)`` is no figure with that note. Every problem is collected,
naming the sheet, row, column and fix; nothing here writes anything.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from marmot_monitor.analysis.programme_figures import UNITS, unit_problems
from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.workbooks import check_workbook

ACTIONS_SHEET, INDICATORS_SHEET = "Action plan", "Programme indicators"
ACTION_HEADINGS = ("Priority", "Aim", "Actions", "Lead")
INDICATOR_HEADINGS = ("Priority", "Indicator & Definition", "Organisation")
MAX_ROWS = 1000
NO_SHEETS = (
    f"the workbook has neither a sheet called {ACTIONS_SHEET!r} nor one called "
    f"{INDICATORS_SHEET!r}",
    "name the sheets as these words say (see the template), or rename yours",
)
MISSING_HEADINGS = (
    "the first row lacks the heading{s} {names}",
    "put the headings in the first row: {expected}",
)
TOO_MANY_ROWS = (
    f"the sheet has more than {MAX_ROWS:,} rows",
    "an action plan has tens of rows: check the sheet holds only the plan",
)
DAMAGED = ("the workbook cannot be read", "open it in Excel, save it as .xlsx and try again")
BLANK = "{column} is empty", "fill it in"
NO_AIM_NUMBER = (
    "the aim does not start with its number",
    "write the number first, for example '2. Support young people'",
)
NO_CODE = (
    "the indicator does not start with its code",
    "write the code and title on the first line, for example 'PI1: Number of young people'",
)
REPEATED = "{what} is also in row {first}", "give each {what} one row"
BAD_PRINCIPLES = (
    "principles must be numbers separated by commas",
    "write the numbers of the framework's principles, for example '1, 4'",
)
UNKNOWN_UNIT = (
    "{value!r} is not a unit the site knows",
    "write one of: number, %, £, £ a week, days, hours (or leave it blank; a rate, which "
    "needs its 'per', is set on the indicator's page)",
)
UNKNOWN_RULE = (
    "{value!r} is not a year-to-date rule the site knows",
    "write sum, latest or mean (a ratio is set on the indicator's page), or leave it blank",
)
UNIT_MISFIT = "{problem}", "correct the figure, or choose the unit that fits it"
# How a workbook may write each unit (as well as its stored name, ``UNITS``' keys); a rate
# needs its "per", so it is chosen on the indicator's page.
UNIT_WORDS = {
    **{unit: unit for unit in UNITS if unit != "rate"},
    "%": "percentage",
    "percent": "percentage",
    "£": "pounds",
    "pound": "pounds",
    "£ a week": "pounds per week",
    "£ per week": "pounds per week",
    "£/week": "pounds per week",
    "per week": "pounds per week",
}
RULE_WORDS = {
    "sum": "cumulative",
    "cumulative": "cumulative",
    "total": "cumulative",
    "latest": "latest",
    "latest quarter": "latest",
    "mean": "mean",
    "average": "mean",
}
AIM = re.compile(r"^\s*(\d{1,4})\s*[.):]?\s+(.+)$", re.S)
CODE = re.compile(r"^\s*([A-Za-z]{1,6}\s?\d{1,4}[a-z]?)\s*[:.\-–]\s*(.+)$")
TARGET = re.compile(r"^\s*target\s+(\d{2}|\d{4})\s*/\s*(\d{2})\s*$", re.I)
FIGURE = re.compile(r"^\s*£?\s*(-?[\d,]*\.?\d+)\s*(%?)\s*(.*)$", re.S)
FIGURE_PERCENT = re.compile(r"^\s*-?[\d,]*\.?\d+\s*%")
BULLET = re.compile(r"^\s*[•·\-*–]\s*")


@dataclass(frozen=True)
class PlanProblem:
    sheet: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    fix: str

    def __str__(self) -> str:
        where = [f"sheet {self.sheet!r}"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.rule}: {self.fix}"


@dataclass(frozen=True)
class Figure:
    value: float | None
    note: str = ""


@dataclass(frozen=True)
class ActionRow:
    row: int
    priority: str
    number: int
    aim: str
    actions: list[str]
    lead: str
    principles: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    priority: str
    code: str
    title: str
    definition: str
    organisation: str
    directorate: str
    contact: str
    baseline: Figure
    targets: dict[str, Figure]
    principles: list[int] = field(default_factory=list)
    unit: str = ""  # "" keeps the indicator's unit (a new one is a number)
    year_to_date: str = ""  # "" keeps the indicator's rule (a new one sums its quarters)


@dataclass
class Plan:
    """What the workbook holds, and every problem found in it."""

    actions: list[ActionRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)


class PlanWorkbookError(ValueError):
    """The workbook as a whole cannot be read as a plan."""

    def __init__(self, file_name: str, rule: str, fix: str) -> None:
        super().__init__(f"{file_name}: {rule}: {fix}")


def read_plan(source: bytes, *, file_name: str) -> Plan:
    """The plan in an ``.xlsx`` workbook's ``Action plan`` and ``Programme indicators``."""
    sheets = _sheets(source, file_name)
    plan = Plan()
    if ACTIONS_SHEET in sheets:
        rows = _records(sheets[ACTIONS_SHEET], ACTIONS_SHEET, ACTION_HEADINGS, plan.problems)
        plan.actions = [row for row in (_action(record, plan.problems) for record in rows) if row]
        _repeats(plan.actions, "number", ACTIONS_SHEET, "Aim", "aim number", plan.problems)
    if INDICATORS_SHEET in sheets:
        records = _records(
            sheets[INDICATORS_SHEET], INDICATORS_SHEET, INDICATOR_HEADINGS, plan.problems
        )
        plan.indicators = [
            row for row in (_indicator(record, plan.problems) for record in records) if row
        ]
        _repeats(
            plan.indicators,
            "code",
            INDICATORS_SHEET,
            "Indicator & Definition",
            "indicator code",
            plan.problems,
        )
    return plan


def parse_figure(text: str) -> Figure:
    """A cell as a figure and the words with it (``6.2% (better)``: 6.2, ``(better)``)."""
    text = " ".join(str(text).split()) if text is not None else ""
    found = FIGURE.match(text)
    if found is None:
        return Figure(None, text)
    number = found[1].replace(",", "")
    return Figure(float(number), found[3].strip())


def _sheets(source: bytes, file_name: str) -> dict[str, list[tuple]]:
    try:
        found = check_workbook(io.BytesIO(source), name=file_name)
    except InvalidFileError as error:
        raise PlanWorkbookError(file_name, error.problem.rule, error.problem.fix) from None
    wanted = [sheet for sheet in found if sheet.name in (ACTIONS_SHEET, INDICATORS_SHEET)]
    if not wanted:
        raise PlanWorkbookError(file_name, *NO_SHEETS)
    for sheet in wanted:
        if sheet.rows > MAX_ROWS + 1:
            raise PlanWorkbookError(
                file_name, f"{sheet.name}: {TOO_MANY_ROWS[0]}", TOO_MANY_ROWS[1]
            )
    try:
        book = load_workbook(io.BytesIO(source), read_only=True, data_only=True)
        try:
            return {s.name: list(book[s.name].iter_rows(values_only=True)) for s in wanted}
        finally:
            book.close()
    except (InvalidFileException, zipfile.BadZipFile, ParseError, KeyError, ValueError):
        raise PlanWorkbookError(file_name, *DAMAGED) from None


def _records(rows: list[tuple], sheet: str, expected: tuple[str, ...], problems) -> list[dict]:
    """Each row below the headings as {heading: text}, with ``row`` its spreadsheet number."""
    if not rows:
        rows = [()]
    headings = [_text(cell) for cell in rows[0]]
    lowered = {heading.lower(): index for index, heading in enumerate(headings) if heading}
    missing = [name for name in expected if name.lower() not in lowered]
    if missing:
        rule = MISSING_HEADINGS[0].format(
            s="s" if len(missing) > 1 else "", names=", ".join(repr(name) for name in missing)
        )
        fix = MISSING_HEADINGS[1].format(expected=", ".join(expected))
        problems.append(PlanProblem(sheet, 1, None, None, rule, fix))
        return []
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        record = {
            heading: _text(cells[index]) if index < len(cells) else ""
            for heading, index in ((h, i) for i, h in enumerate(headings) if h)
        }
        if any(record.values()):
            records.append({"row": number, "sheet": sheet, **record})
    return records


def _action(record: dict, problems: list[PlanProblem]) -> ActionRow | None:
    get = _getter(record)
    if not _filled(record, ACTION_HEADINGS, problems):
        return None
    aim = AIM.match(get("Aim"))
    if aim is None:
        problems.append(_problem(record, "Aim", *NO_AIM_NUMBER))
        return None
    lines = [BULLET.sub("", line).strip() for line in get("Actions").splitlines()]
    return ActionRow(
        row=record["row"],
        priority=get("Priority"),
        number=int(aim[1]),
        aim=" ".join(aim[2].split()),
        actions=[line for line in lines if line],
        lead=get("Lead"),
        principles=_principles(record, problems),
    )


def _indicator(record: dict, problems: list[PlanProblem]) -> IndicatorRow | None:
    get = _getter(record)
    if not _filled(record, INDICATOR_HEADINGS, problems):
        return None
    first, _, rest = get("Indicator & Definition").partition("\n")
    code = CODE.match(first)
    if code is None:
        problems.append(_problem(record, "Indicator & Definition", *NO_CODE))
        return None
    targets, written = {}, [get("Baseline")]
    for heading, text in record.items():
        year = TARGET.match(heading) if isinstance(text, str) else None
        if year and text:
            first_year = int(year[1]) + (2000 if len(year[1]) == 2 else 0)
            targets[f"{first_year}/{year[2]}"] = parse_figure(text)
            written.append(text)
    unit = _unit(record, written, problems)
    baseline = parse_figure(get("Baseline"))
    if unit:
        values = [baseline.value, *(figure.value for figure in targets.values())]
        for problem in unit_problems(code[1], values, unit):
            problems.append(_problem(record, "Unit", UNIT_MISFIT[0].format(problem=problem),
                                     UNIT_MISFIT[1]))  # fmt: skip
    return IndicatorRow(
        row=record["row"],
        priority=get("Priority"),
        code=code[1].replace(" ", "").upper(),
        title=" ".join(code[2].split()),
        definition=" ".join(rest.split()),
        organisation=get("Organisation"),
        directorate=get("Directorate"),
        contact=get("Contact"),
        baseline=baseline,
        targets=targets,
        principles=_principles(record, problems),
        unit=unit,
        year_to_date=_rule(record, problems),
    )


def _unit(record: dict, written: list[str], problems) -> str:
    """The ``Unit`` column's unit; left blank, a percentage when a figure has a ``%``."""
    text = " ".join(_getter(record)("Unit").lower().split())
    if not text:
        return "percentage" if any(FIGURE_PERCENT.match(figure) for figure in written) else ""
    if text not in UNIT_WORDS:
        rule, fix = UNKNOWN_UNIT
        problems.append(_problem(record, "Unit", rule.format(value=text), fix))
        return ""
    return UNIT_WORDS[text]


def _rule(record: dict, problems) -> str:
    text = " ".join(_getter(record)("Year to date").lower().split())
    if text and text not in RULE_WORDS:
        rule, fix = UNKNOWN_RULE
        problems.append(_problem(record, "Year to date", rule.format(value=text), fix))
        return ""
    return RULE_WORDS.get(text, "")


def _filled(record: dict, columns, problems) -> bool:
    blank = [column for column in columns if not record.get(column, "").strip()]
    for column in blank:
        rule, fix = BLANK
        problems.append(_problem(record, column, rule.format(column=column), fix))
    return not blank


def _principles(record: dict, problems) -> list[int]:
    text = _getter(record)("Principles")
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if not all(part.isdigit() for part in parts):
        problems.append(_problem(record, "Principles", *BAD_PRINCIPLES))
        return []
    return [int(part) for part in parts]


def _repeats(rows, key: str, sheet: str, column: str, what: str, problems) -> None:
    first: dict = {}
    for row in rows:
        value = getattr(row, key)
        if value in first:
            rule, fix = REPEATED
            problems.append(
                PlanProblem(
                    sheet,
                    row.row,
                    column,
                    str(value),
                    rule.format(what=f"{what} {value}", first=first[value]),
                    fix.format(what=what),
                )
            )
        else:
            first[value] = row.row


def _getter(record: dict):
    lowered = {key.lower(): value for key, value in record.items() if isinstance(value, str)}
    return lambda heading: lowered.get(heading.lower(), "")


def _problem(record: dict, column: str, rule: str, fix: str) -> PlanProblem:
    value = _getter(record)(column) or None
    return PlanProblem(record["sheet"], record["row"], column, value, rule, fix)


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def plan_to_data(plan: Plan) -> dict:
    """The plan's rows as plain data (to keep between the preview and the confirmation)."""
    return {
        "actions": [asdict(row) for row in plan.actions],
        "indicators": [asdict(row) for row in plan.indicators],
    }


def plan_from_data(data: dict) -> Plan:
    """The plan :func:`plan_to_data` gave."""
    indicators = []
    for row in data["indicators"]:
        baseline = Figure(**row["baseline"])
        targets = {year: Figure(**figure) for year, figure in row["targets"].items()}
        indicators.append(IndicatorRow(**{**row, "baseline": baseline, "targets": targets}))
    return Plan(actions=[ActionRow(**row) for row in data["actions"]], indicators=indicators)
