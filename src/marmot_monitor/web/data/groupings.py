"""Import a groupings file: check its members against the database, then store the set.

A set (:class:`~.models.Grouping`) is stored as areas of its own type (code: the set's key,
:func:`~marmot_monitor.io.groupings.grouping_key`) whose parent is the smallest area holding
every member (the place, for a council's own groupings), with one
:class:`~.models.GroupMember` row per member. Loading a changed file for a set already held
replaces it: groups added, renamed or removed, members moved; the set then belongs to the
new import, and deleting that import removes the set. Groupings are all or nothing: any
problem refuses the file, with ``--skip-invalid`` too, because a group missing some of its
members would be summed wrongly.
"""

from __future__ import annotations

import polars as pl

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.io.groupings import grouping_key, read_groupings
from marmot_monitor.io.problems import (
    InvalidFileError,
    InvalidRowsError,
    gather,
    problems_where,
)
from marmot_monitor.io.readings import Reading
from marmot_monitor.web.data import checks
from marmot_monitor.web.data.areas import stored_areas
from marmot_monitor.web.data.bulk import insert_rows, update_rows
from marmot_monitor.web.data.frames import area_frame
from marmot_monitor.web.data.group_values import refresh_grouping
from marmot_monitor.web.data.models import Grouping, GroupMember, Import
from marmot_monitor.web.places.area_types import AREA_TYPES
from marmot_monitor.web.places.models import Area, AreaType

RESERVED_KEYS = {code for code, _, _ in AREA_TYPES} | {"comparators", "districts", "wards", "lsoas"}
UNKNOWN_MEMBER = "names an area the database does not hold"
FIX_UNKNOWN_MEMBER = "check the code, or load the lookup that names it first (marmot import lookup)"
OTHER_KIND = "is {found}, but this set's members are {main}: every member is of one kind"
FIX_OTHER_KIND = "keep members of one kind (all LSOAs, or all wards) in a set"
CODE_TAKEN = "is already the code of another area ({name})"
FIX_CODE_TAKEN = "give the group a code of its own, or leave the code column empty"
RESERVED = (
    "the set's name {name!r} gives the key {key!r}, which is a kind of area Marmot Monitor "
    "already has",
    "name the set with --name, e.g. --name 'Area Action Partnerships'",
)
KEY_TAKEN = (
    "the set's name {name!r} gives the key {key!r}, which the set {other!r} already has",
    "use that set's own name to replace it, or another --name",
)
NO_COMMON_AREA = (
    "the member areas are not all within one area (no lookup links them to a local authority)",
    "load the lookup linking them to their authority first (marmot import lookup)",
)
KIND_WORDS = {
    "lsoa": ("an LSOA", "LSOAs"),
    "msoa": ("an MSOA", "MSOAs"),
    "ward": ("a ward", "wards"),
    "district": ("a district", "districts"),
    "unitary": ("a unitary authority", "unitary authorities"),
    "county": ("a county", "counties"),
    "region": ("a region", "regions"),
    "country": ("a country", "countries"),
    "place": ("a place", "places"),
}
GROUPS_NOTE = "{groups:,} groups of {members:,} {kind} within {parent}"
FEWER_GROUPS_NOTE = "{count:,} groups no longer in the file removed"


def check_groupings(reading: Reading, *, create_areas: bool) -> checks.Plan:
    """Every row checked against the stored areas; any problem refuses the whole file."""
    rows = reading.rows
    name = rows["grouping"][0]
    _check_key(reading.name, name)
    stored = stored_areas()
    label = reading.label("member_code")
    joined = rows.join(
        stored.select(pl.col("code").alias("member_code"), "area_type"),
        on="member_code",
        how="left",
    )
    main = _main_type(joined)
    problems = [
        problems_where(
            joined,
            pl.col("area_type").is_null() & pl.col("member_code").is_not_null(),
            column=label,
            value=pl.col("member_code"),
            rule=UNKNOWN_MEMBER,
            fix=FIX_UNKNOWN_MEMBER,
        ),
        gather(
            problems_where(
                part,
                pl.lit(True),
                column=label,
                value=pl.col("member_code"),
                rule=OTHER_KIND.format(
                    found=_kind_words(kind), main=_kind_words(main, plural=True)
                ),
                fix=FIX_OTHER_KIND,
            )
            for (kind,), part in joined.filter(
                pl.col("area_type").is_not_null() & (pl.col("area_type") != main)
            ).group_by("area_type")
        ),
        _taken_codes(rows, reading, name),
    ]
    problems = reading.problems + gather(problems)
    if problems:
        raise InvalidRowsError(problems)
    _common_parent(reading.name, rows["member_code"].unique())
    return checks.Plan(rows=rows, problems=[])


