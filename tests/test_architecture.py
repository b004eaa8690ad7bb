"""The layer rules of DESIGN §3 cover every layer that exists."""

import tomllib
from pathlib import Path

import marmot_monitor

INTERFACES = {"web", "cli"}
CLI_CONTRACT = "The CLI imports no page: only queries, services and the pure layers"
PAGE_MODULES = ("views", "forms", "admin", "urls")


def contracts() -> dict[str, dict]:
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    found = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]["contracts"]
    return {contract["name"]: contract for contract in found}


def layers() -> set[str]:
    root = Path(marmot_monitor.__file__).parent
    return {path.parent.name for path in root.glob("*/__init__.py")}


def test_every_layer_below_the_interfaces_is_forbidden_to_import_django():
    checked = set(contracts()["Only web and cli import Django"]["source_modules"])
    expected = {f"marmot_monitor.{layer}" for layer in layers() - INTERFACES}
    assert expected - checked == set(), "add the new layer to the import-linter contract"


def test_methods_may_import_no_other_layer():
    forbidden = set(contracts()["Statistical methods import nothing of ours"]["forbidden_modules"])
    expected = {f"marmot_monitor.{layer}" for layer in layers() - {"methods"}}
    assert expected - forbidden == set(), "add the new layer to the methods contract"


def test_the_cli_may_import_no_page_view_form_admin_or_urlconf_of_the_web():
    web = Path(marmot_monitor.__file__).parent / "web"
    pages = {
        "marmot_monitor.web." + ".".join(path.relative_to(web).with_suffix("").parts[:2])
        for name in PAGE_MODULES
        for path in [*web.glob(f"*/{name}.py"), *web.glob(f"*/{name}/__init__.py")]
    }
    forbidden = set(contracts()[CLI_CONTRACT]["forbidden_modules"])
    covered = {page for page in pages if any(_within(page, f) for f in forbidden)}
    assert pages - covered == set(), "forbid these to the CLI in the import-linter contract"
    assert {"marmot_monitor.web.monitor", "marmot_monitor.web.programme"} <= forbidden


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def test_every_test_folder_is_a_package():
    """Same-named test modules in different folders then collect side by side."""
    tests = Path(__file__).resolve().parent
    folders = {path.parent for path in tests.rglob("test_*.py")}
    missing = sorted(str(f.relative_to(tests)) for f in folders if not (f / "__init__.py").exists())
    assert missing == [], "add an empty __init__.py to these test folders"
