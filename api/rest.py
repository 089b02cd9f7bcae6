"""A small JSON REST layer for analysts: every route is one SPARQL query over the store.

Safe binding: user input never reaches a query as raw text. Strings go through
:func:`sparql_string` (one escaping function, tested against the store's own parser), IRIs
through :func:`sparql_iri` (absolute IRIs without forbidden characters, else 400), and names
(types, stances, dates) are checked against closed patterns before they are used.

Vocabulary (``ontology/diplokg.ttl``, ``pipeline/rdf.py``): actors are ``dkg:NamedEntity`` with
foaf:Person / schema:Country / org:Organization / schema:Place / schema:Event (meetings), labelled
with skos:prefLabel / rdfs:label / skos:altLabel; events sem:Event (sem:eventType dkg:event-X,
sem:hasTimeStamp, sem:hasActor); positions dkg:Position (dkg:holder, dkg:stance dkg:stance-X,
dkg:target); motions opengov:Motion; documents dkg:Document.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Query, Request

from api.deps import get_settings, get_store
from api.errors import ApiError
from pipeline.iris import SPARQL_PREFIXES as PREFIXES
from pipeline.iris import TYPE_PATHS
from pipeline.sparql_text import is_absolute_iri
from pipeline.store.base import QueryError, StoreError

# URL type path -> the class that identifies actors of that type.
ACTOR_CLASSES = {
    "person": "foaf:Person",
    "country": "schema:Country",
    "organisation": "org:Organization",
    "place": "schema:Place",
    "meeting": "schema:Event",
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
    if not _NAME.match(value):
        raise ApiError(400, f"Invalid {what}", f"{what} must be a plain name (letters, digits, - or _), "
                                               f"got {value!r}.")
    return value


def _date(value: str, what: str) -> str:
    if not _DATE.match(value):
        raise ApiError(400, f"Invalid {what}", f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}.")
    return value


def _actor_ref(base: str, value: str) -> str:
    """An actor given as a full IRI or as '<type>/<key>' (e.g. 'country/belarus') -> <iri>."""
    if "://" in value or value.startswith("urn:"):
        return sparql_iri(value, "actor")
    type_path, _, key = value.partition("/")
    if type_path not in TYPE_PATHS.values() or not _KEY.match(key):
        raise ApiError(400, "Invalid actor", f"actor must be an IRI or '<type>/<key>' such as "
                                             f"'country/belarus', got {value!r}.")
    return sparql_iri(f"{base}/id/{type_path}/{key}", "actor")


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


def _page(request: Request, limit: int, offset: int) -> str:
    cap = get_settings(request).result_limit
    return f"LIMIT {max(1, min(limit, cap))} OFFSET {max(0, offset)}"


def _label_block(var: str) -> str:
    """Bind ?label to the Dutch prefLabel, else any prefLabel, else any rdfs:label."""
    return (
        f"OPTIONAL {{ {var} skos:prefLabel ?nl FILTER(LANGMATCHES(LANG(?nl), \"nl\")) }}\n"
        f"  OPTIONAL {{ {var} skos:prefLabel ?any }}\n"
        f"  OPTIONAL {{ {var} rdfs:label ?rl }}\n"
        "  BIND(COALESCE(?nl, ?any, ?rl) AS ?label0)"
    )


def rest_router() -> APIRouter:
    router = APIRouter(tags=["REST"])
    limit_q = Query(100, ge=1, description="Page size (capped by the server's result limit).")
    offset_q = Query(0, ge=0, le=10**9)  # past a billion rows is no page; larger numbers overflow the store

    @router.get("/actors", summary="Actors, by name (substring of any label) and type")
    def actors(request: Request, name: str | None = None,
               type: str | None = Query(None, description=f"One of {', '.join(ACTOR_CLASSES)}."),
               limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        filters = []
        if type is not None:
            if type not in ACTOR_CLASSES:
                raise ApiError(400, "Invalid type", f"type must be one of {', '.join(ACTOR_CLASSES)}.")
            filters.append(f"?actor a {ACTOR_CLASSES[type]} .")
        if name:
            filters.append("?actor skos:prefLabel|skos:altLabel|rdfs:label ?l .\n"
                           f"  FILTER(CONTAINS(LCASE(STR(?l)), LCASE({sparql_string(name)})))")
        rows = _run(request, f"""
SELECT ?actor (SAMPLE(?label0) AS ?label) (SAMPLE(?wd) AS ?wikidata) WHERE {{
  ?actor a dkg:NamedEntity .
  {' '.join(filters)}
  {_label_block('?actor')}
  OPTIONAL {{ ?actor owl:sameAs ?wd }}
}} GROUP BY ?actor ORDER BY LCASE(STR(?label)) ?actor {_page(request, limit, offset)}""")
        return {"items": rows, "limit": limit, "offset": offset}

    @router.get("/actors/{type_path}/{key}", summary="One actor: labels, classes, events and positions")
    def actor(request: Request, type_path: str, key: str) -> dict[str, Any]:
        base = get_settings(request).base_iri
        iri = _actor_ref(base, f"{type_path}/{key}")
        facts = _terms(request, f"SELECT ?p ?o WHERE {{ {iri} ?p ?o }} LIMIT 1000")
        if not facts:
            raise ApiError(404, "No such actor", f"No facts about {iri[1:-1]}.")
        # Values as SPARQL JSON terms ({"type", "value", "xml:lang" | "datatype"}): a label keeps
        # its language ("Armenië"@nl and "Armenia"@en are two labels, not one repeated).
        props: dict[str, list[dict[str, str]]] = {}
        for r in facts:
            props.setdefault(r["p"]["value"], []).append(r["o"])
        events = _run(request, f"""
