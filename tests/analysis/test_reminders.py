"""Partners are owed one reminder per event: the period opened, due in a week, overdue, sent
back; never for a locked period or a return already sent."""

from datetime import date

import pandas as pd
import polars as pl
import pytest

from marmot_monitor import language
from marmot_monitor.analysis.reminders import reminders_due
from marmot_monitor.reports.reminders import Email, bilingual_email, reminder_email

DUE = date(2027, 1, 18)


def returns(status: str = "pending", *, open_: bool = True, sent_back_at=None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "return_id": [1],
            "status": [status],
            "period_open": [open_],
            "due": [DUE],
            "sent_back_at": [sent_back_at],
        },
        schema_overrides={"sent_back_at": pl.String},
    )


@pytest.mark.parametrize(
    ("today", "events"),
    [
        (date(2026, 12, 1), ["opened"]),
        (date(2027, 1, 10), ["opened"]),  # 8 days before
        (date(2027, 1, 11), ["due soon"]),  # 7 days before
        (DUE, ["due soon"]),
        (date(2027, 1, 19), ["overdue"]),
        (date(2027, 6, 1), ["overdue"]),
    ],
)
def test_a_return_not_yet_sent_is_owed_one_reminder_by_how_far_off_its_due_date_is(today, events):
    assert reminders_due(returns(), today=today)["event"].to_list() == events


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_return_already_sent_is_owed_nothing(status):
    assert reminders_due(returns(status), today=date(2027, 1, 19)).is_empty()


def test_a_locked_period_owes_nothing():
    assert reminders_due(returns(open_=False), today=date(2027, 1, 19)).is_empty()


def test_a_return_sent_back_is_owed_that_email_keyed_by_when_it_was_sent_back():
    due = reminders_due(returns("sent back", sent_back_at="2027-01-12T10:00"), today=DUE)
    assert due.rows() == [(1, "due soon", ""), (1, "sent back", "2027-01-12T10:00")]


def test_pandas_in_gives_pandas_out():
    result = reminders_due(returns().to_pandas(), today=DUE)
    assert isinstance(result, pd.DataFrame)
    assert result["event"].tolist() == ["due soon"]


def test_the_sent_back_email_quotes_the_officers_comment_and_links_the_return():
    email = reminder_email(
        "sent back",
        partner="Safe Fairshire",
        period="2026/27 Q3",
        due=DUE,
        link="https://marmot.example/r",
        comment="Count clients aged 25 and under only.",
    )
    assert email.subject == "Marmot programme: your return for 2026/27 Q3 has been sent back"
    assert "What needs to change:\n\nCount clients aged 25 and under only." in email.body
    assert "https://marmot.example/r" in email.body


def test_an_unknown_event_has_no_email():
    with pytest.raises(ValueError, match="there is no reminder email for 'late'"):
        reminder_email("late", partner="P", period="2026/27 Q3", due=DUE, link="")


def in_welsh_and_english(event: str, links: dict[str, str], **about) -> Email:
    """The reminder in Welsh and in English, each with its link, joined as one email."""
    emails = {}
    for code in ("cy", "en"):
        with language.use(code):
            emails[code] = reminder_email(event, link=links[code], **about)
    return bilingual_email(emails["cy"], emails["en"])


def test_a_welsh_places_email_is_in_welsh_then_english_each_with_its_own_link():
    email = in_welsh_and_english(
        "sent back",
        {"cy": "https://marmot.example/cy/r", "en": "https://marmot.example/r"},
        partner="Cymru Iach",
        period="2026/27 Q3",
        due=date(2027, 1, 18),
    )
    welsh, english = email.subject.split(" / ")
    assert welsh == "Rhaglen Marmot: mae eich ffurflen ar gyfer 2026/27 Q3 wedi’i hanfon yn ôl"
    assert english == "Marmot programme: your return for 2026/27 Q3 has been sent back"
    cymraeg, saesneg = email.body.split("-" * 40)
    assert "Beth sydd angen ei newid:\n\n(ni roddwyd sylw)" in cymraeg
    assert "https://marmot.example/cy/r" in cymraeg
    assert "What needs to change:\n\n(no comment given)" in saesneg
    assert "https://marmot.example/r\n" in saesneg


def test_a_welsh_date_is_written_with_the_welsh_month():
    email = in_welsh_and_english(
        "due soon", {"cy": "", "en": ""}, partner="P", period="2026/27 Q3", due=date(2027, 1, 18)
    )
    assert "ar 18 Ionawr 2027" in email.body
    assert "on 18 January 2027" in email.body
