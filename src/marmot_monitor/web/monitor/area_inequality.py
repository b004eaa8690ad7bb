"""The area page's inequality within the area: an equiplot with a line for each of its
indicators (its subgroups as dots, on the indicator's own axis), the table beside it, each
indicator's measure (the SII by deprivation, with its sentence; D otherwise) and the
downloads (CSV, XLSX).

The subgroups are the query's ``category`` (deprivation deciles or quintiles, sex or a
category type the area's values hold). The frames come from
:func:`~marmot_monitor.web.data.inequality_views.area_inequality`, the chart from
:func:`~marmot_monitor.charts.inequality.equiplot_chart`, the sentences from
:func:`~marmot_monitor.reports.text.inequality_sentence`.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.inequality_views import equiplot_rows
from marmot_monitor.charts.inequality import equiplot_chart
from marmot_monitor.reports.text import inequality_sentence, sentence, with_unit
from marmot_monitor.web.data.indicator_series import IndicatorUnavailableError
from marmot_monitor.web.data.inequality_views import (
    DEPRIVATION,
    QUINTILES,
    SEX,
    AreaInequality,
    area_inequality,
)
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.monitor.downloads import TABLE_FORMATS
from marmot_monitor.web.monitor.embedding import (
    DataTable,
    Download,
    EmbeddedChart,
    embed_chart,
    table_from_frame,
)

UNKNOWN_CATEGORY = _(
    "This area's indicators have no subgroups of %(value)s: choose subgroups from the list"
)
CATEGORY_LABELS = {
    DEPRIVATION: _("Deprivation deciles"),
    QUINTILES: _("Deprivation quintiles"),
    SEX: _("Sex: males and females"),
}
NOT_CALCULATED = _("%(measure)s not calculated: not every subgroup has a valid value and limits")
FORMAT_LABELS = {"csv": _("Table as CSV"), "xlsx": _("Table as an Excel workbook")}
DOWNLOAD_COLUMNS = [
    "indicator", "title", "unit", "period", "order", "subgroup", "value", "lower_ci_95",
    "upper_ci_95", "population", "measure", "estimate", "estimate_lower_ci_95",
    "estimate_upper_ci_95", "in_words", "note",
]  # fmt: skip


class AreaInequalityForm(forms.Form):
    """The subgroups of the area page's inequality section (a GET form, so each is a URL)."""

    category = forms.ChoiceField(
        label=_("Subgroups"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CATEGORY},
    )

    def __init__(self, data, *, area: str, codes: tuple[str, ...]) -> None:
        super().__init__(data)
        held = (
            Value.objects.filter(area__code=area, indicator__code__in=codes)
            .exclude(category_type="")
            .values_list("category_type", flat=True)
            .distinct()
        )
        types = sorted(name for name in held if "deprivation" not in name.lower())
        self.fields["category"].choices = [
            *CATEGORY_LABELS.items(),
            *((name, name) for name in types),
        ]
        self.fields["category"].widget.attrs["class"] = "govuk-select"

    def chosen(self) -> str:
        """The valid form's subgroups: deprivation deciles unless chosen."""
        return self.cleaned_data.get("category") or DEPRIVATION


@dataclass(frozen=True)
class AreaInequalitySection:
    """The area page's section: the equiplot with its table, the measures and why none."""

    equiplot: EmbeddedChart | None
    measures: DataTable | None
    sentences: list[tuple[str, str]]
    reading: str
    message: str


def download_url(area: str, category: str, fmt: str, principle: int | None = None) -> str:
    path = reverse("monitor-area-inequality-download", args=[area, fmt])
    query = [f"principle={principle}"] if principle else []
    if category != DEPRIVATION:
        query.append(f"category={category}")
    return f"{path}?{'&'.join(query)}" if query else path


def _found(area: str, codes: tuple[str, ...], category: str) -> tuple[AreaInequality | None, str]:
    try:
        return area_inequality(area, codes=codes, category=category), ""
    except (IndicatorUnavailableError, AnalysisError) as error:
        return None, sentence(str(error))


