"""Indicators from files: indicator metadata imports, and the indicators a values file adds.

A metadata file (``marmot import indicators``) is checked against what we already know of
each indicator: the stored catalogue (the shipped Marmot catalogue once loaded, or an
officer's edits) or, for an indicator not stored, the shipped catalogue itself. A polarity,
benchmark method or value type that contradicts ours is a problem of its row, naming ours
and the file's, and refuses the file unless ``update_catalogue`` (then the file's word is
taken). A difference the shipped catalogue makes deliberately (its ``metadata_differs``) is
kept, with a note. Indicators the file names that we do not hold are added, principle
unassigned. A Welsh name or definition the file gives (``title_cy``, ``definition_cy``) is
taken, for stored indicators too: it is a translation, not a judgement to check.

A values file imported with ``create_indicators`` adds the indicators it names that the
catalogue lacks: metadata from the shipped catalogue where it lists the Fingertips ID, else
not compared (value type "other", no judgement) with a definition saying so, until an
officer sets them. Either way nothing is written unless the whole import is.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from marmot_monitor.catalogue import load_catalogue, terms
from marmot_monitor.io.problems import empty_problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data import checks
from marmot_monitor.web.data.models import Import

FIELDS = ("value_type", "polarity", "benchmark_method")
WELSH = {"title_cy": 300, "definition_cy": None}  # a file's Welsh is taken, as an officer's is
STORED = (
    "code", "fingertips_id", "title", "definition", "value_type", "polarity",
    "benchmark_method", "unit", "multiplier", "ci_method", "source", "frequency",
)  # fmt: skip
CONTRADICTS = "contradicts the catalogue: {code} has {what} '{ours}' where the file says '{theirs}'"
FIX_CONTRADICTS = "correct the file, or import it with --update-catalogue to take the file's {what}"
DELIBERATE_NOTE = (
    "{code} ({fingertips_id}): kept our {what} '{ours}' where the file says '{theirs}': "
    "the shipped catalogue differs on purpose (docs/catalogue.md)"
)
ADDED_NOTE = "indicators added to the catalogue, principle unassigned ({count:,}): {codes}"
UPDATED_NOTE = "indicators updated from the file ({count:,}): {codes}"
CREATED_CODE = "FT-{fingertips_id}"
FINGERTIPS_SOURCE = "OHID Fingertips"
NOT_COMPARED = (
    "Added from {file} with its values. The file does not say the value type, polarity or "
    "benchmark method, so the indicator is not compared with benchmarks until an officer "
    "sets them (or imports its Fingertips metadata with `marmot import indicators`)."
)
UNNAMED = "Fingertips indicator {indicator}"
WORDS = {"value_type": "value type", "polarity": "polarity", "benchmark_method": "benchmark method"}
FROM_CATALOGUE, FROM_FILE, NOT_KNOWN = "shipped catalogue", "metadata file", "not known"


@cache
def shipped() -> pl.DataFrame:
    """The shipped Marmot catalogue's entries with a Fingertips ID (read once)."""
    frame = load_catalogue().indicators.filter(pl.col("fingertips_id").is_not_null())
    return frame.with_columns(pl.col("fingertips_id").cast(pl.Int64))


def stored() -> pl.DataFrame:
    """The stored catalogue: every indicator with the fields a metadata file may speak of."""
    return pl.DataFrame(
        list(Indicator.objects.values_list(*STORED)),
        schema={**dict.fromkeys(STORED, pl.String), "fingertips_id": pl.Int64,
                "multiplier": pl.Int64},
        orient="row",
    )  # fmt: skip


