"""The words of the reminder emails partners get about their quarterly returns.

One subject and body per event of :data:`marmot_monitor.analysis.reminders.EVENTS`, plain
text (no HTML: every mail client reads it, and nothing a partner or officer typed can be
taken for markup). :func:`reminder_email` fills them in, in the language
:func:`marmot_monitor.language.use` has set; :func:`bilingual_email` joins a Welsh and an
English one into one email, Welsh first, as a Welsh place sends (the Welsh Language
Standards: correspondence sent to many people goes in Welsh too, and the Welsh comes first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marmot_monitor import language

SUBJECTS = {
    "opened": language.noop("Marmot programme: your return for {period} is open (due {due})"),
    "due soon": language.noop("Marmot programme: your return for {period} is due on {due}"),
    "overdue": language.noop(
        "Marmot programme: your return for {period} is overdue (it was due {due})"
    ),
    "sent back": language.noop("Marmot programme: your return for {period} has been sent back"),
}
OPENINGS = {
    "opened": language.noop(
        "The Marmot programme officer has opened {period} for returns. Please send "
        "{partner}'s figures and progress by {due}."
    ),
    "due soon": language.noop(
        "{partner}'s return for {period} is due in a week or less, on {due}, and has "
        "not been sent yet."
    ),
    "overdue": language.noop(
        "{partner}'s return for {period} was due on {due} and has not been sent yet. "
        "Please send it as soon as you can, or tell the programme officer why it is late."
    ),
    "sent back": language.noop(
        "The programme officer has sent {partner}'s return for {period} back for "
        "changes. What needs to change:\n\n{comment}"
    ),
}
CLOSING = language.noop(
    "Fill it in on the site:\n{link}\n\n"
    "You get this email because you report for {partner} in the Marmot programme. "
    "Reply to your programme officer if you are not the right person."
)
NO_COMMENT = language.noop("(no comment given)")
SEPARATOR = "\n\n" + "-" * 40 + "\n\n"
UNKNOWN_EVENT = "there is no reminder email for {event!r}: the events are {events}"


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def reminder_email(
    event: str, *, partner: str, period: str, due: date, link: str, comment: str = ""
) -> Email:
    """The email for ``event`` about ``partner``'s return for ``period``.

    Examples
    --------
    >>> from datetime import date
    >>> email = reminder_email("due soon", partner="DWP", period="2026/27 Q3",
    ...     due=date(2027, 1, 18), link="https://marmot.example/return")
    >>> email.subject
    'Marmot programme: your return for 2026/27 Q3 is due on 18 January 2027'
    """
    if event not in SUBJECTS:
        raise ValueError(UNKNOWN_EVENT.format(event=event, events=", ".join(SUBJECTS)))
    words = {
        "partner": partner,
        "period": period,
        "due": language.long_date(due),
        "comment": comment.strip() or language.gettext(NO_COMMENT),
        "link": link,
    }
    opening = language.gettext(OPENINGS[event]).format(**words)
    body = opening + "\n\n" + language.gettext(CLOSING).format(**words)
    return Email(subject=language.gettext(SUBJECTS[event]).format(**words), body=body)


def bilingual_email(welsh: Email, english: Email) -> Email:
    """One email of two, the Welsh first: subjects joined by " / ", bodies one after the
    other with a line between.

    Examples
    --------
    >>> bilingual_email(Email("Pwnc", "Corff"), Email("Subject", "Body")).subject
    'Pwnc / Subject'
    """
    return Email(
        subject=f"{welsh.subject} / {english.subject}", body=welsh.body + SEPARATOR + english.body
    )
