"""The layer rules of DESIGN §3 cover every layer that exists."""

import tomllib
from pathlib import Path

import marmot_monitor

INTERFACES = {"web", "cli"}
CLI_CONTRACT = "The CLI imports no page: only queries, services and the pure layers"
CLI_REACH_CONTRACT = "Nothing the CLI imports reaches a page"
PAGE_MODULES = ("views", "forms", "admin", "urls")
# The monitor's modules that serve queries too (its cache); every other one shapes a page.
MONITOR_SERVICES = {"apps", "caching", "models", "migrations"}


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


def page_modules() -> set[str]:
    """Every app's views, forms, admin and urls (a module or a package)."""
    web = Path(marmot_monitor.__file__).parent / "web"
    return {
        "marmot_monitor.web." + ".".join(path.relative_to(web).with_suffix("").parts[:2])
        for name in PAGE_MODULES
        for path in [*web.glob(f"*/{name}.py"), *web.glob(f"*/{name}/__init__.py")]
    }


def test_the_cli_imports_no_page_view_form_admin_or_urlconf_of_the_web():
    forbidden = set(contracts()[CLI_CONTRACT]["forbidden_modules"])
    covered = {page for page in page_modules() if any(_within(page, f) for f in forbidden)}
    assert page_modules() - covered == set(), "forbid these to the CLI in the contract"
    assert {"marmot_monitor.web.monitor", "marmot_monitor.web.programme"} <= forbidden


def test_nothing_the_cli_imports_reaches_a_view_form_admin_or_urlconf():
    contract = contracts()[CLI_REACH_CONTRACT]
    assert not contract.get("allow_indirect_imports", False)
    forbidden = set(contract["forbidden_modules"])
    covered = {page for page in page_modules() if any(_within(page, f) for f in forbidden)}
    assert page_modules() - covered == set(), "forbid these to the CLI in the contract"


def test_nothing_the_cli_imports_reaches_a_module_that_shapes_a_public_page():
    monitor = Path(marmot_monitor.__file__).parent / "web" / "monitor"
    modules = {
        f"marmot_monitor.web.monitor.{path.stem if path.is_file() else path.name}"
        for path in monitor.iterdir()
        if (path.suffix == ".py" or (path / "__init__.py").exists())
        and path.stem not in {"__init__", *MONITOR_SERVICES}
    }
    forbidden = set(contracts()[CLI_REACH_CONTRACT]["forbidden_modules"])
    assert modules - forbidden == set(), "forbid these to the CLI in the contract"


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def test_every_test_folder_is_a_package():
    """Same-named test modules in different folders then collect side by side."""
    tests = Path(__file__).resolve().parent
    folders = {path.parent for path in tests.rglob("test_*.py")}
    missing = sorted(str(f.relative_to(tests)) for f in folders if not (f / "__init__.py").exists())
    assert missing == [], "add an empty __init__.py to these test folders"
