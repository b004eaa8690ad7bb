"""The "Choose sites" and "Reach by deprivation" pages: their forms, and what they show.

A candidate-site file is scored with :mod:`marmot_monitor.analysis.sites` (as ``marmot
sites``) and a service-user file counted with :mod:`marmot_monitor.analysis.reach` (as
``marmot reach``). A refusal from any layer below becomes an error on the file's field, naming
the row and column; nothing is stored either way. The CSV and XLSX downloads are written by
:mod:`marmot_monitor.io.sites` and :mod:`marmot_monitor.io.reach` and carried in the page
itself, so no upload is kept after the request.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from marmot_monitor.analysis.reach import ALL_PERIODS, SII_SIGN, reach_by_deprivation
from marmot_monitor.analysis.sites import CriterionSpec, choose_sites
from marmot_monitor.charts.sites import reach_chart, site_chart, site_map
from marmot_monitor.io.problems import InvalidRowsError
from marmot_monitor.io.reach import reach_tables, reach_to_csv, reach_to_xlsx, read_service_users
from marmot_monitor.io.sites import read_sites, site_table, sites_to_csv, sites_to_xlsx
from marmot_monitor.web.allocation.forms import sentence
from marmot_monitor.web.data.sites import (
    NoMapBoundariesError,
    locate_sites,
    placed_users,
    reach_lsoas,
    site_criteria,
    site_map_data,
    site_place,
)
from marmot_monitor.web.monitor.embedding import (
    DataTable,
    Download,
    EmbeddedChart,
    embed_chart,
    table_from_frame,
)

TOO_LARGE = gettext_lazy("The file is larger than {limit}: give one row per site or per area")
NO_FILE = gettext_lazy("Choose the file to upload")
NO_CRITERIA = gettext_lazy(
    "Choose at least one criterion: give IMD decile or assets a weight above 0, an "
    "indicator, or a column"
)
SAME_COLUMN = gettext_lazy(
    "The second column is the same as the first: choose another column, or leave it empty"
)
DIRECTIONS = [
    ("low", gettext_lazy("Lower values favour a site")),
    ("high", gettext_lazy("Higher values favour a site")),
]
BY = [("decile", gettext_lazy("IMD decile")), ("quintile", gettext_lazy("IMD quintile"))]
IN_A_SENTENCE = {
    "decile": pgettext_lazy("in a sentence", "IMD decile"),
    "quintile": pgettext_lazy("in a sentence", "IMD quintile"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOOKUP_ACCEPT = ".csv,text/csv"
NO_MAP = gettext_lazy(
    "There is no map: load the place's ward boundaries, or its own boundary, to draw one "
    "(marmot import boundaries)."
)
NO_POINTS = gettext_lazy(
    "There is no map: no site has a point. Give sites a postcode (with a postcode lookup) or a "
    "latitude and longitude, or load ward or LSOA boundaries to draw sites given by code."
)


def _postcodes(help_text: str) -> forms.FileField:
    return forms.FileField(
        label=gettext_lazy("Postcode lookup (optional)"), required=False, help_text=help_text
    )


def _weight(label: Promise, initial: float) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        initial=initial,
        min_value=0,
        max_value=1000,
        help_text=gettext_lazy("0 leaves it out"),
    )


def _direction(label: Promise, initial: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=DIRECTIONS, initial=initial, widget=forms.RadioSelect
    )


class UploadForm(forms.Form):
    """A form with one file, refused when larger than the upload limit."""

    def __init__(self, *args, too_large: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large is not None:  # the file was cut off, so is missing: say why
            self.fields["file"].required = False

    def error_links(self) -> list[tuple[str, str]]:
        return [
            (self[name].auto_id, error)
            for name in self.fields
            for error in self.errors.get(name, ())
        ]

    def clean_file(self):
        if self.too_large is not None:
            raise forms.ValidationError(TOO_LARGE.format(limit=filesizeformat(self.too_large)))
        return self.cleaned_data["file"]


class SitesForm(UploadForm):
    file = forms.FileField(
        error_messages={"required": NO_FILE},
        label=gettext_lazy("Candidate sites (CSV or XLSX)"),
        help_text=gettext_lazy(
            "A name column and lsoa_code, ward_code, postcode, or latitude and longitude; "
            "other columns of numbers may be criteria"
        ),
    )
    postcodes = _postcodes(
        gettext_lazy("ONS NSPL or ONSPD CSV rows for your place, for sites given by postcode")
    )
    imd_weight = _weight(gettext_lazy("Weight of the IMD decile"), 1)
    imd_direction = _direction(gettext_lazy("The IMD decile"), "low")
    indicator = forms.ChoiceField(label=gettext_lazy("An indicator (optional)"), required=False)
    indicator_weight = _weight(gettext_lazy("Weight of the indicator"), 1)
    indicator_direction = _direction(gettext_lazy("The indicator"), "high")
    assets_weight = _weight(gettext_lazy("Weight of high need with few community assets"), 0)
    column = forms.CharField(
        label=gettext_lazy("A column of the file (optional)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Its heading as written in the file, e.g. green_per_1000"),
    )
    column_weight = _weight(gettext_lazy("Weight of the column"), 1)
    column_direction = _direction(gettext_lazy("The column"), "high")
    column_2 = forms.CharField(
        label=gettext_lazy("A second column of the file (optional)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Its heading as written in the file, e.g. natural_greenspace_deficit"
        ),
    )
    column_2_weight = _weight(gettext_lazy("Weight of the second column"), 1)
    column_2_direction = _direction(gettext_lazy("The second column"), "high")
    top = forms.IntegerField(
        label=gettext_lazy("How many sites to choose"), initial=3, min_value=1, max_value=1000
    )

    def __init__(self, *args, indicators: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", gettext_lazy("None")), *indicators]

    def specs(self) -> list[CriterionSpec]:
        """The criteria chosen, as ``marmot sites --criterion`` would give them."""
        data = self.cleaned_data
        chosen = []
        if data["imd_weight"] > 0:
            chosen.append(
                CriterionSpec("imd-decile", "", data["imd_direction"], data["imd_weight"])
            )
        if data["indicator"]:
            chosen.append(
                CriterionSpec(
                    "indicator", data["indicator"], data["indicator_direction"],
                    data["indicator_weight"],
                )
            )  # fmt: skip
        if data["assets_weight"] > 0:
            chosen.append(CriterionSpec("assets", "", None, data["assets_weight"]))
        for column in ("column", "column_2"):
            if data[column].strip():
                chosen.append(
                    CriterionSpec(
                        "column", data[column].strip(), data[f"{column}_direction"],
                        data[f"{column}_weight"],
                    )
                )  # fmt: skip
        return chosen

    def clean(self):
        data = super().clean()
        first, second = (data.get(c, "").strip() for c in ("column", "column_2"))
        if first and first == second:
            self.add_error("column_2", SAME_COLUMN)
        if not self.errors and not self.specs():
            self.add_error(None, NO_CRITERIA)
        return data


class ReachForm(UploadForm):
    file = forms.FileField(
        error_messages={"required": NO_FILE},
        label=gettext_lazy("Service users (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns lsoa_code (or postcode) and users, and optionally period; one row per LSOA "
            "or postcode (and period)"
        ),
    )
    postcodes = _postcodes(
        gettext_lazy("ONS NSPL or ONSPD CSV rows for your place, for users given by postcode")
    )
    by = forms.ChoiceField(label=gettext_lazy("Group areas by"), choices=BY, initial="decile",
                           widget=forms.RadioSelect)  # fmt: skip


@dataclass(frozen=True)
class ResultPage:
    """What a result shows: its summary lines, tables, charts and downloads."""

    summary: tuple[str, ...]
    tables: tuple[DataTable, ...]
    charts: tuple[EmbeddedChart, ...]
    downloads: tuple[Download, ...]


def _data_url(body: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(body).decode('ascii')}"


def _as_table(frame: pl.DataFrame, caption: str) -> DataTable:
    return table_from_frame(frame, caption=caption, columns={c: c for c in frame.columns})


def _file_error(error: ValueError, name: str) -> str:
    return sentence(str(error), file_name=name)


def _lookup(form: UploadForm) -> Path | None:
    """Where the form's postcode lookup was stored, if one was given."""
    upload = form.cleaned_data.get("postcodes")
    return Path(upload.temporary_file_path()) if upload else None


