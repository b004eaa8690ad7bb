"""The community asset register's files: a tidy CSV and Open Referral UK JSON, read and written.

An asset is a place, group or service a community can draw on (County Durham's Wellbeing
Principle 2: "the potential of their assets"): a community centre, a park, a food bank, a
walking group. Both formats carry the same fields, :data:`COLUMNS`:

- **CSV** (``docs/assets.md``): one asset per row, a header naming the columns; ``name``,
  ``type`` and a place (``postcode`` or ``latitude`` and ``longitude``) are needed; the
  ``principles`` an asset serves are numbers separated by ``;`` (``1;3``).
- **Open Referral UK JSON**: a list of services (or one service, or an API page with the
  services in ``content``), each with its ``organization``, ``service_at_locations`` →
  ``location`` (``latitude``, ``longitude``, ``physical_addresses``), ``contacts``,
  ``regular_schedules`` and ``service_taxonomys``, as the ORUK API gives them. The asset's
  type and principles are taxonomy terms of the vocabularies :data:`TYPE_VOCABULARY` and
  :data:`PRINCIPLE_VOCABULARY`.

Which format a file is comes from its content (JSON begins with ``[`` or ``{``), never its
name. Every row is checked without the database (the web app then checks ward and LSOA codes
against the stored areas and finds the areas of each point); problems name the file, the row
(a CSV's line, or a JSON service's position from 1), the column, the value and the fix.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from marmot_monitor.analysis._common import counted
from marmot_monitor.io import validation
from marmot_monitor.io.cells import write_csv
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits, check_text, read_file_bytes
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.tables import find_columns, read_table

TYPES = (
    "community centre",
    "green space",
    "library",
    "sport and leisure",
    "health and care",
    "advice and support",
    "food",
    "learning and skills",
    "employment support",
    "arts and culture",
    "faith group",
    "children and young people",
    "older people",
    "social group or network",
    "other",
)
COLUMNS = (
    "reference",
    "name",
    "type",
    "organisation",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "ward_code",
    "lsoa_code",
    "principles",
    "contact",
    "opening_times",
    "source",
    "last_checked",
)
SCHEMA = {
    **dict.fromkeys(COLUMNS, pl.String),
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "last_checked": pl.Date,
    "row": pl.Int64,
}
ALIASES = {
    "reference": ["reference", "id", "assetid", "ref"],
    "name": ["name", "assetname"],
    "type": ["type", "assettype", "kind"],
    "organisation": ["organisation", "organization", "provider", "runby"],
    "address": ["address", "streetaddress"],
    "postcode": ["postcode", "postalcode", "pcds"],
    "latitude": ["latitude", "lat"],
    "longitude": ["longitude", "long", "lon", "lng"],
    "ward_code": ["wardcode", "ward", "wd24cd", "wd23cd"],
    "lsoa_code": ["lsoacode", "lsoa", "lsoa21cd", "lsoa11cd"],
    "principles": ["principles", "principle"],
    "contact": ["contact", "email", "phone"],
    "opening_times": ["openingtimes", "opening", "openinghours"],
    "source": ["source"],
    "last_checked": ["lastchecked", "checked", "lastassured", "assureddate"],
}
TYPE_VOCABULARY = "marmot-asset-type"
PRINCIPLE_VOCABULARY = "marmot-principle"
ORUK_LABEL = "ORUK"
POSTCODE = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"
LATITUDES, LONGITUDES = (49.0, 61.0), (-8.7, 2.0)
LONGEST = {"name": 200, "organisation": 200, "address": 300, "contact": 200,
           "opening_times": 300, "source": 200, "reference": 60}  # fmt: skip

NOT_JSON = ("the file is not JSON ({reason})", "export the services as Open Referral UK JSON")
TOO_DEEP = "it nests lists or objects deeper than any register does"
NOT_SERVICES = (
    "the JSON holds no services (a list of services, one service, or a page with 'content')",
    "export the services from an Open Referral UK API's /services, with their details",
)
UNKNOWN_TYPE = "is not a type of asset Marmot Monitor knows"
FIX_TYPE = "use one of: " + ", ".join(TYPES)
BAD_POSTCODE = "is not a UK postcode"
FIX_POSTCODE = "write the postcode as Royal Mail does, e.g. FS1 2AB, or leave it empty"
NO_PLACE = "the asset has neither a postcode nor both latitude and longitude"
FIX_PLACE = "give its postcode, or its latitude and longitude (WGS84, e.g. 52.41 and -1.51)"
HALF_POINT = "has a value but its partner coordinate is empty"
FIX_HALF_POINT = "give both latitude and longitude, or neither"
OUTSIDE_UK = "is not a {what} in the United Kingdom ({low} to {high})"
FIX_OUTSIDE_UK = "check the coordinate: latitude is about 50 to 60 and longitude -8 to 2"
BAD_PRINCIPLE = "is not a list of principle numbers of the framework ({numbers})"
FIX_PRINCIPLE = "write the numbers separated by ';', e.g. 1;3, or leave it empty"
BAD_DATE = "is not a date"
FIX_DATE = "write the date as 2026-03-31 (or 31/03/2026)"
FUTURE_DATE = "is after today"
FIX_FUTURE_DATE = "give the date the asset was last checked, today or earlier"
TOO_LONG = "is longer than {limit} characters"
FIX_TOO_LONG = "shorten it"
REPEATED_REFERENCE = "the same reference is given to another asset in an earlier row"
FIX_REPEATED_REFERENCE = "give each asset its own reference, or leave the column empty"
NOT_IN_LOOKUP = "the postcode is not in the postcode lookup {lookup}"
FIX_NOT_IN_LOOKUP = (
    "check the postcode, give the asset's latitude and longitude instead, or use a lookup "
    "that covers it (ONS NSPL or ONSPD)"
)
NO_LOOKUP = "the asset has a postcode but no coordinates, and no postcode lookup was given"
FIX_NO_LOOKUP = (
    "give a postcode lookup file (ONS NSPL or ONSPD CSV), or the asset's latitude and longitude"
)


@dataclass
class AssetFile:
    """A register file, read and checked: ``rows`` in :data:`SCHEMA` (one per asset)."""

    name: str
    layout: str
    rows: pl.DataFrame
    problems: Problems
    sha256: str = ""
    notes: list[str] = field(default_factory=list)


def read_assets(
    path: Path,
    *,
    principles: set[int] = frozenset(range(1, 9)),
    limits: ReadLimits = DEFAULT_LIMITS,
    today: date | None = None,
) -> AssetFile:
    """Read a register file (CSV, or Open Referral UK JSON, told apart by content).

    ``principles`` are the framework's principle numbers an asset may serve.
    """
    path = Path(path)
    data = read_file_bytes(path, name=path.name, limits=limits)
    if data.lstrip()[:1] in (b"[", b"{"):
        rows, layout = _oruk_rows(data, path.name), "Open Referral UK JSON"
    else:
        check_text(data, name=path.name, limits=limits)
        rows, layout = _csv_rows(path, limits), "asset register CSV"
    checked, problems = check_assets(rows, principles=principles, today=today or date.today())
    return AssetFile(
        name=path.name,
        layout=f"{layout} ({counted(checked.height, 'asset')})",
        rows=checked,
        problems=Problems(path.name, problems),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _csv_rows(path: Path, limits: ReadLimits) -> pl.DataFrame:
    expected = {key for keys in ALIASES.values() for key in keys}
    table = read_table(path, expected=expected, limits=limits)
    found = find_columns(table, ALIASES, needed=["name", "type"])
    return table.frame.select(
        "row",
        *[
            (validation.text(found[c]) if c in found else pl.lit(None, pl.String)).alias(c)
            for c in COLUMNS
        ],
    )


def _oruk_rows(data: bytes, name: str) -> pl.DataFrame:
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidFileError(name, NOT_JSON[0].format(reason=error), NOT_JSON[1]) from None
    except RecursionError:
        raise InvalidFileError(name, NOT_JSON[0].format(reason=TOO_DEEP), NOT_JSON[1]) from None
    if isinstance(document, dict):
        document = document.get("content", [document] if "name" in document else None)
    if not isinstance(document, list) or not document:
        raise InvalidFileError(name, *NOT_SERVICES)
    rows = [_service_row(service, number) for number, service in enumerate(document, start=1)]
    frame = pl.DataFrame(rows, schema={**dict.fromkeys(COLUMNS, pl.String), "row": pl.Int64})
    return frame.select("row", *[validation.text(c).alias(c) for c in COLUMNS])


def _service_row(service: object, number: int) -> dict:
    if not isinstance(service, dict):
        service = {}
    organisation = _object(service.get("organization"))
    location = _object(_first(service.get("service_at_locations"))).get("location")
    location = _object(location)
    address = _object(
        _first(location.get("physical_addresses")) or _first(location.get("addresses"))
    )
    contact = _object(_first(service.get("contacts")))
    phone = _object(_first(contact.get("phones"))).get("number")
    terms = [_object(_object(link).get("taxonomy")) for link in _list(service, "service_taxonomys")]
    types = [t.get("name") for t in terms if t.get("vocabulary") == TYPE_VOCABULARY]
    principles = [t.get("name") for t in terms if t.get("vocabulary") == PRINCIPLE_VOCABULARY]
    street = [address.get(k) for k in ("address_1", "address_2", "city") if address.get(k)]
    return {
        "row": number,
        "reference": _text(service.get("id")),
        "name": _text(service.get("name")),
        "type": _text(types[0]) if types else None,
        "organisation": _text(organisation.get("name")),
        "address": ", ".join(str(part) for part in street) or None,
        "postcode": _text(address.get("postal_code")),
        "latitude": _text(location.get("latitude")),
        "longitude": _text(location.get("longitude")),
        "ward_code": None,
        "lsoa_code": None,
        "principles": ";".join(str(p) for p in principles) or None,
        "contact": _text(
            " ".join(str(p) for p in (contact.get("name"), service.get("email"), phone) if p)
        ),
        "opening_times": _text(
            "; ".join(
                str(_object(s).get("description") or _schedule(s))
                for s in _list(service, "regular_schedules")
            )
        ),
        "source": _text(service.get("url")) or ORUK_LABEL,
        "last_checked": _text(service.get("assured_date")),
    }


def _object(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(owner: dict, key: str) -> list:
    value = owner.get(key)
    return value if isinstance(value, list) else []


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else None


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _schedule(schedule: object) -> str:
    found = _object(schedule)
    days, opens, closes = found.get("byday"), found.get("opens_at"), found.get("closes_at")
    return " ".join(str(p) for p in (days, opens and f"{opens}–{closes or ''}") if p)


def check_assets(
    rows: pl.DataFrame, *, principles: set[int], today: date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse and check register rows (every column text, and ``row``): the rows in
    :data:`SCHEMA`, and the problems (see :mod:`marmot_monitor.io.problems`)."""
    frame = rows.with_columns(
        pl.col("type").str.to_lowercase(),
        pl.col("postcode").str.to_uppercase().str.replace_all(r"\s+", ""),
        pl.col("ward_code", "lsoa_code").str.to_uppercase(),
    ).with_columns(_spaced_postcode())
    frame, number_problems, _ = validation.parse_numbers(
        frame, {"latitude": "latitude_number", "longitude": "longitude_number"}
    )
    frame = frame.with_columns(_dates().alias("checked_date"))
    problems = [
        validation.required(frame, {"name": "name", "type": "type"}),
        number_problems,
        *_rules(frame, principles, today),
    ]
    parsed = {
        "latitude": pl.col("latitude_number"),
        "longitude": pl.col("longitude_number"),
        "last_checked": pl.col("checked_date"),
        "principles": pl.col("principles").str.replace_all(r"[,\s]+", ";").str.strip_chars(";"),
    }
    checked = frame.select(*[parsed.get(c, pl.col(c)).alias(c) for c in COLUMNS], "row").cast(
        SCHEMA
    )
    return checked, gather(problems)


