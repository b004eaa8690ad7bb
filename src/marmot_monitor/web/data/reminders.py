"""Send partners the reminder emails they are owed, once each; list the returns running late.

:func:`send_due_reminders` reads the returns of open periods, asks
:func:`marmot_monitor.analysis.reminders.reminders_due` which events are due, leaves out those
already sent (a :class:`~.models.Reminder` each) and emails the partner's editors through
Django's email framework (the console by default; SMTP when ``MARMOT_EMAIL_HOST`` is set).
Each email is recorded in the same transaction as it is sent, so a failed send is tried
again next time and a sent one never is. ``marmot remind`` and the officer's late-returns
page both call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse

from marmot_monitor import language
from marmot_monitor.analysis.reminders import REMINDER_COLUMNS, reminders_due
from marmot_monitor.reports.reminders import Email, bilingual_email, reminder_email
from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.data.frameworks import in_wales
from marmot_monitor.web.data.languages import written_in
from marmot_monitor.web.programme.models import PartnerReturn, Reminder, ReturnPeriod

WAITING = (PartnerReturn.Status.PENDING, PartnerReturn.Status.SENT_BACK)


@dataclass(frozen=True)
class Outcome:
    """One reminder owed: sent (or, in a dry run, to be sent) to ``recipients``, or not sent
    because no active partner editor with an email address reports for the partner
    (``recipients`` empty)."""

    partner_return: PartnerReturn
    event: str
    recipients: tuple[str, ...]

    @property
    def sent(self) -> bool:
        return bool(self.recipients)


def send_due_reminders(*, today: date, dry_run: bool = False) -> list[Outcome]:
    """Email every reminder due ``today`` and not yet sent; with ``dry_run``, only say which."""
    returns = {
        found.id: found
        for found in PartnerReturn.objects.select_related("partner", "period__period").filter(
            period__status=ReturnPeriod.Status.OPEN
        )
    }
    due = reminders_due(_frame(returns.values()), today=today)
    sent = set(
        Reminder.objects.filter(partner_return_id__in=returns).values_list(
            "partner_return_id", "event", "key"
        )
    )
    addresses = _addresses({found.partner_id for found in returns.values()})
    welsh = in_wales()
    outcomes = []
    with get_connection() as connection:
        for return_id, event, key in due.iter_rows():
            if (return_id, event, key) in sent:
                continue
            found = returns[return_id]
            recipients = addresses.get(found.partner_id, ())
            email = _email(found, event, welsh=welsh)
            if dry_run or not recipients or _send(connection, email, found, event, key, recipients):
                outcomes.append(Outcome(found, event, recipients))
    return outcomes


def late_returns(*, today: date) -> list[PartnerReturn]:
    """The returns of open periods past their due date that the partner has not sent."""
    return list(
        PartnerReturn.objects.select_related("partner", "period__period")
        .prefetch_related("reminders")
        .filter(period__status=ReturnPeriod.Status.OPEN, period__due__lt=today, status__in=WAITING)
        .order_by("period__due", "partner__name")
    )


def _frame(returns) -> pl.DataFrame:
    rows = [
        (
            found.id,
            found.status,
            not found.period.is_locked,
            found.period.due,
            found.reviewed_at.isoformat() if found.is_sent_back and found.reviewed_at else None,
        )
        for found in returns
    ]
    schema = dict.fromkeys(REMINDER_COLUMNS, pl.String) | {
        "return_id": pl.Int64,
        "period_open": pl.Boolean,
        "due": pl.Date,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _addresses(partner_ids: set[int]) -> dict[int, tuple[str, ...]]:
    """The email addresses of each partner's active editors."""
    people = get_user_model().objects.filter(
        is_active=True,
        membership__role=Membership.Role.PARTNER_EDITOR,
        membership__partner_id__in=partner_ids,
    )
    found: dict[int, list[str]] = {}
    for partner_id, email in people.exclude(email="").values_list(
        "membership__partner_id", "email"
    ):
        found.setdefault(partner_id, []).append(email)
    return {partner_id: tuple(sorted(emails)) for partner_id, emails in found.items()}


def _email(found: PartnerReturn, event: str, *, welsh: bool) -> Email:
    """The reminder: in English, or for a Welsh place in Welsh then English, each linking
    to the return's page in its language."""
    label = found.period.period.label
    about = {
        "partner": found.partner.name,
        "period": label,
        "due": found.period.due,
        "comment": found.comment,
    }
    emails = {}
    # English whatever the officer's page is in; Welsh too for a Welsh place
    for code in (language.WELSH, language.ENGLISH) if welsh else (language.ENGLISH,):
        with written_in(code):
            path = reverse("programme-return", args=[label, found.partner.code])
            emails[code] = reminder_email(event, link=settings.SITE_URL + path, **about)
    if welsh:
        return bilingual_email(emails[language.WELSH], emails[language.ENGLISH])
    return emails[language.ENGLISH]


def _send(connection, email: Email, found: PartnerReturn, event: str, key: str, recipients) -> bool:
    """Email the reminder and record it, or neither; ``False`` if another run sent it."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                partner_return=found, event=event, key=key, recipients="\n".join(recipients)
            )
            message = EmailMessage(email.subject, email.body, to=list(recipients))
            message.connection = connection
            message.send()
    except IntegrityError:
        return False
    return True
