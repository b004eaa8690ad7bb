"""No download runs a formula: hostile names, notes and narratives stay text in every file.

Fairshire (small) is loaded with its comparators, indicators, partners, programme indicators,
notes, aims and narratives renamed to start like formulas (``=HYPERLINK(...)``, ``+1+1``,
``-2+3``, ``@SUM(A1)``, tab, carriage return). Every spreadsheet download the site offers is
fetched; none may hold a formula cell or a CSV field that starts one. The downloads are found
from the URL patterns, so a new one fails here until it is checked.
"""

import dataclasses
import inspect
import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from marmot_monitor.demo import build_fairshire
from marmot_monitor.web.allocation.models import Scenario
from marmot_monitor.web.assessment.models import Answer, Assessment, Question, SetPrinciple
from marmot_monitor.web.assessment.views.rounds import FORMATS as RESULT_FORMATS
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.community.services import FORMATS as ASSET_FORMATS
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.demo import load_fairshire
from marmot_monitor.web.monitor.indicator_pages import DOWNLOADS
from marmot_monitor.web.monitor.rug_pages import EXPORTS
from marmot_monitor.web.programme.models import ProgressPage
from marmot_monitor.web.programme.views.reports import FORMATS as REPORT_FORMATS
from tests.io.files import fingertips_row, write_fingertips
from tests.io.spreadsheets import HOSTILE, csv_problems, hostile, xlsx_problems

CHECKS = {"csv": csv_problems, "xlsx": xlsx_problems}
NOT_SPREADSHEETS = {"png", "svg", "docx", "pdf", "html", "json"}
SPREADSHEET_DOWNLOADS = {
    "monitor-indicator-download": "an indicator's data as CSV and XLSX",
    "monitor-rug-export": "the tartan rug as CSV and XLSX",
    "monitor-area-inequality-download": "an area's inequality within it as CSV and XLSX",
    "programme-return-template": "a partner's return template",
    "data-import-rejects": "an import's rejected rows",
    "community-register": "the community asset register as CSV (or Open Referral UK JSON)",
    "assessment-template": "a respondent's self-assessment template",
    "assessment-results-download": "a round's self-assessment results as XLSX (or DOCX)",
    "allocation-download": "a saved allocation as CSV and XLSX (or PNG, DOCX, PDF)",
    "programme-progress-download": "the public progress page's figures as CSV",
}
# Written by the same view code and writers as a download above, reached by a form's POST.
SAME_WRITER = {"allocation-run-download": "allocation-download"}
OTHER_DOWNLOADS = {
    "programme-report-download": "the board report: Word, PDF or a web page",
    "stories-image": "a case study's image, redrawn from its pixels (PNG or JPEG)",
}
# The progress CSV holds figures, not aims or narratives: of the hostile starts, those of
# partners (0th), programme indicator titles (1st, 4th) and actual notes (3rd).
EXPECTED_STARTS = {"progress.csv": tuple(HOSTILE[number] for number in (0, 1, 3, 4))}
FILE_ROUTE = re.compile(r"\.(<[^>]+>|[a-z]+)$")
INDICATOR, PARTNER, PERIOD = "P1-03", "fairshire-youth", "2026/27 Q3"

pytestmark = pytest.mark.django_db