def _spaced_postcode() -> pl.Expr:
    code = pl.col("postcode")
    return (
        pl.when(code.str.len_chars() >= 5)
        .then(code.str.slice(0, code.str.len_chars() - 3) + " " + code.str.slice(-3))
        .otherwise(code)
        .alias("postcode")
    )


def _dates() -> pl.Expr:
    text = pl.col("last_checked")
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False), text.str.to_date("%d/%m/%Y", strict=False)
    )


def _rules(frame: pl.DataFrame, principles: set[int], today: date) -> list[pl.DataFrame]:
    latitude, longitude = pl.col("latitude_number"), pl.col("longitude_number")
    numbers = "|".join(str(n) for n in sorted(principles)) or "-"
    listed = pl.col("principles").str.contains(rf"^\s*({numbers})(\s*[;,]\s*({numbers}))*\s*$")
    checks = [
        ("type", ~pl.col("type").is_in(TYPES), UNKNOWN_TYPE, FIX_TYPE),
        ("postcode", ~pl.col("postcode").str.contains(POSTCODE), BAD_POSTCODE, FIX_POSTCODE),
        (
            "principles",
            ~listed,
            BAD_PRINCIPLE.format(numbers=", ".join(str(n) for n in sorted(principles))),
            FIX_PRINCIPLE,
        ),
        ("last_checked", pl.col("checked_date").is_null() & pl.col("last_checked").is_not_null(),
         BAD_DATE, FIX_DATE),
        ("last_checked", pl.col("checked_date") > today, FUTURE_DATE, FIX_FUTURE_DATE),
        ("latitude", ~latitude.is_between(*LATITUDES),
         OUTSIDE_UK.format(what="latitude", low=LATITUDES[0], high=LATITUDES[1]), FIX_OUTSIDE_UK),
        ("longitude", ~longitude.is_between(*LONGITUDES),
         OUTSIDE_UK.format(what="longitude", low=LONGITUDES[0], high=LONGITUDES[1]),
         FIX_OUTSIDE_UK),
        ("latitude", latitude.is_null() & longitude.is_not_null(), HALF_POINT, FIX_HALF_POINT),
        ("longitude", longitude.is_null() & latitude.is_not_null(), HALF_POINT, FIX_HALF_POINT),
        ("postcode", pl.col("postcode").is_null() & latitude.is_null() & longitude.is_null()
         & pl.col("latitude").is_null() & pl.col("longitude").is_null(), NO_PLACE, FIX_PLACE),
        ("reference", pl.col("reference").is_not_null() & pl.col("reference").is_duplicated()
         & (pl.int_range(pl.len()).over("reference") > 0),
         REPEATED_REFERENCE, FIX_REPEATED_REFERENCE),
    ]  # fmt: skip
    checks += [
        (c, pl.col(c).str.len_chars() > limit, TOO_LONG.format(limit=limit), FIX_TOO_LONG)
        for c, limit in LONGEST.items()
    ]
    return [
        problems_where(frame, broken, column=column, value=pl.col(column), rule=rule, fix=fix)
        for column, broken, rule, fix in checks
    ]


