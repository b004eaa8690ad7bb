"""Fairshire's Welsh texts: the framework, the 8 Marmot Principles and a few indicators in
Welsh, so that the demo's Welsh pages show both cases: the Welsh where an officer has written
it, and the English, marked, where no Welsh exists yet (docs/welsh.md, "Bilingual content").

Our translations, to be reviewed by a Welsh speaker with the terms in docs/welsh-glossary.md.
One case study's Welsh is beside its English in :mod:`marmot_monitor.demo.stories`.
"""

from __future__ import annotations

# The default framework's name and description
FRAMEWORK = (
    "8 Egwyddor Marmot",
    "Yr egwyddorion y mae lleoedd Marmot yn ymrwymo iddynt er mwyn lleihau anghydraddoldebau "
    "iechyd: yr hyn sy’n llunio iechyd drwy gydol bywyd, o’r blynyddoedd cynnar i henaint.",
)

# number: (title, short name, summary)
PRINCIPLES = {
    1: (
        "Rhoi’r dechrau gorau mewn bywyd i bob plentyn",
        "Y dechrau gorau mewn bywyd",
        "Datblygiad yn y blynyddoedd cynnar, cymorth i rieni a pharodrwydd i’r ysgol.",
    ),
    2: (
        "Galluogi pob plentyn, person ifanc ac oedolyn i wneud y gorau o’u galluoedd a chael "
        "rheolaeth dros eu bywydau",
        "Galluoedd a rheolaeth",
        "Addysg, sgiliau a dysgu gydol oes, a phobl ifanc mewn gwaith neu hyfforddiant.",
    ),
    3: (
        "Creu cyflogaeth deg a gwaith da i bawb",
        "Cyflogaeth deg a gwaith da",
        "Cyflogaeth, swyddi o ansawdd da, cyflog teg a gweithleoedd iach.",
    ),
    4: (
        "Sicrhau safon byw iach i bawb",
        "Safon byw iach",
        "Incwm, tlodi, dyled a chostau byw.",
    ),
    5: (
        "Creu a datblygu lleoedd a chymunedau iach a chynaliadwy",
        "Lleoedd a chymunedau iach",
        "Tai, trafnidiaeth, mannau gwyrdd, diogelwch a bywyd cymunedol.",
    ),
    6: (
        "Cryfhau rôl ac effaith atal salwch",
        "Atal salwch",
        "Ysmygu, pwysau, gweithgarwch corfforol, alcohol a marwolaeth gynnar.",
    ),
    7: (
        "Mynd i’r afael â hiliaeth, gwahaniaethu a’u canlyniadau",
        "Hiliaeth a gwahaniaethu",
        "Gwahaniaethau mewn canlyniadau yn ôl ethnigrwydd a nodweddion gwarchodedig eraill.",
    ),
    8: (
        "Mynd ar drywydd cynaliadwyedd amgylcheddol a thegwch iechyd gyda’i gilydd",
        "Cynaliadwyedd amgylcheddol",
        "Ansawdd aer, cartrefi cynnes, teithio llesol a gwydnwch yn wyneb newid hinsawdd.",
    ),
}

# code: (title, definition); every other indicator shows its English on a Welsh page
INDICATORS = {
    "P1-01": (
        "Parodrwydd i’r ysgol: plant sy’n cyrraedd lefel dda o ddatblygiad",
        "Plant sy’n cyrraedd lefel dda o ddatblygiad ar ddiwedd y Dosbarth Derbyn, fel cyfran "
        "o’r plant a aseswyd.",
    ),
    "P2-03": (
        "Pobl ifanc 16 i 17 oed nad ydynt mewn addysg, cyflogaeth na hyfforddiant (NEET) neu nad "
        "yw eu gweithgarwch yn hysbys",
        "Pobl ifanc 16 ac 17 oed y gwyddys eu bod yn NEET neu nad yw eu gweithgarwch yn hysbys.",
    ),
    "P3-01": (
        "Diweithdra (ar sail model)",
        "Pobl 16 oed a hŷn sy’n ddi-waith, fel cyfran o’r rhai sy’n economaidd weithgar.",
    ),
    "P6-01": (
        "Cyfran yr oedolion (18 oed a hŷn) sy’n ysmygu",
        "Oedolion sy’n dweud eu bod yn ysmygu ar hyn o bryd (yr Arolwg Blynyddol o’r Boblogaeth).",
    ),
}
