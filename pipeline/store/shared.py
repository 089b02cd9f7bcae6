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

Keeping a description current (:func:`plan`), per subject a write touches:

* **added to**: every document that changes what it says about the subject said nothing about it
  before (a new document, the common case of a build). The new description is the stored one
  merged with the new contributions. :func:`merge` is a union plus monotone choices (the highest,
  the lowest, the least label of the preferred sources), so merging into the merged description
  gives what merging every contribution again would: the cost of a write does not grow with the
  number of documents that name the actor before it.
* **replaced or deleted**: a document's earlier contribution is taken back, which a union cannot
  undo, so the description is recomputed from the contributions of all documents that still
  describe it. An actor only a deleted document named disappears; one named elsewhere stays, with
  exactly what the remaining documents say.

Several documents can be written in one request (:func:`replace_documents`, what ``diplokg build``
does in batches): each shared subject is then merged once per batch, and a batch gives the store a
build one document at a time gives. The SHACL gate sees the document before the split
(:func:`document_view` rebuilds it from the store), so the shapes are unchanged.

Contributions and descriptions are compared as canonical N-Triples terms (pyoxigraph's), whatever
store or serializer wrote them. Writes go through ``Store.update_all``: one request (one
transaction) on the embedded store.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
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
_PREF, _ALT, _LABEL, _TYPE, _POST = (f"<{SKOS.prefLabel}>", f"<{SKOS.altLabel}>", f"<{RDFS.label}>",
                                     f"<{RDF.type}>", f"<{ORG.Post}>")
_BOOLEAN = f"^^<{XSD.boolean}>"
# Virtuoso gives xsd:boolean true back as "1": a description read from it must still count as linked.
_TRUE = frozenset({f'"true"{_BOOLEAN}', f'"1"{_BOOLEAN}'})
_MAX_P = frozenset(f"<{p}>" for p in _MAX)
_MIN_P = frozenset(f"<{p}>" for p in _MIN)
_LINKED_P = f"<{DKG.linked}>"
_LOCAL_P = frozenset(f"<{p}>" for p in LOCAL_PREDICATES)
_DESCRIBES, _NTRIPLES = f"<{DKG.describes}>", f"<{DKG.ntriples}>"
_CONTRIBUTION = f"<{DKG.Contribution}>"
# Batches of IRIs per VALUES clause (stores cope with far more; this keeps requests readable).
_BATCH = 200
# Above this an INSERT DATA is split (Virtuoso and Fuseki take a few MB per request) ...
CHUNK_BYTES = 4_000_000
# ... or above this many triples: Virtuoso 7 compiles an INSERT DATA to SQL and refuses one of some
# 1,500 triples ("SP031: the length of generated SQL text has exceeded 10000 lines").
CHUNK_TRIPLES = 1_000

Triple = tuple[str, str, str]  # subject, predicate, object in (canonical) N-Triples syntax

# Read, merge and write are one step per process: two uploads touching one actor must not
# interleave. (Writers in several processes against one remote store are not serialised.)
_LOCK = threading.Lock()


@dataclass
class SplitDocument:
    """A document graph as it is stored: its own lines and what it says about each shared subject.

    A document with neither is a deletion. Made by :func:`split` (in a build: in the extraction
    worker, so the process that writes only merges and writes).
    """

    graph_iri: str
    local: list[str] = field(default_factory=list)  # N-Triples lines, contribution nodes included
    parts: dict[str, str] = field(default_factory=dict)  # <subject> -> sorted N-Triples of its contribution


def actors_graph_for(graph_iri: str) -> str:
    """The shared graph beside a document graph ``<base>/graph/<doc>``."""
    base, sep, _ = graph_iri.rpartition("/graph/")
    if not sep:
        raise ValueError(f"{graph_iri} is not a document graph (<base>/graph/<doc>)")
    return f"{base}/graph/actors"


def contribution_iri(graph_iri: str, subject: Node | str) -> URIRef:
    return URIRef(f"{graph_iri}/contribution/{hashlib.sha1(str(subject).encode()).hexdigest()[:16]}")


def shared_subjects(g: Graph) -> set[URIRef]:
    found = {s for cls in SHARED_CLASSES for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    # An unnumbered motion is minted per document (<base>/id/motion/<doc>-<n>): it stays local.
    found |= {m for m in g.subjects(RDF.type, OPENGOV.Motion)
              if isinstance(m, URIRef) and g.value(m, DCTERMS.identifier) is not None}
    return found


def _nt_string(text: str) -> str:
    """A string literal in N-Triples syntax."""
    return str(ox.Literal(text))


def parse_lines(ntriples: str | bytes) -> list[Triple]:
    """(subject, predicate, object) in canonical N-Triples syntax, one per triple of ``ntriples``.

    Canonical: pyoxigraph writes every term back, so one term has one spelling whichever
    serializer or store wrote it (escapes, language-tag case, explicit xsd:string).
    """
    data = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
    return [(str(t.subject), str(t.predicate), str(t.object))
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def split(g: Graph | None, graph_iri: str) -> SplitDocument:
    """The document graph ``g`` as it is stored (``None``: the document is deleted)."""
    if g is None:
        return SplitDocument(graph_iri)
    if any(not isinstance(t, (URIRef, Literal)) for triple in g for t in triple):
        g = g.skolemize()  # a blank node's label would not survive the trip through dkg:ntriples
    shared = {s.n3() for s in shared_subjects(g)}
    local: list[str] = []
    contributions: dict[str, list[str]] = {}
    for s, p, o in parse_lines(g.serialize(format="nt", encoding="utf-8")):
        if p in (_DESCRIBES, _NTRIPLES) or (p == _TYPE and o == _CONTRIBUTION):
            continue  # old bookkeeping sent back (a Graph Store round trip) is recomputed
        if s in shared and p not in _LOCAL_P:
            contributions.setdefault(s, []).append(f"{s} {p} {o} .")
        else:
            local.append(f"{s} {p} {o} .\n")
    parts = {x: "\n".join(sorted(lines)) + "\n" for x, lines in contributions.items()}
    for subject, text in parts.items():
        node = f"<{contribution_iri(graph_iri, subject[1:-1])}>"
        local.append(f"{node} {_TYPE} {_CONTRIBUTION} .\n")
        local.append(f"{node} {_DESCRIBES} {subject} .\n")
        local.append(f"{node} {_NTRIPLES} {_nt_string(text)} .\n")
    return SplitDocument(graph_iri, local, parts)


def merge(parts: list[list[Triple]]) -> set[Triple]:
    """One description from what each document says about a subject (each part: its triples).

    A set union, except where the model wants one value: dkg:linked (true if any document links
    it), confidence and last attestation (the highest), first attestation and end (the lowest), and one
    skos:prefLabel per language (from a gazetteer-linked description when there is one; the other
    wordings become skos:altLabel). A post has one rdfs:label. Works on N-Triples terms (strings),
    so merging builds no RDF graph.

    Every choice is a union or a monotone pick, so a merged description can stand in for the parts
    it came from: ``merge([merge(a), *b]) == merge(a + b)`` (the incremental path of :func:`plan`).
    """
    linked = [part for part in parts if any(p == _LINKED_P and o in _TRUE for _, p, o in part)]
    sources = {id(part) for part in (linked or parts)}
    out: set[Triple] = set()
    pref: dict[str, set[str]] = {}
    single: dict[str, list[str]] = {}
    subject = ""
    for part in parts:
        for s, p, o in part:
            subject = s
            if p == _PREF:
                if id(part) in sources:
                    at = o.rfind('"@')
                    pref.setdefault(o[at + 2:].lower() if at >= 0 else "", set()).add(o)
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


def _order(term: str) -> tuple[int, float, str, str]:
    """Numbers and booleans by value; everything else as text (ISO dates of any precision). The
    term itself breaks ties ("0.9" and "0.90"), so the pick never depends on the order of the parts."""
    lexical = term[1:term.rfind('"')] if term.startswith('"') else term
    if term.endswith(_NUMERIC):
        return (0, float(lexical), "", term)
    if term.endswith(_BOOLEAN):
        return (0, float(lexical in ("true", "1")), "", term)
    return (1, 0.0, lexical, term)


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
    return replace_documents(store, [split(graph, graph_iri)])


def replace_documents(store, documents: list[SplitDocument]) -> int:
    """Store (or delete) several documents in one request; returns the triples their graphs hold."""
    if not documents:
        return 0
    with _LOCK:
        ops = plan(store, documents)
        store.update_all(ops)
    return sum(len(d.local) for d in documents)


def plan(store, documents: list[SplitDocument]) -> list[str]:
    """The updates that store ``documents`` (each graph replaced whole) and refresh the shared graph."""
    iris = [d.graph_iri for d in documents]
    if len(set(iris)) < len(iris):
        raise ValueError("a document appears twice in one batch; write them in two")
    ops: list[str] = []
    by_actors: dict[str, list[SplitDocument]] = {}
    for d in documents:
        actors = actors_graph_for(d.graph_iri)
        if d.graph_iri == actors:
            raise ValueError(f"{d.graph_iri} is the shared actors graph, kept from the documents; not a document")
        by_actors.setdefault(actors, []).append(d)
    for actors, docs in by_actors.items():
        ops += _plan_descriptions(store, actors, docs)
    for d in documents:
        ops.append(f"DROP SILENT GRAPH <{d.graph_iri}>")
        ops += insert_lines(d.graph_iri, d.local)
    return ops


def _plan_descriptions(store, actors: str, docs: list[SplitDocument]) -> list[str]:
    """The updates that bring the descriptions in ``actors`` up to date with ``docs``."""
    old = _stored_contributions(store, [d.graph_iri for d in docs])
    added: dict[str, list[list[Triple]]] = {}  # subject -> the new contributions to merge in
    recompute: set[str] = set()
    for d in docs:
        before = old.get(d.graph_iri, {})
        for x in set(before) | set(d.parts):
            if before.get(x) == d.parts.get(x):
                continue  # described exactly as before (a rebuild of the same text): nothing to merge
            if x in before:
                recompute.add(x)  # a contribution is taken back: only a recompute undoes it
            else:
                added.setdefault(x, []).append(parse_lines(d.parts[x]))
    touched = sorted(recompute | set(added))
    parts: dict[str, list[list[Triple]]] = {}
    if recompute:
        batch = {d.graph_iri for d in docs}
        parts = _contributions(store, sorted(recompute), batch)
        for d in docs:  # this batch's contributions, as they are about to be stored
            for x in recompute & set(d.parts):
                parts.setdefault(x, []).append(parse_lines(d.parts[x]))
    current = _descriptions(store, actors, sorted(set(added) - recompute))
    for x, new in added.items():
        if x not in recompute:
            parts[x] = ([current[x]] if x in current else []) + new
    lines = [f"{s} {p} {o} .\n" for x in touched if parts.get(x) for s, p, o in sorted(merge(parts[x]))]
    ops = [f"DELETE {{ GRAPH <{actors}> {{ ?x ?p ?o }} }} WHERE {{ GRAPH <{actors}> {{ VALUES ?x {{ "
           f"{' '.join(batch)} }} ?x ?p ?o }} }}" for batch in _batches(touched)]
    return ops + insert_lines(actors, lines)


def _stored_contributions(store, graphs: list[str]) -> dict[str, dict[str, str]]:
    """{document graph: {<subject>: its stored contribution}} for ``graphs``."""
    out: dict[str, dict[str, str]] = {}
    for batch in _batches([f"<{g}>" for g in graphs]):
        for r in store.rows(f"SELECT ?g ?x ?nt WHERE {{ VALUES ?g {{ {' '.join(batch)} }} "
                            f"GRAPH ?g {{ ?c <{DKG.describes}> ?x ; <{DKG.ntriples}> ?nt }} }}"):
            if r["g"] and r["x"]:
                out.setdefault(r["g"], {})[f"<{r['x']}>"] = r["nt"] or ""
    return out


def _contributions(store, subjects: list[str], exclude: set[str]) -> dict[str, list[list[Triple]]]:
    """What every document graph but ``exclude`` says about ``subjects`` (IRIs in N-Triples syntax)."""
    out: dict[str, list[list[Triple]]] = {}
    for batch in _batches(subjects):
        rows = store.rows(
            f"SELECT ?g ?x ?nt WHERE {{ VALUES ?x {{ {' '.join(batch)} }} "
            f"GRAPH ?g {{ ?c <{DKG.describes}> ?x ; <{DKG.ntriples}> ?nt }} }}")
        for r in rows:
            if r["x"] and r["nt"] is not None and r["g"] not in exclude:
                out.setdefault(f"<{r['x']}>", []).append(parse_lines(r["nt"]))
    return out


def _descriptions(store, actors: str, subjects: list[str]) -> dict[str, list[Triple]]:
    """The stored descriptions of ``subjects`` in the shared graph, as canonical triples."""
    out: dict[str, list[Triple]] = {}
    for batch in _batches(subjects):
        body, _ = store.query_raw(
            f"CONSTRUCT {{ ?x ?p ?o }} WHERE {{ GRAPH <{actors}> {{ VALUES ?x {{ {' '.join(batch)} }} ?x ?p ?o }} }}",
            "application/n-triples")
        for triple in parse_lines(body):
            out.setdefault(triple[0], []).append(triple)
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