def _map_note(features: list[dict], placed: pl.DataFrame) -> tuple[str, ...]:
    """Why there is no map, when there is none."""
    if not features:
        return (str(NO_MAP),)
    return () if placed.height else (str(NO_POINTS),)


def site_result(form: SitesForm) -> ResultPage:
    """Score the form's file on its criteria. Raises :class:`ValueError` with the message to
    show on the file's field."""
    upload, specs = form.cleaned_data["file"], form.specs()
    columns = [spec.argument for spec in specs if spec.kind == "column"]
    reading = read_sites(upload.temporary_file_path(), criteria=columns)
    if reading.problems:
        raise InvalidRowsError(reading.problems)
    where = site_place(None)
    located = locate_sites(reading, where, lookup=_lookup(form))
    frame, criteria, _described = site_criteria(located, specs, where)
    top = form.cleaned_data["top"]
    ranking, left_out = choose_sites(frame, criteria, top=top, missing="refuse", draws=1000)
    table = site_table(ranking, [c.name for c in criteria])
    method = [("Sites", reading.name), ("Place", where.place_name), ("Chosen", f"the top {top}")]
    csv_body, xlsx_body = io.BytesIO(), io.BytesIO()
    sites_to_csv(table, csv_body)
    sites_to_xlsx(table, xlsx_body, method=method, left_out=left_out)
    chosen = ", ".join(ranking.filter("chosen")["name"].to_list())
    scores = ranking.select("name", "score", "chosen")
    charts = [
        embed_chart(
            site_chart(ranking, title=gettext("Candidate sites by score")),
            id="sites-scores",
            description=gettext(
                "Bar chart of the {count} sites' scores from 0 to 100, best first; the top "
                "{top} are coloured."
            ).format(count=ranking.height, top=top),
            table=table_from_frame(
                scores, caption=gettext("Score of each site"),
                columns={"name": gettext("Site"), "score": gettext("Score (0 to 100)"),
                         "chosen": gettext("Chosen")},
            ),
        )
    ]  # fmt: skip
    try:
        features, placed = site_map_data(ranking, where)
    except NoMapBoundariesError:
        features, placed = [], ranking.clear()
    if placed.height:
        charts.append(
            embed_chart(
                site_map(
                    features, placed,
                    title=gettext("Candidate sites in {place}").format(place=where.place_name),
                ),
                id="sites-map",
                description=gettext("Map of {count} sites in {place}.").format(
                    count=placed.height, place=where.place_name
                ),
                table=table_from_frame(
                    placed.select("name", "chosen"), caption=gettext("Sites on the map"),
                    columns={"name": gettext("Site"), "chosen": gettext("Chosen")},
                ),
            )
        )  # fmt: skip
    summary = gettext("{count} candidate sites in {place} scored; the top {top}: {chosen}.")
    summary = summary.format(count=ranking.height, place=where.place_name, top=top, chosen=chosen)
    return ResultPage(
        summary=(summary, *_map_note(features, placed)),
        tables=(_as_table(table, gettext("Sites, best first, with each criterion's points")),),
        charts=tuple(charts),
        downloads=(
            Download(gettext("Download the ranking (CSV)"),
                     _data_url(csv_body.getvalue(), "text/csv")),
            Download(gettext("Download the ranking (XLSX)"),
                     _data_url(xlsx_body.getvalue(), XLSX)),
        ),
    )  # fmt: skip


