"""docs/security.md states the default limits the settings give and the audit command make runs."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs/security.md").read_text()
SETTINGS = (ROOT / "src/marmot_monitor/web/settings.py").read_text()


def default_of(name: str) -> int:
    """The default a setting takes in settings.py when its variable is not set."""
    return int(re.search(rf'"{name}", default=([\d_]+)\)', SETTINGS).group(1))


@pytest.mark.parametrize(
    ("row", "name"),
    [
        ("failed sign-ins as one user name from one address", "MARMOT_LOGIN_ATTEMPTS"),
        (
            "failed sign-ins from one address, under any user names",
            "MARMOT_LOGIN_ATTEMPTS_PER_ADDRESS",
        ),
        ("how long a lockout lasts", "MARMOT_LOCKOUT_MINUTES"),
    ],
)
def test_the_sign_in_limits_shown_are_the_defaults(row, name):
    line = next(line for line in GUIDE.splitlines() if line.startswith(f"| {row} |"))
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    assert int(re.match(r"\d+", cells[1]).group()) == default_of(name)
    assert cells[2] == f"`{name}`"


def test_the_worker_limit_shown_is_the_default():
    assert f"| {default_of('MARMOT_WORKER_MAX_REQUESTS'):,} | `MARMOT_WORKER_MAX_REQUESTS`" in GUIDE


def test_the_audit_commands_shown_are_the_ones_make_audit_runs():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\naudit: venv\n", 1)[1].split("\n\n", 1)[0]
    recipe = (
        recipe.replace("\\\n\t\t", "").replace("$(BIN)", ".venv/bin").replace("$(VENV)", ".venv")
    )
    shown = GUIDE.split("which runs", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    shown = shown.replace("\\\n      ", "")
    for command in recipe.replace("--quiet ", "").splitlines():
        assert f"$ {command.strip()}" in shown
