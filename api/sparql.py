"""The SPARQL 1.1 Protocol as one plain function: request in, response out.

:func:`handle_sparql` knows nothing about FastAPI (the router in ``api/app.py`` only adapts), so
every protocol rule is testable without a server and the function could sit behind any framework.

Decisions worth knowing (also in the module docstrings of the tests):

* **Operations.** Query by GET, by POST form (``query=``) or POST ``application/sparql-query``;
  update by POST form (``update=``) or POST ``application/sparql-update``. Update by GET -> 400.
  Both query and update, or either twice -> 400. POST without a known Content-Type -> 415.
  Bodies must be UTF-8 (a ``charset`` other than UTF-8, or undecodable bytes -> 400).
* **Updates** need ``Authorization: Bearer <settings.update_token>``; without a configured token
  updates are off (403); a missing or wrong token is 401. Success is 204 No Content. An update
  that writes (or may write) a document graph is refused with 403 (``api.update_gate``): those
  change only through the SHACL-gated Graph Store writes and ``POST /documents``.
* **Dataset.** ``default-graph-uri`` / ``named-graph-uri`` override the union default graph;
  ``using-graph-uri`` / ``using-named-graph-uri`` become USING clauses of DELETE/INSERT...WHERE
  operations (400 if the update has its own USING/WITH). Graph IRIs must be absolute (else 400).
* **Negotiation.** SELECT/ASK: SPARQL JSON (default), XML, CSV, TSV. CONSTRUCT/DESCRIBE: Turtle
  (default), N-Triples, JSON-LD, RDF/XML, TriG, N-Quads. Nothing acceptable -> 406.
* **Timeout.** Queries run in a worker thread; after ``settings.query_timeout`` seconds the
  client gets **503 Service Unavailable** (as Fuseki does). The embedded engine cannot be
  interrupted, so the worker finishes in the background; the pool is bounded (see _EXECUTOR).
* **Two steps.** :func:`prepare_sparql` makes every decision that needs no store (parameters,
  operation, dataset, negotiation, authorisation) and returns either the final response (an
  error) or a :class:`Pending` holding the blocking rest (store call, serialisation).
  :func:`handle_sparql` chains the two synchronously; :func:`handle_sparql_async` runs the first
  on the event loop and the second in one worker-thread hop, awaiting it under the timeout; a
  query to the isolated embedded store needs no thread at all (``Pending.awork``: the event loop
  talks to the query worker process itself, which is killed at the deadline).
* **Result cap.** A SELECT with more than ``settings.result_limit`` rows is **truncated** to that
  many rows, status 200, with ``X-Result-Truncated: true`` and ``X-Result-Limit: <n>`` headers
  (as Virtuoso's ResultSetMaxRows). Refusing (413 is about request bodies, not answers) would
  punish exploratory queries; a header keeps the cut visible to programs.
* **Errors** use the API's one shape (``api.errors``): JSON, or one text line if the client
  prefers text/plain.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import TypeVar

from api.errors import ApiError, check_write_token, error_body, store_error
from api.negotiation import base_type, charset, negotiate
from api.service_description import service_description
from api.update_gate import check_update_graphs
from pipeline.config import Settings
from pipeline.sparql_text import add_using, has_dataset_clause, is_absolute_iri, operation_kind, service_targets
from pipeline.store import results
from pipeline.store.base import QueryError, Store, StoreError

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

# Server order = preference; the first is the default. Aliases (old or generic names) come last
# and map onto the canonical type the store serialises.
RESULT_OFFER = (results.JSON, results.XML, results.CSV, results.TSV, "application/json", "application/xml")
GRAPH_OFFER = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
    "application/x-turtle",
    "application/json",
)
ALIASES = {
    "application/json": None,  # resolved by query form: SPARQL JSON results or JSON-LD
    "application/xml": results.XML,
    "application/x-turtle": "text/turtle",
}
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}
_TEXT_TYPES = ("text/", "application/n-triples", "application/trig", "application/n-quads")

# Threads only wait here: the embedded store evaluates in worker processes that are killed at the
# deadline, a remote store has its HTTP deadline, so no thread outlives its query's time limit.
# Bounded all the same; when all are busy, new queries wait, and the wait counts against their timeout.
_EXECUTOR = ThreadPoolExecutor(max_workers=32, thread_name_prefix="sparql-query")

T = TypeVar("T")


# Larger requests are also checked in a worker thread: parsing a big form body or update should
# not hold the event loop (see handle_sparql_async).
_INLINE_BODY_LIMIT = 64 * 1024


@dataclass
class SparqlResponse:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Pending:
    """A request that passed every check and still has blocking work to do (store, serialisation)."""

    work: Callable[[], SparqlResponse]
    accept: str | None  # for the error body, should the work fail
    timed: bool  # under settings.query_timeout: queries are; updates and the description are not
    # The same work awaitable on the event loop without a thread hop, when the store offers that
    # (the isolated embedded store: its worker processes enforce the deadline themselves).
    awork: Callable[[], Awaitable[SparqlResponse]] | None = None

    def run(self) -> SparqlResponse:
        """Do the work here (blocking); protocol errors come back as error responses."""
        try:
            return self.work()
        except ApiError as e:
            return _error_response(e, self.accept)


def handle_sparql(
    store: Store,
    settings: Settings,
    method: str,
    params: Mapping[str, Sequence[str]] | bytes | str,
    headers: Mapping[str, str],
    body: bytes,
    endpoint_url: str | None = None,
) -> SparqlResponse:
    """Answer one SPARQL Protocol request.

    ``params`` is the URL query string, raw (bytes/str, decoded here strictly as UTF-8) or already
    parsed into lists of values. ``headers`` may have any key case. ``endpoint_url`` is the public
    address of the endpoint, for the service description (default: ``<base_iri>/sparql``).
    """
    step = prepare_sparql(store, settings, method, params, headers, body, endpoint_url)
    if isinstance(step, SparqlResponse):
        return step
    if not step.timed:
        return step.run()
    try:
        return _with_timeout(settings, step.run)
    except ApiError as e:
        return _error_response(e, step.accept)


async def handle_sparql_async(
    store: Store,
    settings: Settings,
    method: str,
    params: Mapping[str, Sequence[str]] | bytes | str,
    headers: Mapping[str, str],
    body: bytes,
    endpoint_url: str | None = None,
) -> SparqlResponse:
    """:func:`handle_sparql` for an asyncio event loop, answering the same for every request.

    The checks are cheap and run on the loop; the store work takes one hop to a worker thread
    (queries: the bounded _EXECUTOR, awaited under the timeout; the rest: the loop's default pool).
    Large bodies are checked in the worker too.
    """
    if len(body) > _INLINE_BODY_LIMIT:
        return await asyncio.to_thread(handle_sparql, store, settings, method, params, headers, body,
                                       endpoint_url)
    step = prepare_sparql(store, settings, method, params, headers, body, endpoint_url)
    if isinstance(step, SparqlResponse):
        return step
    if step.awork is not None:
        try:
            return await step.awork()
        except ApiError as e:
            return _error_response(e, step.accept)
    if not step.timed:
        return await asyncio.to_thread(step.run)
    future = asyncio.wrap_future(_EXECUTOR.submit(step.run))
    try:
        # asyncio.timeout, not wait_for: the same cancellation at a third less per-request cost
        async with asyncio.timeout(_timeout(settings)):
            return await future
    except TimeoutError:  # the future was cancelled: a query still queued will not start
        return _error_response(_timeout_error(settings), step.accept)


def prepare_sparql(
    store: Store,
    settings: Settings,
    method: str,
    params: Mapping[str, Sequence[str]] | bytes | str,
    headers: Mapping[str, str],
    body: bytes,
    endpoint_url: str | None = None,
) -> SparqlResponse | Pending:
    """Every decision that needs no store: an error response, or the work left to do (not started)."""
    h = {k.lower(): v for k, v in headers.items()}
    try:
        return _handle(store, settings, method.upper(), params, h, body, endpoint_url)
    except ApiError as e:
        return _error_response(e, h.get("accept"))


def _error_response(e: ApiError, accept: str | None) -> SparqlResponse:
    err = error_body(e.status, e.title, e.detail, accept)
    return SparqlResponse(e.status, err.media_type, err.body, e.headers)


def parse_form(raw: bytes | str) -> dict[str, list[str]]:
    """A query string or form body, strictly UTF-8 (the protocol requires it)."""
    try:
        text = raw.decode("ascii") if isinstance(raw, bytes) else raw
        return urllib.parse.parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise ApiError(400, "Invalid encoding", f"Parameters must be percent-encoded UTF-8: {e}") from e


def decode_body(body: bytes, content_type: str | None) -> str:
    cs = charset(content_type)
    if cs not in (None, "utf-8", "utf8"):
        raise ApiError(400, "Invalid encoding", f"Request bodies must be UTF-8, not {cs}.")
    try:
        return body.decode("utf-8-sig")  # a byte-order mark (Windows editors write one) is no part of the text
    except UnicodeDecodeError as e:
        raise ApiError(400, "Invalid encoding", f"The request body is not valid UTF-8: {e}") from e


def _handle(
    store: Store,
    settings: Settings,
    method: str,
    params: Mapping[str, Sequence[str]] | bytes | str,
    h: dict[str, str],
    body: bytes,
    endpoint_url: str | None,
) -> Pending:
    if method not in ("GET", "POST"):
        raise ApiError(405, "Method not allowed", f"The SPARQL endpoint takes GET or POST, not {method}.",
                       {"Allow": "GET, POST"})
    args = parse_form(params) if isinstance(params, bytes | str) else {k: list(v) for k, v in params.items()}

    if method == "POST":
        ctype = h.get("content-type")
        kind = base_type(ctype)
        if kind == FORM:
            decode_body(body, ctype)  # rejects a non-UTF-8 charset
            for k, v in parse_form(body).items():
                args.setdefault(k, []).extend(v)
        elif kind in (SPARQL_QUERY, SPARQL_UPDATE):
            name = "query" if kind == SPARQL_QUERY else "update"
            if "query" in args or "update" in args:
                raise ApiError(400, "Conflicting operations",
                               f"A POST of {kind} carries the operation in its body; "
                               "do not also pass query= or update= in the URL.")
            args[name] = [decode_body(body, ctype)]
        else:
            raise ApiError(415, "Unsupported media type",
                           f"POST a SPARQL request as {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}"
                           + (f", not {kind}." if kind else "; the Content-Type header is missing."))

    if "format" in args:  # ?format= (as Fuseki and Virtuoso take it) wins over the Accept header
        h["accept"] = format_accept(args["format"])
    queries, updates = args.get("query", []), args.get("update", [])
    if queries and updates:
        raise ApiError(400, "Conflicting operations",
                       "A request carries either a query or an update, not both.")
    if len(queries) > 1 or len(updates) > 1:
        raise ApiError(400, "Multiple operations", "Send exactly one query= or update= parameter.")
    if updates:
        if method == "GET":
            raise ApiError(400, "Update needs POST",
                           "SPARQL Update must be sent with POST (form or sparql-update body).")
        return _update(store, settings, updates[0], args, h, endpoint_url or f"{settings.base_iri}/sparql")
    if queries:
        return _query(store, settings, queries[0], args, h.get("accept"))
    if method == "POST":
        raise ApiError(400, "Missing operation", "The request has neither a query nor an update.")
    return _describe_service(store, settings, h.get("accept"), endpoint_url)


# ?format= names -> an Accept value. "json" and "xml" hold for every query form: the SELECT offer
# picks the SPARQL results type, the graph offer JSON-LD or RDF/XML.
FORMAT_NAMES = {
    "json": "application/json", "xml": f"{results.XML}, application/rdf+xml", "csv": results.CSV,
    "tsv": results.TSV, "turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples",
    "nt": "application/n-triples", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "trig": "application/trig",
    "nquads": "application/n-quads", "nq": "application/n-quads",
}


def format_accept(values: Sequence[str]) -> str:
    """The Accept value a ``format`` parameter stands for: a name above or a media type served here."""
    if len(values) != 1:
        raise ApiError(400, "Invalid format", "Send format= at most once.")
    value = values[0].strip().lower()
    if value in FORMAT_NAMES:
        return FORMAT_NAMES[value]
    if value in (*RESULT_OFFER, *GRAPH_OFFER):
        return value
    raise ApiError(400, "Invalid format", f"unknown format {values[0]!r}: use one of {', '.join(FORMAT_NAMES)} "
                                          "or a media type this endpoint serves.")


def _graph_iris(args: Mapping[str, list[str]], name: str) -> list[str]:
    values = args.get(name, [])
    for v in values:
        if not is_absolute_iri(v):
            raise ApiError(400, "Invalid graph IRI", f"{name} must be an absolute IRI, got {v!r}.")
    return values


def _negotiate(accept: str | None, offer: Sequence[str], family: str) -> str:
    """The canonical media type for ``family`` ("SELECT..." or an RDF answer), or 406."""
    chosen = negotiate(accept, offer)
    if chosen is None:
        raise ApiError(406, "Not acceptable",
                       f"{family} can be served as {', '.join(o for o in offer if o not in ALIASES)}; "
                       f"none matches Accept: {accept}")
    canonical = ALIASES.get(chosen, chosen)
    if canonical is None:  # application/json
        canonical = results.JSON if family.startswith("SELECT") else "application/ld+json"
    return canonical


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith(_TEXT_TYPES) else media


def _timeout(settings: Settings) -> float | None:
    return settings.query_timeout if settings.query_timeout and settings.query_timeout > 0 else None


def _timeout_error(settings: Settings) -> ApiError:
    return ApiError(
        503, "Query timeout",
        f"The query did not finish within {settings.query_timeout:g} s. Narrow it down "
        "(a LIMIT, more specific patterns) and try again.",
    )


def _with_timeout(settings: Settings, fn: Callable[[], T]) -> T:
    future = _EXECUTOR.submit(fn)
    try:
        return future.result(timeout=_timeout(settings))
    except FutureTimeout:
        future.cancel()  # only helps if it had not started yet
        raise _timeout_error(settings) from None


def _query(store: Store, settings: Settings, query: str, args: Mapping[str, list[str]],
           accept: str | None) -> Pending:
    form = operation_kind(query)
    _check_services(settings, query)
    if form == "UPDATE":
        raise ApiError(400, "Update sent as query",
                       "This is a SPARQL Update: POST it as update= or application/sparql-update.")
    if form is None:
        def malformed() -> SparqlResponse:  # a full parse for the message: not on the event loop
            raise ApiError(400, "Malformed query", _parser_message(query))

        return Pending(malformed, accept, timed=False)
    default_graphs = _graph_iris(args, "default-graph-uri") or None
    named_graphs = _graph_iris(args, "named-graph-uri") or None
    family = "SELECT and ASK results" if form in ("SELECT", "ASK") else "CONSTRUCT and DESCRIBE results"
    media = _negotiate(accept, RESULT_OFFER if form in ("SELECT", "ASK") else GRAPH_OFFER, family)

    row_limit = _row_limit(settings, form)

    def answer(body: bytes, truncated: bool) -> SparqlResponse:
        out_headers = {"Vary": "Accept"}
        if truncated:
            out_headers["X-Result-Truncated"] = "true"
            out_headers["X-Result-Limit"] = str(row_limit)
        return SparqlResponse(200, _content_type(media), body, out_headers)

    def run() -> SparqlResponse:
        try:
            return answer(*store.query_capped(query, media, default_graphs, named_graphs,
                                              row_limit=row_limit, timeout=_timeout(settings)))
        except QueryError as e:
            raise ApiError(400, "Malformed query", str(e)) from e
        except StoreError as e:
            raise store_error(e) from e

    query_async = getattr(store, "query_capped_async", None)
    if query_async is None:
        return Pending(run, accept, timed=True)

    async def arun() -> SparqlResponse:
        try:
            return answer(*await query_async(query, media, default_graphs, named_graphs,
                                             row_limit=row_limit, timeout=_timeout(settings)))
        except QueryError as e:
            raise ApiError(400, "Malformed query", str(e)) from e
        except StoreError as e:
            raise store_error(e) from e

    return Pending(run, accept, timed=True, awork=arun)


def _update(store: Store, settings: Settings, update: str, args: Mapping[str, list[str]],
            h: Mapping[str, str], base: str) -> Pending:
    check_write_token(settings.update_token, h.get("authorization"))
    form = operation_kind(update)
    _check_services(settings, update)
    if form in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
        raise ApiError(400, "Query sent as update", "This is a SPARQL query: send it as query=.")
    using = _graph_iris(args, "using-graph-uri")
    using_named = _graph_iris(args, "using-named-graph-uri")

    def run() -> SparqlResponse:
        # Lexing the whole update (it may be large) happens here, off the event loop.
        if (using or using_named) and has_dataset_clause(update):
            raise ApiError(400, "Conflicting dataset",
                           "using-graph-uri/using-named-graph-uri cannot be combined with USING or "
                           "WITH in the update.")
        try:
            # The service-defined base IRI (the endpoint) resolves relative IRIs; a BASE in the
            # update itself still wins. Same line, so the parser's line numbers stay right.
            prefix = f"BASE <{base}> " if is_absolute_iri(base) else ""
            text = prefix + add_using(update, using, using_named)
            check_update_graphs(text, settings.base_iri)  # document graphs only through the SHACL gate
            store.update(text)
        except QueryError as e:
            raise ApiError(400, "Malformed update", str(e)) from e
        except StoreError as e:
            raise store_error(e) from e
        return SparqlResponse(204, "text/plain", b"")

    # Updates are not run under the query timeout: an abandoned update would still commit later,
    # which is worse than a slow answer. Only token holders can send them.
    return Pending(run, h.get("accept"), timed=False)


def _row_limit(settings: Settings, form: str) -> int | None:
    """The cap: rows of a SELECT; a graph answer may have ten triples for each row a table may."""
    if settings.result_limit is None or form == "ASK":
        return None
    return settings.result_limit if form == "SELECT" else 10 * settings.result_limit


def _check_services(settings: Settings, text: str) -> None:
    """SERVICE makes the server send requests: only to endpoints the configuration allows."""
    targets = service_targets(text)
    if targets == []:
        return
    allowed = set(settings.service_allowlist)
    refused = ["a variable or prefixed name"] if targets is None else [t for t in targets if t not in allowed]
    if refused:
        raise ApiError(400, "SERVICE not allowed",
                       f"This server calls no other SPARQL endpoint unless its configuration allows it "
                       f"(DIPLOKG_SERVICE_ALLOW); refused: {', '.join(refused)}.")


def _parser_message(query: str) -> str:
    """A parser's message for text that is not recognisably a query (rdflib's, with line/column)."""
    if not query.strip():
        return "The query is empty."
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(query)
    except Exception as e:  # pyparsing raises several types; all mean "not a query"
        return str(e)
    return "Not a SPARQL query: expected SELECT, CONSTRUCT, ASK or DESCRIBE after the prologue."


def _describe_service(store: Store, settings: Settings, accept: str | None,
                      endpoint_url: str | None) -> Pending:
    media = _negotiate(accept, GRAPH_OFFER, "The service description")

    def run() -> SparqlResponse:
        try:
            graph = service_description(store, endpoint_url or f"{settings.base_iri}/sparql",
                                        update_enabled=bool(settings.update_token), base=settings.base_iri)
        except StoreError as e:
            raise store_error(e) from e
        body = graph.serialize(format=_RDFLIB_FORMATS[media], encoding="utf-8")
        return SparqlResponse(200, _content_type(media), body, {"Vary": "Accept"})

    return Pending(run, accept, timed=False)
