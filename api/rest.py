"""A small JSON REST layer for analysts: every route is one SPARQL query over the store (plus one
count for the total and one label look-up for the resources a page links).

Safe binding: user input never reaches a query as raw text. Strings go through
:func:`sparql_string` (one escaping function, tested against the store's own parser), IRIs
through :func:`sparql_iri` (absolute IRIs without forbidden characters, else 400), and
enumerations (types, stances, event types) through :mod:`pipeline.contract` (case-insensitive,
unknown values 400 listing the allowed ones), dates against a closed pattern.

The queries use only the union default graph and plain class/property patterns, so they hold
whichever graph an actor's description lives in. Vocabulary: ``ontology/diplokg.ttl``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fastapi import APIRouter, Path, Query, Request

from api.deps import get_settings, get_store
from api.errors import ApiError
from api.models import Actor, ActorDetail, Document, ErrorBody, Event, Motion, Page, Position, Ref, Term
from pipeline.contract import (
    ACTOR_ID_PATTERN,
    DATE_PATTERN,
    ENTITY_TYPES,
    EVENT_TYPES,
    KEY_PATTERN,
    STANCES,
    ContractError,
    actor_iri,
    choose,
)
from pipeline.iris import ONTOLOGY_NS
from pipeline.iris import SPARQL_PREFIXES as PREFIXES
from pipeline.network import interval
from pipeline.sparql_text import is_absolute_iri
from pipeline.store.base import QueryError, StoreError

# URL type path -> the class that identifies resources of that type; most specific first (persons
# carry foaf:Person and schema:Person, meetings schema:Event only).
ACTOR_CLASSES = {
    "country": "schema:Country",
    "person": "foaf:Person",
    "organisation": "org:Organization",
    "place": "schema:Place",
    "meeting": "schema:Event",
    "document": "foaf:Document",
}
_FULL = {"schema:": "http://schema.org/", "foaf:": "http://xmlns.com/foaf/0.1/", "org:": "http://www.w3.org/ns/org#"}
_CLASS_TYPES = [(_FULL[c.split(":")[0] + ":"] + c.split(":")[1], t) for t, c in ACTOR_CLASSES.items()] + [
    (ONTOLOGY_NS + "Document", "document"), ("http://www.w3.org/ns/opengov#Motion", "motion")]
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
ERRORS = {400: {"model": ErrorBody, "description": "Invalid parameter (the detail lists allowed values)"},
          503: {"model": ErrorBody, "description": "Store unavailable or query timeout"}}


def sparql_string(value: str) -> str:
    """A Python string as a SPARQL string literal. The one place user text is escaped."""
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t").replace("\b", "\\b").replace("\f", "\\f")
    )
    return f'"{escaped}"'


def sparql_iri(value: str, what: str = "IRI") -> str:
    """An absolute IRI as ``<value>``, or 400."""
    if not is_absolute_iri(value):
        raise ApiError(400, f"Invalid {what}", f"{what} must be an absolute IRI, got {value!r}.")
    return f"<{value}>"


def _name(value: str, what: str) -> str:
    if not _NAME.fullmatch(value):
        raise ApiError(400, f"Invalid {what}", f"{what} must be a plain name (letters, digits, - or _), "
                                               f"got {value!r}.")
    return value


def _date(value: str, what: str) -> str:
    if not _DATE.fullmatch(value):
        raise ApiError(400, f"Invalid {what}", f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}.")
    return value


def _choose(value: str, allowed: Iterable[str], what: str) -> str:
    try:
        return choose(value, allowed, what)
    except ContractError as e:
        raise ApiError(400, f"Invalid {what}", f"{e}.") from e


def _actor_ref(base: str, value: str, what: str = "actor") -> str:
    """An actor given as a full IRI or as '<type>/<key>' (e.g. 'country/belarus') -> <iri>, else 400."""
    try:
        return sparql_iri(actor_iri(value, base, what), what)
    except ContractError as e:
        raise ApiError(400, f"Invalid {what}", f"{e}.") from e


def _run(request: Request, query: str) -> list[dict[str, str | None]]:
    try:
        return get_store(request).rows(PREFIXES + query)
    except QueryError as e:  # a bug in this module, never user input: say so
        raise ApiError(500, "Query failed", str(e)) from e
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e


def _terms(request: Request, query: str) -> list[dict[str, dict[str, str]]]:
    """SELECT bindings as SPARQL JSON terms (type, value, language or datatype kept)."""
    try:
        return get_store(request).select(PREFIXES + query).get("results", {}).get("bindings", [])
    except QueryError as e:
        raise ApiError(500, "Query failed", str(e)) from e
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e


def _label_block(var: str) -> str:
    """Bind ?label0 to the Dutch prefLabel, else any prefLabel, else any rdfs:label."""
    return (
        f"OPTIONAL {{ {var} skos:prefLabel ?nl FILTER(LANGMATCHES(LANG(?nl), \"nl\")) }}\n"
        f"  OPTIONAL {{ {var} skos:prefLabel ?any }}\n"
        f"  OPTIONAL {{ {var} rdfs:label ?rl }} OPTIONAL {{ {var} dcterms:title ?tl }}\n"
        "  BIND(COALESCE(?nl, ?any, ?rl, ?tl) AS ?label0)"
    )


def type_of(classes: Iterable[str]) -> str | None:
    """The type name of a resource from its classes (most specific first)."""
    found = set(classes)
    return next((t for c, t in _CLASS_TYPES if c in found), None)


def _refs(request: Request, iris: Iterable[str | None]) -> dict[str, Ref]:
    """Label and type of each IRI, in one query (the linked resources of a page)."""
    wanted = sorted({i for i in iris if i and is_absolute_iri(i)})
    if not wanted:
        return {}
    rows = _run(request, f"""
