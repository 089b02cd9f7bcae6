"""HTTP overhead of the SPARQL endpoint: typical analyst queries over a real uvicorn server vs the
same queries on the store directly.

    python benchmarks/bench_http.py                      # synthetic graph of 100k triples
    python benchmarks/bench_http.py --triples 1000000 --repeat 200
    python benchmarks/bench_http.py --data-dir STORE     # a store built from the corpus (diplokg build)

Prints p50/p99 latency and requests/s (sequential, one keep-alive client) for both paths, and
their ratios. The server runs in a thread of this process on a free loopback port, over the same
in-memory Oxigraph store, so the difference is the HTTP, protocol and serialisation layers.

Two clients are measured, httpx and the stdlib's http.client (much less work per request), each
with its own *floor*: the p50 of a trivial route added to the same app (same middleware and
routing depth as /sparql, no store, two-byte answer). "over floor" is HTTP p50 minus that floor:
what the SPARQL endpoint itself adds (protocol checks, the worker-thread hop, the store,
serialisation), free of the client's and the server framework's fixed cost.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import httpx
import pyoxigraph as ox
import uvicorn
from fastapi import Request
from fastapi.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.app import create_app  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.store.oxigraph import OxigraphStore  # noqa: E402

BASE = "https://w3id.org/diplokg"
A = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"
DKG = "https://w3id.org/diplokg/ontology#"
PREFIXES = f"""PREFIX dkg: <{DKG}>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""
QUERIES = {
    "actor by label": PREFIXES
    + 'SELECT ?a ?l WHERE { ?a skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "land 1")) } '
    "LIMIT 50",
    "events of actor": PREFIXES + f"SELECT ?e ?d WHERE {{ ?e sem:hasActor <{BASE}/id/country/c7> ; "
    "sem:hasTimeStamp ?d } ORDER BY ?d LIMIT 100",
    "stance counts": PREFIXES + "SELECT ?s (COUNT(*) AS ?n) WHERE { ?p dkg:stance ?s } GROUP BY ?s",
    "describe actor": f"DESCRIBE <{BASE}/id/country/c7>",
}

# The same kinds of query, on the corpus's own actors (for --data-dir).
CORPUS_QUERIES = {
    "actor by label": PREFIXES
    + 'SELECT ?a ?l WHERE { ?a skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "rus")) } LIMIT 50',
    "events of actor": PREFIXES + f"SELECT ?e ?d WHERE {{ ?e sem:hasActor <{BASE}/id/country/armenia> ; "
    "sem:hasTimeStamp ?d } ORDER BY ?d LIMIT 100",
    "stance counts": PREFIXES + "SELECT ?s (COUNT(*) AS ?n) WHERE { ?p dkg:stance ?s } GROUP BY ?s",
    "describe actor": f"DESCRIBE <{BASE}/id/country/belarus>",
}


