"""Fairshire's case studies, partner profiles and partner commitments: invented stories for the
demo, shaped like Coventry's case studies (seed 003) and Durham's "Your Commitments" (seed 001).

Nothing here is a real person, project or promise. Three case studies are published and one
is a draft; the published "Youth Futures coaching in Eastfield" is picked for the 2026/27 Q2
board report, so the demo's report has a case study section. Every partner gets a line on
who it is; six partners have commitments under the principles, with dates and progress.
The rows use the codes of the demo's partners, principles, indicators and return periods.
"""

from __future__ import annotations

from datetime import date

BOARD_PERIOD = "2026/27 Q2"

# title, summary, body (and their Welsh, title_cy..., where written), principles, partners,
# indicators, start, end, published, board periods,
# metrics (label, unit, before, before when, after, after when), quotes (text, attribution),
# and where written the Welsh of each metric's label (metrics_cy) and quote (quotes_cy)
CASE_STUDIES = [
    {
        "title": "Youth Futures coaching in Eastfield",
        "title_cy": "Hyfforddiant Youth Futures yn Eastfield",
        "summary_cy": "Bu hyfforddwyr o Ymddiriedolaeth Youth Futures Fairshire yn gweithio un "
        "i un gyda phobl ifanc yn Eastfield nad oeddent mewn gwaith nac addysg, ac mae mwy "
        "ohonynt bellach wedi ymgartrefu mewn swyddi, prentisiaethau neu goleg.",
        "body_cy": "Yn 2022 roedd un o bob wyth o bobl ifanc 16 ac 17 oed yn Eastfield heb fod "
        "mewn addysg, cyflogaeth na hyfforddiant, dwywaith cyfradd y sir. Rhoddodd Youth "
        "Futures ddau hyfforddwr yng Nghlwb Ieuenctid Eastfield a’r Siop Swyddi.\n\n"
        "Dewisodd pob person ifanc beth i weithio arno: CV, cyfweliad cyntaf, teithio i’r coleg, "
        "neu hyder ar ôl cyfnod allan o’r ysgol. Cadwodd yr hyfforddwyr mewn cysylltiad am "
        "chwe mis ar ôl i rywun ddechrau, fel na fyddai ansicrwydd yn yr wythnosau cyntaf yn "
        "troi’n rhoi’r gorau iddi.\n\n"
        "Daeth y Siambr Fasnach o hyd i gyflogwyr a oedd yn fodlon cynnig cyfnodau blasu, a "
        "chadwodd tîm prentisiaethau’r Cyngor Sir leoedd ar gyfer y bobl ifanc a atgyfeiriwyd "
        "gan yr hyfforddwyr.",
        "summary": "Coaches from Fairshire Youth Futures Trust worked one to one with young "
        "people out of work or learning in Eastfield, and more of them are now settled in "
        "jobs, apprenticeships or college.",
        "body": "In 2022 one in eight 16 and 17 year olds in Eastfield was not in education, "
        "employment or training, twice the county's rate. Youth Futures placed two coaches in "
        "the Eastfield Youth Club and the Job Shop.\n\n"
        "Each young person chose what to work on: a CV, a first interview, travel to college, "
        "or confidence after time out of school. Coaches stayed in touch for six months after "
        "a start, so a wobble in the first weeks did not become a drop-out.\n\n"
        "The Chamber of Commerce found employers willing to offer tasters, and the County "
        "Council's apprenticeship team held places for young people the coaches referred.",
        "principles": [2, 3],
        "partners": ["fairshire-youth", "fairshire-chamber", "fairshire-cc"],
        "indicators": ["P2-03", "P3-01"],
        "start": date(2022, 4, 1),
        "end": date(2025, 3, 31),
        "published": True,
        "board_periods": [BOARD_PERIOD],
        "metrics": [
            ("Young people supported into work, education or training", "people", 120, "2022/23",
             240, "2024/25"),
            ("Still in work or learning six months later", "%", 61, "2022/23", 78, "2024/25"),
        ],
        "quotes": [
            ("My coach didn't give up when I did. I start my apprenticeship in September.",
             "a young person, aged 17"),
            ("We took on three apprentices we would never have met through an advert.",
             "an employer in the Chamber of Commerce"),
        ],
        "metrics_cy": [
            "Pobl ifanc a gefnogwyd i waith, addysg neu hyfforddiant",
            "Yn dal mewn gwaith neu ddysgu chwe mis yn ddiweddarach",
        ],
        "quotes_cy": [
            ("Wnaeth fy hyfforddwr ddim rhoi’r gorau iddi pan wnes i. Rwy’n dechrau fy "
             "mhrentisiaeth ym mis Medi.", "person ifanc, 17 oed"),
            ("Fe wnaethon ni gyflogi tri phrentis na fydden ni byth wedi’u cwrdd drwy hysbyseb.",
             "cyflogwr yn y Siambr Fasnach"),
        ],
    },
    {
        "title": "Warm homes for older people in Coldwater",
        "summary": "Coldwater Borough Council and the Fire and Rescue Service combined home "
        "safety visits with insulation and heating grants for older people in fuel poverty.",
        "body": "Fire and Rescue safe and well visits already reached older people living "
        "alone. From 2023 the crews also asked about cold homes, and referred people to the "
        "Borough Council's warm homes grants the same day.\n\n"
        "Each referral was followed up by a surveyor within a fortnight; most homes had loft "
        "insulation, a new boiler or both before the winter.",
        "principles": [4, 8],
        "partners": ["coldwater-bc", "fairshire-fire"],
        "indicators": ["P4-01", "P8-02"],
        "start": date(2023, 9, 1),
        "end": None,
        "published": True,
        "board_periods": [],
        "metrics": [
            ("Homes insulated or with new heating", "homes", 35, "2023", 210, "2025"),
        ],
        "quotes": [
            ("For the first time in years I haven't had to choose between the heating and "
             "eating.", "a resident of Coldwater, aged 81"),
        ],
    },
    {
        "title": "Social prescribing in Ashbury's GP practices",
        "summary": "Link workers in Ashbury's GP practices connect patients who are lonely or "
        "struggling with money to community groups and advice.",
        "body": "The Integrated Care Board funded four link workers, hosted by the Council for "
        "Voluntary Service. GPs refer patients whose health is held back by loneliness, debt "
        "or housing, and the link worker spends time finding what would help.\n\n"
        "Many patients now go to a lunch club, a walking group or the Advice Hub found through "
        "the community asset register.",
        "principles": [5, 6],
        "partners": ["fairshire-icb", "fairshire-cvs"],
        "indicators": ["P5-05"],
        "start": date(2024, 1, 1),
        "end": None,
        "published": True,
        "board_periods": [],
        "metrics": [
            ("Patients referred to a link worker", "people", 0, "2023", 860, "2025"),
        ],
        "quotes": [
            ("She listened, then walked me to the lunch club the first time.",
             "a patient in Ashbury"),
        ],
    },
    {
        "title": "Safer journeys home from the night-time economy",
        "summary": "A draft: the police and Safe Fairshire are writing up their work with "
        "licensed premises.",
        "body": "This case study is still being written.",
        "principles": [5],
        "partners": ["fairshire-police", "safe-fairshire"],
        "indicators": ["P5-03"],
        "start": date(2025, 4, 1),
        "end": None,
        "published": False,
        "board_periods": [],
        "metrics": [],
        "quotes": [],
    },
]  # fmt: skip

