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
import re
import threading
from collections.abc import Iterable

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
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
_MIN = frozenset({DKG.firstAttested, DKG.endedBy})
# An N-Triples line as rdflib writes it: <s> <p> object .   (no blank nodes: split skolemises them)
_LINE = re.compile(r"^(<[^>]*>) (<[^>]*>) (.+) \.$")
_LANG = re.compile(r'"@([A-Za-z0-9-]+)$')
_PREF, _ALT, _LABEL, _TYPE, _POST = (f"<{SKOS.prefLabel}>", f"<{SKOS.altLabel}>", f"<{RDFS.label}>",
                                     f"<{RDF.type}>", f"<{ORG.Post}>")
_LINKED_TRUE = f'"true"^^<{XSD.boolean}>'
_MAX_P = frozenset(f"<{p}>" for p in _MAX)
_MIN_P = frozenset(f"<{p}>" for p in _MIN)
_LINKED_P = f"<{DKG.linked}>"
_LOCAL_P = frozenset(f"<{p}>" for p in LOCAL_PREDICATES)
_BOOKKEEPING = frozenset({f"<{DKG.describes}>", f"<{DKG.ntriples}>"})
_CONTRIBUTION = f"<{DKG.Contribution}>"
# Batches of IRIs per VALUES clause (stores cope with far more; this keeps requests readable).
_BATCH = 200
# Above this an INSERT DATA is split (Virtuoso and Fuseki take a few MB per request) ...
CHUNK_BYTES = 4_000_000
# ... or above this many triples: Virtuoso 7 compiles an INSERT DATA to SQL and refuses one of some
# 1,500 triples ("SP031: the length of generated SQL text has exceeded 10000 lines").
CHUNK_TRIPLES = 1_000

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


