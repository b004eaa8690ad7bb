"""Images on a case study: uploaded by an officer with alt text, checked by content, kept
re-encoded under a random name in the data folder, shown with their alt text to whoever may
read the case study, and removed with their file."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image as Picture

from marmot_monitor.web.stories import forms as story_forms
from marmot_monitor.web.stories import services
from marmot_monitor.web.stories.models import Image

from .conftest import DRAFT, PUBLISHED, a_study

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]


def upload(name: str = "../../street.png", fmt: str = "PNG") -> io.BytesIO:
    out = io.BytesIO()
    Picture.new("RGB", (64, 48), "teal").save(out, format=fmt)
    out.seek(0)
    out.name = name
    return out


@pytest.fixture
def officer(client, people, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(people["officer"])
    return client


def add(client, title: str = PUBLISHED, **fields):
    study = a_study(title)
    data = {"image": upload(), "alt_text": "Two coaches <b>and</b> a young person"} | fields
    return study, client.post(reverse("stories-image-new", args=[study.pk]), data)


def test_an_image_is_kept_re_encoded_under_a_random_name_and_shown_with_its_alt_text(
    officer, client, tmp_path
):
    study, response = add(officer)
    assert response.status_code == 302
    image = Image.objects.get(case_study=study)
    assert image.file_name.endswith(".jpg")
    assert "street" not in image.file_name
    assert (tmp_path / "case-study-images" / image.file_name).is_file()
    client.logout()
    page = client.get(reverse("stories-case-study", args=[study.pk])).content.decode()
    assert 'alt="Two coaches &lt;b&gt;and&lt;/b&gt; a young person"' in page
    shown = client.get(reverse("stories-image", args=[study.pk, image.pk]))
    assert shown["Content-Type"] == "image/jpeg"
    assert Picture.open(io.BytesIO(b"".join(shown.streaming_content))).size == (64, 48)


def test_a_draft_case_studys_images_are_hidden_from_the_public(officer, client):
    study, _ = add(officer, DRAFT)
    image = Image.objects.get(case_study=study)
    assert officer.get(reverse("stories-image", args=[study.pk, image.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("stories-image", args=[study.pk, image.pk])).status_code == 404


def test_an_image_without_alt_text_is_refused(officer):
    study, response = add(officer, alt_text="   ")
    assert response.status_code == 400
    assert "Describe the image for people who cannot see it" in response.content.decode()
    assert not Image.objects.filter(case_study=study).exists()


def test_a_file_that_is_not_an_image_is_refused_by_its_content_not_its_name(officer, tmp_path):
    fake = io.BytesIO(b"<svg onload=alert(1)></svg>")
    fake.name = "street.png"
    study, response = add(officer, image=fake)
    assert response.status_code == 400
    assert "street.png is not an image Marmot Monitor can read" in response.content.decode()
    assert not Image.objects.filter(case_study=study).exists()
    assert not (tmp_path / "case-study-images").exists()


def test_an_image_over_the_cap_is_stopped_as_it_arrives(officer, monkeypatch):
    monkeypatch.setattr(story_forms, "IMAGE_MAX_BYTES", 100)
    study, response = add(officer)
    assert response.status_code == 400
    assert "The image is larger than 100" in response.content.decode()
    assert not Image.objects.filter(case_study=study).exists()


def test_removing_an_image_removes_its_file(officer):
    study, _ = add(officer)
    image = Image.objects.get(case_study=study)
    path = services.image_path(image)
    response = officer.post(reverse("stories-image-remove", args=[study.pk, image.pk]))
    assert response.status_code == 302
    assert not path.exists()
    assert not Image.objects.filter(pk=image.pk).exists()


def test_an_images_alt_text_and_caption_are_written_in_welsh_beside_the_english(officer, client):
    form = client.get(reverse("stories-case-study", args=[a_study(PUBLISHED).pk])).content.decode()
    assert re.search(r'<input[^>]+name="alt_text_cy"[^>]+lang="cy"', form)
    welsh_texts = {"alt_text_cy": "Dau hyfforddwr <b>a</b> pherson ifanc", "caption": "Coaches",
                   "caption_cy": "Hyfforddwyr"}  # fmt: skip
    study, _ = add(officer, **welsh_texts)
    image = Image.objects.get(case_study=study)
    assert (image.alt_text_cy, image.caption_cy) == ("Dau hyfforddwr <b>a</b> pherson ifanc",
                                                     "Hyfforddwyr")  # fmt: skip
    with translation.override("cy"):
        page = client.get(reverse("stories-case-study", args=[study.pk])).content.decode()
    assert 'alt="Dau hyfforddwr &lt;b&gt;a&lt;/b&gt; pherson ifanc" width' in page
    assert '<figcaption class="govuk-body-s">Hyfforddwyr</figcaption>' in page


def test_an_image_without_welsh_shows_its_english_alt_text_and_caption_marked(officer, client):
    study, _ = add(officer, caption="Coaches")
    with translation.override("cy"):
        page = client.get(reverse("stories-case-study", args=[study.pk])).content.decode()
    assert 'alt="Two coaches &lt;b&gt;and&lt;/b&gt; a young person" lang="en"' in page
    assert '<figcaption class="govuk-body-s"><span lang="en">Coaches</span></figcaption>' in page
