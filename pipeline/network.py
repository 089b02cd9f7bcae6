"""Actor networks for Gephi and Cytoscape, read from the store with SPARQL (never a second copy).

:func:`build_network` gives the per-fact multigraph described here; :func:`export_network` writes
its weighted form by default, one edge per actor pair and relation kind
(:func:`pipeline.network_aggregate.aggregate`), and the multigraph with ``multigraph=True``.

Nodes are actors (``dkg:NamedEntity``): ``label``, ``type`` (COUNTRY, PERSON, ORGANISATION, PLACE,
MEETING, DOCUMENT, or ACTOR for untyped stubs), ``iri``, ``wikidata`` (QID, when curated),
``documents`` (number of document graphs that mention the actor) and ``href`` (the server path,
when a base IRI is given). Edges carry ``kind``:

- ``event``: two actors of the same ``sem:Event`` (one edge per pair and event, lexically ordered,
  since co-participation has no direction): ``event_type``, ``date``, ``event``, ``documents``.
- ``position``: holder -> each ``dkg:targetActor``, aggregated per (holder, target, stance, date):
  ``stance``, ``date``, ``sentences`` (distinct sentence anchors), ``positions``, ``documents``.
- ``role``: person -> the organisation/country of the post (``org:holds``/``org:postIn``):
  ``role`` (the post's wording), ``posts``, ``documents``.
- ``motion``: submitter -> a motion node. Motions are nodes of type MOTION, not edges, because a
  motion has several submitters and its own life (date, subject). The government's answer
  (``dkg:execution``) is an attribute of the motion node (``execution``, ``answered``), not a node:
  it is text about the motion, not an actor, and a node would only add a dangling leaf.

Every edge has ``weight``, the number of facts behind it (1 per event and motion, ``positions``,
``posts``), and ``directed``: False for ``event`` edges (co-participation has no direction; GEXF
writes them as undirected edges, GraphML and CYJS keep the flag, see the writers).

Time: a dated edge gets ``start``/``end`` (the first and last day its ISO date covers: "2020-10"
-> 2020-10-01..2020-10-31), and a node whose edges are all dated spans its edges, so Gephi's
timeline plays the network (GEXF dynamic mode, ``timeformat="date"``). Undated edges and nodes are
always present. Filters (:class:`NetworkFilters`): a date range keeps only dated edges that overlap
it (roles are undated in the model, so they drop out); a stance keeps only position edges with that
stance, an event type only event edges of that type (both together: the union); ``kinds`` picks
edge kinds; a document keeps the facts derived from it; an actor type keeps actors of that type
(motions stay with their submitters); an actor + depth keeps its ego network (undirected hops;
a motion node counts as one hop).

The SPARQL behind each edge kind is in :data:`NETWORK_QUERIES` as a CONSTRUCT query giving direct
actor-to-actor triples, so a SPARQL client (Gephi's Semantic Web Importer) can pull the same network
from ``/sparql``; :func:`build_network` runs SELECT queries over the very same WHERE patterns.
"""

from __future__ import annotations

import calendar
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from pipeline.contract import EVENT_TYPES, STANCES, ContractError, choose
from pipeline.iris import ONTOLOGY_NS, document_iri
from pipeline.iris import SPARQL_PREFIXES as PREFIXES
from pipeline.network_aggregate import aggregate
from pipeline.sparql_text import is_absolute_iri
from pipeline.store.base import Store

EDGE_KINDS = ("event", "position", "role", "motion")
ACTOR_TYPES = ("COUNTRY", "PERSON", "ORGANISATION", "PLACE", "MEETING", "DOCUMENT", "ACTOR")
# Most specific first: persons carry foaf:Person and schema:Person, meetings schema:Event only.
_CLASS_TYPES = (
    ("http://schema.org/Country", "COUNTRY"),
    ("http://xmlns.com/foaf/0.1/Person", "PERSON"),
    ("http://www.w3.org/ns/org#Organization", "ORGANISATION"),
    ("http://schema.org/Place", "PLACE"),
    ("http://schema.org/Event", "MEETING"),
    ("http://xmlns.com/foaf/0.1/Document", "DOCUMENT"),
)
_WD = "http://www.wikidata.org/entity/"

