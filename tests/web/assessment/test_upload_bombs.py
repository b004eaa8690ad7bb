"""The bomb test of the self-assessment template upload: every hostile file is refused with a
form error naming it, changes nothing and leaves no file behind."""

import html

import pytest
from django.urls import reverse

from marmot_monitor.io.assessment_workbook import write_assessment_workbook
from marmot_monitor.io.limits import display_name
from marmot_monitor.web.assessment.data import assessment_template
from marmot_monitor.web.assessment.models import Answer
from marmot_monitor.web.programme.models import AuditEvent
from tests.io import bombs

from .conftest import ROUND, SAFE, an_assessment

pytestmark = pytest.mark.django_db

QUESTIONS = "xl/worksheets/sheet2.xml"
NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx): it is not the zip file"
REFUSED_BECAUSE = {
    "gzip bomb": NOT_A_WORKBOOK,
    "zip-bomb workbook": "The file expands more than 100 times when decompressed",
    "many-rows workbook": "The sheet 'Questions' has more than 50,000 cells",
    "many-columns CSV": NOT_A_WORKBOOK,
    "binary file as .csv": NOT_A_WORKBOOK,
    "macro-enabled workbook": "The workbook holds macros",
    "workbook with external links": "The workbook links to 1 other workbook",
    "truncated sheet XML": "The workbook is damaged: the sheet 'Questions' cannot be read",
    "long non-ASCII name": NOT_A_WORKBOOK,
}


def test_every_hostile_file_is_refused_naming_it_and_changes_nothing(client, rounds, settings,
                                                                       tmp_path):  # fmt: skip
    settings.UPLOAD_FOLDER = tmp_path / "uploads"
    client.force_login(rounds["safe-editor"])
    template = write_assessment_workbook(assessment_template(an_assessment(SAFE)))
    before = (Answer.objects.count(), AuditEvent.objects.count())
    for bomb, (name, data) in bombs.bombs(template, sheet=QUESTIONS).items():
        response = client.post(
            reverse("assessment-upload", args=[ROUND, SAFE]),
            {"file": bombs.named_file(name, data), "submit": "on"},
        )
        page = html.unescape(response.content.decode())
        assert response.status_code == 200, bomb
        assert f"{display_name(name)}: 1 problem, so nothing was changed" in page, bomb
        assert REFUSED_BECAUSE[bomb] in page, bomb
        assert str(settings.UPLOAD_FOLDER) not in page, bomb
        assert (Answer.objects.count(), AuditEvent.objects.count()) == before, bomb
        assert [path for path in settings.UPLOAD_FOLDER.rglob("*") if path.is_file()] == []
