"""Local groupings: which member area (LSOA, ward) belongs to which local group.

A council groups its small areas in ways no national lookup holds: County Durham's 14 Area
Action Partnerships, Cheshire East's Care Communities, Primary Care Networks. A groupings file
is a CSV or XLSX with one row per member: its area code, its group's name and, optionally,
the group's own code. Every group of a file belongs to one **grouping set**, named by the
caller (``Area Action Partnerships``) or after the file.

Rows are checked here without the database: an empty member code or group name, a member in
two groups of the set, one group name with two codes or one code for two groups, and a group
code that could be mistaken for a GSS code. A group without a code gets one generated from the
set's and the group's names (:func:`group_code`): the same names always give the same code,
whatever the file's order, and it cannot be a GSS code.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import polars as pl

from marmot_monitor.analysis._common import counted
from marmot_monitor.io import validation
from marmot_monitor.io.areas import GSS_CODE
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.tables import find_columns, read_table

ALIASES = {
    "member_code": [
        "membercode",
        "member",
        "areacode",
        "area",
        "code",
        "gsscode",
        "lsoa21cd",
        "lsoa11cd",
        "lsoa21code",
        "lsoa11code",
        "lsoacode",
        "wd24cd",
        "wd23cd",
        "wd22cd",
        "ward24code",
        "wardcode",
        "msoa21cd",
        "msoa21code",
        "msoacode",
    ],
    "group_name": ["groupname", "group", "name", "grouping"],
    "group_code": ["groupcode", "groupid"],
}
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
LONGEST_CODE = 20
LONGEST_NAME = 200
KEY_LENGTH = 30
PREFIX_LETTERS = 4
HASH_DIGITS = 6

NO_SET_NAME = (
    "the grouping set's name {name!r} has no letters or digits to make its key from",
    "name the set with --name, e.g. --name 'Area Action Partnerships'",
)
LONG_SET_NAME = (
    "the grouping set's name is longer than 100 characters",
    "name the set with a shorter --name, e.g. --name 'Area Action Partnerships'",
)
LONGEST_SET_NAME = 100
TWO_GROUPS = (
    "the member is already in group {first!r} (row {row}): a member is in one group of a set"
)
FIX_TWO_GROUPS = "keep one row for the member, in the group it belongs to"
NAME_WITH_TWO_CODES = "the group has another code in an earlier row"
FIX_NAME_WITH_TWO_CODES = "give each group one code on every row, or leave the code column empty"
CODE_FOR_TWO_NAMES = "the code is given to another group in an earlier row"
FIX_CODE_FOR_TWO_NAMES = "give each group its own code, or leave the code column empty"
GSS_SHAPED = "looks like a GSS code (a letter and 8 digits), which belongs to an official area"
FIX_GSS_SHAPED = "use a local code such as AAP-01, or leave the column empty to have one made"
BAD_CODE = "is not a code Marmot Monitor can use (up to 20 letters, digits, '-', '_' or '.')"
FIX_BAD_CODE = "shorten the code or remove spaces and other signs, or leave the column empty"
LONG_NAME = "is longer than 200 characters"
FIX_LONG_NAME = "shorten the group's name"
REPEATS_NOTE = "{rows} a member and its group: each kept once"
LAYOUT = "grouping set {grouping!r}: {members} in {groups}"


def read_groupings(
    path: Path,
    *,
    name: str | None = None,
    columns: dict[str, str] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Reading:
    """Read a groupings file: ``rows`` are ``member_code``, ``group_name``, ``group_code``,
    ``grouping`` (the set's name, the same on every row) and ``row``.

    ``name`` is the set's name (default: the file's name without its extension, with ``_``
    and ``-`` read as spaces); ``columns`` maps ours to the file's, as ``--column`` does.
    """
    path = Path(path)
    grouping = set_name(name, path)
    expected = {key for keys in ALIASES.values() for key in keys}
    table = read_table(path, sheet=sheet, encoding=encoding, expected=expected, limits=limits)
    found = find_columns(
        table, ALIASES, needed=["member_code", "group_name"], mapping=columns or {}
    )
    labels = {ours: found[ours] for ours in found}
    frame = table.frame.select(
        "row",
        *[validation.text(found[c]).alias(c) for c in ("member_code", "group_name") if c in found],
        (
            validation.text(found["group_code"])
            if "group_code" in found
            else pl.lit(None, pl.String)
        ).alias("given_code"),
    )
    repeats = frame.height
    frame = frame.unique(
        ["member_code", "group_name", "given_code"], keep="first", maintain_order=True
    )
    repeats -= frame.height
    problems = gather(
        [
            table.problems,
            validation.required(
                frame, {"member_code": found["member_code"], "group_name": found["group_name"]}
            ),
            _name_problems(frame, found["group_name"]),
            _membership_problems(frame, found["member_code"]),
            *_code_problems(frame, found.get("group_code")),
        ]
    )
    made = {
        group: group_code(grouping, group)
        for group in frame["group_name"].drop_nulls().unique().to_list()
    }
    rows = frame.with_columns(
        pl.coalesce(
            pl.col("given_code").drop_nulls().first().over("group_name"),
            pl.col("group_name").replace_strict(made, default=None, return_dtype=pl.String),
        ).alias("group_code"),
        pl.lit(grouping).alias("grouping"),
    ).select("member_code", "group_name", "group_code", "grouping", "row")
    notes = [*table.notes]
    if repeats:
        notes.append(REPEATS_NOTE.format(rows=counted(repeats, "row repeats", "rows repeat")))
    groups = rows["group_code"].drop_nulls().n_unique()
    return Reading(
        kind="groupings",
        name=table.name,
        layout=LAYOUT.format(
            grouping=grouping,
            members=counted(rows.height, "member"),
            groups=counted(groups, "group"),
        ),
        raw=table.frame,
        rows=rows,
        problems=Problems(table.name, problems),
        labels=labels,
        notes=notes,
        sha256=table.sha256,
    )


def set_name(name: str | None, path: Path) -> str:
    """The set's name: ``name``, or the file's name without extensions (``_``, ``-`` → space)."""
    if name is None:
        stem = path.name.split(".")[0]
        name = re.sub(r"[_-]+", " ", stem)
    name = " ".join(name.split())
    if not grouping_key(name):
        rule, fix = NO_SET_NAME
        raise InvalidFileError(path.name, rule.format(name=name), fix)
    if len(name) > LONGEST_SET_NAME:
        raise InvalidFileError(path.name, *LONG_SET_NAME)
    return name


def grouping_key(name: str) -> str:
    """The set's key: its name in lower case, words joined by ``-`` (at most 30 characters).

    It is the groups' area type and the geography the rug and ``marmot compare`` are asked
    for: ``Area Action Partnerships`` → ``area-action-partnerships``.

    >>> grouping_key("Care Communities (2024)")
    'care-communities-2024'
    """
    words = re.findall(r"[a-z0-9]+", name.lower())
    return "-".join(words)[:KEY_LENGTH].strip("-")


def group_code(grouping: str, group: str) -> str:
    """A stable code for ``group`` of the set ``grouping``: the set's initials, ``-`` and six
    hexadecimal digits of a hash of both names (case and spacing ignored).

    A hyphen is never in a GSS code, so a made code cannot clash with an official area.

    >>> group_code("Area Action Partnerships", "Stanley")
    'AAP-CACE78'
    >>> group_code("area  action partnerships", "STANLEY")
    'AAP-CACE78'
    """
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", grouping)).upper()
    key = "\x1f".join(" ".join(text.casefold().split()) for text in (grouping, group))
    digest = hashlib.sha256(key.encode()).hexdigest()[:HASH_DIGITS].upper()
    return f"{initials[:PREFIX_LETTERS] or 'G'}-{digest}"


def _name_problems(frame: pl.DataFrame, label: str) -> pl.DataFrame:
    return problems_where(
        frame,
        pl.col("group_name").str.len_chars() > LONGEST_NAME,
        column=label,
        value=pl.col("group_name"),
        rule=LONG_NAME,
        fix=FIX_LONG_NAME,
    )


def _membership_problems(frame: pl.DataFrame, label: str) -> pl.DataFrame:
    """Every row after the first that puts a member in a different group."""
    named = frame.filter(pl.col("member_code").is_not_null() & pl.col("group_name").is_not_null())
    first = named.group_by("member_code", maintain_order=True).agg(
        pl.col("group_name").first().alias("first_group"), pl.col("row").first().alias("first_row")
    )
    later = named.join(first, on="member_code").filter(
        pl.col("group_name") != pl.col("first_group")
    )
    return gather(
        problems_where(
            rows,
            pl.lit(True),
            column=label,
            value=pl.col("member_code"),
            rule=TWO_GROUPS.format(first=group, row=row),
            fix=FIX_TWO_GROUPS,
        )
        for (group, row), rows in later.group_by(["first_group", "first_row"], maintain_order=True)
    )


def _code_problems(frame: pl.DataFrame, label: str | None) -> list[pl.DataFrame]:
    """A given code's shape, and one code per group name and one name per code."""
    if label is None:
        return []
    given = frame.filter(pl.col("given_code").is_not_null())
    shape = [
        problems_where(
            given,
            pl.col("given_code").str.contains(GSS_CODE),
            column=label,
            value=pl.col("given_code"),
            rule=GSS_SHAPED,
            fix=FIX_GSS_SHAPED,
        ),
        problems_where(
            given,
            ~pl.col("given_code").str.contains(CODE_PATTERN)
            | (pl.col("given_code").str.len_chars() > LONGEST_CODE),
            column=label,
            value=pl.col("given_code"),
            rule=BAD_CODE,
            fix=FIX_BAD_CODE,
        ),
    ]
    pairs = given.filter(pl.col("group_name").is_not_null())
    first_code = pl.col("given_code").first().over("group_name", order_by="row")
    first_name = pl.col("group_name").first().over("given_code", order_by="row")
    return [
        *shape,
        problems_where(
            pairs,
            pl.col("given_code") != first_code,
            column=label,
            value=pl.col("given_code"),
            rule=NAME_WITH_TWO_CODES,
            fix=FIX_NAME_WITH_TWO_CODES,
        ),
        problems_where(
            pairs,
            pl.col("group_name") != first_name,
            column=label,
            value=pl.col("given_code"),
            rule=CODE_FOR_TWO_NAMES,
            fix=FIX_CODE_FOR_TWO_NAMES,
        ),
    ]
