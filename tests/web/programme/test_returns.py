"""The returns workflow: open a quarter, save and submit, send back or approve, lock; audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from marmot_monitor.web.programme.audit import audit_trail
from marmot_monitor.web.programme.models import (
    ActionProgress,
    AuditEvent,
    PartnerReturn,
    ProgrammeActual,
    ReturnPeriod,
)
from marmot_monitor.web.programme.returns import (
    Entries,
    Figure,
    ReturnError,
    approve_return,
    due_items,
    open_period,
    returns_in_progress,
    save_entries,
    send_back,
    set_next_steps,
    submit_return,
)

from .conftest import LOCKED, a_period, a_return

pytestmark = pytest.mark.django_db


def _actual(code: str, period: str = "2026/27 Q3") -> ProgrammeActual | None:
    return ProgrammeActual.objects.filter(indicator__code=code, period__label=period).first()


def test_the_officer_opens_a_quarter_with_a_return_for_each_reporting_partner(people):
    period = open_period(people["officer"], "2026/27-Q4", due=date(2027, 4, 19))
    assert period.period.label == "2026/27 Q4"
    partners = set(period.returns.values_list("partner__code", flat=True))
    assert partners == {
        "fairshire-youth",
        "safe-fairshire",
        "fairshire-cc",
        "fairshire-healthcare",
        "dwp",
        "fairshire-chamber",
    }
    assert set(period.returns.values_list("status", flat=True)) == {"pending"}
    event = AuditEvent.objects.get(action="period opened")
    assert event.user == people["officer"]
    assert event.after["due"] == "2027-04-19"


def test_a_quarter_is_opened_once(people):
    with pytest.raises(ReturnError, match="2026/27 Q3 has already been opened"):
        open_period(people["officer"], "2026/27 Q3", due=date(2027, 1, 18))


def test_only_officers_and_admins_open_periods(people):
    with pytest.raises(PermissionDenied):
        open_period(people["youth-editor"], "2026/27 Q4", due=date(2027, 4, 19))
    assert not ReturnPeriod.objects.filter(period__label="2026/27 Q4").exists()


def test_a_period_must_be_a_quarter(people):
    with pytest.raises(ValueError, match="is not a quarter of a financial year"):
        open_period(people["officer"], "2026/27", due=date(2027, 4, 19))


def test_a_return_is_submitted_sent_back_or_approved_only_in_that_status():
    states = [
        (partner_return.is_submitted, partner_return.is_sent_back, partner_return.is_approved)
        for partner_return in (PartnerReturn(status=status) for status in PartnerReturn.Status)
    ]
    pending, submitted, sent_back, approved = states
    assert pending == (False, False, False)
    assert submitted == (True, False, False)
    assert sent_back == (False, True, False)
    assert approved == (False, False, True)


def test_a_partners_return_lists_exactly_their_indicators_and_actions(programme):
    items = due_items(a_return("fairshire-youth"))
    assert [indicator.code for indicator in items.indicators] == ["PI1", "PI2", "PI3"]
    assert [action.number for action in items.actions] == [2]
    assert items.missing == []
    pending = due_items(a_return("fairshire-cc"))
    assert pending.missing[0] == "a value or a note for PI5"
    assert "progress for action 1" in pending.missing


def test_a_partner_editors_task_list_has_only_their_open_returns(people):
    tasks = returns_in_progress(people["safe-editor"])
    assert [(r.partner.code, r.period.period.label) for r in tasks] == [
        ("safe-fairshire", "2026/27 Q3")
    ]
    assert returns_in_progress(people["officer"]).count() == 6


def test_a_sent_back_return_is_corrected_and_submitted_with_every_change_audited(people):
    editor, partner_return = people["safe-editor"], a_return("safe-fairshire")
    changed = save_entries(editor, partner_return, Entries(figures={"PI7": Figure(value=71.0)}))
    assert changed == 1
    assert _actual("PI7").value == 71.0
    event = AuditEvent.objects.get(action="actual changed")
    assert (event.user, event.before["value"], event.after["value"]) == (editor, 163.0, 71.0)
    assert event.partner.code == "safe-fairshire"
    submit_return(editor, partner_return)
    partner_return.refresh_from_db()
    assert partner_return.status == PartnerReturn.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="return submitted", user=editor).exists()


def test_saving_the_same_figures_again_changes_and_audits_nothing(people):
    editor, partner_return = people["safe-editor"], a_return("safe-fairshire")
    before = AuditEvent.objects.count()
    assert save_entries(editor, partner_return, Entries(figures={"PI7": Figure(value=163.0)})) == 0
    assert AuditEvent.objects.count() == before


def test_another_partners_items_are_refused_and_nothing_changes(people):
    editor, partner_return = people["safe-editor"], a_return("safe-fairshire")
    entries = Entries(figures={"PI7": Figure(value=70.0), "PI9": Figure(value=2.0)})
    with pytest.raises(ReturnError, match=r"PI9 is not one of Safe Fairshire .*'s indicators"):
        save_entries(editor, partner_return, entries)
    assert _actual("PI7").value == 163.0
    assert not AuditEvent.objects.filter(action="actual changed").exists()


def test_impossible_numbers_are_refused(people):
    editor, partner_return = people["safe-editor"], a_return("safe-fairshire")
    entries = Entries(figures={"PI4": Figure(value=120.0), "PI7": Figure(value=-3.0)})
    with pytest.raises(ReturnError) as refused:
        save_entries(editor, partner_return, entries)
    assert "PI4: 120% is over 100%" in str(refused.value)
    assert "PI7: -3 is below 0" in str(refused.value)


def test_a_partner_editor_cannot_touch_another_partners_return(people):
    with pytest.raises(Http404):
        save_entries(people["youth-editor"], a_return("safe-fairshire"), Entries())


def test_an_incomplete_return_cannot_be_submitted(people):
    officer, partner_return = people["officer"], a_return("fairshire-healthcare")
    save_entries(officer, partner_return, Entries(figures={"PI6": Figure(note="Data late")}))
    with pytest.raises(ReturnError, match="cannot be submitted yet: progress for action 5"):
        submit_return(officer, partner_return)


def test_a_submitted_return_is_read_only_to_its_partner(people):
    with pytest.raises(ReturnError, match="is submitted: it cannot be changed now"):
        save_entries(people["youth-editor"], a_return("fairshire-youth"), Entries())


def test_sending_back_needs_a_comment_and_reopens_the_return_to_its_partner(people):
    officer, partner_return = people["officer"], a_return("fairshire-youth")
    with pytest.raises(ReturnError, match="sent back with a comment"):
        send_back(officer, partner_return, "  ")
    send_back(officer, partner_return, "PI2 looks low: please check.")
    partner_return.refresh_from_db()
    assert partner_return.status == PartnerReturn.Status.SENT_BACK
    assert partner_return.comment == "PI2 looks low: please check."
    narrative = Entries(narratives={2: "Checked: 38 is right."})
    assert save_entries(people["youth-editor"], partner_return, narrative) == 1
    assert ActionProgress.objects.get(action__number=2, period__label="2026/27 Q3").narrative == (
        "Checked: 38 is right."
    )


def test_partners_cannot_review_returns(people):
    with pytest.raises(PermissionDenied):
        approve_return(people["youth-editor"], a_return("fairshire-youth"))


def test_only_submitted_returns_are_reviewed(people):
    with pytest.raises(ReturnError, match="is not yet submitted: only a submitted return"):
        approve_return(people["officer"], a_return("fairshire-cc"))


def test_the_last_approval_locks_the_period_and_then_nothing_changes(people):
    officer = people["officer"]
    for partner in ("fairshire-cc", "fairshire-healthcare", "safe-fairshire"):
        partner_return = a_return(partner)
        items = due_items(partner_return)
        entries = Entries(
            figures={i.code: Figure(value=1.0) for i in items.indicators},
            narratives={a.number: "On plan." for a in items.actions},
        )
        save_entries(officer, partner_return, entries)
        submit_return(officer, partner_return)
    for partner in ("fairshire-youth", "dwp", "fairshire-cc", "fairshire-healthcare"):
        approve_return(officer, a_return(partner))
    assert not a_period("2026/27 Q3").is_locked
    approve_return(officer, a_return("safe-fairshire"))
    assert a_period("2026/27 Q3").is_locked
    assert AuditEvent.objects.filter(action="period locked").count() == 1
    with pytest.raises(ReturnError, match="2026/27 Q3 is approved and locked"):
        save_entries(officer, a_return("dwp"), Entries(figures={"PI9": Figure(value=1.0)}))


def test_a_locked_periods_return_cannot_change(people):
    with pytest.raises(ReturnError, match=f"{LOCKED} is approved and locked"):
        save_entries(people["officer"], a_return("dwp", LOCKED), Entries())


def test_the_officer_writes_the_reports_next_steps(people):
    period = set_next_steps(people["officer"], a_period(LOCKED), " First\n\n Second \n")
    assert period.next_steps == "First\nSecond"
    with pytest.raises(PermissionDenied):
        set_next_steps(people["viewer"], period, "Mine")


def test_only_officers_and_admins_read_the_audit_trail(people):
    assert audit_trail(people["officer"]).filter(action="return sent back").exists()
    assert audit_trail(people["admin"]).exists()
    for name in ("youth-editor", "viewer"):
        with pytest.raises(PermissionDenied):
            audit_trail(people[name])
