"""Download indicator data from the Fingertips API as the CSV Fingertips users download.

``all_data/csv/by_indicator_id`` returns, for some indicators and one area type, the same
CSV as the website's download, which :func:`marmot_monitor.io.values.read_fingertips` reads.
Area types are Fingertips' own IDs; the common ones have names (``county-ua`` is 502,
Counties and Unitary Authorities from April 2023).
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

FINGERTIPS_API = "https://fingertips.phe.org.uk/api"
CSV_ENDPOINT = "all_data/csv/by_indicator_id"
TIMEOUT_SECONDS = 300
HEAD_BYTES = 1 << 16
AREA_TYPES = {
    "england": 15,
    "region": 6,
    "county-ua": 502,
    "district-ua": 501,
    "county-ua-2021": 402,
    "district-ua-2021": 401,
    "msoa": 3,
    "gp": 7,
    "ward": 8,
}
UNKNOWN_AREA_TYPE = (
    "{name!r} is not a Fingertips area type: give its number (e.g. 502) or one of {names}"
)
HTTP_FAILED = (
    "Fingertips answered {status} {reason} for indicator(s) {indicators}: check the "
    "indicator IDs and area type (fingertips.phe.org.uk shows both)"
)
UNREACHABLE = (
    "cannot reach Fingertips at {url} ({reason}): check the internet connection, or set "
    "HTTPS_PROXY if your network uses a proxy"
)
NO_DATA = (
    "Fingertips has no data for indicator(s) {indicators} at area type {area_type}: "
    "check that the indicator is published for that geography"
)


class FetchError(ValueError):
    """The download failed: the message says why and what to check."""


def area_type_id(name: str | int) -> int:
    """A Fingertips area type ID from its number or one of the names in :data:`AREA_TYPES`."""
    text = str(name).strip().lower()
    if text.isdigit():
        return int(text)
    if text in AREA_TYPES:
        return AREA_TYPES[text]
    raise FetchError(UNKNOWN_AREA_TYPE.format(name=name, names=", ".join(AREA_TYPES)))


def fingertips_url(
    indicators: Sequence[int],
    *,
    area_type: int,
    parent_area_type: int | None = None,
    base_url: str = FINGERTIPS_API,
) -> str:
    query = {
        "indicator_ids": ",".join(str(indicator) for indicator in indicators),
        "child_area_type_id": area_type,
    }
    if parent_area_type is not None:
        query["parent_area_type_id"] = parent_area_type
    return f"{base_url.rstrip('/')}/{CSV_ENDPOINT}?{urllib.parse.urlencode(query)}"


def fetch_fingertips(
    indicators: Sequence[int],
    destination: Path,
    *,
    area_type: int,
    parent_area_type: int | None = None,
    base_url: str = FINGERTIPS_API,
) -> Path:
    """Save the Fingertips CSV of ``indicators`` at ``area_type`` to ``destination``."""
    url = fingertips_url(
        indicators, area_type=area_type, parent_area_type=parent_area_type, base_url=base_url
    )
    shown = ", ".join(str(indicator) for indicator in indicators)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    try:
        with (
            urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response,
            partial.open("wb") as handle,
        ):
            shutil.copyfileobj(response, handle)
    except urllib.error.HTTPError as error:
        partial.unlink(missing_ok=True)
        message = HTTP_FAILED.format(status=error.code, reason=error.reason, indicators=shown)
        raise FetchError(message) from None
    except (urllib.error.URLError, TimeoutError) as error:
        partial.unlink(missing_ok=True)
        reason = getattr(error, "reason", error)
        raise FetchError(UNREACHABLE.format(url=base_url, reason=reason)) from None
    with partial.open("rb") as handle:
        start = handle.read(HEAD_BYTES)
    if len(start.strip().splitlines()) < 2:
        partial.unlink()
        raise FetchError(NO_DATA.format(indicators=shown, area_type=area_type))
    partial.replace(destination)
    return destination
