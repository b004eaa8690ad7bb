"""Render charts to SVG or PNG with vl-convert: Vega bundled, no browser, no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import vl_convert

FORMATS = ("svg", "png")
UNKNOWN_FORMAT = "{path}: charts are saved as .svg or .png, not {suffix!r}"
PNG_SCALE = 2


def to_svg(chart: Any) -> str:
    """The chart as an SVG document."""
    return vl_convert.vegalite_to_svg(chart.to_json())


def to_png(chart: Any, *, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG image, ``scale`` times its nominal size (sharp when printed)."""
    return vl_convert.vegalite_to_png(chart.to_json(), scale=scale)


def save_chart(chart: Any, path: Path) -> Path:
    """Write the chart to ``path``, as SVG or PNG by its suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(path=path, suffix=path.suffix))
    if suffix == "svg":
        path.write_text(to_svg(chart), encoding="utf-8")
    else:
        path.write_bytes(to_png(chart))
    return path
