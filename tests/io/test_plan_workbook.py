"""Reading an action plan and programme-indicator table shaped like seed 004's appendix."""

import io

import openpyxl
import pytest

from marmot_monitor.io.plan_workbook import (
    Figure,
    PlanWorkbookError,
    parse_figure,
    plan_from_data,
    plan_to_data,
    read_plan,
)

ACTIONS = [
    ("Priority", "Aim", "Actions", "Lead"),
    (
        "Young people",
        "2. Support young people who are not in education, employment or training",
        "• Ambition coaches will support young people\n• Employer led programmes",
        "Economy and Jobs Team, Coventry City Council, in partnership with other partners",
    ),
]
INDICATORS = [
    ("Priority", "Indicator & Definition", "Organisation", "Baseline", "Target 17/18",
     "Target 18/19"),
    ("Young people",
     "PI6: Percentage of all children accessing Compass aged 11 and under\nCompass Aspire is "
     "a service for young people", "Compass", "8%", "17%", "20%"),
    ("Young people", "PI4: Percentage of young people reporting increased awareness",
     "Crasac", "No reporting undertaken at present", "N/A (one year project only)", None),
    ("Good growth", "PI12: Number of people supported into employment by the Job Shop",
     "Coventry City Council", "1,844", "1,200", "1200"),
]  # fmt: skip


def workbook(**sheets) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def seed_plan() -> bytes:
    return workbook(**{"Action plan": ACTIONS, "Programme indicators": INDICATORS})


def test_an_aim_keeps_its_number_and_its_actions_without_bullets():
    plan = read_plan(seed_plan(), file_name="plan.xlsx")
    [aim] = plan.actions
    assert (aim.row, aim.number, aim.priority) == (2, 2, "Young people")
    assert aim.aim.startswith("Support young people who are not")
    assert aim.actions == ["Ambition coaches will support young people", "Employer led programmes"]
    assert plan.problems == []


def test_indicators_read_code_title_definition_baseline_and_targets_by_year():
    plan = read_plan(seed_plan(), file_name="plan.xlsx")
    pi6, pi4, pi12 = plan.indicators
    assert (pi6.code, pi6.title) == (
        "PI6",
        "Percentage of all children accessing Compass aged 11 and under",
    )
    assert pi6.definition == "Compass Aspire is a service for young people"
    assert pi6.baseline == Figure(8.0, "")
    assert pi6.targets == {"2017/18": Figure(17.0, ""), "2018/19": Figure(20.0, "")}
    assert pi4.baseline == Figure(None, "No reporting undertaken at present")
    assert pi4.targets == {"2017/18": Figure(None, "N/A (one year project only)")}
    assert pi12.baseline == Figure(1844.0, "")
    assert pi12.organisation == "Coventry City Council"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("6.2% (Better than national average)", Figure(6.2, "(Better than national average)")),
        ("77 incidents (Q1 2016)", Figure(77.0, "incidents (Q1 2016)")),
        ("Target to be agreed", Figure(None, "Target to be agreed")),
        ("-3.5", Figure(-3.5, "")),
        ("£620,000", Figure(620000.0, "")),
        ("£374.50", Figure(374.5, "")),
    ],
)  # fmt: skip
def test_a_figure_keeps_the_words_written_with_it(text, figure):
    assert parse_figure(text) == figure


def test_every_bad_row_is_named_by_sheet_row_and_column():
    rows = [
        ACTIONS[0],
        ("Young people", "Support young people", "One", "Council"),
        ("", "3. Tackle violence", "One", "Police"),
        ("Young people", "4. Reduce harm", "One", "Police"),
        ("Young people", "4. Reduce harm again", "One", "Police"),
    ]
    indicators = [INDICATORS[0], ("Young people", "Number of hubs", "Compass", "1", "2", "3")]
    plan = read_plan(
        workbook(**{"Action plan": rows, "Programme indicators": indicators}), file_name="p.xlsx"
    )
    found = [(p.sheet, p.row, p.column, p.rule) for p in plan.problems]
    assert found == [
        ("Action plan", 2, "Aim", "the aim does not start with its number"),
        ("Action plan", 3, "Priority", "Priority is empty"),
        ("Action plan", 5, "Aim", "aim number 4 is also in row 4"),
        ("Programme indicators", 2, "Indicator & Definition",
         "the indicator does not start with its code"),
    ]  # fmt: skip
    assert str(plan.problems[0]) == (
        "sheet 'Action plan', row 2, column 'Aim': the aim does not start with its number: "
        "write the number first, for example '2. Support young people'"
    )