def check_metadata(
    reading: Reading, *, create_areas: bool, update_catalogue: bool = False
) -> checks.Plan:
    """Compare each row with the indicator we know; contradictions are the row's problems."""
    known = _known()
    rows = reading.rows.join(known, on="fingertips_id", how="left")
    problems, deliberate = [], []
    for field in FIELDS:
        theirs, ours = pl.col(field), pl.col(f"{field}_ours")
        differs = theirs.is_not_null() & ours.is_not_null() & (theirs != ours)
        on_purpose = pl.col("metadata_differs").list.contains(field).fill_null(False)
        deliberate.append(rows.filter(differs & on_purpose).with_columns(field=pl.lit(field)))
        if not update_catalogue and field in reading.labels:
            rule = CONTRADICTS.format(what=WORDS[field], code="{}", ours="{}", theirs="{}")
            found = problems_where(
                rows,
                differs & ~on_purpose,
                column=reading.label(field),
                value=theirs,
                rule=rule,
                fix=FIX_CONTRADICTS.format(what=WORDS[field]),
            ).join(rows.select("row", "code", f"{field}_ours"), on="row")
            said = pl.format(rule, "code", f"{field}_ours", "value").alias("rule")
            problems.append(found.select("row", "column", "value", said, "fix"))
        rows = rows.with_columns(
            pl.when(differs & on_purpose).then(ours).otherwise(theirs).alias(field)
        )
    reading.notes.extend(_deliberate_notes(pl.concat(deliberate, how="diagonal_relaxed")))
    return checks.Plan(rows=rows, problems=[gather(problems) if problems else empty_problems()])


def _known() -> pl.DataFrame:
    """What we know by Fingertips ID: the stored indicator, else the shipped catalogue's."""
    ours = stored().filter(pl.col("fingertips_id").is_not_null()).drop("ci_method")
    catalogue = shipped()
    from_catalogue = catalogue.join(ours, on="fingertips_id", how="anti").select(
        *ours.columns, pl.lit(FROM_CATALOGUE).alias("known_from")
    )
    both = pl.concat(
        [ours.with_columns(pl.lit("stored").alias("known_from")), from_catalogue],
        how="vertical_relaxed",
    )
    differs = catalogue.select("fingertips_id", "code", "metadata_differs")
    named = {column: f"{column}_ours" for column in STORED[2:] if column in both.columns}
    return both.join(differs, on=["fingertips_id", "code"], how="left").rename(named)


def _deliberate_notes(kept: pl.DataFrame) -> list[str]:
    if kept.is_empty():
        return []
    return [
        DELIBERATE_NOTE.format(
            code=row["code"],
            fingertips_id=row["fingertips_id"],
            what=WORDS[row["field"]],
            ours=row[f"{row['field']}_ours"],
            theirs=row[row["field"]],
        )
        for row in kept.iter_rows(named=True)
    ]