def url_patterns(patterns=None, prefix=""):
    """Every (pattern, full route) of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield pattern, route


def download_names() -> set[str]:
    """Our views that answer with a file: a route ending like a file name, or a view that
    sends an attachment."""
    names = set()
    for pattern, route in url_patterns():
        view = inspect.unwrap(pattern.callback)
        if not view.__module__.startswith("marmot_monitor."):
            continue
        source = inspect.getsource(view)
        if FILE_ROUTE.search(route) or "attachment" in source or "FileResponse" in source:
            names.add(pattern.name)
    return names


def test_every_download_the_site_offers_is_checked_for_formulas():
    assert download_names() == set(SPREADSHEET_DOWNLOADS) | set(OTHER_DOWNLOADS) | set(SAME_WRITER)


OFFERED_FORMATS = {
    **{f"indicator {what}": formats for what, formats in DOWNLOADS.items()},
    "rug": tuple(EXPORTS),
    "board report": tuple(REPORT_FORMATS),
    "asset register": tuple(ASSET_FORMATS),
    "self-assessment results": tuple(RESULT_FORMATS),
}


@pytest.mark.parametrize("download", OFFERED_FORMATS)
def test_every_format_offered_is_checked_or_is_not_a_spreadsheet(download):
    assert set(OFFERED_FORMATS[download]) <= set(CHECKS) | NOT_SPREADSHEETS


def renamed(frame: pl.DataFrame, column: str, start: int | None = None, *, where=None):
    """``frame`` with ``column`` behind hostile starts: the ``start``-th on every row, or
    each row's own in turn; only rows where ``where`` holds when given."""
    texts = frame[column].to_list()
    keep = frame[where].to_list() if where else [True] * frame.height
    names = [
        hostile(number if start is None else start, text or "") if wanted else text
        for number, (text, wanted) in enumerate(zip(texts, keep, strict=True))
    ]
    return frame.with_columns(pl.Series(column, names))


def hostile_titles(indicators: pl.DataFrame) -> pl.DataFrame:
    """Programme indicator titles behind the 2nd hostile start, the partner's own first one
    behind the 5th (units, once free text carrying it, are now chosen from a list)."""
    first = indicators.with_columns(
        first=pl.col("code") == pl.col("code").filter(pl.col("partner_code") == PARTNER).first(),
    )
    first = renamed(first, "title", 4, where="first")
    return renamed(first.with_columns(other=~pl.col("first")), "title", 1, where="other").drop(
        "first", "other"
    )


@pytest.fixture(scope="module")
def hostile_fairshire():
    """Small Fairshire whose names, notes and narratives start like formulas."""
    demo = build_fairshire(scale="small")
    return dataclasses.replace(
        demo,
        areas=renamed(
            demo.areas.with_columns(
                hostile=pl.col("is_comparator") | (pl.col("area_type") == "ward")
            ),
            "name",
            where="hostile",
        ).drop("hostile"),
        indicators=renamed(demo.indicators, "title"),
        partners=renamed(demo.partners, "name", 0),
        programme_indicators=hostile_titles(demo.programme_indicators),
        programme_actuals=renamed(demo.programme_actuals, "note", 3),
        actions=renamed(demo.actions, "aim", 5),
        action_progress=renamed(demo.action_progress, "narrative", 2),
    )


@pytest.fixture
def admin_client(client, hostile_fairshire, settings, tmp_path):
    """The demo's admin (staff, and programme admin) signed in, rejects kept in tmp_path."""
    load_fairshire(hostile_fairshire, label="Hostile Fairshire (test)")
    settings.DATA_DIR = tmp_path / "data"
    client.force_login(User.objects.get(username="admin"))
    return client


def rejects_url(client, fairshire, folder: Path) -> str:
    """Upload a Fingertips file with one good row and six naming unknown areas by hostile
    names, keeping the good row; the page links to the rejected rows."""
    indicator = fairshire.indicators.filter(pl.col("code") == INDICATOR)["fingertips_id"][0]
    ward = fairshire.areas.filter(pl.col("area_type") == "ward")["code"][0]
    good = fingertips_row(**{"Indicator ID": indicator, "Area Code": ward, "Time period": "2031"})
    rows = [
        fingertips_row(
            **{
                "Indicator ID": indicator,
                "Indicator Name": start,
                "Area Code": f"X0599999{number}",
                "Area Name": hostile(number, "Nowhere"),
                "Value": "-2.5",
            }
        )
        for number, start in enumerate(HOSTILE)
    ]
    path = write_fingertips(folder / "hostile.csv", [good, *rows])
    with path.open("rb") as handle:
        response = client.post(
            reverse("data-import-new"), {"kind": "fingertips", "file": handle, "skip_invalid": "on"}
        )
    key = response.context["uploaded"].rejects_key
    return reverse("data-import-rejects", args=[key])