def _check_key(file: str, name: str) -> None:
    key = grouping_key(name)
    if key in RESERVED_KEYS:
        rule, fix = RESERVED
        raise InvalidFileError(file, rule.format(name=name, key=key), fix)
    other = Grouping.objects.filter(area_type__code=key).exclude(name=name).first()
    if other is not None:
        rule, fix = KEY_TAKEN
        raise InvalidFileError(file, rule.format(name=name, key=key, other=other.name), fix)


def _main_type(joined: pl.DataFrame) -> str | None:
    """The kind of area most members are."""
    typed = joined["area_type"].drop_nulls()
    if typed.is_empty():
        return None
    return typed.value_counts(sort=True)["area_type"][0]


def _kind_words(area_type: str | None, *, plural: bool = False) -> str:
    """ "a ward" or "wards" (a kind of area in words)."""
    one, many = KIND_WORDS.get(str(area_type), (f"a {area_type}", f"{area_type} areas"))
    return many if plural else one


def _taken_codes(rows: pl.DataFrame, reading: Reading, name: str) -> pl.DataFrame:
    """Rows whose group code is an area outside this set."""
    groups = rows.select("group_code", "row").drop_nulls("group_code")
    others = Area.objects.filter(code__in=groups["group_code"].unique().to_list()).exclude(
        area_type__grouping__name=name
    )
    taken = pl.DataFrame(
        list(others.values_list("code", "name")),
        schema={"group_code": pl.String, "other": pl.String},
        orient="row",
    )
    if taken.is_empty():
        return gather([])
    return gather(
        problems_where(
            part,
            pl.lit(True),
            column=reading.label("group_code") if "group_code" in reading.labels else None,
            value=pl.col("group_code"),
            rule=CODE_TAKEN.format(name=other),
            fix=FIX_CODE_TAKEN,
        )
        for (other,), part in groups.join(taken, on="group_code").group_by("other")
    )


def _common_parent(file: str, members: pl.Series) -> int:
    """The id of the smallest stored area holding every member (refused when none does)."""
    areas = area_frame().rename({"area_code": "code"})
    chains = ancestors(areas).filter(pl.col("area_code").is_in(members.implode()))
    shared = chains.group_by("ancestor_code").agg(pl.len().alias("holding"))
    shared = shared.filter(pl.col("holding") == members.len())
    if shared.is_empty():
        raise InvalidFileError(file, *NO_COMMON_AREA)
    levels = stored_areas().select(pl.col("code").alias("ancestor_code"), "id", "level")
    nearest = shared.join(levels, on="ancestor_code").sort("level", descending=True)
    return int(nearest["id"][0])


