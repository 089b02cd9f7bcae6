"""What the linked-data pages show: the SPARQL behind each section and the shaping of its rows.

Kept apart from ``api.linked_data`` (routes, negotiation) so that each stays readable. Every query
takes a *scope* pattern binding ``?fact`` (and ``?role``): "the positions this actor holds" and "the
positions of this document" are the same query with a different first line.

Rows are SPARQL JSON bindings (``{"type": "uri"|"literal", "value": ..., "xml:lang": ...}``) so the
templates can tell an IRI (a link) from a literal (text).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef

from pipeline.config import ONTOLOGY_DIR
from pipeline.iris import ONTOLOGY_NS
from pipeline.rdf import PREFIXES, provenance_query

Row = dict[str, dict[str, str]]
Select = Callable[[str], list[Row]]

CURIE_PREFIXES = {**{p: str(ns) for p, ns in PREFIXES.items()}, "rdf": str(RDF), "rdfs": str(RDFS),
                  "xsd": str(XSD)}
DKG = ONTOLOGY_NS
T_DOCUMENT = DKG + "Document"
T_ENTITY = DKG + "NamedEntity"
T_MOTION = "http://www.w3.org/ns/opengov#Motion"
T_ANCHOR = DKG + "SentenceAnchor"
LABEL_PROPS = ("http://www.w3.org/2004/02/skos/core#prefLabel", str(RDFS.label),
               "http://purl.org/dc/terms/title")
HIDDEN_OUT = {str(RDF.type), *LABEL_PROPS, "http://www.w3.org/2004/02/skos/core#altLabel",
              "http://www.w3.org/2002/07/owl#sameAs"}
INCOMING_SHOWN = 25  # per predicate; the rest is counted, not listed

# (key, heading) in page order; a section is shown when page_data returns rows for it.
PAGE_SECTIONS = (
    ("roles", "Roles"), ("members", "Posts in this organisation"), ("positions", "Positions"),
    ("events", "Events"), ("motions", "Motions"), ("mentioned_in", "Mentioned in"),
    ("actors", "Actors mentioned"),
)

# The sentence (as prepared) and its document, for any ?fact; optionally only from one document.
_SOURCE = """OPTIONAL {{ ?fact dkg:anchor ?anchor . ?anchor rdf:value ?sentence ; prov:wasQuotedFrom ?doc .
    {doc_filter} OPTIONAL {{ ?doc dcterms:title ?title }} }}"""

# A page shows at most this many facts per section (the next ones are one ?page= further), so an
# actor in thousands of facts gets a page as large as one in a hundred.
PAGE_SIZE = 100


def _source(doc: str | None) -> str:
    return _SOURCE.format(doc_filter=f"FILTER(?doc = {doc})" if doc else "")


def _facts(scope: str, kind: str, key: str, page: int) -> str:
    """A sub-select of one page of facts: ``scope`` facts matching ``kind``, ordered by the smallest
    value ``key`` binds to ?k (then by IRI), PAGE_SIZE + 1 of them (the one past tells there is more)."""
    return f"""{{ SELECT ?fact (MIN(STR(?k)) AS ?key) WHERE {{ {scope} {kind} {key} }}
    GROUP BY ?fact ORDER BY ?key ?fact LIMIT {PAGE_SIZE + 1} OFFSET {(page - 1) * PAGE_SIZE} }}"""


def positions_query(scope: str, doc: str | None = None, page: int = 1) -> str:
    return f"""SELECT DISTINCT ?fact ?role ?holder ?stance ?target ?date ?sentence ?doc ?title WHERE {{
  {_facts(scope, "?fact a dkg:Position ; dkg:stance ?s .", "", page)}
  {scope}
  ?fact a dkg:Position ; dkg:stance ?stance .
  OPTIONAL {{ ?fact dkg:holder ?holder }} OPTIONAL {{ ?fact dkg:target ?target }}
  OPTIONAL {{ ?fact dcterms:date ?date }}
  {_source(doc)}
}} ORDER BY ?key ?fact ?role ?doc"""


def events_query(scope: str, doc: str | None = None, page: int = 1) -> str:
    return f"""SELECT DISTINCT ?fact ?role ?type ?date ?description ?actor ?place ?sentence ?doc ?title
