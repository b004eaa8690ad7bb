"""The framework pages in Welsh under /cy/: headings, buttons, form labels and messages, and a
change that keeps its officer in Welsh after it saves.

The small Fairshire demo is loaded once for the module.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.catalogue.models import Framework

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(f"catalogue-{name}", args=args)


@pytest.fixture
def officer(client):
    client.force_login(User.objects.get(username="officer"))
    return client


def test_the_frameworks_read_in_welsh(officer):
    page = officer.get(welsh("frameworks")).content.decode()
    assert '<h1 class="govuk-heading-xl">Fframweithiau</h1>' in page
    assert "Ychwanegu fframwaith" in page
    assert "(y rhagosodiad)" in page


def test_a_principle_form_reads_in_welsh(officer):
    framework = Framework.objects.get(is_default=True)
    page = officer.get(welsh("principle", framework.pk, 3)).content.decode()
    assert "Enw byr" in page
    assert "Short name" not in page


def test_moving_a_principle_in_welsh_stays_in_welsh(officer):
    framework = Framework.objects.get(is_default=True)
    response = officer.post(welsh("principle-move", framework.pk, 3), {"direction": "down"})
    assert response["Location"] == welsh("framework", framework.pk)
    page = officer.get(response["Location"]).content.decode()
    assert "Symud i fyny" in page
    assert "yw principle 4 bellach" in page


def test_the_side_by_side_labels_read_in_welsh(officer):
    framework = Framework.objects.get(is_default=True)
    page = officer.get(welsh("principle", framework.pk, 1)).content.decode()
    assert "Teitl (Saesneg)</label>" in page
    assert "Teitl (Cymraeg)</label>" in page
    assert "Gadewch yn wag nes ei gyfieithu" in page


HOSTILE = '<script>alert("x")</script>'


def test_an_officer_names_the_framework_in_english_and_welsh_side_by_side(officer):
    framework = Framework.objects.get(is_default=True)
    change = reverse("catalogue-framework-change", args=[framework.pk])
    form = officer.get(change).content.decode()
    assert re.search(r'<input[^>]+name="name_cy"[^>]+lang="cy"', form)
    assert re.search(r'<textarea[^>]+name="description_cy"[^>]+lang="cy"', form)
    body = {"name": framework.name, "name_cy": "Egwyddorion Marmot",
            "description": framework.description, "description_cy": f"Tegwch iechyd {HOSTILE}",
            "principle_name": framework.principle_name, "step": "confirm"}  # fmt: skip
    assert officer.post(change, body).status_code == 302
    framework.refresh_from_db()
    assert framework.name_cy == "Egwyddorion Marmot"
    assert framework.description_cy == f"Tegwch iechyd {HOSTILE}"
    english = officer.get(reverse("monitor-home")).content.decode()
    assert f'--l">{framework.name}</caption>' in english
    assert "Egwyddorion Marmot" not in english
    home = officer.get(welsh_home()).content.decode()
    assert '--l">Egwyddorion Marmot</caption>' in home
    assert 'aria-label="Egwyddorion Marmot"' in home
    assert "Tegwch iechyd &lt;script&gt;" in home
    assert HOSTILE not in home
    listed = officer.get(welsh("frameworks")).content.decode()
    assert '/">Egwyddorion Marmot</a></dt>' in listed


def test_a_framework_without_welsh_shows_its_english_name_and_description_marked(officer):
    Framework.objects.filter(is_default=True).update(name_cy="", description_cy="")
    framework = Framework.objects.get(is_default=True)
    home = officer.get(welsh_home()).content.decode()
    assert f'--l"><span lang="en">{framework.name}</span></caption>' in home
    assert "Nid oes fersiwn Gymraeg eto: dangosir y Saesneg." in home.split("<caption")[0]
    listed = officer.get(welsh("frameworks")).content.decode()
    assert f'/"><span lang="en">{framework.name}</span></a></dt>' in listed


def welsh_home() -> str:
    with translation.override("cy"):
        return reverse("monitor-home")
