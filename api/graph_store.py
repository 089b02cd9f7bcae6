"""SPARQL 1.1 Graph Store HTTP Protocol (indirect identification) at ``/graphs``.

    GET    /graphs?graph=<iri>   the graph (Turtle default, N-Triples, JSON-LD, RDF/XML); 404 if absent
    GET    /graphs?default       the default graph = the union of all document graphs
    PUT    /graphs?graph=<iri>   replace (one transaction); 201 if new, 204 if replaced
    POST   /graphs?graph=<iri>   merge; 201 if new, 204 otherwise
    DELETE /graphs?graph=<iri>   drop; 204, or 404 if absent

A document graph (``<base>/graph/<doc>``) is stored as a build stores it: what it says about
actors, posts and motions as such is merged into the reserved ``<base>/graph/actors`` (403 to
writes), and GET returns the document's own part with its ``dkg:Contribution`` bookkeeping.
Writes need the update token (same rule as SPARQL Update). Writes to ``?default`` get 405: the
default graph is a view (the union of the named graphs), so there is nothing to write to.
Bodies: text/turtle, application/n-triples, application/ld+json, application/rdf+xml; others 415.
As with /sparql, the logic is one plain function, :func:`handle_graph_store`.
"""

from __future__ import annotations

from collections.abc import Mapping

import rdflib
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import get_settings, get_store
from api.errors import ApiError, check_write_token, error_body, store_error
from api.negotiation import base_type, negotiate
from api.sparql import SparqlResponse, decode_body, parse_form
from pipeline.config import Settings
from pipeline.iris import actors_graph_iri, ontology_graph_iri
from pipeline.sparql_text import is_absolute_iri
from pipeline.store.base import QueryError, Store, StoreError
from pipeline.validate import check

GET_OFFER = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
BODY_FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",  # the old N-Triples media type
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


def handle_graph_store(
    store: Store,
    settings: Settings,
    method: str,
    params: bytes | str,
    headers: Mapping[str, str],
    body: bytes,
) -> SparqlResponse:
    h = {k.lower(): v for k, v in headers.items()}
    try:
        return _handle(store, settings, method.upper(), parse_form(params), h, body)
    except ApiError as e:
        err = error_body(e.status, e.title, e.detail, h.get("accept"))
        return SparqlResponse(e.status, err.media_type, err.body, e.headers)
    except QueryError as e:
        err = error_body(400, "Refused by the store", str(e), h.get("accept"))
        return SparqlResponse(400, err.media_type, err.body)
    except StoreError as e:  # a timeout is 503, as on /sparql and the REST routes
        api = store_error(e)
        err = error_body(api.status, api.title, api.detail, h.get("accept"))
        return SparqlResponse(api.status, err.media_type, err.body, api.headers)


def _target(args: Mapping[str, list[str]]) -> str | None:
    """The graph IRI, or None for the default graph."""
    graphs, default = args.get("graph", []), "default" in args
    if default == bool(graphs) or len(graphs) > 1:
        raise ApiError(400, "Missing graph", "Give exactly one of ?graph=<absolute IRI> or ?default.")
    if default:
        return None
    iri = graphs[0]
    if not is_absolute_iri(iri):
        raise ApiError(400, "Invalid graph IRI", f"graph must be an absolute IRI, got {iri!r}.")
    return iri


