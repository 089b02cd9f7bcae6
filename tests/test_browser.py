"""The pages in a real headless Chromium (Debian's ``chromium``, driven by Playwright's Python API).

A real ``diplokg serve`` on a free loopback port serves the corpus built with the rule-only pipeline
(``DIPLOKG_MODEL=blank``), so the pages show real extractions. Every page must load without console
errors, without failed requests and without a single request to another host (the YASGUI editor is
vendored and configured not to call prefix.cc, LOV or the default endpoints). Screenshots go to
``artifacts/screenshots/`` (kept by CI).

Playwright's own browser download is never used: ``playwright install`` is not needed.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
BASE = "https://w3id.org/diplokg"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
# Not just "window.yasgui": the <div id="yasgui"> is window.yasgui too until the editor script replaces it.
EDITOR_READY = "window.yasgui && typeof window.yasgui.getTab === 'function' && window.yasgui.getTab()"
COUNTRIES = "SELECT ?s WHERE { ?s a <http://schema.org/Country> } LIMIT 5"

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                                                             "(pip install -e '.[test]')")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *args]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """The corpus built into a fresh store and served by the real CLI; yields the base URL."""
    store = tmp_path_factory.mktemp("browser-store")
    env = {**os.environ, "DIPLOKG_MODEL": "blank"}
    env.pop("DIPLOKG_BASE_IRI", None)
    build = subprocess.run(_cli("build", "--data-dir", str(store)), cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=600)
    # The SHACL gate may refuse a document while the extractors change (exit code 1); the pages only
    # need some documents, so the test depends on the build storing at least one, not on all passing.
    stored = re.search(r"stored (\d+) document", build.stdout + build.stderr)
    assert stored and int(stored[1]) > 0, build.stdout + build.stderr
    port = _free_port()
    proc = subprocess.Popen(_cli("serve", "--data-dir", str(store), "--port", str(port)), cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("server did not answer /health within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records console errors, failed requests, HTTP errors and requests to other hosts."""

    def __init__(self, browser, origin: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))

        def request(r) -> None:
            if not r.url.startswith((origin, "data:")):
                self.problems.append(f"external request: {r.url}")

        self.page.on("request", request)

    def open(self, url: str) -> object:
        self.page.goto(url, wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, site) -> Iterator[Watched]:
    w = Watched(browser, site)
    yield w
    w.close()


def _shot(page, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def _busiest_holder(site: str) -> str:
    """The /id/ path of the actor holding the most positions (the page with the most to show)."""
    q = ("SELECT ?h (COUNT(?p) AS ?n) WHERE { ?p <https://w3id.org/diplokg/ontology#holder> ?h } "
         "GROUP BY ?h ORDER BY DESC(?n) LIMIT 1")
    r = httpx.get(f"{site}/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    iri = r.json()["results"]["bindings"][0]["h"]["value"]
    assert iri.startswith(f"{BASE}/id/")
    return "/id/" + urllib.parse.quote(iri[len(BASE) + 4:], safe="/:")


def test_home_page(watched: Watched, site: str) -> None:
    page = watched.open(site + "/")
    documents = int(page.locator("#counts [data-count=documents] dd").inner_text())
    assert documents > 0
    assert page.locator("#documents tbody tr").count() == documents
    assert int(page.locator("#counts [data-count=triples] dd").inner_text().replace(",", "")) > 1000
    _shot(page, "home")
    assert watched.problems == []


def test_actor_page(watched: Watched, site: str) -> None:
    page = watched.open(site + _busiest_holder(site))
    assert page.locator("#positions tbody tr").count() > 0
    assert page.locator("#positions blockquote.sentence").first.inner_text().strip()
    assert page.locator("#ego-network").count() == 1
    _shot(page, "actor", full_page=False)
    # Following a link to a document stays on this server and renders its page.
    page.locator("#positions blockquote.sentence cite a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(site + "/id/document/")
    assert page.locator("h1").inner_text()
    _shot(page, "document", full_page=False)
    assert watched.problems == []


def test_ontology_page(watched: Watched, site: str) -> None:
    page = watched.open(site + "/ontology")
    assert page.locator("#classes").count() == 1 and page.get_by_text("dkg:Position").count() > 0
    assert page.locator("header.site nav a[aria-current=page]").inner_text() == "Ontology"
    _shot(page, "ontology", full_page=False)
    assert watched.problems == []


def test_sparql_editor_runs_a_query(watched: Watched, site: str) -> None:
    page = watched.open(site + "/sparql")
    page.wait_for_function(EDITOR_READY)
    assert page.evaluate("window.yasgui.getTab().getEndpoint()") == site + "/sparql"
    page.evaluate("q => { const t = window.yasgui.getTab(); t.setQuery(q); return t.query(); }", COUNTRIES)
    rows = page.locator("#yasgui .yasr table tbody tr")
    rows.first.wait_for(timeout=15_000)
    assert rows.count() == 5
    assert f"{BASE}/id/country/" in page.locator("#yasgui .yasr table tbody").inner_text()
    _shot(page, "sparql-editor")
    assert watched.problems == []


def test_example_query_link_opens_in_the_editor(watched: Watched, site: str) -> None:
    page = watched.open(site + "/")
    page.locator("ul.examples a").first.click()
    page.wait_for_url("**/sparql*")
    page.wait_for_function(EDITOR_READY)
    assert "owl:sameAs" in page.evaluate("window.yasgui.getTab().getQuery()")
    page.locator("#yasgui .yasr table tbody tr").first.wait_for(timeout=15_000)  # opened links run
    assert watched.problems == []



def test_api_docs_render_offline(watched: Watched, site: str) -> None:
    """Swagger UI is served from /static (vendored from npm): the operations render with no other host."""
    page = watched.open(site + "/docs")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/actors", "/positions", "/.well-known/void"} <= {p.replace("\u200b", "") for p in paths}
    # An operation expands to its parameters and typed response (a page with total and next).
    page.locator(".opblock-summary-path", has_text="/positions").first.click()
    opened = page.locator(".opblock.is-open").first
    opened.locator(".responses-wrapper").wait_for(timeout=10_000)
    text = opened.inner_text()
    assert "stance" in text and '"total"' in text and '"next"' in text and "CONDEMNS" in text
    _shot(page, "api-docs", full_page=False)
    assert watched.problems == []


def test_dataset_description_is_linked_from_the_home_page(watched: Watched, site: str) -> None:
    page = watched.open(site + "/")
    href = page.locator("a#void").get_attribute("href")
    r = httpx.get(site + href, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "void:triples" in r.text and "creativecommons.org/publicdomain/zero" in r.text
    assert watched.problems == []
