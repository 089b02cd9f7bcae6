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
    assert [i["iri"] for i in r.json()["items"]] == [f"{BASE}/id/country/belarus"]
    assert r.json()["items"][0]["label"] == "Wit-Rusland" and r.json()["items"][0]["type"] == "country"
    r = client.get("/actors", params={"type": "PERSON"})  # enumerations are case-insensitive
    assert {i["iri"] for i in r.json()["items"]} == {
        f"{BASE}/id/person/hoekstra",
        f"{BASE}/id/person/lukasjenko",
    }
    r = client.get("/actors", params={"type": "planet"})
    assert r.status_code == 400 and "person, country, organisation, place, meeting, document" in r.text


@pytest.mark.parametrize("name", NASTY)
def test_actor_name_search_is_injection_safe(client, name: str) -> None:
    r = client.get("/actors", params={"name": name})
    assert r.status_code == 200  # a query error would be a 500


def test_actor_detail(client) -> None:
    r = client.get("/actors/country/belarus")
    assert r.status_code == 200
    body = r.json()
    assert body["iri"] == f"{BASE}/id/country/belarus"
    assert body["label"] == "Wit-Rusland" and body["type"] == "country"
    assert {e["iri"] for e in body["events"]} == {f"{BASE}/id/event/doc-a-1", f"{BASE}/id/event/doc-b-1"}
    assert client.get("/actors/country/atlantis").status_code == 404
    assert client.get("/actors/planet/mars").status_code == 400


def test_events_filters(client) -> None:
    items = client.get("/events", params={"actor": "country/belarus"}).json()["items"]
    assert len(items) == 2
    items = client.get("/events", params={"type": "sanction"}).json()["items"]
    assert [i["iri"] for i in items] == [f"{BASE}/id/event/doc-a-1"] and items[0]["type"] == "SANCTION"
    items = client.get("/events", params={"from": "2022", "to": "2022-03"}).json()["items"]
    assert [i["iri"] for i in items] == [f"{BASE}/id/event/doc-b-1"]
    items = client.get("/events", params={"actor": f"{BASE}/id/country/netherlands"}).json()["items"]
    assert {(a["iri"], a["label"], a["type"]) for a in items[0]["actors"]} == {
        (f"{BASE}/id/country/netherlands", "Nederland", "country"),
        (f"{BASE}/id/country/belarus", "Wit-Rusland", "country")}
    for bad in [
        {"from": "2022-3"},
        {"type": "X Y"},
        {"type": "BOGUS"},
        {"actor": "planet/mars"},
        {"actor": "http://a/b> . ?s ?p ?o"},
        {"actor": "belarus"},
    ]:
        assert client.get("/events", params=bad).status_code == 400, bad


def test_positions_motions_documents(client) -> None:
    items = client.get("/positions", params={"holder": "country/netherlands", "stance": "supports"}).json()[
        "items"
    ]
    assert len(items) == 1 and items[0]["target"] == "sancties" and items[0]["stance"] == "SUPPORTS"
    assert items[0]["holder"] == {"iri": f"{BASE}/id/country/netherlands", "label": "Nederland", "type": "country"}
    assert items[0]["document"]["label"] == "Geannoteerde agenda Raad Buitenlandse Zaken"
    # A known stance with no positions is an empty page; an unknown one is 400 naming the allowed ones.
    assert client.get("/positions", params={"stance": "condemns"}).json()["items"] == []
    r = client.get("/positions", params={"stance": "BOGUS"})
    assert r.status_code == 400 and "CONDEMNS" in r.json()["error"]["detail"]
    items = client.get("/motions", params={"submitter": "person/hoekstra"}).json()["items"]
    assert [i["identifier"] for i in items] == ["21501-02-2234"]
    assert items[0]["submitters"] == [{"iri": f"{BASE}/id/person/hoekstra", "label": "Hoekstra", "type": "person"}]
    docs = client.get("/documents").json()["items"]
    assert [d["identifier"] for d in docs] == ["doc-a", "doc-b"]
    assert docs[0]["graph"] == f"{BASE}/graph/doc-a"


def test_paging_and_validation_errors_use_the_error_shape(client) -> None:
    assert len(client.get("/actors", params={"limit": 1}).json()["items"]) == 1
    r = client.get("/actors", params={"limit": 0})
    assert r.status_code == 400 and r.json()["error"]["title"] == "Invalid parameters"


def test_every_list_has_a_total_and_a_next_link_that_walks_all_pages(client) -> None:
    for path, total in [("/actors", 4), ("/events", 2), ("/positions", 1), ("/motions", 1), ("/documents", 2)]:
        seen, url = [], path + "?limit=1"
        while url:
            body = client.get(url).json()
            assert body["total"] == total, path
            seen += [i["iri"] for i in body["items"]]
            url = body["next"]
        assert len(seen) == len(set(seen)) == total, path


def test_citation_numbers_are_documents_not_actors() -> None:
    import rdflib
    from api_fixtures import make_store

    store = make_store()
    store.add_to_graph(f"{BASE}/graph/doc-a", rdflib.Graph().parse(format="turtle", data=f"""
        <{BASE}/id/document/21501-02-2401> a <https://w3id.org/diplokg/ontology#NamedEntity>,
            <http://xmlns.com/foaf/0.1/Document> ;
            <http://www.w3.org/2004/02/skos/core#prefLabel> "21 501-02 Nr. 2401"@nl ."""))
    with make_client(store) as c:
        assert f"{BASE}/id/document/21501-02-2401" not in {i["iri"] for i in c.get("/actors").json()["items"]}
        items = c.get("/actors", params={"type": "Document"}).json()["items"]
        assert [(i["iri"], i["type"]) for i in items] == [(f"{BASE}/id/document/21501-02-2401", "document")]


def test_openapi_shows_typed_models_and_the_error_shape(client) -> None:
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/positions"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Page_Position_"}
    page = spec["components"]["schemas"]["Page_Position_"]
    assert {"items", "total", "next"} <= set(page["properties"]) and page["properties"]["total"]["description"]
    bad = spec["paths"]["/positions"]["get"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad == {"$ref": "#/components/schemas/ErrorBody"}
    stance = next(p for p in spec["paths"]["/positions"]["get"]["parameters"] if p["name"] == "stance")
    assert "CONDEMNS" in stance["schema"]["enum"]
    assert "422" not in str(spec["paths"])


@pytest.mark.parametrize("iri", ["E://%d", "http://x/\u009d", "http://x/%zz"])
def test_iris_the_store_cannot_parse_are_400_not_500(client, iri: str) -> None:
    for path, param in [("/events", "actor"), ("/positions", "holder"), ("/motions", "submitter")]:
        r = client.get(path, params={param: iri})
        assert r.status_code == 400 and r.json()["error"]["title"].startswith("Invalid"), (path, r.text)


def test_a_date_range_ending_before_it_starts_is_400(client) -> None:
    r = client.get("/events", params={"from": "2022-03", "to": "2021"})
    assert r.status_code == 400 and "after" in r.json()["error"]["detail"]
    assert client.get("/events", params={"from": "2022-03", "to": "2022-03"}).status_code == 200


def test_405_names_every_method_of_the_path(client) -> None:
    r = client.request("OPTIONS", "/documents")  # GET lists, POST ingests: two routes, one path
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) >= {"GET", "POST"}