SELECT ?event ?type ?date ?description WHERE {{
  ?event sem:hasActor {iri} ; sem:eventType ?type .
  OPTIONAL {{ ?event sem:hasTimeStamp ?date }} OPTIONAL {{ ?event dcterms:description ?description }}
}} ORDER BY ?date ?event LIMIT 200""")
        positions = _run(request, f"""
SELECT ?position ?stance ?target ?date WHERE {{
  ?position dkg:holder {iri} ; dkg:stance ?stance .
  OPTIONAL {{ ?position dkg:target ?target }} OPTIONAL {{ ?position dcterms:date ?date }}
}} ORDER BY ?date ?position LIMIT 200""")
        return {"iri": iri[1:-1], "properties": props, "events": events, "positions": positions}

    @router.get("/events", summary="Events, by actor, type and date range")
    def events(request: Request,
               actor: str | None = Query(None, description="IRI or '<type>/<key>', e.g. country/belarus"),
               type: str | None = Query(None, description="Event type, e.g. MEETING, SANCTION"),
               from_: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]], inclusive"),
               to: str | None = Query(None, description="YYYY[-MM[-DD]], inclusive"),
               limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        base = get_settings(request).base_iri
        where = ["?event a sem:Event ; sem:eventType ?type ."]
        if actor:
            where.append(f"?event sem:hasActor {_actor_ref(base, actor)} .")
        if type:
            where.append(f"FILTER(?type = dkg:event-{_name(type, 'type').upper()})")
        where.append("OPTIONAL { ?event sem:hasTimeStamp ?date }")
        # Dates have mixed precision (xsd:date, gYearMonth, gYear): compare their ISO text.
        if from_:
            where.append(f"FILTER(BOUND(?date) && STR(?date) >= {sparql_string(_date(from_, 'from'))})")
        if to:
            # "2020-05" <= "2020-05-31" as text, and a day in the month is still "<= 2020-05~".
            where.append(f"FILTER(BOUND(?date) && STR(?date) <= {sparql_string(_date(to, 'to') + '~')})")
        rows = _run(request, f"""
SELECT ?event ?type ?date ?description (GROUP_CONCAT(DISTINCT STR(?a); separator=" ") AS ?actors) WHERE {{
  {chr(10).join(where)}
  OPTIONAL {{ ?event dcterms:description ?description }}
  OPTIONAL {{ ?event sem:hasActor ?a }}
}} GROUP BY ?event ?type ?date ?description ORDER BY ?date ?event {_page(request, limit, offset)}""")
        for r in rows:
            r["actors"] = (r.get("actors") or "").split()  # type: ignore[assignment]
        return {"items": rows, "limit": limit, "offset": offset}

    @router.get("/positions", summary="Positions, by holder and stance")
    def positions(request: Request,
                  holder: str | None = Query(None, description="IRI or '<type>/<key>'"),
                  stance: str | None = Query(None, description="Stance name, e.g. SUPPORTS, CONDEMNS"),
                  limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        base = get_settings(request).base_iri
        where = ["?position a dkg:Position ; dkg:stance ?stance ."]
        if holder:
            where.append(f"?position dkg:holder {_actor_ref(base, holder)} .")
        if stance:
            where.append(f"FILTER(?stance = dkg:stance-{_name(stance, 'stance')})")
        rows = _run(request, f"""
SELECT ?position ?holder ?stance ?target ?date ?document WHERE {{
  {chr(10).join(where)}
  OPTIONAL {{ ?position dkg:holder ?holder }}
  OPTIONAL {{ ?position dkg:target ?target }}
  OPTIONAL {{ ?position dcterms:date ?date }}
  OPTIONAL {{ ?position prov:wasDerivedFrom ?document . ?document a dkg:Document }}
}} ORDER BY ?date ?position {_page(request, limit, offset)}""")
        return {"items": rows, "limit": limit, "offset": offset}

    @router.get("/motions", summary="Motions, by submitter")
    def motions(request: Request,
                submitter: str | None = Query(None, description="IRI or 'person/<key>'"),
                limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        base = get_settings(request).base_iri
        where = ["?motion a opengov:Motion ."]
        if submitter:
            where.append(f"?motion schema:creator {_actor_ref(base, submitter)} .")
        rows = _run(request, f"""
SELECT ?motion ?identifier ?date ?subject ?label WHERE {{
  {chr(10).join(where)}
  OPTIONAL {{ ?motion dcterms:identifier ?identifier }}
  OPTIONAL {{ ?motion dcterms:dateSubmitted ?date }}
  OPTIONAL {{ ?motion dcterms:subject ?subject }}
  OPTIONAL {{ ?motion rdfs:label ?label }}
}} ORDER BY ?date ?motion {_page(request, limit, offset)}""")
        return {"items": rows, "limit": limit, "offset": offset}

    @router.get("/documents", summary="Source documents")
    def documents(request: Request, limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        rows = _run(request, f"""
SELECT ?document ?graph ?identifier ?title ?date ?kind WHERE {{
  GRAPH ?graph {{ ?document a dkg:Document }}
  OPTIONAL {{ ?document dcterms:identifier ?identifier }}
  OPTIONAL {{ ?document dcterms:title ?title }}
  OPTIONAL {{ ?document dcterms:date ?date }}
  OPTIONAL {{ ?document dkg:documentKind ?kind }}
}} ORDER BY ?date ?document {_page(request, limit, offset)}""")
        return {"items": rows, "limit": limit, "offset": offset}

    return router
