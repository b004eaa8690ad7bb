"""The framework pages' forms: a framework, one of its principles, an outcome indicator's
links to principles. Each message names the field and says how to fix it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.catalogue.models import Framework, Indicator, Principle
from marmot_monitor.web.programme.editing_forms import OnePrinciple, principle_choice
from marmot_monitor.web.programme.forms import ErrorLinks

NAME_TAKEN = _("Name: another framework has this name: choose another")
NUMBER_TAKEN = _("{label}: {framework} already has a {name} {number} ({title}): choose another")
NUMBER_LABEL = _("{name} number")
NOT_A_NUMBER = _("{label}: enter a whole number such as 3")
PRIMARY_NOT_CHOSEN = _("Main principle: tick it among the principles above, or choose none")
WELSH_HINT = _("Leave empty until translated: Welsh pages then show the English, marked")


class FrameworkForm(ErrorLinks, forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "name_cy", "description", "description_cy", "principle_name"]
        labels = {
            "name": _("Name (English)"),
            "name_cy": _("Name (Welsh)"),
            "description": _("Description (English)"),
            "description_cy": _("Description (Welsh)"),
            "principle_name": _("What the framework calls its principles"),
        }
        help_texts = {
            "name": _("For example, County Durham Approach to Wellbeing"),
            "name_cy": WELSH_HINT,
            "description_cy": WELSH_HINT,
            "principle_name": _("For example principle, wellbeing principle, or workstream"),
        }
        widgets = {"description": forms.Textarea, "description_cy": forms.Textarea}
        error_messages = {
            "name": {"required": _("Enter the framework's name"), "unique": NAME_TAKEN},
            "principle_name": {"required": _("Enter the word for its principles")},
        }


class PrincipleForm(ErrorLinks, forms.ModelForm):
    class Meta:
        model = Principle
        fields = [
            "number", "title", "title_cy", "short_name", "short_name_cy", "summary", "summary_cy",
            "component",
        ]  # fmt: skip
        labels = {
            "number": _("Number"),
            "title": _("Title (English)"),
            "title_cy": _("Title (Welsh)"),
            "short_name": _("Short name (English)"),
            "short_name_cy": _("Short name (Welsh)"),
            "summary": _("Summary (English)"),
            "summary_cy": _("Summary (Welsh)"),
            "component": _("Component"),
        }
        help_texts = {
            "number": _("Its place in the framework's order, for example 3"),
            "title_cy": WELSH_HINT,
            "short_name": _("As menus and charts name it, for example Early years"),
            "short_name_cy": WELSH_HINT,
            "summary_cy": WELSH_HINT,
            "component": _(
                "The part of the framework it belongs to, e.g. People and place (Durham)."
            ),
        }
        widgets = {"summary": forms.Textarea, "summary_cy": forms.Textarea}
        error_messages = {
            "number": {"required": _("Enter the number")},
            "title": {"required": _("Enter the title")},
            "short_name": {"required": _("Enter the short name")},
        }

    def __init__(self, *args, framework: Framework, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        label = NUMBER_LABEL.format(name=framework.principle_name.capitalize())
        self.fields["number"].label = label
        self.fields["number"].error_messages["invalid"] = NOT_A_NUMBER.format(label=label)

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        framework = self.instance.framework
        taken = framework.principles.filter(number=number).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise forms.ValidationError(
                NUMBER_TAKEN.format(
                    label=self.fields["number"].label,
                    framework=framework.name,
                    name=framework.principle_name,
                    number=number,
                    title=taken.title,
                )
            )
        return number


class IndicatorLinksForm(ErrorLinks, forms.Form):
    title_cy = forms.CharField(
        label=_("Name (Welsh)"), max_length=300, required=False, help_text=WELSH_HINT
    )
    definition_cy = forms.CharField(
        label=_("Definition (Welsh)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea,
        help_text=WELSH_HINT,
    )
    principles = principle_choice(_("Principles it measures"))
    primary = OnePrinciple(
        label=_("Main principle"),
        queryset=Principle.objects.select_related("framework").order_by("framework", "number"),
        required=False,
        empty_label=_("None: every principle ticked is a main one"),
        help_text=_("The principle the indicator is shown under first"),
    )

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        links = list(indicator.indicatorprinciple_set.all())
        primaries = [link.principle_id for link in links if link.is_primary]
        one_primary = len(primaries) == 1 and len(links) > 1
        kwargs.setdefault(
            "initial",
            {
                "title_cy": indicator.title_cy,
                "definition_cy": indicator.definition_cy,
                "principles": [link.principle_id for link in links],
                "primary": primaries[0] if one_primary else None,
            },
        )
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean(self):
        cleaned = super().clean()
        primary, chosen = cleaned.get("primary"), cleaned.get("principles")
        if primary is not None and chosen is not None and primary not in chosen:
            self.add_error("primary", PRIMARY_NOT_CHOSEN)
        return cleaned
