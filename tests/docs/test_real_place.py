"""docs/real-place.md, run as written: Cheshire East from ../shared/data on an empty database.

The ``$ marmot ...`` lines are read from the document, so the guide and this test cannot drift.
Steps 1 to 7 run once for the module, in this process, on the test database (SQLite or
PostgreSQL), inside one transaction rolled back at the end; a command the guide shows failing
(its output starts with ``Error:``) must raise that error (``marmot`` prints it and exits
with status 2: tests/cli/test_place.py runs the real command). Then the pages
are read with Django's test client and the figures compared with the Fingertips file read by
polars. Steps 9 and 10 (Newport, Gwent, Cheshire and Merseyside) run inside their own test's
transaction, so they leave Cheshire East the place for the other tests.
"""

from __future__ import annotations

import html
import re
import shlex
import stat
from pathlib import Path

import polars as pl
import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from typer.testing import CliRunner

from marmot_monitor.cli import setup
from marmot_monitor.cli.main import app
from marmot_monitor.web.data.models import Value
from tests.io.shared import SHARED, shared_file
from tests.web.test_welsh_pages import english_in, entered_texts

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "real-place.md"
EXTRACT = "fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz"
PASSWORD = "correct horse battery staple"
NORTH_WEST = {
    "E06000050": "Cheshire West and Chester",
    "E08000012": "Liverpool",
    "E06000009": "Blackpool",
    "E08000003": "Manchester",
    "E06000007": "Warrington",
}
ALCOHOL = {"code": "P6-12", "fingertips_id": "93763", "title": "Alcohol-related mortality"}


def guide_commands() -> dict[int, list[tuple[list[str], str]]]:
    """Each numbered section's ``$ marmot`` commands with the first line of their output."""
    sections: dict[int, list[tuple[list[str], str]]] = {}
    number = 0
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        heading = re.match(r"## (\d+)\. ", line)
        if heading:
            number = int(heading.group(1))
        elif line.startswith("$ marmot "):
            output = lines[index + 1] if index + 1 < len(lines) else ""
            sections.setdefault(number, []).append((shlex.split(line[2:])[1:], output))
    return sections


def real_paths(arguments: list[str]) -> list[str]:
    return [
        str(SHARED / argument.removeprefix("../shared/"))
        if argument.startswith("../shared/")
        else argument
        for argument in arguments
    ]


def run_section(commands: list[tuple[list[str], str]], folder: Path) -> None:
    """Run the guide's commands as a user would type them, from ``folder``; ``marmot init``
    collects the static files into ``folder`` (the test run's own folder is shared by the
    parallel workers, whose pages would see files vanish while collectstatic replaces them)."""
    runner = CliRunner()
    with override_settings(STATIC_ROOT=folder / "static"):
        for arguments, output in commands:
            run_command(runner, arguments, output, folder)


def run_command(runner: CliRunner, arguments: list[str], output: str, folder: Path) -> None:
    if "--password-file" in arguments:
        password_file = folder / arguments[arguments.index("--password-file") + 1]
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
        password_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
    arguments = real_paths(arguments)
    result = runner.invoke(app, arguments, env={"COLUMNS": "100"})
    command = "marmot " + " ".join(arguments)
    if output.startswith("Error: "):
        # in this process the error is raised; `marmot` prints it and exits with status 2
        assert isinstance(result.exception, ValueError), f"{command}: {result.output}"
        printed = " ".join(str(result.exception).split())
        assert " ".join(output.removeprefix("Error: ").split()) == printed, command
    else:
        assert result.exit_code == 0, f"{command}: {result.output}{result.exception!r}"


@pytest.fixture(scope="module")
def extract() -> pl.DataFrame:
    """The Fingertips extract's totals (no category) as the file has them, as text."""
    frame = pl.read_csv(shared_file(EXTRACT), infer_schema_length=0)
    return frame.filter(pl.col("CategoryType").fill_null("") == "")


@pytest.fixture(scope="module")
def cheshire_east(django_db_setup, django_db_blocker, tmp_path_factory):
    """Steps 1 to 7 of the guide, run once; rolled back when the module's tests are done."""
    shared_file("")
    folder = tmp_path_factory.mktemp("place_walk")
    sections = guide_commands()
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(setup, "start_django", lambda **options: None)
        patch.chdir(folder)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for number in range(1, 8):
                run_section(sections[number], folder)
            yield folder
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def site(cheshire_east, db):
    return Client()


def page_text(response) -> str:
    assert response.status_code == 200
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(text).split())


def from_file(extract: pl.DataFrame, area: str, year: str = "2023") -> dict[str, float]:
    row = extract.filter(
        (pl.col("IndicatorId") == ALCOHOL["fingertips_id"])
        & (pl.col("AreaCode") == area)
        & (pl.col("Year") == year)
        & (pl.col("Sex") == "Persons")
    )
    assert row.height == 1, row
    return {name: float(row[column][0]) for name, column in _COLUMNS.items()}


_COLUMNS = {"value": "Value", "lower_ci_95": "LowerCI", "upper_ci_95": "UpperCI"}


