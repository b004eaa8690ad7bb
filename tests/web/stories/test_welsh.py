"""The case study and partner pages in Welsh under /cy/: their headings, tables, buttons,
statuses and messages, and a form that keeps its user in Welsh after it saves. Their texts in
Welsh where an officer wrote them beside the English (the demo's first case study), else in
English marked lang="en" with a note in Welsh."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.demo.stories import BOARD_PERIOD
from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.programme.models import AuditEvent
from marmot_monitor.web.stories import data
from marmot_monitor.web.stories.models import CaseStudy, Commitment

from .conftest import PUBLISHED, PUBLISHED_IN_WELSH, a_study

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]
IN_ENGLISH_ONLY = "Warm homes for older people in Coldwater"
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_case_studies_read_in_welsh(client):
    page = client.get(welsh("stories-case-studies")).content.decode()
    assert '<h1 class="govuk-heading-xl">Astudiaethau achos</h1>' in page
    assert "Egwyddorion:" in page
    assert PUBLISHED_IN_WELSH in page
    study = client.get(welsh("stories-case-study", a_study(PUBLISHED).pk)).content.decode()
    assert "Am yr astudiaeth achos hon" in study
    assert "Beth sydd wedi newid" in study


def test_a_partners_page_reads_in_welsh_with_its_commitments_status(client):
    page = client.get(welsh("stories-partner", "fairshire-youth")).content.decode()
    assert '<h2 class="govuk-heading-l">Ymrwymiadau</h2>' in page
    assert "Wedi’i gyflawni" in page
    assert "Achieved" not in page


def test_an_officer_adding_a_commitment_in_welsh_stays_in_welsh(client, people):
    client.force_login(people["officer"])
    form = client.get(welsh("stories-commitment-new", "fairshire-cvs")).content.decode()
    assert "Cadw’r ymrwymiad" in form
    eight = Principle.objects.get(number=8, framework__is_default=True)
    response = client.post(
        welsh("stories-commitment-new", "fairshire-cvs"),
        {"principle": eight.pk, "text": "Plant trees", "made": "2025-04-01",
         "status": "not started"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == welsh("stories-partner", "fairshire-cvs")
    page = client.get(response["Location"]).content.decode()
    assert "wedi’i gadw" in page


def test_a_refused_form_says_why_in_welsh(client, people):
    client.force_login(people["officer"])
    response = client.post(welsh("stories-profile-edit", "dwp"), {"website": "not a site"})
    assert "Rhowch gyfeiriad gwe fel https://example.org" in response.content.decode()


def test_who_may_not_edit_is_told_in_welsh(client, people):
    client.force_login(people["viewer"])
    response = client.get(welsh("stories-case-study-new"))
    assert response.status_code == 403
    assert "Dim ond swyddogion rhaglen a gweinyddwyr all ychwanegu astudiaethau achos." in (
        response.content.decode()
    )


def test_a_case_study_in_welsh_shows_its_welsh_story_in_paragraphs(client):
    study = a_study(PUBLISHED)
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f'<h1 class="govuk-heading-xl">{PUBLISHED_IN_WELSH}</h1>' in page
    assert "<title>Hyfforddiant Youth Futures yn Eastfield – Astudiaethau achos" in page
    assert '<p class="govuk-body">Yn 2022 roedd un o bob wyth' in page
    assert 'lang="en"' not in page.split("<main", 1)[1].split("Am yr astudiaeth")[0]


def test_a_case_study_without_welsh_shows_its_english_marked_with_a_note(client):
    study = a_study(IN_ENGLISH_ONLY)
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f'<span lang="en">{study.title}</span> <strong class="govuk-tag' in page
    assert page.count("Nid oes fersiwn Gymraeg eto: dangosir y Saesneg.") == 2  # summary, story
    assert '<div lang="en"><p class="govuk-body">' in page


def test_the_english_case_study_page_is_unchanged(client):
    page = client.get(reverse("stories-case-study", args=[a_study(PUBLISHED).pk])).content.decode()
    assert f'<h1 class="govuk-heading-xl">{PUBLISHED}</h1>' in page
    assert PUBLISHED_IN_WELSH not in page


def test_an_officer_writes_a_case_study_in_english_and_welsh_side_by_side(client, people):
    client.force_login(people["officer"])
    form = client.get(reverse("stories-case-study-new")).content.decode()
    assert re.search(r'<textarea[^>]+name="body_cy"[^>]+lang="cy"', form)
    assert form.count('class="govuk-grid-row marmot-side-by-side"') == 3 + 2 + 2 * 2  # 2 rows each
    body = {
        "title": "Play streets", "title_cy": f"Strydoedd chwarae {HOSTILE}",
        "summary": "Streets closed so children can play.",
        "summary_cy": "Strydoedd ar gau fel y gall plant chwarae.",
        "body": "Residents asked.", "body_cy": "Gofynnodd y trigolion.",
        "metrics-TOTAL_FORMS": "0", "metrics-INITIAL_FORMS": "0",
        "quotes-TOTAL_FORMS": "0", "quotes-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post(reverse("stories-case-study-new"), body).status_code == 302
    study = CaseStudy.objects.get(title="Play streets")
    assert study.title_cy == f"Strydoedd chwarae {HOSTILE}"
    assert study.body_cy == "Gofynnodd y trigolion."
    assert AuditEvent.objects.get(action="case study added").after["summary_cy"] == (
        "Strydoedd ar gau fel y gall plant chwarae."
    )
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f"Strydoedd chwarae {ESCAPED}" in page
    assert HOSTILE not in page


def test_a_partners_welsh_description_and_commitment_are_saved_and_shown(client, people):
    client.force_login(people["officer"])
    body = {"description": "Jobcentres.", "description_cy": "Canolfannau gwaith.\n\nAil baragraff.",
            "website": ""}  # fmt: skip
    assert client.post(reverse("stories-profile-edit", args=["dwp"]), body).status_code == 302
    commitment = Commitment.objects.filter(partner__code="fairshire-cc").first()
    edit = reverse("stories-commitment-edit", args=["fairshire-cc", commitment.pk])
    form = client.get(edit).content.decode()
    assert re.search(r'<textarea[^>]+name="text_cy"[^>]+lang="cy"', form)
    client.post(edit, {"principle": commitment.principle_id, "text": commitment.text,
                       "text_cy": "Cadw mewn cysylltiad", "made": commitment.made.isoformat(),
                       "status": commitment.status})  # fmt: skip
    assert Commitment.objects.get(pk=commitment.pk).text_cy == "Cadw mewn cysylltiad"
    dwp = client.get(welsh("stories-partner", "dwp")).content.decode()
    assert '<p class="govuk-body">Canolfannau gwaith.</p>\n<p class="govuk-body">Ail' in dwp
    council = client.get(welsh("stories-partner", "fairshire-cc")).content.decode()
    assert '<td class="govuk-table__cell">Cadw mewn cysylltiad</td>' in council
    assert '<td class="govuk-table__cell"><span lang="en">' in council  # its other commitment


def test_a_case_studys_metrics_and_quotes_read_in_welsh_where_written(client):
    page = client.get(welsh("stories-case-study", a_study(PUBLISHED).pk)).content.decode()
    assert (
        '<th scope="row" class="govuk-table__header">'
        "Pobl ifanc a gefnogwyd i waith, addysg neu hyfforddiant</th>"
    ) in page
    assert "“Wnaeth fy hyfforddwr ddim rhoi’r gorau iddi pan wnes i." in page
    assert '<p class="govuk-body-s">cyflogwr yn y Siambr Fasnach</p>' in page
    assert "Young people supported" not in page


def test_metrics_and_quotes_without_welsh_show_their_english_marked(client):
    page = client.get(welsh("stories-case-study", a_study(IN_ENGLISH_ONLY).pk)).content.decode()
    assert (
        '<th scope="row" class="govuk-table__header">'
        '<span lang="en">Homes insulated or with new heating</span></th>'
    ) in page
    assert '“<span lang="en">For the first time in years' in page
    assert '<p class="govuk-body-s"><span lang="en">a resident of Coldwater, aged 81</span>' in page


def test_the_english_case_study_pages_metrics_and_quotes_are_unchanged(client):
    page = client.get(reverse("stories-case-study", args=[a_study(PUBLISHED).pk])).content.decode()
    assert (
        '<th scope="row" class="govuk-table__header">'
        "Young people supported into work, education or training</th>"
    ) in page
    assert '<p class="govuk-body-s">an employer in the Chamber of Commerce</p>' in page
    assert "Wnaeth fy hyfforddwr" not in page


def test_the_board_reports_case_study_has_its_welsh_metrics_and_quotes_in_welsh():
    with translation.override("cy"):
        study = data.board_case_studies(BOARD_PERIOD)[0]
    assert study["metrics"][1]["label"] == "Yn dal mewn gwaith neu ddysgu chwe mis yn ddiweddarach"
    assert study["quotes"][0]["attribution"] == "person ifanc, 17 oed"
    english = data.board_case_studies(BOARD_PERIOD)[0]
    assert english["quotes"][0]["attribution"] == "a young person, aged 17"


def test_an_officer_writes_metrics_and_quotes_in_english_and_welsh_side_by_side(client, people):
    client.force_login(people["officer"])
    study = a_study(IN_ENGLISH_ONLY)
    edit = reverse("stories-case-study-edit", args=[study.pk])
    form = client.get(edit).content.decode()
    assert re.search(r'<input[^>]+name="metrics-0-label_cy"[^>]+lang="cy"', form)
    assert re.search(r'<textarea[^>]+name="quotes-0-text_cy"[^>]+lang="cy"', form)
    assert form.count('class="govuk-grid-row marmot-side-by-side"') == 3 + 3 + 3 * 2  # 3 rows each
    body = {
        "title": study.title, "summary": study.summary, "body": study.body,
        "metrics-TOTAL_FORMS": "1", "metrics-INITIAL_FORMS": "0",
        "metrics-0-label": "Homes warmed", "metrics-0-label_cy": f"Cartrefi cynhesach {HOSTILE}",
        "metrics-0-before": "35", "metrics-0-after": "210",
        "quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "0",
        "quotes-0-text": "Warm at last.", "quotes-0-text_cy": "Yn gynnes o’r diwedd.",
        "quotes-0-attribution": "a resident", "quotes-0-attribution_cy": "preswylydd",
    }  # fmt: skip
    assert client.post(edit, body).status_code == 302
    metric, quote = study.metrics.get(), study.quotes.get()
    assert metric.label_cy == f"Cartrefi cynhesach {HOSTILE}"
    assert (quote.text_cy, quote.attribution_cy) == ("Yn gynnes o’r diwedd.", "preswylydd")
    assert AuditEvent.objects.filter(action="case study changed").last().after["quotes"] == [
        {"text": "Warm at last.", "text_cy": "Yn gynnes o’r diwedd.",
         "attribution": "a resident", "attribution_cy": "preswylydd"}
    ]  # fmt: skip
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f"Cartrefi cynhesach {ESCAPED}</th>" in page
    assert HOSTILE not in page


def test_a_welsh_quote_without_its_english_is_refused(client, people):
    client.force_login(people["officer"])
    study = a_study(IN_ENGLISH_ONLY)
    body = {
        "title": study.title, "summary": study.summary, "body": study.body,
        "metrics-TOTAL_FORMS": "0", "metrics-INITIAL_FORMS": "0",
        "quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "0", "quotes-0-text_cy": "Diolch.",
    }  # fmt: skip
    response = client.post(reverse("stories-case-study-edit", args=[study.pk]), body)
    assert response.status_code == 200
    assert "Enter the quote" in response.content.decode()
    assert study.quotes.count() == 1


def test_a_commitments_progress_is_written_in_welsh_beside_the_english(client, people):
    client.force_login(people["officer"])
    commitment = Commitment.objects.filter(partner__code="fairshire-cc").first()
    edit = reverse("stories-commitment-edit", args=["fairshire-cc", commitment.pk])
    form = client.get(edit).content.decode()
    assert re.search(r'<textarea[^>]+name="progress_cy"[^>]+lang="cy"', form)
    client.post(edit, {"principle": commitment.principle_id, "text": commitment.text,
                       "made": commitment.made.isoformat(), "status": commitment.status,
                       "progress": "Two sites open.",
                       "progress_cy": f"Dau safle ar agor {HOSTILE}"})  # fmt: skip
    assert Commitment.objects.get(pk=commitment.pk).progress_cy == f"Dau safle ar agor {HOSTILE}"
    assert list(data.matching(["safle"])["commitments"]) == [commitment]
    english = client.get(reverse("stories-partner", args=["fairshire-cc"])).content.decode()
    assert '<p class="govuk-body-s">Two sites open.' in english
    council = client.get(welsh("stories-partner", "fairshire-cc")).content.decode()
    assert f'<p class="govuk-body-s">Dau safle ar agor {ESCAPED}' in council
    assert HOSTILE not in council


def test_a_commitments_progress_without_welsh_shows_its_english_marked(client):
    progress = Commitment.objects.exclude(progress="").select_related("partner").first()
    page = client.get(welsh("stories-partner", progress.partner.code)).content.decode()
    assert f'<p class="govuk-body-s"><span lang="en">{progress.progress}</span>' in page