WHERE {{
  {_facts(scope, "?fact a sem:Event ; sem:eventType ?t .", "OPTIONAL { ?fact sem:hasTimeStamp ?k }", page)}
  {scope}
  ?fact a sem:Event ; sem:eventType ?type .
  OPTIONAL {{ ?fact sem:hasTimeStamp ?date }} OPTIONAL {{ ?fact dcterms:description ?description }}
  OPTIONAL {{ ?fact sem:hasActor ?actor }} OPTIONAL {{ ?fact sem:hasPlace ?place }}
  {_source(doc)}
}} ORDER BY ?key ?fact ?doc"""


def motions_query(scope: str, doc: str | None = None, page: int = 1) -> str:
    return f"""SELECT DISTINCT ?fact ?role ?identifier ?date ?subject ?execution ?submitter
  ?sentence ?doc ?title WHERE {{
  {_facts(scope, "?fact a opengov:Motion .", "OPTIONAL { ?fact dcterms:identifier ?k }", page)}
  {scope}
  ?fact a opengov:Motion .
  OPTIONAL {{ ?fact dcterms:identifier ?identifier }} OPTIONAL {{ ?fact dcterms:dateSubmitted ?date }}
  OPTIONAL {{ ?fact dcterms:subject ?subject }} OPTIONAL {{ ?fact dkg:execution ?execution }}
  OPTIONAL {{ ?fact schema:creator ?submitter }}
  {_source(doc)}
}} ORDER BY ?key ?fact"""


def posts_query(scope: str, doc: str | None = None, page: int = 1) -> str:
    return f"""SELECT DISTINCT ?fact ?role ?person ?office ?org ?postlabel ?sentence ?doc ?title WHERE {{
  {_facts(scope, "?fact a org:Post .", "OPTIONAL { ?k org:holds ?fact }", page)}
  {scope}
  ?fact a org:Post .
  OPTIONAL {{ ?person org:holds ?fact }} OPTIONAL {{ ?fact org:role ?office }}
  OPTIONAL {{ ?fact org:postIn ?org }} OPTIONAL {{ ?fact rdfs:label ?postlabel }}
  {_source(doc)}
}} ORDER BY ?key ?fact"""


def documents_query() -> str:
    return """SELECT DISTINCT ?document ?title ?date ?kind (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?document a dkg:Document .
  OPTIONAL { ?document dcterms:title ?title } OPTIONAL { ?document dcterms:date ?date }
  OPTIONAL { ?document dkg:documentKind ?kind }
  OPTIONAL { ?fact prov:wasDerivedFrom ?document ; a dkg:Statement .
             FILTER NOT EXISTS { ?fact a dkg:Mention } }
} GROUP BY ?document ?title ?date ?kind ORDER BY ?date ?document"""


_EXAMPLES = (
    ("Countries linked to Wikidata", """SELECT ?country ?label ?wikidata WHERE {
  ?country a schema:Country ; skos:prefLabel ?label ; owl:sameAs ?wikidata .
  FILTER(LANG(?label) = "nl")
} ORDER BY ?label"""),
    ("Positions with the sentence they rest on", """SELECT ?holderLabel ?stance ?target ?sentence WHERE {
  ?position a dkg:Position ; dkg:holder ?holder ; dkg:stance ?stance ; dkg:target ?target ;
            dkg:anchor/rdf:value ?sentence .
  ?holder rdfs:label ?holderLabel .
} LIMIT 50"""),
    ("Events per type", """SELECT ?type (COUNT(?event) AS ?events) WHERE {
  ?event a sem:Event ; sem:eventType ?type .
} GROUP BY ?type ORDER BY DESC(?events)"""),
    ("Motions and who submitted them", """SELECT ?motion ?date ?subject
  (GROUP_CONCAT(?name; separator=", ") AS ?submitters) WHERE {
  ?motion a opengov:Motion ; dcterms:identifier ?motion_id .
  OPTIONAL { ?motion dcterms:dateSubmitted ?date } OPTIONAL { ?motion dcterms:subject ?subject }
  OPTIONAL { ?motion schema:creator/rdfs:label ?name }
} GROUP BY ?motion ?date ?subject ORDER BY ?date"""),
    ("Who holds which post", """SELECT ?person ?post WHERE {
  ?p org:holds ?x . ?x rdfs:label ?post . ?p rdfs:label ?person .
} ORDER BY ?person"""),
)


def examples(base: str) -> list[dict[str, str]]:
    """Example queries, each with the editor link that opens it (YASGUI reads ``#query=``)."""
    del base  # the queries use the ontology namespace, which does not depend on the data's base
    used = ("dkg", "rdf", "rdfs", "skos", "owl", "schema", "sem", "org", "opengov", "dcterms", "prov")
    out = []
    for title, body in _EXAMPLES:
        names = [p for p in used if f"{p}:" in body]
        head = "".join(f"PREFIX {p}: <{CURIE_PREFIXES[p]}>\n" for p in names)
        query = head + "\n" + body
        out.append({"title": title, "query": query,
                    "href": "/sparql#query=" + urllib.parse.quote(query, safe="")})
    return out


# -- rows -> page data -------------------------------------------------------------------------------


def group(rows: list[Row], multi: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """One item per ?fact: its first row's values, ``multi`` columns as lists, sentences as ``sources``."""
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = r["fact"]["value"]
        item = items.get(key)
        if item is None:
            item = items[key] = {k: v for k, v in r.items() if k not in multi}
            item.update({m: [] for m in multi})
            item["sources"] = []
        for m in multi:
            if m in r and r[m] not in item[m]:
                item[m].append(r[m])
        if "sentence" in r:
            src = {"sentence": r["sentence"], "doc": r.get("doc"), "title": r.get("title")}
            if src not in item["sources"]:
                item["sources"].append(src)
    return list(items.values())


def _window(page: int) -> str:
    return f"LIMIT {PAGE_SIZE + 1} OFFSET {(page - 1) * PAGE_SIZE}"


def page_data(select: Select, iri: str, base: str, page: int = 1) -> dict[str, Any] | None:
    """Everything resource.html shows about ``iri``; None when the store knows nothing about it.

    Sections list PAGE_SIZE facts of page ``page``; ``more`` names the sections with a next page.
    """
    ref = f"<{iri}>"
    out = select(f"SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o LIMIT 2000")
    incoming = select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {ref} FILTER(?p != dkg:mentionOf) }} "
                      "ORDER BY ?p ?s LIMIT 2000")
    mentions = select(f"""SELECT ?doc ?title (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?m dkg:mentionOf {ref} ; prov:wasDerivedFrom ?doc . ?doc a dkg:Document .
  OPTIONAL {{ ?doc dcterms:title ?title }} }} GROUP BY ?doc ?title ORDER BY DESC(?n) ?doc {_window(page)}""")
    if not out and not incoming and not mentions:
        return None
    types = [o["o"]["value"] for o in out if o["p"]["value"] == str(RDF.type)]
    data: dict[str, Any] = {
        "types": types,
        "own_labels": _own_labels(out),
        "same_as": [o["o"]["value"] for o in out if o["p"]["value"] == "http://www.w3.org/2002/07/owl#sameAs"],
        "properties": [o for o in out if o["p"]["value"] not in HIDDEN_OUT],
        "incoming": _incoming(incoming),
        "is_actor": T_ENTITY in types,
        "kind": _kind(types),
    }
    if T_ENTITY in types:
        data["roles"] = group(select(posts_query(f"{ref} org:holds ?fact .", page=page)))
        data["members"] = group(select(posts_query(f"?fact org:postIn {ref} .", page=page)))
        data["positions"] = group(select(positions_query(
            f'{{ ?fact dkg:holder {ref} BIND("holder" AS ?role) }} UNION '
            f'{{ ?fact dkg:targetActor {ref} BIND("target" AS ?role) }}', page=page)))
        data["events"] = group(select(events_query(
            f'{{ ?fact sem:hasActor {ref} BIND("participant" AS ?role) }} UNION '
            f'{{ ?fact sem:hasPlace {ref} BIND("place" AS ?role) }}', page=page)), multi=("actor",))
        data["motions"] = group(select(motions_query(f"?fact schema:creator {ref} .", page=page)),
                                multi=("submitter",))
        data["mentioned_in"] = mentions
    if T_DOCUMENT in types:
        scope = f"?fact prov:wasDerivedFrom {ref} ."
        data["positions"] = group(select(positions_query(scope, ref, page)))
        data["events"] = group(select(events_query(scope, ref, page)), multi=("actor",))
        data["motions"] = group(select(motions_query(scope, ref, page)), multi=("submitter",))
        data["roles"] = group(select(posts_query(scope, ref, page)))
        data["actors"] = select(f"""SELECT ?actor (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?m dkg:mentionOf ?actor ; prov:wasDerivedFrom {ref} . }} GROUP BY ?actor ORDER BY DESC(?n) ?actor {_window(page)}""")
    if T_MOTION in types:
        motion = group(select(motions_query(f"VALUES ?fact {{ {ref} }}")), multi=("submitter",))
        data["motion"] = motion[0] if motion else None
    if any(o["p"]["value"] == DKG + "anchor" for o in out):
        data["provenance"] = select(provenance_query(iri))
    if T_ANCHOR in types:
        data["sentence"] = next((o["o"] for o in out if o["p"]["value"] == str(RDF.value)), None)
    # One row past the page was asked for: where it came, there is a next page.
    data["more"] = {key for key, _ in PAGE_SECTIONS if len(data.get(key) or ()) > PAGE_SIZE}
    for key in data["more"]:
        data[key] = data[key][:PAGE_SIZE]
    data["page"] = page
    data["link_labels"] = link_labels(select, [data, out, incoming])
    data["sections"] = [(key, heading, data[key]) for key, heading in PAGE_SECTIONS if data.get(key)]
    return data


