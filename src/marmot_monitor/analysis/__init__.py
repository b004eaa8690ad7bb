"""Pure analysis: frames in, frames out (aggregation, comparisons, trends, inequality, rug)."""

from marmot_monitor.analysis.aggregation import aggregate_to_ancestors, ancestors

__all__ = ["aggregate_to_ancestors", "ancestors"]
