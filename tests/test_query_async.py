"""The event loop's way to the query workers (QueryPool.run_async) keeps every guarantee of the
blocking way, and /sparql's short way in (api/fast_sparql.py) answers as the routed endpoint does.

Real worker processes on a real on-disk store; the app in process.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time

import pytest
import rdflib

from pipeline.store.base import QueryError, QueryTimeout
from pipeline.store.isolated import IsolatedOxigraphStore, QueryCrashed

JSON = "application/sparql-results+json"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENGINE_CRASH = "SELECT * WHERE { FILTER(" + "!" * 20000 + "true) }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PAIRS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = IsolatedOxigraphStore(tmp_path_factory.mktemp("async") / "store", query_timeout=2.0,
                              min_workers=2, max_workers=3, memory_mb=1024)
    g = rdflib.Graph()
    for i in range(300):
        g.add((rdflib.URIRef(f"urn:s{i}"), rdflib.URIRef("urn:p"), rdflib.Literal(i)))
    s.replace_graph("urn:g:one", g)
    yield s
    s.close()


def _count(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_answers_match_the_blocking_path(store) -> None:
    async def both():
        return await store.query_capped_async(COUNT, JSON, row_limit=100)

    body, truncated = asyncio.run(both())
    assert (_count(body), truncated) == (300, False)
    assert store.query_capped(COUNT, JSON, row_limit=100) == (body, False)  # the same worker, blocking again
    body, truncated = asyncio.run(store.query_capped_async("SELECT ?s WHERE { ?s ?p ?o }", "text/csv", row_limit=7))
    assert truncated and body.count(b"\r\n") == 8


def test_a_worker_killed_while_idle_costs_no_query(store) -> None:
    for pid in store.pool.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    body, _ = asyncio.run(store.query_capped_async(COUNT, JSON))
    assert _count(body) == 300


def test_deadline_crash_and_bad_query(store) -> None:
    before = set(store.pool.pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        asyncio.run(store.query_capped_async(SLOW, JSON, timeout=0.5))
    assert time.monotonic() - started < 1.5
    assert before - set(store.pool.pids()), "the worker that ran the query should have been killed"
    with pytest.raises(QueryCrashed, match="SIGSEGV"):
        asyncio.run(store.query_capped_async(ENGINE_CRASH, JSON))
    with pytest.raises(QueryError):
        asyncio.run(store.query_capped_async("SELECT WHERE", JSON))
    assert _count(asyncio.run(store.query_capped_async(COUNT, JSON))[0]) == 300
    assert store.pool.workers <= store.pool.max_workers


def test_more_queries_than_workers_all_get_answers(store) -> None:
    async def many():
        return await asyncio.gather(*(store.query_capped_async(COUNT, JSON) for _ in range(12)))

    answers = asyncio.run(many())
    assert [_count(b) for b, _ in answers] == [300] * 12
    assert store.pool.workers <= store.pool.max_workers


def test_a_write_is_seen_by_the_next_query(store) -> None:
    ask = "ASK { GRAPH <urn:g:two> { ?s ?p ?o } }"
    assert json.loads(asyncio.run(store.query_capped_async(ask, JSON))[0])["boolean"] is False
    store.update("INSERT DATA { GRAPH <urn:g:two> { <urn:a> <urn:b> <urn:c> } }")
    assert json.loads(asyncio.run(store.query_capped_async(ask, JSON))[0])["boolean"] is True


@pytest.mark.parametrize(("method", "kwargs"), [
    ("GET", {"params": {"query": "SELECT ?s WHERE { ?s ?p 3 }"}}),
    ("GET", {"params": {"query": "SELECT ?s WHERE { ?s ?p 3 }", "format": "csv"}}),
    ("POST", {"content": "SELECT ?s WHERE { ?s ?p 3 }", "headers": {"Content-Type": "application/sparql-query"}}),
    ("GET", {"params": {"query": "SELECT WHERE {"}}),
    ("POST", {"content": "x", "headers": {"Content-Type": "text/plain"}}),
    ("GET", {"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}),
])
def test_the_short_way_answers_as_the_routed_endpoint(store, method: str, kwargs: dict) -> None:
    """A browser's request (Origin) goes the routed way, with CORS headers; the same request without
    Origin the short way: status, type and body are the same."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from pipeline.config import Settings

    with TestClient(create_app(Settings(base_iri="https://w3id.org/diplokg"), store)) as c:
        headers = kwargs.pop("headers", {})
        short = c.request(method, "/sparql", headers=headers, **kwargs)
        routed = c.request(method, "/sparql", headers={**headers, "Origin": "http://example.org"}, **kwargs)
    assert routed.headers.get("access-control-allow-origin") == "*"
    assert "access-control-allow-origin" not in short.headers
    assert (short.status_code, short.headers["content-type"], short.content) == \
        (routed.status_code, routed.headers["content-type"], routed.content)


@pytest.mark.parametrize(("method", "query_string", "headers", "short"), [
    ("GET", b"query=ASK%7B%7D", [], True),
    ("POST", b"", [(b"content-type", b"application/sparql-query")], True),
    ("GET", b"query=ASK%7B%7D", [(b"origin", b"http://example.org")], False),  # CORS: the routed way
    ("HEAD", b"query=ASK%7B%7D", [], False),
    ("GET", b"", [(b"accept", b"text/html")], False),  # the editor page or the service description
    ("OPTIONS", b"", [], False),
])
def test_which_requests_take_the_short_way(method: str, query_string: bytes, headers: list, short: bool) -> None:
    from api.fast_sparql import SparqlFastPath

    scope = {"type": "http", "method": method, "path": "/sparql", "query_string": query_string, "headers": headers}
    assert SparqlFastPath(None)._takes(scope) is short  # type: ignore[arg-type]


