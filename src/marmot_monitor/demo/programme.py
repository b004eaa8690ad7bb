"""Fairshire's Marmot programme: indicators, targets, quarterly actuals, action plan, returns.

Shaped like Coventry's six-monthly progress report to its Health and Wellbeing Board (seed
004): two priorities, numbered programme indicators owned by partners with a baseline,
annual and programme targets and quarterly actuals, and an action plan of aims, actions,
leads and progress. Two years of returns: every quarter of 2025/26 and the first two of
2026/27 are approved and locked; 2026/27 Q3 is open, with some partners' returns submitted,
some not yet, one approved and one sent back. Demo users, one per role, sign in with the
passwords below (demo only: never use them anywhere real). The numbers are written out,
not drawn at random: they tell a believable story of a programme in its second year.
"""

from __future__ import annotations

from datetime import date

import polars as pl

YOUNG_PEOPLE = "Young people"
GOOD_WORK = "Good work and growth"
BASELINE, LAST_YEAR, THIS_YEAR, NEXT_YEAR = "2024/25", "2025/26", "2026/27", "2027/28"
TARGET_YEARS = (THIS_YEAR, NEXT_YEAR)
PROGRAMME_YEARS = "2025/26 - 27/28"
QUARTERS = ("2026/27 Q1", "2026/27 Q2")
LAST_YEAR_QUARTERS = tuple(f"{LAST_YEAR} Q{number}" for number in range(1, 5))
OPEN_QUARTER = "2026/27 Q3"
# Shares of a year's total counted in each quarter, for the indicators that add up.
QUARTER_SHARES = (0.22, 0.25, 0.26, 0.27)
# Each quarter's difference from the year's mean, for the indicators that average.
MEAN_SPREAD = (-0.03, -0.01, 0.01, 0.03)

PRIORITIES = [
    (YOUNG_PEOPLE,
     "Tackling inequalities that fall hardest on young people",
     ["Gaps in school results, young people not in education, employment or training, and "
      "poor mental health in the teenage years lead to poorer health for life, and the gaps "
      "are widest in Coldwater and Brackendale.",
      "The programme builds young people's resilience, aspiration and mental health and "
      "helps them into education, work and training, whatever their background."]),
    (GOOD_WORK,
     "Making sure everyone in Fairshire, including its most vulnerable residents, can share "
     "in good work and growth",
     ["Unemployment, low pay and insecure work are concentrated in the county's most "
      "deprived neighbourhoods. Good jobs, fair pay and healthy workplaces benefit "
      "employers as well as employees.",
      "The programme helps people with health conditions into work, improves the quality "
      "of jobs and brings businesses into the Marmot partnership."]),
]  # fmt: skip

