"""Playwright driving Debian's Chromium, with axe-core injected to check accessibility.

Skipped when Chromium or axe-core is missing (a laptop with only Python), except in CI where
`CI=true` turns the skip into a failure: the browser tests must run there.
"""

import os
import pathlib
import shutil

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = settings.BASE_DIR / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--lang=fr-FR",  # native controls (date pickers) as French users see them
]


def _missing() -> str | None:
    if not shutil.which(CHROMIUM):
        return f"Chromium absent ({CHROMIUM}) : apt-get install chromium"
    if not AXE.exists():
        return "axe-core absent : npm ci"
    return None


@pytest.fixture(scope="session")
def browser():
    if reason := _missing():
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # The sync API runs an event loop in this thread; the ORM calls of live_server tests are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    refus_csp = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and refus_csp.append(f"{page.url} : {message.text[:90]}… ({message.location.get('url')})")
        ),
    )
    yield page
    context.close()
    assert not refus_csp, "La politique de sécurité du contenu a bloqué :\n" + "\n".join(refus_csp)


def assert_accessible(page, *, impacts=("serious", "critical")) -> None:
    """Inject axe-core and fail on any violation of the given impacts, listing each with its nodes."""
    # Evaluated through the DevTools protocol: a <script> tag would be refused by the site's CSP (no inline script).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [v for v in results["violations"] if v["impact"] in impacts]
    report = "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} → " + ", ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"Violations d'accessibilité sur {page.url} :\n{report}"


def screenshot(page, name: str) -> pathlib.Path:
    """Save a full-page screenshot under tests/artifacts/ (kept by CI, looked at by people)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, email, next_url):
    """Sign in through the login page (the factories' password) and wait for the page asked for."""
    page.goto(f"/compte/connexion/?next={next_url}")
    page.get_by_label("Adresse électronique").fill(email)
    page.locator("#id_password").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_url}")
    page.wait_for_load_state("load")  # scripts listen to the fields once the page has loaded
