"""Actor networks over HTTP: ``/network.gexf``, ``/network.graphml``, ``/network.cyjs``.

Each route builds :func:`pipeline.network.build_network` under the filters given as query
parameters and serialises it. The endpoints are plain ``def`` functions: the store call blocks,
so FastAPI runs them in its thread pool and the event loop stays free.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import get_settings, get_store
from api.errors import ApiError
from api.rest import ERRORS, _actor_ref, _choose, _date, sparql_iri
from pipeline.contract import ACTOR_ID_PATTERN, DATE_PATTERN, EVENT_TYPES, STANCES
from pipeline.network import ACTOR_TYPES, NETWORK_FORMATS, NetworkError, NetworkFilters, build_network, document_ref
from pipeline.network_aggregate import aggregate
from pipeline.store.base import QueryError, StoreError

_DESCRIPTION = (
    "Actors as nodes; edges of kind event (co-participation, undirected), position (holder -> target), "
    "role (person -> organisation) and motion (submitter -> motion node, with the government's answer as "
    "the motion's `execution`). By default one edge per actor pair and kind, `weight` = the number of "
    "facts, `dates` and (GEXF) spells, so Gephi's timeline plays it; `multigraph=true` gives one edge per "
    "fact (per event; per stance and date for positions). See pipeline.network.NETWORK_QUERIES for the "
    "SPARQL behind each edge kind and pipeline.network_aggregate for the weighted edges."
)


def _filters(request: Request, date_from: str | None, to: str | None, stance: str | None,
             event_type: str | None, actor_type: str | None, document: str | None,
             actor: str | None, depth: int) -> NetworkFilters:
    """Query parameters -> NetworkFilters, checked with the REST layer's validators (400 on bad input)."""
    base = get_settings(request).base_iri
    try:
        return NetworkFilters(
            date_from=_date(date_from, "from") if date_from is not None else None,
            date_to=_date(to, "to") if to is not None else None,
            stance=_choose(stance, STANCES, "stance") if stance is not None else None,
            event_type=_choose(event_type, EVENT_TYPES, "event type") if event_type is not None else None,
            actor_type=_choose(actor_type, ACTOR_TYPES, "actor type") if actor_type is not None else None,
            document=sparql_iri(document_ref(document, base), "document")[1:-1] if document is not None else None,
            actor=_actor_ref(base, actor)[1:-1] if actor is not None else None,
            depth=depth,
        )
    except NetworkError as e:
        raise ApiError(400, "Invalid parameters", str(e)) from e


def _respond(request: Request, fmt: str, filters: NetworkFilters, multigraph: bool) -> Response:
    writer, media_type = NETWORK_FORMATS[fmt]
    try:
        g = build_network(get_store(request), filters, get_settings(request).base_iri)
        if not multigraph:
            g = aggregate(g)
    except QueryError as e:  # a bug in pipeline.network, never user input
        raise ApiError(500, "Query failed", str(e)) from e
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e
    headers = {}
    if fmt != "cyjs":
        # The XML formats are files for desktop tools; the JSON is also read by the page's script.
        headers["Content-Disposition"] = f'attachment; filename="diplokg-network.{fmt}"'
    return Response(writer(g), media_type=media_type, headers=headers)


def _route(fmt: str):
    def endpoint(
        request: Request,
        date_from: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]]: dated edges from",
                                      json_schema_extra={"pattern": DATE_PATTERN}),
        to: str | None = Query(None, description="YYYY[-MM[-DD]]: dated edges up to (inclusive); not before from",
                               json_schema_extra={"pattern": DATE_PATTERN}),
        stance: str | None = Query(None, description="Only position edges with this stance (any case): "
                                   + ", ".join(STANCES), json_schema_extra={"enum": list(STANCES)}),
        event_type: str | None = Query(None, description="Only event edges of this type (any case): "
                                       + ", ".join(EVENT_TYPES), json_schema_extra={"enum": list(EVENT_TYPES)}),
        actor_type: str | None = Query(None, description="Only actors of this type (any case): "
                                       + ", ".join(ACTOR_TYPES), json_schema_extra={"enum": list(ACTOR_TYPES)}),
        document: str | None = Query(None, description="Facts of one document: IRI or identifier"),
        actor: str | None = Query(None, description="Ego network of this actor: IRI or '<type>/<key>'",
                                  json_schema_extra={"pattern": ACTOR_ID_PATTERN}),
        depth: int = Query(1, ge=0, le=10, description="Ego network depth"),
        multigraph: bool = Query(False, description="One edge per fact instead of one per actor pair and "
                                 "relation kind with `weight`"),
    ) -> Response:
        filters = _filters(request, date_from, to, stance, event_type, actor_type, document, actor, depth)
        return _respond(request, fmt, filters, multigraph)

    endpoint.__name__ = f"network_{fmt}"
    return endpoint


router = APIRouter(tags=["Network"])
for _fmt, (_, _media) in NETWORK_FORMATS.items():
    router.add_api_route(
        f"/network.{_fmt}", _route(_fmt), methods=["GET"], summary=f"Actor network as {_fmt} ({_media})",
        description=_DESCRIPTION, response_class=Response,
        responses={200: {"content": {_media: {}}}, **ERRORS},
    )
