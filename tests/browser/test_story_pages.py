"""Case studies and partner pages in a real browser, by keyboard, with axe on every state:
a reader goes from the list to a case study (its image and alt text) and on to a partner;
an officer drafts a case study (its title in English and, beside it, Welsh), is told what is
missing, publishes it, and adds a partner's commitment. The same pages in Welsh (/cy/) pass axe
too, a case study in Welsh beside others shown in English, marked."""

import pytest
from PIL import Image as Picture

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.demo.stories import stories_frames
from marmot_monitor.io.images import read_image
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme
from marmot_monitor.web.stories import services
from marmot_monitor.web.stories.loading import load_demo_stories
from marmot_monitor.web.stories.models import CaseStudy, Commitment

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLISHED = "Youth Futures coaching in Eastfield"


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings, tmp_path):
    """The demo's partners, programme, users and stories (no areas or values), an image on
    the first case study; the live server's URL."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path
    frames = programme_frames()
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(frames["users"], partners=partners)
    load_programme({name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners,
                   users=users)  # fmt: skip
    load_demo_stories(stories_frames())
    picture = tmp_path / "coaches.png"
    Picture.new("RGB", (320, 200), "teal").save(picture, format="PNG")
    checked = read_image(picture, name="coaches.png")
    study = CaseStudy.objects.get(title=PUBLISHED)
    texts = {"alt_text": "Two coaches with a young person", "alt_text_cy": "", "caption": "",
             "caption_cy": ""}  # fmt: skip
    services.add_image(study, checked, texts=texts, user=None)
    return live_server.url


def no_violations(page, axe_script) -> None:
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{page.url}: {violations}"


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector, presses=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_reader_goes_from_the_case_studies_to_a_partner_by_keyboard(site, page, axe_script):
    errors = opened(page, site + "/case-studies/")
    no_violations(page, axe_script)
    study = CaseStudy.objects.get(title=PUBLISHED)
    press_enter_on(page, f"main h2 a[href='/case-studies/{study.pk}/']")
    assert page.locator("h1").inner_text() == PUBLISHED
    image = page.locator("main img.marmot-case-study-image")
    assert image.get_attribute("alt") == "Two coaches with a young person"
    assert page.evaluate("img => img.complete && img.naturalWidth", image.element_handle()) == 320
    assert "up 120 people (100%)" in page.locator("#case-study-metrics").inner_text()
    no_violations(page, axe_script)
    press_enter_on(page, "main dd a[href='/partners/fairshire-youth/']")
    assert "Keep in touch with every young person" in page.locator("#commitments").inner_text()
    no_violations(page, axe_script)
    opened(page, site + "/partners/")
    no_violations(page, axe_script)
    for address in ("/case-studies/", f"/case-studies/{study.pk}/", "/partners/fairshire-youth/",
                    "/partners/"):  # fmt: skip
        opened(page, site + "/cy" + address)
        assert page.locator("html").get_attribute("lang") == "cy"
        no_violations(page, axe_script)
        if address == "/case-studies/":  # one case study in Welsh, the others in English, marked
            assert "Hyfforddiant Youth Futures yn Eastfield" in page.locator("main").inner_text()
            assert page.locator("main h2 span[lang=en] + .govuk-tag").count() == 2
    assert page.locator("h1").inner_text() == "Partneriaid"
    assert errors == []


def test_an_officer_drafts_publishes_and_commits_by_keyboard(site, page, axe_script):
    opened(page, site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("officer")
    tab_to(page, "#id_password")
    page.keyboard.type("fairshire-officer")
    press_enter_on(page, "main button[type=submit]")
    assert "/accounts/sign-in" not in page.url
    opened(page, site + "/case-studies/new")
    no_violations(page, axe_script)
    press_enter_on(page, "main form button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "Enter the case study's title" in summary.inner_text()
    no_violations(page, axe_script)
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_title"
    page.keyboard.type("Play streets")
    page.keyboard.press("Tab")  # the Welsh beside the English
    assert page.evaluate("document.activeElement.id") == "id_title_cy"
    page.keyboard.type("Strydoedd chwarae")
    page.keyboard.press("Tab")
    page.keyboard.type("Streets closed to traffic so children can play.")
    tab_to(page, "#id_body")
    page.keyboard.type("Residents asked for it.")
    tab_to(page, "#id_metrics-0-label")
    page.keyboard.type("Children playing out")
    press_enter_on(page, "main form button[type=submit]")
    assert "Enter the before figure" in page.locator(".govuk-error-summary").inner_text()
    tab_to(page, "#id_metrics-0-before", presses=200)
    page.keyboard.type("12")
    tab_to(page, "#id_metrics-0-after")
    page.keyboard.type("60")
    press_enter_on(page, "main form button[type=submit]")
    assert page.locator("h1").inner_text() == "Play streets"
    assert CaseStudy.objects.get(title="Play streets").title_cy == "Strydoedd chwarae"
    no_violations(page, axe_script)
    press_enter_on(page, "main form[action$='/publish'] button")
    assert "Play streets is published" in page.locator(".govuk-notification-banner").inner_text()
    assert CaseStudy.objects.get(title="Play streets").is_published
    opened(page, site + "/partners/fairshire-cvs/commitments/new")
    no_violations(page, axe_script)
    tab_to(page, "#id_principle_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_text")
    page.keyboard.type("Host a play street in every district")
    tab_to(page, "#id_made")
    page.keyboard.type("2026-04-01")
    tab_to(page, "#id_status_0")
    page.keyboard.press("Space")
    press_enter_on(page, "main form button[type=submit]")
    assert "Host a play street" in page.locator("#commitments").inner_text()
    assert Commitment.objects.filter(partner__code="fairshire-cvs").count() == 1
    no_violations(page, axe_script)
    study = CaseStudy.objects.get(title="Play streets")
    for address in ("/case-studies/new", f"/case-studies/{study.pk}/edit",
                    "/partners/fairshire-cvs/commitments/new"):  # fmt: skip
        opened(page, site + "/cy" + address)
        no_violations(page, axe_script)
    press_enter_on(page, "main form button[type=submit]")
    assert "Dewiswch yr egwyddor" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)
