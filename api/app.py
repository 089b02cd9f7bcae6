"""The FastAPI application: routers around the plain functions, one store, one error shape.

Extension points for other routers (linked-data pages, /ontology, REST): pass them to
``create_app(..., routers=[...])`` or call ``app.include_router`` on the returned app. A module
``api.linked_data`` exposing ``router`` is included automatically when it exists, so the lead's
pages need no change here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.deps import error_response, get_settings, get_store
from api.errors import ApiError, store_error
from api.fast_sparql import SparqlFastPath
from api.head import HeadAsGet
from api.limits import BodyLimit
from api.models import ErrorBody
from api.sparql import handle_sparql_async
from pipeline import __version__
from pipeline.config import Settings
from pipeline.store import Store, StoreError, open_store

_SPARQL_PARAMS = [
    {"name": n, "in": "query", "required": False, "schema": {"type": "string"}, "description": d}
    for n, d in [
        ("query", "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)."),
        ("default-graph-uri", "Repeatable. Restricts the default graph (normally the union of all graphs)."),
        ("named-graph-uri", "Repeatable. The named graphs visible to GRAPH."),
    ]
]
_SPARQL_BODY = {
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "update": {"type": "string", "description": "Needs Authorization: Bearer <token>."},
                    "default-graph-uri": {"type": "string"},
                    "named-graph-uri": {"type": "string"},
                    "using-graph-uri": {"type": "string"},
                    "using-named-graph-uri": {"type": "string"},
                },
            }
        },
        "application/sparql-query": {"schema": {"type": "string"}},
        "application/sparql-update": {"schema": {"type": "string"}},
    }
}
_SPARQL_RESPONSES = {
    200: {"description": "Negotiated: SPARQL JSON/XML/CSV/TSV or Turtle/N-Triples/JSON-LD/TriG/N-Quads"},
    204: {"description": "Update done"},
    400: {"description": "Malformed request or query"},
    401: {"description": "Update without a valid bearer token"},
    403: {"description": "Updates disabled on this server"},
    406: {"description": "No acceptable result format"},
    415: {"description": "Unknown request body type"},
    503: {"description": "Query timeout"},
}


def sparql_router() -> APIRouter:
    """The SPARQL 1.1 Protocol endpoint, mountable on any app whose state has store and settings."""
    router = APIRouter(tags=["SPARQL"])
    editor = _sparql_editor()

    async def endpoint(request: Request) -> Response:
        if editor is not None and request.method == "GET":
            page = editor(request)  # None unless a browser asks for /sparql without a query
            if page is not None:
                return page
        body = await request.body()
        endpoint_url = str(request.url.replace(query=""))
        # The checks run here; the store call, which blocks (embedded engine or HTTP client),
        # takes one hop to a worker thread, awaited under the query timeout.
        r = await handle_sparql_async(
            get_store(request),
            get_settings(request),
            # The plain route also takes HEAD (Starlette adds it to GET routes, and lists it in
            # Allow): answer it as GET; the server sends the headers only.
            "GET" if request.method == "HEAD" else request.method,
            request.scope.get("query_string", b""),
            request.headers,
            body,
            endpoint_url.rstrip("?"),
        )
        return Response(r.body, status_code=r.status, media_type=r.media_type, headers=r.headers)

    doc = (
        "SPARQL 1.1 Protocol. GET without a query returns the Service Description (Turtle by default). "
        "The default graph is the union of the document graphs. Results above the configured limit are "
        "truncated (header X-Result-Truncated: true); queries over the time limit get 503."
    )
    # Served by a plain route: the endpoint reads the raw request itself, so FastAPI's parameter
    # solving (which would parse the query string once more) is pure per-request cost. The two
    # API routes below, shadowed by it, only document the endpoint in the OpenAPI schema.
    router.add_route("/sparql", endpoint, methods=["GET", "POST"], include_in_schema=False)
    router.add_api_route("/sparql", endpoint, methods=["GET"], summary="SPARQL query / service description",
                         description=doc, openapi_extra={"parameters": _SPARQL_PARAMS},
                         responses=_SPARQL_RESPONSES)
    router.add_api_route("/sparql", endpoint, methods=["POST"], summary="SPARQL query or update",
                         description=doc, openapi_extra={"parameters": _SPARQL_PARAMS,
                                                         "requestBody": _SPARQL_BODY},
                         responses=_SPARQL_RESPONSES)
    return router


def health_router() -> APIRouter:
    router = APIRouter(tags=["Service"])

    @router.get("/health", summary="Liveness and store reachability")
    def health(request: Request) -> dict[str, str]:
        try:
            get_store(request).select("ASK {}")
        except StoreError as e:
            raise ApiError(503, "Store unavailable", str(e)) from e
        return {"status": "ok"}

    return router


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (several routes may share one path)."""
    def flat(routes):  # included routers are wrapped in this FastAPI version; look inside them
        for route in routes:
            inner = getattr(route, "original_router", None)
            yield from flat(inner.routes) if inner is not None else (route,)

    methods: set[str] = set()
    for route in flat(request.app.router.routes):
        if not hasattr(route, "path_regex"):
            continue
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE and getattr(route, "methods", None):
            methods |= set(route.methods)
    return sorted(methods)