def stored(area: str, year: str = "2023") -> dict[str, float]:
    value = Value.objects.get(
        indicator__code=ALCOHOL["code"],
        area__code=area,
        period__label=year,
        sex="Persons",
        category_type="",
    )
    return {name: getattr(value, name) for name in _COLUMNS}


def test_the_home_page_compares_at_least_ten_real_indicators_with_england(site):
    text = page_text(site.get(reverse("monitor-home")))
    assert "Cheshire East compared with England" in text
    compared = re.findall(r"(\d+) (?:better than|similar to|worse than) England", text)
    assert sum(int(count) for count in compared) >= 10, text


def test_a_principle_page_lists_its_real_indicators(site):
    text = page_text(site.get(reverse("monitor-principle", args=[6])))
    assert ALCOHOL["title"] in text
    assert "England" in text


def test_the_rug_shows_the_north_west_comparators_with_the_files_values(site, extract):
    response = site.get(reverse("monitor-rug"), {"principle": 6})
    content = html.unescape(response.content.decode())
    cell = rf'aria-label="([^",]+), {ALCOHOL["title"]}, 2023: ([\d.]+) per 100,000'
    shown = dict(re.findall(cell, content))
    for code, name in {"E06000049": "Cheshire East", **NORTH_WEST}.items():
        figures = from_file(extract, code)
        assert stored(code) == figures
        assert shown[name] == f"{figures['value']:.1f}"
    assert len(shown) == 1 + 1 + 22  # England, Cheshire East and its 22 comparators


def test_an_indicator_page_shows_the_files_value_and_95_percent_limits(site, extract):
    figures = from_file(extract, "E06000049")
    assert stored("E06000049") == figures
    text = page_text(site.get(reverse("monitor-indicator", args=[ALCOHOL["code"]])))
    value, lower, upper = (f"{figures[name]:.1f}" for name in _COLUMNS)
    assert f"Cheshire East, 2023 Value {value} per 100,000 Compared with England" in text
    assert f"2023 {value} {lower} {upper}" in text


def test_the_area_page_of_the_place_compares_with_england(site):
    text = page_text(site.get(reverse("monitor-area", args=["E06000049"])))
    assert "Cheshire East" in text
    assert "England" in text


def test_the_admin_made_on_the_command_line_signs_in_and_manages_people_and_the_place(site):
    signed_in = site.post(reverse("accounts-sign-in"), {"username": "ada", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert site.get(reverse("places-set")).status_code == 200
    assert "jo" in page_text(site.get(reverse("accounts-users")))


def test_a_welsh_council_set_up_the_same_way_is_benchmarked_against_wales(cheshire_east, site):
    run_section(guide_commands()[9], cheshire_east)
    text = page_text(site.get(reverse("monitor-home")))
    assert "Newport compared with Wales" in text
    assert "England" not in text


def test_the_groups_of_councils_are_set_up_as_the_guide_shows(cheshire_east, db):
    run_section(guide_commands()[10], cheshire_east)
    text = page_text(Client().get(reverse("monitor-home")))
    assert "Cheshire and Merseyside compared with England" in text


SMOKING = Path(__file__).parents[1] / "io" / "statswales" / "odata_smoking.csv"


def test_gwent_set_up_from_the_files_reads_in_welsh_compared_with_wales(cheshire_east, db):
    """Issue 20's Done-when: Gwent set up from ../shared/data (WIMD, lookups and boundaries in
    steps 2 and 5, the group in step 10) with a StatsWales table of its own, and its pages
    under /cy/ read in Welsh, compared with Wales (Cymru): no English outside what people
    entered and what is marked lang="en" (tests/web/test_welsh_pages.py's reading)."""
    gwent = [command for command in guide_commands()[10] if "Gwent" in command[0]]
    run_section(gwent, cheshire_east)
    run_section([(["import", "values", str(SMOKING), "--indicator", "P6-03"], "")], cheshire_east)
    public = Client()
    with translation.override("cy"):
        pages = [
            reverse("monitor-home"),
            reverse("monitor-principle", args=[6]),
            reverse("monitor-indicator", args=["P6-03"]),
            reverse("monitor-indicator", args=["P6-03"]) + "?area=W06000022",
            reverse("monitor-area", args=["W06000022"]),
            reverse("monitor-rug") + "?principle=6",
            reverse("monitor-search") + "?q=Casnewydd",
        ]
    # What the files say is shown as they say it: Fingertips' category types ("Ethnic groups").
    categories = set(Value.objects.values_list("category_type", flat=True)) - {""}
    content = tuple(sorted({*entered_texts(), *categories}, key=len, reverse=True))
    for page in pages:
        html = public.get(page).content.decode()
        assert '<html lang="cy"' in html, page
        assert english_in(html, content) == [], page
    newport = page_text(public.get(pages[3]))
    assert "Casnewydd" in newport
    assert "17.9" in newport
    assert "O’i gymharu â’r meincnod (Cymru)" in newport
    assert "Gwent" in page_text(public.get(pages[0]))
