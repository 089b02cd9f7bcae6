"""The REST layer: results over the fixture graphs, and safe binding of user input."""

from __future__ import annotations

import pytest
from api_fixtures import BASE, make_client

from api.rest import sparql_string
from pipeline.store.oxigraph import OxigraphStore


@pytest.fixture(scope="module")
def client():
    with make_client() as c:
        yield c


NASTY = [
    'a"b',
    "x\\y",
    "line1\nline2\r",
    '"} ; DROP ALL ; #',
    "'''",
    "tab\there",
    "é ü ☃",
    "\\u0022",
    "\b\f",
    "",
]


@pytest.mark.parametrize("value", NASTY)
def test_sparql_string_round_trips_through_the_parser(value: str) -> None:
    rows = OxigraphStore(None).rows(f"SELECT ?v WHERE {{ BIND({sparql_string(value)} AS ?v) }}")
    assert rows == [{"v": value}]


def test_actors_by_name_and_type(client) -> None:
    r = client.get("/actors", params={"name": "wit-rus"})
    assert [i["actor"] for i in r.json()["items"]] == [f"{BASE}/id/country/belarus"]
    assert r.json()["items"][0]["label"] == "Wit-Rusland"
    r = client.get("/actors", params={"type": "person"})
    assert {i["actor"] for i in r.json()["items"]} == {
        f"{BASE}/id/person/hoekstra",
        f"{BASE}/id/person/lukasjenko",
    }
    assert client.get("/actors", params={"type": "planet"}).status_code == 400


@pytest.mark.parametrize("name", NASTY)
def test_actor_name_search_is_injection_safe(client, name: str) -> None:
    r = client.get("/actors", params={"name": name})
    assert r.status_code == 200  # a query error would be a 500


def test_actor_detail(client) -> None:
    r = client.get("/actors/country/belarus")
    assert r.status_code == 200
    body = r.json()
    assert body["iri"] == f"{BASE}/id/country/belarus"
    assert {e["event"] for e in body["events"]} == {f"{BASE}/id/event/doc-a-1", f"{BASE}/id/event/doc-b-1"}
    assert client.get("/actors/country/atlantis").status_code == 404
    assert client.get("/actors/planet/mars").status_code == 400


def test_events_filters(client) -> None:
    items = client.get("/events", params={"actor": "country/belarus"}).json()["items"]
    assert len(items) == 2
    items = client.get("/events", params={"type": "sanction"}).json()["items"]
    assert [i["event"] for i in items] == [f"{BASE}/id/event/doc-a-1"]
    items = client.get("/events", params={"from": "2022", "to": "2022-03"}).json()["items"]
    assert [i["event"] for i in items] == [f"{BASE}/id/event/doc-b-1"]
    items = client.get("/events", params={"actor": f"{BASE}/id/country/netherlands"}).json()["items"]
    assert set(items[0]["actors"]) == {f"{BASE}/id/country/netherlands", f"{BASE}/id/country/belarus"}
    for bad in [
        {"from": "2022-3"},
        {"type": "X Y"},
        {"actor": "http://a/b> . ?s ?p ?o"},
        {"actor": "belarus"},
    ]:
        assert client.get("/events", params=bad).status_code == 400, bad


def test_positions_motions_documents(client) -> None:
    items = client.get("/positions", params={"holder": "country/netherlands", "stance": "SUPPORT"}).json()[
        "items"
    ]
    assert len(items) == 1 and items[0]["target"] == "sancties"
    assert client.get("/positions", params={"stance": "REJECT"}).json()["items"] == []
    items = client.get("/motions", params={"submitter": "person/hoekstra"}).json()["items"]
    assert [i["identifier"] for i in items] == ["21501-02-2234"]
    docs = client.get("/documents").json()["items"]
    assert [d["identifier"] for d in docs] == ["doc-a", "doc-b"]
    assert docs[0]["graph"] == f"{BASE}/graph/doc-a"


def test_paging_and_validation_errors_use_the_error_shape(client) -> None:
    assert len(client.get("/actors", params={"limit": 1}).json()["items"]) == 1
    r = client.get("/actors", params={"limit": 0})
    assert r.status_code == 400 and r.json()["error"]["title"] == "Invalid parameters"
