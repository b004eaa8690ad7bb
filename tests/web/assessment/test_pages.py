"""The self-assessment pages doing their jobs: answering by form and by template, officers
editing a question set and opening a round, the heat map and its change, every change in
the audit trail, and every text a user typed shown as text."""

import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from marmot_monitor.web.assessment.models import Answer, Assessment, Question, Round
from marmot_monitor.web.programme.models import AuditEvent
from tests.io.spreadsheets import HOSTILE, xlsx_problems

from .conftest import HOUSING, ROUND, SAFE, an_assessment

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><b>bold</b>'
HOSTILE_TEXT = f"{HOSTILE[0]} {MARKUP}"


def form_data(assessment: Assessment, **changes) -> dict:
    """The assessment's form as stored (empty where unanswered), with ``changes`` by code:
    ``{"M1.1": (3, "evidence", "action")}``."""
    saved = {a.question_id: a for a in assessment.answers.all()}
    data = {}
    for question in assessment.round.question_set.questions.all():
        answer = saved.get(question.pk)
        rating, evidence, action = changes.get(
            question.code,
            (answer.rating, answer.evidence, answer.action) if answer else ("", "", ""),
        )
        data |= {
            f"q{question.pk}-rating": rating or "",
            f"q{question.pk}-evidence": evidence,
            f"q{question.pk}-action": action,
        }
    return data


def test_a_partner_editor_saves_then_submits_their_self_assessment_by_form(client, rounds):
    client.force_login(rounds["safe-editor"])
    assessment = an_assessment(SAFE)
    url = reverse("assessment-assessment", args=[ROUND, SAFE])
    response = client.post(url, form_data(assessment, **{"M1.1": (3, "Outreach", "Extend")}))
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question__code="M1.1")
    assert (answer.rating, answer.evidence, answer.action) == (3, "Outreach", "Extend")
    assert an_assessment(SAFE).status == Assessment.Status.PENDING
    client.post(url, form_data(assessment) | {"submit": "submit"})
    assert an_assessment(SAFE).status == Assessment.Status.SUBMITTED
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "answer changed" in actions
    assert "self-assessment submitted" in actions


def test_submitting_with_nothing_rated_is_refused_and_saves_nothing_else(client, rounds):
    client.force_login(rounds["safe-editor"])
    assessment = an_assessment(SAFE)
    url = reverse("assessment-assessment", args=[ROUND, SAFE])
    response = client.post(url, form_data(assessment) | {"submit": "submit"})
    assert response.status_code == 200
    assert "rate at least one question before submitting" in response.content.decode()
    assert an_assessment(SAFE).status == Assessment.Status.PENDING


def test_a_rating_off_the_scale_is_a_form_error_and_changes_nothing(client, rounds):
    client.force_login(rounds["officer"])
    assessment = an_assessment(SAFE)
    url = reverse("assessment-assessment", args=[ROUND, SAFE])
    response = client.post(url, form_data(assessment, **{"M1.1": (9, "", "")}))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def filled_template(client, **ratings) -> io.BytesIO:
    content = client.get(reverse("assessment-template", args=[ROUND, SAFE])).content
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Questions"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in ratings:
            row[4].value, row[5].value = ratings[row[0].value]
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    output.name = "safe.xlsx"
    return output


def test_a_filled_template_is_saved_and_submitted(client, rounds):
    client.force_login(rounds["safe-editor"])
    upload = filled_template(client, **{"M3.1": ("Developing", "Living Wage employer")})
    url = reverse("assessment-upload", args=[ROUND, SAFE])
    response = client.post(url, {"file": upload, "submit": "on"})
    assert response.status_code == 302
    answer = Answer.objects.get(assessment__slug=SAFE, assessment__round__slug=ROUND,
                                question__code="M3.1")  # fmt: skip
    assert (answer.rating, answer.evidence) == (3, "Living Wage employer")
    assert an_assessment(SAFE).is_submitted


