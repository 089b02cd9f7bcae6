"""Shared fixtures for the API tests: a small hand-made dataset in an in-memory Oxigraph store.

Imported explicitly by the API test modules (not a conftest.py, which belongs to the lead).
"""

from __future__ import annotations

import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.config import Settings
from pipeline.store.oxigraph import OxigraphStore

BASE = "https://w3id.org/diplokg"
G_A = f"{BASE}/graph/doc-a"
G_B = f"{BASE}/graph/doc-b"
TOKEN = "s3cret-token"

DOC_A = f"""
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{BASE}/id/document/doc-a> a dkg:Document ; dcterms:identifier "doc-a" ;
    dcterms:title "Geannoteerde agenda Raad Buitenlandse Zaken"@nl ; dcterms:date "2021-06-21"^^xsd:date .
<{BASE}/id/country/belarus> a dkg:NamedEntity, schema:Country ;
    skos:prefLabel "Wit-Rusland"@nl, "Belarus"@en ; rdfs:label "Wit-Rusland"@nl ;
    skos:altLabel "Belarus"@nl ; owl:sameAs <http://www.wikidata.org/entity/Q184> ; dkg:linked true .
<{BASE}/id/person/lukasjenko> a dkg:NamedEntity, foaf:Person ;
    skos:prefLabel "Loekasjenko"@nl ; rdfs:label "Loekasjenko"@nl ; dkg:linked true .
<{BASE}/id/event/doc-a-1> a sem:Event, dkg:Statement ; sem:eventType dkg:event-SANCTION ;
    sem:hasTimeStamp "2021-06-24"^^xsd:date ; sem:hasActor <{BASE}/id/country/belarus> ;
    dcterms:description "Sancties tegen Wit-Rusland"@nl ; prov:wasDerivedFrom <{BASE}/id/document/doc-a> .
<{BASE}/id/position/doc-a-1> a dkg:Position, dkg:Statement ; dkg:holder <{BASE}/id/country/netherlands> ;
    dkg:stance dkg:stance-SUPPORTS ; dkg:target "sancties"@nl ; dcterms:date "2021-06"^^xsd:gYearMonth ;
    prov:wasDerivedFrom <{BASE}/id/document/doc-a> .
"""

DOC_B = f"""
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{BASE}/id/document/doc-b> a dkg:Document ; dcterms:identifier "doc-b" ; dcterms:date "2022-03-01"^^xsd:date .
<{BASE}/id/country/netherlands> a dkg:NamedEntity, schema:Country ;
    skos:prefLabel "Nederland"@nl ; rdfs:label "Nederland"@nl .
<{BASE}/id/person/hoekstra> a dkg:NamedEntity, foaf:Person ; skos:prefLabel "Hoekstra"@nl .
<{BASE}/id/event/doc-b-1> a sem:Event ; sem:eventType dkg:event-MEETING ;
    sem:hasTimeStamp "2022-03"^^xsd:gYearMonth ;
    sem:hasActor <{BASE}/id/country/netherlands>, <{BASE}/id/country/belarus> .
<{BASE}/id/motion/21501-02-2234> a opengov:Motion ; dcterms:identifier "21501-02-2234" ;
    dcterms:dateSubmitted "2022-03-02"^^xsd:date ; rdfs:label "Motie 21501-02-2234"@nl ;
    <http://schema.org/creator> <{BASE}/id/person/hoekstra> .
"""


def make_store() -> OxigraphStore:
    store = OxigraphStore(None)
    store.replace_graph(G_A, rdflib.Graph().parse(data=DOC_A, format="turtle"))
    store.replace_graph(G_B, rdflib.Graph().parse(data=DOC_B, format="turtle"))
    return store


def make_client(store: OxigraphStore | None = None, **settings: object) -> TestClient:
    defaults: dict[str, object] = {"base_iri": BASE, "update_token": TOKEN}
    defaults.update(settings)
    return TestClient(create_app(Settings(**defaults), store if store is not None else make_store()))


AUTH = {"Authorization": f"Bearer {TOKEN}"}
