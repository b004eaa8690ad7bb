"""Programme indicators with their targets and approved actuals: /api/v1/programme/indicators.

Programme figures are not public today (the programme pages are for signed-in users), so
this call answers signed-in users only (a session, or an API token with the
``programme:read`` scope), with the indicators they may see
(:func:`~marmot_monitor.web.programme.permissions.visible`), and only figures the officer
has approved: an actual whose partner's return for its period is not approved is left out.
"""

from __future__ import annotations

import polars as pl
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.security import django_auth

from marmot_monitor.web.api.auth import TokenAuth
from marmot_monitor.web.api.responses import json_response
from marmot_monitor.web.api.schemas import (
    ErrorBody,
    ProgrammeIndicator,
    ReturnIn,
    ReturnOut,
)
from marmot_monitor.web.api.submissions import find_return, send_return
from marmot_monitor.web.api.tokens import READ_PROGRAMME, WRITE_RETURNS
from marmot_monitor.web.data import programme as stored
from marmot_monitor.web.programme.models import PartnerReturn
from marmot_monitor.web.programme.models import ProgrammeIndicator as Indicator
from marmot_monitor.web.programme.permissions import visible

router = Router(tags=["programme"])
FIELDS = [
    "code",
    "title",
    "definition",
    "partner",
    "unit",
    "polarity",
    "baseline_period",
    "baseline_value",
]


def _unapproved() -> pl.DataFrame:
    """(partner id, period label) of every return not yet approved."""
    rows = PartnerReturn.objects.exclude(status=PartnerReturn.Status.APPROVED).values_list(
        "partner_id", "period__period__label"
    )
    return pl.DataFrame(
        list(rows), schema={"partner_id": pl.Int64, "period": pl.String}, orient="row"
    )


def _figures(frame: pl.DataFrame, indicator_id: int) -> list[dict]:
    """The period, value and note of each of the indicator's targets or actuals."""
    rows = frame.filter(pl.col("id") == indicator_id)
    return rows.select("period", "value", "note").to_dicts()


@router.get(
    "/programme/indicators",
    response={200: list[ProgrammeIndicator], 401: ErrorBody, 403: ErrorBody, 429: ErrorBody},
    url_name="programme-indicators",
    auth=[TokenAuth(READ_PROGRAMME), django_auth],
)
def programme_indicators(request: HttpRequest) -> HttpResponse:
    """The programme indicators the signed-in user may see, each with its targets and its
    approved actuals."""
    ids = list(visible(request.user, Indicator.objects.all()).values_list("id", flat=True))
    found = stored.programme_indicators(ids)
    targets = stored.programme_targets(ids)
    actuals = stored.programme_actuals(ids).join(found.select("id", "partner_id"), on="id")
    actuals = actuals.join(_unapproved(), on=["partner_id", "period"], how="anti")
    answer = [
        {
            **{name: row[name] for name in FIELDS},
            "targets": _figures(targets, row["id"]),
            "actuals": _figures(actuals, row["id"]),
        }
        for row in found.iter_rows(named=True)
    ]
    response = json_response(answer)
    response["Cache-Control"] = "private, no-store"
    return response


@router.post(
    "/programme/returns",
    response={
        200: ReturnOut,
        400: ErrorBody,
        401: ErrorBody,
        403: ErrorBody,
        404: ErrorBody,
        409: ErrorBody,
        429: ErrorBody,
    },
    url_name="programme-returns",
    auth=[TokenAuth(WRITE_RETURNS), django_auth],
)
def programme_return(request: HttpRequest, sent: ReturnIn) -> HttpResponse:
    """Save a partner's figures and progress for an open quarter, and submit the return when
    ``submit`` is true: the return page's rules, permissions and audit; all or nothing."""
    found = find_return(sent.period, sent.partner)
    figures = {code: figure.model_dump() for code, figure in sent.figures.items()}
    changed, now = send_return(
        request.user, found, figures=figures, narratives=sent.narratives, submit=sent.submit
    )
    answer = {
        "period": now.period.period.label,
        "partner": now.partner.code,
        "status": now.status,
        "changed": changed,
    }
    response = json_response(answer)
    response["Cache-Control"] = "private, no-store"
    return response
