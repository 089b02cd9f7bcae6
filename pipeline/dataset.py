"""What the store holds, counted once, and the dataset's VoID/DCAT description.

* :func:`triple_count` is THE triple count (quads in named graphs): ``build`` prints it, the home
  page and the VoID description show it, so no two places can disagree.
* :func:`record_build` keeps what only the build knows (when, with which software version, which
  graphs are synthetic) in the reserved graph ``<base>/graph/dataset``.
* :func:`describe` merges that record with live counts (per class, per graph) into a VoID + DCAT
  description of ``<base>/dataset``; the API serves it at ``/.well-known/void`` and ``/dataset``.
* :func:`synthetic_inputs`: files under a folder holding a ``SYNTHETIC`` marker (the made-up
  evaluation letters) are no corpus; ``build`` refuses them unless asked, and then marks them.

No spaCy and no FastAPI here; everything goes through the Store interface (embedded or remote).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, VOID

from pipeline import __version__
from pipeline.iris import ONTOLOGY_NS, slug
from pipeline.store.base import Store

DKG = rdflib.Namespace(ONTOLOGY_NS)
SCHEMA = rdflib.Namespace("http://schema.org/")
SYNTHETIC_MARKER = "SYNTHETIC"
# Dutch government publications may be reused freely (Auteurswet art. 15b; the government publishes
# them as public domain). Recorded as CC0, the licence officielebekendmakingen.nl states for its data.
LICENSE = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
RIGHTS = ("Derived from Dutch government publications (letters to parliament, Kamerstukken), which are "
          "free to reuse under article 15b of the Auteurswet; the graph is published under CC0 1.0.")
SOFTWARE_LICENSE = URIRef("https://joinup.ec.europa.eu/licence/european-union-public-licence-eupl-v12")
# The classes counted per class partition (and shown on the home page).
CLASSES = {
    "documents": DKG.Document, "actors": DKG.NamedEntity, "persons": FOAF.Person,
    "countries": SCHEMA.Country, "organisations": URIRef("http://www.w3.org/ns/org#Organization"),
    "places": SCHEMA.Place, "meetings": SCHEMA.Event,
    "events": URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event"), "positions": DKG.Position,
    "motions": URIRef("http://www.w3.org/ns/opengov#Motion"),
}


def dataset_iri(base: str) -> str:
    return f"{base}/dataset"


def dataset_graph_iri(base: str) -> str:
    """The reserved graph of the build record (pipeline.run.RESERVED_IDS keeps documents out of it)."""
    return f"{base}/graph/dataset"


def triple_count(store: Store) -> int:
    """Triples stored, over all named graphs: the one count every interface reports."""
    rows = store.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(rows[0]["n"] or 0) if rows else 0


def graph_counts(store: Store) -> dict[str, int]:
    rows = store.rows("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    return {r["g"] or "": int(r["n"] or 0) for r in rows}


def class_counts(store: Store) -> dict[str, int]:
    """Distinct instances per class of :data:`CLASSES` (keys as there), over the union graph."""
    values = " ".join(f'("{k}" <{c}>)' for k, c in CLASSES.items())
    rows = store.rows(f"SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES (?kind ?class) {{ {values} }} "
                      "?s a ?class } GROUP BY ?kind")
    found = {r["kind"] or "": int(r["n"] or 0) for r in rows}
    return {k: found.get(k, 0) for k in CLASSES}


def store_ontology(store: Store, base: str) -> None:
    """Keep the ontology (labels of classes, event types, stances, appraisals) queryable beside the data."""
    from pipeline.config import ONTOLOGY_DIR
    from pipeline.iris import ontology_graph_iri

    graph = rdflib.Graph().parse(ONTOLOGY_DIR / "diplokg.ttl", format="turtle")
    store.replace_graph(ontology_graph_iri(base), graph)


def software_agent(base: str) -> URIRef:
    """The same agent IRI pipeline.rdf mints for the extractor ``diplokg@<version>``."""
    return URIRef(f"{base}/id/agent/diplokg-{slug(__version__)}")


def record_build(store: Store, base: str, synthetic_graphs: Iterable[str] = (),
                 when: dt.datetime | None = None) -> None:
    """Write the build record: time, software and version, graphs built from synthetic data."""
    ds, agent = URIRef(dataset_iri(base)), software_agent(base)
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    g = rdflib.Graph()
    g.add((ds, DCTERMS.modified, Literal(when.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
    g.add((ds, PROV.wasAttributedTo, agent))
    # Typed as the extractor agent is in the document graphs, so the SHACL shapes hold here too.
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"diplokg {__version__}")))
    g.add((agent, DKG.extractorVersion, Literal(__version__)))
    for graph in synthetic_graphs:
        g.add((URIRef(graph), DCTERMS.type, Literal("synthetic")))
        g.add((URIRef(graph), RDFS.comment, Literal("Built from made-up evaluation letters, not from the corpus.",
                                                    lang="en")))
    store.replace_graph(dataset_graph_iri(base), g)


def synthetic_inputs(paths: Iterable[Path]) -> list[Path]:
    """The files lying under a folder that holds a ``SYNTHETIC`` marker file."""
    return [p for p in paths if any((d / SYNTHETIC_MARKER).is_file() for d in p.resolve().parents)]


def describe(store: Store, base: str, endpoint: str) -> rdflib.Graph:
    """VoID + DCAT description of ``<base>/dataset``: licence, sources, build record, counts."""
    ds = URIRef(dataset_iri(base))
    g = rdflib.Graph(bind_namespaces="core")
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("prov", PROV), ("dkg", DKG),
                       ("foaf", FOAF), ("schema", SCHEMA)):
        g.bind(prefix, ns, override=True)
    g += store.get_graph(dataset_graph_iri(base))  # the build record (empty before any build)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("diplokg: actors, events and positions in Dutch foreign policy", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Facts extracted from Dutch government letters to parliament on foreign policy; every fact keeps "
        "its sentence and document. One named graph per document.", lang="en")))
    g.add((ds, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/nl")))
    g.add((ds, DCTERMS.license, LICENSE))
    g.add((ds, DCTERMS.rights, Literal(RIGHTS, lang="en")))
    g.add((ds, DCTERMS.conformsTo, URIRef(f"{base}/shapes.ttl")))
    g.add((ds, VOID.vocabulary, URIRef(ONTOLOGY_NS)))
    g.add((ds, VOID.uriSpace, Literal(f"{base}/id/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
    g.add((ds, VOID.rootResource, ds))
    agent = software_agent(base)
    g.add((agent, SCHEMA.softwareVersion, Literal(__version__)))
    g.add((agent, DCTERMS.license, SOFTWARE_LICENSE))
    dist = URIRef(f"{endpoint}#distribution")
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.accessURL, URIRef(endpoint)))
    g.add((dist, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((dist, DCTERMS.license, LICENSE))
    for row in store.rows(f"SELECT DISTINCT ?d WHERE {{ ?d a <{DKG.Document}> }} ORDER BY ?d"):
        g.add((ds, DCTERMS.source, URIRef(row["d"] or "")))
    if store.select(f"ASK {{ ?r a <{DKG.OpenDataRecord}> }}").get("boolean"):  # diplokg ingest-tk
        from pipeline.sources.tk_odata import ODATA_BASE

        g.add((ds, DCTERMS.source, URIRef(ODATA_BASE)))
    per_graph = graph_counts(store)
    g.add((ds, VOID.triples, Literal(sum(per_graph.values()))))  # = triple_count(store), one query fewer
    g.add((ds, VOID.classes, Literal(len(CLASSES))))
    for kind, n in class_counts(store).items():
        part = URIRef(f"{dataset_iri(base)}#class-{kind}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], CLASSES[kind]))
        g.add((part, VOID.entities, Literal(n)))
    for graph, n in per_graph.items():
        node = URIRef(graph)
        g.add((ds, VOID.subset, node))
        g.add((node, RDF.type, VOID.Dataset))
        g.add((node, VOID.triples, Literal(n)))
    return g