SELECT ?iri (SAMPLE(?label0) AS ?label) (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?classes) WHERE {{
  VALUES ?iri {{ {' '.join(f'<{i}>' for i in wanted)} }}
  OPTIONAL {{ ?iri a ?c }}
  {_label_block('?iri')}
}} GROUP BY ?iri""")
    return {r["iri"] or "": Ref(iri=r["iri"] or "", label=r["label"], type=type_of((r["classes"] or "").split()))
            for r in rows}


def _ref(refs: dict[str, Ref], iri: str | None) -> Ref | None:
    return None if iri is None else refs.get(iri, Ref(iri=iri))


def _local(iri: str | None, prefix: str) -> str:
    return (iri or "")[len(prefix):] if (iri or "").startswith(prefix) else (iri or "")


class Lister:
    """One list route's paging: the total, the capped LIMIT/OFFSET and the next link."""

    def __init__(self, request: Request, limit: int, offset: int) -> None:
        self.request = request
        self.limit = max(1, min(limit, get_settings(request).result_limit))
        self.offset = offset

    @property
    def clause(self) -> str:
        return f"LIMIT {self.limit} OFFSET {self.offset}"

    def total(self, where: str, var: str) -> int:
        rows = _run(self.request, f"SELECT (COUNT(DISTINCT {var}) AS ?n) WHERE {{\n  {where}\n}}")
        return int(rows[0]["n"] or 0) if rows else 0

    def page(self, items: list, total: int) -> dict:
        nxt = None
        if self.offset + self.limit < total:
            nxt = str(self.request.url.include_query_params(offset=self.offset + self.limit, limit=self.limit))
        return {"items": items, "total": total, "limit": self.limit, "offset": self.offset, "next": nxt}