# code, priority, title, definition, partner, contact, unit, year to date, principles,
# baseline, last year's actual, the two targets, the two quarters' actuals.
PROGRAMME_INDICATORS = [
    ("PI1", YOUNG_PEOPLE,
     "Number of young people supported by Youth Futures into employment, education or training",
     "Youth Futures coaches work with young people who are not in education, employment or "
     "training until they are settled in work or learning.",
     "fairshire-youth", "Youth Futures programme manager", "number", "cumulative", (2, 3),
     410, 512, (480, 500), (118, 131)),
    ("PI2", YOUNG_PEOPLE,
     "Number of young people with disabilities or health problems accessing Youth Futures "
     "coaches",
     "Young people with special educational needs, learning disabilities or health problems "
     "supported by the Youth Futures programme.",
     "fairshire-youth", "Youth Futures programme manager", "number", "cumulative", (2, 3),
     96, 134, (150, 160), (31, 42)),
    ("PI3", YOUNG_PEOPLE,
     "Number of 16 to 24 year olds not in education, employment or training supported by "
     "Youth Futures",
     "All young people aged 16 to 24 who are NEET and receive support from Youth Futures.",
     "fairshire-youth", "Youth Futures programme manager", "number", "cumulative", (2, 3),
     602, 688, (700, 720), (170, 184)),
    ("PI4", YOUNG_PEOPLE,
     "Percentage of young people reporting increased awareness of risks, support services and "
     "online safety",
     "Surveys of pupils after Safe Fairshire's prevention sessions in secondary schools.",
     "safe-fairshire", "Prevention lead, Safe Fairshire", "percentage", "latest", (2, 5),
     None, 91, (90, 90), (89, 93)),
    ("PI5", YOUNG_PEOPLE,
     "Percentage of schools using the wellbeing measurement tool",
     "Schools that have measured their pupils' mental wellbeing with the county's tool this "
     "academic year.",
     "fairshire-cc", "Public Health, Fairshire County Council", "percentage", "latest", (2, 6),
     0, 38, (60, 85), (44, 52)),
    ("PI6", YOUNG_PEOPLE,
     "Percentage of children accessing the early intervention service who are aged 11 and "
     "under",
     "The early intervention service for substance misuse, sexual health and abusive "
     "relationships, extended into primary schools.",
     "fairshire-healthcare", "Early Intervention Service manager", "percentage", "mean",
     (1, 6), 12, 19, (20, 22), (21, 18)),
    ("PI7", YOUNG_PEOPLE,
     "Number of new clients aged 25 and under accessing counselling and the helpline",
     "Safe Fairshire's counselling service and helpline for anyone affected by sexual "
     "violence.",
     "safe-fairshire", "Services manager, Safe Fairshire", "number", "cumulative", (2, 6),
     214, 256, (240, 240), (61, 70)),
    ("PI8", GOOD_WORK,
     "Percentage of relevant council decisions whose equality impact assessment considers "
     "health inequalities",
     "Completed assessments for major policy and commissioning decisions that consider the "
     "Marmot principles.",
     "fairshire-cc", "Public Health, Fairshire County Council", "percentage", "latest",
     (3, 4, 5), 45, 78, (90, 100), (88, 92)),
    ("PI9", GOOD_WORK,
     "Percentage of residents aged 16 to 64 claiming Universal Credit and searching for work",
     "Compared with the regional and national rates each quarter.",
     "dwp", "DWP partnership manager", "percentage", "latest", (3, 4),
     3.1, 3.3, (3.0, 2.9), (3.4, 3.2)),
    ("PI10", GOOD_WORK,
     "Number of people supported into work by the Fairshire Job Shop",
     "Residents helped into employment through the Job Shop's advice, training and "
     "recruitment days.",
     "fairshire-cc", "Employment and Skills, Fairshire County Council", "number",
     "cumulative", (3,), 1320, 1415, (1300, 1300), (298, 341)),
    ("PI11", GOOD_WORK,
     "Number of workplaces signed up to the Fairshire Workplace Wellbeing Charter",
     "The charter recognises employers that support their workforce's health and wellbeing.",
     "fairshire-cc", "Public Health, Fairshire County Council", "number", "cumulative", (3, 6),
     18, 27, (30, 35), (4, 6)),
    ("PI12", GOOD_WORK,
     "Number of interactions with businesses to improve employment practices",
     "The Chamber of Commerce engages businesses on fair pay, workplace wellbeing, "
     "recruitment and retention.",
     "fairshire-chamber", "Fairshire Chamber of Commerce", "number", "cumulative", (3,),
     840, 1950, (1500, 1500), (520, 610)),
    ("PI13", GOOD_WORK,
     "Number of patients helped by a job coach based in a GP surgery",
     "A DWP work coach in GP surgeries in Coldwater supports patients with health conditions "
     "to stay in or return to work.",
     "dwp", "DWP partnership manager", "number", "cumulative", (3, 6),
     None, 64, (120, 150), (37, 41)),
    ("PI14", GOOD_WORK,
     "Income gained by residents through welfare rights advice in GP surgeries",
     "Benefits and payments newly awarded to patients referred by their GP to the welfare "
     "rights service, counted a year ahead (as Coventry's Health Justice Partnership counts).",
     "fairshire-cc", "Welfare Rights, Fairshire County Council", "pounds", "cumulative", (4,),
     410000, 585000, (620000, 650000), (142000, 168500)),
    ("PI15", GOOD_WORK,
     "Average weekly benefit increase for families helped by welfare rights advice",
     "The mean increase in a family's weekly benefits after advice; the year to date is the "
     "average of the quarters' averages.",
     "fairshire-cc", "Welfare Rights, Fairshire County Council", "pounds per week", "mean",
     (4,), 310, 341, (350, 350), (362, 387)),
]  # fmt: skip

