"""The embedded default store: Oxigraph (RocksDB on disk) through pyoxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from pipeline.store.base import DATASET_TYPES, QueryError, Store, StoreError, check_query

_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def ntriples_block(graph: rdflib.Graph) -> str:
    """The triples of ``graph`` as N-Triples text, usable inside INSERT DATA."""
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def replace_graph_update(graph_iri: str, graph: rdflib.Graph) -> str:
    """One SPARQL Update request that swaps a named graph's content.

    A single request is a single transaction in Oxigraph, so a reader sees
    either the old facts or the new ones, never a mix or an empty graph.
    """
    return (
        f"DROP SILENT GRAPH <{graph_iri}> ;\n"
        f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples_block(graph)}}} }}"
    )


class OxigraphStore(Store):
    def __init__(self, path: Path | str | None, read_only: bool = False) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            from pipeline.store.lock import is_lock_error, locked_message

            if path is not None and is_lock_error(e):  # name the holder, not RocksDB's words
                raise StoreError(locked_message(path)) from e
            raise StoreError(f"cannot open the Oxigraph store at {path}: {e}") from e
        self.path = path

    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        # A SPARQL Update, not pyoxigraph's bulk path: bulk_load / bulk_extend give no transaction
        # (and write new files to disk on every call); load / extend are transactional but insert
        # only, so dropping the old facts would be a second transaction and a reader could see the
        # graph empty. One update request is one transaction (documents: Store.update_all).
        # The cost of each path: benchmarks/bench_write_paths.py.
        self.update(replace_graph_update(graph_iri, graph))

    def drop_graph(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def get_graph(self, graph_iri: str) -> rdflib.Graph:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
        return rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")

    def dump(self, media_type: str = "application/n-quads") -> bytes:
        """The whole dataset, as N-Quads or TriG."""
        return self._store.dump(format=ox.RdfFormat.from_media_type(media_type))

    def query_raw(self, query, accept, default_graph_uris=None, named_graph_uris=None):
        check_query(query)
        kwargs: dict = {}
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        elif not named_graph_uris:
            # No dataset given: the default graph is the union of the document graphs. When only
            # named graphs are given, the protocol says the default graph is empty (the store's
            # own default graph, which the pipeline never writes to).
            kwargs["use_default_graph_as_union"] = True
        if named_graph_uris:
            kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        try:
            result = self._store.query(query, **kwargs)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(str(e)) from e
        try:
            if isinstance(result, ox.QueryTriples):
                if accept in DATASET_TYPES:
                    # CONSTRUCT yields triples; serialise them as a dataset in the default graph.
                    fmt = ox.RdfFormat.N_QUADS if accept == "application/n-quads" else ox.RdfFormat.TRIG
                else:
                    fmt = ox.RdfFormat.from_media_type(accept)
                return result.serialize(format=fmt), accept
            fmt = _RESULT_FORMATS.get(accept)
            if fmt is None:
                raise QueryError(f"cannot serialise query results as {accept}")
            return result.serialize(format=fmt), accept
        except (ValueError, OSError) as e:
            raise QueryError(str(e)) from e

    def update(self, update: str) -> None:
        try:
            self._store.update(update)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(str(e)) from e

    def flush(self) -> None:
        # RocksDB as Oxigraph opens it keeps every write in memory and in its write-ahead log until
        # flushed: a build of 8,040 motions without flushes grew the writing process to 2.1 GB and the
        # store folder to 2.7 GB (2.0 GB of it log); benchmarks/bench_build.py.
        try:
            self._store.flush()
        except OSError as e:
            raise StoreError(str(e)) from e

    def close(self) -> None:
        # pyoxigraph closes RocksDB when the object is collected; flush what is pending now.
        try:
            self._store.flush()
        except (OSError, AttributeError, RuntimeError):  # read-only instances cannot flush
            pass
        self._store = None  # type: ignore[assignment]
