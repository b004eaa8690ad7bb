"""The upload form: the kind of file, the file, and the options ``marmot import`` takes."""

from __future__ import annotations

import codecs

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.readings import KINDS
from marmot_monitor.io.values import BadPairError, parse_pairs
from marmot_monitor.web.data.models import Import

CHOOSE_KIND = _("Choose the kind of file")
UNKNOWN_KIND = _("Choose one of the kinds of file listed")
CHOOSE_FILE = _("Choose a file to import")
EMPTY_FILE = _("The file is empty: choose a file with a header row and rows of data")
TOO_LARGE = _(
    "The file is larger than {limit}: import it with `marmot import` on the server, "
    "or ask your administrator to raise MARMOT_UPLOAD_MAX_MB"
)
UNKNOWN_ENCODING = _(
    "{name!r} is not a text encoding: use one such as cp1252 or latin-1, or leave empty"
)
NO_ENCODING = _("Boundaries are GeoJSON, which is always UTF-8: leave the encoding empty")
VALUES_ONLY = _("Only tidy values and StatsWales tables take this: leave it empty")
BAD_WHERE = _("{text!r} is not DIMENSION=ITEM, e.g. Measure=Percentage")
BAD_COLUMN = _("{text!r} is not OURS=THEIRS, e.g. denominator=Number of live births")
# The options only ``marmot import values`` takes, as the form's fields name them.
VALUES_OPTIONS = ("indicator", "where", "columns")
KIND_HINTS = {
    "fingertips": _("A Fingertips download CSV, or a FingertipsNext extract"),
    "values": _("A long CSV or XLSX, one value per row: indicator, area_code, period, value..."),
    "imd": _("English IoD 2019 (Files 1, 2, 6 or 7) or IoD 2025, or the Welsh WIMD 2019"),
    "lookup": _("An ONS lookup, e.g. LSOA to ward to local authority to region"),
    "area-names": _(
        "Welsh names of areas already loaded: a CSV of code and name_cy, e.g. W05001234,Y Rhath"
    ),
    "population": _("ONS small area population estimates by single year of age"),
    "boundaries": _("GeoJSON boundaries in longitude and latitude (WGS84)"),
    "indicators": _(
        "Fingertips or FingertipsNext indicator metadata: polarity, value type, method"
    ),
    "groupings": _(
        "A CSV or XLSX of member areas (LSOAs or wards) and their local group: "
        "the set is named after the file, e.g. Area Action Partnerships.csv"
    ),
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        choices=[(kind, Import.Kind(kind).label) for kind in KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_KIND, "invalid_choice": UNKNOWN_KIND},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (or .csv.gz), XLSX, or GeoJSON for boundaries"),
        error_messages={"required": CHOOSE_FILE, "empty": EMPTY_FILE, "invalid": CHOOSE_FILE},
    )
    create_areas = forms.BooleanField(
        label=_("Add areas the database does not hold, with the names in the file"),
        required=False,
        help_text=_("A lookup always adds the areas it names"),
    )
    skip_invalid = forms.BooleanField(
        label=_("Write the good rows, and keep the rejected ones as a CSV to download"),
        required=False,
    )
    create_indicators = forms.BooleanField(
        label=_("Add indicators the catalogue does not hold, with the names in the file"),
        required=False,
        help_text=_("Fingertips and tidy values; each is added with its principle unassigned"),
    )
    update_catalogue = forms.BooleanField(
        label=_("Take the metadata file's polarity, method and value type where ours differ"),
        required=False,
        help_text=_("Indicator metadata only; without it a contradiction refuses the file"),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check and count everything, then write nothing"), required=False
    )
    indicator = forms.CharField(
        label=_("Indicator of every value (optional)"),
        required=False,
        max_length=50,
        help_text=_(
            "For a StatsWales table, or a tidy file without an indicator column: the "
            "catalogue's indicator code, e.g. P6-03 (--indicator)"
        ),
    )
    where = forms.CharField(
        label=_("Items to keep (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=_(
            "For a StatsWales table: one DIMENSION=ITEM a line, e.g. Measure=Percentage (--where)"
        ),
    )
    columns = forms.CharField(
        label=_("Columns of ours (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=_(
            "Which column or measure item holds one of ours: one OURS=THEIRS a line, e.g. "
            "denominator=Live births (--column)"
        ),
    )
    encoding = forms.CharField(
        label=_("Text encoding (optional)"),
        required=False,
        max_length=40,
        help_text=_("Only for a CSV that is not UTF-8, for example cp1252 or latin-1"),
    )

    def __init__(self, *args, too_large: int | None = None, **kwargs) -> None:
        """``too_large``: the limit in bytes, when the upload was cut off for passing it."""
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large is not None:  # the file was discarded: say why rather than "choose one"
            self.fields["file"].required = False

    def clean_file(self):
        if self.too_large is not None:
            raise forms.ValidationError(
                TOO_LARGE.format(limit=filesizeformat(self.too_large)), code="too_large"
            )
        return self.cleaned_data["file"]

    def clean_encoding(self) -> str:
        name = self.cleaned_data["encoding"].strip()
        if name:
            try:
                codecs.lookup(name)
            except LookupError:
                raise forms.ValidationError(UNKNOWN_ENCODING.format(name=name)) from None
        return name

    def clean_indicator(self) -> str:
        return self.cleaned_data["indicator"].strip()

    def clean_where(self) -> dict[str, str]:
        return _pairs(self.cleaned_data["where"], BAD_WHERE)

    def clean_columns(self) -> dict[str, str]:
        return _pairs(self.cleaned_data["columns"], BAD_COLUMN)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "boundaries" and cleaned.get("encoding"):
            self.add_error("encoding", NO_ENCODING)
        if cleaned.get("kind") not in (None, "values"):
            for name in VALUES_OPTIONS:
                if cleaned.get(name):
                    self.add_error(name, VALUES_ONLY)
        return cleaned

    def read_options(self) -> dict:
        """The reader's options the fields give, as ``marmot import values`` passes them."""
        if self.cleaned_data["kind"] != "values":
            return {}
        data = self.cleaned_data
        return {
            "indicator": data["indicator"] or None,
            "where": data["where"],
            "columns": data["columns"],
        }

    def kinds(self) -> list[tuple[forms.BoundField, str]]:
        """Each radio of the kind of file, with its hint."""
        return [(radio, KIND_HINTS[radio.data["value"]]) for radio in self["kind"]]

    def error_links(self) -> list[tuple[str, str]]:
        """``(anchor, message)`` for the error summary: each error links to its field."""
        links = []
        for field in self:
            anchor = f"{field.auto_id}_0" if field.name == "kind" else field.id_for_label
            links.extend((anchor, str(error)) for error in field.errors)
        return links


def _pairs(text: str, message) -> dict[str, str]:
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        return parse_pairs(lines)
    except BadPairError as error:
        raise forms.ValidationError(message.format(text=error.text.strip())) from None