def _handle(store: Store, settings: Settings, method: str, args: Mapping[str, list[str]],
            h: Mapping[str, str], body: bytes) -> SparqlResponse:
    if method not in ("GET", "PUT", "POST", "DELETE"):
        raise ApiError(405, "Method not allowed", f"{method} is not a Graph Store operation.",
                       {"Allow": "GET, PUT, POST, DELETE"})
    graph = _target(args)
    if method == "GET":
        return _get(store, graph, h.get("accept"))
    check_write_token(settings.update_token, h.get("authorization"))
    if graph is None:
        raise ApiError(405, "Default graph is read-only",
                       "The default graph is the union of the document graphs; write to a named graph.",
                       {"Allow": "GET"})
    if graph == actors_graph_iri(settings.base_iri):
        raise ApiError(403, "Reserved graph", f"{graph} is kept by the store from the document graphs; "
                                              "write to a document graph instead.")
    # A document graph is stored split, like a build stores it: its descriptions of actors, posts
    # and motions go to the shared actors graph, so the default graph never repeats a triple.
    document = graph.startswith(f"{settings.base_iri}/graph/")
    if method == "DELETE":
        if not store.has_graph(graph):
            raise ApiError(404, "No such graph", f"The store has no graph {graph}.")
        if document:
            store.drop_document(graph)
        else:
            store.drop_graph(graph)
        return SparqlResponse(204, "text/plain", b"")
    if graph == ontology_graph_iri(settings.base_iri):
        raise ApiError(403, "Reserved graph", f"{graph} holds the ontology; it is written by `diplokg build` only.")
    parsed = _parse_body(body, h.get("content-type"), graph)
    existed = store.has_graph(graph)
    if document:
        # A document graph takes the same SHACL gate as a build: what the store holds stays valid.
        merged = parsed if method == "PUT" else store.document_graph(graph) + parsed
        report = check(merged)
        if not report.conforms:
            raise ApiError(422, "Refused by the SHACL shapes", report.format())
        store.replace_document(graph, merged)
    elif method == "PUT":
        store.replace_graph(graph, parsed)
    else:
        store.add_to_graph(graph, parsed)
    if existed:
        return SparqlResponse(204, "text/plain", b"")
    return SparqlResponse(201, "text/plain", b"", {"Location": f"/graphs?graph={graph}"})


def _get(store: Store, graph: str | None, accept: str | None) -> SparqlResponse:
    media = negotiate(accept, GET_OFFER)
    if media is None:
        raise ApiError(406, "Not acceptable", f"Graphs can be served as {', '.join(GET_OFFER)}.")
    if graph is None:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    else:
        if not store.has_graph(graph):
            raise ApiError(404, "No such graph", f"The store has no graph {graph}.")
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    data, _ = store.query_raw(query, media)
    ctype = media if media in ("application/ld+json", "application/rdf+xml") else f"{media}; charset=utf-8"
    return SparqlResponse(200, ctype, data, {"Vary": "Accept"})


def _names_remote_context(text: str) -> bool:
    """True when a JSON-LD document's @context (anywhere in it) is, or lists, a URL or path to load."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return False  # the parser reports malformed JSON itself

    def remote(value) -> bool:
        return isinstance(value, str) or (isinstance(value, list) and any(isinstance(v, str) for v in value))

    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "@context" in node and remote(node["@context"]):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _parse_body(body: bytes, content_type: str | None, graph: str) -> rdflib.Graph:
    kind = base_type(content_type)
    fmt = BODY_FORMATS.get(kind)
    if fmt is None:
        raise ApiError(415, "Unsupported media type",
                       f"Send the graph as {', '.join(sorted(set(BODY_FORMATS) - {'text/plain'}))}"
                       + (f", not {kind}." if kind else "; the Content-Type header is missing."))
    text = decode_body(body, content_type)
    if fmt == "json-ld" and _names_remote_context(text):
        raise ApiError(400, "Remote JSON-LD context",
                       "This server fetches no @context from the network or the disk; send the context inline.")
    try:
        # Relative IRIs in the body resolve against the graph's IRI.
        return rdflib.Graph().parse(data=text, format=fmt, publicID=graph)
    except Exception as e:  # rdflib's parsers raise many exception types for bad input
        raise ApiError(400, "Malformed RDF", f"Could not parse the body as {kind}: {e}") from e


def graph_store_router() -> APIRouter:
    router = APIRouter(tags=["Graph Store"])

    async def endpoint(request: Request) -> Response:
        body = await request.body()
        r = await run_in_threadpool(
            handle_graph_store, get_store(request), get_settings(request), request.method,
            request.scope.get("query_string", b""), request.headers, body,
        )
        return Response(r.body, status_code=r.status, media_type=r.media_type, headers=r.headers)

    params = [
        {"name": "graph", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "Absolute IRI of a named graph (one per source document)."},
        {"name": "default", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "Present (empty) to address the default graph, the union of all graphs (GET only)."},
    ]
    for method in ("GET", "PUT", "POST", "DELETE"):
        router.add_api_route("/graphs", endpoint, methods=[method], summary=f"Graph Store: {method}",
                             openapi_extra={"parameters": params})
    return router
