"""Linked-data routes in process: dereferencing /id/..., HTML pages, /ontology, the editor branch of /sparql.

The store holds one hand-made extraction converted by the real mapping (pipeline.rdf.graph_for), so
the pages are tested against the triples the pipeline actually produces.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.config import Settings
from pipeline.extraction import DocumentMeta, Entity, Event, Extraction, Motion, Position, Provenance, Role
from pipeline.rdf import graph_for
from pipeline.store.oxigraph import OxigraphStore

BASE = "https://w3id.org/diplokg"
S1 = "Minister Makei van Buitenlandse Zaken van Wit-Rusland sprak op 12 november 2020 met de EU."
S2 = "De motie-Omtzigt (21501-02-2234) vraagt om onderzoek naar schendingen van oorlogsrecht."
S3 = "Het kabinet steunt het activeren van het OVSE Moskou Mechanisme op voorspraak van Duitsland."
TEXT = f"{S1} {S2}\n{S3}"
TITLE = "Geannoteerde agenda Raad Buitenlandse Zaken"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def prov(sentence: str, confidence: float = 0.9) -> Provenance:
    start = TEXT.index(sentence)
    return Provenance("doc1", sentence, start, start + len(sentence), "diplokg@0.1.0", confidence)


def extraction() -> Extraction:
    return Extraction(
        document=DocumentMeta("doc1", TITLE, "2020-11", "geannoteerde agenda", "21501-02-2244"),
        text=TEXT,
        entities=[
            Entity("belarus", "Belarus", "COUNTRY", ["Wit-Rusland"], "Q184", True,
                   {"nl": "Wit-Rusland", "en": "Belarus"}, [prov(S1)]),
            Entity("makei", "Makei", "PERSON", ["Makei"], mentions=[prov(S1)]),
            Entity("kabinet", "kabinet", "ORGANISATION", ["kabinet"], linked=True, mentions=[prov(S3)]),
            Entity("ovse", "OVSE", "ORGANISATION", ["OVSE"], None, True, {"en": "OSCE"}, [prov(S3)]),
            Entity("eu", "EU", "ORGANISATION", ["EU"]),
        ],
        roles=[Role("Makei", "makei", "minister van Buitenlandse Zaken", "Belarus", "belarus", "COUNTRY",
                    prov(S1)),
               Role("Makei", "makei", "minister", None, None, None, prov(S1))],  # a post in nothing
        motions=[Motion("21501-02-2234", ["Omtzigt"], "2020-11-12", "onderzoek naar schendingen van oorlogsrecht",
                        execution="Het kabinet heeft de motie uitgevoerd.", provenance=prov(S2))],
        events=[Event("MEETING", "2020-11-12", ["Makei", "EU"], ["makei", "eu"], None, None, "sprak met de EU",
                      prov(S1, 0.7))],
        positions=[Position("kabinet", "kabinet", "SUPPORTS", "activeren van het OVSE Moskou Mechanisme",
                            ["OVSE"], ["ovse"], S3, None, prov(S3, 0.8))],
    )


def make_store() -> OxigraphStore:
    store = OxigraphStore(None)
    iri, graph = graph_for(extraction(), BASE)
    store.replace_graph(str(iri), graph)
    return store


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(base_iri=BASE), make_store())) as c:
        yield c


# -- dereferencing ---------------------------------------------------------------------------------

RDF_FORMATS = [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
               ("application/rdf+xml", "xml")]


@pytest.mark.parametrize("accept,fmt", RDF_FORMATS)
def test_rdf_formats_describe_the_resource(client, accept: str, fmt: str) -> None:
    r = client.get("/id/country/belarus", headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(accept)
    assert "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.text, format=fmt)
    belarus = rdflib.URIRef(f"{BASE}/id/country/belarus")
    # Its own triples, with the server-independent IRI (the test server is not at the base) ...
    assert (belarus, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q184")) in g
    assert (belarus, rdflib.SKOS.prefLabel, rdflib.Literal("Wit-Rusland", lang="nl")) in g
    # ... triples pointing at it (Makei's post is in Belarus), and labels of what is linked.
    post = g.value(predicate=rdflib.URIRef("http://www.w3.org/ns/org#postIn"), object=belarus)
    assert post is not None
    assert g.value(post, rdflib.RDFS.label) is not None


@pytest.mark.parametrize("accept,expected", [
    (None, "text/turtle"),
    ("*/*", "text/turtle"),
    ("application/json", "application/ld+json"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    (BROWSER, "text/html"),
    ("application/xhtml+xml", "text/html"),
])
def test_negotiation_table(client, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {"Accept": ""}
    r = client.get("/id/person/makei", headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == expected


def test_not_acceptable(client) -> None:
    r = client.get("/id/person/makei", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.json()["error"]["status"] == 406


def test_format_parameter_and_link_header(client) -> None:
    r = client.get("/id/person/makei", params={"format": "jsonld"}, headers={"Accept": BROWSER})
    assert r.headers["content-type"].startswith("application/ld+json")
    json.loads(r.text)
    link = r.headers["link"]
    assert 'rel="alternate"; type="text/turtle"' in link and "?format=ttl" in link
    assert client.get("/id/person/makei", params={"format": "xlsx"}).status_code == 400


@pytest.mark.parametrize("path", ["/id/country/atlantis", "/id/nothing", "/id/country/a%3Eb"])
def test_unknown_iri_is_404_in_the_error_shape(client, path: str) -> None:
    for accept in ("text/turtle", BROWSER):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code == 404
        assert r.json()["error"]["title"] == "Not found"


# -- HTML pages ------------------------------------------------------------------------------------


def test_actor_page_lists_position_with_source_sentence(client) -> None:
    r = client.get("/id/organisation/kabinet", headers={"Accept": BROWSER})
    assert r.status_code == 200
    html = r.text
    assert "<h1>kabinet</h1>" in html
    assert 'id="positions"' in html and "supports" in html  # the stance, by its ontology label
    assert "activeren van het OVSE Moskou Mechanisme" in html
    assert S3 in html and TITLE in html  # the sentence and its document
    assert 'href="/id/document/doc1"' in html  # local links, not the w3id IRIs
    assert f'data-actor="{BASE}/id/organisation/kabinet"' in html  # the ego-network placeholder


def test_actor_page_roles_events_and_wikidata(client) -> None:
    makei = client.get("/id/person/makei", headers={"Accept": BROWSER}).text
    assert "minister van Buitenlandse Zaken" in makei and 'href="/id/country/belarus"' in makei
    assert 'id="events"' in makei and "meeting" in makei and S1 in makei
    belarus = client.get("/id/country/belarus", headers={"Accept": BROWSER}).text
    assert 'href="http://www.wikidata.org/entity/Q184"' in belarus
    assert "Wit-Rusland" in belarus and "Belarus" in belarus


def test_document_page_lists_its_facts(client) -> None:
    html = client.get("/id/document/doc1", headers={"Accept": BROWSER}).text
    assert f"<h1>{TITLE}</h1>" in html
    for section in ("positions", "events", "motions", "roles", "actors"):
        assert f'id="{section}"' in html, section
    assert S2 in html and S3 in html
    assert "<cite>" not in html  # sentences on their own document's page do not cite it again


def test_motion_page(client) -> None:
    html = client.get("/id/motion/21501-02-2234", headers={"Accept": BROWSER}).text
    assert "21501-02-2234" in html and "2020-11-12" in html
    assert "onderzoek naar schendingen van oorlogsrecht" in html
    assert "Het kabinet heeft de motie uitgevoerd." in html
    assert "Omtzigt" in html and 'href="/id/person/omtzigt"' in html
    assert S2 in html  # the source sentence


def test_statement_page_shows_provenance(client) -> None:
    html = client.get("/id/position/doc1-1", headers={"Accept": BROWSER}).text
    assert 'id="provenance"' in html and S3 in html and "confidence 0.8" in html


def test_every_resource_has_a_page(client) -> None:
    # Each minted IRI of the fixture, whatever its type and whichever optional values it lacks.
    q = f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{BASE}/id/')) }}"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    iris = [b["s"]["value"] for b in r.json()["results"]["bindings"]]
    assert len(iris) > 20
    for iri in iris:
        page = client.get(iri[len(BASE):], headers={"Accept": BROWSER})
        assert page.status_code == 200, (iri, page.text[:300])
        assert "<h1>" in page.text


def test_home_page_counts_and_documents(client) -> None:
    r = client.get("/", headers={"Accept": BROWSER})
    assert r.status_code == 200
    html = r.text
    expected = {"documents": 1, "persons": 2, "countries": 1, "organisations": 3, "events": 1,
                "positions": 1, "motions": 1}
    for key, n in expected.items():
        assert f'<div data-count="{key}"><dt>' in html
        assert f'data-count="{key}"><dt>{key}</dt><dd>{n}</dd>' in html, key
    assert TITLE in html and 'href="/id/document/doc1"' in html
    for link in ('href="/sparql"', 'href="/ontology"', 'href="/docs"', 'href="/sparql#query='):
        assert link in html


def test_no_external_resources(client) -> None:
    for path in ("/", "/id/country/belarus", "/sparql", "/ontology"):
        html = client.get(path, headers={"Accept": BROWSER}).text
        for attr in ('src="http', "src='http", 'rel="stylesheet" href="http'):
            assert attr not in html, (path, attr)


# -- /ontology, shapes, static, /sparql editor ------------------------------------------------------


def test_ontology_html_and_turtle(client) -> None:
    html = client.get("/ontology", headers={"Accept": BROWSER})
    assert html.headers["content-type"].startswith("text/html")
    assert "dkg:Position" in html.text and 'href="/sparql"' in html.text  # doc page inside our layout
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle") and "Accept" in ttl.headers["vary"]
    g = rdflib.Graph().parse(data=ttl.text, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/diplokg/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in g
    assert client.get("/ontology.ttl").text == ttl.text
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406
    shapes = client.get("/shapes.ttl")
    assert shapes.status_code == 200 and "sh:" in shapes.text


def test_static_files(client) -> None:
    assert client.get("/static/site.css").status_code == 200
    js = client.get("/static/yasgui/yasgui.min.js")
    assert js.status_code == 200 and len(js.content) > 100_000


def test_sparql_editor_only_for_browsers(client) -> None:
    page = client.get("/sparql", headers={"Accept": BROWSER})
    assert page.headers["content-type"].startswith("text/html")
    assert "/static/yasgui/yasgui.min.js" in page.text and 'id="yasgui"' in page.text
    # Everyone else keeps the Service Description, and a query is always the protocol.
    for accept in ("*/*", "text/turtle", "application/ld+json", ""):
        r = client.get("/sparql", headers={"Accept": accept})
        assert not r.headers["content-type"].startswith("text/html"), accept
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": BROWSER})
    assert r.status_code == 200 and not r.headers["content-type"].startswith("text/html")


def test_api_does_not_import_spacy() -> None:
    code = ("import sys; from api.app import create_app; import api.linked_data, api.ld_pages, "
            "pipeline.ontology_doc; assert 'spacy' not in sys.modules, 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
