"""Set the default framework's place: a council or a group of councils, its benchmark country,
its comparators and its indicator catalogue (``marmot place set`` and the Set the place page).

:func:`plan_place` reads the loaded areas and checks the whole choice with the rules of
:mod:`marmot_monitor.analysis.places`, writing nothing; :func:`apply_place` then writes it in
one transaction. Applying the same plan again changes nothing, and changing the place later
keeps every value, indicator and link: only the framework's place, benchmark and
comparators move. Every change is recorded in the audit trail.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import timezone

from marmot_monitor.analysis import places as rules
from marmot_monitor.analysis.places import AreaChoice, PlaceError
from marmot_monitor.catalogue import Catalogue, load_catalogue
from marmot_monitor.io.area_names import with_official_names
from marmot_monitor.io.comparators import read_comparators
from marmot_monitor.web.catalogue.loading import CatalogueCounts, load_indicators
from marmot_monitor.web.catalogue.models import Framework, Indicator
from marmot_monitor.web.data.areas import set_welsh_names
from marmot_monitor.web.data.frames import area_frame, value_frame
from marmot_monitor.web.data.models import AreaDeprivation, Import
from marmot_monitor.web.data.store import store_values
from marmot_monitor.web.places.models import Area, AreaType
from marmot_monitor.web.programme.audit import record

REGION = "region"
CATALOGUES = ("marmot", "none")
NO_FRAMEWORK = "there is no default framework: run `marmot init` to create the 8 Marmot Principles"
ONE_OR_GROUP = "give one council's code, or --members with --name for a group, not both"
NOTHING_GIVEN = "give a council's code (e.g. E06000049), or --members and --name for a group"
POOLED_FILE = "{name}: pooled from its {count} member councils"
AUDIT_ACTION = "place set"
AUDIT_DESCRIPTION = "Place set to {place}, benchmark {benchmark}, {count} comparators"


@dataclass(frozen=True)
class PlaceChoice:
    """What the user asked for, as the command's options or the page's form give it."""

    place: str | None = None
    members: tuple[str, ...] = ()
    name: str | None = None
    code: str | None = None
    comparators: str = REGION
    comparators_file: Path | None = None
    catalogue: str = "marmot"


@dataclass(frozen=True)
class PlacePlan:
    """A checked choice: everything :func:`apply_place` needs, nothing yet written."""

    place: AreaChoice
    members: list[AreaChoice]
    benchmark: tuple[str, str]
    comparators: list[AreaChoice]
    catalogue: Catalogue | None
    vintage: int


@dataclass
class PlaceOutcome:
    """What applying a plan did."""

    plan: PlacePlan
    changed: bool = False
    areas_added: list[str] = field(default_factory=list)
    catalogue: CatalogueCounts | None = None
    pooled: int = 0
    not_pooled: dict[str, str] = field(default_factory=dict)
    welsh_names: int = 0


def plan_place(choice: PlaceChoice) -> PlacePlan:
    """Check ``choice`` against the loaded areas; raises :class:`PlaceError` (or the
    catalogue's or the comparators file's error) without writing anything."""
    if choice.place and choice.members:
        raise PlaceError(ONE_OR_GROUP)
    if not choice.place and not choice.members:
        raise PlaceError(NOTHING_GIVEN)
    areas = area_frame()
    indexes = AreaDeprivation.objects.values_list("index", flat=True).distinct()
    if choice.members:
        members = rules.check_members(choice.members, areas, name=choice.name)
        place = AreaChoice(
            rules.group_code(choice.name or "", choice.code, areas),
            " ".join((choice.name or "").split()),
            "place",
            rules.common_parent(members, areas),
        )
    else:
        members = []
        place = rules.find_authority(choice.place or "", areas)
    rules.require_deprivation(members[0] if members else place, list(indexes))
    councils = members or [place]
    vintages = dict(
        Area.objects.filter(code__in=rules.authorities(areas)["area_code"].to_list()).values_list(
            "code", "vintage"
        )
    )
    for council in councils:
        rules.require_current(council, areas, vintages=vintages)
    return PlacePlan(
        place=place,
        members=members,
        benchmark=rules.benchmark_of(councils[0].code),
        comparators=_comparators(choice, councils, areas),
        catalogue=_catalogue(choice.catalogue),
        vintage=max(vintages[c.code] for c in councils),
    )


def _comparators(choice: PlaceChoice, councils: list[AreaChoice], areas: pl.DataFrame):
    if choice.comparators_file is not None:
        rows = read_comparators(choice.comparators_file)
        source = Path(choice.comparators_file).name
    elif choice.comparators.strip().lower() == REGION:
        return rules.region_comparators(councils, areas)
    else:
        rows = rules.code_rows(choice.comparators.split(","))
        return rules.check_comparators(
            rows, areas, places=councils, source="--comparators", item="code"
        )
    return rules.check_comparators(rows, areas, places=councils, source=source)


def _catalogue(which: str) -> Catalogue | None:
    if which == "none":
        return None
    return load_catalogue(None if which == "marmot" else Path(which))


def apply_place(plan: PlacePlan, *, user=None) -> PlaceOutcome:
    """Write ``plan``: areas it needs, the framework's place, benchmark and comparators,
    the catalogue, and a group's pooled values; in one transaction, audited."""
    outcome = PlaceOutcome(plan=plan)
    with transaction.atomic():
        framework = Framework.objects.select_for_update().filter(is_default=True).first()
        if framework is None:
            raise PlaceError(NO_FRAMEWORK)
        before = _state(framework)
        benchmark = _ensure_country(plan, outcome)
        place = _ensure_place(plan, outcome, benchmark)
        framework.place, framework.benchmark = place, benchmark
        framework.save(update_fields=["place", "benchmark"])
        framework.comparators.set(Area.objects.filter(code__in=[c.code for c in plan.comparators]))
        if plan.catalogue is not None:
            outcome.catalogue = load_indicators(plan.catalogue, framework)
        if plan.members:
            _pool(plan, outcome, user)
        outcome.welsh_names = _official_welsh_names(plan)
        after = _state(framework)
        outcome.changed = bool(
            before != after
            or outcome.areas_added
            or outcome.welsh_names
            or outcome.pooled
            or (outcome.catalogue and (outcome.catalogue.created or outcome.catalogue.updated))
            or (outcome.catalogue and outcome.catalogue.links_added)
        )
        if outcome.changed:
            record(
                user,
                action=AUDIT_ACTION,
                instance=framework,
                description=AUDIT_DESCRIPTION.format(
                    place=plan.place.label,
                    benchmark=plan.benchmark[1],
                    count=len(plan.comparators),
                ),
                before=before,
                after=after,
            )
    return outcome


