"""The words an indicator catalogue may use, and how Fingertips' metadata words map to them.

The vocabularies are the project's own (the choices of the catalogue models in
``web.catalogue.models``; a test keeps the two in step). Fingertips and FingertipsNext write
the same ideas in their own words ("Directly standardised rate", "Confidence intervals
overlapping reference value (95.0)"); the ``FINGERTIPS_*`` tables turn those words, lower-cased,
into ours, so a metadata file can be checked against a catalogue.
"""

from __future__ import annotations

VALUE_TYPES = (
    "proportion",
    "crude rate",
    "directly standardised rate",
    "indirectly standardised ratio",
    "life expectancy",
    "mean",
    "count",
    "other",
)
POLARITIES = ("high is good", "low is good", "no judgement")
BENCHMARK_METHODS = ("95% CI", "99.8% CI", "95% and 99.8% CI", "quintiles", "none")
CI_METHODS = ("Wilson", "Byar", "Dobson", "Chiang II", "Student t", "none")
FREQUENCIES = ("annual", "quarterly", "monthly", "occasional")
GEOGRAPHIES = ("country", "region", "county", "district", "ward", "msoa", "lsoa", "place")
PRINCIPLES = range(1, 9)
FIELDS_COMPARED_WITH_METADATA = ("polarity", "benchmark_method", "value_type")

# The confidence interval method a value type gets when the catalogue does not name one:
# the OHID method for that kind of statistic (DESIGN §5).
DEFAULT_CI_METHODS = {
    "proportion": "Wilson",
    "crude rate": "Byar",
    "directly standardised rate": "Dobson",
    "indirectly standardised ratio": "Byar",
    "life expectancy": "Chiang II",
    "mean": "Student t",
    "count": "none",
    "other": "none",
}

FINGERTIPS_VALUE_TYPES = {
    "proportion": "proportion",
    "crude rate": "crude rate",
    "directly standardised rate": "directly standardised rate",
    "indirectly standardised ratio": "indirectly standardised ratio",
    "life expectancy": "life expectancy",
    "mean": "mean",
    "count": "count",
    # No word of ours: published as given and never recomputed from counts.
    "score": "other",
    "indirectly standardised proportion": "other",
}
FINGERTIPS_POLARITIES = {
    "high is good": "high is good",
    "rag - high is good": "high is good",
    "low is good": "low is good",
    "rag - low is good": "low is good",
    "no judgement": "no judgement",
    "blue orange blue": "no judgement",
    "bob": "no judgement",
    "bob - blue orange blue": "no judgement",
    "not applicable": "no judgement",
    "": "no judgement",
}
FINGERTIPS_METHODS = {
    "confidence intervals overlapping reference value (95.0)": "95% CI",
    "confidence intervals overlapping reference value (99.8)": "99.8% CI",
    "confidence intervals overlapping reference value (95.0 and 99.8)": "95% and 99.8% CI",
    "quintiles": "quintiles",
    "no comparison": "none",
    "": "none",
}
FINGERTIPS_FREQUENCIES = {
    "annually": "annual",
    "annual": "annual",
    "quarterly": "quarterly",
    "monthly": "monthly",
}
# The scale a Fingertips unit implies: a value "per 100,000" is 100,000 times its proportion.
FINGERTIPS_MULTIPLIERS = {
    "%": 100,
    "per 100": 100,
    "per 1,000": 1000,
    "per 10,000": 10000,
    "per 100,000": 100000,
    "per 1,000,000": 1000000,
}
# What a value type is in when the metadata names no unit.
DEFAULT_UNITS = {"proportion": ("%", 100), "life expectancy": ("years", 1)}
FINGERTIPS_TERMS = {
    "polarity": FINGERTIPS_POLARITIES,
    "benchmark_method": FINGERTIPS_METHODS,
    "value_type": FINGERTIPS_VALUE_TYPES,
}
