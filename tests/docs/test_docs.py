"""The documentation says what the code does."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_SOURCES = [
    ROOT / "src/marmot_monitor/web/settings.py",
    ROOT / "src/marmot_monitor/web/config.py",
]


def test_the_cli_reference_is_generated_from_the_current_help(tmp_path):
    generated = tmp_path / "cli.md"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "typer",
            "marmot_monitor.cli.main",
            "utils",
            "docs",
            "--name",
            "marmot",
            "--title",
            "marmot command reference",
            "--output",
            str(generated),
        ],
        check=True,
        capture_output=True,
    )
    committed = (ROOT / "docs/cli.md").read_text()
    assert generated.read_text() == committed, "run `make docs` and commit docs/cli.md"


def test_every_environment_variable_is_documented():
    names = set()
    for source in SETTINGS_SOURCES:
        names |= set(re.findall(r'"((?:MARMOT|DATABASE)_[A-Z_]+)"', source.read_text()))
    assert "DATABASE_URL" in names
    documented = (ROOT / "docs/configuration.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert missing == [], f"document these in docs/configuration.md: {missing}"


def test_the_readme_gives_the_two_set_up_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme
    assert "make test" in readme


def test_the_readme_shows_a_screenshot_of_each_page_type_make_screenshots_takes():
    script = (ROOT / "scripts/screenshot").read_text()
    pages = re.findall(r'^    "(\w+)": "/', script, re.M)
    readme = (ROOT / "README.md").read_text()
    shown = re.findall(r"!\[[^\]]+\]\((docs/screenshots/\w+\.png)\)", readme)
    assert len(pages) >= 6
    assert shown == [f"docs/screenshots/{page}.png" for page in pages]
    assert all((ROOT / picture).is_file() for picture in shown)


def test_the_rules_quoted_in_the_importing_guide_are_the_messages_importers_give():
    from marmot_monitor.io import area_names, deprivation, lookups, populations, validation, values
    from marmot_monitor.web.data import checks

    messages = " | ".join(
        value.replace("{level}", "95%").replace("{key}", values.KEY_WORDS)
        for module in (validation, deprivation, lookups, populations, area_names, checks)
        for value in vars(module).values()
        if isinstance(value, str)
    )
    guide = (ROOT / "docs/importing.md").read_text()
    table = guide.split("## What is checked")[1].split("\n## ")[0]
    rows = [line.split("|")[2] for line in table.splitlines() if line.startswith("| ")][2:]
    quoted = [text for row in rows for text in re.findall(r"`([^`]+)`", row)]
    options = {"--create-areas"}
    missing = [text for text in quoted if text not in options and text not in messages]
    assert quoted
    assert missing == [], f"docs/importing.md quotes rules the code does not give: {missing}"
