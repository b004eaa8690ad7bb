"""Proportionate universalism, self-assessment, community assets and case studies on a real
place: Coventry (E08000026), set up once for the module from its rows of the real files in
../shared/data (:mod:`tests.web.coventry.place`), driven page by page with Django's test
client as an officer would, and the same allocation, site choice and reach by ``marmot``.

The figures asserted are those docs/allocation.md shows for Coventry. The candidate sites,
service users, assets and self-assessment answers are invented (in docs/examples and beside
this module), and so is the postcode lookup: its postcodes, points and their wards and LSOAs
stand in for an ONS lookup, which is not in the open data. The neighbourhood groups follow
the MSOA numbers in the LSOAs' names. The areas, deprivation and populations are the real
files'. Skipped when ../shared is not checked out, and failed under CI=true
(:mod:`tests.io.shared`).
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse
from typer.testing import CliRunner

from marmot_monitor.cli import setup
from marmot_monitor.cli.main import app
from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.assessment.models import Round
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.models import Priority
from marmot_monitor.web.stories.models import CaseStudy

from .place import CODE, write_boundary, write_subset

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("coventry")]

HERE = Path(__file__).parent
EXAMPLES = HERE.parents[2] / "docs" / "examples"
HJP = {"budget": "250000", "geography": "lsoas", "floor_share": "50", "need": "core20",
       "gradient": "1", "uplift": "100", "strength": "0.5", "deprivation_power": "0",
       "missing": "refuse", "pace": "50", "change_floor": "5", "change_cap": "10",
       "draws": "100"}  # fmt: skip
GROWS = {"imd_weight": "2", "imd_direction": "low", "indicator": "", "indicator_weight": "1",
         "indicator_direction": "high", "assets_weight": "0", "column": "green_per_1000",
         "column_weight": "1", "column_direction": "low",
         "column_2": "natural_greenspace_deficit", "column_2_weight": "1",
         "column_2_direction": "high", "top": "3"}  # fmt: skip
GROWS_CRITERIA = [
    *("--criterion", "imd-decile=2", "--criterion", "column:green_per_1000:low"),
    *("--criterion", "column:natural_greenspace_deficit:high", "--top", "3"),
]
CHOSEN = "10 candidate sites in Coventry scored; the top 3: Old school garden, Canal basin plot, "
CHOSEN += "Community centre yard"


@pytest.fixture(scope="module")
def coventry(module_db, django_db_blocker, tmp_path_factory):
    """Coventry's rows of the real files loaded with ``marmot import``, Coventry made the
    place and the shipped Marmot self-assessment set loaded, all as the commands do it, in
    this process on the test database; then an admin (who imports data by page) and a
    programme officer."""
    folder = tmp_path_factory.mktemp("coventry")
    files = write_subset(folder / "files")
    steps = [
        ["import", "auto", *map(str, files)],
        ["import", "boundaries", str(write_boundary(folder))],
        ["place", "set", CODE],
        ["assessment", "load", "marmot"],
    ]
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(setup, "start_django", lambda **options: None)
        for arguments in steps:
            done = CliRunner().invoke(app, arguments)
            assert done.exit_code == 0, f"marmot {arguments}: {done.output}{done.exception!r}"
        admin = User.objects.create_user("admin", is_staff=True, is_superuser=True)
        Membership.objects.create(user=admin, role=Membership.Role.ADMIN)
        officer = User.objects.create_user("officer")
        Membership.objects.create(user=officer, role=Membership.Role.OFFICER)
    return folder


@pytest.fixture
def officer(client):
    cache.clear()
    client.force_login(User.objects.get(username="officer"))
    return client


def marmot(*arguments: str) -> str:
    """``marmot`` run in this process on the test database: what it printed, on one line."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(setup, "start_django", lambda **options: None)
        done = CliRunner().invoke(app, list(arguments), env={"COLUMNS": "200"})
    assert done.exit_code == 0, f"marmot {arguments}: {done.output}{done.exception!r}"
    return " ".join(done.output.split())


def text_of(response) -> str:
    assert response.status_code == 200, response.content.decode()[:3000]
    content = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(content).split())


def upload(path: Path, name: str | None = None) -> io.BytesIO:
    body = io.BytesIO(path.read_bytes())
    body.name = name or path.name
    return body


# [U] proportionate universalism