# The WHERE patterns, shared by the CONSTRUCT (published) and SELECT (used here) forms. `#FILTERS`
# marks where build_network puts the filter clauses; in NETWORK_QUERIES it is just a comment.
_DOC = "OPTIONAL { ?fact prov:wasDerivedFrom ?document . ?document a dkg:Document }"
_WHERE = {
    "event": f"""
  ?fact a sem:Event ; sem:eventType ?type ; sem:hasActor ?source , ?target .
  FILTER(STR(?source) < STR(?target))
  OPTIONAL {{ ?fact sem:hasTimeStamp ?date }}
  {_DOC}
  #FILTERS""",
    "position": f"""
  ?fact a dkg:Position ; dkg:holder ?source ; dkg:stance ?type ; dkg:targetActor ?target .
  OPTIONAL {{ ?fact dcterms:date ?date }}
  OPTIONAL {{ ?fact dkg:anchor ?anchor }}
  {_DOC}
  #FILTERS""",
    "role": f"""
  ?source org:holds ?fact . ?fact org:postIn ?target .
  OPTIONAL {{ ?fact org:role/skos:prefLabel ?role }}
  {_DOC}
  #FILTERS""",
    "motion": f"""
  ?target a opengov:Motion ; schema:creator ?source .
  BIND(?target AS ?fact)
  OPTIONAL {{ ?target dcterms:dateSubmitted ?date }}
  {_DOC}
  #FILTERS""",
}
_CONSTRUCT_TEMPLATES = {
    "event": "?source dkg:coParticipant ?target . ?source ?type ?target .",
    "position": "?source dkg:positionTowards ?target . ?source ?type ?target .",
    "role": "?source org:memberOf ?target .",
    "motion": "?source schema:creator ?target .",
}
#: CONSTRUCT queries behind each edge kind: actor-to-actor triples (event: dkg:coParticipant plus
#: the event type as predicate; position: dkg:positionTowards plus the stance as predicate), for
#: tools that import networks from a SPARQL endpoint. Same WHERE patterns as build_network uses.
NETWORK_QUERIES: dict[str, str] = {
    kind: f"{PREFIXES}CONSTRUCT {{ {_CONSTRUCT_TEMPLATES[kind]} }} WHERE {{{where}\n}}"
    for kind, where in _WHERE.items()
}
_SELECTS = {
    "event": "SELECT DISTINCT ?fact ?source ?target ?type ?date ?document WHERE {{{where}\n}}",
    "position": """SELECT ?source ?target ?type ?date (COUNT(DISTINCT ?anchor) AS ?sentences)
  (COUNT(DISTINCT ?fact) AS ?positions) (GROUP_CONCAT(DISTINCT STR(?document); separator=" ") AS ?documents)
WHERE {{{where}\n}} GROUP BY ?source ?target ?type ?date""",
    "role": """SELECT ?source ?target (SAMPLE(?role) AS ?role) (COUNT(DISTINCT ?fact) AS ?posts)
  (GROUP_CONCAT(DISTINCT STR(?document); separator=" ") AS ?documents)
WHERE {{{where}\n}} GROUP BY ?source ?target""",
    "motion": "SELECT DISTINCT ?source ?target ?date WHERE {{{where}\n}}",
}
# The store describes each actor once (the actors graph); the documents that name it are those
# whose contribution describes it (pipeline.store.shared), counted in a subquery so they never
# multiply the description's rows.
ACTORS_QUERY = f"""{PREFIXES}
SELECT ?actor ?p ?o ?graphs WHERE {{
  ?actor a dkg:NamedEntity ; ?p ?o .
  FILTER(?p IN (rdf:type, skos:prefLabel, rdfs:label, owl:sameAs))
  OPTIONAL {{ SELECT ?actor (COUNT(DISTINCT ?c) AS ?graphs) WHERE {{ ?c dkg:describes ?actor }} GROUP BY ?actor }}
}}"""
MOTIONS_QUERY = f"""{PREFIXES}
SELECT ?motion (SAMPLE(?id) AS ?identifier) (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date)
  (SAMPLE(?s) AS ?subject) (GROUP_CONCAT(DISTINCT ?x; separator="\\n\\n") AS ?execution)
WHERE {{
  ?motion a opengov:Motion .
  OPTIONAL {{ ?motion dcterms:identifier ?id }} OPTIONAL {{ ?motion rdfs:label ?l }}
  OPTIONAL {{ ?motion dcterms:dateSubmitted ?d }} OPTIONAL {{ ?motion dcterms:subject ?s }}
  OPTIONAL {{ ?motion dkg:execution ?x }}
}} GROUP BY ?motion"""

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class NetworkError(ValueError):
    """A filter value that cannot be used (the CLI prints it, the API answers 400)."""


