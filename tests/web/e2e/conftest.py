"""The browser tests: Debian's chromium driven by Playwright against a real
``besluitpak serve`` (web server and worker) on a workspace of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.helpers import ROOT
from tests.web.live import PASSWORD, Live, serve
from tests.web.workspaces import make_workspace

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A running page on a fresh workspace (cases ``proef`` and ``gebied``), per module."""
    root = make_workspace(tmp_path_factory.mktemp("e2e") / "werkruimte")
    with serve(root) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Session:
    """One person in the browser: their page, what the CSP refused, and axe's verdicts."""

    def __init__(self, context: BrowserContext, live: Live, tmp: Path) -> None:
        self.context, self.live, self.tmp = context, live, tmp
        self.page: Page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.refused: list[str] = []
        self.page.on("console", self._console)
        self.checked: list[str] = []

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.refused.append(message.text)

    def go(self, path: str) -> Page:
        self.page.goto(self.live.url + path)
        return self.page

    def login(self, role: str) -> None:
        self.go("/")
        self.page.fill('input[name="username"]', role)
        self.page.fill('input[name="password"]', PASSWORD)
        self.page.click('button:has-text("Inloggen")')
        self.page.wait_for_url(self.live.url + "/")

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.1 A/AA violations on the current page (a second, CSP-free page
        with the same cookies, so the page under test keeps its real policy)."""
        probe = self.context.browser.new_context(bypass_csp=True)  # type: ignore[union-attr]
        try:
            probe.add_cookies(self.context.cookies())  # type: ignore[arg-type]
            page = probe.new_page()
            page.goto(self.page.url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                WCAG,
            )
        finally:
            probe.close()
        self.checked.append(self.page.url)
        return [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["html"][:200] for n in v["nodes"][:5]],
            }
            for v in result["violations"]
        ]


@pytest.fixture
def person(browser: Browser, live: Live, tmp_path: Path) -> Iterator[Session]:
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    try:
        yield Session(context, live, tmp_path)
    finally:
        context.close()
