"""Load an indicator catalogue (the shipped Marmot set, or a file like it) into the database.

Each entry becomes an :class:`~.models.Indicator` linked to the framework's principles by
number (the first listed is the primary one). An indicator already stored with the same code,
or else the same Fingertips ID, is updated in place, never duplicated; nothing is deleted, so
values, targets and links an officer made stay. Loading the same catalogue again changes
nothing. Call inside a transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from marmot_monitor.catalogue import Catalogue
from marmot_monitor.web.catalogue.models import Framework, Indicator, IndicatorPrinciple

FIELDS = (
    "title", "definition", "value_type", "unit", "multiplier", "polarity",
    "benchmark_method", "ci_method", "source", "frequency",
)  # fmt: skip


@dataclass(frozen=True)
class CatalogueCounts:
    """What loading a catalogue did."""

    created: int
    updated: int
    unchanged: int
    links_added: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def load_indicators(catalogue: Catalogue, framework: Framework) -> CatalogueCounts:
    """Create or update the catalogue's indicators and link them to ``framework``'s principles."""
    principles = {p.number: p for p in framework.principles.all()}
    by_code = {i.code: i for i in Indicator.objects.all()}
    by_id = {i.fingertips_id: i for i in by_code.values() if i.fingertips_id is not None}
    created = updated = unchanged = links = 0
    for entry in catalogue.indicators.iter_rows(named=True):
        indicator = by_code.get(entry["code"]) or by_id.get(entry["fingertips_id"])
        wanted = {field: entry[field] for field in FIELDS}
        fingertips_id = entry["fingertips_id"]
        if fingertips_id is not None and by_id.get(fingertips_id, indicator) is indicator:
            wanted["fingertips_id"] = fingertips_id
        if indicator is None:
            indicator = Indicator.objects.create(code=entry["code"], **wanted)
            by_code[indicator.code] = indicator
            created += 1
        elif any(getattr(indicator, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(indicator, field, value)
            indicator.save(update_fields=list(wanted))
            updated += 1
        else:
            unchanged += 1
        if indicator.fingertips_id is not None:
            by_id[indicator.fingertips_id] = indicator
        links += _link(indicator, [principles[n] for n in entry["principles"] if n in principles])
    return CatalogueCounts(created, updated, unchanged, links)


def _link(indicator: Indicator, principles: list) -> int:
    added = 0
    for position, principle in enumerate(principles):
        _, made = IndicatorPrinciple.objects.get_or_create(
            indicator=indicator, principle=principle, defaults={"is_primary": position == 0}
        )
        added += made
    return added
