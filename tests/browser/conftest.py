"""Headless Chromium (Debian's) driven by Playwright, with axe-core for accessibility checks.

Without Chromium, Playwright or axe-core these tests are skipped with the reason; under
``CI=true`` a missing piece is a failure, so CI can never pass without running them.
"""

import asyncio
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MARMOT_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop; Django refuses ORM calls from inside one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the test process (each test has a context of its own, see
    ``page``), and Playwright's event loop.

    After each call Playwright marks its loop as running in this thread, and Django then
    keeps the thread's database connections apart from those it uses outside a loop. So the
    loop is marked running only while a test's page is open: Django's database set-up and
    teardown around each test run outside it, on the same connection that holds the
    migrations' data for serialized rollback."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (sudo apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        loop = asyncio.get_running_loop()
        asyncio._set_running_loop(None)
        yield chromium, loop
        asyncio._set_running_loop(loop)
        chromium.close()


@pytest.fixture
def page(browser):
    """A page in a new browser context (its own cookies, storage and cache), under the
    server's own Content Security Policy, as users get it."""
    chromium, loop = browser
    asyncio._set_running_loop(loop)
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()
    finally:
        asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        _unavailable(f"axe-core not found at {AXE} (npm ci)")
    return AXE


def axe_violations(page, axe_script: Path) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now.

    axe-core is evaluated through the DevTools protocol rather than added as a script tag,
    which the page's Content Security Policy rightly refuses.
    """
    page.evaluate(axe_script.read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(result => result.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
        WCAG_TAGS,
    )


@pytest.fixture
def demo_site(django_db_serialized_rollback, live_server, small_fairshire) -> str:
    """The small Fairshire demo served by the live server; its URL.

    Serialized rollback restores the migrations' rows (area types, the 8 principles) that a
    transactional test's flush removes; it must be requested before ``live_server``."""
    from marmot_monitor.web.demo import load_fairshire

    load_fairshire(small_fairshire, label="Fairshire demo (browser test)")
    return live_server.url


def opened(page, url: str) -> list[str]:
    """Go to ``url`` and wait for the network to settle; the list that collects the page's
    console errors and uncaught exceptions from then on (refusals by the CSP among them)."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return errors


def tab_to(page, selector: str, *, presses: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus (fail if it never does)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def chooser_by_keyboard(page):
    """The file chooser that Space opens on the focused file input. On a loaded machine
    Chromium now and then drops the first key press's activation, so Space is pressed
    again once (still by keyboard) before the test fails."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(2):
        try:
            with page.expect_file_chooser(timeout=15_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeout:
            assert page.evaluate("document.activeElement.id") == "id_file"
    raise AssertionError("Space on the focused file input never opened the file chooser")
