"""The dataset as a resource: VoID/DCAT description, dereferenceable graph IRIs, /ontology in every
RDF syntax, ``format=`` on /sparql, and the one triple count."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from api_fixtures import BASE, G_A, G_B, make_client, make_store
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from pipeline.dataset import dataset_graph_iri, record_build, triple_count

DS = rdflib.URIRef(f"{BASE}/dataset")
WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def client():
    store = make_store()
    record_build(store, BASE, [G_B], when=WHEN)
    with make_client(store) as c:
        yield c


def _void(client, path: str = "/.well-known/void", **kw) -> rdflib.Graph:
    r = client.get(path, **kw)
    assert r.status_code == 200, r.text
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
           "application/n-triples": "nt"}[r.headers["content-type"].split(";")[0]]
    return rdflib.Graph().parse(data=r.content, format=fmt)


def test_void_describes_licence_sources_build_and_counts(client) -> None:
    g = _void(client)
    assert (DS, RDF.type, VOID.Dataset) in g and (DS, RDF.type, DCAT.Dataset) in g
    assert g.value(DS, DCTERMS.license) == rdflib.URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
    assert "Auteurswet" in str(g.value(DS, DCTERMS.rights))
    assert set(g.objects(DS, DCTERMS.source)) == {rdflib.URIRef(f"{BASE}/id/document/doc-a"),
                                                  rdflib.URIRef(f"{BASE}/id/document/doc-b")}
    assert g.value(DS, DCTERMS.modified).toPython() == WHEN
    agent = g.value(DS, rdflib.URIRef("http://www.w3.org/ns/prov#wasAttributedTo"))
    assert str(g.value(agent, rdflib.URIRef("http://schema.org/softwareVersion")))
    assert str(g.value(DS, VOID.sparqlEndpoint)) == "http://testserver/sparql"
    # counts per graph and per class are those of the store
    store_total = sum(int(b["n"]["value"]) for b in client.get(
        "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()[
        "results"]["bindings"])
    assert g.value(DS, VOID.triples).toPython() == store_total
    graphs = {str(s): g.value(s, VOID.triples).toPython() for s in g.objects(DS, VOID.subset)}
    assert set(graphs) == {G_A, G_B, dataset_graph_iri(BASE)} and sum(graphs.values()) == store_total
    countries = next(p for p in g.objects(DS, VOID.classPartition)
                     if g.value(p, VOID["class"]) == rdflib.URIRef("http://schema.org/Country"))
    assert g.value(countries, VOID.entities).toPython() == 2
    # the synthetic graph is marked as such
    assert str(g.value(rdflib.URIRef(G_B), DCTERMS.type)) == "synthetic"
    assert g.value(rdflib.URIRef(G_A), DCTERMS.type) is None


@pytest.mark.parametrize("accept", ["application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_void_and_dataset_iri_are_negotiated(client, accept: str) -> None:
    assert (DS, RDF.type, VOID.Dataset) in _void(client, "/dataset", headers={"Accept": accept})
    assert client.get("/dataset", params={"format": "yaml"}).status_code == 400


def test_service_description_and_home_page_link_the_description(client) -> None:
    sd = rdflib.Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (None, rdflib.RDFS.seeAlso, rdflib.URIRef("http://testserver/.well-known/void")) in sd
    assert (None, VOID.inDataset, DS) in sd
    assert 'href="/.well-known/void"' in client.get("/", headers={"Accept": "text/html"}).text


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_graph_iris_dereference_to_their_graph(client, accept: str, fmt: str) -> None:
    r = client.get("/graph/doc-a", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.content, format=fmt)
    assert (rdflib.URIRef(f"{BASE}/id/document/doc-a"), RDF.type, None) in g
    assert (rdflib.URIRef(f"{BASE}/id/document/doc-b"), None, None) not in g  # only this graph


def test_graph_as_quads_keeps_its_name_and_unknown_graphs_are_404(client) -> None:
    ds = rdflib.Dataset().parse(data=client.get("/graph/doc-a", params={"format": "nq"}).content, format="nquads")
    assert {str(c.identifier) for c in ds.graphs() if len(c)} == {G_A}
    r = client.get("/graph/atlantis")
    assert r.status_code == 404 and r.json()["error"]["title"] == "Not found"


@pytest.mark.parametrize("accept,fmt", [("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("text/turtle", "turtle")])
def test_ontology_is_served_in_every_rdf_syntax_of_id(client, accept: str, fmt: str) -> None:
    r = client.get("/ontology", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.content, format=fmt)
    assert (rdflib.URIRef("https://w3id.org/diplokg/ontology#Position"), RDF.type, None) in g
    assert client.get("/ontology", headers={"Accept": "text/html"}).headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("fmt,media", [("json", "application/sparql-results+json"),
                                       ("XML", "application/sparql-results+xml"), ("csv", "text/csv"),
                                       ("tsv", "text/tab-separated-values"),
                                       ("application/sparql-results+json", "application/sparql-results+json")])
def test_sparql_format_parameter_for_select(client, fmt: str, media: str) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "format": fmt},
                   headers={"Accept": "text/turtle"})  # format= wins over Accept
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)


@pytest.mark.parametrize("fmt,media", [("turtle", "text/turtle"), ("json", "application/ld+json"),
                                       ("xml", "application/rdf+xml"), ("nt", "application/n-triples"),
                                       ("trig", "application/trig")])
def test_sparql_format_parameter_for_construct(client, fmt: str, media: str) -> None:
    r = client.post("/sparql", data={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "format": fmt})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)


def test_unknown_sparql_format_is_400_listing_the_allowed_values(client) -> None:
    r = client.get("/sparql", params={"query": "ASK {}", "format": "yaml"})
    assert r.status_code == 400
    assert all(name in r.json()["error"]["detail"] for name in ("json", "xml", "csv", "tsv", "turtle"))


def test_one_triple_count_home_page_and_void_agree(client) -> None:
    store = make_store()
    n = triple_count(store)
    assert n == len(store.get_graph(G_A)) + len(store.get_graph(G_B))
    with make_client(store) as c:
        page = c.get("/", headers={"Accept": "text/html"}).text
        assert f'<div data-count="triples"><dt>triples</dt><dd>{n:,}</dd>' in page
        assert _void(c).value(DS, VOID.triples).toPython() == n