# number, priority, aim, actions, lead, lead partners, principles, progress by half-year.
ACTIONS = [
    (1, YOUNG_PEOPLE,
     "Develop an integrated early help model for school-age children that builds on the "
     "Best Start model for 0 to 5 year olds",
     ["Evaluate how well the Best Start model works for families",
      "Work with schools and partners on joined-up teams around each school",
      "Link Best Start with the family hubs in each district"],
     "Fairshire County Council, Children's Services", ["fairshire-cc"], (1, 2),
     ("The evaluation of Best Start reported; families valued one named worker. Two pilot "
      "school clusters began in Coldwater.",
      "Family hubs now open in all three districts. Recruitment of school-cluster workers "
      "is behind plan: 4 of 7 posts filled.")),
    (2, YOUNG_PEOPLE,
     "Support young people who are not in education, employment or training through the "
     "Youth Futures programme",
     ["Youth Futures coaches support young people into sustained work or learning",
      "Employer-led programmes build young people's employability skills",
      "Outreach through youth clubs and social media reaches those who are disengaged"],
     "Fairshire Youth Futures Trust with Fairshire County Council",
     ["fairshire-youth", "fairshire-cc"], (2, 3),
     ("512 young people supported into employment, education or training in 2025/26, "
      "above the target of 480.",
      "249 young people supported in the first half of 2026/27. Referrals from Brackendale "
      "are lower than expected; outreach there is being increased.")),
    (3, YOUNG_PEOPLE,
     "Reach young people at risk of becoming NEET before they leave school",
     ["Extend Youth Futures to Year 11 pupils identified by schools as at risk",
      "Share destination data between schools and the careers service each term"],
     "Fairshire County Council, Education and Skills", ["fairshire-cc", "fairshire-youth"],
     (2,),
     ("Funding for the extension was agreed in January 2026.",
      "Eleven secondary schools have signed data-sharing agreements; the remaining four are "
      "expected by December.")),
    (4, YOUNG_PEOPLE,
     "Change attitudes and behaviour and prevent sexual violence through a prevention "
     "programme in schools",
     ["Raise awareness of sexual violence, exploitation and grooming",
      "Teach consent, healthy relationships and staying safe online",
      "Evaluate the programme with pupils and teachers"],
     "Safe Fairshire with Fairshire Constabulary", ["safe-fairshire", "fairshire-police"],
     (2, 5),
     ("Sessions delivered in 22 schools; 91% of pupils reported increased awareness.",
      "Programme extended to further education colleges. Demand for counselling has risen "
      "with awareness, and the waiting list is now six weeks.")),
    (5, YOUNG_PEOPLE,
     "Improve young people's mental health and build resilience and self-esteem at an "
     "earlier age",
     ["Extend the early intervention service into primary schools",
      "Improve and extend primary mental health services for young people",
      "Introduce a tool for schools to measure pupils' mental wellbeing"],
     "Fairshire Healthcare NHS Foundation Trust with Public Health",
     ["fairshire-healthcare", "fairshire-cc"], (2, 6),
     ("The wellbeing tool is in use in 38% of schools.",
      "Use of the tool rose to 52% of schools. The share of early intervention clients aged "
      "11 and under fell in the second quarter while primary-school staff were recruited.")),
    (6, GOOD_WORK,
     "Make every relevant council decision consider its effect on health inequalities",
     ["Add the Marmot principles to the equality impact assessment template",
      "Train report authors and commissioners",
      "Report compliance to the Health and Wellbeing Board every six months"],
     "Fairshire County Council, Public Health", ["fairshire-cc"], (3, 4, 5),
     ("The new template was adopted; 78% of relevant decisions considered health "
      "inequalities in 2025/26.",
      "92% of relevant decisions in the second quarter. The district councils have asked to "
      "adopt the template.")),
    (7, GOOD_WORK,
     "Help people with health conditions to stay in or return to work",
     ["Place DWP work coaches in GP surgeries in the most deprived neighbourhoods",
      "Offer fast-track physiotherapy and talking therapies to people in work"],
     "Department for Work and Pensions with NHS Fairshire ICB", ["dwp", "fairshire-icb"],
     (3, 6),
     ("The pilot in two Coldwater surgeries helped 64 patients.",
      "The pilot was extended to four surgeries. Patient data-sharing consent slowed "
      "referrals in the first quarter.")),
    (8, GOOD_WORK,
     "Get residents of the most deprived neighbourhoods into good jobs through the Job Shop",
     ["Hold recruitment days with large employers in Coldwater and Brackendale",
      "Offer pre-employment training matched to local vacancies"],
     "Fairshire County Council, Employment and Skills, with Coldwater Borough Council",
     ["fairshire-cc", "coldwater-bc"], (3, 4),
     ("1,415 people were supported into work in 2025/26.",
      "639 people supported in the first half of 2026/27, just behind the pro-rata target "
      "of 650; two recruitment days are planned for the autumn.")),
    (9, GOOD_WORK,
     "Improve employment practices and workplace wellbeing with local businesses",
     ["Promote the Workplace Wellbeing Charter to small and medium employers",
      "Encourage employers to pay the Real Living Wage"],
     "Fairshire Chamber of Commerce with Public Health", ["fairshire-chamber", "fairshire-cc"],
     (3,),
     ("27 workplaces hold the charter; 1,950 business interactions in the year.",
      "Six new workplaces signed the charter. Smaller employers say they lack time to "
      "complete the assessment, so a shorter version is being tested.")),
    (10, GOOD_WORK,
     "Target energy-efficiency improvements at fuel-poor households, in proportion to need",
     ["Allocate retrofit funding to neighbourhoods by fuel poverty and deprivation",
      "Offer home energy checks through GP surgeries and food banks"],
     "Fairshire County Council with the district councils",
     ["fairshire-cc", "coldwater-bc", "brackendale-dc", "ashbury-dc"], (4, 8),
     ("The allocation formula was agreed; 60% of funding goes to the most deprived fifth of "
      "neighbourhoods.",
      "310 homes improved so far. Installer capacity limits progress before winter.")),
]  # fmt: skip


