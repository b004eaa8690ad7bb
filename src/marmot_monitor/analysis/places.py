"""Which council is the place, which country it is benchmarked against, what it is compared with.

The rules of ``marmot place set`` and its page, on frames: ``areas`` holds every loaded area
(``area_code``, ``area_name``, ``area_type``, ``parent_code``), as
``web.data.frames.area_frame`` gives them. Each rule refuses bad input with a
:class:`PlaceError` naming the code and the fix, before anything is written.

- A place is a local authority: an English unitary authority, district, metropolitan
  district, London borough or county (``E06``, ``E07``, ``E08``, ``E09``, ``E10``), or a
  Welsh council (``W06``); or a group of them (Gwent, Cheshire and Merseyside).
- Its benchmark is its country: England (``E92000001``) for ``E`` codes, Wales
  (``W92000004``) for ``W`` codes.
- Its comparators by default are the authorities of the same type (unitary, district or
  county) in its region; in Wales, the other Welsh councils.
- A group's values are pooled from its members' counts and denominators
  (:func:`~marmot_monitor.analysis.aggregate_areas`): proportions and crude rates only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from marmot_monitor.analysis._custom import aggregate_areas
from marmot_monitor.analysis.aggregation import ancestors

AUTHORITY_KINDS = {
    "E06": "an English unitary authority",
    "E07": "an English district",
    "E08": "a metropolitan district",
    "E09": "a London borough",
    "E10": "an English county",
    "W06": "a Welsh council",
}
COUNTRIES = {"E": ("E92000001", "England"), "W": ("W92000004", "Wales")}
OTHER_KINDS = {
    "92": "a country",
    "12": "a region",
    "05": "an electoral ward",
    "02": "an MSOA",
    "01": "an LSOA",
    "11": "a metropolitan county",
    "38": "a sub-ICB location",
    "54": "an integrated care board",
}
TYPE_WORDS = {
    "country": "a country",
    "region": "a region",
    "ward": "an electoral ward",
    "msoa": "an MSOA",
    "lsoa": "an LSOA",
    "place": "a place made of other areas",
}
NEAREST = 3
AUTHORITY_CODES = "E06, E07, E08, E09, E10 or W06"
LOOKUP_COMMAND = "`marmot import lookup ltla24_region24.csv lsoa21_ward24_ltla24.csv`"

NO_LOOKUPS = (
    "the database holds no local authorities: import the ONS lookups first, e.g. "
    f"{LOOKUP_COMMAND} (for Wales also ltla21_utla21.csv; see docs/real-place.md)"
)
UNKNOWN_AUTHORITY = (
    "{code!r} is not a local authority in the loaded lookups ({nearest}): check the code; "
    "a council that is new or was abolished is in the lookup of its year: import it with "
    "`marmot import lookup FILE`"
)
NEAREST_ARE = "nearest: {areas}"
NONE_NEAR = "no code or name is close"
NOT_AUTHORITY = (
    "{code} is {what}{name}, not a local authority: give the code of a council "
    f"({AUTHORITY_CODES}), e.g. E06000049 for Cheshire East"
)
NO_WIMD = (
    "{code} {name} is a Welsh council, but WIMD (the Welsh Index of Multiple Deprivation) "
    "is not loaded: import it first, e.g. "
    "`marmot import imd wimd2019_wales_lsoa11_ranks_deciles_scores.csv`"
)
RETIRED = (
    "{code} {name} is only in the loaded lookups of {vintage}, not in those of {newest}, and "
    "has no region: it was probably abolished or merged (nearest current councils: "
    "{nearest}): give the code of a current council"
)
NO_REGION = (
    "{code} {name} has no region in the loaded lookups, so its region's councils cannot be "
    "its comparators: import `marmot import lookup ltla24_region24.csv`, or give "
    "--comparators as codes or a file"
)
NO_COMPARATORS = "no comparator was given: name at least one council, or use 'region'"
COMPARATOR_PROBLEMS = "{source}: {count} problem(s), so no comparator was set: {problems}"
COMPARATOR_ROW = "{item} {row}: {problem}"
COMPARATOR_IS_PLACE = "{code} is the place itself: leave it out"
COMPARATOR_REPEATED = "{code} is listed twice: list it once"
TOO_FEW_MEMBERS = (
    "a group needs at least two councils (--members named {count}): "
    "to make one council the place, give its code alone"
)
MEMBER_REPEATED = "--members lists {code} twice: list each council once"
NO_GROUP_NAME = "a group of councils needs a name: add e.g. --name Gwent"
TWO_COUNTRIES = (
    "the members are in England and in Wales ({codes}): a place is benchmarked against one "
    "country, so group councils of one country"
)
GROUP_CODE_TAKEN = (
    "{code} is already {what} ({name}), not a group: choose another --code, e.g. {suggestion}"
)
NOT_POOLED = "not computed: values for {found} of {members} members"
NOT_AGGREGATED = "{indicator}: {reason}"
EMPTY_REASON = "no member has values"
# How the reasons name the value type "other" (scores and the like): "a statistic of ...".
OTHER_VALUE_TYPE = {"other": "statistic of another kind"}


class PlaceError(ValueError):
    """The place, its comparators or its members cannot be set as asked; nothing was changed."""


class ComparatorError(PlaceError):
    """The comparators given cannot be used (a form shows it at the comparators field)."""


@dataclass(frozen=True)
class AreaChoice:
    """An area of the loaded areas: its code, name, type and parent's code."""

    code: str
    name: str
    area_type: str
    parent_code: str | None

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


