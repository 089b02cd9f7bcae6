"""The SPARQL endpoint's short way in: protocol requests to ``/sparql`` skip the framework's layers.

A pure ASGI middleware with no behaviour of its own: a ``GET /sparql?query=...`` or
a ``POST /sparql`` without an ``Origin`` header is answered here by the same plain function the
routed endpoint calls (:func:`api.sparql.handle_sparql_async`), and so exactly as that route would
answer it; the seven framework layers between (error middleware, CORS, HEAD, exception handlers,
the exit stack, the router) cost a small query about a third of its time in the server. Everything
else takes the ordinary way: requests from browsers (``Origin``: CORS headers are added there),
``HEAD``, the service description and the editor page (``GET`` without a query).
It sits inside :class:`api.limits.BodyLimit`, so the body limit holds here too.
"""

from __future__ import annotations

from starlette.datastructures import URL
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.sparql import handle_sparql_async


class SparqlFastPath:
    def __init__(self, app: ASGIApp, path: str = "/sparql") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._takes(scope):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        state = scope["app"].state  # Starlette sets scope["app"] before any middleware runs
        endpoint_url = str(URL(scope=scope).replace(query="")).rstrip("?")
        r = await handle_sparql_async(state.store, state.settings, scope["method"], scope.get("query_string", b""),
                                      _headers(scope), body, endpoint_url)
        await Response(r.body, status_code=r.status, media_type=r.media_type, headers=r.headers)(scope, receive, send)

    def _takes(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["path"] != self.path or scope.get("root_path"):
            return False
        method = scope["method"]
        if method == "GET":
            if b"query=" not in scope.get("query_string", b""):
                return False  # the service description, or the editor page for a browser
        elif method != "POST":
            return False
        return not any(name == b"origin" for name, _ in scope["headers"])


def _headers(scope: Scope) -> dict[str, str]:
    # As the routed endpoint sees them (a repeated header: the last one, as its dict() of them does).
    return {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)
