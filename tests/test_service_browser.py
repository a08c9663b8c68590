"""The service's pages in a real headless Chromium: upload through the form, the dashboard, and axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import base64
import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.service_server import Running
from toolkit.service.security import hash_password

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "korrekt hest batteri hæfteklamme"


@pytest.fixture
def browser(tmp_path):
    if not Path(CHROMIUM).is_file():
        pytest.skip("Chromium is missing (Debian package chromium; .ci/run installs it)")
    if not AXE.is_file():
        pytest.skip("axe-core is missing (npm ci in tests/a11y; `make test` does it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        # A persistent context is how Playwright takes a fresh --user-data-dir of our own.
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=FLAGS[1:], headless=True, locale="da-DK"
        )
        yield context
        context.close()


@pytest.fixture
def server(cfg):
    base = dataclasses.replace(
        cfg,
        settle_seconds=0,
        server_max_upload_mb=5,
        server_rate_per_minute=1000,
        server_coordinator_password=hash_password(PASSWORD, salt=b"0123456789abcdef"),
    )
    running = Running(base)
    yield running
    running.stop()


def axe_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the page's own CSP forbids inline script
    result = page.evaluate(f"axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG_AA!r}}}}})")
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result["violations"]
    ]


def watch(page) -> list[str]:
    """Console errors (a Content-Security-Policy violation among them) and failed page errors."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


@pytest.fixture
def invalid_submission(make_workbook, seed):
    form, tables = seed("submission")
    form["cost_share"] = "2.508 k"
    return make_workbook("submission", form, tables, name="Indberetning Horsens 2019.xlsx")


def test_a_municipality_uploads_in_the_browser_and_sees_its_findings(browser, server, invalid_submission, tmp_path):
    page = browser.new_page()
    problems = watch(page)
    page.goto(f"{server.url}/m/{server.token('Horsens')}")
    assert page.get_attribute("html", "lang") == "da"
    assert page.is_visible("#drop-hint")  # the script ran under the CSP
    page.set_input_files("#file", str(invalid_submission))
    page.click("button[type=submit]")
    page.wait_for_selector("table.findings")
    rows = page.locator("table.findings tbody tr")
    assert rows.count() >= 1
    assert "Fejl" in rows.first.inner_text()
    assert "Indberetning Horsens 2019.xlsx" in page.inner_text("section[aria-labelledby=hist-h]")
    page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
    assert axe_violations(page) == []
    assert problems == []


def test_a_file_dropped_on_the_form_is_sent(browser, server, make_workbook, seed):
    data = make_workbook("submission", *seed("submission")).read_bytes()
    page = browser.new_page()
    page.goto(f"{server.url}/m/{server.token('Horsens')}")
    page.evaluate(
        """(b64) => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], "Indberetning Horsens.xlsx"));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true}));
    }""",
        base64.b64encode(data).decode(),
    )
    page.wait_for_selector("p.answer.ok")
    assert "er modtaget og er gyldig" in page.inner_text("p.answer")


def test_the_coordinator_signs_in_and_the_dashboard_passes_axe(
    browser, server, invalid_submission, make_workbook, seed, tmp_path
):
    from tests.service_server import NOW
    from toolkit.service.intake import receive

    form, tables = seed("submission")
    form["municipality"] = "Odder"
    receive(server.cfg, invalid_submission.read_bytes(), "Indberetning Horsens 2019.xlsx", "Horsens", NOW)
    receive(server.cfg, make_workbook("submission", form, tables).read_bytes(), "Odder.xlsx", "Odder", NOW)
    page = browser.new_page()
    problems = watch(page)
    page.goto(f"{server.url}/coordinator")
    assert axe_violations(page) == []  # the sign-in page
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("table.dashboard")
    assert page.locator("table.dashboard tbody tr").count() == 19
    assert "Med fejl" in page.inner_text("tr.st-invalid") and "Gyldig" in page.inner_text("tr.st-valid")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert axe_violations(page) == []
    assert problems == []