def synthetic(triples: int, per_graph: int = 500, seed: int = 7) -> bytes:
    """N-Quads: countries, events with actors and dates, positions with stances; one graph per 'document'."""
    rnd = random.Random(seed)
    n_actors = max(20, triples // 200)
    lines, count, doc = [], 0, 0
    for a in range(n_actors):
        g = f"<{BASE}/graph/actors>"
        lines.append(
            f'<{BASE}/id/country/c{a}> {LABEL} "Land {a}"@nl {g} .'
        )
        lines.append(
            f"<{BASE}/id/country/c{a}> {A} <http://schema.org/Country> {g} ."
        )
        count += 2
    stances = ["SUPPORT", "REJECT", "CONCERN", "NEUTRAL"]
    i = 0
    while count < triples:
        if i % (per_graph // 5) == 0:
            doc += 1
        g = f"<{BASE}/graph/doc-{doc}>"
        ev = f"<{BASE}/id/event/doc-{doc}-{i}>"
        day = f"20{rnd.randint(10, 24)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        lines.append(
            f"{ev} {A} <{SEM}Event> {g} ."
        )
        lines.append(
            f"{ev} <{SEM}hasActor> <{BASE}/id/country/c{rnd.randrange(n_actors)}> {g} ."
        )
        lines.append(
            f'{ev} <{SEM}hasTimeStamp> "{day}"^^{XSD_DATE} {g} .'
        )
        pos = f"<{BASE}/id/position/doc-{doc}-{i}>"
        lines.append(f"{pos} <{DKG}holder> <{BASE}/id/country/c{rnd.randrange(n_actors)}> {g} .")
        lines.append(f"{pos} <{DKG}stance> <{DKG}stance-{rnd.choice(stances)}> {g} .")
        count += 5
        i += 1
    return ("\n".join(lines) + "\n").encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--data-dir", type=Path, help="a built store (read-only) instead of the synthetic graph")
    args = ap.parse_args()

    queries = QUERIES
    if args.data_dir:
        store = OxigraphStore(args.data_dir, read_only=True)
        queries = CORPUS_QUERIES
        print(f"store {args.data_dir}: {len(store._store)} quads ({len(store.graphs())} graphs)")
    else:
        store = OxigraphStore(None)
        t = time.perf_counter()
        # Bulk load through pyoxigraph directly: the benchmark measures queries, not loading.
        store._store.bulk_load(synthetic(args.triples), format=ox.RdfFormat.N_QUADS)
        print(
            f"loaded {len(store._store)} quads in {time.perf_counter() - t:.1f} s ({len(store.graphs())} graphs)"
        )

    port = free_port()
    app = create_app(Settings(base_iri=BASE, result_limit=10_000, query_timeout=30), store)

    async def floor(request: Request) -> Response:  # the cheapest request the app can answer
        return Response(b"ok", media_type="text/plain")

    # A plain route matched first, as /sparql is (a plain route in the first router): the same
    # uvicorn, middleware and routing work, without the endpoint.
    app.router.routes.insert(0, Route("/_bench/floor", floor, include_in_schema=False))

    # uvicorn's "auto" picks uvloop and httptools when installed, as `diplokg serve` does.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    direct = {}
    for name, query in queries.items():
        accept = _accept(query)
        direct[name] = timed(lambda q=query, a=accept: store.query_raw(q, a), args.repeat)

    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as hx, \
            closing(http.client.HTTPConnection("127.0.0.1", port, timeout=60)) as conn:

        def via_httpx(path: str, params: dict[str, str], accept: str) -> None:
            hx.get(path, params=params, headers={"Accept": accept}).raise_for_status()

        def via_http_client(path: str, params: dict[str, str], accept: str) -> None:
            conn.request("GET", f"{path}?{urllib.parse.urlencode(params)}" if params else path,
                         headers={"Accept": accept})
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                raise RuntimeError(f"{path}: HTTP {r.status}")

        for client, get in (("httpx", via_httpx), ("http.client", via_http_client)):
            floor = p(timed(lambda g=get: g("/_bench/floor", {}, "*/*"), args.repeat), 50)
            print(f"\nclient {client}: floor (trivial route) p50 {floor * 1e3:.2f}ms")
            print(
                f"{'query':18} {'direct p50':>11} {'p99':>8} {'req/s':>8} | "
                f"{'HTTP p50':>9} {'p99':>8} {'req/s':>8} | {'p50 ratio':>9} {'req/s ratio':>11} | "
                f"{'over floor':>10}"
            )
            for name, query in queries.items():
                h = timed(lambda g=get, q=query: g("/sparql", {"query": q}, _accept(q)), args.repeat)
                d = direct[name]
                d50, h50 = p(d, 50), p(h, 50)
                d_rps, h_rps = len(d) / sum(d), len(h) / sum(h)
                print(
                    f"{name:18} {d50 * 1e3:9.2f}ms {p(d, 99) * 1e3:6.2f}ms {d_rps:8.0f} | "
                    f"{h50 * 1e3:7.2f}ms {p(h, 99) * 1e3:6.2f}ms {h_rps:8.0f} | "
                    f"{h50 / d50:8.1f}x {h_rps / d_rps:10.2f} | {(h50 - floor) * 1e3:8.2f}ms"
                )
    server.should_exit = True
    thread.join(timeout=5)


def _accept(query: str) -> str:
    return "text/turtle" if query.startswith("DESCRIBE") else "application/sparql-results+json"


if __name__ == "__main__":
    main()
