"""The HTML report in a real headless browser (Debian's chromium, driven over the DevTools
protocol): a failing run's report with hostile implementation text, at 375 px wide."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conformance import html_report, report_view
from tests import browser
from tests.conftest import HOSTILE, hostile

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "reports" / "screenshots"  # git-ignored; CI keeps them as artifacts


@pytest.fixture
def chromium():
    if not browser.available():
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI is set but {browser.CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip(f"{browser.CHROMIUM} not installed (apt-get install chromium); CI runs this test")
    b = browser.Browser()
    yield b
    b.close()


def _keep(path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENSHOTS / path.name)


def _selftest(b: browser.Browser) -> dict:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        text = b.evaluate("(document.getElementById('selftest') || {}).textContent || ''")
        if text:
            return json.loads(text)
        time.sleep(0.1)
    raise TimeoutError("the page's #selftest hook wrote nothing")


def test_failing_report_in_a_phone_sized_browser(chromium, failing_report, tmp_path):
    doc = hostile(failing_report)
    page = tmp_path / "report.html"
    page.write_text(html_report.render(doc), encoding="utf-8")
    n_failures = len(report_view.failures(doc))

    chromium.open(page.as_uri(), 375, 800, mobile=True)
    _keep(chromium.screenshot(tmp_path / "report-375px-top.png"))
    chromium.open(page.as_uri() + "?selftest#selftest", 375, 800, mobile=True)  # a new document, not a fragment jump
    result = _selftest(chromium)
    chromium.evaluate("document.querySelector('details.failure').scrollIntoView()")
    _keep(chromium.screenshot(tmp_path / "report-375px-failure-expanded.png"))

    assert result["innerWidth"] == 375
    assert result["failures"] == n_failures >= 2
    assert result["hiddenBefore"] == n_failures  # collapsed at first...
    assert result["shownAfter"] == n_failures  # ...and a click on the summary opens each one
    assert result["visible"] == n_failures
    assert result["scrollWidth"] <= result["innerWidth"] and result["overflowing"] == [], result
    assert result["errors"] == [] and chromium.exceptions() == []
    assert result["scripts"] == 1 and result["injected"] is False  # the hostile <script>/<img onerror> stayed text
    assert result["copyButtons"] == n_failures
    assert HOSTILE.splitlines()[0] in chromium.evaluate("document.body.innerText")

    status = chromium.evaluate("var b = document.querySelector('button.copy'); b.click(); b.textContent")
    deadline = time.monotonic() + 5
    while status == "copy" and time.monotonic() < deadline:
        time.sleep(0.1)
        status = chromium.evaluate("document.querySelector('button.copy').textContent")
    assert status in ("copied", "copy failed") and chromium.exceptions() == []

    chromium.open(page.as_uri(), 1280, 900, mobile=False)
    _keep(chromium.screenshot(tmp_path / "report-1280px.png"))
    assert chromium.evaluate("document.documentElement.scrollWidth <= innerWidth") is True