def benchmark_of(code: str) -> tuple[str, str]:
    """The country a local authority's code is benchmarked against: ``(code, name)``.

    >>> benchmark_of("W06000022")
    ('W92000004', 'Wales')
    """
    return COUNTRIES[code[:1].upper()]


def is_authority_code(code: str) -> bool:
    return code[:3].upper() in AUTHORITY_KINDS and len(code) == 9 and code[3:].isdigit()


def authorities(areas: pl.DataFrame) -> pl.DataFrame:
    """The local authorities among ``areas`` (by their code's entity), in code order."""
    codes = pl.col("area_code")
    is_authority = codes.str.slice(0, 3).str.to_uppercase().is_in(list(AUTHORITY_KINDS))
    return areas.filter(is_authority & codes.str.contains(r"^[EW]\d{8}$")).sort("area_code")


def find_authority(query: str, areas: pl.DataFrame) -> AreaChoice:
    """The local authority ``query`` names, by code or by name (case ignored).

    Raises :class:`PlaceError` when no authority is loaded, when the code is of another kind
    of area (saying which), or when nothing matches (naming the nearest codes and names).
    """
    councils = authorities(areas)
    if councils.is_empty():
        raise PlaceError(NO_LOOKUPS)
    text = " ".join(query.split())
    match = councils.filter(
        (pl.col("area_code") == text.upper())
        | (pl.col("area_name").str.to_lowercase() == text.lower())
    )
    if match.height >= 1:
        return _choice(match.row(0, named=True))
    other = areas.filter(pl.col("area_code") == text.upper())
    if not other.is_empty() or _other_kind(text):
        row = other.row(0, named=True) if not other.is_empty() else None
        what = TYPE_WORDS.get(row["area_type"], "an area") if row else _other_kind(text)
        name = f" ({row['area_name']})" if row else ""
        raise PlaceError(NOT_AUTHORITY.format(code=text.upper(), what=what, name=name))
    raise PlaceError(UNKNOWN_AUTHORITY.format(code=text, nearest=_nearest(text, councils)))


def require_deprivation(place: AreaChoice, indexes: Iterable[str]) -> None:
    """A Welsh place needs WIMD loaded (its inequality pages rank areas by it)."""
    if place.code.upper().startswith("W") and not any(
        i.upper().startswith("WIMD") for i in indexes
    ):
        raise PlaceError(NO_WIMD.format(code=place.code, name=place.name))


def regions(areas: pl.DataFrame) -> pl.DataFrame:
    """``area_code`` and ``region_code``: the region above each area (through a county, say)."""
    tree = areas.select(pl.col("area_code").alias("code"), "parent_code")
    region_codes = areas.filter(pl.col("area_type") == "region")["area_code"].implode()
    return (
        ancestors(tree)
        .filter(pl.col("ancestor_code").is_in(region_codes))
        .unique("area_code", keep="first")
        .select("area_code", pl.col("ancestor_code").alias("region_code"))
    )


def require_current(place: AreaChoice, areas: pl.DataFrame, *, vintages: dict[str, int]) -> None:
    """Refuse an English council that only an older lookup names and no region holds (one
    abolished in a reorganisation, such as Allerdale in 2023); ``vintages`` gives each
    council's lookup year."""
    newest = max(vintages.values(), default=None)
    vintage = vintages.get(place.code)
    if newest is None or vintage is None or vintage >= newest or not place.code.startswith("E"):
        return
    if region_of(place.code, areas) is not None:
        return
    current = authorities(areas).filter(
        pl.col("area_code").is_in([code for code, year in vintages.items() if year == newest])
    )
    raise PlaceError(
        RETIRED.format(
            code=place.code,
            name=place.name,
            vintage=vintage,
            newest=newest,
            nearest=_nearest(place.code, current).removeprefix("nearest: "),
        )
    )