def test_a_sheet_without_its_headings_says_which_are_missing():
    plan = read_plan(workbook(**{"Action plan": [("Aim", "Lead")]}), file_name="p.xlsx")
    [problem] = plan.problems
    assert problem.rule == "the first row lacks the headings 'Priority', 'Actions'"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (workbook(Sheet1=[("a",)]), "neither a sheet called 'Action plan' nor one called"),
        (b"not a workbook", "the file is not an Excel workbook (.xlsx)"),
    ],
)
def test_a_workbook_that_is_not_a_plan_is_refused_as_a_whole(content, message):
    with pytest.raises(PlanWorkbookError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_plan(content, file_name="p.xlsx")


def test_a_plan_survives_being_kept_as_plain_data():
    plan = read_plan(seed_plan(), file_name="plan.xlsx")
    again = plan_from_data(plan_to_data(plan))
    assert (again.actions, again.indicators) == (plan.actions, plan.indicators)


def test_a_figure_written_with_a_percent_sign_makes_the_indicator_a_percentage():
    plan = read_plan(seed_plan(), file_name="plan.xlsx")
    units = {row.code: (row.unit, row.year_to_date) for row in plan.indicators}
    assert units == {"PI6": ("percentage", ""), "PI4": ("", ""), "PI12": ("", "")}


def test_the_unit_and_year_to_date_columns_name_them_in_a_councils_words():
    rows = [
        ("Priority", "Indicator & Definition", "Organisation", "Baseline", "Unit", "Year to date"),
        ("Young people", "PI6: Children aged 11 and under", "Compass", "8%", "%", "Average"),
        ("Good growth", "PI15: Income gained", "Council", "£620,000", "£", "sum"),
        ("Good growth", "PI16: Weekly benefit gain", "Council", "374.50", "£ a week", "mean"),
    ]
    plan = read_plan(workbook(**{"Programme indicators": rows}), file_name="plan.xlsx")
    assert plan.problems == []
    assert [(row.code, row.unit, row.year_to_date) for row in plan.indicators] == [
        ("PI6", "percentage", "mean"),
        ("PI15", "pounds", "cumulative"),
        ("PI16", "pounds per week", "mean"),
    ]


def test_an_unknown_unit_or_rule_and_a_figure_that_does_not_fit_are_named_by_cell():
    rows = [
        ("Priority", "Indicator & Definition", "Organisation", "Baseline", "Target 26/27",
         "Unit", "Year to date"),
        ("Young people", "PI6: Children aged 11 and under", "Compass", "8%", "120%", "", ""),
        ("Young people", "PI7: Clients", "Crasac", "183", "183", "people", "median"),
        ("Young people", "PI8: Reports", "Police", "77", "308", "rate", ""),
    ]  # fmt: skip
    plan = read_plan(workbook(**{"Programme indicators": rows}), file_name="plan.xlsx")
    assert [str(problem) for problem in plan.problems] == [
        "sheet 'Programme indicators', row 2, column 'Unit': PI6: 120% is over 100%; a "
        "percentage is from 0 to 100: correct the figure, or choose the unit that fits it",
        "sheet 'Programme indicators', row 3, column 'Unit': 'people' is not a unit the site "
        "knows: write one of: number, %, £, £ a week, days, hours (or leave it blank; a rate, "
        "which needs its 'per', is set on the indicator's page)",
        "sheet 'Programme indicators', row 3, column 'Year to date': 'median' is not a "
        "year-to-date rule the site knows: write sum, latest or mean (a ratio is set on the "
        "indicator's page), or leave it blank",
        "sheet 'Programme indicators', row 4, column 'Unit': 'rate' is not a unit the site "
        "knows: write one of: number, %, £, £ a week, days, hours (or leave it blank; a rate, "
        "which needs its 'per', is set on the indicator's page)",
    ]