# Directorate and named contact of each indicator (the report's "Organisation / Directorate
# Contact" column); the people are made up.
CONTACTS = {
    "PI1": ("", "Dan Okafor"),
    "PI2": ("", "Dan Okafor"),
    "PI3": ("", "Dan Okafor"),
    "PI4": ("", "Ruth Kendall"),
    "PI5": ("Public Health", "Dr Amara Jones"),
    "PI6": ("Children and Young People's Services", "Leon Marsh"),
    "PI7": ("", "Ruth Kendall"),
    "PI8": ("Public Health", "Hannah Reid"),
    "PI9": ("", "Iris Bello"),
    "PI10": ("Employment and Skills", "Kim Walsh"),
    "PI11": ("Public Health", "Sharon Lind"),
    "PI12": ("", "Martin Fraser"),
    "PI13": ("", "Iris Bello"),
    "PI14": ("Welfare Rights", "Nadia Shah"),
    "PI15": ("Welfare Rights", "Nadia Shah"),
}
LOW_IS_GOOD = frozenset({"PI9"})
BASELINE_NOTES = {
    "PI4": "No survey before the programme began in 2025/26",
    "PI13": "New service: began in 2025/26",
}
TARGETS_LAST_YEAR = {
    "PI1": 450, "PI2": 120, "PI3": 650, "PI4": 85, "PI5": 40, "PI6": 15, "PI7": 220,
    "PI8": 75, "PI9": 3.2, "PI10": 1300, "PI11": 25, "PI12": 1000, "PI13": 80,
    "PI14": 560000, "PI15": 320,
}  # fmt: skip
PROGRAMME_TARGETS = {
    "PI1": (1500.0, "Youth Futures target: 1,500 young people over three years"),
    "PI2": (450.0, "Youth Futures target: 450 young people over three years"),
}
TARGET_NOTES = {("PI4", NEXT_YEAR): "Better than or equal to this year's result"}
# PI9 with the region's and England's rates each quarter (the report's comparison).
COMPARATORS = {
    "2025/26 Q1": (3.6, 3.9), "2025/26 Q2": (3.5, 3.8), "2025/26 Q3": (3.5, 3.8),
    "2025/26 Q4": (3.6, 3.9), "2026/27 Q1": (3.6, 3.9), "2026/27 Q2": (3.5, 3.8),
    OPEN_QUARTER: (3.4, 3.7),
}  # fmt: skip
# Figures in the open quarter's returns that partners have sent (submitted, approved or
# sent back); the others are still to come.
OPEN_QUARTER_ACTUALS = {
    "PI1": 124, "PI2": 38, "PI3": 176, "PI4": 92, "PI7": 163, "PI9": 3.1, "PI12": 575,
    "PI13": 44,
}  # fmt: skip