# The RDF of /id/...: at most this many triples from the resource and as many to it per ?page=.
RDF_PAGE_SIZE = 1000
_LABELS = "skos:prefLabel, rdfs:label, dcterms:title"


def description(select: Select, iri: str, page: int = 1) -> tuple[Graph, bool]:
    """The resource's triples both ways (page ``page`` of RDF_PAGE_SIZE each way) plus the labels
    of the resources they link; and whether a next page has more. SELECTs, not CONSTRUCT or
    DESCRIBE: DESCRIBE's shape differs between stores, and a CONSTRUCT cannot tell there is more."""
    ref, window = f"<{iri}>", f"LIMIT {RDF_PAGE_SIZE + 1} OFFSET {(page - 1) * RDF_PAGE_SIZE}"
    out = select(f"SELECT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o {window}")
    incoming = select(f"SELECT ?s ?p WHERE {{ ?s ?p {ref} }} ORDER BY ?p ?s {window}")
    more = len(out) > RDF_PAGE_SIZE or len(incoming) > RDF_PAGE_SIZE
    g, node = Graph(), URIRef(iri)
    linked: set[str] = set()
    for r in out[:RDF_PAGE_SIZE]:
        g.add((node, URIRef(r["p"]["value"]), rdf_term(r["o"])))
        if r["o"]["type"] == "uri":
            linked.add(r["o"]["value"])
    for r in incoming[:RDF_PAGE_SIZE]:
        g.add((rdf_term(r["s"]), URIRef(r["p"]["value"]), node))
        if r["s"]["type"] == "uri":
            linked.add(r["s"]["value"])
    linked = {i for i in linked if ">" not in i and i != iri}
    for chunk in (sorted(linked)[i:i + 400] for i in range(0, len(linked), 400)):
        values = " ".join(f"<{i}>" for i in chunk)
        for r in select(f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?l FILTER(?p IN ({_LABELS})) }}"):
            g.add((URIRef(r["s"]["value"]), URIRef(r["p"]["value"]), rdf_term(r["l"])))
    return g, more


