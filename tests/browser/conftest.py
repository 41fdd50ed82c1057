"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium is launched once per session. The demo centre is loaded once per test function that
asks for it (the live server's database is flushed after every test), so keep these tests few.
"""

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.support import AXE_JS, Visitor

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--lang=en-GB",
]


HOW_TO = ("To run them: install Debian's Chromium (`sudo apt-get install chromium`, which "
          f"puts it at {CHROMIUM}) and run `make test` again (it installs axe-core with npm).")
_skipped: list[str] = []


def _unavailable(reason: str) -> None:
    """Never skip in CI: a browser suite that silently skips tests nothing. Elsewhere skip,
    and say at the end of the run how to get them running (`pytest_terminal_summary`)."""
    if os.environ.get("CI"):
        pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
    _skipped.append(reason)
    pytest.skip(f"{reason}. {HOW_TO}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skipped:
        terminalreporter.section("browser tests skipped")
        terminalreporter.write_line(f"The browser tests did not run: {_skipped[0]}.")
        terminalreporter.write_line(HOW_TO)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - depends on the environment
        _unavailable(f"Playwright is not installed ({e})")
    if not AXE_JS.exists():
        _unavailable(f"axe-core is missing at {AXE_JS}: run `npm install`")
    try:
        playwright = sync_playwright().start()
    except Exception as e:  # noqa: BLE001 - the driver itself could not start
        _unavailable(f"Playwright could not start: {e}")
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
    except Exception as e:  # noqa: BLE001 - any failure to start means no browser
        playwright.stop()
        _unavailable(f"Chromium could not start from {CHROMIUM}: {e}")
    # Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    # refuse ORM calls (fixtures, flush) as "async unsafe". Nothing here is really async.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield chromium
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
    chromium.close()
    playwright.stop()


@pytest.fixture
def demo(browser: Any, live_server: Any, transactional_db: Any) -> Any:
    """The demo centre, in the database the live server reads."""
    from qmr.models import Centre

    call_command("load_demo", stdout=io.StringIO())
    return Centre.objects.get(number="48213")


@pytest.fixture
def visit(browser: Any, live_server: Any) -> Iterator[Any]:
    """Make a fresh visitor (a new browser context); all are closed after the test."""
    visitors: list[Visitor] = []

    def _visit() -> Visitor:
        visitor = Visitor(browser, live_server.url)
        visitors.append(visitor)
        return visitor

    yield _visit
    for visitor in visitors:
        visitor.close()