def place_by_postcode(
    rows: pl.DataFrame, lookup: pl.DataFrame | None, *, lookup_name: str = ""
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Fill the point, and an empty ward and LSOA, of each row without a point from its
    postcode in ``lookup`` (:func:`marmot_monitor.io.postcodes.read_postcode_lookup`'s
    frame): the rows, and a problem for each postcode needed but not found (or needed with
    no lookup)."""
    needed = pl.col("postcode").is_not_null() & pl.col("latitude").is_null()
    if lookup is None:
        problems = problems_where(
            rows, needed, column="postcode", value=pl.col("postcode"), rule=NO_LOOKUP,
            fix=FIX_NO_LOOKUP,
        )  # fmt: skip
        return rows, problems
    found = rows.join(
        lookup.rename({c: f"{c}_found" for c in lookup.columns if c != "postcode"}),
        on="postcode",
        how="left",
    )
    problems = problems_where(
        found,
        needed & pl.col("latitude_found").is_null(),
        column="postcode",
        value=pl.col("postcode"),
        rule=NOT_IN_LOOKUP.format(lookup=lookup_name).strip(),
        fix=FIX_NOT_IN_LOOKUP,
    )
    filled = found.with_columns(
        pl.when(needed).then(pl.coalesce(c, f"{c}_found")).otherwise(pl.col(c)).alias(c)
        for c in ("ward_code", "lsoa_code")
    ).with_columns(
        pl.when(needed).then(pl.col(f"{c}_found")).otherwise(pl.col(c)).alias(c)
        for c in ("latitude", "longitude")
    )
    return filled.select(rows.columns), problems


def write_assets_csv(rows: pl.DataFrame) -> str:
    """The register as the tidy CSV (:data:`COLUMNS`), every text escaped for spreadsheets
    (:func:`marmot_monitor.io.cells.write_csv`)."""
    return write_csv(rows.select(COLUMNS).with_columns(pl.col("last_checked").cast(pl.String)))


def write_assets_oruk(rows: pl.DataFrame) -> str:
    """The register as a list of Open Referral UK services (JSON text)."""
    return json.dumps([_service(row) for row in rows.iter_rows(named=True)], indent=1)


def _service(row: dict) -> dict:
    reference = row["reference"] or f"asset-{row['row']}"
    terms = [(TYPE_VOCABULARY, row["type"])] + [
        (PRINCIPLE_VOCABULARY, number) for number in (row["principles"] or "").split(";") if number
    ]
    location = {
        "id": f"{reference}-location",
        "name": row["name"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "physical_addresses": [
            {
                "id": f"{reference}-address",
                "address_1": row["address"] or "",
                "postal_code": row["postcode"] or "",
                "country": "GB",
            }
        ],
    }
    return {
        "id": reference,
        "name": row["name"],
        "status": "active",
        "url": row["source"] if re.match(r"^https?://", row["source"] or "") else None,
        "assured_date": row["last_checked"].isoformat() if row["last_checked"] else None,
        "organization": {"id": f"{reference}-organisation", "name": row["organisation"] or ""},
        "service_at_locations": [{"id": f"{reference}-at", "location": location}],
        "contacts": [{"id": f"{reference}-contact", "name": row["contact"] or ""}],
        "regular_schedules": [{"id": f"{reference}-schedule", "description": row["opening_times"]}]
        if row["opening_times"]
        else [],
        "service_taxonomys": [
            {
                "id": f"{reference}-{vocabulary}-{name}",
                "taxonomy": {"id": f"{vocabulary}:{name}", "name": name, "vocabulary": vocabulary},
            }
            for vocabulary, name in terms
        ],
    }