def _in_words(found: AreaInequality) -> pl.DataFrame:
    """Each indicator's measure with its sentence (``in_words``)."""
    words = []
    for row in found.measures.iter_rows(named=True):
        if found.ordered:
            said = inequality_sentence(
                "sii",
                row["estimate"],
                indicator=row["title"],
                unit=row["unit"],
                quantiles=row["quantiles"],
            )
        elif row["estimate"] is not None:
            said = sentence(
                f"{row['name']} between the highest and lowest of its {found.subgroup_words}: "
                f"{with_unit(row['estimate'], row['unit'])}"
            )
        else:
            said = ""
        missing = NOT_CALCULATED % {"measure": row["measure"]}
        words.append(said or sentence(row["note"] or str(missing)))
    return found.measures.with_columns(pl.Series("in_words", words, dtype=pl.String))


def area_inequality_rows(
    area: str, codes: tuple[str, ...], category: str
) -> tuple[pl.DataFrame | None, str]:
    """The section's download: each indicator's subgroups with its measure and sentence."""
    found, why = _found(area, codes, category)
    if found is None:
        return None, why
    rows = _equiplot_rows(found)
    measures = _in_words(found).select(
        "indicator",
        "measure",
        "estimate",
        pl.col("lower_ci_95").alias("estimate_lower_ci_95"),
        pl.col("upper_ci_95").alias("estimate_upper_ci_95"),
        "in_words",
        "note",
    )
    return rows.join(measures, on="indicator", how="left").select(DOWNLOAD_COLUMNS), ""


def _equiplot_rows(found: AreaInequality) -> pl.DataFrame:
    rows = equiplot_rows(found.subgroups, period=None, ordered=found.ordered, line="title")
    return rows.drop("subgroup", strict=False).rename({"subgroup_label": "subgroup"})


def area_inequality_section(
    area: str, codes: tuple[str, ...], category: str, principle: int | None = None
) -> AreaInequalitySection:
    """The section for the area's indicators ``codes`` by ``category``."""
    found, why = _found(area, codes, category)
    if found is None:
        return AreaInequalitySection(None, None, [], "", why)
    rows = _equiplot_rows(found)
    lines = rows["title"].n_unique()
    title = gettext("Inequality within %(area)s by %(subgroups)s") % {
        "area": found.area_name,
        "subgroups": found.subgroup_words,
    }
    chart = equiplot_chart(
        rows,
        title=title,
        unit="",
        period="each indicator's latest",
        ordered=found.ordered,
        line="title",
        line_title="Indicator",
        own_scales=True,
    )
    description = gettext(
        "Equiplot of %(area)s: one line for each of %(lines)s indicators, with a dot for each "
        "of its %(subgroups)s at its value in the indicator's latest period, each line on the "
        "indicator's own scale; the longer the line, the wider the gap between its subgroups."
    ) % {"area": found.area_name, "lines": lines, "subgroups": found.subgroup_words}
    table = table_from_frame(
        rows,
        caption=gettext("Each indicator of %(area)s by %(subgroups)s")
        % {"area": found.area_name, "subgroups": found.subgroup_words},
        columns={
            "title": gettext("Indicator"),
            "period": gettext("Period"),
            "subgroup": gettext("Subgroup"),
            "value": gettext("Value"),
            "lower_ci_95": gettext("Lower 95% limit"),
            "upper_ci_95": gettext("Upper 95% limit"),
        },
    )
    downloads = [
        Download(str(FORMAT_LABELS[fmt]), download_url(area, category, fmt, principle))
        for fmt in TABLE_FORMATS
    ]
    embedded = embed_chart(
        chart, id="area-equiplot", description=description, table=table, downloads=downloads
    )
    measures = _in_words(found)
    measure = measures["measure"][0]
    measure_table = table_from_frame(
        measures.with_columns(pl.col("note").fill_null("")),
        caption=gettext("%(measure)s of each indicator in %(area)s")
        % {"measure": measures["name"][0], "area": found.area_name},
        columns={
            "title": gettext("Indicator"),
            "period": gettext("Period"),
            "estimate": measure,
            "lower_ci_95": gettext("Lower 95% limit"),
            "upper_ci_95": gettext("Upper 95% limit"),
            "note": gettext("Note"),
        },
        decimals=2,
    )
    sentences = [
        (row["title"], row["in_words"]) for row in measures.iter_rows(named=True) if row["in_words"]
    ]
    return AreaInequalitySection(embedded, measure_table, sentences, found.reading, "")