def test_the_health_justice_partnership_allocation_reaches_core20_as_the_guide_says(officer):
    page = text_of(officer.post(reverse("allocation-run"), HJP))
    assert "£250,000.00 shared across 195 LSOAs of Coventry" in page
    assert "33.8% of the money reaches Core20 areas" in page
    assert "where 26.1% of the residents live" in page
    printed = marmot("allocate", "--budget", "250000", "--need", "core20", "--uplift", "1",
                     "--draws", "100")  # fmt: skip
    assert "33.8% of the money reaches Core20 areas" in printed
    assert "16 LSOAs of the place had no national IMD decile or population" in printed


def test_the_allocation_across_neighbourhood_groups_imported_by_page_gives_more_to_deprived_ones(
    client,
):
    client.force_login(User.objects.get(username="admin"))
    groups = upload(EXAMPLES / "coventry-neighbourhoods.csv", "Neighbourhood groups.csv")
    imported = client.post(reverse("data-import-new"), {"kind": "groupings", "file": groups})
    assert "8 groups of 195 LSOAs within Coventry (E08000026)" in text_of(imported)
    officer = client
    officer.force_login(User.objects.get(username="officer"))
    run = {**HJP, "budget": "300000", "geography": "neighbourhood-groups"}
    response = officer.post(reverse("allocation-run"), run)
    page = text_of(response)
    assert "£300,000.00 shared across 8 Neighbourhood groups of Coventry" in page
    assert "26.7% of the money reaches Core20 areas" in page
    assert len(response.context["page"].areas.rows) == 8


def test_coventry_grows_chooses_its_three_sites_by_page_and_by_command(officer):
    sites = EXAMPLES / "coventry-grows-sites.csv"
    response = officer.post(reverse("allocation-sites"), {**GROWS, "file": upload(sites)})
    page = text_of(response)
    assert CHOSEN in page
    assert "Points: natural_greenspace_deficit" in page
    assert "There is no map: no site has a point" in page  # no LSOA or ward boundaries
    assert CHOSEN in marmot("sites", str(sites), *GROWS_CRITERIA)


def test_sites_given_by_postcode_are_placed_with_the_postcode_lookup_by_page_and_command(
    officer,
):
    sites, lookup = HERE / "sites-by-postcode.csv", HERE / "postcodes.csv"
    files = {"file": upload(sites), "postcodes": upload(lookup)}
    response = officer.post(reverse("allocation-sites"), {**GROWS, **files})
    page = text_of(response)
    chosen = "4 candidate sites in Coventry scored; the top 3: Foleshill community plot, "
    chosen += "Radford allotment edge, Earlsdon park corner"
    assert chosen in page
    assert 'id="chart-sites-map' in response.content.decode()  # on Coventry's outline
    assert "Foleshill community plot" in page[page.index("Sites on the map") :]
    printed = marmot("sites", str(sites), "--postcodes", str(lookup), *GROWS_CRITERIA)
    assert chosen in printed


