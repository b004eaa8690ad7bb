"""A partner's return as an Excel template: download exactly their items, upload it filled.

The workbook itself is written and checked by :mod:`marmot_monitor.io.return_workbook`;
here it is filled from the database and, once read without a problem, saved through the
same service as the web form (:func:`.returns.save_entries`), so it is checked and
audited the same way. A bad workbook changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import translation

from marmot_monitor.io.return_workbook import (
    ReturnTemplate,
    TemplateAction,
    TemplateIndicator,
    read_return_workbook,
    write_return_workbook,
)
from marmot_monitor.web.programme.models import PartnerReturn, ProgrammeIndicator
from marmot_monitor.web.programme.permissions import require
from marmot_monitor.web.programme.returns import (
    Entries,
    Figure,
    check_editable,
    due_items,
    save_entries,
    submit_return,
)

FILE_NAME = "marmot-return-{partner}-{period}.xlsx"


def return_template(partner_return: PartnerReturn) -> ReturnTemplate:
    """The partner's items for the period, with anything already stored."""
    items = due_items(partner_return)
    indicators = []
    for indicator in items.indicators:
        actual = items.actuals.get(indicator.id)
        indicators.append(
            TemplateIndicator(
                code=indicator.code,
                title=indicator.title,
                unit=indicator.unit,
                unit_words=unit_words(indicator),
                value=actual.value if actual else None,
                note=actual.note if actual else "",
                regional_value=actual.regional_value if actual else None,
                national_value=actual.national_value if actual else None,
            )
        )
    actions = [
        TemplateAction(
            number=action.number,
            aim=action.aim,
            narrative=items.progress[action.id].narrative if action.id in items.progress else "",
        )
        for action in items.actions
    ]
    period = partner_return.period
    return ReturnTemplate(
        partner_code=partner_return.partner.code,
        partner_name=partner_return.partner.name,
        period=period.period.label,
        due=period.due,
        indicators=tuple(indicators),
        actions=tuple(actions),
        progress_due=period.narratives_due,
    )


def template_file_name(partner_return: PartnerReturn) -> str:
    period = partner_return.period.period.label.replace("/", "-").replace(" ", "-")
    return FILE_NAME.format(partner=partner_return.partner.code, period=period)


def download_template(user, partner_return: PartnerReturn) -> bytes:
    """The template workbook, for someone who may see the return."""
    require(user, partner_return)
    return write_return_workbook(return_template(partner_return))


def upload_template(
    user,
    partner_return: PartnerReturn,
    source: bytes | BinaryIO | Path,
    *,
    file_name: str = "the upload",
    submit: bool = False,
) -> int:
    """Save the figures and progress of a filled template; submit the return if ``submit``.

    The workbook is read within ``settings.IMPORT_LIMITS`` (and the template's own, tighter
    limits). Raises :class:`~marmot_monitor.io.return_workbook.ReturnWorkbookError` (each
    problem with its sheet, row, column and fix) or :class:`.returns.ReturnError`; then
    nothing changes.
    Returns how many items changed.
    """
    require(user, partner_return)
    check_editable(user, partner_return)
    found = read_return_workbook(
        source,
        return_template(partner_return),
        file_name=file_name,
        limits=settings.IMPORT_LIMITS,
    )
    entries = Entries(
        figures={code: Figure(**figure) for code, figure in found.figures.items()},
        narratives=found.narratives,
    )
    with transaction.atomic():
        changed = save_entries(user, partner_return, entries)
        if submit:
            submit_return(user, partner_return)
    return changed


def unit_words(indicator: ProgrammeIndicator) -> str:
    """The indicator's unit as a partner reads it: "Percentage (%)", "Rate per 1,000",
    "Pounds a week (£ per week)"; in English, as the rest of the workbook."""
    if indicator.unit == ProgrammeIndicator.Unit.RATE and indicator.rate_per:
        return f"Rate per {indicator.rate_per:,}"
    with translation.override("en"):
        return str(ProgrammeIndicator.Unit(indicator.unit).label)
