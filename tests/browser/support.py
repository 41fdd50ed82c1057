"""What the browser tests share: a visitor in their own browser context, and the axe check."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class Visitor:
    """One person in their own browser context (own cookies), who can log in and look around."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context = browser.new_context(base_url=base_url, locale="en-GB",
                                           viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.csp_errors: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def log_in(self, email: str, password: str) -> Any:
        page = self.page
        page.goto("/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        return page

    def close(self) -> None:
        self.context.close()


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(json.dumps(t) for t in node["target"]) for node in v["nodes"]]
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(targets))
    return "\n".join(lines)


def axe_check(page: Any, name: str) -> None:
    """Save a full-page screenshot to var/screenshots/<name>.png and assert that axe finds
    no WCAG 2.2 A/AA violation on the page as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # Evaluated over CDP, so the strict Content-Security-Policy does not block it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    assert violations == [], f"axe found problems on {name} ({page.url}):\n{_describe(violations)}"
