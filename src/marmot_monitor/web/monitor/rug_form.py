"""The rug page's choices: a GET form, so that every view of the rug is a shareable URL."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.rug_layout import SORT_BY_NAME
from marmot_monitor.charts.colours import PALETTES
from marmot_monitor.web.bilingual import short_name
from marmot_monitor.web.data.frameworks import benchmark_area, benchmark_name, default_framework
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.data.rugs import category_types, parent_area, period_years
from marmot_monitor.web.monitor.caching import cached
from marmot_monitor.web.monitor.page_changes import clean_since

LATEST = "latest"
PALETTE_NAMES = {
    "fingertips": _("Fingertips colours"),
    "colour-blind-safe": _("Colour-blind-safe colours"),
}
PLACE_AMONG_AREAS = _("{place} is one of the areas compared: choose {benchmark} or {parent}")
PLACE_AMONG_AREAS_NO_PARENT = _("{place} is one of the areas compared: choose {benchmark}")


@dataclass(frozen=True)
class RugView:
    """One view of the rug: what :func:`~marmot_monitor.web.data.rugs.place_rug` is asked,
    how its areas are sorted and in which colours."""

    geography: str = "comparators"
    principle: int | None = None
    benchmark: str | None = None
    year: int | None = None
    sort: str = ""
    palette: str = "fingertips"
    category_type: str | None = None
    changed_since: str = ""

    def query(self, **changes) -> str:
        """The URL query of this view (with ``changes``), leaving out what is the default."""
        values = {**asdict(self), **changes}
        defaults = asdict(RugView())
        shown = {name: value for name, value in values.items() if value != defaults[name]}
        return urlencode({"period" if name == "year" else name: v for name, v in shown.items()})

    def sorted_by(self, key: str) -> tuple[str, str]:
        """(``aria-sort`` now, the sort a link on ``key`` asks next): values highest first,
        then lowest; names A to Z, then Z to A."""
        first, second = (key, f"-{key}") if key == SORT_BY_NAME else (f"-{key}", key)
        if self.sort == first:
            return ("ascending" if key == SORT_BY_NAME else "descending"), second
        if self.sort == second:
            return ("descending" if key == SORT_BY_NAME else "ascending"), first
        return "", first


@dataclass(frozen=True)
class RugChoices:
    """What the form offers, read from the database once per data version."""

    place_name: str
    parent_name: str | None
    made_of_councils: bool
    principles: list[tuple[int, str]]
    years: list[int]
    category_types: list[str]


def rug_choices() -> RugChoices:
    return cached("rug-choices", (), _read_choices)


def _read_choices() -> RugChoices:
    framework = default_framework()
    place = framework.place if framework else None
    parent = parent_area() if place else None
    if parent is not None and parent == benchmark_area(framework):
        parent = None  # a Welsh council's parent is Wales, the benchmark: offer it once
    principles = framework.principles.order_by("number") if framework else []
    return RugChoices(
        place_name=place.shown_name if place else "the place",
        parent_name=parent.shown_name if parent else None,
        made_of_councils=bool(place and place.members.exists()),
        principles=[(p.number, f"{p.number}. {short_name(p)}") for p in principles],
        years=period_years(),
        category_types=category_types(),
    )


class RugForm(forms.Form):
    geography = forms.ChoiceField(label=_("Areas"), required=False)
    principle = forms.TypedChoiceField(
        label=_("Principle"), coerce=int, empty_value=None, required=False
    )
    benchmark = forms.ChoiceField(label=_("Compared with"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)
    category_type = forms.ChoiceField(label=_("Rows"), required=False)
    palette = forms.ChoiceField(
        label=_("Colours"),
        required=False,
        choices=[(name, PALETTE_NAMES[name]) for name in PALETTES],
    )
    sort = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    changed_since = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)

    def __init__(self, data=None) -> None:
        super().__init__(data)
        choices = rug_choices()
        self.place_name, self.parent_name = choices.place_name, choices.parent_name
        place = choices.place_name
        self.fields["geography"].choices = [
            ("comparators", _("{place} and its comparators").format(place=place)),
            (
                "districts",
                (
                    _("Councils in {place}")
                    if choices.made_of_councils
                    else _("Districts in {place}")
                ).format(place=place),
            ),
            ("wards", _("Wards in {place}").format(place=place)),
            ("lsoas", _("Small areas (LSOAs) in {place}").format(place=place)),
            *(
                (key, _("{name} in {place}").format(name=name, place=place))
                for key, name in grouping_sets().items()
            ),
        ]
        self.fields["principle"].choices = [("", _("All principles")), *choices.principles]
        benchmark = benchmark_name()
        benchmarks = [
            (
                "",
                _("Usual: {benchmark}, or {place} for areas in it").format(
                    benchmark=benchmark, place=place
                ),
            ),
            ("england", benchmark),
        ]
        if choices.parent_name:
            benchmarks.append(("parent", choices.parent_name))
        self.fields["benchmark"].choices = [*benchmarks, ("place", place)]
        self.fields["period"].choices = [
            (LATEST, _("Latest")),
            *(
                (str(year), _("Latest ending by {year}").format(year=year))
                for year in choices.years
            ),
        ]
        if choices.category_types:
            self.fields["category_type"].choices = [
                ("", _("Each area's own values")),
                *(
                    (kind, _("By {kind}").format(kind=f"{kind[:1].lower()}{kind[1:]}"))
                    for kind in choices.category_types
                ),
            ]
        else:  # nothing is split by category: no choice to offer
            del self.fields["category_type"]

    def full_clean(self) -> None:
        super().full_clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Select):
                error = " govuk-select--error" if name in self.errors else ""
                field.widget.attrs["class"] = "govuk-select" + error

    def clean_changed_since(self) -> str:
        return clean_since(self.cleaned_data["changed_since"])

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("geography") in ("", "comparators") and cleaned.get("benchmark") == "place":
            words = PLACE_AMONG_AREAS if self.parent_name else PLACE_AMONG_AREAS_NO_PARENT
            self.add_error(
                "benchmark",
                words.format(
                    place=self.place_name, parent=self.parent_name, benchmark=benchmark_name()
                ),
            )
        return cleaned

    def view(self) -> RugView:
        """The view the valid form asks for."""
        data = self.cleaned_data
        period = data.get("period") or LATEST
        return RugView(
            geography=data.get("geography") or "comparators",
            principle=data.get("principle"),
            benchmark=data.get("benchmark") or None,
            year=None if period == LATEST else int(period),
            sort=data.get("sort") or "",
            palette=data.get("palette") or "fingertips",
            category_type=data.get("category_type") or None,
            changed_since=data.get("changed_since") or "",
        )