def _official_welsh_names(plan: PlacePlan) -> int:
    """Give the Welsh councils and Wales without a Welsh name their official ones."""
    areas = [plan.place, *plan.members, *plan.comparators]
    codes = pl.DataFrame(
        {"code": [plan.benchmark[0], *(area.code for area in areas)]},
        schema={"code": pl.String},
    ).with_columns(pl.lit(None, pl.String).alias("name_cy"))
    named, _ = set_welsh_names(with_official_names(codes), only_missing=True)
    return named


def _state(framework: Framework) -> dict:
    members = list(
        Area.objects.filter(groups=framework.place_id)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return {
        "place": framework.place.code if framework.place_id else None,
        "benchmark": framework.benchmark.code if framework.benchmark_id else None,
        "comparators": sorted(framework.comparators.values_list("code", flat=True)),
        "members": members,
    }


def _area_type(code: str) -> AreaType:
    return AreaType.objects.get(code=code)


def _ensure_country(plan: PlacePlan, outcome: PlaceOutcome) -> Area:
    """The benchmark country (created with its name if the lookups did not add it); the
    councils' regions, and Welsh councils, without a parent are linked to it."""
    code, name = plan.benchmark
    country, made = Area.objects.get_or_create(
        code=code,
        defaults={"name": name, "area_type": _area_type("country"), "vintage": plan.vintage},
    )
    if made:
        outcome.areas_added.append(f"{code} {name}")
    councils = plan.members or [plan.place]
    codes = [c.code for c in councils]
    # Two plain lookups by code, not one query joining areas to their children under an OR:
    # that one is planned as a scan of every area (and its children) for each area.
    regions = Area.objects.filter(children__code__in=codes, area_type__code="region")
    unitaries = Area.objects.filter(code__in=codes, area_type__code="unitary")
    orphans = {*regions.values_list("pk", flat=True), *unitaries.values_list("pk", flat=True)}
    Area.objects.filter(pk__in=orphans, parent__isnull=True, code__startswith=code[0]).exclude(
        pk=country.pk
    ).update(parent=country)
    return country


def _ensure_place(plan: PlacePlan, outcome: PlaceOutcome, benchmark: Area) -> Area:
    if not plan.members:
        return Area.objects.get(code=plan.place.code)
    parent = Area.objects.get(code=plan.place.parent_code)
    group, made = Area.objects.get_or_create(
        code=plan.place.code,
        defaults={
            "name": plan.place.name,
            "area_type": _area_type("place"),
            "parent": parent,
            "vintage": plan.vintage,
        },
    )
    if made:
        outcome.areas_added.append(plan.place.label)
    elif (group.name, group.parent_id) != (plan.place.name, parent.pk):
        group.name, group.parent = plan.place.name, parent
        group.save(update_fields=["name", "parent"])
        outcome.areas_added.append(plan.place.label)
    group.members.set(Area.objects.filter(code__in=[m.code for m in plan.members]))
    return group


def _pool(plan: PlacePlan, outcome: PlaceOutcome, user) -> None:
    """Store the group's values pooled from its members' counts (a record of its own)."""
    codes = [member.code for member in plan.members]
    values = (
        value_frame(areas=codes, breakdowns=True)
        .drop("period")
        .rename({"indicator": "indicator_code", "period_label": "period"})
    )
    indicators = _indicator_types(values["indicator_code"].unique().to_list())
    pooled, outcome.not_pooled = rules.pool_members(
        values, indicators, members=codes, code=plan.place.code
    )
    if pooled.is_empty():
        return
    digest = hashlib.sha256(pooled.sort(pooled.columns).write_csv().encode()).hexdigest()
    source = Import.objects.create(
        kind=Import.Kind.VALUES,
        file_name=POOLED_FILE.format(name=plan.place.name, count=len(codes)),
        sha256=digest,
        user=user if user is not None and user.is_authenticated else None,
        rows_read=pooled.height,
    )
    summary = store_values(pooled, source=source)
    if not summary.changed_anything:
        source.delete()
        return
    source.status = Import.Status.SUCCEEDED
    source.finished_at = timezone.now()
    source.rows_written = summary.inserted + summary.updated
    source.save(update_fields=["status", "finished_at", "rows_written"])
    outcome.pooled = summary.inserted + summary.updated


def _indicator_types(codes: list[str]) -> pl.DataFrame:
    rows = Indicator.objects.filter(code__in=codes).values_list("code", "value_type", "multiplier")
    return pl.DataFrame(
        list(rows),
        schema={"indicator_code": pl.String, "value_type": pl.String, "multiplier": pl.Int64},
        orient="row",
    )


@dataclass(frozen=True)
class PlaceSummary:
    """The default framework's place as ``marmot place show`` and the page show it."""

    framework: str
    place: str | None
    place_type: str | None
    parent: str | None
    benchmark: str | None
    comparators: list[str]
    members: list[str]
    indicators: int
    indicators_by_principle: list[tuple[str, int]]


def current_place() -> PlaceSummary:
    """What the default framework is set to now; raises :class:`PlaceError` without one."""
    framework = (
        Framework.objects.select_related("place__area_type", "place__parent", "benchmark")
        .filter(is_default=True)
        .first()
    )
    if framework is None:
        raise PlaceError(NO_FRAMEWORK)
    place = framework.place
    by_principle = [
        (f"{p.number}. {p.short_name}", p.indicators.count())
        for p in framework.principles.order_by("number")
    ]
    linked = Indicator.objects.filter(principles__framework=framework).distinct().count()
    return PlaceSummary(
        framework=framework.name,
        place=_label(place),
        place_type=place.area_type.name if place else None,
        parent=_label(place.parent) if place else None,
        benchmark=_label(benchmark_area(framework)),
        comparators=[_label(a) for a in framework.comparators.order_by("name")],
        members=[_label(a) for a in place.members.order_by("name")] if place else [],
        indicators=linked,
        indicators_by_principle=by_principle,
    )


def benchmark_area(framework: Framework | None) -> Area | None:
    """The area values are compared with: the framework's benchmark, or else (a database set
    up before benchmarks were stored) the first country loaded, as before."""
    if framework is not None and framework.benchmark_id is not None:
        return framework.benchmark
    return Area.objects.filter(area_type__code="country").order_by("code").first()


def _label(area: Area | None) -> str | None:
    return f"{area.code} {area.shown_name}" if area is not None else None