def rest_router() -> APIRouter:
    router = APIRouter(tags=["REST"], responses=ERRORS)
    limit_q = Query(100, ge=1, le=10**6, description="Page size (capped by the server's result limit).")
    offset_q = Query(0, ge=0, le=10**9)  # past a billion rows is no page; larger numbers overflow the store
    actor_q = "Full IRI or '<type>/<key>', e.g. country/belarus."
    actor_schema = {"pattern": ACTOR_ID_PATTERN}  # documented; actor_iri decides (types in any case)
    date_schema = {"pattern": DATE_PATTERN}

    @router.get("/actors", summary="Actors, by name (substring of any label) and type", response_model=Page[Actor])
    def actors(request: Request, name: str | None = Query(None, description="Substring of any label."),
               type: str | None = Query(None, description="One of " + ", ".join(ENTITY_TYPES) + " (any case). "
                                        "Without it, documents (e.g. Kamerstuk numbers) are left out.",
                                        json_schema_extra={"enum": list(ENTITY_TYPES)}),
               limit: int = limit_q, offset: int = offset_q) -> dict:
        pager = Lister(request, limit, offset)
        if type is not None:
            where = [f"?actor a dkg:NamedEntity, {ACTOR_CLASSES[_choose(type, ENTITY_TYPES, 'type')]} ."]
        else:
            # Citation numbers and other documents are documents, not actors.
            where = ["?actor a dkg:NamedEntity . FILTER NOT EXISTS { ?actor a foaf:Document }"]
        if name:
            where.append("?actor skos:prefLabel|skos:altLabel|rdfs:label ?l .\n"
                         f"  FILTER(CONTAINS(LCASE(STR(?l)), LCASE({sparql_string(name)})))")
        body = "\n  ".join(where)
        rows = _run(request, f"""
SELECT ?actor (SAMPLE(?label0) AS ?label) (SAMPLE(?wd) AS ?wikidata)
  (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?classes) WHERE {{
  {body}
  ?actor a ?c .
  {_label_block('?actor')}
  OPTIONAL {{ ?actor owl:sameAs ?wd }}
}} GROUP BY ?actor ORDER BY LCASE(STR(?label)) ?actor {pager.clause}""")
        items = [Actor(iri=r["actor"] or "", label=r["label"], wikidata=r["wikidata"],
                       type=type_of((r["classes"] or "").split())) for r in rows]
        return pager.page(items, pager.total(body, "?actor"))

    @router.get("/actors/{type_path}/{key}", summary="One actor: labels, classes, events and positions",
                response_model=ActorDetail, responses={404: {"model": ErrorBody, "description": "Unknown actor"}})
    def actor(request: Request,
              type_path: str = Path(description="Type, one of " + ", ".join(ENTITY_TYPES) + " (any case).",
                                    json_schema_extra={"enum": list(ENTITY_TYPES)}),
              key: str = Path(description="The key, e.g. belarus.", json_schema_extra={"pattern": KEY_PATTERN}),
              ) -> dict:
        iri = _actor_ref(get_settings(request).base_iri, f"{type_path}/{key}")
        facts = _terms(request, f"SELECT ?p ?o WHERE {{ {iri} ?p ?o }} LIMIT 1000")
        if not facts:
            raise ApiError(404, "No such actor", f"No facts about {iri[1:-1]}.")
        # Values as RDF terms (type, value, lang or datatype): a label keeps
        # its language ("Armenië"@nl and "Armenia"@en are two labels, not one repeated).
        props: dict[str, list[Term]] = {}
        for r in facts:
            o = r["o"]
            props.setdefault(r["p"]["value"], []).append(
                Term(type=o["type"], value=o["value"], lang=o.get("xml:lang"), datatype=o.get("datatype")))
        events = _events(request, f"?event sem:hasActor {iri} .", "LIMIT 200")
        positions = _positions(request, f"?position dkg:holder {iri} .", "LIMIT 200")
        me = _refs(request, [iri[1:-1]]).get(iri[1:-1], Ref(iri=iri[1:-1]))
        return {**me.model_dump(), "properties": props, "events": events, "positions": positions}

    @router.get("/events", summary="Events, by actor, type and date range", response_model=Page[Event])
    def events(request: Request,
               actor: str | None = Query(None, description=actor_q, json_schema_extra=actor_schema),
               type: str | None = Query(None, description="Event type (any case): " + ", ".join(EVENT_TYPES),
                                        json_schema_extra={"enum": list(EVENT_TYPES)}),
               from_: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]], inclusive",
                                         json_schema_extra=date_schema),
               to: str | None = Query(None, description="YYYY[-MM[-DD]], inclusive", json_schema_extra=date_schema),
               limit: int = limit_q, offset: int = offset_q) -> dict:
        pager = Lister(request, limit, offset)
        where = ["?event a sem:Event ; sem:eventType ?type ."]
        if actor is not None:
            where.append(f"?event sem:hasActor {_actor_ref(get_settings(request).base_iri, actor)} .")
        if type is not None:
            where.append(f"FILTER(?type = dkg:event-{_choose(type, EVENT_TYPES, 'event type')})")
        if from_ is not None and to is not None and interval(_date(from_, "from"))[0] > interval(_date(to, "to"))[1]:
            raise ApiError(400, "Invalid parameters", f"from ({from_}) is after to ({to}).")
        if from_ is not None or to is not None:
            where.append("?event sem:hasTimeStamp ?date .")
        # Dates have mixed precision (xsd:date, gYearMonth, gYear): compare their ISO text.
        if from_ is not None:
            where.append(f"FILTER(STR(?date) >= {sparql_string(_date(from_, 'from'))})")
        if to is not None:
            # "2020-05" <= "2020-05-31" as text, and a day in the month is still "<= 2020-05~".
            where.append(f"FILTER(STR(?date) <= {sparql_string(_date(to, 'to') + '~')})")
        body = "\n  ".join(where)
        return pager.page(_events(request, body, f"ORDER BY ?date ?event {pager.clause}"),
                          pager.total(body, "?event"))

    @router.get("/positions", summary="Positions, by holder and stance", response_model=Page[Position])
    def positions(request: Request,
                  holder: str | None = Query(None, description=actor_q, json_schema_extra=actor_schema),
                  stance: str | None = Query(None, description="Stance (any case): " + ", ".join(STANCES),
                                             json_schema_extra={"enum": list(STANCES)}),
                  limit: int = limit_q, offset: int = offset_q) -> dict:
        pager = Lister(request, limit, offset)
        where = ["?position a dkg:Position ; dkg:stance ?stance ."]
        if holder is not None:
            where.append(f"?position dkg:holder {_actor_ref(get_settings(request).base_iri, holder, 'holder')} .")
        if stance is not None:
            where.append(f"FILTER(?stance = dkg:stance-{_choose(stance, STANCES, 'stance')})")
        body = "\n  ".join(where)
        return pager.page(_positions(request, body, f"ORDER BY ?date ?position {pager.clause}"),
                          pager.total(body, "?position"))

    @router.get("/motions", summary="Motions, by submitter", response_model=Page[Motion])
    def motions(request: Request,
                submitter: str | None = Query(None, description=actor_q + " (a person)",
                                              json_schema_extra=actor_schema),
                limit: int = limit_q, offset: int = offset_q) -> dict:
        pager = Lister(request, limit, offset)
        where = ["?motion a opengov:Motion ."]
        if submitter is not None:
            ref = _actor_ref(get_settings(request).base_iri, submitter, "submitter")
            where.append(f"?motion schema:creator {ref} .")
        body = "\n  ".join(where)
        rows = _run(request, f"""
SELECT ?motion (SAMPLE(?id) AS ?identifier) (SAMPLE(?d) AS ?date) (SAMPLE(?s) AS ?subject) (SAMPLE(?l) AS ?label)
  (GROUP_CONCAT(DISTINCT STR(?who); separator=" ") AS ?submitters) WHERE {{
  {body}
  OPTIONAL {{ ?motion dcterms:identifier ?id }}
  OPTIONAL {{ ?motion dcterms:dateSubmitted ?d }}
  OPTIONAL {{ ?motion dcterms:subject ?s }}
  OPTIONAL {{ ?motion rdfs:label ?l }}
  OPTIONAL {{ ?motion schema:creator ?who }}
}} GROUP BY ?motion ORDER BY ?date ?motion {pager.clause}""")
        refs = _refs(request, (w for r in rows for w in (r["submitters"] or "").split()))
        items = [Motion(iri=r["motion"] or "", identifier=r["identifier"], label=r["label"], date=r["date"],
                        subject=r["subject"],
                        submitters=[refs.get(w, Ref(iri=w)) for w in (r["submitters"] or "").split()])
                 for r in rows]
        return pager.page(items, pager.total(body, "?motion"))

    @router.get("/documents", summary="Source documents", response_model=Page[Document])
    def documents(request: Request, limit: int = limit_q, offset: int = offset_q) -> dict:
        pager = Lister(request, limit, offset)
        body = "GRAPH ?graph { ?document a dkg:Document }"
        rows = _run(request, f"""
SELECT ?document (SAMPLE(?g) AS ?graph) (SAMPLE(?id) AS ?identifier) (SAMPLE(?t) AS ?title)
  (SAMPLE(?d) AS ?date) (SAMPLE(?k) AS ?kind) WHERE {{
  GRAPH ?g {{ ?document a dkg:Document }}
  OPTIONAL {{ ?document dcterms:identifier ?id }}
  OPTIONAL {{ ?document dcterms:title ?t }}
  OPTIONAL {{ ?document dcterms:date ?d }}
  OPTIONAL {{ ?document dkg:documentKind ?k }}
}} GROUP BY ?document ORDER BY ?date ?document {pager.clause}""")
        items = [Document(iri=r["document"] or "", graph=r["graph"] or "", identifier=r["identifier"],
                          label=r["title"], date=r["date"], kind=r["kind"]) for r in rows]
        return pager.page(items, pager.total(body, "?document"))

    return router