# Progress written for the first half of 2025/26 (the other half-years are in ACTIONS).
FIRST_HALF_PROGRESS = {
    1: "The Best Start evaluation was commissioned from the county's research team; "
    "fieldwork with 40 families began in August.",
    2: "Youth Futures supported 241 young people in the first half of the year, ahead of the "
    "pro-rata target.",
    3: "A bid to extend Youth Futures to pupils at risk of leaving school was sent to the "
    "county's prevention fund.",
    4: "The prevention programme ran in 12 secondary schools; teachers asked for sessions "
    "for Year 7 too.",
    5: "The early intervention service began work in six primary schools in Coldwater and "
    "Brackendale.",
    6: "Report authors were trained on the new equality impact assessment template; 64% of "
    "relevant decisions used it.",
    7: "Two Coldwater surgeries agreed to host a DWP work coach from October.",
    8: "Recruitment days with two large employers in Coldwater filled 85 vacancies.",
    9: "The Chamber promoted the charter at four business breakfasts; 19 workplaces now hold it.",
    10: "Retrofit funding was confirmed; the allocation formula is out for consultation with "
    "the districts.",
}
OPEN_QUARTER_PROGRESS = {
    2: "131 young people supported in the third quarter. Outreach in Brackendale has "
    "doubled referrals from there.",
    4: "Sessions began in two further education colleges. The counselling waiting list is "
    "down to four weeks.",
    7: "A fifth surgery joined the pilot in November; 44 patients were helped this quarter.",
    9: "Eight more workplaces are working towards the charter; the shorter assessment for "
    "small employers starts in January.",
}
PROGRESS_HEADINGS = {
    "2025/26 Q2": "1 April 2025 to 30 September 2025",
    "2025/26 Q4": "1 October 2025 to 31 March 2026",
    "2026/27 Q2": "1 April 2026 to 30 September 2026",
    OPEN_QUARTER: "1 October 2026 to 31 December 2026",
}

# label, due date, progress asked for, locked, next steps for the board report.
RETURN_PERIODS = [
    ("2025/26 Q1", date(2025, 7, 21), False, True, ""),
    ("2025/26 Q2", date(2025, 10, 20), True, True, ""),
    ("2025/26 Q3", date(2026, 1, 19), False, True, ""),
    ("2025/26 Q4", date(2026, 4, 20), True, True, ""),
    ("2026/27 Q1", date(2026, 7, 20), False, True, ""),
    ("2026/27 Q2", date(2026, 10, 19), True, True,
     "Review apprenticeships across the county with the Chamber and the colleges\n"
     "Extend the GP job coach pilot to Brackendale if the evaluation supports it\n"
     "Refresh the action plan for 2027/28 with the district councils\n"
     "Agree with the board how the programme's impact will be evaluated"),
    (OPEN_QUARTER, date(2027, 1, 18), True, False, ""),
]  # fmt: skip
# The open quarter's returns: partner, status, who submitted, the officer's comment.
OPEN_RETURNS = {
    "fairshire-youth": ("submitted", "youth-editor", ""),
    "dwp": ("submitted", "dwp-editor", ""),
    "fairshire-chamber": ("approved", "officer", ""),
    "safe-fairshire": (
        "sent back",
        "safe-editor",
        "PI7 counts clients of every age this quarter (163); please give new clients aged 25 "
        "and under only, as in earlier quarters.",
    ),
    "fairshire-cc": ("pending", "", ""),
    "fairshire-healthcare": ("pending", "", ""),
}
# Demo sign-ins, one per role (demo only: these passwords are public).
USERS = [
    ("admin", "Sam", "Patel", "admin", None, "fairshire-admin"),
    ("officer", "Hannah", "Reid", "officer", None, "fairshire-officer"),
    ("youth-editor", "Jordan", "Lee", "partner editor", "fairshire-youth", "fairshire-youth"),
    ("safe-editor", "Priya", "Shah", "partner editor", "safe-fairshire", "fairshire-safe"),
    ("dwp-editor", "Chris", "Morgan", "partner editor", "dwp", "fairshire-dwp"),
    ("viewer", "Alex", "Okoro", "viewer", None, "fairshire-viewer"),
]


