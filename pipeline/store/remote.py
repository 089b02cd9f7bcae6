"""Any SPARQL 1.1 store over HTTP (Virtuoso, Fuseki, GraphDB, Oxigraph server...).

Why plain httpx and not SPARQLWrapper or rdflib's SPARQLUpdateStore:

* ``query_raw`` must pass the serialised answer through untouched, in the media type the API
  negotiated; SPARQLWrapper wants to pick the Accept header from its own "return format" and
  guesses the query type with regular expressions; SPARQLUpdateStore parses every answer.
* one pooled keep-alive connection (``httpx.Client``) instead of a new connection per query,
  explicit timeouts (mapped to :class:`QueryTimeout`), and Basic *or* Digest authentication
  (Fuseki and GraphDB use Basic; Virtuoso's ``/sparql-auth`` uses Digest).

httpx is already in the environment (FastAPI's TestClient needs it); it is imported only when a
remote store is configured.

The default graph must be the union of the named graphs, as in the embedded store:

* **Virtuoso**: it is, out of the box (a query without FROM sees every graph). Note that this
  includes Virtuoso's own system graphs (virtrdf:, ldp:, owl:...): :meth:`graphs` hides them, and
  queries about diplokg's vocabulary never match them.
* **Fuseki (TDB2)**: set ``tdb2:unionDefaultGraph true`` on the dataset in the assembler.
* **GraphDB**: the default graph is the union of the named graphs by default.
* **Oxigraph server**: start it with ``--union-default-graph``.
"""

from __future__ import annotations

import json
from collections.abc import Generator

import httpx
import rdflib

from pipeline.store import results
from pipeline.store.base import (
    DATASET_TYPES,
    GRAPH_TYPES,
    SELECT_TYPES,
    QueryError,
    QueryTimeout,
    Store,
    StoreError,
)
from pipeline.store.shared import CHUNK_TRIPLES

# Graphs a fresh Virtuoso holds for itself; not diplokg documents.
SYSTEM_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/",
    "http://www.w3.org/ns/ldp#",
    "http://www.w3.org/2002/07/owl#",
    "http://localuriqaserver/",
    "http://localhost:8890/",
)
# Above this size an INSERT DATA is split; Virtuoso and Fuseki cope with a few MB per request.
DEFAULT_CHUNK_BYTES = 4_000_000

_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


class _BasicOrDigest(httpx.Auth):
    """Answer whichever challenge the server sends: Basic or Digest."""

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None  # remembered after the first challenge

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        if challenge.startswith("digest"):
            self._scheme = "digest"
            # Drive DigestAuth's flow by hand: its first step (the bare request) has been sent
            # already; given this 401 it builds the authenticated request. Later requests reuse
            # the cached challenge, so they need a single round trip.
            flow = self._digest.auth_flow(request)
            next(flow)
            try:
                authed = flow.send(response)
            except StopIteration:
                return
            yield authed
        else:
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


