"""Two people acting on the same return or period at once: exactly one wins, the other is told
who did what and when, nothing of theirs is saved, and the audit trail says what won.

The races run each step in its own thread with its own database connection, each reading
the return first (as a request does), then lined up by a barrier. They need PostgreSQL: on
SQLite they are skipped (see ``SQLITE``). The stale-object tests after them check the same
refusals deterministically on both backends: read, change underneath, then act.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection, connections
from django.urls import reverse

from marmot_monitor.web.programme import returns
from marmot_monitor.web.programme.conflicts import steps_version, version
from marmot_monitor.web.programme.models import (
    ActionProgress,
    AuditEvent,
    PartnerReturn,
    ProgrammeActual,
    ReturnPeriod,
)
from marmot_monitor.web.programme.returns import (
    ConflictError,
    Entries,
    Figure,
    approve_return,
    open_period,
    save_entries,
    send_back,
    set_next_steps,
    submit_return,
)
from marmot_monitor.web.programme.workbooks import download_template, upload_template

from .conftest import OPEN, a_period, a_return

TRIALS = 5
SQLITE = (
    "SQLite lets one writer in at a time (every transaction begins IMMEDIATE) and the test "
    "database lives in one connection's memory, so two threads never interleave inside a "
    "step; the stale-object tests below check the same refusals on SQLite"
)
Outcome = tuple[str, object]


def racing(test):
    """A race: its own committed transactions (the catalogue's migrated principles restored
    after each), on PostgreSQL only."""
    test = pytest.mark.django_db(transaction=True, serialized_rollback=True)(test)
    return pytest.mark.skipif(connection.vendor == "sqlite", reason=SQLITE)(test)


def race(*steps: Callable[[], Callable[[], object]]) -> list[Outcome]:
    """Run each step in its own thread and connection: it reads what it needs, waits for
    the others at a barrier, then acts. Gives each step's ``("won", result)`` or
    ``("lost", error)``."""
    barrier = threading.Barrier(len(steps), timeout=30)
    outcomes: list[Outcome] = [("not run", None)] * len(steps)

    def run(index: int, step) -> None:
        try:
            act = step()
            barrier.wait()
            outcomes[index] = ("won", act())
        except Exception as error:  # the loser's refusal, or a bug the test reports
            outcomes[index] = ("lost", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def one_wins(outcomes: list[Outcome], refusal: str) -> tuple[int, str]:
    """The winner's index and the loser's message, once checked that exactly one step won
    and the other was refused with a message matching ``refusal``."""
    kinds = [kind for kind, _ in outcomes]
    assert sorted(kinds) == ["lost", "won"], outcomes
    loser = outcomes[kinds.index("lost")][1]
    assert isinstance(loser, ConflictError), repr(loser)
    assert refusal in str(loser), str(loser)
    return kinds.index("won"), str(loser)


def events_since(mark: int, *actions: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=mark, action__in=actions).order_by("id"))


def latest_event() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def reset(partner: str, **fields) -> None:
    PartnerReturn.objects.filter(partner__code=partner, period__period__label=OPEN).update(**fields)


def as_submitted(partner: str) -> None:
    reset(partner, status=PartnerReturn.Status.SUBMITTED, comment="")


# Races (PostgreSQL)


@racing
def test_a_quarter_opened_twice_at_once_is_opened_once(people):
    officers = [people["officer"], people["admin"]]
    for quarter in ["2026/27 Q4", "2027/28 Q1", "2027/28 Q2", "2027/28 Q3", "2027/28 Q4"]:
        mark_id = latest_event()
        outcomes = race(*[opening(user, quarter) for user in officers])
        winner, message = one_wins(outcomes, f"{quarter} has already been opened by")
        assert officers[winner].username in message
        period = ReturnPeriod.objects.get(period__label=quarter)
        assert period.returns.count() == 6
        opened = events_since(mark_id, "period opened")
        assert [event.username for event in opened] == [officers[winner].username]


@racing
def test_a_double_clicked_first_save_stores_each_figure_once(people):
    officer = people["officer"]
    entries = Entries(figures={"PI5": Figure(value=12.0)}, narratives={1: "Started."})
    for _ in range(TRIALS):
        ProgrammeActual.objects.filter(indicator__code="PI5", period__label=OPEN).delete()
        ActionProgress.objects.filter(action__number=1, period__label=OPEN).delete()
        mark_id = latest_event()

        def save():
            partner_return = a_return("fairshire-cc")
            seen = version(partner_return)
            return lambda: save_entries(officer, partner_return, entries, seen=seen)

        outcomes = race(save, save)
        assert sorted(outcomes) == [("won", 0), ("won", 2)], outcomes
        assert ProgrammeActual.objects.get(indicator__code="PI5", period__label=OPEN).value == 12
        assert len(events_since(mark_id, "actual entered", "actual changed")) == 1
        assert len(events_since(mark_id, "progress entered", "progress changed")) == 1


@racing
def test_two_people_saving_different_figures_at_once_keep_one_and_tell_the_other(people):
    editors = [people["officer"], people["admin"]]
    for trial in range(TRIALS):
        mark_id = latest_event()

        def save(user, value):
            def read():
                partner_return = a_return("fairshire-cc")
                seen = version(partner_return)
                entries = Entries(figures={"PI5": Figure(value=value)})
                return lambda: save_entries(user, partner_return, entries, seen=seen)

            return read

        values = [10.0 + trial, 20.0 + trial]
        outcomes = race(*(save(user, value) for user, value in zip(editors, values, strict=True)))
        winner, message = one_wins(outcomes, "was changed by")
        assert editors[winner].username in message
        stored = ProgrammeActual.objects.get(indicator__code="PI5", period__label=OPEN)
        assert stored.value == values[winner]
        changes = events_since(mark_id, "actual entered", "actual changed")
        assert [event.username for event in changes] == [editors[winner].username]


@racing
def test_a_double_clicked_submit_submits_once(people):
    editor = people["safe-editor"]
    for _ in range(TRIALS):
        reset("safe-fairshire", status=PartnerReturn.Status.SENT_BACK)
        mark_id = latest_event()

        def submit():
            partner_return = a_return("safe-fairshire")
            return lambda: submit_return(editor, partner_return)

        one_wins(race(submit, submit), "was submitted by safe-editor")
        assert a_return("safe-fairshire").status == PartnerReturn.Status.SUBMITTED
        assert len(events_since(mark_id, "return submitted")) == 1


@racing
def test_a_template_uploaded_twice_at_once_is_saved_and_submitted_once(people):
    editor = people["safe-editor"]
    template = download_template(editor, a_return("safe-fairshire"))
    for _ in range(TRIALS):
        reset("safe-fairshire", status=PartnerReturn.Status.SENT_BACK)
        mark_id = latest_event()

        def upload():
            partner_return = a_return("safe-fairshire")
            return lambda: upload_template(editor, partner_return, template, submit=True)

        one_wins(race(upload, upload), "was submitted by safe-editor")
        assert len(events_since(mark_id, "return submitted")) == 1


@racing
def test_two_officers_approving_the_same_return_approve_it_once(people):
    officers = [people["officer"], people["admin"]]
    for _ in range(TRIALS):
        as_submitted("fairshire-youth")
        mark_id = latest_event()
        outcomes = race(*(reviewing("fairshire-youth", user, approve_return) for user in officers))
        winner, message = one_wins(outcomes, "was approved by")
        assert officers[winner].username in message
        decided = a_return("fairshire-youth")
        assert (decided.status, decided.reviewed_by) == ("approved", officers[winner])
        reviews = events_since(mark_id, "return approved", "return sent back")
        assert [event.username for event in reviews] == [officers[winner].username]


@racing
def test_two_officers_sending_back_the_same_return_keep_one_comment(people):
    officers = [people["officer"], people["admin"]]
    comments = ["Check PI1.", "Check PI2."]
    for _ in range(TRIALS):
        as_submitted("fairshire-youth")
        mark_id = latest_event()
        outcomes = race(
            *(
                reviewing("fairshire-youth", user, send_back, comment)
                for user, comment in zip(officers, comments, strict=True)
            )
        )
        winner, message = one_wins(outcomes, "was sent back by")
        assert officers[winner].username in message
        assert a_return("fairshire-youth").comment == comments[winner]
        assert len(events_since(mark_id, "return sent back")) == 1


@racing
def test_approving_and_sending_back_at_once_do_one_or_the_other(people):
    officer, admin = people["officer"], people["admin"]
    for _ in range(TRIALS):
        as_submitted("fairshire-youth")
        mark_id = latest_event()
        outcomes = race(
            reviewing("fairshire-youth", officer, approve_return),
            reviewing("fairshire-youth", admin, send_back, "PI2 looks low."),
        )
        winner, message = one_wins(outcomes, "while you were reviewing it")
        decided = a_return("fairshire-youth")
        reviews = events_since(mark_id, "return approved", "return sent back")
        assert len(reviews) == 1
        if winner == 0:
            assert "was approved by officer" in message
            assert (decided.status, decided.comment) == ("approved", "")
            assert reviews[0].action == "return approved"
        else:
            assert "was sent back by admin" in message
            assert (decided.status, decided.comment) == ("sent back", "PI2 looks low.")
            assert reviews[0].action == "return sent back"


@racing
def test_a_correction_racing_the_approval_that_locks_the_period_does_not_both_happen(
    people,
):
    officer, admin = people["officer"], people["admin"]
    PartnerReturn.objects.filter(period__period__label=OPEN).exclude(
        partner__code="fairshire-youth"
    ).update(status=PartnerReturn.Status.APPROVED)
    for trial in range(TRIALS):
        ReturnPeriod.objects.filter(period__label=OPEN).update(status="open", locked_at=None)
        as_submitted("fairshire-youth")
        mark_id = latest_event()

        def correct(trial=trial):
            partner_return = a_return("fairshire-youth")
            seen = version(partner_return)
            entries = Entries(figures={"PI1": Figure(value=500.0 + trial)})
            return lambda: save_entries(officer, partner_return, entries, seen=seen)

        outcomes = race(correct, reviewing("fairshire-youth", admin, approve_return))
        winner, message = one_wins(outcomes, "nothing you sent was saved")
        figure = ProgrammeActual.objects.get(indicator__code="PI1", period__label=OPEN).value
        trail = events_since(mark_id, "actual changed", "return approved", "period locked")
        if winner == 0:
            assert "was changed by officer" in message
            assert figure == 500.0 + trial
            assert not a_period(OPEN).is_locked
            assert [event.action for event in trail] == ["actual changed"]
        else:
            assert f"{OPEN} was approved and locked by admin" in message
            assert figure != 500.0 + trial
            assert a_period(OPEN).is_locked
            assert [event.action for event in trail] == ["return approved", "period locked"]


@racing
def test_the_last_two_approvals_at_once_lock_the_period_once(people):
    officer, admin = people["officer"], people["admin"]
    PartnerReturn.objects.filter(period__period__label=OPEN).exclude(
        partner__code__in=["fairshire-youth", "dwp"]
    ).update(status=PartnerReturn.Status.APPROVED)
    for _ in range(TRIALS):
        ReturnPeriod.objects.filter(period__label=OPEN).update(status="open", locked_at=None)
        as_submitted("fairshire-youth")
        as_submitted("dwp")
        mark_id = latest_event()
        outcomes = race(
            reviewing("fairshire-youth", officer, approve_return),
            reviewing("dwp", admin, approve_return),
        )
        assert [kind for kind, _ in outcomes] == ["won", "won"], outcomes
        assert a_period(OPEN).is_locked
        assert len(events_since(mark_id, "return approved")) == 2
        assert len(events_since(mark_id, "period locked")) == 1


@racing
def test_next_steps_written_by_two_officers_at_once_keep_one(people):
    officers = [people["officer"], people["admin"]]
    for trial in range(TRIALS):
        mark_id = latest_event()
        texts = [f"Officer's plan {trial}", f"Admin's plan {trial}"]

        def write(user, text):
            def read():
                period = a_period(OPEN)
                seen = steps_version(period)
                return lambda: set_next_steps(user, period, text, seen=seen)

            return read

        outcomes = race(*(write(user, text) for user, text in zip(officers, texts, strict=True)))
        winner, message = one_wins(outcomes, "were changed by")
        assert officers[winner].username in message
        assert a_period(OPEN).next_steps == texts[winner]
        assert len(events_since(mark_id, "next steps changed")) == 1


def opening(user, quarter: str):
    """Opening a quarter, as the page does on "Open the period"."""
    return lambda: lambda: open_period(user, quarter, due=date(2028, 1, 1))


def reviewing(partner: str, user, decide, *comment: str):
    """A review step: read the return and its version as the page did, then decide."""

    def read():
        partner_return = a_return(partner)
        seen = version(partner_return)
        return lambda: decide(user, partner_return, *comment, seen=seen)

    return read


# Stale objects (both backends): read, change underneath, then act


@pytest.mark.django_db
def test_approving_a_return_someone_approved_since_it_was_read_changes_nothing(people):
    stale = a_return("fairshire-youth")
    approve_return(people["admin"], a_return("fairshire-youth"))
    mark_id = latest_event()
    with pytest.raises(ConflictError, match=r"approved by admin .* while you were reviewing it"):
        approve_return(people["officer"], stale)
    assert a_return("fairshire-youth").reviewed_by == people["admin"]
    assert events_since(mark_id, "return approved") == []


@pytest.mark.django_db
def test_sending_back_a_return_approved_since_it_was_read_keeps_no_comment(people):
    stale = a_return("fairshire-youth")
    approve_return(people["admin"], a_return("fairshire-youth"))
    with pytest.raises(ConflictError, match="was approved by admin"):
        send_back(people["officer"], stale, "Check PI1.")
    assert (a_return("fairshire-youth").status, a_return("fairshire-youth").comment) == (
        "approved",
        "",
    )


@pytest.mark.django_db
def test_a_return_reviewed_on_a_page_older_than_a_correction_is_not_approved(people):
    seen = version(a_return("fairshire-youth"))
    corrected = Entries(figures={"PI1": Figure(value=321.0)})
    save_entries(people["admin"], a_return("fairshire-youth"), corrected)
    with pytest.raises(ConflictError, match=r"was changed by admin .* while you were reviewing it"):
        approve_return(people["officer"], a_return("fairshire-youth"), seen=seen)
    assert a_return("fairshire-youth").status == PartnerReturn.Status.SUBMITTED


@pytest.mark.django_db
def test_a_correction_read_before_the_period_locked_changes_no_figure(people):
    PartnerReturn.objects.filter(period__period__label=OPEN).exclude(
        partner__code="fairshire-youth"
    ).update(status=PartnerReturn.Status.APPROVED)
    stale = a_return("fairshire-youth")
    approve_return(people["admin"], a_return("fairshire-youth"))
    before = ProgrammeActual.objects.get(indicator__code="PI1", period__label=OPEN).value
    with pytest.raises(ConflictError, match=f"{OPEN} was approved and locked by admin"):
        save_entries(people["officer"], stale, Entries(figures={"PI1": Figure(value=1.0)}))
    assert ProgrammeActual.objects.get(indicator__code="PI1", period__label=OPEN).value == before


@pytest.mark.django_db
def test_a_save_from_an_older_page_is_refused_unless_it_changes_nothing(people):
    officer = people["officer"]
    seen = version(a_return("fairshire-cc"))
    save_entries(people["admin"], a_return("fairshire-cc"), Entries(figures={"PI5": Figure(7.0)}))
    with pytest.raises(ConflictError, match=r"was changed by admin .* while you were editing it"):
        save_entries(officer, a_return("fairshire-cc"), Entries({"PI5": Figure(8.0)}), seen=seen)
    assert (
        save_entries(officer, a_return("fairshire-cc"), Entries({"PI5": Figure(7.0)}), seen=seen)
        == 0
    )
    assert ProgrammeActual.objects.get(indicator__code="PI5", period__label=OPEN).value == 7
    current = version(a_return("fairshire-cc"))
    assert (
        save_entries(officer, a_return("fairshire-cc"), Entries({"PI5": Figure(9.0)}), seen=current)
        == 1
    )


@pytest.mark.django_db
def test_submitting_a_return_submitted_since_it_was_read_changes_nothing(people):
    editor = people["safe-editor"]
    stale = a_return("safe-fairshire")
    submit_return(editor, a_return("safe-fairshire"))
    mark_id = latest_event()
    with pytest.raises(ConflictError, match="was submitted by safe-editor"):
        submit_return(editor, stale)
    assert events_since(mark_id, "return submitted") == []


@pytest.mark.django_db
def test_without_row_locks_the_conditional_update_still_lets_one_approval_win(people, monkeypatch):
    monkeypatch.setattr(returns, "locked_return", lambda partner_return: partner_return)
    stale = a_return("fairshire-youth")
    approve_return(people["admin"], a_return("fairshire-youth"))
    mark_id = latest_event()
    with pytest.raises(ConflictError, match="was approved by admin"):
        approve_return(people["officer"], stale)
    assert events_since(mark_id, "return approved") == []


@pytest.mark.django_db
def test_next_steps_from_an_older_page_are_refused_unless_they_change_nothing(people):
    seen = steps_version(a_period(OPEN))
    set_next_steps(people["admin"], a_period(OPEN), "Refresh the plan")
    with pytest.raises(ConflictError, match="were changed by admin"):
        set_next_steps(people["officer"], a_period(OPEN), "Something else", seen=seen)
    mark_id = latest_event()
    set_next_steps(people["officer"], a_period(OPEN), "Refresh the plan", seen=seen)
    assert a_period(OPEN).next_steps == "Refresh the plan"
    assert events_since(mark_id, "next steps changed") == []


# What a person sees


@pytest.mark.django_db
def test_an_officer_who_approves_a_return_someone_else_approved_is_told_who_and_when(
    client, people
):
    page = reverse("programme-return", args=["2026-27-Q3", "fairshire-youth"])
    client.force_login(people["officer"])
    seen = version(a_return("fairshire-youth"))
    approve_return(people["admin"], a_return("fairshire-youth"))
    review = reverse("programme-return-review", args=["2026-27-Q3", "fairshire-youth"])
    response = client.post(review, {"decision": "send back", "comment": "PI2?", "seen": seen})
    assert response.status_code == 302
    assert response.url == page
    shown = client.get(page).content.decode()
    assert "Important" in shown
    assert "return for 2026/27 Q3 was approved by admin at " in shown
    assert "while you were reviewing it, so nothing you sent was saved" in shown
    assert a_return("fairshire-youth").comment == ""


@pytest.mark.django_db
def test_a_partner_whose_return_was_sent_back_while_they_edited_is_told_so(client, people):
    page = reverse("programme-return", args=["2026-27-Q3", "safe-fairshire"])
    client.force_login(people["safe-editor"])
    form = client.get(page).content.decode()
    seen = form.split('name="seen" value="', 1)[1].split('"', 1)[0]
    save_entries(people["officer"], a_return("safe-fairshire"), Entries({"PI7": Figure(70.0)}))
    data = {"PI4-value": "92", "PI7-value": "71", "action-4": "More sessions.", "seen": seen}
    response = client.post(page, data, follow=True)
    shown = response.content.decode()
    assert "was changed by officer at " in shown
    assert "while you were editing it, so nothing you sent was saved" in shown
    assert ProgrammeActual.objects.get(indicator__code="PI7", period__label=OPEN).value == 70


@pytest.mark.django_db
def test_a_double_clicked_save_and_submit_says_who_submitted_it_and_when(client, people):
    page = reverse("programme-return", args=["2026-27-Q3", "safe-fairshire"])
    client.force_login(people["safe-editor"])
    data = {"PI4-value": "92", "PI7-value": "71", "action-4": "More.", "submit": "submit"}
    mark_id = latest_event()
    assert client.post(page, data).status_code == 302
    second = client.post(page, data)
    assert second.status_code == 403
    assert "is submitted: it cannot be changed now; it was submitted by safe-editor at " in (
        second.content.decode()
    )
    assert len(events_since(mark_id, "return submitted")) == 1


@pytest.mark.django_db
def test_next_steps_saved_over_someone_elses_are_refused_and_theirs_shown(client, people):
    page = reverse("programme-report", args=["2026-27-Q3"])
    client.force_login(people["officer"])
    form = client.get(page).content.decode()
    seen = form.split('name="seen" value="', 1)[1].split('"', 1)[0]
    set_next_steps(people["admin"], a_period(OPEN), "The admin's plan")
    response = client.post(page, {"next_steps": "My plan", "seen": seen}, follow=True)
    shown = response.content.decode()
    assert "The next steps for 2026/27 Q3 were changed by admin at " in shown
    assert a_period(OPEN).next_steps == "The admin's plan"
