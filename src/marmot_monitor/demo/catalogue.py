"""Fairshire's partners, areas of work and outcome indicators, and how each is simulated.

The indicators follow the Marmot indicator sets (IHE, OHID's Wider Determinants profile and
the local sets of Coventry, Gwent and Greater Manchester; see ``research/marmot-domain.md``):
titles, units, polarity, official methods and Fingertips IDs are theirs. The simulation
settings say where England stands (``level``, at the national median deprivation in 2012),
how steeply the indicator rises with deprivation (``gradient``, per national standard
deviation of log IMD score) and how it moves each year (``trend``), on the scale of the
indicator's model: log-odds for proportions, log for rates, years or points otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

PERSONS = ("Persons",)
BY_SEX = ("Male", "Female")

PARTNERS = [
    ("fairshire-cc", "Fairshire County Council", "council"),
    ("ashbury-dc", "Ashbury District Council", "council"),
    ("brackendale-dc", "Brackendale District Council", "council"),
    ("coldwater-bc", "Coldwater Borough Council", "council"),
    ("fairshire-icb", "NHS Fairshire Integrated Care Board", "nhs"),
    ("fairshire-healthcare", "Fairshire Healthcare NHS Foundation Trust", "nhs"),
    ("fairshire-police", "Fairshire Constabulary", "police"),
    ("fairshire-fire", "Fairshire Fire and Rescue Service", "fire"),
    ("fairshire-cvs", "Fairshire Council for Voluntary Service", "voluntary"),
    ("fairshire-youth", "Fairshire Youth Futures Trust", "voluntary"),
    ("safe-fairshire", "Safe Fairshire (sexual violence support)", "voluntary"),
    ("fairshire-chamber", "Fairshire Chamber of Commerce", "business"),
    ("dwp", "Department for Work and Pensions", "government"),
]

AREAS_OF_WORK = [
    (1, "Early years and school readiness"),
    (1, "Maternity and infant health"),
    (2, "Education, skills and training"),
    (2, "Young people's mental health"),
    (3, "Good work and fair pay"),
    (3, "Routes into work"),
    (4, "Child poverty and the cost of living"),
    (4, "Fuel poverty and warm homes"),
    (5, "Housing and homelessness"),
    (5, "Safe and connected communities"),
    (6, "Tobacco, alcohol and healthy weight"),
    (6, "Mental health and suicide prevention"),
    (7, "Ethnic inequalities in services and employment"),
    (8, "Clean air and active travel"),
    (8, "Energy-efficient homes"),
]


@dataclass(frozen=True)
class IndicatorSpec:
    """An outcome indicator: catalogue fields, then how the demo simulates its values.

    ``model`` is one of ``binomial`` (counts of a denominator: proportions), ``poisson``
    (events in a population: crude rates), ``age rates`` (events by age band: DSRs),
    ``life table`` (deaths by age band: life expectancy), ``normal`` (a published value
    with a standard error) and ``plain`` (a published value without limits). For ``age
    rates``, ``level`` is the yearly rate per person at every age in ``ages``, or with
    ``age_pattern="rising"`` the rate at 70 to 74 years, rising 9% a year of age as deaths do.
    For LSOAs, ``missing_share`` of rows lose their counts (an incomplete return) and counts
    from 1 to ``suppress_below - 1`` are suppressed, as publishers do for disclosure control.
    """

    code: str
    title: str
    definition: str
    principles: tuple[int, ...]
    value_type: str
    unit: str
    polarity: str
    model: str
    level: float
    gradient: float
    trend: float = 0.0
    multiplier: int = 1
    benchmark_method: str = "95% CI"
    ci_method: str = "none"
    source: str = ""
    fingertips_id: int | None = None
    owner: str = "fairshire-cc"
    frequency: str = "annual"
    period_form: str = "financial"
    first_year: int = 2012
    last_year: int = 2024
    lowest_geography: str = "county"
    age: str = "All ages"
    ages: tuple[int, int] = (0, 99)
    per_person: float = 1.0
    sexes: tuple[str, ...] = PERSONS
    spread: float = 0.08
    age_pattern: str = "flat"
    standard_error: float = 0.0
    missing_share: float = 0.0
    suppress_below: int = 0


def _percent(code, title, definition, principles, level, gradient, **options):
    options.setdefault("ci_method", "Wilson")
    return IndicatorSpec(
        code, title, definition, principles, "proportion", "%", options.pop("polarity"),
        "binomial", level, gradient, multiplier=100, **options,
    )  # fmt: skip


def _rate(code, title, definition, principles, level, gradient, multiplier, **options):
    unit = f"per {multiplier:,}"
    options.setdefault("ci_method", "Byar")
    return IndicatorSpec(
        code, title, definition, principles, "crude rate", unit, options.pop("polarity"),
        "poisson", level, gradient, multiplier=multiplier, **options,
    )  # fmt: skip


def _dsr(code, title, definition, principles, level, gradient, **options):
    return IndicatorSpec(
        code, title, definition, principles, "directly standardised rate", "per 100,000",
        "low is good", "age rates", level, gradient, multiplier=100_000, ci_method="Dobson",
        **options,
    )  # fmt: skip


LOW, HIGH, NEUTRAL = "low is good", "high is good", "no judgement"

INDICATORS = [
    IndicatorSpec(
        "OV-01", "Life expectancy at birth",
        "Average years a newborn would live at the death rates of the area in the period "
        "(three years pooled).",
        (6, 4), "life expectancy", "years", HIGH, "life table", level=1.0, gradient=0.27,
        trend=-0.008, ci_method="Chiang II", source="ONS", fingertips_id=90366,
        period_form="3-year", last_year=2021, sexes=BY_SEX, benchmark_method="95% CI",
    ),
    IndicatorSpec(
        "OV-02", "Healthy life expectancy at birth",
        "Average years a newborn would live in good health (Sullivan method, APS self-rated "
        "health).",
        (6, 4), "life expectancy", "years", HIGH, "normal", level=63.5, gradient=-2.9,
        trend=-0.05, ci_method="Chiang II", source="ONS", fingertips_id=90362,
        period_form="3-year", last_year=2021, sexes=BY_SEX, standard_error=0.9, spread=0.8,
    ),
    IndicatorSpec(
        "OV-03", "Inequality in life expectancy at birth",
        "Slope index of inequality in life expectancy across deprivation deciles within the "
        "area, in years.",
        (6, 4), "other", "years", LOW, "plain", level=8.0, gradient=1.2, trend=0.03,
        benchmark_method="none", source="OHID", fingertips_id=92901, period_form="3-year",
        last_year=2021, sexes=BY_SEX, spread=0.6,
    ),
    _dsr(
        "OV-04", "Under 75 mortality rate from causes considered preventable",
        "Deaths under 75 from preventable causes, directly standardised to the European "
        "Standard Population 2013.",
        (6,), level=0.009, gradient=0.42, age_pattern="rising", trend=-0.012, source="ONS",
        fingertips_id=93721,
        period_form="calendar", last_year=2023, age="<75 yrs", ages=(0, 74),
    ),
    _percent(
        "P1-01", "School readiness: children achieving a good level of development",
        "Children achieving a good level of development at the end of Reception, as a share "
        "of children assessed.",
        (1,), 0.66, -0.3, trend=0.012, polarity=HIGH, source="DfE", fingertips_id=90631,
        period_form="academic", first_year=2013, lowest_geography="lsoa", age="5 yrs",
        ages=(4, 4), per_person=0.98, missing_share=0.01,
    ),
    _percent(
        "P1-02", "School readiness: free school meal pupils with a good level of development",
        "Pupils eligible for free school meals achieving a good level of development at the "
        "end of Reception.",
        (1, 4), 0.53, -0.15, trend=0.015, polarity=HIGH, source="DfE", fingertips_id=90632,
        period_form="academic", first_year=2013, age="5 yrs", ages=(4, 4), per_person=0.2,
    ),
    _percent(
        "P1-03", "Children in relative low income families (under 16s)",
        "Children under 16 in families with income below 60% of the median before housing "
        "costs.",
        (1, 4), 0.17, 0.75, trend=0.012, polarity=LOW, source="DWP", fingertips_id=93700,
        owner="dwp", period_form="financial", first_year=2014, lowest_geography="lsoa",
        age="<16 yrs", ages=(0, 15),
    ),
    _rate(
        "P1-04", "Infant mortality rate",
        "Deaths under 1 year per 1,000 live births (three years pooled).",
        (1,), 0.0039, 0.3, 1_000, trend=-0.005, polarity=LOW, source="ONS",
        fingertips_id=92196, period_form="3-year", last_year=2021, age="<1 yr", ages=(0, 0),
    ),
    _percent(
        "P1-05", "Low birth weight of term babies",
        "Live births at 37 weeks or more weighing under 2,500 g, as a share of term live "
        "births.",
        (1,), 0.029, 0.35, trend=-0.004, polarity=LOW, source="ONS", fingertips_id=20101,
        period_form="calendar", lowest_geography="lsoa", age="0 yrs", ages=(0, 0),
        per_person=0.93,
    ),
    _percent(
        "P1-06", "Smoking status at time of delivery",
        "Mothers known to be smokers at the time of delivery, as a share of maternities.",
        (1, 6), 0.115, 0.55, trend=-0.04, polarity=LOW, source="NHS England",
        fingertips_id=93085, owner="fairshire-icb", age="All ages", ages=(0, 0),
    ),
    _percent(
        "P1-07", "Breastfeeding prevalence at 6 to 8 weeks after birth",
        "Infants totally or partially breastfed at their 6 to 8 week check.",
        (1,), 0.46, -0.4, trend=0.01, polarity=HIGH, source="OHID", fingertips_id=92517,
        owner="fairshire-healthcare", first_year=2015, age="6-8 weeks", ages=(0, 0),
    ),
    _percent(
        "P1-08", "Reception prevalence of obesity (including severe obesity)",
        "Children in Reception measured as obese by the National Child Measurement Programme.",
        (1, 6), 0.094, 0.38, trend=0.004, polarity=LOW, source="NHS England (NCMP)",
        fingertips_id=90319, period_form="academic", lowest_geography="lsoa", age="4-5 yrs",
        ages=(4, 4), per_person=0.95,
    ),
    _percent(
        "P1-09", "Five year olds with experience of visually obvious dental decay",
        "Five year olds with one or more teeth decayed, missing or filled (oral health "
        "survey).",
        (1,), 0.24, 0.5, trend=-0.015, polarity=LOW, source="OHID", fingertips_id=93563,
        frequency="occasional", period_form="academic", first_year=2014, age="5 yrs",
        ages=(5, 5), per_person=0.25,
    ),
    _rate(
        "P1-10", "Children in care",
        "Looked-after children at 31 March per 10,000 children under 18.",
        (1,), 0.0060, 0.5, 10_000, trend=0.015, polarity=NEUTRAL, source="DfE",
        fingertips_id=90803, period_form="financial", age="<18 yrs", ages=(0, 17),
    ),
    IndicatorSpec(
        "P2-01", "Average Attainment 8 score",
        "Mean Attainment 8 score of pupils at the end of key stage 4.",
        (2,), "mean", "score", HIGH, "normal", level=47.0, gradient=-3.8, trend=0.1,
        ci_method="Student t", source="DfE", fingertips_id=93378, period_form="academic",
        first_year=2016, last_year=2024, age="15-16 yrs", ages=(15, 15),
        standard_error=0.35, spread=1.0,
    ),
    IndicatorSpec(
        "P2-02", "Attainment 8 gap between pupils eligible and not eligible for free school "
        "meals",
        "Average Attainment 8 score of pupils not eligible for free school meals minus that "
        "of eligible pupils.",
        (2, 4), "other", "points", LOW, "plain", level=13.5, gradient=0.6, trend=0.08,
        benchmark_method="none", source="DfE", period_form="academic", first_year=2016,
        age="15-16 yrs", spread=1.0,
    ),
    _percent(
        "P2-03", "16 to 17 year olds not in education, employment or training (NEET) or "
        "whose activity is not known",
        "Young people aged 16 and 17 known to be NEET or whose activity is not known.",
        (2, 3), 0.055, 0.55, trend=-0.01, polarity=LOW, source="DfE", fingertips_id=93203,
        owner="fairshire-youth", first_year=2016, lowest_geography="lsoa", age="16-17 yrs",
        ages=(16, 17), missing_share=0.008,
    ),
    _percent(
        "P2-04", "Pupil absence",
        "Half-day sessions missed by pupils through authorised and unauthorised absence.",
        (2,), 0.046, 0.12, trend=0.02, polarity=LOW, source="DfE", fingertips_id=10111,
        period_form="academic", age="5-15 yrs", ages=(5, 15), per_person=300,
    ),
    _rate(
        "P2-05", "First time entrants to the youth justice system",
        "Young people aged 10 to 17 receiving their first caution or conviction, per "
        "100,000.",
        (2, 5), 0.0045, 0.45, 100_000, trend=-0.07, polarity=LOW, source="Ministry of Justice",
        fingertips_id=10401, owner="fairshire-police", period_form="calendar", age="10-17 yrs",
        ages=(10, 17),
    ),
    _dsr(
        "P2-06", "Hospital admissions as a result of self-harm (10 to 24 years)",
        "Emergency admissions for intentional self-harm of people aged 10 to 24, directly "
        "standardised.",
        (2, 6), level=0.0041, gradient=0.3, trend=0.005, source="Hospital Episode Statistics",
        fingertips_id=90813, owner="fairshire-icb", age="10-24 yrs", ages=(10, 24),
    ),
    _percent(
        "P3-01", "Unemployment (model-based)",
        "People aged 16 and over who are unemployed, as a share of the economically active.",
        (3,), 0.062, 0.35, trend=-0.045, polarity=LOW, source="ONS Annual Population Survey",
        period_form="calendar", age="16+ yrs", ages=(16, 99), per_person=0.012,
    ),
    _percent(
        "P3-02", "Universal Credit claimants searching for work",
        "Claimants of Universal Credit in the searching-for-work conditionality group, as a "
        "share of residents aged 16 to 64.",
        (3, 4), 0.028, 0.7, trend=0.02, polarity=LOW, source="DWP", owner="dwp",
        period_form="calendar", first_year=2016, last_year=2025, lowest_geography="lsoa",
        age="16-64 yrs", ages=(16, 64),
    ),
    IndicatorSpec(
        "P3-03", "Gap in the employment rate between those with a long-term health condition "
        "and the overall employment rate",
        "Overall employment rate minus the employment rate of people with a long-term "
        "condition, in percentage points.",
        (3, 6), "other", "percentage points", LOW, "plain", level=10.8, gradient=1.4,
        trend=-0.05, benchmark_method="none", source="ONS Annual Population Survey",
        period_form="financial", first_year=2013, age="16-64 yrs", spread=1.2,
    ),
    _percent(
        "P3-04", "Employee jobs paid below the Real Living Wage",
        "Employee jobs paid less than the Real Living Wage (ASHE), as a share of employee "
        "jobs.",
        (3, 4), 0.21, 0.3, trend=-0.02, polarity=LOW, source="ONS ASHE",
        period_form="calendar", first_year=2013, age="16+ yrs", ages=(16, 64),
        per_person=0.004,
    ),
    _percent(
        "P3-05", "Sickness absence: employees who had at least one day off in the previous "
        "week",
        "Employees who had at least one day off sick in the previous week (three years "
        "pooled).",
        (3, 6), 0.021, 0.2, trend=0.005, polarity=LOW, source="ONS Annual Population Survey",
        period_form="3-year", last_year=2021, age="16+ yrs", ages=(16, 64), per_person=0.01,
    ),
    _percent(
        "P4-01", "Fuel poverty (low income, low energy efficiency)",
        "Households that are fuel poor under the Low Income Low Energy Efficiency measure.",
        (4, 8), 0.13, 0.45, trend=0.005, polarity=LOW, source="DESNZ", fingertips_id=93759,
        period_form="calendar", first_year=2019, last_year=2023, lowest_geography="lsoa",
        ages=(0, 99), per_person=0.42,
    ),
    _percent(
        "P4-02", "Children in absolute low income families (under 16s)",
        "Children under 16 in families with income below 60% of the 2010/11 median before "
        "housing costs, uprated for inflation.",
        (1, 4), 0.15, 0.75, trend=0.0, polarity=LOW, source="DWP", fingertips_id=93701,
        owner="dwp", first_year=2014, lowest_geography="lsoa", age="<16 yrs", ages=(0, 15),
    ),
    _rate(
        "P4-03", "Households owed a duty under the Homelessness Reduction Act",
        "Households assessed as threatened with or experiencing homelessness and owed a "
        "prevention or relief duty, per 1,000 households.",
        (4, 5), 0.0115, 0.45, 1_000, trend=0.02, polarity=LOW, source="MHCLG",
        fingertips_id=93736, first_year=2018, ages=(0, 99), per_person=0.42,
    ),
    _rate(
        "P4-04", "Households in temporary accommodation",
        "Households in temporary accommodation arranged by the council, per 1,000 households.",
        (4, 5), 0.0032, 0.6, 1_000, trend=0.06, polarity=LOW, source="MHCLG",
        first_year=2018, ages=(0, 99), per_person=0.42,
    ),
    _percent(
        "P4-05", "Pension Credit claimants",
        "People of State Pension age receiving Pension Credit, as a share of residents of that "
        "age.",
        (4,), 0.13, 0.75, trend=-0.04, polarity=LOW, source="DWP", owner="dwp",
        period_form="calendar", lowest_geography="lsoa", age="66+ yrs", ages=(66, 99),
    ),
    _percent(
        "P5-01", "Utilisation of outdoor space for exercise or health reasons",
        "Adults who visited the natural environment for exercise or health reasons in the "
        "previous week (Monitor of Engagement with the Natural Environment, discontinued).",
        (5, 8), 0.178, -0.2, trend=0.02, polarity=HIGH, source="Natural England",
        fingertips_id=11601, last_year=2015, age="16+ yrs", ages=(16, 99), per_person=0.0006,
    ),
    IndicatorSpec(
        "P5-02", "Housing affordability ratio",
        "Median house price divided by median gross annual workplace-based earnings.",
        (5, 4), "other", "ratio", LOW, "plain", level=7.4, gradient=-1.1, trend=0.12,
        benchmark_method="none", source="ONS", period_form="calendar", spread=0.9,
    ),
    _rate(
        "P5-03", "Violence against the person offences",
        "Police-recorded violence against the person offences per 1,000 residents.",
        (5,), 0.017, 0.6, 1_000, trend=0.05, polarity=LOW, source="Home Office",
        fingertips_id=92863, owner="fairshire-police", lowest_geography="lsoa",
        suppress_below=10,
    ),
    _rate(
        "P5-04", "Killed and seriously injured casualties on roads",
        "People killed or seriously injured in reported road traffic collisions, per "
        "100,000 residents.",
        (5, 8), 0.00046, 0.1, 100_000, trend=-0.01, polarity=LOW,
        source="Department for Transport", fingertips_id=11001, owner="fairshire-fire",
        period_form="calendar",
    ),
    _percent(
        "P5-05", "Adult social care users who have as much social contact as they would like",
        "Respondents to the Adult Social Care Survey with as much social contact as they "
        "would like.",
        (5,), 0.455, -0.1, trend=-0.005, polarity=HIGH, source="NHS England",
        fingertips_id=90280, age="18+ yrs", ages=(18, 99), per_person=0.0012,
    ),
    _percent(
        "P6-01", "Smoking prevalence in adults (18 and over)",
        "Adults who say they currently smoke (Annual Population Survey).",
        (6,), 0.19, 0.35, trend=-0.045, polarity=LOW, source="ONS Annual Population Survey",
        fingertips_id=92443, period_form="calendar", last_year=2023, age="18+ yrs",
        ages=(18, 99), per_person=0.0025,
    ),
    _percent(
        "P6-02", "Smoking prevalence in adults in routine and manual occupations",
        "Adults aged 18 to 64 in routine and manual occupations who currently smoke.",
        (6, 3), 0.28, 0.2, trend=-0.035, polarity=LOW, source="ONS Annual Population Survey",
        fingertips_id=92445, period_form="calendar", last_year=2023, age="18-64 yrs",
        ages=(18, 64), per_person=0.0008,
    ),
    _percent(
        "P6-03", "Physically inactive adults",
        "Adults doing less than 30 minutes of moderate physical activity a week (Active "
        "Lives).",
        (6, 5), 0.24, 0.3, trend=-0.005, polarity=LOW, source="Sport England",
        fingertips_id=93015, first_year=2015, age="19+ yrs", ages=(19, 99), per_person=0.0012,
    ),
    _percent(
        "P6-04", "Adults classified as overweight or obese",
        "Adults with a body mass index of 25 or more (Active Lives).",
        (6,), 0.62, 0.22, trend=0.005, polarity=LOW, source="Sport England",
        fingertips_id=93088, first_year=2015, age="18+ yrs", ages=(18, 99), per_person=0.0012,
    ),
    _percent(
        "P6-05", "Year 6 prevalence of obesity (including severe obesity)",
        "Children in Year 6 measured as obese by the National Child Measurement Programme.",
        (6, 1), 0.19, 0.4, trend=0.01, polarity=LOW, source="NHS England (NCMP)",
        fingertips_id=90323, period_form="academic", lowest_geography="lsoa",
        age="10-11 yrs", ages=(10, 10), per_person=0.95,
    ),
    _dsr(
        "P6-06", "Admission episodes for alcohol-related conditions (narrow)",
        "Admissions with an alcohol-attributable primary diagnosis or external cause, "
        "directly standardised.",
        (6,), level=0.0049, gradient=0.35, trend=-0.004, source="Hospital Episode Statistics",
        fingertips_id=91414, owner="fairshire-icb", first_year=2016, ages=(16, 99),
    ),
    _dsr(
        "P6-07", "Emergency hospital admissions for intentional self-harm",
        "Emergency admissions for intentional self-harm, all ages, directly standardised.",
        (6,), level=0.0019, gradient=0.35, trend=-0.01, source="Hospital Episode Statistics",
        fingertips_id=21001, owner="fairshire-icb", ages=(10, 99),
    ),
    _dsr(
        "P6-08", "Suicide rate",
        "Deaths from suicide and injury of undetermined intent, people 10 and over, directly "
        "standardised (three years pooled).",
        (6, 2), level=0.000105, gradient=0.25, trend=0.006, source="ONS",
        fingertips_id=41001, period_form="3-year", last_year=2021, age="10+ yrs",
        ages=(10, 99),
    ),
    _percent(
        "P6-09", "Cancer screening coverage: breast cancer",
        "Women aged 53 to 70 screened for breast cancer in the previous three years.",
        (6, 7), 0.75, -0.3, trend=-0.006, polarity=HIGH, source="NHS England",
        fingertips_id=22001, owner="fairshire-icb", period_form="calendar",
        lowest_geography="lsoa", age="53-70 yrs", ages=(53, 70), per_person=0.5,
    ),
    IndicatorSpec(
        "P7-01", "Gap in the employment rate between ethnic minority and white residents",
        "Employment rate of white residents minus that of ethnic minority residents aged 16 "
        "to 64, in percentage points.",
        (7, 3), "other", "percentage points", LOW, "plain", level=11.0, gradient=0.8,
        trend=-0.12, benchmark_method="none", source="ONS Annual Population Survey",
        period_form="calendar", age="16-64 yrs", spread=2.0,
    ),
    _rate(
        "P7-02", "Hate crimes recorded by the police",
        "Police-recorded hate crimes per 1,000 residents (a rise can mean more reporting).",
        (7, 5), 0.0013, 0.4, 1_000, trend=0.07, polarity=NEUTRAL, source="Home Office",
        owner="fairshire-police", first_year=2014,
    ),
    _percent(
        "P7-03", "NHS staff from ethnic minority groups experiencing discrimination at work",
        "Ethnic minority staff reporting discrimination from a manager or colleague in the "
        "previous 12 months (NHS Staff Survey, WRES indicator 8).",
        (7,), 0.15, 0.1, trend=0.01, polarity=LOW, source="NHS Staff Survey",
        owner="fairshire-healthcare", period_form="calendar", first_year=2016, age="16+ yrs",
        ages=(20, 64), per_person=0.0015,
    ),
    IndicatorSpec(
        "P8-01", "Fraction of mortality attributable to particulate air pollution",
        "Share of adult deaths attributable to long-term exposure to fine particulate matter "
        "(PM2.5).",
        (8, 6), "proportion", "%", NEUTRAL, "plain", level=5.6, gradient=0.35, trend=-0.12,
        multiplier=100, benchmark_method="none", source="UKHSA", fingertips_id=93861,
        period_form="calendar", first_year=2018, last_year=2023, age="30+ yrs", spread=0.5,
    ),
    _percent(
        "P8-02", "Homes with an energy performance certificate rated C or better",
        "Dwellings whose latest energy performance certificate is rated A to C.",
        (8, 4), 0.42, -0.25, trend=0.06, polarity=HIGH, source="EPC register",
        period_form="calendar", first_year=2015, last_year=2025, lowest_geography="lsoa",
        ages=(0, 99), per_person=0.3,
    ),
    _percent(
        "P8-03", "Adults walking or cycling for travel at least three days a week",
        "Adults who walk or cycle for travel at least three days a week (Active Lives).",
        (8, 6), 0.27, -0.05, trend=-0.01, polarity=HIGH, source="Department for Transport",
        first_year=2016, age="16+ yrs", ages=(16, 99), per_person=0.0012,
    ),
    IndicatorSpec(
        "P8-04", "Carbon dioxide emissions per resident",
        "Territorial carbon dioxide emissions within the scope of local authority influence, "
        "tonnes per resident.",
        (8,), "other", "tonnes", LOW, "plain", level=5.1, gradient=-0.2, trend=-0.17,
        benchmark_method="none", source="DESNZ", period_form="calendar", last_year=2023,
        spread=0.4,
    ),
]  # fmt: skip


def indicator_frame() -> pl.DataFrame:
    """The catalogue as the demo's ``indicators`` frame."""
    return pl.DataFrame(
        {
            "code": [spec.code for spec in INDICATORS],
            "title": [spec.title for spec in INDICATORS],
            "definition": [spec.definition for spec in INDICATORS],
            "principles": [list(spec.principles) for spec in INDICATORS],
            "value_type": [spec.value_type for spec in INDICATORS],
            "unit": [spec.unit for spec in INDICATORS],
            "multiplier": [spec.multiplier for spec in INDICATORS],
            "polarity": [spec.polarity for spec in INDICATORS],
            "benchmark_method": [spec.benchmark_method for spec in INDICATORS],
            "ci_method": [spec.ci_method for spec in INDICATORS],
            "source": [spec.source for spec in INDICATORS],
            "fingertips_id": [spec.fingertips_id for spec in INDICATORS],
            "owner_partner": [spec.owner for spec in INDICATORS],
            "frequency": [spec.frequency for spec in INDICATORS],
            "period_type": [spec.period_form for spec in INDICATORS],
            "lowest_geography": [spec.lowest_geography for spec in INDICATORS],
        },
        schema_overrides={
            "principles": pl.List(pl.Int8),
            "multiplier": pl.Int32,
            "fingertips_id": pl.Int32,
        },
    )


def partner_frame() -> pl.DataFrame:
    return pl.DataFrame(PARTNERS, schema=["code", "name", "kind"], orient="row")


def areas_of_work_frame() -> pl.DataFrame:
    return pl.DataFrame(
        AREAS_OF_WORK, schema={"principle": pl.Int8, "title": pl.String}, orient="row"
    )
