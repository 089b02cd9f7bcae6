"""The one error shape of the API, and the authorisation check shared by every write.

Every error, from every route, is::

    {"error": {"status": 400, "title": "Malformed query", "detail": "<the parser's message>"}}

served as ``application/json``. The only exception: a client whose Accept header prefers
``text/plain`` over JSON (curl scripts, some SPARQL tools) gets the same three fields as one line
of text, ``400 Malformed query: <detail>``. A client that accepts neither (e.g. only
``application/sparql-results+json``) still gets JSON: an error must be readable, not a 406.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from api.negotiation import negotiate

ERROR_TYPES = ("application/json", "text/plain")


class ApiError(Exception):
    """Raised anywhere below a route; turned into the error shape by :func:`error_body`."""

    def __init__(self, status: int, title: str, detail: str, headers: Mapping[str, str] | None = None):
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = dict(headers or {})


@dataclass
class ErrorBody:
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def error_body(status: int, title: str, detail: str, accept: str | None) -> ErrorBody:
    media = negotiate(accept, ERROR_TYPES) or "application/json"
    if media == "text/plain":
        return ErrorBody("text/plain; charset=utf-8", f"{status} {title}: {detail}\n".encode())
    doc = {"error": {"status": status, "title": title, "detail": detail}}
    return ErrorBody("application/json", json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def check_write_token(expected: str | None, authorization: str | None) -> None:
    """Writes need ``Authorization: Bearer <update_token>``.

    No token configured -> writes are switched off (403, whatever the client sends);
    missing or wrong token -> 401 with a Bearer challenge.
    """
    if not expected:
        raise ApiError(
            403,
            "Updates disabled",
            "This server is read-only: no update token is configured (set DIPLOKG_UPDATE_TOKEN to enable "
            "SPARQL Update and Graph Store writes).",
        )
    challenge = {"WWW-Authenticate": 'Bearer realm="diplokg"'}
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "Authentication required", "Send 'Authorization: Bearer <token>'.", challenge)
    # Constant-time comparison: the token is a secret. HTTP headers arrive decoded as Latin-1, so a
    # token with non-ASCII characters is compared as the UTF-8 bytes the client sent.
    if not hmac.compare_digest(given.strip().encode("latin-1", "replace"), expected.strip().encode("utf-8")):
        raise ApiError(401, "Invalid token", "The bearer token is not the update token.", challenge)


def store_error(e: Exception) -> ApiError:
    """A store failure in the one error shape: a query stopped at its deadline is 503 (as Fuseki
    answers), a query that crashed its worker 500 with that said, anything else 500."""
    from pipeline.store.base import QueryTimeout
    from pipeline.store.isolated import QueryCrashed

    if isinstance(e, QueryTimeout):
        return ApiError(503, "Query timeout", str(e))
    if isinstance(e, QueryCrashed):
        return ApiError(500, "Query failed", str(e))
    return ApiError(500, "Store failure", str(e))
