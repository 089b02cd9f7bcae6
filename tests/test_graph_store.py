"""Graph Store HTTP Protocol at /graphs (indirect identification), in process."""

from __future__ import annotations

import pytest
import rdflib
from api_fixtures import AUTH, BASE, G_A, make_client

NEW = f"{BASE}/graph/new"
TTL = '@prefix ex: <http://example.org/> . ex:a ex:p ex:b . ex:a ex:q "x"@nl .'


@pytest.fixture
def client():
    with make_client() as c:
        yield c


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        (None, "turtle"),
    ],
)
def test_get_named_graph(client, accept: str | None, fmt: str) -> None:
    r = client.get("/graphs", params={"graph": G_A}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept or "text/turtle")
    g = rdflib.Graph().parse(data=r.content, format=fmt)
    assert (rdflib.URIRef(f"{BASE}/id/country/belarus"), None, None) in g
    assert (rdflib.URIRef(f"{BASE}/id/person/hoekstra"), None, None) not in g  # other graph


def test_get_default_graph_is_the_union(client) -> None:
    g = rdflib.Graph().parse(data=client.get("/graphs?default").text, format="turtle")
    assert (rdflib.URIRef(f"{BASE}/id/person/hoekstra"), None, None) in g
    assert (rdflib.URIRef(f"{BASE}/id/country/belarus"), None, None) in g


@pytest.mark.parametrize("query", ["", "?graph=relative", f"?graph={G_A}&default"])
def test_bad_target(client, query: str) -> None:
    assert client.get("/graphs" + query).status_code == 400


def test_absent_graph_is_404(client) -> None:
    assert client.get("/graphs", params={"graph": NEW}).status_code == 404
    assert client.delete("/graphs", params={"graph": NEW}, headers=AUTH).status_code == 404


def test_not_acceptable(client) -> None:
    assert client.get("/graphs", params={"graph": G_A}, headers={"Accept": "text/csv"}).status_code == 406


def test_put_post_delete_cycle(client) -> None:
    h = {**AUTH, "Content-Type": "text/turtle"}
    r = client.put("/graphs", params={"graph": NEW}, content=TTL, headers=h)
    assert r.status_code == 201 and "location" in r.headers
    assert len(rdflib.Graph().parse(data=client.get("/graphs", params={"graph": NEW}).text)) == 2
    # PUT replaces.
    r = client.put(
        "/graphs",
        params={"graph": NEW},
        content="<http://e/x> <http://e/y> <http://e/z> .",
        headers={**AUTH, "Content-Type": "application/n-triples"},
    )
    assert r.status_code == 204
    assert len(rdflib.Graph().parse(data=client.get("/graphs", params={"graph": NEW}).text)) == 1
    # POST merges.
    r = client.post("/graphs", params={"graph": NEW}, content=TTL, headers=h)
    assert r.status_code == 204
    assert len(rdflib.Graph().parse(data=client.get("/graphs", params={"graph": NEW}).text)) == 3
    # Other graphs untouched; DELETE drops.
    assert client.get("/graphs", params={"graph": G_A}).status_code == 200
    assert client.delete("/graphs", params={"graph": NEW}, headers=AUTH).status_code == 204
    assert client.get("/graphs", params={"graph": NEW}).status_code == 404


def test_post_creates_with_jsonld(client) -> None:
    body = '{"@id": "http://e/a", "http://e/p": {"@value": "v"}}'
    r = client.post(
        "/graphs",
        params={"graph": NEW},
        content=body,
        headers={**AUTH, "Content-Type": "application/ld+json"},
    )
    assert r.status_code == 201


def test_writes_need_the_token(client) -> None:
    h = {"Content-Type": "text/turtle"}
    assert client.put("/graphs", params={"graph": NEW}, content=TTL, headers=h).status_code == 401
    assert client.delete("/graphs", params={"graph": G_A}).status_code == 401
    with make_client(update_token=None) as ro:
        assert ro.put("/graphs", params={"graph": NEW}, content=TTL, headers={**h, **AUTH}).status_code == 403


def test_body_errors(client) -> None:
    r = client.put(
        "/graphs", params={"graph": NEW}, content=TTL, headers={**AUTH, "Content-Type": "text/csv"}
    )
    assert r.status_code == 415
    r = client.put(
        "/graphs", params={"graph": NEW}, content="ex:a ex:b", headers={**AUTH, "Content-Type": "text/turtle"}
    )
    assert r.status_code == 400 and r.json()["error"]["title"] == "Malformed RDF"


def test_default_graph_is_read_only(client) -> None:
    r = client.put("/graphs?default", content=TTL, headers={**AUTH, "Content-Type": "text/turtle"})
    assert r.status_code == 405 and r.headers["allow"] == "GET"


def test_store_timeout_is_503_and_the_server_answers_after(tmp_path) -> None:
    """A Graph Store read stopped at its deadline is a 503 in the one error shape (as /sparql), not a 500."""
    from pipeline.store.isolated import IsolatedOxigraphStore

    store = IsolatedOxigraphStore(tmp_path / "store", query_timeout=0.001, min_workers=1, max_workers=2)
    try:
        big = rdflib.Graph()
        for i in range(20_000):
            big.add((rdflib.URIRef(f"urn:s{i}"), rdflib.URIRef("urn:p"), rdflib.Literal(f"value {i}")))
        store.replace_graph(NEW, big)  # a write: the worker reopens its handle, which alone takes ms
        with make_client(store) as c:
            r = c.get("/graphs", params={"graph": NEW})
            assert r.status_code == 503, r.text
            assert r.json()["error"]["title"] == "Query timeout"
            store.query_timeout = 30.0
            r = c.get("/graphs", params={"graph": NEW}, headers={"Accept": "application/n-triples"})
            assert r.status_code == 200 and r.text.count("\n") == 20_000
    finally:
        store.close()
