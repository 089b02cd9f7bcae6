"""The Store interface shared by the embedded and the remote implementation."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any

import rdflib

# Media types every implementation can produce from ``query_raw``.
SELECT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
DATASET_TYPES = ("application/trig", "application/n-quads")


# Past these a query is refused before any parser sees it (the embedded engine's recursive parser
# crashes the process somewhere past a thousand nested groups; see docs/upstream-oxigraph-nesting.md).
MAX_QUERY_LENGTH = 200_000
MAX_NESTING = 100


class StoreError(Exception):
    """The store failed (I/O, connection, lock)."""


class QueryError(StoreError):
    """The query or update is malformed or was refused; the message is the parser's."""


class QueryTimeout(StoreError):
    """The store gave up on a query after its deadline (remote stores; the API maps it to 503)."""


def check_query(query: str, max_length: int = MAX_QUERY_LENGTH, max_depth: int = MAX_NESTING) -> None:
    """Refuse (QueryError) a query too long or too deeply nested to hand to a parser."""
    if len(query) > max_length:
        raise QueryError(f"the query has {len(query):,} characters; the limit is {max_length:,}")
    # Counting is cheap; only a text with more brackets than the limit can nest past it.
    if sum(query.count(c) for c in "{([") > max_depth:
        from pipeline.sparql_text import max_nesting

        if (depth := max_nesting(query)) > max_depth:
            raise QueryError(f"the query nests groups {depth} deep; the limit is {max_depth}")


class Store(ABC):
    """A quad store with one named graph per source document.

    The default graph of queries is the union of the named graphs.
    """

    @abstractmethod
    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Atomically replace the named graph ``graph_iri`` with the triples of ``graph``."""

    @abstractmethod
    def drop_graph(self, graph_iri: str) -> None:
        """Remove one named graph (no error if absent)."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """IRIs of the named graphs."""

    @abstractmethod
    def get_graph(self, graph_iri: str) -> rdflib.Graph:
        """The triples of one named graph (empty graph if absent)."""

    @abstractmethod
    def query_raw(
        self,
        query: str,
        accept: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> tuple[bytes, str]:
        """Run a query; return the serialised result and its media type.

        ``accept`` is one media type out of SELECT_TYPES (SELECT/ASK) or
        GRAPH_TYPES/DATASET_TYPES (CONSTRUCT/DESCRIBE).
        """

    @abstractmethod
    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update request."""

    @abstractmethod
    def close(self) -> None: ...

    def flush(self) -> None:
        """Write what is buffered in memory to disk (the embedded store); remote stores: nothing to do."""
        return None

    def update_all(self, updates: list[str]) -> None:
        """Several updates as one request (one transaction where the store runs requests so)."""
        if updates:
            self.update(" ;\n".join(updates))

    # Document graphs: each fact once (pipeline.store.shared). The plain graph methods above stay
    # for graphs that are not documents (the ontology, other named graphs clients write).

    def replace_document(self, graph_iri: str, graph: rdflib.Graph) -> int:
        """Store a document's graph: its own facts in ``graph_iri``, its descriptions of actors,
        posts and motions merged into the shared actors graph. Returns the triples ``graph_iri`` holds."""
        from pipeline.store.shared import replace_document

        return replace_document(self, graph_iri, graph)

    def drop_document(self, graph_iri: str) -> None:
        """Delete a document and what only it said about actors, posts and motions."""
        from pipeline.store.shared import replace_document

        replace_document(self, graph_iri, None)

    def document_graph(self, graph_iri: str) -> rdflib.Graph:
        """A stored document as it was before the split: its graph plus its actor descriptions."""
        from pipeline.store.shared import document_view

        return document_view(self, graph_iri)

    def add_to_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Merge the triples of ``graph`` into the named graph ``graph_iri`` (one update)."""
        nt = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        self.update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{nt}}} }}")

    def has_graph(self, graph_iri: str) -> bool:
        """True when the named graph holds at least one triple.

        An ASK rather than ``graphs()``: stores differ on whether an emptied graph still exists.
        """
        return bool(self.select(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}").get("boolean"))

    def query_capped(
        self,
        query: str,
        accept: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        *,
        row_limit: int | None = None,
        timeout: float | None = None,
    ) -> tuple[bytes, bool]:
        """A query's answer cut to ``row_limit`` rows (SELECT) or triples (CONSTRUCT/DESCRIBE).

        Returns the body in ``accept`` and whether rows were dropped. This generic version asks
        for the whole answer and cuts SELECT rows afterwards (graph answers are not cut); the
        isolated embedded store streams, stops at the cap for both, and stops at ``timeout`` too
        (here, stores apply their own deadline).
        """
        from pipeline.store import results

        if row_limit is None or accept not in SELECT_TYPES:
            return self.query_raw(query, accept, default_graph_uris, named_graph_uris)[0], False
        raw, _ = self.query_raw(query, results.JSON, default_graph_uris, named_graph_uris)
        if accept == results.JSON and len(raw) < 3 * row_limit:
            # Every row takes at least 3 bytes ("{}," in the bindings array), so this answer is
            # within the cap: send the store's JSON as it is, unparsed.
            return raw, False
        answer = json.loads(raw)
        truncated = results.truncate(answer, row_limit)
        return results.serialize(answer, accept), truncated

    # Derived helpers, shared by both implementations.

    def select(self, query: str) -> dict[str, Any]:
        """SPARQL 1.1 JSON results of a SELECT or ASK query, parsed."""
        body, _ = self.query_raw(query, "application/sparql-results+json")
        return json.loads(body)

    def rows(self, query: str) -> list[dict[str, str | None]]:
        """SELECT results as plain dictionaries of lexical values."""
        result = self.select(query)
        names = result.get("head", {}).get("vars", [])
        return [
            {n: (b[n]["value"] if n in b else None) for n in names}
            for b in result.get("results", {}).get("bindings", [])
        ]

    def construct(self, query: str) -> rdflib.Graph:
        body, _ = self.query_raw(query, "application/n-triples")
        return rdflib.Graph().parse(data=body.decode("utf-8"), format="nt")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