def _nt_string(text: str) -> str:
    """A string literal in N-Triples syntax."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def split(g: Graph, graph_iri: str) -> tuple[list[str], dict[str, str]]:
    """(the N-Triples lines the document graph stores, {shared subject: what this document says
    about it, as sorted N-Triples}). Works on the serialised lines: a document has thousands."""
    if any(not isinstance(t, (URIRef, Literal)) for triple in g for t in triple):
        g = g.skolemize()  # a blank node's label would not survive the trip through dkg:ntriples
    shared = {s.n3() for s in shared_subjects(g)}
    local: list[str] = []
    contributions: dict[str, list[str]] = {}
    for line in g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines():
        m = _LINE.match(line.strip())
        if not m:
            if line.strip():  # never drop a triple silently
                raise ValueError(f"cannot split the N-Triples line {line[:200]!r}")
            continue
        if m[2] in _BOOKKEEPING or (m[2] == _TYPE and m[3] == _CONTRIBUTION):
            continue  # old bookkeeping sent back (a Graph Store round trip) is recomputed
        if m[1] in shared and m[2] not in _LOCAL_P:
            contributions.setdefault(m[1], []).append(line.strip())
        else:
            local.append(line.strip() + "\n")
    parts = {x: "\n".join(sorted(lines)) + "\n" for x, lines in contributions.items()}
    for subject, text in parts.items():
        node = contribution_iri(graph_iri, subject[1:-1]).n3()
        local.append(f"{node} {_TYPE} {_CONTRIBUTION} .\n")
        local.append(f"{node} <{DKG.describes}> {subject} .\n")
        local.append(f"{node} <{DKG.ntriples}> {_nt_string(text)} .\n")
    return local, parts


def parse_lines(ntriples: str) -> list[tuple[str, str, str]]:
    """(subject, predicate, object) in N-Triples syntax, one per line of ``ntriples``."""
    out = []
    for line in ntriples.splitlines():
        m = _LINE.match(line.strip())
        if m:
            out.append((m[1], m[2], m[3]))
    return out


def merge(parts: list[list[tuple[str, str, str]]]) -> set[tuple[str, str, str]]:
    """One description from what each document says about a subject (each part: its triples).

    A set union, except where the model wants one value: dkg:linked (true if any document links
    it), confidence and last attestation (the highest), first attestation and end (the lowest), and one
    skos:prefLabel per language (from a gazetteer-linked description when there is one; the other
    wordings become skos:altLabel). A post has one rdfs:label. Works on N-Triples terms, so that
    merging a popular actor's hundreds of contributions parses no RDF.
    """
    linked = [part for part in parts if any(p == _LINKED_P and o == _LINKED_TRUE for _, p, o in part)]
    sources = {id(part) for part in (linked or parts)}
    out: set[tuple[str, str, str]] = set()
    pref: dict[str, set[str]] = {}
    single: dict[str, list[str]] = {}
    subject = ""
    for part in parts:
        for s, p, o in part:
            subject = s
            if p == _PREF:
                lang = _LANG.search(o)
                if id(part) in sources:
                    pref.setdefault(lang[1].lower() if lang else "", set()).add(o)
                else:
                    out.add((s, _ALT, o))
            elif p in _MAX_P or p in _MIN_P:
                single.setdefault(p, []).append(o)
            else:
                out.add((s, p, o))
    for values in pref.values():
        chosen = min(values)
        out.add((subject, _PREF, chosen))
        out.discard((subject, _ALT, chosen))
        out.update((subject, _ALT, other) for other in values - {chosen})
    for p, values in single.items():
        out.add((subject, p, (max if p in _MAX_P else min)(values, key=_order)))
    if (subject, _TYPE, _POST) in out:
        for extra in sorted(o for s, p, o in out if p == _LABEL)[1:]:
            out.discard((subject, _LABEL, extra))
    return out


_NUMERIC = tuple(f"^^<{XSD[t]}>" for t in ("decimal", "integer", "double", "float", "nonNegativeInteger"))


def _order(term: str) -> tuple[int, float, str]:
    """Numbers by value; everything else as text (ISO dates of any precision, booleans)."""
    lexical = term[1:term.rfind('"')] if term.startswith('"') else term
    if term.endswith(_NUMERIC):
        return (0, float(lexical), "")
    return (1, 0.0, lexical)


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
    if graph_iri == actors:
        raise ValueError(f"{graph_iri} is the shared actors graph, kept from the documents; not a document")
    local, new = split(graph, graph_iri) if graph is not None else ([], {})
    old = {r["x"]: r["nt"] or "" for r in store.rows(
        f"SELECT ?x ?nt WHERE {{ GRAPH <{graph_iri}> {{ ?c <{DKG.describes}> ?x ; <{DKG.ntriples}> ?nt }} }}")
        if r["x"]}
    old = {f"<{x}>": nt for x, nt in old.items()}
    # A subject this document describes exactly as before needs no merge (a rebuild of the same text).
    touched = sorted(x for x in set(old) | set(new) if old.get(x) != new.get(x))
    others = _contributions(store, touched, graph_iri)
    lines: list[str] = []
    for subject in touched:
        parts = others.get(subject, []) + ([parse_lines(new[subject])] if subject in new else [])
        if parts:
            lines.extend(f"{s} {p} {o} .\n" for s, p, o in sorted(merge(parts)))
    ops = [f"DELETE {{ GRAPH <{actors}> {{ ?x ?p ?o }} }} WHERE {{ GRAPH <{actors}> {{ VALUES ?x {{ "
           f"{' '.join(batch)} }} ?x ?p ?o }} }}" for batch in _batches(touched)]
    ops += insert_lines(actors, lines)
    ops.append(f"DROP SILENT GRAPH <{graph_iri}>")
    ops += insert_lines(graph_iri, local)
    return ops, len(local)


def _contributions(store, subjects: list[str], exclude: str) -> dict[str, list[list[tuple[str, str, str]]]]:
    """What every other document graph says about ``subjects`` (IRIs in N-Triples syntax)."""
    out: dict[str, list[list[tuple[str, str, str]]]] = {}
    for batch in _batches(subjects):
        rows = store.rows(
            f"SELECT ?x ?nt WHERE {{ VALUES ?x {{ {' '.join(batch)} }} "
            f"GRAPH ?g {{ ?c <{DKG.describes}> ?x ; <{DKG.ntriples}> ?nt }} FILTER(?g != <{exclude}>) }}")
        for r in rows:
            if r["x"] and r["nt"] is not None:
                out.setdefault(f"<{r['x']}>", []).append(parse_lines(r["nt"]))
    return out


def _batches(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _BATCH):
        yield items[i:i + _BATCH]


def insert_lines(graph_iri: str, lines: list[str], chunk_bytes: int = CHUNK_BYTES,
                 chunk_triples: int = CHUNK_TRIPLES) -> list[str]:
    """INSERT DATA requests for N-Triples ``lines`` into ``graph_iri``, split when large."""
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if current and (size + len(line) > chunk_bytes or len(current) >= chunk_triples):
            chunks.append(current)
            current, size = [], 0
        current.append(line)
        size += len(line)
    if current:
        chunks.append(current)
    return [f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{''.join(c)}}} }}" for c in chunks]