def test_a_site_postcode_missing_from_the_lookup_is_named_with_its_row(officer, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("name,postcode,green_per_1000,natural_greenspace_deficit\n"
                     "Yard,CV6 9XA,1,1\nLane,CV1 9ZZ,1,1\n")  # fmt: skip
    files = {"file": upload(sites), "postcodes": upload(HERE / "postcodes.csv")}
    page = text_of(officer.post(reverse("allocation-sites"), {**GROWS, **files}))
    assert "row 3" in page
    assert "the postcode is not in the postcode lookup postcodes.csv" in page
    assert "candidate sites in Coventry scored" not in page


def test_the_job_shop_reaches_further_into_deprived_areas_by_page_and_by_command(officer):
    users = EXAMPLES / "coventry-job-shop-users.csv"
    response = officer.post(reverse("allocation-reach"), {"by": "decile", "file": upload(users)})
    page = text_of(response)
    assert "Service users of Coventry by national IMD decile" in page
    for figure in ("33.0", "34.1", "26.1", "28.6", "37.3"):
        assert figure in page
    printed = marmot("reach", str(users))
    assert "2024/25: 34.1% of users live in Core20 areas" in printed
    assert "against 26.1% of residents" in printed
    assert "2024/25: slope index of inequality +37.3 users per 1,000" in printed


def test_service_users_given_by_postcode_are_counted_in_their_lsoas_by_page(officer):
    files = {"file": upload(HERE / "users-by-postcode.csv"),
             "postcodes": upload(HERE / "postcodes.csv")}  # fmt: skip
    response = officer.post(reverse("allocation-reach"), {"by": "decile", **files})
    page = text_of(response)
    assert "Service users of Coventry by national IMD decile" in page
    by_decile = response.context["page"].tables[0]
    counted = {row[1].text: row[2].text for row in by_decile.rows if row[2].text != "0"}
    assert counted == {"1": "76", "7": "9", "9": "6"}  # Foleshill and Radford are decile 1


# [C] self-assessment, community assets, case studies


def open_round(client, name: str) -> Round:
    due = {"due_day": "31", "due_month": "3", "due_year": name}
    data = {"name": name, **due, "teams": "Public Health team"}
    response = client.post(reverse("assessment-round-new", args=["marmot"]), data)
    assert response.status_code == 302, text_of(response)
    return Round.objects.get(name=name)


def answers(round_name: str) -> pl.DataFrame:
    frame = pl.read_csv(HERE / "self-assessment.csv", schema_overrides={"round": pl.String})
    return frame.filter(pl.col("round") == round_name)


def test_a_team_self_assesses_by_form_then_by_template_and_the_officer_sees_the_change(officer):
    first = open_round(officer, "2025")
    assessment = first.assessments.get()
    questions = dict(first.question_set.questions.values_list("code", "pk"))
    form = {"submit": "submit"}
    for code, rating, evidence, action in answers("2025").drop("round").iter_rows():
        number = questions[code]
        form |= {f"q{number}-rating": rating, f"q{number}-evidence": evidence,
                 f"q{number}-action": action}  # fmt: skip
    url = reverse("assessment-assessment", args=[first.slug, assessment.slug])
    assert officer.post(url, form).status_code == 302

    second = open_round(officer, "2026")
    arguments = [second.slug, second.assessments.get().slug]
    template = officer.get(reverse("assessment-template", args=arguments)).content
    book = openpyxl.load_workbook(io.BytesIO(template))
    given = {row[1]: row[2:] for row in answers("2026").iter_rows()}
    for row in book["Questions"].iter_rows(min_row=2):
        if row[0].value in given:
            row[4].value, row[5].value, row[6].value = given[row[0].value]
    filled = io.BytesIO()
    book.save(filled)
    filled.seek(0)
    filled.name = "public-health-2026.xlsx"
    uploaded = officer.post(
        reverse("assessment-upload", args=arguments), {"file": filled, "submit": "on"}
    )
    assert uploaded.status_code == 302, text_of(uploaded)

    page = text_of(officer.get(reverse("assessment-results", args=[second.slug])))
    heat_map = page[page.index("Ratings by principle and respondent") :]
    assert "Public Health team" in heat_map
    assert "4.0 Embedded" in heat_map  # principle 5: Three growing sites open
    assert "since 2025" in page
    assert "Up 2.0" in page  # principle 3: from 1 Not yet to 3 Developing
    assert "Survey the users of the sites" in page


def import_register(client, path: Path) -> str:
    files = {"file": upload(path), "postcodes": upload(HERE / "postcodes.csv")}
    checked = client.post(reverse("community-upload"), files)
    key = checked.context["key"]
    confirmed = client.post(reverse("community-upload-confirm"), {"key": key}, follow=True)
    return text_of(confirmed)


def test_assets_from_csv_and_open_referral_json_show_on_the_map_and_against_need(officer):
    import_register(officer, HERE / "assets.csv")
    import_register(officer, HERE / "services.json")
    response = officer.get(reverse("community-assets"))
    page = text_of(response)
    for name in ("Foleshill community centre", "Radford food pantry", "Earlsdon library",
                 "Job Shop drop-in", "Wainbody walking group"):  # fmt: skip
        assert name in page
    assert 'id="chart-assets-map' in response.content.decode()
    on_map = page[page.index("Assets on the map") :]
    assert "Job Shop drop-in employment support Radford" in on_map  # placed by its postcode
    needs = text_of(officer.get(reverse("community-needs")))
    wards = dict(re.findall(r"(Foleshill|Radford|Earlsdon|Wainbody|Wyken) [\d,]+ (\d+) ", needs))
    assert wards == {"Foleshill": "1", "Radford": "2", "Earlsdon": "1", "Wainbody": "1",
                     "Wyken": "0"}  # fmt: skip
    assert re.search(r"Foleshill [\d,]+ 1 0\.05 53\.48 1 ", needs)  # IMD 2025: most deprived


def confirmed(client, name: str, body: dict) -> None:
    response = client.post(reverse(f"programme-edit-{name}-new"), {**body, "step": "confirm"})
    assert response.status_code == 302, text_of(response)


def plan_an_aim(client) -> None:
    """A partner, a priority and an aim the partner reports on, from the programme's pages."""
    confirmed(client, "partner", {"name": "Coventry Job Shop", "code": "job-shop",
                                  "kind": "council"})  # fmt: skip
    confirmed(client, "priority", {"name": "Places", "title": "Healthy places",
                                   "introduction": "", "position": "1"})  # fmt: skip
    partner = Partner.objects.get(code="job-shop")
    confirmed(client, "action", {
        "number": "1", "priority": Priority.objects.get(name="Places").pk,
        "aim": "Grow food in the most deprived wards", "actions_text": "Open three growing sites",
        "lead": "Coventry Job Shop", "lead_partners": [partner.pk],
        "reporting_partner": partner.pk,
    })  # fmt: skip


def plan_a_programme(client) -> None:
    """A partner, a priority, an aim and an indicator the partner reports on, from the
    programme's pages: a board report is of a return period and tells the programme's
    figures, and a period opens for partners with something to report."""
    plan_an_aim(client)
    priority = Priority.objects.get(name="Places")
    partner = Partner.objects.get(code="job-shop")
    confirmed(client, "indicator", {
        "code": "PI1", "title": "People helped into work by the Job Shop",
        "priority": priority.pk, "partner": partner.pk, "unit": "number",
        "year_to_date": "cumulative", "polarity": "high is good",
    })  # fmt: skip


def test_a_case_study_is_drafted_published_shown_on_its_principle_and_told_to_the_board(
    officer,
):
    five = officer.get(reverse("stories-case-study-new")).context["form"]
    principle = next(pk for pk, label in five.fields["principles"].choices if "5" in str(label))
    drafted = officer.post(reverse("stories-case-study-new"), {
        "title": "Coventry Grows", "summary": "Three growing sites chosen by need.",
        "body": "Sites were chosen from the IMD decile and green space.",
        "principles": [principle], "period_start": "2024-04-01", "period_end": "2025-03-31",
        "metrics-TOTAL_FORMS": "1", "metrics-INITIAL_FORMS": "0",
        "metrics-0-label": "Growing sites", "metrics-0-unit": "sites", "metrics-0-before": "0",
        "metrics-0-before_when": "2024", "metrics-0-after": "3", "metrics-0-after_when": "2025",
        "quotes-TOTAL_FORMS": "0", "quotes-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert drafted.status_code == 302, text_of(drafted)
    study = CaseStudy.objects.get(title="Coventry Grows")
    assert "Coventry Grows" not in text_of(officer.get(reverse("monitor-principle", args=[5])))
    officer.post(reverse("stories-case-study-publish", args=[study.pk]))
    assert "Coventry Grows" in text_of(officer.get(reverse("monitor-principle", args=[5])))

    plan_a_programme(officer)
    due = {"due_day": "31", "due_month": "10", "due_year": "2026", "narratives_due": "on"}
    opened = officer.post(reverse("programme-period-new"), {"label": "2026/27 Q2", **due})
    assert opened.status_code == 302, text_of(opened)
    officer.post(reverse("stories-board", args=["2026-27-Q2"]), {"case_studies": [study.pk]})
    report = officer.get(reverse("programme-report-download", args=["2026-27-Q2", "html"]))
    told = text_of(report)
    assert "7. Case studies" in told
    assert "Coventry Grows Three growing sites chosen by need." in told
    assert "up 3 sites" in told


def test_a_board_report_before_any_programme_indicator_says_what_to_add(officer):
    plan_an_aim(officer)
    due = {"due_day": "31", "due_month": "10", "due_year": "2026", "narratives_due": "on"}
    officer.post(reverse("programme-period-new"), {"label": "2026/27 Q2", **due})
    report = officer.get(reverse("programme-report-download", args=["2026-27-Q2", "docx"]))
    assert report.status_code == 400
    assert "There are no programme indicators yet: add one on the site" in report.content.decode()