# partner code: who they are
PROFILES = {
    "fairshire-cc": "The county council: public health, children's services, adult social "
    "care, education and transport for the whole of Fairshire.",
    "ashbury-dc": "The district council for Ashbury: housing, planning, leisure and "
    "environmental health.",
    "brackendale-dc": "The district council for Brackendale: housing, planning, leisure and "
    "environmental health.",
    "coldwater-bc": "The borough council for Coldwater: housing, planning, leisure and "
    "environmental health.",
    "fairshire-icb": "NHS Fairshire Integrated Care Board plans and pays for NHS services "
    "across the county.",
    "fairshire-healthcare": "The NHS trust that runs Fairshire's community and mental "
    "health services.",
    "fairshire-police": "Fairshire's police force.",
    "fairshire-fire": "Fairshire's fire and rescue service, which also makes safe and well "
    "visits to people at risk at home.",
    "fairshire-cvs": "The Council for Voluntary Service supports Fairshire's charities, "
    "community groups and volunteers.",
    "fairshire-youth": "A charity that coaches young people into work, education and training.",
    "safe-fairshire": "A charity supporting people affected by sexual violence.",
    "fairshire-chamber": "The chamber of commerce for Fairshire's employers.",
    "dwp": "The Department for Work and Pensions runs Fairshire's Jobcentres.",
}

# partner, principle, commitment, made, due, status, progress, progress given
COMMITMENTS = [
    ("fairshire-cc", 1, "Offer every family a health visitor contact before their baby is "
     "born", date(2024, 4, 1), date(2026, 3, 31), "achieved",
     "Every family booked with a midwife is now offered a visit.", date(2026, 4, 30)),
    ("fairshire-cc", 4, "Pay the Real Living Wage to all council staff and contractors",
     date(2024, 4, 1), date(2027, 3, 31), "in progress",
     "All staff are paid it; two of five large contracts have moved.", date(2026, 9, 30)),
    ("fairshire-icb", 6, "Put a link worker in every GP practice in the three most deprived "
     "neighbourhoods", date(2024, 1, 15), date(2026, 12, 31), "in progress",
     "Ashbury's practices are covered; Coldwater's start in the spring.", date(2026, 9, 30)),
    ("fairshire-chamber", 3, "Ask every member business to offer a work taster to a young "
     "person each year", date(2024, 6, 1), None, "in progress",
     "84 businesses have signed up.", date(2026, 6, 30)),
    ("fairshire-chamber", 3, "Sign up 50 employers to the Real Living Wage",
     date(2025, 1, 1), date(2027, 12, 31), "not started", "", None),
    ("fairshire-fire", 4, "Ask about cold homes at every safe and well visit",
     date(2023, 9, 1), date(2024, 3, 31), "achieved",
     "Part of every visit since March 2024.", date(2024, 4, 15)),
    ("fairshire-police", 5, "Train every neighbourhood officer in trauma-informed practice",
     date(2025, 4, 1), date(2026, 3, 31), "delayed",
     "Two thirds trained; the rest after the summer.", date(2026, 6, 30)),
    ("fairshire-youth", 2, "Keep in touch with every young person for six months after "
     "they start work or learning", date(2022, 4, 1), None, "achieved",
     "Done for every start since 2022.", date(2025, 3, 31)),
]  # fmt: skip


def stories_frames() -> dict[str, list]:
    """The demo's case studies, partner profiles and commitments, as the loader takes them:
    ``case_studies`` (dicts as :data:`CASE_STUDIES`), ``profiles`` (partner code, who they
    are) and ``commitments`` (dicts)."""
    commitments = [
        dict(zip(("partner", "principle", "text", "made", "due", "status", "progress",
                  "updated"), row, strict=True))
        for row in COMMITMENTS
    ]  # fmt: skip
    return {
        "case_studies": [dict(study) for study in CASE_STUDIES],
        "profiles": sorted(PROFILES.items()),
        "commitments": commitments,
    }
