"""IRI minting: stable, readable resource IRIs under a configurable base.

    <base>/id/country/belarus        actors, by type path and gazetteer key
    <base>/id/motion/21501-02-2234   motions, by normalised number
    <base>/id/document/<doc_id>      source documents
    <base>/id/event/<doc_id>-<n>     facts local to a document
    <base>/graph/<doc_id>            the named graph holding one document's facts
    <base>/graph/actors              what is true of actors, posts and motions as such, once

The ontology namespace is fixed (ONTOLOGY_NS), whatever the base of the data.
"""

from __future__ import annotations

import re
import unicodedata

ONTOLOGY_NS = "https://w3id.org/diplokg/ontology#"

# The prefixes the project's own queries use (REST layer, network export), declared once.
SPARQL_PREFIXES = f"""PREFIX dkg: <{ONTOLOGY_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

TYPE_PATHS = {
    "PERSON": "person",
    "COUNTRY": "country",
    "ORGANISATION": "organisation",
    "PLACE": "place",
    "MEETING": "meeting",
    "DOCUMENT": "document",
}


def slug(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: 'Wit-Rusland' -> 'wit-rusland', 'Aliyev' -> 'aliyev'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def actor_iri(base: str, entity_type: str, key: str) -> str:
    return f"{base}/id/{TYPE_PATHS[entity_type]}/{key}"


def document_iri(base: str, doc_id: str) -> str:
    return f"{base}/id/document/{slug(doc_id)}"


def ontology_graph_iri(base: str) -> str:
    """The named graph holding the ontology, so queries can use its labels and concept schemes."""
    return f"{base}/graph/ontology"


def actors_graph_iri(base: str) -> str:
    """The named graph describing actors, posts and motions once (see pipeline.store.shared)."""
    return f"{base}/graph/actors"


def graph_iri(base: str, doc_id: str) -> str:
    return f"{base}/graph/{slug(doc_id)}"


def motion_iri(base: str, motion_id: str) -> str:
    return f"{base}/id/motion/{slug(motion_id)}"


def local_iri(base: str, kind: str, doc_id: str, n: int) -> str:
    """IRIs of facts that only exist within one document (events, positions, roles, anchors)."""
    return f"{base}/id/{kind}/{slug(doc_id)}-{n}"


