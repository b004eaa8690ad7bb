"""Charts of analysis frames as Vega-Lite (Altair), rendered to SVG or PNG by vl-convert.

Every chart shown in the web pages has a table beside it; these functions only draw.
"""

from marmot_monitor.charts.colours import COLOUR_BLIND_SAFE, FINGERTIPS, PALETTES, palette
from marmot_monitor.charts.figures import (
    areas_chart,
    gradient_chart,
    map_chart,
    rug_chart,
    spine_chart,
    spine_positions,
    trend_chart,
)
from marmot_monitor.charts.render import save_chart, to_png, to_svg
from marmot_monitor.charts.workbook import rug_to_xlsx

__all__ = [
    "COLOUR_BLIND_SAFE",
    "FINGERTIPS",
    "PALETTES",
    "areas_chart",
    "gradient_chart",
    "map_chart",
    "palette",
    "rug_chart",
    "rug_to_xlsx",
    "save_chart",
    "spine_chart",
    "spine_positions",
    "to_png",
    "to_svg",
    "trend_chart",
]