def _base(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


class RemoteStore(Store):
    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.chunk_bytes = chunk_bytes
        auth = _BasicOrDigest(user, password or "") if user else None
        self._client = httpx.Client(timeout=timeout, auth=auth, follow_redirects=True)

    # -- HTTP ------------------------------------------------------------------------------------

    def _post(self, url: str, data: list[tuple[str, str]], accept: str) -> httpx.Response:
        try:
            form: dict[str, list[str]] = {}
            for k, v in data:
                form.setdefault(k, []).append(v)
            response = self._client.post(url, data=form, headers={"Accept": accept})
        except httpx.TimeoutException as e:
            raise QueryTimeout(f"the store at {url} did not answer in time: {e}") from e
        except httpx.HTTPError as e:
            raise StoreError(f"cannot reach the store at {url}: {e}") from e
        if response.status_code == 400:
            raise QueryError(_first_lines(response.text))
        if response.status_code in (401, 403):
            raise StoreError(f"the store refused the request ({response.status_code}): check the credentials")
        if response.status_code >= 400:
            raise StoreError(f"the store answered {response.status_code}: {_first_lines(response.text)}")
        return response

    # -- Store -----------------------------------------------------------------------------------

    def query_raw(self, query, accept, default_graph_uris=None, named_graph_uris=None):
        data = [("query", query)]
        data += [("default-graph-uri", g) for g in default_graph_uris or []]
        data += [("named-graph-uri", g) for g in named_graph_uris or []]
        if accept in SELECT_TYPES:
            return self._select(data, accept), accept
        if accept not in GRAPH_TYPES and accept not in DATASET_TYPES:
            raise QueryError(f"cannot serialise query results as {accept}")
        # Stores differ in the RDF formats they write (Virtuoso 7 has no TriG/N-Quads for
        # CONSTRUCT): ask for the wanted type first, accept N-Triples/Turtle as a fallback, and
        # convert here when the store picked a fallback.
        header = f"{accept}, application/n-triples;q=0.9, text/turtle;q=0.8"
        response = self._post(self.query_url, data, header)
        got = _base(response.headers.get("content-type", accept))
        if got == accept:
            return response.content, accept
        fmt = _RDFLIB_FORMATS.get(got)
        if fmt is None:
            raise StoreError(f"the store answered {got}, which cannot be converted to {accept}")
        graph = rdflib.Graph().parse(data=response.content, format=fmt)
        target = _RDFLIB_FORMATS[accept]
        if target in ("trig", "nquads"):
            ds = rdflib.Dataset()
            for t in graph:
                ds.add(t)
            return ds.serialize(format=target, encoding="utf-8"), accept
        return graph.serialize(format=target, encoding="utf-8"), accept

    def _select(self, data: list[tuple[str, str]], accept: str) -> bytes:
        """SELECT/ASK results, always fetched as JSON and written here in the wanted format.

        Servers' own CSV/TSV/XML are not always conformant (Virtuoso 7 drops language tags and the
        '?' of TSV headers), and Virtuoso 7 answers ASK as a one-row SELECT of ``__ASK_RETVAL``.
        """
        body = self._post(self.query_url, data, results.JSON).content
        try:
            result = json.loads(body)
        except ValueError as e:
            raise StoreError(f"the store sent invalid SPARQL JSON: {e}") from e
        if result.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
            rows = result.get("results", {}).get("bindings", [])
            value = bool(rows) and rows[0].get("__ASK_RETVAL", {}).get("value") not in ("0", "false")
            result = {"head": {}, "boolean": value}
        if accept == results.JSON and "boolean" not in result:
            return body
        return results.serialize(result, accept)

    def update(self, update: str) -> None:
        self._post(self.update_url, [("update", update)], "*/*")

    def update_all(self, updates: list[str]) -> None:
        # One request each: a request of several megabytes is refused by some stores, so the
        # sequence is not atomic here (as for a chunked replace_graph).
        for update in updates:
            self.update(update)

    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        chunks = list(self._chunks(graph))
        # One request when it fits: most stores run one request as one transaction, so readers
        # never see the graph half replaced. Bigger graphs are sent in chunks after the first,
        # which is not atomic.
        first = chunks[0] if chunks else ""
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\n"
                    f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{first}}} }}")
        for chunk in chunks[1:]:
            self.update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{chunk}}} }}")

    def add_to_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        for chunk in self._chunks(graph):
            self.update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{chunk}}} }}")

    def _chunks(self, graph: rdflib.Graph) -> list[str]:
        # Some stores refuse blank nodes in INSERT DATA (Virtuoso: SP031), and their labels would be
        # scoped to one request anyway: give them well-known genid IRIs (RDF 1.1 skolemisation).
        # Pipeline graphs have none; the ontology's OWL lists and restrictions do.
        graph = graph.skolemize()
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines(keepends=True)
        lines = [line for line in lines if line.strip()]
        if sum(len(line) for line in lines) <= self.chunk_bytes and len(lines) <= CHUNK_TRIPLES:
            return ["".join(lines)] if lines else []
        chunks, current, size = [], [], 0
        for line in lines:
            if current and (size + len(line) > self.chunk_bytes or len(current) >= CHUNK_TRIPLES):
                chunks.append("".join(current))
                current, size = [], 0
            current.append(line)
            size += len(line)
        if current:
            chunks.append("".join(current))
        return chunks

    def drop_graph(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def graphs(self) -> list[str]:
        rows = self.rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = {r["g"] for r in rows if r["g"]}
        return sorted(g for g in names if not g.startswith(SYSTEM_GRAPH_PREFIXES))

    def get_graph(self, graph_iri: str) -> rdflib.Graph:
        body, _ = self.query_raw(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
            "application/n-triples",
        )
        return rdflib.Graph().parse(data=body.decode("utf-8"), format="nt")

    def select(self, query: str) -> dict:
        body, _ = self.query_raw(query, "application/sparql-results+json")
        try:
            return json.loads(body)
        except ValueError as e:
            raise StoreError(f"the store sent invalid SPARQL JSON: {e}") from e

    def close(self) -> None:
        self._client.close()


def _first_lines(text: str, lines: int = 3) -> str:
    """The store's message without the echo of a long request (Virtuoso repeats the whole update)."""
    kept = text.strip().splitlines()[:lines]
    return "\n".join(kept)[:500]
