"""SPARQL 1.1 Service Description of the endpoint (served by GET /sparql without a query)."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF, RDFS, VOID

from pipeline.dataset import dataset_iri
from pipeline.store.base import Store

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")

# Media type -> W3C format IRI, for sd:resultFormat.
FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
    "application/trig": FORMATS.TriG,
    "application/n-quads": FORMATS["N-Quads"],
}


def service_description(
    store: Store, endpoint_url: str, update_enabled: bool, max_graphs: int = 1000, base: str | None = None
) -> rdflib.Graph:
    g = rdflib.Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("void", VOID)
    svc = rdflib.BNode("service")
    endpoint = rdflib.URIRef(endpoint_url)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    if update_enabled:
        g.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    # The default graph of every query is the union of the document graphs.
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    for iri in FORMAT_IRIS.values():
        g.add((svc, SD.resultFormat, iri))
    dataset = rdflib.BNode("dataset")
    default = rdflib.BNode("defaultGraph")
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    # The VoID/DCAT description of the data: its IRI, and where this server answers for it.
    if endpoint_url.endswith("/sparql"):
        g.add((dataset, RDFS.seeAlso, rdflib.URIRef(endpoint_url[: -len("/sparql")] + "/.well-known/void")))
    if base:
        g.add((dataset, VOID.inDataset, rdflib.URIRef(dataset_iri(base))))
    # Listing every document graph is useful to clients; cap it so a large store stays cheap.
    for name in store.graphs()[:max_graphs]:
        node = rdflib.BNode()
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, rdflib.URIRef(name)))
    return g