@dataclass(frozen=True)
class NetworkFilters:
    """What to keep. Values are validated here, so nothing unchecked reaches a query."""

    date_from: str | None = None  # ISO date of any precision, inclusive
    date_to: str | None = None
    stance: str | None = None  # e.g. CONDEMNS
    event_type: str | None = None  # e.g. HOSTILITIES
    actor_type: str | None = None  # one of ACTOR_TYPES
    document: str | None = None  # document IRI
    actor: str | None = None  # actor IRI: its ego network
    depth: int = 1
    kinds: tuple[str, ...] = field(default=EDGE_KINDS)

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _DATE.fullmatch(value):  # fullmatch: '$' lets a final newline pass
                what = name.replace("_", " ")
                raise NetworkError(f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        # Enumerations: case-insensitive, stored in their canonical spelling (pipeline.contract).
        for name, allowed in (("stance", STANCES), ("event_type", EVENT_TYPES), ("actor_type", ACTOR_TYPES)):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, choose(value, allowed, name.replace("_", " ")))
                except ContractError as e:
                    raise NetworkError(str(e)) from e
        for name in ("document", "actor"):
            value = getattr(self, name)
            if value is not None and not is_absolute_iri(value):
                raise NetworkError(f"{name} must be an absolute IRI, got {value!r}")
        if not 0 <= self.depth <= 10:
            raise NetworkError(f"depth must be between 0 and 10, got {self.depth}")
        if unknown := set(self.kinds) - set(EDGE_KINDS):
            raise NetworkError(f"unknown edge kind(s) {', '.join(sorted(unknown))}: "
                               f"use {', '.join(EDGE_KINDS)}")
        if self.date_from and self.date_to and interval(self.date_from)[0] > interval(self.date_to)[1]:
            raise NetworkError(f"from ({self.date_from}) is after to ({self.date_to})")


def document_ref(value: str, base: str) -> str:
    """A document given as an IRI or as its identifier (a corpus file stem) -> its IRI."""
    return value if "://" in value or value.startswith("urn:") else document_iri(base, value)


