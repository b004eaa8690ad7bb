"""Downloads from pages: a chart as SVG or PNG, a table as CSV or a workbook, as attachments.

A page's download view builds the same chart or frame its page shows (from the same service)
and returns one of these; a format the URL asks for that is not offered is a 404 naming those
that are. ``filename`` is the name without its extension, which the format adds. A frame's
text never becomes a formula: a workbook holds it as text, and a CSV field that would start
one gets a ``'`` in front (:mod:`marmot_monitor.io.cells`).
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from marmot_monitor.charts.render import to_png, to_svg
from marmot_monitor.io.cells import write_csv, xlsx_workbook

CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHART_FORMATS = ("svg", "png")
TABLE_FORMATS = ("csv", "xlsx")
NOT_OFFERED = "{what} downloads as {formats}, not {fmt!r}"


def attachment(content: bytes | str, fmt: str, *, filename: str) -> HttpResponse:
    """``content`` as a file the browser saves as ``filename.fmt``."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{fmt}"
    )
    return response


def chart_download(chart: Any, fmt: str, *, filename: str) -> HttpResponse:
    """The Altair ``chart`` drawn by vl-convert as an SVG or PNG file, title included."""
    _offered("A chart", fmt, CHART_FORMATS)
    return attachment(to_svg(chart) if fmt == "svg" else to_png(chart), fmt, filename=filename)


def table_download(content: bytes | str, fmt: str, *, filename: str) -> HttpResponse:
    """A table already written as CSV or XLSX (e.g. by :mod:`marmot_monitor.io.exports`)."""
    _offered("A table", fmt, TABLE_FORMATS)
    return attachment(content, fmt, filename=filename)


def frame_download(
    frame: pl.DataFrame, fmt: str, *, filename: str, sheet: str = "Data"
) -> HttpResponse:
    """``frame`` as CSV or as a workbook of one sheet called ``sheet``, its text kept as text."""
    _offered("A table", fmt, TABLE_FORMATS)
    if fmt == "csv":
        return attachment(write_csv(frame), fmt, filename=filename)
    content = io.BytesIO()
    with xlsx_workbook(content) as workbook:
        frame.write_excel(workbook, worksheet=sheet, autofit=True)
    return attachment(content.getvalue(), fmt, filename=filename)


def _offered(what: str, fmt: str, formats: tuple[str, ...]) -> None:
    if fmt not in formats:
        raise Http404(NOT_OFFERED.format(what=what, formats=" or ".join(formats), fmt=fmt))
