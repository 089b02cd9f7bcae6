"""The ego network on a real actor page, in a real headless Chromium (Debian's /usr/bin/chromium).

A uvicorn server on a free loopback port serves the corpus store; the page /id/country/belarus
loads Cytoscape.js and api/static/network.js, which fetches /network.cyjs. Checked: no console
errors, the nodes the server sent are drawn, a click on a node opens that actor's page, the legend
names what is drawn, labels stay readable when the view is zoomed out, co-participation has no arrow.
A screenshot of the section goes to artifacts/screenshots/network.png.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from test_network import BASE, corpus_store, corpus_store_dir  # noqa: F401  (session fixtures)

from api.app import create_app
from pipeline.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "artifacts" / "screenshots" / "network.png"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the Debian chromium package"),
]


@pytest.fixture(scope="module")
def live_url(corpus_store):  # noqa: F811
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Settings(base_iri=BASE), corpus_store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


def _open(browser, url: str) -> tuple:
    """A new page at ``url`` and the list its console errors and page errors are collected in."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(url, wait_until="networkidle")
    return page, problems


def test_actor_page_draws_its_ego_network_and_nodes_navigate(live_url, browser):
    page, problems = _open(browser, f"{live_url}/id/country/belarus")
    page.wait_for_selector("#ego-network[data-ready]", timeout=20_000)
    assert page.get_attribute("#ego-network", "data-ready") == "true"

    expected = httpx.get(f"{live_url}/network.cyjs", params={"actor": f"{BASE}/id/country/belarus",
                                                               "depth": 1}).json()
    expected_ids = {n["data"]["id"] for n in expected["elements"]["nodes"]}
    drawn = page.evaluate("window.diplokgNetwork.nodes().map(n => n.id())")
    assert set(drawn) == expected_ids and len(drawn) > 1
    assert page.evaluate("window.diplokgNetwork.edges().length") == len(expected["elements"]["edges"])
    # Drawn means laid out inside the canvas, not stacked at the origin.
    positions = page.evaluate("window.diplokgNetwork.nodes().map(n => [n.position('x'), n.position('y')])")
    assert len({(round(x), round(y)) for x, y in positions}) == len(positions)

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.locator("section.network").scroll_into_view_if_needed()
    page.locator("section.network").screenshot(path=str(SCREENSHOT))

    # Click a neighbour (not Belarus itself) at its rendered position.
    target = page.evaluate("""() => {
        const cy = window.diplokgNetwork;
        const n = cy.nodes().filter(n => n.data('type') === 'COUNTRY' && !n.hasClass('focus'))[0];
        const box = cy.container().getBoundingClientRect();
        const p = n.renderedPosition();
        return {href: n.data('href'), x: box.left + p.x, y: box.top + p.y};
    }""")
    assert target["href"].startswith("/id/")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(f"{live_url}{target['href']}", timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert not problems, problems
    page.close()


def _label_sizes(page) -> list[float]:
    """Rendered (screen) font sizes of the node labels and of the edge captions that are shown."""
    return page.evaluate("""() => {
        const cy = window.diplokgNetwork;
        const shown = cy.elements().filter(e => e.isNode() || e.style('label') !== '');
        return shown.map(e => parseFloat(e.renderedStyle('font-size')));
    }""")


def test_network_has_a_legend_readable_labels_and_undirected_events(live_url, browser):
    page, problems = _open(browser, f"{live_url}/id/organisation/dutch-cabinet")
    page.wait_for_selector("#ego-network[data-ready='true']", timeout=20_000)

    drawn = page.evaluate("""() => {
        const cy = window.diplokgNetwork;
        return {types: [...new Set(cy.nodes().map(n => n.data('type')))],
                kinds: [...new Set(cy.edges().map(e => e.data('kind')))], zoom: cy.zoom()};
    }""")
    legend = page.locator("#ego-network + .network-legend")
    assert legend.is_visible()
    assert set(legend.locator("li[data-type]").evaluate_all("els => els.map(e => e.dataset.type)")) == \
        set(drawn["types"]) and len(drawn["types"]) > 2
    assert set(legend.locator("li[data-kind]").evaluate_all("els => els.map(e => e.dataset.kind)")) == \
        set(drawn["kinds"]) >= {"event", "position"}

    # The cabinet's network is larger than the box: fitted, it is zoomed out, and labels keep their size.
    assert drawn["zoom"] < 1
    assert min(_label_sizes(page)) >= 11
    page.evaluate("window.diplokgNetwork.zoom(0.15)")
    assert page.evaluate("window.diplokgNetwork.zoom()") < drawn["zoom"]
    assert min(_label_sizes(page)) >= 11

    arrows = page.evaluate("""() => window.diplokgNetwork.edges().map(
        e => [e.data('kind'), e.style('target-arrow-shape')])""")
    assert {a for k, a in arrows if k == "event"} == {"none"}
    assert {a for k, a in arrows if k == "position"} == {"triangle"}
    assert not problems, problems
    page.close()