def programme_frames() -> dict[str, pl.DataFrame]:
    """The programme's frames, as ``docs/demo.md`` lists them."""
    return {
        "programme_priorities": _priorities(),
        "programme_indicators": _indicators(),
        "programme_targets": _targets(),
        "programme_actuals": _actuals(),
        "actions": _actions(),
        "action_progress": _progress(),
        "return_periods": _return_periods(),
        "partner_returns": _partner_returns(),
        "users": _users(),
    }


def _priorities() -> pl.DataFrame:
    rows = [
        (position, name, title, "\n\n".join(paragraphs))
        for position, (name, title, paragraphs) in enumerate(PRIORITIES)
    ]
    return pl.DataFrame(
        rows, schema=["position", "name", "title", "introduction"], orient="row"
    ).with_columns(pl.col("position").cast(pl.Int16))


def _indicators() -> pl.DataFrame:
    rows = [
        {
            "code": code,
            "priority": priority,
            "title": title,
            "definition": definition,
            "partner_code": partner,
            "directorate": CONTACTS[code][0],
            "contact": CONTACTS[code][1],
            "unit": unit,
            "polarity": "low is good" if code in LOW_IS_GOOD else "high is good",
            "year_to_date": year_to_date,
            "baseline_period": BASELINE if baseline is not None else None,
            "baseline_value": baseline,
            "baseline_note": BASELINE_NOTES.get(code, ""),
            "principles": list(principles),
        }
        for (code, priority, title, definition, partner, _, unit, year_to_date,
             principles, baseline, *_) in PROGRAMME_INDICATORS
    ]  # fmt: skip
    return pl.DataFrame(
        rows, schema_overrides={"baseline_value": pl.Float64, "principles": pl.List(pl.Int8)}
    )


def _targets() -> pl.DataFrame:
    rows = [(row[0], LAST_YEAR, float(TARGETS_LAST_YEAR[row[0]])) for row in PROGRAMME_INDICATORS]
    rows += [
        (row[0], period, float(target))
        for row in PROGRAMME_INDICATORS
        for period, target in zip(TARGET_YEARS, row[11], strict=True)
    ]
    rows += [(code, PROGRAMME_YEARS, target) for code, (target, _) in PROGRAMME_TARGETS.items()]
    notes = {(code, PROGRAMME_YEARS): note for code, (_, note) in PROGRAMME_TARGETS.items()}
    notes |= TARGET_NOTES
    return pl.DataFrame(
        [(*row, notes.get(row[:2], "")) for row in rows],
        schema=["indicator_code", "period", "target", "note"],
        orient="row",
    )


def _last_year_quarters(unit_total: float, baseline: float | None, rule: str) -> list[float]:
    """The four quarters of 2025/26 that give the year's actual by the indicator's rule:
    shares of a total, a steady path from the baseline to the year's last value, or values
    either side of the year's mean."""
    if rule == "latest":
        start = baseline if baseline is not None else unit_total * 0.9
        return [round(start + (unit_total - start) * number / 4, 1) for number in range(1, 5)]
    if rule == "mean":
        return [round(unit_total * (1 + spread), 2) for spread in MEAN_SPREAD]
    quarters = [round(unit_total * share) for share in QUARTER_SHARES[:3]]
    return [*map(float, quarters), float(unit_total - sum(quarters))]