def store_metadata(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    """Add the indicators we do not hold; update those the file changes (update_catalogue)."""
    held = {i.fingertips_id: i for i in Indicator.objects.filter(fingertips_id__isnull=False)}
    added, updated, unchanged = [], [], 0
    for row in rows.iter_rows(named=True):
        indicator = held.get(row["fingertips_id"])
        if indicator is None:
            indicator = Indicator.objects.create(**_new_fields(row, reading.name))
            added.append(indicator.code)
            continue
        changes = {
            f: row[f] for f in FIELDS if row[f] is not None and getattr(indicator, f) != row[f]
        }
        if not indicator.definition and row["definition"]:
            changes["definition"] = row["definition"]
        changes |= {f: row[f] for f in WELSH if row.get(f) and getattr(indicator, f) != row[f]}
        if changes:
            for field, value in changes.items():
                setattr(indicator, field, value)
            indicator.save(update_fields=list(changes))
            updated.append(indicator.code)
        else:
            unchanged += 1
    notes = [
        note.format(count=len(codes), codes=", ".join(codes))
        for note, codes in ((ADDED_NOTE, added), (UPDATED_NOTE, updated))
        if codes
    ]
    return checks.Counts(len(added), len(updated), unchanged, notes)


def _new_fields(row: dict, file: str) -> dict:
    """An indicator's fields: the file's words, then the shipped catalogue's, then defaults."""

    def first(*values):
        return next((v for v in values if v not in (None, "")), None)

    from_catalogue = row.get("known_from") == FROM_CATALOGUE
    ours = {f: row.get(f"{f}_ours") if from_catalogue else None for f in STORED}
    ours["code"] = row.get("code") if from_catalogue else None
    value_type = first(row.get("value_type"), ours["value_type"]) or "other"
    stated = any(row.get(f) or ours[f] for f in FIELDS)
    return {
        "code": ours["code"] or CREATED_CODE.format(fingertips_id=row["fingertips_id"]),
        "fingertips_id": row["fingertips_id"],
        "title": first(ours["title"], row.get("title"))[:300],
        "definition": first(ours["definition"], row.get("definition"))
        or ("" if stated else NOT_COMPARED.format(file=file)),
        "value_type": value_type,
        "polarity": first(row.get("polarity"), ours["polarity"]) or "no judgement",
        "benchmark_method": first(row.get("benchmark_method"), ours["benchmark_method"]) or "none",
        "unit": first(ours["unit"], row.get("unit")) or "",
        "multiplier": first(ours["multiplier"], row.get("multiplier")) or 1,
        "ci_method": terms.DEFAULT_CI_METHODS[value_type],
        "source": first(ours["source"]) or FINGERTIPS_SOURCE,
        "frequency": first(row.get("frequency"), ours["frequency"]) or "annual",
        **{field: (row.get(field) or "")[:limit] for field, limit in WELSH.items()},
    }


def plan_new_indicators(
    matched: pl.DataFrame, reading: Reading
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The indicators a values file names that the catalogue lacks, with the rows' new codes.

    ``matched`` is the file's rows with ``indicator_code`` (null where the catalogue has no
    such indicator). Returns the rows with the planned codes and value types filled in, and
    one row per indicator to add (its fields, the file's ``indicator`` and where its
    metadata came from).
    """
    unknown = matched.filter(pl.col("indicator_code").is_null() & pl.col("indicator").is_not_null())
    if unknown.is_empty():
        return matched, pl.DataFrame()
    name_column = reading.labels.get("indicator_name")
    names = (
        reading.raw.select("row", pl.col(name_column).str.strip_chars().alias("title"))
        if name_column
        else pl.DataFrame(schema={"row": pl.Int64, "title": pl.String})
    )
    wanted = (
        unknown.join(names, on="row", how="left")
        .group_by("indicator", maintain_order=True)
        .agg(pl.col("title").drop_nulls().first())
        .with_columns(pl.col("indicator").cast(pl.Int64, strict=False).alias("fingertips_id"))
    )
    catalogue = shipped().select(
        "fingertips_id", "code", *[pl.col(f).alias(f"{f}_ours") for f in STORED[2:]]
    )
    known = wanted.join(catalogue, on="fingertips_id", how="left").with_columns(
        pl.when(pl.col("code").is_not_null()).then(pl.lit(FROM_CATALOGUE)).alias("known_from")
    )
    planned = []
    for row in known.iter_rows(named=True):
        fields = _new_fields({**row, "title": row["title"] or UNNAMED.format(**row)}, reading.name)
        if row["fingertips_id"] is None:
            fields["code"] = row["indicator"][:30]
        planned.append(
            {"indicator": row["indicator"], **fields, "known_from": row["known_from"] or NOT_KNOWN}
        )
    new = pl.DataFrame(planned)
    filled = matched.join(
        new.select("indicator", pl.col("code").alias("_code"), pl.col("value_type").alias("_type")),
        on="indicator",
        how="left",
    ).with_columns(
        pl.coalesce("indicator_code", "_code").alias("indicator_code"),
        pl.coalesce("value_type", "_type").alias("value_type"),
    )
    return filled.drop("_code", "_type"), new


def create_planned(new: pl.DataFrame | None, rows: pl.DataFrame) -> list[dict]:
    """Add the planned indicators that ``rows`` (the rows being written) name."""
    if new is None or new.is_empty():
        return []
    used = new.filter(pl.col("indicator").is_in(rows["indicator"].unique().implode()))
    created = []
    for row in used.iter_rows(named=True):
        fields = {f: row[f] for f in STORED}
        Indicator.objects.create(**fields)
        created.append({**fields, "known_from": row["known_from"]})
    return created