def interval(date: str) -> tuple[str, str]:
    """The first and last day an ISO date of any precision covers: '2020-02' -> 2020-02-01, 2020-02-29."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [0, 0])[:3]
    if day:
        return date, date
    if month:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _filters(kind: str, f: NetworkFilters) -> str:
    """SPARQL filter clauses for one edge kind (values were validated by NetworkFilters)."""
    out = []
    if f.date_from or f.date_to:
        out.append("FILTER(BOUND(?date))")
    # Overlap of intervals compared as ISO text: "2020-10" + "~" sorts after every day of October,
    # so a month overlaps a range starting mid-month, and "2020-10" <= "2020-10-15~".
    if f.date_from:
        out.append(f'FILTER(CONCAT(STR(?date), "~") >= "{f.date_from}")')
    if f.date_to:
        out.append(f'FILTER(STR(?date) <= "{f.date_to}~")')
    if kind == "position" and f.stance:
        out.append(f"FILTER(?type = dkg:stance-{f.stance.upper()})")
    if kind == "event" and f.event_type:
        out.append(f"FILTER(?type = dkg:event-{f.event_type.upper()})")
    if f.document:
        out.append(f"?fact prov:wasDerivedFrom <{f.document}> .")
    return "\n  ".join(out)


def _kinds(f: NetworkFilters) -> list[str]:
    """Edge kinds to query: a stance or event-type filter keeps only the kinds that have one."""
    kinds = [k for k in EDGE_KINDS if k in f.kinds]
    if f.stance or f.event_type:
        kinds = [k for k in kinds if (k == "position" and f.stance) or (k == "event" and f.event_type)]
    if f.date_from or f.date_to:
        kinds = [k for k in kinds if k != "role"]  # posts carry no date in the model
    return kinds


def select_query(kind: str, f: NetworkFilters) -> str:
    """The SELECT query build_network runs for one edge kind under the given filters."""
    where = _WHERE[kind].replace("#FILTERS", _filters(kind, f))
    return PREFIXES + _SELECTS[kind].format(where=where)


def _local(iri: str | None, prefix: str) -> str | None:
    return iri[len(prefix):] if iri and iri.startswith(prefix) else iri


def _actor_nodes(store: Store) -> dict[str, dict[str, Any]]:
    props: dict[str, dict[str, list[str]]] = {}
    documents: dict[str, int] = {}
    dutch: dict[str, str] = {}
    # select(), not rows(): the label's language tag is needed to prefer the Dutch one.
    for b in store.select(ACTORS_QUERY).get("results", {}).get("bindings", []):
        iri, p, o = b["actor"]["value"], b["p"]["value"], b["o"]["value"]
        props.setdefault(iri, {}).setdefault(p.rsplit("#", 1)[-1], []).append(o)
        if p.endswith("#prefLabel") and b["o"].get("xml:lang", "").lower().startswith("nl"):
            dutch.setdefault(iri, o)
        if p.endswith("#type") and o == f"{ONTOLOGY_NS}NamedEntity":
            documents[iri] = int(b.get("graphs", {}).get("value", 0))  # documents that name the actor
    nodes = {}
    for iri, ps in props.items():
        classes = set(ps.get("type", []))
        labels = ps.get("prefLabel") or ps.get("label") or [iri.rsplit("/", 1)[-1]]
        data: dict[str, Any] = {
            "label": dutch.get(iri) or labels[0],
            "type": next((t for c, t in _CLASS_TYPES if c in classes), "ACTOR"),
            "iri": iri,
            "documents": documents.get(iri, 0),
        }
        wikidata = [o for o in ps.get("sameAs", []) if o.startswith(_WD)]
        if wikidata:
            data["wikidata"] = _local(wikidata[0], _WD)
        nodes[iri] = data
    return nodes


def _motion_nodes(store: Store) -> dict[str, dict[str, Any]]:
    nodes = {}
    for r in store.rows(MOTIONS_QUERY):
        iri = r["motion"] or ""
        data = {"label": r["label"] or r["identifier"] or "Motie", "type": "MOTION", "iri": iri,
                "identifier": r["identifier"], "date": r["date"], "subject": r["subject"],
                "execution": r["execution"] or None, "answered": bool(r["execution"])}
        nodes[iri] = {k: v for k, v in data.items() if v is not None}  # GraphML/GEXF take no None
    return nodes


def _edges(store: Store, f: NetworkFilters) -> Iterable[tuple[str, str, dict[str, Any]]]:
    for kind in _kinds(f):
        for r in store.rows(select_query(kind, f)):
            data: dict[str, Any] = {"kind": kind}
            if kind == "event":
                data["event_type"] = _local(r["type"], f"{ONTOLOGY_NS}event-")
                data["event"] = r["fact"]
                data["documents"] = r["document"]
            elif kind == "position":
                data["stance"] = _local(r["type"], f"{ONTOLOGY_NS}stance-")
                data["sentences"] = int(r["sentences"] or 0)
                data["positions"] = int(r["positions"] or 0)
                data["documents"] = r["documents"]
            elif kind == "role":
                data["role"] = r["role"]
                data["posts"] = int(r["posts"] or 0)
                data["documents"] = r["documents"]
            if r.get("date"):
                data["date"] = r["date"]
                data["start"], data["end"] = interval(r["date"])
            # One label line for edge captions and tooltips: what, then when.
            data["weight"] = data.get("positions") or data.get("posts") or 1  # facts behind the edge
            data["directed"] = kind != "event"
            what = data.get("event_type") or data.get("stance") or data.get("role") or kind
            data["label"] = f"{what} {data['date']}" if data.get("date") else str(what)
            yield r["source"] or "", r["target"] or "", {k: v for k, v in data.items() if v not in (None, "")}


def build_network(
    store: Store, filters: NetworkFilters | None = None, base: str | None = None
) -> nx.MultiDiGraph:
    """The per-fact actor network under ``filters``; with ``base``, nodes get ``href`` (their path on the
    server). :func:`pipeline.network_aggregate.aggregate` folds it into one edge per pair and kind."""
    f = filters or NetworkFilters()
    g = nx.MultiDiGraph()
    edges = list(_edges(store, f))
    if not edges and not f.actor:
        return g
    actors = _actor_nodes(store)
    motions = _motion_nodes(store) if any(d["kind"] == "motion" for _, _, d in edges) else {}
    for u, v, data in edges:
        for n in (u, v):
            if n not in g:
                g.add_node(n, **(actors.get(n) or motions.get(n) or {"label": n, "type": "ACTOR", "iri": n}))
        g.add_edge(u, v, **data)
    if f.actor and f.actor not in g and f.actor in actors:
        g.add_node(f.actor, **actors[f.actor])  # an actor without relations is still its own ego network
    if f.actor_type:
        wanted = f.actor_type.upper()
        g.remove_nodes_from([n for n, t in g.nodes(data="type") if t not in (wanted, "MOTION")])
        g.remove_nodes_from([n for n, t in list(g.nodes(data="type")) if t == "MOTION" and not g.degree(n)])
    if f.actor:
        g = nx.MultiDiGraph(nx.ego_graph(g, f.actor, radius=f.depth, undirected=True)) if f.actor in g \
            else nx.MultiDiGraph()
    _time_spans(g)
    if base:
        prefix = base.rstrip("/")
        for _, data in g.nodes(data=True):
            if data["iri"].startswith(prefix + "/"):
                data["href"] = data["iri"][len(prefix):]
    g.graph["filters"] = {k: v for k, v in vars(f).items()
                          if v is not None and k not in ("kinds", "depth")}
    if f.actor:
        g.graph["filters"]["depth"] = f.depth
    return g


def _time_spans(g: nx.MultiDiGraph) -> None:
    """Nodes whose edges are all dated live from their first to their last edge (Gephi's timeline)."""
    for n in g:
        spans = [(d.get("start"), d.get("end")) for _, _, d in g.edges(n, data=True)]
        spans += [(d.get("start"), d.get("end")) for _, _, d in g.in_edges(n, data=True)]
        if spans and all(s for s, _ in spans):
            g.nodes[n]["start"] = min(s for s, _ in spans)
            g.nodes[n]["end"] = max(e for _, e in spans)


# -- writers ------------------------------------------------------------------------------------


class _GexfWriter(GEXFWriter):
    """networkx's GEXF writer, with what the 1.3 schema and Gephi need and networkx 3.x does not write."""

    def set_version(self, version: str) -> None:
        super().set_version(version)
        # Without "www." xsi:schemaLocation is an unknown attribute to the schema.
        self.NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

    def add_attributes(self, node_or_edge, xml_obj, data, default):
        if node_or_edge == "edge":
            # The per-pair multigraph key ('networkx_key'): the library's bookkeeping, not a property of
            # the relation, and noise in Gephi's data table. Edge ids stay unique without it.
            data.pop("key", None)
        return super().add_attributes(node_or_edge, xml_obj, data, default)

    def add_graph(self, G) -> None:
        super().add_graph(G)
        graph = self.graph_element
        if not graph.get("name"):
            del graph.attrib["name"]  # name="" is refused by the schema
        types = {t for *_, t in G.edges(data="type")}
        # Gephi drops an edge whose type differs from defaultedgetype; without it the graph is mixed.
        if types == {"undirected"}:
            graph.set("defaultedgetype", "undirected")
        elif len(types) > 1:
            del graph.attrib["defaultedgetype"]
        # GEXF 1.3's edge kind: Gephi's edge type, so an event and a position between one pair stay two
        # edges instead of being merged as parallel ones.
        for element, (*_, kind) in zip(graph.iter("edge"), G.edges(data="kind"), strict=True):
            element.set("kind", str(kind))


def to_gexf(g: nx.MultiDiGraph) -> bytes:
    """GEXF 1.3; dynamic mode with ``timeformat="date"`` when any node or edge has a date. Each edge has
    ``type`` (undirected for events) and ``kind``; an edge with ``spells`` (the weighted network) is
    present during those, one with ``start``/``end`` (the multigraph) during that interval."""
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    for u, v, k, data in g.edges(keys=True, data=True):
        data = dict(data)
        data["type"] = "directed" if data.pop("directed", True) else "undirected"
        if "spells" in data:  # the spells say when; start/end beside them would contradict gaps
            data.pop("start", None)
            data.pop("end", None)
        h.add_edge(u, v, key=k, **data)
    writer = _GexfWriter(encoding="utf-8", version="1.3")
    writer.add_graph(h)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def to_graphml(g: nx.MultiDiGraph) -> bytes:
    """GraphML; dates are plain attributes (``date``, ``dates``, ``start``, ``end``); no None values by
    construction. Every edge is written directed, events in IRI order with ``directed`` false as data:
    GraphML's per-edge directed="false" makes networkx refuse the file and Gephi drop those edges."""
    # GraphML ids are NMTOKENs (no "/"), so IRIs cannot be ids: number the nodes, the IRI stays in `iri`.
    # Edge ids must be unique in the document: networkx writes the edge key as the id, so number the
    # keys too (the kind, the weighted network's key, is an attribute anyway). The filters dict of
    # g.graph is no GraphML value and is left out.
    ids = {n: f"n{i}" for i, n in enumerate(g)}
    h = nx.MultiDiGraph()
    h.add_nodes_from((ids[n], data) for n, data in g.nodes(data=True))
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        # spells are a list, which GraphML has not; start/end and dates say the same
        h.add_edge(ids[u], ids[v], key=f"e{i}", **{k: x for k, x in data.items() if k != "spells"})
    out = io.BytesIO()
    # Default key ids (d0, d1...): named ids clash when nodes and edges share an attribute name.
    nx.write_graphml(h, out, encoding="utf-8")
    return out.getvalue()


def to_cyjs_bytes(g: nx.MultiDiGraph) -> bytes:
    return json.dumps(to_cyjs(g), ensure_ascii=False).encode("utf-8")


#: format name -> (writer to bytes, media type); shared by the CLI and the HTTP routes.
NETWORK_FORMATS: dict[str, tuple[Callable[[nx.MultiDiGraph], bytes], str]] = {
    "gexf": (lambda g: to_gexf(g), "application/gexf+xml"),
    "graphml": (lambda g: to_graphml(g), "application/graphml+xml"),
    "cyjs": (lambda g: to_cyjs_bytes(g), "application/json"),
}


def export_network(
    store: Store, fmt: str, filters: NetworkFilters | None = None, base: str | None = None,
    multigraph: bool = False,
) -> bytes:
    """The actor network in ``fmt`` (gexf, graphml or cyjs): weighted, one edge per pair and kind, or
    with ``multigraph`` one edge per fact."""
    if fmt not in NETWORK_FORMATS:
        raise NetworkError(f"unknown network format {fmt!r}: use one of {', '.join(NETWORK_FORMATS)}")
    g = build_network(store, filters, base)
    return NETWORK_FORMATS[fmt][0](g if multigraph else aggregate(g))


def to_cyjs(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js JSON, ``{"elements": {"nodes", "edges"}}``, as Cytoscape desktop and
    ``nx.cytoscape_graph`` read it (``name``/``value`` for networkx, ``key`` for parallel edges: the
    kind in the weighted network). Undirected edges carry ``directed`` false; ``spells`` are left out
    (``dates``, ``start`` and ``end`` say when)."""
    nodes = [{"data": {**data, "id": n, "name": data.get("label", n), "value": n}}
             for n, data in g.nodes(data=True)]
    edges = [
        {"data": {**{a: b for a, b in data.items() if a != "spells"},
                  "id": f"e{i}", "source": u, "target": v, "key": k}}
        for i, (u, v, k, data) in enumerate(g.edges(keys=True, data=True))
    ]
    return {
        "data": {"name": "diplokg actor network",
                 **{f"filter_{k}": v for k, v in g.graph.get("filters", {}).items()}},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