def reach_result(form: ReachForm) -> ResultPage:
    """Count the form's service users by deprivation. Raises :class:`ValueError` with the
    message to show on the file's field."""
    upload, by = form.cleaned_data["file"], form.cleaned_data["by"]
    reading = read_service_users(upload.temporary_file_path())
    if reading.problems:
        raise InvalidRowsError(reading.problems)
    lsoas, place_name, index, year = reach_lsoas(None)
    users = placed_users(reading, lsoas, lookup=_lookup(form))
    result = reach_by_deprivation(users, lsoas, by=by)
    method = [
        ("Service users", reading.name),
        ("Place", place_name),
        ("Residents", f"{year}, the same for every period"),
        ("Deprivation", f"national IMD {by}s from {index}; Core20 = deciles 1 and 2"),
        ("SII", f"PHE method; {SII_SIGN}"),
    ]
    csv_body, xlsx_body = io.BytesIO(), io.BytesIO()
    reach_to_csv(result, csv_body)
    reach_to_xlsx(result, xlsx_body, method=method)
    periods = result.by_quantile["period"].unique(maintain_order=True)
    latest = result.by_quantile.filter(pl.col("period") == periods[-1])
    title = gettext("Service users per 1,000 residents")
    title += "" if periods[-1] == ALL_PERIODS else f", {periods[-1]}"
    group, heading = str(IN_A_SENTENCE[by]), str(dict(BY)[by])
    # xgettext:no-python-format
    description = gettext("Bar chart of service users per 1,000 residents in each {group} of "
                          "{place}, most deprived first, with 95% limits.")  # fmt: skip
    # xgettext:no-python-format
    lower = gettext("Lower 95% limit")
    # xgettext:no-python-format
    upper = gettext("Upper 95% limit")
    chart = embed_chart(
        reach_chart(latest, title=title, by=by),
        id="reach-chart",
        description=description.format(group=group, place=place_name),
        table=table_from_frame(
            latest,
            caption=gettext("Users per 1,000 residents by {group}").format(group=group),
            columns={"quantile": heading, "reach": gettext("Per 1,000"),
                     "lower_ci_95": lower, "upper_ci_95": upper},
        ),
    )  # fmt: skip
    tables = tuple(_as_table(frame, sheet) for sheet, frame in reach_tables(result).items())
    summary = gettext("Service users of {place} by national {group}; {sign}.")
    return ResultPage(
        summary=(summary.format(place=place_name, group=group, sign=SII_SIGN),),
        tables=tables,
        charts=(chart,),
        downloads=(
            Download(
                gettext("Download the reach (CSV)"), _data_url(csv_body.getvalue(), "text/csv")
            ),
            Download(gettext("Download the reach (XLSX)"), _data_url(xlsx_body.getvalue(), XLSX)),
        ),
    )


def run_page(form: Any, build) -> ResultPage | None:
    """The result of a valid form, or ``None`` with the refusal added to the file's field."""
    try:
        return build(form)
    except ValueError as error:
        form.add_error("file", _file_error(error, form.cleaned_data["file"].name))
        return None