def test_the_result_cache_serves_repeats_until_the_next_write(tmp_path) -> None:
    from pipeline.store.result_cache import cacheable

    s = IsolatedOxigraphStore(tmp_path / "store", min_workers=1, max_workers=2, cache_mb=1)
    try:
        s.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
        first = asyncio.run(s.query_capped_async(COUNT, JSON))
        assert _count(first[0]) == 1 and s.cache.misses == 1
        for pid in s.pool.pids():  # no worker left: a repeat can only come from the cache
            os.kill(pid, signal.SIGSTOP)
        try:
            assert asyncio.run(s.query_capped_async(COUNT, JSON, timeout=1)) == first
            assert s.query_capped(COUNT, JSON, timeout=1) == first  # the blocking path shares it
            assert s.cache.hits == 2
        finally:
            for pid in s.pool.pids():
                os.kill(pid, signal.SIGCONT)
        s.update("INSERT DATA { GRAPH <urn:g> { <urn:b> <urn:p> 2 } }")  # a write: the cached count is stale
        assert _count(asyncio.run(s.query_capped_async(COUNT, JSON))[0]) == 2
        now = "SELECT (NOW() AS ?t) (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        asyncio.run(s.query_capped_async(now, JSON))
        asyncio.run(s.query_capped_async(now, JSON))
        assert s.cache.hits == 2  # never from the cache
        assert not cacheable("SELECT * { ?s ?p ?o FILTER(RAND() < 0.5) }")
        assert not cacheable("select * { service <http://127.0.0.1:1/> { ?s ?p ?o } }")
        assert cacheable('SELECT * { ?s ?p "NOW()" } # RAND')  # inside a string or a comment: no call
        big = "SELECT ?i WHERE { VALUES ?i { " + " ".join(f'"{"x" * 900}{i}"' for i in range(200)) + " } }"
        kept = s.cache.size
        body, _ = asyncio.run(s.query_capped_async(big, JSON))
        assert len(body) > 1024 * 1024 // 16 and s.cache.size == kept  # over a sixteenth of the budget: not kept
    finally:
        s.close()


def test_a_query_waiting_for_a_busy_worker_keeps_its_own_deadline(tmp_path) -> None:
    s = IsolatedOxigraphStore(tmp_path / "store", min_workers=1, max_workers=1)
    try:
        g = rdflib.Graph()
        for i in range(300):
            g.add((rdflib.URIRef(f"urn:s{i}"), rdflib.URIRef("urn:p"), rdflib.Literal(i)))
        s.replace_graph("urn:g", g)

        async def scenario():
            slow = asyncio.create_task(s.query_capped_async(SLOW, JSON, timeout=2.0))
            await asyncio.sleep(0.1)  # the one worker is busy
            started = time.monotonic()
            with pytest.raises(QueryTimeout):
                await s.query_capped_async(COUNT, JSON, timeout=0.3)
            waited = time.monotonic() - started
            queued = asyncio.create_task(s.query_capped_async(COUNT, JSON, timeout=10))
            with pytest.raises(QueryTimeout):
                await slow
            return waited, await queued  # the worker that replaced the killed one answers it

        waited, (body, _) = asyncio.run(scenario())
        assert 0.25 < waited < 1.0 and _count(body) == 300
        assert s.pool.workers == 1
    finally:
        s.close()


def test_blocking_and_event_loop_queries_wait_in_one_line(tmp_path) -> None:
    """A REST route's query (a thread, blocking) waiting for the busy worker is served before the
    /sparql queries (the event loop) that came after it, not after all of them."""
    s = IsolatedOxigraphStore(tmp_path / "store", min_workers=1, max_workers=1)
    try:
        s.replace_graph("urn:g", rdflib.Graph().parse(
            data="\n".join(f"<urn:s{i}> <urn:p> \"{i}\" ." for i in range(300)), format="nt"))
        done: dict[str, float] = {}

        # ~10 ms each on the one worker: far more than a thread takes to wake up after its answer
        def blocking() -> None:
            s.query_capped(PAIRS, JSON, timeout=10)
            done["thread"] = time.monotonic()

        async def looped(k: int) -> None:
            await s.query_capped_async(PAIRS, JSON, timeout=10)
            done[f"loop{k}"] = time.monotonic()

        async def until(condition) -> None:  # a loaded machine may take longer than any fixed pause
            for _ in range(500):
                if condition():
                    return
                await asyncio.sleep(0.01)
            raise AssertionError("the store never got there")

        async def scenario():
            slow = asyncio.create_task(s.query_capped_async(SLOW, JSON, timeout=0.8))
            await until(lambda: s.pool._idle.qsize() == 0)  # the one worker is busy
            thread = asyncio.get_running_loop().run_in_executor(None, blocking)
            await until(lambda: len(s.pool._waiters) == 1)  # the thread waits first
            later = [asyncio.create_task(looped(k)) for k in range(6)]
            with pytest.raises(QueryTimeout):
                await slow
            await asyncio.gather(thread, *later)

        asyncio.run(scenario())
        assert done["thread"] < max(v for k, v in done.items() if k != "thread")
        assert sorted(done, key=done.get)[0] == "thread"
    finally:
        s.close()