def _actuals() -> pl.DataFrame:
    rows = []
    for row in PROGRAMME_INDICATORS:
        code, rule, baseline, last_year = row[0], row[7], row[9], row[10]
        values = _last_year_quarters(float(last_year), baseline, rule)
        values += [float(value) for value in row[12]]
        if code in OPEN_QUARTER_ACTUALS:
            values.append(float(OPEN_QUARTER_ACTUALS[code]))
        periods = [*LAST_YEAR_QUARTERS, *QUARTERS, OPEN_QUARTER]
        for period, value in zip(periods, values, strict=False):
            regional, national = COMPARATORS[period] if code == "PI9" else (None, None)
            rows.append((code, period, value, "", regional, national))
    return pl.DataFrame(
        rows,
        schema={
            "indicator_code": pl.String,
            "period": pl.String,
            "value": pl.Float64,
            "note": pl.String,
            "regional_value": pl.Float64,
            "national_value": pl.Float64,
        },
        orient="row",
    )


def _actions() -> pl.DataFrame:
    rows = [
        {
            "number": number,
            "priority": priority,
            "aim": aim,
            "actions": actions,
            "lead": lead,
            "lead_partner_codes": partners,
            "reporting_partner_code": partners[0],
            "principles": list(principles),
        }
        for number, priority, aim, actions, lead, partners, principles, _ in ACTIONS
    ]
    return pl.DataFrame(rows, schema_overrides={"number": pl.Int16, "principles": pl.List(pl.Int8)})


def _progress() -> pl.DataFrame:
    rows = []
    for number, *_, (second_half, first_half) in ACTIONS:
        texts = {
            "2025/26 Q2": FIRST_HALF_PROGRESS[number],
            "2025/26 Q4": second_half,
            "2026/27 Q2": first_half,
            OPEN_QUARTER: OPEN_QUARTER_PROGRESS.get(number),
        }
        rows += [
            (number, PROGRESS_HEADINGS[code], code, text)
            for code, text in texts.items()
            if text is not None
        ]
    return pl.DataFrame(
        rows,
        schema={
            "action_number": pl.Int16,
            "period": pl.String,
            "period_code": pl.String,
            "narrative": pl.String,
        },
        orient="row",
    )


def _return_periods() -> pl.DataFrame:
    return pl.DataFrame(
        RETURN_PERIODS,
        schema={
            "period": pl.String,
            "due": pl.Date,
            "narratives_due": pl.Boolean,
            "locked": pl.Boolean,
            "next_steps": pl.String,
        },
        orient="row",
    )


def _partner_returns() -> pl.DataFrame:
    """Every period's return from each partner with indicators or actions to report on."""
    indicator_partners = {row[4] for row in PROGRAMME_INDICATORS}
    action_partners = {row[5][0] for row in ACTIONS}
    rows = []
    for label, _, narratives_due, locked, _ in RETURN_PERIODS:
        partners = indicator_partners | (action_partners if narratives_due else set())
        for partner in sorted(partners):
            if locked:
                submitter = next((u[0] for u in USERS if u[4] == partner), "officer")
                rows.append((label, partner, "approved", submitter, "officer", ""))
            else:
                status, submitter, comment = OPEN_RETURNS[partner]
                reviewer = "officer" if status in ("approved", "sent back") else ""
                rows.append((label, partner, status, submitter, reviewer, comment))
    return pl.DataFrame(
        rows,
        schema=["period", "partner_code", "status", "submitted_by", "reviewed_by", "comment"],
        orient="row",
    )


def _users() -> pl.DataFrame:
    """The demo's sign-ins, each with an address at the reserved ``example`` domain (reminder
    emails go to the console in the demo)."""
    return pl.DataFrame(
        USERS,
        schema={
            "username": pl.String,
            "first_name": pl.String,
            "last_name": pl.String,
            "role": pl.String,
            "partner_code": pl.String,
            "password": pl.String,
        },
        orient="row",
    ).with_columns((pl.col("username") + pl.lit("@fairshire.example")).alias("email"))