def hostile_assessments(round_slug: str) -> dict[str, str]:
    """The self-assessment's principles, questions, respondents, evidence and actions renamed
    to start like formulas; the round's template and results workbook URLs."""
    for model, fields in [
        (SetPrinciple, ["title", "short_name"]),
        (Question, ["text"]),
        (Assessment, ["respondent"]),
        (Answer, ["evidence", "action"]),
    ]:
        for number, row in enumerate(model.objects.order_by("id")):
            for offset, field in enumerate(fields):
                setattr(row, field, hostile(number + offset, getattr(row, field)))
            row.save()
    assessment = Assessment.objects.filter(round__slug=round_slug).order_by("id").first()
    template = reverse("assessment-template", args=[round_slug, assessment.slug])
    results = reverse("assessment-results-download", args=[round_slug, "xlsx"])
    return {"assessment-template.xlsx": template, "assessment-results.xlsx": results}


def spreadsheet_downloads(client, fairshire, folder: Path) -> dict[str, str]:
    """Each spreadsheet download's URL, by what it is."""
    indicator = {
        f"data.{fmt}": reverse("monitor-indicator-download", args=[INDICATOR, "data", fmt])
        for fmt in DOWNLOADS["data"]
    }
    rug = {
        f"rug.{fmt}": reverse("monitor-rug-export", args=[fmt]) for fmt in EXPORTS if fmt in CHECKS
    }
    place = default_framework().place.code
    within = {
        f"area inequality.{fmt}": reverse("monitor-area-inequality-download", args=[place, fmt])
        for fmt in CHECKS
    }
    # The same with what changed since today: every value is loaded today, so each is marked.
    since = f"?changed_since={date.today().isoformat()}"
    changed = {f"changed {name}": f"{url}{since}" for name, url in {**indicator, **rug}.items()}
    template = reverse("programme-return-template", args=[PERIOD, PARTNER])
    rejects = rejects_url(client, fairshire, folder)
    for number, asset in enumerate(Asset.objects.order_by("id")):
        asset.name = hostile(number, asset.name)
        asset.organisation = hostile(number + 1, asset.organisation)
        asset.save()
    register = reverse("community-register", args=["csv"])
    scenario = Scenario.objects.order_by("id").first().pk
    allocation = {
        f"allocation.{fmt}": reverse("allocation-download", args=[scenario, fmt]) for fmt in CHECKS
    }
    ProgressPage.objects.create(is_public=True)
    progress = reverse("programme-progress-download") + "?period=2026/27+Q2"
    return {**indicator, **rug, **changed, "template.xlsx": template, "rejects.csv": rejects,
            **within, "register.csv": register, **hostile_assessments("marmot-2026"),
            **allocation, "progress.csv": progress}  # fmt: skip


def test_no_download_holds_a_live_formula(admin_client, hostile_fairshire, tmp_path):
    downloads = spreadsheet_downloads(admin_client, hostile_fairshire, tmp_path)
    routes = {resolve(url.split("?")[0]).url_name for url in downloads.values()}
    assert routes == set(SPREADSHEET_DOWNLOADS)
    found = {}
    for name, url in downloads.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response) if response.streaming else response.content
        check = CHECKS[name.rsplit(".", 1)[1]]
        found[f"{name} ({url})"] = check(content, expected=EXPECTED_STARTS.get(name, HOSTILE))
        if name.startswith("changed ") and name.endswith(".csv"):
            assert b"Previous value" in content.splitlines()[0], url
    assert {name: problems for name, problems in found.items() if problems} == {}