def rdf_term(b: dict[str, str]) -> URIRef | BNode | Literal:
    """An rdflib term from its SPARQL JSON results form."""
    if b["type"] == "uri":
        return URIRef(b["value"])
    if b["type"] == "bnode":
        return BNode(b["value"])
    return Literal(b["value"], lang=b.get("xml:lang"), datatype=URIRef(b["datatype"]) if "datatype" in b else None)


def _kind(types: list[str]) -> str:
    for t, name in ((T_DOCUMENT, "document"), (T_ENTITY, "actor"), (T_MOTION, "motion"),
                    (T_ANCHOR, "anchor"), (DKG + "Position", "position"),
                    ("http://semanticweb.cs.vu.nl/2009/11/sem/Event", "event"),
                    ("http://www.w3.org/ns/org#Post", "post"), (DKG + "Mention", "mention")):
        if t in types:
            return name
    return "resource"


def _own_labels(out: list[Row]) -> list[dict[str, str]]:
    """prefLabels (one per language) first, then other labels; each once."""
    seen, labels = set(), []
    for prop in (*LABEL_PROPS, "http://www.w3.org/2004/02/skos/core#altLabel"):
        for o in out:
            if o["p"]["value"] == prop and (o["o"]["value"], o["o"].get("xml:lang")) not in seen:
                seen.add((o["o"]["value"], o["o"].get("xml:lang")))
                labels.append({"value": o["o"]["value"], "lang": o["o"].get("xml:lang", ""),
                               "alt": prop.endswith("altLabel")})
    return labels


