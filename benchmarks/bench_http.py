"""HTTP overhead of the SPARQL endpoint: typical analyst queries over a real uvicorn server vs the
same queries on the store directly.

    python benchmarks/bench_http.py                      # synthetic graph of 100k triples
    python benchmarks/bench_http.py --triples 1000000 --repeat 200
    python benchmarks/bench_http.py --data-dir STORE     # a store built from the corpus (diplokg build)

Prints p50/p99 latency and requests/s (sequential, one keep-alive client) for both paths, and
their ratios. The server runs in a thread of this process on a free loopback port, over the same
in-memory Oxigraph store, so the difference is the HTTP, protocol and serialisation layers.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import uvicorn

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
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    url = f"http://127.0.0.1:{port}/sparql"
    print(
        f"\n{'query':18} {'direct p50':>11} {'p99':>8} {'req/s':>8} | "
        f"{'HTTP p50':>9} {'p99':>8} {'req/s':>8} | {'p50 ratio':>9} {'req/s ratio':>11}"
    )
    with httpx.Client(timeout=60) as client:
        for name, query in queries.items():
            accept = "text/turtle" if query.startswith("DESCRIBE") else "application/sparql-results+json"
            direct = timed(lambda q=query, a=accept: store.query_raw(q, a), args.repeat)

            def over_http(q: str = query, a: str = accept) -> None:
                r = client.get(url, params={"query": q}, headers={"Accept": a})
                r.raise_for_status()

            http = timed(over_http, args.repeat)
            d50, h50 = p(direct, 50), p(http, 50)
            d_rps, h_rps = len(direct) / sum(direct), len(http) / sum(http)
            print(
                f"{name:18} {d50 * 1e3:9.2f}ms {p(direct, 99) * 1e3:6.2f}ms {d_rps:8.0f} | "
                f"{h50 * 1e3:7.2f}ms {p(http, 99) * 1e3:6.2f}ms {h_rps:8.0f} | "
                f"{h50 / d50:8.1f}x {h_rps / d_rps:10.2f}"
            )
    server.should_exit = True
    thread.join(timeout=5)


if __name__ == "__main__":
    main()
