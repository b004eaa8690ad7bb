"""Forms of the asset pages: the filters, an asset's fields, and a register file to upload.

An asset typed on the site is checked by the same rules as a row of a file
(:func:`marmot_monitor.io.assets.check_assets`): a problem becomes its field's error.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.assets import COLUMNS, TYPES, check_assets
from marmot_monitor.web.community.models import Asset

ANY = ""
CHOOSE_FILE = _("Choose a register file: a CSV or Open Referral UK JSON")
TOO_LARGE = _(
    "The file is larger than {limit}: import it with `marmot assets import` on the server, "
    "or ask your administrator to raise MARMOT_UPLOAD_MAX_MB"
)
TYPE_LABELS = {
    "community centre": _("Community centre"),
    "green space": _("Green space"),
    "library": _("Library"),
    "sport and leisure": _("Sport and leisure"),
    "health and care": _("Health and care"),
    "advice and support": _("Advice and support"),
    "food": _("Food"),
    "learning and skills": _("Learning and skills"),
    "employment support": _("Employment support"),
    "arts and culture": _("Arts and culture"),
    "faith group": _("Faith group"),
    "children and young people": _("Children and young people"),
    "older people": _("Older people"),
    "social group or network": _("Social group or network"),
    "other": _("Other"),
}
"""Each of :data:`marmot_monitor.io.assets.TYPES` as the pages name it, in their language."""
FIELD_OF = {"type": "asset_type", "latitude": "latitude", "longitude": "longitude"}
TEXT_FIELDS = ("name", "organisation", "address", "postcode", "contact", "opening_times",
               "source")  # fmt: skip


class FilterForm(forms.Form):
    """The list's filters: each empty means every one."""

    principle = forms.TypedChoiceField(label=_("Principle"), required=False, coerce=int,
                                       empty_value=None)  # fmt: skip
    type = forms.ChoiceField(label=_("Type"), required=False)
    ward = forms.ChoiceField(label=_("Ward"), required=False)

    def __init__(self, data, *, principles: list, wards: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["principle"].choices = [(ANY, _("All principles"))] + [
            (p.number, f"{p.number}. {p.short_name}") for p in principles
        ]
        self.fields["type"].choices = [(ANY, _("All types"))] + [(t, TYPE_LABELS[t]) for t in TYPES]
        self.fields["ward"].choices = [(ANY, _("All wards")), *wards]


class AssetForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    asset_type = forms.ChoiceField(
        label=_("Type"), choices=[(t, TYPE_LABELS[t]) for t in TYPES], widget=forms.RadioSelect
    )
    organisation = forms.CharField(label=_("Organisation that runs it"), required=False)
    address = forms.CharField(label=_("Address"), required=False)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    latitude = forms.CharField(
        label=_("Latitude"), required=False, help_text=_("WGS84 decimal degrees, e.g. 52.4082")
    )
    longitude = forms.CharField(
        label=_("Longitude"), required=False, help_text=_("WGS84 decimal degrees, e.g. -1.5104")
    )
    ward = forms.ChoiceField(
        label=_("Ward"),
        required=False,
        help_text=_("Leave empty to find it from the latitude and longitude"),
    )
    principles = forms.TypedMultipleChoiceField(
        label=_("Principles it serves"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    contact = forms.CharField(label=_("Contact"), required=False)
    opening_times = forms.CharField(label=_("Opening times"), required=False)
    source = forms.CharField(
        label=_("Source"),
        required=False,
        help_text=_("Where the details came from, e.g. a survey or a directory"),
    )
    last_checked = forms.CharField(
        label=_("Last checked"),
        required=False,
        help_text=_("For example, 2026-03-31 or 31/03/2026"),
    )

    def __init__(self, *args, principles: list, wards: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.principle_objects = {p.number: p for p in principles}
        self.fields["principles"].choices = [
            (p.number, f"{p.number}. {p.short_name}") for p in principles
        ]
        self.fields["ward"].choices = [(ANY, _("Find it from the point")), *wards]

    @classmethod
    def initial_of(cls, asset: Asset) -> dict:
        return {
            **{name: getattr(asset, name) for name in TEXT_FIELDS},
            "asset_type": asset.asset_type,
            "latitude": "" if asset.latitude is None else asset.latitude,
            "longitude": "" if asset.longitude is None else asset.longitude,
            "ward": asset.ward.code if asset.ward_id else "",
            "principles": list(asset.principles.values_list("number", flat=True)),
            "last_checked": asset.last_checked.isoformat() if asset.last_checked else "",
        }

    def clean(self):
        cleaned = super().clean()
        row = dict.fromkeys(COLUMNS) | {
            "row": 1,
            "name": cleaned.get("name"),
            "type": cleaned.get("asset_type"),
            **{c: cleaned.get(c) or None for c in TEXT_FIELDS if c != "name"},
            **{c: cleaned.get(c) or None for c in ("latitude", "longitude", "last_checked")},
            "principles": ";".join(str(n) for n in cleaned.get("principles") or []) or None,
        }
        frame = pl.DataFrame([row], schema={**dict.fromkeys(COLUMNS, pl.String), "row": pl.Int64})
        checked, problems = check_assets(
            frame, principles=set(self.principle_objects), today=date.today()
        )
        for column, rule, fix in problems.select("column", "rule", "fix").iter_rows():
            field = FIELD_OF.get(column, column)
            if field in self.fields and not self.has_error(field):
                self.add_error(field, _message(self.fields[field].label, rule, fix))
        self.checked = checked.row(0, named=True)
        return cleaned

    def fill(self, asset: Asset) -> list:
        """Put the checked fields on ``asset``; the principles to set once it is saved."""
        row = self.checked
        for name in TEXT_FIELDS:
            setattr(asset, name, row[name] or "")
        asset.asset_type = row["type"]
        asset.latitude, asset.longitude = row["latitude"], row["longitude"]
        asset.last_checked = row["last_checked"]
        return [self.principle_objects[n] for n in self.cleaned_data["principles"]]

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for field in self:
            radio = field.name in ("asset_type", "principles")
            anchor = f"{field.auto_id}_0" if radio else field.id_for_label
            links.extend((anchor, str(error)) for error in field.errors)
        return links


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Register file"),
        help_text=_("A CSV in the register's layout, or Open Referral UK JSON"),
        error_messages={"required": CHOOSE_FILE, "empty": CHOOSE_FILE, "invalid": CHOOSE_FILE},
    )
    postcodes = forms.FileField(
        label=_("Postcode lookup (optional)"),
        required=False,
        help_text=_("ONS NSPL or ONSPD CSV rows for your place, for assets given by postcode only"),
    )

    def __init__(self, *args, too_large: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large is not None:
            self.fields["file"].required = False

    def clean_file(self):
        if self.too_large is not None:
            raise forms.ValidationError(TOO_LARGE.format(limit=filesizeformat(self.too_large)))
        return self.cleaned_data["file"]


def _message(label: str, rule: str, fix: str) -> str:
    """``Latitude is not a number: write ...``, or the rule itself when it names its subject."""
    said = f"{label} {rule}" if rule.startswith(("is ", "has ")) else rule
    return f"{said[0].upper()}{said[1:]}: {fix}"
