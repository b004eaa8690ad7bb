"""Fairshire's Marmot programme: programme indicators, targets, actuals and the action plan.

Shaped like Coventry's six-monthly progress report to its Health and Wellbeing Board (seed
004): two priorities, numbered programme indicators owned by partners with a baseline, the
last year's actual, targets for this year and next, this year's quarters and a year-to-date
figure, and an action plan of aims, actions, leads and six-monthly progress. The numbers are
written out, not drawn at random: they tell a believable story of a programme part-way
through its third year.
"""

from __future__ import annotations

import polars as pl

YOUNG_PEOPLE = "Young people"
GOOD_WORK = "Good work and growth"
BASELINE, LAST_YEAR = "2024/25", "2025/26"
TARGET_YEARS = ("2026/27", "2027/28")
QUARTERS = ("2026/27 Q1", "2026/27 Q2")
HALF_YEARS = {
    "2025/26 H2": "1 October 2025 to 31 March 2026",
    "2026/27 H1": "1 April 2026 to 30 September 2026",
}

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
     "fairshire-healthcare", "Early Intervention Service manager", "percentage", "latest",
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
      "639 people supported in the first half of 2026/27, ahead of the pro-rata target.")),
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


def programme_frames() -> dict[str, pl.DataFrame]:
    """``programme_indicators``, ``programme_targets``, ``programme_actuals``, ``actions``
    and ``action_progress`` frames."""
    return {
        "programme_indicators": _indicators(),
        "programme_targets": _targets(),
        "programme_actuals": _actuals(),
        "actions": _actions(),
        "action_progress": _progress(),
    }


def _indicators() -> pl.DataFrame:
    rows = [
        {
            "code": code,
            "priority": priority,
            "title": title,
            "definition": definition,
            "partner_code": partner,
            "contact": contact,
            "unit": unit,
            "year_to_date": year_to_date,
            "baseline_period": BASELINE if baseline is not None else None,
            "baseline_value": baseline,
            "principles": list(principles),
        }
        for (code, priority, title, definition, partner, contact, unit, year_to_date,
             principles, baseline, *_) in PROGRAMME_INDICATORS
    ]  # fmt: skip
    return pl.DataFrame(
        rows, schema_overrides={"baseline_value": pl.Float64, "principles": pl.List(pl.Int8)}
    )


def _targets() -> pl.DataFrame:
    rows = [
        (row[0], period, float(target))
        for row in PROGRAMME_INDICATORS
        for period, target in zip(TARGET_YEARS, row[11], strict=True)
    ]
    return pl.DataFrame(rows, schema=["indicator_code", "period", "target"], orient="row")


def _actuals() -> pl.DataFrame:
    rows = [(row[0], LAST_YEAR, float(row[10])) for row in PROGRAMME_INDICATORS]
    rows += [
        (row[0], quarter, float(value))
        for row in PROGRAMME_INDICATORS
        for quarter, value in zip(QUARTERS, row[12], strict=True)
    ]
    return pl.DataFrame(rows, schema=["indicator_code", "period", "value"], orient="row")


def _actions() -> pl.DataFrame:
    rows = [
        {
            "number": number,
            "priority": priority,
            "aim": aim,
            "actions": actions,
            "lead": lead,
            "lead_partner_codes": partners,
            "principles": list(principles),
        }
        for number, priority, aim, actions, lead, partners, principles, _ in ACTIONS
    ]
    return pl.DataFrame(rows, schema_overrides={"number": pl.Int16, "principles": pl.List(pl.Int8)})


def _progress() -> pl.DataFrame:
    rows = [
        (number, heading, code, narrative)
        for number, *_, narratives in ACTIONS
        for (code, heading), narrative in zip(HALF_YEARS.items(), narratives, strict=True)
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