def store_groupings(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    """Create or replace the set, its groups and its members; then derive the groups' data."""
    name = rows["grouping"][0]
    stored = stored_areas()
    members = rows.join(
        stored.select(
            pl.col("code").alias("member_code"), pl.col("id").alias("member_id"), "area_type"
        ),
        on="member_code",
    )
    member_type = AreaType.objects.get(code=_main_type(members))
    parent_id = _common_parent(reading.name, rows["member_code"].unique())
    grouping = _grouping(name, member_type, source)
    removed, renamed = _store_groups(grouping, rows, parent_id)
    inserted, moved, unchanged = _store_members(grouping, members)
    counts = checks.Counts(inserted, moved + renamed + removed, unchanged)
    parent = Area.objects.get(pk=parent_id)
    counts.notes.append(
        GROUPS_NOTE.format(
            groups=rows["group_code"].n_unique(),
            members=rows.height,
            kind=_kind_words(member_type.code, plural=True),
            parent=f"{parent.name} ({parent.code})",
        )
    )
    if removed:
        counts.notes.append(FEWER_GROUPS_NOTE.format(count=removed))
    counts.notes.extend(refresh_grouping(grouping))
    return counts


def _grouping(name: str, member_type: AreaType, source: Import) -> Grouping:
    key = grouping_key(name)
    area_type, _ = AreaType.objects.update_or_create(
        code=key, defaults={"name": name, "level": max(member_type.level - 1, 0)}
    )
    grouping, _ = Grouping.objects.update_or_create(
        name=name,
        defaults={"area_type": area_type, "member_type": member_type, "source": source},
    )
    return grouping


def _store_groups(grouping: Grouping, rows: pl.DataFrame, parent_id: int) -> tuple[int, int]:
    """Add, rename and remove the set's group areas; return (removed, renamed or moved)."""
    wanted = rows.unique("group_code", keep="first", maintain_order=True).select(
        pl.col("group_code").alias("code"), pl.col("group_name").alias("name")
    )
    vintage = (
        Area.objects.filter(code__in=rows["member_code"].unique().to_list())
        .order_by("-vintage")[0]
        .vintage
    )
    held = pl.DataFrame(
        list(
            Area.objects.filter(area_type=grouping.area_type).values_list(
                "id", "code", "name", "parent_id"
            )
        ),
        schema={"id": pl.Int64, "code": pl.String, "name": pl.String, "parent_id": pl.Int64},
        orient="row",
    )
    gone = held.join(wanted, on="code", how="anti")
    Area.objects.filter(id__in=gone["id"].to_list()).delete()
    new = wanted.join(held, on="code", how="anti").with_columns(
        pl.lit(grouping.area_type_id).alias("area_type_id"),
        pl.lit(parent_id).alias("parent_id"),
        pl.lit(vintage).alias("vintage"),
    )
    insert_rows(Area._meta.db_table, new, ["code", "name", "area_type_id", "parent_id", "vintage"])
    changed = held.join(wanted, on="code", suffix="_new").filter(
        (pl.col("name") != pl.col("name_new")) | pl.col("parent_id").ne_missing(parent_id)
    )
    update_rows(
        Area._meta.db_table,
        changed.select(
            "id", pl.col("name_new").alias("name"), pl.lit(parent_id).alias("parent_id")
        ),
        ["name", "parent_id"],
    )
    return gone.height, changed.height


def _store_members(grouping: Grouping, members: pl.DataFrame) -> tuple[int, int, int]:
    """Insert new members, move those whose group changed, drop those no longer listed."""
    groups = dict(Area.objects.filter(area_type=grouping.area_type).values_list("code", "id"))
    wanted = members.select(
        pl.lit(grouping.pk).alias("grouping_id"),
        pl.col("group_code").replace_strict(groups, return_dtype=pl.Int64).alias("group_id"),
        "member_id",
    )
    held = pl.DataFrame(
        list(
            GroupMember.objects.filter(grouping=grouping).values_list("id", "member_id", "group_id")
        ),
        schema={"id": pl.Int64, "member_id": pl.Int64, "group_id": pl.Int64},
        orient="row",
    )
    gone = held.join(wanted, on="member_id", how="anti")
    GroupMember.objects.filter(id__in=gone["id"].to_list()).delete()
    new = wanted.join(held, on="member_id", how="anti")
    insert_rows(GroupMember._meta.db_table, new, ["grouping_id", "group_id", "member_id"])
    moved = held.join(wanted, on="member_id", suffix="_new").filter(
        pl.col("group_id") != pl.col("group_id_new")
    )
    update_rows(
        GroupMember._meta.db_table,
        moved.select("id", pl.col("group_id_new").alias("group_id")),
        ["group_id"],
    )
    unchanged = held.height - gone.height - moved.height
    return new.height, moved.height + gone.height, unchanged


def remove_groupings(source: Import) -> int:
    """Remove the sets ``source`` loaded: their group areas (with everything derived for
    them), members and area types. Returns how many groups were removed."""
    removed = 0
    for grouping in Grouping.objects.filter(source=source).select_related("area_type"):
        area_type = grouping.area_type
        groups = Area.objects.filter(area_type=area_type)
        removed += groups.count()
        groups.delete()
        grouping.delete()
        area_type.delete()
    return removed


LOADER = checks.Loader(Import.Kind.GROUPINGS, read_groupings, check_groupings, store_groupings)


def grouping_sets() -> dict[str, str]:
    """Each grouping set's key and name, by name: the geographies its groups appear as on
    the rug, in ``marmot compare`` and among the areas to choose."""
    return dict(Grouping.objects.order_by("name").values_list("area_type__code", "name"))