def region_of(code: str, areas: pl.DataFrame) -> str | None:
    """The code of the region above ``code``, or None."""
    found = regions(
        areas.filter(
            pl.col("area_type").is_in(["region", "county"]) | (pl.col("area_code") == code)
        )
    )
    found = found.filter(pl.col("area_code") == code)
    return None if found.is_empty() else found["region_code"][0]


def region_comparators(places: Sequence[AreaChoice], areas: pl.DataFrame) -> list[AreaChoice]:
    """The councils of the same type in the region of ``places`` (in Wales, every Welsh
    council), leaving out the places themselves; in name order."""
    first = places[0]
    councils = authorities(areas)
    codes = {place.code for place in places}
    types = {place.area_type for place in places}
    if first.code.startswith("W"):
        peers = councils.filter(pl.col("area_code").str.starts_with("W06"))
    else:
        region = region_of(first.code, areas)
        if region is None:
            raise ComparatorError(NO_REGION.format(code=first.code, name=first.name))
        tree = areas.filter(pl.col("area_type").is_in(["region", "county"])).vstack(councils)
        in_region = regions(tree).filter(pl.col("region_code") == region)["area_code"]
        peers = councils.filter(
            pl.col("area_code").is_in(in_region.implode()) & pl.col("area_type").is_in(list(types))
        )
    peers = peers.filter(~pl.col("area_code").is_in(list(codes))).sort("area_name")
    return [_choice(row) for row in peers.iter_rows(named=True)]


def check_comparators(
    rows: pl.DataFrame,
    areas: pl.DataFrame,
    *,
    places: Sequence[AreaChoice],
    source: str,
    item: str = "row",
) -> list[AreaChoice]:
    """The councils ``rows`` names (``row`` and ``code``), each checked; one bad row refuses
    them all, with every bad row named."""
    if rows.is_empty():
        raise ComparatorError(NO_COMPARATORS)
    councils = authorities(areas)
    own = {place.code for place in places}
    found, problems, seen = [], [], set()
    for row, code in rows.select("row", "code").iter_rows():
        problem = None
        if code in own:
            problem = COMPARATOR_IS_PLACE.format(code=code)
        elif code in seen:
            problem = COMPARATOR_REPEATED.format(code=code)
        else:
            try:
                found.append(find_authority(code, councils if is_authority_code(code) else areas))
            except PlaceError as error:
                problem = str(error)
        seen.add(code)
        if problem:
            problems.append(COMPARATOR_ROW.format(item=item, row=row, problem=problem))
    if problems:
        raise ComparatorError(
            COMPARATOR_PROBLEMS.format(
                source=source, count=len(problems), problems="; ".join(problems)
            )
        )
    return found


def code_rows(codes: Iterable[str]) -> pl.DataFrame:
    """``row`` (1, 2, ...) and ``code`` of a list of codes as a command line gives them."""
    cleaned = [code.strip().upper() for code in codes if code.strip()]
    return pl.DataFrame(
        {"row": range(1, len(cleaned) + 1), "code": cleaned},
        schema={"row": pl.Int64, "code": pl.String},
    )


def check_members(
    codes: Sequence[str], areas: pl.DataFrame, *, name: str | None
) -> list[AreaChoice]:
    """The councils of a group, each a loaded local authority, all in one country."""
    if not name or not name.strip():
        raise PlaceError(NO_GROUP_NAME)
    cleaned = [code.strip().upper() for code in codes if code.strip()]
    if len(cleaned) < 2:
        raise PlaceError(TOO_FEW_MEMBERS.format(count=len(cleaned)))
    for code in cleaned:
        if cleaned.count(code) > 1:
            raise PlaceError(MEMBER_REPEATED.format(code=code))
    members = [find_authority(code, areas) for code in cleaned]
    countries = {member.code[0] for member in members}
    if len(countries) > 1:
        raise PlaceError(TWO_COUNTRIES.format(codes=", ".join(cleaned)))
    return members


def group_code(name: str, code: str | None, areas: pl.DataFrame) -> str:
    """The group's code: ``code`` if given, else ``PLACE-`` and its name, e.g. ``PLACE-GWENT``.

    A code that is already a loaded area other than a group is refused.
    """
    suggestion = _suggested_code(name)
    chosen = (code or suggestion).strip().upper()
    taken = areas.filter((pl.col("area_code") == chosen) & (pl.col("area_type") != "place"))
    if not taken.is_empty():
        row = taken.row(0, named=True)
        what = TYPE_WORDS.get(row["area_type"], "an area")
        raise PlaceError(
            GROUP_CODE_TAKEN.format(
                code=chosen, what=what, name=row["area_name"], suggestion=suggestion
            )
        )
    return chosen


