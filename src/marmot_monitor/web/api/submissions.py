"""A partner's return sent through the API: its figures and progress saved, and submitted
when asked, all in one transaction, by the same rules, permissions and audit as the return's
page (:mod:`marmot_monitor.web.programme.returns`)."""

from __future__ import annotations

from django.db import transaction

from marmot_monitor.io.periods import QuarterError, parse_quarter
from marmot_monitor.web.api.errors import BAD_QUARTER, NO_RETURN, ApiError
from marmot_monitor.web.programme.models import PartnerReturn
from marmot_monitor.web.programme.returns import Entries, Figure, save_entries, submit_return


def find_return(period: str, partner: str) -> PartnerReturn:
    """The return of ``partner`` (its code) for the quarter ``period`` (``2026/27 Q3``)."""
    try:
        label = parse_quarter(period).label
    except QuarterError:
        raise ApiError("bad_period", BAD_QUARTER.format(period=period), "period") from None
    found = (
        PartnerReturn.objects.select_related("period__period", "partner")
        .filter(period__period__label=label, partner__code=partner)
        .first()
    )
    if found is None:
        raise ApiError("no_return", NO_RETURN.format(partner=partner, period=label), "partner", 404)
    return found


def send_return(
    user, partner_return: PartnerReturn, *, figures: dict, narratives: dict, submit: bool
) -> tuple[int, PartnerReturn]:
    """Save the figures (by indicator code) and progress (by action number), then submit
    when ``submit``; all or nothing. How many items changed, and the return as it is now."""
    entries = Entries(
        figures={code: Figure(**figure) for code, figure in figures.items()},
        narratives=dict(narratives),
    )
    with transaction.atomic():
        changed = save_entries(user, partner_return, entries)
        if submit:
            partner_return = submit_return(user, partner_return)
    partner_return.refresh_from_db()
    return changed, partner_return
