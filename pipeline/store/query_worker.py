"""The process side of query isolation: one read-only store handle, one query at a time.

A worker is started by :class:`pipeline.store.isolated.QueryPool` (forkserver, so it inherits no
RocksDB state or threads from the server) and loops on its pipe: a :class:`Task` in, a
:class:`Reply` out. It is killed, never asked, when its query runs past the deadline, and it may
die on its own (a crash in the engine, the memory limit): the pool replaces it either way.

Results are read row by row and stop at the cap, so a cartesian SELECT costs ``row_limit`` rows
of memory, not the whole answer.
"""

from __future__ import annotations

import itertools
import json
import resource
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from pipeline.store import results
from pipeline.store.base import DATASET_TYPES

_RESULT_FORMATS = {
    results.JSON: ox.QueryResultsFormat.JSON,
    results.XML: ox.QueryResultsFormat.XML,
    results.CSV: ox.QueryResultsFormat.CSV,
    results.TSV: ox.QueryResultsFormat.TSV,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Task:
    generation: int  # the store's write generation: a worker with an older handle reopens it
    query: str
    media_type: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    row_limit: int | None = None  # rows of a SELECT, triples of a CONSTRUCT; None = all


@dataclass(frozen=True)
class Reply:
    ok: bool
    body: bytes = b""
    truncated: bool = False
    error_kind: str = ""  # "query" (the client's mistake) or "store"
    message: str = ""


def serve(conn: Connection, path: str, memory_mb: int | None) -> None:
    """The worker's main loop (the target of the worker process)."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    store: ox.Store | None = None
    generation = -1
    while True:
        try:
            task: Task = conn.recv()
        except EOFError:  # the pool is gone
            return
        try:
            if store is None or task.generation != generation:
                store = None  # release the old handle before opening the new one
                store = _open(path)
                generation = task.generation
            reply = run(store, task)
        except SyntaxError as e:
            reply = Reply(False, error_kind="query", message=str(e))
        except MemoryError:
            reply = Reply(False, error_kind="store", message=f"the query needed more than {memory_mb} MB of memory")
        except (OSError, ValueError, RuntimeError) as e:  # RuntimeError: RocksDB's "Corruption" on open
            reply = Reply(False, error_kind="store", message=str(e))
        conn.send(reply)


def _open(path: str, attempts: int = 8) -> ox.Store:
    """A read-only handle, retried: opened just after a write, it can read a list of files the
    writer's background flush is replacing ("Corruption: ... No such file"); a moment later it is
    consistent again."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.005 * 2**attempt)  # 5 ms, 10 ms, ... about 0.6 s in all
    raise AssertionError("unreachable")


def run(store: ox.Store, task: Task) -> Reply:
    kwargs: dict = {}
    if task.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(u) for u in task.default_graphs]
    elif not task.named_graphs:
        kwargs["use_default_graph_as_union"] = True  # as OxigraphStore.query_raw: see there
    if task.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(u) for u in task.named_graphs]
    result = store.query(task.query, **kwargs)
    if isinstance(result, ox.QueryBoolean):
        return Reply(True, result.serialize(format=_results_format(task.media_type)))
    if isinstance(result, ox.QueryTriples):
        return _triples(result, task)
    return _solutions(result, task, store, kwargs)


def _results_format(media_type: str) -> ox.QueryResultsFormat:
    fmt = _RESULT_FORMATS.get(media_type)
    if fmt is None:
        raise ValueError(f"cannot serialise query results as {media_type}")
    return fmt


# The fewest bytes a row takes in each results format (JSON "{}," , CSV CRLF, TSV LF, XML
# "<result></result>"): an answer shorter than row_limit times this has at most row_limit rows.
_MIN_ROW_BYTES = {results.JSON: 3, results.CSV: 2, results.TSV: 1, results.XML: 17}


class _Over(Exception):
    pass


class _BoundedWriter:
    """A byte sink for the engine's serialiser that stops it (raises) past ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.budget = budget

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        if self.size > self.budget:
            raise _Over
        return len(data)

    def flush(self) -> None:
        pass


def _solutions(result: ox.QuerySolutions, task: Task, store: ox.Store | None = None,
               kwargs: dict | None = None) -> Reply:
    if task.row_limit is None:
        return Reply(True, result.serialize(format=_results_format(task.media_type)))
    if store is not None:
        # Fast path: the engine's own serialiser (several times faster than rows in Python), stopped
        # at a size that proves the answer is within the cap. Past it, the query runs again below
        # and stops at the cap row by row; the first run cost at most that many bytes.
        sink = _BoundedWriter(_MIN_ROW_BYTES[task.media_type] * task.row_limit)
        try:
            result.serialize(sink, format=_results_format(task.media_type))
            return Reply(True, b"".join(sink.parts))
        except _Over:
            result = store.query(task.query, **(kwargs or {}))
    names = [v.value for v in result.variables]
    rows = list(itertools.islice(result, task.row_limit + 1))
    truncated = len(rows) > task.row_limit
    bindings = []
    for solution in rows[: task.row_limit]:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = json_term(term)
        bindings.append(row)
    answer = {"head": {"vars": names}, "results": {"bindings": bindings}}
    if task.media_type == results.JSON:
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    else:
        body = results.serialize(answer, task.media_type)
    return Reply(True, body, truncated)


def _triples(result: ox.QueryTriples, task: Task) -> Reply:
    media = task.media_type
    if media in DATASET_TYPES:  # CONSTRUCT yields triples: a dataset of one default graph
        fmt = ox.RdfFormat.N_QUADS if media == "application/n-quads" else ox.RdfFormat.TRIG
    else:
        fmt = ox.RdfFormat.from_media_type(media)
    if task.row_limit is None:
        return Reply(True, result.serialize(format=fmt))
    triples = list(itertools.islice(result, task.row_limit + 1))
    truncated = len(triples) > task.row_limit
    body = ox.serialize(triples[: task.row_limit], format=fmt) or b""
    return Reply(True, body, truncated)


def json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results form (RDF-star triples as SPARQL-star does)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": json_term(term.subject),
                                        "predicate": json_term(term.predicate),
                                        "object": json_term(term.object)}}