def test_a_bad_template_is_refused_with_every_problem_named_and_nothing_changes(client, rounds):
    client.force_login(rounds["safe-editor"])
    upload = filled_template(client, **{"M1.1": (3, "fine"), "M2.1": ("Excellent", "")})
    audit_before = AuditEvent.objects.count()
    response = client.post(reverse("assessment-upload", args=[ROUND, SAFE]), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "safe.xlsx: 1 problem, so nothing was changed" in page
    for cell in ("Questions", "E (Rating)", "Excellent", "Is not a rating on the scale"):
        assert cell in page
    assert not Answer.objects.filter(assessment__slug=SAFE, assessment__round__slug=ROUND).exists()
    assert AuditEvent.objects.count() == audit_before


def test_a_file_that_is_not_a_workbook_is_refused_by_its_content_not_its_name(client, rounds):
    client.force_login(rounds["officer"])
    upload = io.BytesIO(b"Code,Rating\nM1.1,3\n")
    upload.name = "answers.xlsx"
    response = client.post(reverse("assessment-upload", args=[ROUND, SAFE]), {"file": upload})
    assert "The file is not an Excel workbook (.xlsx)" in response.content.decode()


def test_an_officer_changes_a_question_after_checking_the_answers(client, rounds):
    client.force_login(rounds["officer"])
    url = reverse("assessment-question", args=["marmot", "M1.1"])
    data = {"code": "M1.1", "principle": "1", "text": "Do you support families early?"}
    data |= {f"descriptor_{n}": f"Level {n}" for n in range(1, 5)}
    check = client.post(url, data)
    assert "Check the question before saving it" in check.content.decode()
    assert Question.objects.get(code="M1.1", question_set__key="marmot").text != data["text"]
    change = client.post(url, data | {"step": "change"}).content.decode()
    assert f'value="{data["text"]}"' not in change  # a textarea holds it: the form again
    assert f">{data['text']}</textarea>" in change
    saved = client.post(url, data | {"step": "save"})
    assert saved.status_code == 302
    question = Question.objects.get(code="M1.1", question_set__key="marmot")
    assert (question.text, question.descriptors[0]) == (data["text"], "Level 1")
    event = AuditEvent.objects.get(action="question changed")
    assert event.after["text"] == data["text"]
    assert event.before["text"] != data["text"]


def test_a_question_code_used_in_the_set_is_refused(client, rounds):
    client.force_login(rounds["officer"])
    data = {"code": "M2.1", "principle": "1", "text": "Again?", "step": "save"}
    data |= {f"descriptor_{n}": "x" for n in range(1, 5)}
    response = client.post(reverse("assessment-question-new", args=["marmot"]), data)
    assert "already the code of another question" in response.content.decode()


def test_moving_a_question_up_swaps_it_with_the_one_before_under_its_principle(client, rounds):
    client.force_login(rounds["officer"])
    move = reverse("assessment-question-move", args=["marmot", "M3.2"])
    client.post(move, {"direction": "up"})
    principle_3 = Question.objects.filter(question_set__key="marmot", principle__number=3)
    assert list(principle_3.order_by("position").values_list("code", flat=True)) == [
        "M3.2",
        "M3.1",
    ]
    assert AuditEvent.objects.filter(action="question moved").count() == 1
    client.post(move, {"direction": "up"})  # already first: nothing moves, nothing audited
    assert AuditEvent.objects.filter(action="question moved").count() == 1


def test_an_officer_opens_a_round_for_partners_and_teams(client, rounds):
    client.force_login(rounds["officer"])
    data = {"name": "2027", "due_day": "31", "due_month": "3", "due_year": "2027"}
    data |= {"partners": ["dwp", "fairshire-police"], "teams": "Leisure Services\n\nLibraries"}
    response = client.post(reverse("assessment-round-new", args=["marmot"]), data)
    opened = Round.objects.get(name="2027")
    assert response["Location"] == reverse("assessment-round", args=[opened.slug])
    assert sorted(opened.assessments.values_list("respondent", flat=True)) == [
        "Department for Work and Pensions", "Fairshire Constabulary", "Leisure Services",
        "Libraries",
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action="round opened").count() == 1


def test_a_round_named_twice_or_for_no_one_is_refused(client, rounds):
    client.force_login(rounds["officer"])
    data = {"name": "2026", "due_day": "31", "due_month": "3", "due_year": "2027", "teams": ""}
    response = client.post(reverse("assessment-round-new", args=["marmot"]), data)
    assert "Choose at least one respondent" in response.content.decode()
    response = client.post(reverse("assessment-round-new", args=["marmot"]), data | {"teams": "A"})
    assert "already has a round called" in response.content.decode()
    assert Round.objects.count() == 2


def test_the_heat_map_names_each_score_in_words_and_the_change_since_last_round(client, rounds):
    client.force_login(rounds["viewer"])
    page = client.get(reverse("assessment-results", args=[ROUND])).content.decode()
    heat_map = page[page.index('id="heat-map"') : page.index('id="change-heading"')]
    assert "Housing Strategy Team" in heat_map
    assert "Safe Fairshire" not in heat_map  # not yet submitted
    assert any(f"{band}</td>" in heat_map for band in ("Not yet", "Beginning", "Developing"))
    change = page[page.index('id="change"') :]
    assert "since 2025" in page
    assert "Up " in change or "Down " in change


def test_user_text_is_shown_as_text_on_pages_and_in_the_exports(client, rounds):
    client.force_login(rounds["officer"])
    housing = an_assessment(HOUSING)
    Assessment.objects.filter(pk=housing.pk).update(respondent=HOSTILE_TEXT)
    Answer.objects.filter(assessment=housing).update(evidence=HOSTILE_TEXT, action=HOSTILE_TEXT)
    Question.objects.filter(code="M1.1").update(text=HOSTILE_TEXT, descriptors=[HOSTILE_TEXT] * 4)
    for url in (
        reverse("assessment-set", args=["marmot"]),
        reverse("assessment-question", args=["marmot", "M1.1"]),
        reverse("monitor-search") + "?q=alert",
        reverse("assessment-results", args=[ROUND]),
        reverse("assessment-round", args=[ROUND]),
        reverse("assessment-assessment", args=[ROUND, HOUSING]),
    ):
        page = client.get(url).content.decode()
        assert MARKUP not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    workbook = client.get(reverse("assessment-results-download", args=[ROUND, "xlsx"])).content
    assert xlsx_problems(workbook, expected=(HOSTILE[0],)) == []
    template = client.get(reverse("assessment-template", args=[ROUND, HOUSING])).content
    assert xlsx_problems(template, expected=(HOSTILE[0],)) == []
    document = docx.Document(
        io.BytesIO(client.get(reverse("assessment-results-download", args=[ROUND, "docx"])).content)
    )
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(HOSTILE_TEXT in text for text in texts)


def test_the_programme_start_page_links_to_self_assessment(client, rounds):
    client.force_login(rounds["youth-editor"])
    page = client.get(reverse("programme-home")).content.decode()
    assert f'href="{reverse("assessment-home")}"' in page


def test_a_partner_editor_sees_only_their_own_self_assessments(client, rounds):
    client.force_login(rounds["youth-editor"])
    page = client.get(reverse("assessment-round", args=[ROUND])).content.decode()
    assert "Fairshire Youth Futures Trust" in page
    assert "Housing Strategy Team" not in page
    assert "Safe Fairshire" not in page


def test_the_site_search_finds_questions_for_people_signed_in_only(client, rounds):
    url = reverse("monitor-search") + "?q=living+wage"
    assert "Self-assessment questions" not in client.get(url).content.decode()
    client.force_login(rounds["youth-editor"])
    page = client.get(url).content.decode()
    assert 'Self-assessment questions <span class="govuk-caption-m">0 found' in page
    page = client.get(reverse("monitor-search") + "?q=fair+pay").content.decode()
    assert "M3.1: As an employer and a buyer, do you offer fair pay and good work?" in page