def common_parent(members: Sequence[AreaChoice], areas: pl.DataFrame) -> str:
    """Where a group sits: its members' region if they share one, else their country."""
    regions = {region_of(member.code, areas) for member in members}
    if len(regions) == 1:
        (region,) = regions
        if region is not None:
            return region
    return benchmark_of(members[0].code)[0]


def pool_members(
    values: pl.DataFrame, indicators: pl.DataFrame, *, members: Sequence[str], code: str
) -> tuple[pl.DataFrame, dict[str, str]]:
    """A group's values from its members' counts and denominators, and why the rest are not.

    ``values`` has ``indicator_code``, ``area_code``, ``period``, ``sex``, ``age``,
    ``category_type``, ``category``, ``count`` and ``denominator``; ``indicators`` has
    ``indicator_code``, ``value_type`` and ``multiplier``. A value is pooled only when every
    member has a count and a denominator for it. Returns the pooled rows (the columns of
    ``values`` with ``area_code`` = ``code`` and the statistics) and, for every indicator
    with no pooled row, the reason, e.g. ``"not computed: a life expectancy cannot be pooled
    from counts"``.
    """
    keys = ["indicator_code", "period", "sex", "age", "category_type", "category"]
    kinds = pl.col("value_type").replace(OTHER_VALUE_TYPE)
    rows = values.filter(pl.col("area_code").is_in(list(members))).join(
        indicators.select("indicator_code", kinds, "multiplier"), on="indicator_code"
    )
    if rows.is_empty():
        return rows.select(keys), {}
    pooled = aggregate_areas(rows, areas=list(members), code=code, keys=keys)
    short = pl.col("areas_found") < len(members)
    pooled = pooled.with_columns(
        pl.when(short & pl.col("value_note").is_null())
        .then(
            pl.format(
                NOT_POOLED.replace("{found}", "{}").replace("{members}", "{}"),
                pl.col("areas_found"),
                pl.lit(len(members)),
            )
        )
        .otherwise(pl.col("value_note"))
        .alias("value_note")
    )
    good = pooled.filter(pl.col("value").is_not_null() & ~short)
    failed = pooled.filter(
        ~pl.col("indicator_code").is_in(good["indicator_code"].unique().implode())
    )
    why = failed.group_by("indicator_code").agg(
        pl.col("value_note").drop_nulls().mode().sort().first().fill_null(EMPTY_REASON)
    )
    reasons = dict(why.iter_rows())
    columns = [*keys, "area_code", "count", "denominator", "value", "lower_ci_95",
               "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]  # fmt: skip
    return good.select(columns), dict(sorted(reasons.items()))


def _choice(row: dict) -> AreaChoice:
    return AreaChoice(row["area_code"], row["area_name"], row["area_type"], row["parent_code"])


def _other_kind(code: str) -> str | None:
    text = code.strip().upper()
    if len(text) == 9 and text[0] in "EWSN" and text[1:].isdigit():
        return OTHER_KINDS.get(text[1:3])
    return None


def _nearest(text: str, councils: pl.DataFrame) -> str:
    """The councils nearest ``text``: for a code, those of its kind with the nearest numbers
    (E06000048 is next to E06000047 and E06000049); for a name, the most alike (difflib)."""
    labels = dict(zip(councils["area_code"], councils["area_name"], strict=True))
    query = text.upper()
    if re.fullmatch(r"[EW]\d{8}", query):
        same = [code for code in labels if code[:3] == query[:3]]
        chosen = sorted(same, key=lambda code: (abs(int(code[1:]) - int(query[1:])), code))
        chosen = chosen[:NEAREST] or difflib.get_close_matches(query, list(labels), n=NEAREST)
    else:
        by_name = {name.lower(): code for code, name in labels.items()}
        names = difflib.get_close_matches(text.lower(), list(by_name), n=NEAREST, cutoff=0.6)
        chosen = [by_name[name] for name in names]
    if not chosen:
        return NONE_NEAR
    return NEAREST_ARE.format(areas=", ".join(f"{code} {labels[code]}" for code in chosen))


def _suggested_code(name: str) -> str:
    letters = "".join(c if c.isalnum() else "-" for c in name.upper()).strip("-")
    return ("PLACE-" + "-".join(part for part in letters.split("-") if part))[:20]
