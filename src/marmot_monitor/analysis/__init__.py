"""Pure analysis: frames in, frames out (aggregation, comparisons, trends, inequality, rug)."""

from marmot_monitor.analysis._custom import aggregate_areas
from marmot_monitor.analysis.aggregation import aggregate_to_ancestors, ancestors
from marmot_monitor.analysis.compare import compare_to_benchmark
from marmot_monitor.analysis.deprivation import values_by_deprivation
from marmot_monitor.analysis.indicator_values import (
    KEY_DEFAULTS,
    MEASURE_COLUMNS,
    STATISTIC_COLUMNS,
)
from marmot_monitor.analysis.inequality import inequality_by_deprivation
from marmot_monitor.analysis.programme_figures import unit_problems, year_to_date
from marmot_monitor.analysis.rug import build_rug
from marmot_monitor.analysis.summary_measures import SUMMARY_COLUMNS, summary_measures_by_subgroup
from marmot_monitor.analysis.targets import target_status
from marmot_monitor.analysis.trend import recent_trend

__all__ = [
    "KEY_DEFAULTS",
    "MEASURE_COLUMNS",
    "STATISTIC_COLUMNS",
    "SUMMARY_COLUMNS",
    "aggregate_areas",
    "aggregate_to_ancestors",
    "ancestors",
    "build_rug",
    "compare_to_benchmark",
    "inequality_by_deprivation",
    "recent_trend",
    "summary_measures_by_subgroup",
    "target_status",
    "unit_problems",
    "values_by_deprivation",
    "year_to_date",
]
