"""The store holds each fact once: shared descriptions in one graph, document facts in their own.

What a document says about an actor, a post or a motion *as such* (types, labels, sameAs, the
post's role, the motion's number) is the same in every document that names it. Stored in each
document graph, the union default graph returned every copy (a country's label once per letter).
So a document graph is split before it is stored:

* **shared subjects** (typed dkg:NamedEntity, org:Role, org:Post, prov:SoftwareAgent, or a
  numbered opengov:Motion): their triples go to the reserved graph ``<base>/graph/actors``, except
  the per-document provenance links (dkg:anchor, prov:wasDerivedFrom, prov:wasGeneratedBy), which
  stay with the document;
* the document graph keeps everything else, plus its **contribution** per shared subject: a node
  ``<graph>/contribution/<hash>`` with ``dkg:describes <subject>`` and ``dkg:ntriples`` (what this
  document said about it, as N-Triples). One row per (document, subject): no repeats.

On every replace and delete the description of each subject the document touches (before or
after) is recomputed from the contributions of all documents that still describe it
(:func:`merge`), so an actor only a deleted document named disappears and one named elsewhere
stays, with exactly what the remaining documents say. The SHACL gate sees the document before the
split (:func:`document_view` rebuilds it from the store), so the shapes are unchanged.

Writes go through ``Store.update_all``: one request (one transaction) on the embedded store.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from pipeline.iris import ONTOLOGY_NS

DKG = Namespace(ONTOLOGY_NS)
ORG = Namespace("http://www.w3.org/ns/org#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")

SHARED_CLASSES = (DKG.NamedEntity, ORG.Role, ORG.Post, PROV.SoftwareAgent)
# Links from a shared node to one document's evidence: they stay in that document's graph.
LOCAL_PREDICATES = frozenset({DKG.anchor, PROV.wasDerivedFrom, PROV.wasGeneratedBy})
# Single-valued properties and how contributions that disagree are combined.
_MAX = frozenset({DKG.linked, DKG.confidence, DKG.lastAttested, DKG.amended, DKG.cosigners})
_MIN = frozenset({DKG.firstAttested})
# Batches of IRIs per VALUES clause (stores cope with far more; this keeps requests readable).
_BATCH = 200
# Above this an INSERT DATA is split (Virtuoso and Fuseki take a few MB per request).
CHUNK_BYTES = 4_000_000

# Read, merge and write are one step per process: two uploads touching one actor must not
# interleave. (Writers in several processes against one remote store are not serialised.)
_LOCK = threading.Lock()


def actors_graph_for(graph_iri: str) -> str:
    """The shared graph beside a document graph ``<base>/graph/<doc>``."""
    base, sep, _ = graph_iri.rpartition("/graph/")
    if not sep:
        raise ValueError(f"{graph_iri} is not a document graph (<base>/graph/<doc>)")
    return f"{base}/graph/actors"


def contribution_iri(graph_iri: str, subject: Node) -> URIRef:
    return URIRef(f"{graph_iri}/contribution/{hashlib.sha1(str(subject).encode()).hexdigest()[:16]}")


def shared_subjects(g: Graph) -> set[URIRef]:
    found = {s for cls in SHARED_CLASSES for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    # An unnumbered motion is minted per document (<base>/id/motion/<doc>-<n>): it stays local.
    found |= {m for m in g.subjects(RDF.type, OPENGOV.Motion)
              if isinstance(m, URIRef) and g.value(m, DCTERMS.identifier) is not None}
    return found


def _ntriples(g: Graph) -> str:
    lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def split(g: Graph, graph_iri: str) -> tuple[Graph, dict[URIRef, Graph]]:
    """(what the document graph stores, {shared subject: what this document says about it})."""
    if any(not isinstance(t, (URIRef, Literal)) for triple in g for t in triple):
        g = g.skolemize()  # a blank node's label would not survive the trip through dkg:ntriples
    shared = shared_subjects(g)
    local, contributions = Graph(), {}
    for s, p, o in g:
        if s in shared and p not in LOCAL_PREDICATES and p != DKG.ntriples:
            contributions.setdefault(s, Graph()).add((s, p, o))
        elif p not in (DKG.describes, DKG.ntriples):  # old bookkeeping sent back is recomputed
            local.add((s, p, o))
    for subject, part in contributions.items():
        node = contribution_iri(graph_iri, subject)
        local.add((node, RDF.type, DKG.Contribution))
        local.add((node, DKG.describes, subject))
        local.add((node, DKG.ntriples, Literal(_ntriples(part))))
    return local, contributions


def merge(subject: URIRef, parts: list[Graph]) -> Graph:
    """One description of ``subject`` from what each document says (each a graph of its triples).

    A set union, except where the model wants one value: dkg:linked (true if any document links
    it), confidence and last attestation (the highest), first attestation (the lowest), and one
    skos:prefLabel per language (from a gazetteer-linked description when there is one; the other
    wordings become skos:altLabel). A post has one rdfs:label.
    """
    out = Graph()
    linked = [p for p in parts if (subject, DKG.linked, Literal(True)) in p]
    label_sources = {id(p) for p in (linked or parts)}
    pref: dict[str | None, set[Literal]] = {}
    for part in parts:
        for _, p, o in part.triples((subject, None, None)):
            if p == SKOS.prefLabel and isinstance(o, Literal):
                pref.setdefault(o.language, set())
                if id(part) in label_sources:
                    pref[o.language].add(o)
                else:
                    out.add((subject, SKOS.altLabel, o))
            elif p not in _MAX and p not in _MIN:
                out.add((subject, p, o))
    for values in pref.values():
        if not values:
            continue
        chosen = min(values, key=str)
        out.add((subject, SKOS.prefLabel, chosen))
        out.remove((subject, SKOS.altLabel, chosen))
        for other in values - {chosen}:
            out.add((subject, SKOS.altLabel, other))
    for p in _MAX | _MIN:
        values = [o for part in parts for o in part.objects(subject, p)]
        if values:
            pick = max if p in _MAX else min
            out.add((subject, p, pick(values, key=_order)))
    if (subject, RDF.type, ORG.Post) in out:
        labels = sorted(out.objects(subject, RDFS.label), key=str)
        for extra in labels[1:]:
            out.remove((subject, RDFS.label, extra))
    return out


def _order(value: Node) -> tuple:
    if isinstance(value, Literal):
        py = value.toPython()
        if isinstance(py, bool | int | float) or type(py).__name__ == "Decimal":
            return (0, float(py), "")
    return (1, 0.0, str(value))  # ISO dates of any precision order as text


def document_view(store, graph_iri: str) -> Graph:
    """A stored document as the gate saw it: its own graph with its contributions put back."""
    stored = store.get_graph(graph_iri)
    out = Graph()
    for s, p, o in stored:
        if p == DKG.ntriples:
            out.parse(data=str(o), format="nt")
        elif p != DKG.describes and not (p == RDF.type and o == DKG.Contribution):
            out.add((s, p, o))
    return out


def replace_document(store, graph_iri: str, graph: Graph | None) -> int:
    """Store (or, with ``graph=None``, delete) one document; returns the triples its graph holds."""
    with _LOCK:
        ops, stored = plan(store, graph_iri, graph)
        store.update_all(ops)
    return stored


def plan(store, graph_iri: str, graph: Graph | None) -> tuple[list[str], int]:
    """The updates that store ``graph`` as document ``graph_iri`` and refresh the shared graph."""
    actors = actors_graph_for(graph_iri)
    local, mine = split(graph, graph_iri) if graph is not None else (Graph(), {})
    before = {URIRef(r["x"]) for r in store.rows(
        f"SELECT DISTINCT ?x WHERE {{ GRAPH <{graph_iri}> {{ ?c <{DKG.describes}> ?x }} }}") if r["x"]}
    touched = sorted(before | set(mine), key=str)
    others = _contributions(store, touched, graph_iri)
    merged = Graph()
    for subject in touched:
        parts = others.get(subject, []) + ([mine[subject]] if subject in mine else [])
        if parts:
            merged += merge(subject, parts)
    ops = [f"DELETE {{ GRAPH <{actors}> {{ ?x ?p ?o }} }} WHERE {{ GRAPH <{actors}> {{ VALUES ?x {{ "
           f"{' '.join(s.n3() for s in batch)} }} ?x ?p ?o }} }}" for batch in _batches(touched)]
    ops += insert_data(actors, merged)
    ops.append(f"DROP SILENT GRAPH <{graph_iri}>")
    ops += insert_data(graph_iri, local)
    return ops, len(local)


def _contributions(store, subjects: list[URIRef], exclude: str) -> dict[URIRef, list[Graph]]:
    """What every other document graph says about ``subjects``."""
    out: dict[URIRef, list[Graph]] = {}
    for batch in _batches(subjects):
        rows = store.rows(
            f"SELECT ?x ?nt WHERE {{ VALUES ?x {{ {' '.join(s.n3() for s in batch)} }} "
            f"GRAPH ?g {{ ?c <{DKG.describes}> ?x ; <{DKG.ntriples}> ?nt }} FILTER(?g != <{exclude}>) }}")
        for r in rows:
            if r["x"] and r["nt"] is not None:
                out.setdefault(URIRef(r["x"]), []).append(Graph().parse(data=r["nt"], format="nt"))
    return out


def _batches(items: list[URIRef]) -> Iterable[list[URIRef]]:
    for i in range(0, len(items), _BATCH):
        yield items[i:i + _BATCH]


def insert_data(graph_iri: str, graph: Graph, chunk_bytes: int = CHUNK_BYTES) -> list[str]:
    """INSERT DATA requests for ``graph`` into ``graph_iri``, split when large."""
    lines = [line + "\n" for line in graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
             if line.strip()]
    chunks, current, size = [], [], 0
    for line in lines:
        if current and size + len(line) > chunk_bytes:
            chunks.append(current)
            current, size = [], 0
        current.append(line)
        size += len(line)
    if current:
        chunks.append(current)
    return [f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{''.join(c)}}} }}" for c in chunks]
