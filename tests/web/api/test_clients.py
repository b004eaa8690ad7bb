"""The Python and R examples of docs/api.md, run as written against a live test server."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from marmot_monitor.web.demo import load_fairshire

GUIDE = Path(__file__).parents[3] / "docs" / "api.md"
EXAMPLE_BASE = "http://127.0.0.1:8000"
NO_R = "Rscript is not installed (scripts/ensure-r installs Debian's r-base-core)"


def example(language: str) -> str:
    """The guide's code block in ``language`` under "Clients"."""
    clients = GUIDE.read_text().split("## Clients", 1)[1]
    return re.search(rf"```{language}\n(.*?)```", clients, re.DOTALL)[1]


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(django_db_serialized_rollback, live_server, small_fairshire) -> str:
    """The small demo served live. Serialized rollback restores the migrations' rows that a
    transactional test's flush removes; it must be requested before ``live_server``."""
    load_fairshire(small_fairshire, label="Fairshire demo (client test)")
    return live_server.url


def run(command: list[str], code: str, site: str) -> str:
    result = subprocess.run(
        [*command, code.replace(EXAMPLE_BASE, site)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_python_example_reads_values_into_polars_and_pandas(site):
    printed = run([sys.executable, "-c"], example("python"), site)
    assert "P1-01" in printed
    assert "2024/25" in printed


def test_the_r_example_reads_values_with_base_r(site):
    if shutil.which("Rscript") is None:
        if os.environ.get("CI") == "true":
            pytest.fail(NO_R + ": CI must run the R example")
        pytest.skip(NO_R)
    printed = run(["Rscript", "-e"], example("r"), site)
    assert "P1-01" in printed
    assert "Abbey" in printed