def _events(request: Request, where: str, tail: str) -> list[Event]:
    rows = _run(request, f"""
SELECT ?event (SAMPLE(?t) AS ?type) (SAMPLE(?dt) AS ?date) (SAMPLE(?desc) AS ?description)
  (GROUP_CONCAT(DISTINCT STR(?a); separator=" ") AS ?actors) WHERE {{
  {{ SELECT DISTINCT ?event WHERE {{ {where} }} }}
  ?event sem:eventType ?t .
  OPTIONAL {{ ?event sem:hasTimeStamp ?dt }}
  OPTIONAL {{ ?event dcterms:description ?desc }}
  OPTIONAL {{ ?event sem:hasActor ?a }}
}} GROUP BY ?event {tail}""")
    refs = _refs(request, (a for r in rows for a in (r["actors"] or "").split()))
    return [Event(iri=r["event"] or "", type=_local(r["type"], ONTOLOGY_NS + "event-"), date=r["date"],
                  description=r["description"], actors=[refs.get(a, Ref(iri=a)) for a in (r["actors"] or "").split()])
            for r in rows]


def _positions(request: Request, where: str, tail: str) -> list[Position]:
    rows = _run(request, f"""
SELECT ?position (SAMPLE(?s) AS ?stance) (SAMPLE(?h) AS ?holder) (SAMPLE(?tg) AS ?target) (SAMPLE(?dt) AS ?date)
  (SAMPLE(?doc) AS ?document) WHERE {{
  {{ SELECT DISTINCT ?position WHERE {{ {where} }} }}
  ?position dkg:stance ?s .
  OPTIONAL {{ ?position dkg:holder ?h }}
  OPTIONAL {{ ?position dkg:target ?tg }}
  OPTIONAL {{ ?position dcterms:date ?dt }}
  OPTIONAL {{ ?position prov:wasDerivedFrom ?doc . ?doc a dkg:Document }}
}} GROUP BY ?position {tail}""")
    refs = _refs(request, (x for r in rows for x in (r["holder"], r["document"])))
    return [Position(iri=r["position"] or "", stance=_local(r["stance"], ONTOLOGY_NS + "stance-"),
                     holder=_ref(refs, r["holder"]), target=r["target"], date=r["date"],
                     document=_ref(refs, r["document"])) for r in rows]