def docs_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="diplokg API",
                                   swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
                                   # no spec validator badge: it would send the spec to another host
                                   swagger_ui_parameters={"validatorUrl": None})

    return router


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema, with the one error shape where it documents its own 422 (this API answers
    invalid parameters 400, in the shape of api.errors)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            responses = op.get("responses", {})
            if responses.pop("422", None) is not None or op.get("parameters"):
                responses.setdefault("400", {"description": "Invalid parameters",
                                             "content": {"application/json": {"schema": error_ref}}})
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    components.setdefault("ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}"))
    for name, sub in ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}").get("$defs", {}).items():
        components.setdefault(name, sub)
    components["ErrorBody"].pop("$defs", None)
    app.openapi_schema = schema
    return schema


def _sparql_editor() -> Callable[[Request], Response | None] | None:
    """``api.linked_data.sparql_editor`` when that module exists: the HTML editor for browsers."""
    try:
        module = importlib.import_module("api.linked_data")
    except ModuleNotFoundError as e:
        if e.name == "api.linked_data":
            return None
        raise
    return getattr(module, "sparql_editor", None)


def _optional_routers() -> list[APIRouter]:
    """Routers of modules written elsewhere, included when present (see module docstring)."""
    found = []
    for name in ("api.linked_data", "api.dataset", "api.ingest"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:
                continue
            raise
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def create_app(settings: Settings, store: Store | None = None, routers: Sequence[APIRouter] = ()) -> FastAPI:
    """The application; the store is opened from ``settings`` unless given (and then closed on shutdown)."""
    owns_store = store is None
    the_store = store if store is not None else open_store(settings, isolated=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if owns_store:
            the_store.close()

    app = FastAPI(
        title="diplokg",
        description="A knowledge graph of actors, events and positions in Dutch foreign policy.",
        version=__version__,
        # Swagger UI from api/static/swagger-ui (vendored from the npm registry): /docs works
        # offline. ReDoc is off: FastAPI's page would load it from a CDN.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # FastAPI asks OpenTelemetry on every request whether it is configured (a fifth of a small
        # query's time in this process); only when the environment configures it (OTEL_*, FASTAPI_OTEL_*).
        telemetry=None if any(k.startswith(("OTEL_", "FASTAPI_OTEL")) for k in os.environ)
        else {"tracing": False, "metrics": False, "logs": False},
    )
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.state.store = the_store
    app.state.settings = settings

    # Browser clients (YASGUI, notebooks) call the endpoint from other origins. No cookies are
    # used (writes take a bearer token), so credentials stay off and "*" is safe.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["Accept", "Authorization", "Content-Type"],
        expose_headers=["X-Result-Truncated", "X-Result-Limit", "Location", "Content-Location"],
        max_age=3600,
    )

    app.add_middleware(HeadAsGet)
    # Protocol requests to /sparql skip the layers above, answered by the same function (api/fast_sparql.py).
    app.add_middleware(SparqlFastPath)
    # Outermost: an oversized body is refused before any route or middleware reads it.
    app.add_middleware(BodyLimit, max_bytes=int(settings.max_upload_mb * 1024 * 1024))

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc, request.headers.get("accept"))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        # REST and page routes query the store too: a timeout or a crashed worker is a clean answer
        return error_response(store_error(exc), request.headers.get("accept"))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed"}
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # Starlette names the methods of the first route only
            headers["Allow"] = ", ".join(_allowed_methods(request))
        e = ApiError(exc.status_code, titles.get(exc.status_code, "HTTP error"), str(exc.detail), headers)
        return error_response(e, request.headers.get("accept"))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in exc.errors())
        return error_response(ApiError(400, "Invalid parameters", detail), request.headers.get("accept"))

    from api.graph_store import graph_store_router
    from api.network import router as network_router
    from api.rest import rest_router
    from api.term import term_router

    app.include_router(sparql_router())
    app.include_router(graph_store_router())
    app.include_router(rest_router())
    app.include_router(term_router())
    app.include_router(network_router)
    app.include_router(health_router())
    app.include_router(docs_router())
    for router in [*_optional_routers(), *routers]:
        app.include_router(router)
    return app
