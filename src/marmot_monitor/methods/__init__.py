"""Official public-health statistical methods, vectorised with NumPy and SciPy.

The numbers equal those of OHID's reference packages (PHEindicatormethods in R, PHStatsMethods
in Python) within their test tolerances; see ``docs/methods/``. Nothing here does I/O or imports
any other part of Marmot Monitor.

Input
-----
Every statistic takes ``data`` and keyword-only column names:

* a pandas or polars ``DataFrame`` with column names → the same kind of frame back;
* a mapping of names to arrays with column names → a ``dict`` of NumPy arrays;
* ``data=None`` with the arrays themselves in place of names → a ``dict`` of NumPy arrays
  (group keys are then called ``group``, or ``group_0``, ``group_1``... for several).

Without ``group_by`` there is one output row per input row and every input column is kept (and a
pandas index). With ``group_by`` there is one row per group, sorted by the keys (missing keys
last), holding the keys and the summed input columns under their own names. A missing value
anywhere in a group makes that group's result missing.

Output schema
-------------
========================= ============================================================
column                    meaning
========================= ============================================================
``value``                 the statistic, times ``multiplier``
``lower_ci_<level>``      lower confidence limit, one pair per requested level: ``95``,
``upper_ci_<level>``      ``99_8``, ``99``, ``97_5``... (``0.998`` → ``99_8``)
``confidence``            the levels as text, e.g. ``"95%, 99.8%"``
``statistic``             e.g. ``"percentage"``, ``"proportion of 1"``, ``"rate per 100,000"``
``method``                e.g. ``"Wilson"``, ``"Byars"``, ``"Exact"`` (missing where the value
                          is missing because its count is)
========================= ============================================================

Text columns are categorical (pandas ``category``, polars ``Categorical``) so that a million
rows cost nothing; compare them with ordinary strings. Missing numbers are ``NaN`` in pandas
and NumPy results and ``null`` in polars results. The confidence-interval primitives
(``wilson_ci`` ...) return ``(lower, upper)`` of the kind they were given.

Errors and warnings
-------------------
Invalid input raises :class:`MethodsError` (a ``ValueError``) whose message names the column, the
rule and the first offending row, counted from 0: ``denominator must be > 0 (3 rows are 0, first
at row 12)``. Warnings derive from :class:`MethodsWarning`.
"""

from ._validation import MethodsError, MethodsWarning, SmallNumberWarning
from .confidence import (
    byars_ci,
    dobson_ci,
    exact_poisson_ci,
    standard_error_from_limits,
    student_t_ci,
    wilson_ci,
    z_value,
)
from .dsr import ESP2013, dsr, esp2013_weights
from .funnels import assign_funnel_significance, calculate_funnel_limits, calculate_funnel_points
from .inequality import sii
from .isr import isr, smr
from .life_expectancy import AGE_BANDS, life_expectancy
from .means import mean
from .proportions import proportion
from .quantiles import assign_quantiles
from .rates import crude_rate
from .summary_measures import summary_measures

__all__ = [
    "AGE_BANDS",
    "ESP2013",
    "MethodsError",
    "MethodsWarning",
    "SmallNumberWarning",
    "assign_funnel_significance",
    "assign_quantiles",
    "byars_ci",
    "calculate_funnel_limits",
    "calculate_funnel_points",
    "crude_rate",
    "dobson_ci",
    "dsr",
    "esp2013_weights",
    "exact_poisson_ci",
    "isr",
    "life_expectancy",
    "mean",
    "proportion",
    "sii",
    "smr",
    "standard_error_from_limits",
    "student_t_ci",
    "summary_measures",
    "wilson_ci",
    "z_value",
]