def _incoming(rows: list[Row]) -> list[dict[str, Any]]:
    by_p: dict[str, list[Row]] = {}
    for r in rows:
        by_p.setdefault(r["p"]["value"], []).append(r["s"])
    return [{"p": p, "subjects": subs[:INCOMING_SHOWN], "more": max(0, len(subs) - INCOMING_SHOWN)}
            for p, subs in by_p.items()]


def _iris(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        if value.get("type") == "uri":
            found.add(value["value"])
        else:
            for v in value.values():
                _iris(v, found)
    elif isinstance(value, list | tuple):
        for v in value:
            _iris(v, found)


def link_labels(select: Select, data: Any) -> dict[str, str]:
    """A display label for every IRI in ``data``: Dutch first, then English, then any."""
    found: set[str] = set()
    _iris(data, found)
    labels: dict[str, str] = {}
    stored = [i for i in found if not i.startswith(ONTOLOGY_NS) and ">" not in i]
    for chunk in (stored[i:i + 400] for i in range(0, len(stored), 400)):
        values = " ".join(f"<{i}>" for i in chunk)
        rows = select(f"""SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }}
  {{ ?s skos:prefLabel ?l }} UNION {{ ?s rdfs:label ?l }} UNION {{ ?s dcterms:title ?l }}
  BIND(IF(LANGMATCHES(LANG(?l), "nl"), 0, IF(LANGMATCHES(LANG(?l), "en"), 1, 2)) AS ?rank) }}
  ORDER BY ?s ?rank""")
        for r in rows:
            labels.setdefault(r["s"]["value"], r["l"]["value"])
    vocab = vocabulary_labels()
    for i in found:
        if i in vocab:
            labels.setdefault(i, vocab[i])
    return labels


@lru_cache(maxsize=1)
def vocabulary_labels() -> dict[str, str]:
    """English labels of the ontology's terms and concepts (stances, event types), from the Turtle."""
    g = Graph().parse(ONTOLOGY_DIR / "diplokg.ttl", format="turtle")
    out: dict[str, str] = {}
    for prop in (SKOS.prefLabel, RDFS.label):
        for s, o in g.subject_objects(prop):
            if isinstance(s, URIRef) and getattr(o, "language", None) == "en":
                out.setdefault(str(s), str(o))
    return out


def curie(iri: str) -> str:
    for p, ns in sorted(CURIE_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri


def href(iri: str, base: str) -> str | None:
    """Where a link to ``iri`` goes: our /id/ pages stay on this server, dkg: terms go to /ontology."""
    if iri.startswith(f"{base}/id/"):
        return "/id/" + urllib.parse.quote(iri[len(base) + 4:], safe="/:@-._~!$&'()*+,;=")
    if iri.startswith(ONTOLOGY_NS):
        return "/ontology#" + iri[len(ONTOLOGY_NS):]
    if iri.startswith(("http://", "https://")) and not iri.startswith(f"{base}/"):
        return iri
    return None  # e.g. named-graph IRIs: not dereferenceable here, shown as text
