"""The officer pages' one way of changing a record: the form, "check your answers", saved.

A valid form is not saved at once: the page shows the answers in a summary list, carrying
them in hidden fields, with "Change" (back to the form, as filled in) and "Confirm and save".
Only the confirmation saves, through a service that writes the audit entry; a service's
refusal (``ValueError``) is shown as the form's error. Nothing is kept in the session.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.monitor.navigation import Crumb
from marmot_monitor.web.programme.views.common import require_manager, signed_in

STEP = "step"
CONFIRM, CHANGE = "confirm", "change"
NOT_GIVEN = _("Not given")


def managers_only(what: str):
    """A page for officers and admins: anyone signed out is sent to sign in, anyone else
    signed in is refused (403, saying who may ``what``) before anything is looked up."""

    def decorate(view):
        @signed_in
        @functools.wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            require_manager(request.user, what)
            return view(request, *args, **kwargs)

        return checked

    return decorate


@dataclass(frozen=True)
class Page:
    """What a form page says: its heading, the trail to it, where to go once saved."""

    heading: str
    breadcrumbs: list[Crumb]
    done: str
    lede: str = ""


def edit_flow(
    request: HttpRequest,
    form: forms.BaseForm,
    page: Page,
    save: Callable[[forms.BaseForm], str],
    *,
    template: str = "programme/editing/form.html",
    summary: Callable[[forms.BaseForm], list[tuple[str, str]]] | None = None,
) -> HttpResponse:
    """Show ``form``; once valid, its answers to check (``summary``'s rows, or each field's
    answer); once confirmed, ``save(form)``, which returns the sentence saying what changed."""
    step = request.POST.get(STEP)
    if request.method == "POST" and form.is_valid():
        if step == CONFIRM:
            try:
                done = save(form)
            except ValueError as error:
                form.add_error(None, capitalised(error))
            else:
                messages.success(request, done)
                return redirect(page.done)
        elif step != CHANGE:
            context = {
                "page": page,
                "rows": (summary or answers)(form),
                "carried": carried(request),
                "breadcrumbs": page.breadcrumbs,
            }
            return render(request, "programme/editing/check.html", context)
    context = {"form": form, "page": page, "breadcrumbs": page.breadcrumbs}
    return render(request, template, context)


def answers(form: forms.BaseForm) -> list[tuple[str, str]]:
    """Each field's label and its cleaned answer as a person reads it."""
    rows = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        rows.append((str(field.label), shown(field, form.cleaned_data.get(name))))
    return rows


def shown(field: forms.Field, value) -> str:
    if value is None or value == "" or (isinstance(value, list | QuerySet) and not len(value)):
        return str(NOT_GIVEN)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "; ".join(field.label_from_instance(item) for item in value)
    if isinstance(field, forms.ModelChoiceField):
        return field.label_from_instance(value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, float):
        return f"{value:,.10g}"
    return str(value)


def carried(request: HttpRequest) -> list[tuple[str, str]]:
    """The form's answers as (name, value) pairs for hidden fields."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", STEP)
        for value in values
    ]
