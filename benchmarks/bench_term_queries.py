"""The term queries (pipeline.term_queries) on a full build: p50/p99 directly on the store, over
HTTP through a real ``diplokg serve`` (its SPARQL endpoint and its /term REST routes), on the
embedded Oxigraph store and on Virtuoso.

    python benchmarks/bench_term_queries.py --data-dir STORE                 # embedded store
    python benchmarks/bench_term_queries.py --data-dir STORE --virtuoso http://127.0.0.1:8890/sparql --load

STORE is a store ``diplokg ingest-tk`` (and ``diplokg build``) wrote. Virtuoso is measured when
--virtuoso (or DIPLOKG_TEST_VIRTUOSO_URL) names an endpoint that answers, or one answers at
http://127.0.0.1:8890/sparql; --load first copies every graph of STORE into it (replacing them).
The servers run with the result cache off (DIPLOKG_RESULT_CACHE_MB=0): every request is evaluated.
Sequential requests on one keep-alive connection; the first of each series is a warm-up, not counted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_http import free_port, timed  # noqa: E402  (the sibling benchmark, on sys.path as this script's folder)

from pipeline import term_queries  # noqa: E402
from pipeline.store.base import Store  # noqa: E402
from pipeline.store.oxigraph import OxigraphStore  # noqa: E402
from pipeline.store.remote import RemoteStore  # noqa: E402

BASE = "https://w3id.org/diplokg"
JSON = "application/sparql-results+json"
TARGET_MS = 200.0


def queries(country: str) -> dict[str, tuple[str, str, dict[str, str]]]:
    """name -> (SPARQL, REST path, REST parameters): the same question both ways."""
    return {
        "votes per party (foreign)": (term_queries.votes_per_party(True), "/term/votes-per-party", {}),
        "motions on a country": (term_queries.motions_on(f"{BASE}/id/{country}"), "/term/motions",
                                 {"country": country}),
        "adopted, reported later": (term_queries.reported_on(), "/term/reported-motions", {}),
        "with the cabinet": (term_queries.cabinet_agreement(), "/term/cabinet-agreement", {}),
    }


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1e3 if len(values) > 1 else values[0] * 1e3


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """A real ``diplokg serve`` on a free loopback port, result cache off."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "DIPLOKG_RESULT_CACHE_MB": "0", **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("diplokg serve did not answer /health within 120 s")


def over_http(port: int, qs: dict, repeat: int) -> dict[str, tuple[list[float], list[float]]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(path: str, params: dict[str, str], accept: str) -> None:
        conn.request("GET", f"{path}?{urllib.parse.urlencode(params)}" if params else path, headers={"Accept": accept})
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise RuntimeError(f"{path}: HTTP {r.status}")

    out = {}
    for name, (sparql, path, params) in qs.items():
        out[name] = (timed(lambda s=sparql: get("/sparql", {"query": s}, JSON), repeat),
                     timed(lambda p=path, a=params: get(p, a, "application/json"), repeat))
    conn.close()
    return out


def report(title: str, store: Store, qs: dict, http_times: dict, repeat: int) -> None:
    print(f"\n{title}")
    print(f"{'query':27} {'rows':>5} | {'direct p50':>10} {'p99':>8} | {'/sparql p50':>11} {'p99':>8} | "
          f"{'REST p50':>9} {'p99':>8} | p50 < {TARGET_MS:.0f} ms")
    for name, (sparql, _, _) in qs.items():
        rows = len(store.rows(sparql))
        d = timed(lambda s=sparql: store.query_raw(s, JSON), repeat)
        s, r = http_times[name]
        ok = all(pct(x, 50) < TARGET_MS for x in (d, s, r))
        print(f"{name:27} {rows:5d} | {pct(d, 50):8.1f}ms {pct(d, 99):6.1f}ms | {pct(s, 50):9.1f}ms {pct(s, 99):6.1f}ms"
              f" | {pct(r, 50):7.1f}ms {pct(r, 99):6.1f}ms | {'yes' if ok else 'NO'}")


def virtuoso_url(given: str | None) -> str | None:
    for url in (given, os.environ.get("DIPLOKG_TEST_VIRTUOSO_URL"), "http://127.0.0.1:8890/sparql"):
        if not url:
            continue
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=3).status_code == 200:
                return url
        except httpx.HTTPError:
            pass
        if given:
            raise SystemExit(f"{url}: no SPARQL endpoint answers there")
    return None


def load(source: OxigraphStore, target: RemoteStore) -> None:
    t = time.perf_counter()
    for graph in source.graphs():
        target.replace_graph(graph, source.get_graph(graph))  # in chunks Virtuoso compiles
    print(f"loaded {len(source.graphs())} graphs into {target.query_url} in {time.perf_counter() - t:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True, help="a store built by diplokg ingest-tk")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--country", default="country/ukraine", help="the country of 'motions on a country'")
    ap.add_argument("--virtuoso", help="SPARQL endpoint of a Virtuoso to measure too")
    ap.add_argument("--virtuoso-update", help="its update endpoint (default: the same URL)")
    ap.add_argument("--load", action="store_true", help="copy the store's graphs into Virtuoso first")
    args = ap.parse_args()

    qs = queries(args.country)
    store = OxigraphStore(args.data_dir, read_only=True)
    print(f"store {args.data_dir}: {len(store._store)} quads in {len(store.graphs())} graphs; "
          f"{args.repeat} requests per figure")
    proc, port = serve({"DIPLOKG_DATA_DIR": str(args.data_dir)})
    try:
        report("embedded Oxigraph", store, qs, over_http(port, qs, args.repeat), args.repeat)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    url = virtuoso_url(args.virtuoso)
    if url is None:
        print("\nVirtuoso: none answers (give --virtuoso URL or set DIPLOKG_TEST_VIRTUOSO_URL); not measured")
        return
    remote = RemoteStore(url, update_url=args.virtuoso_update or url, timeout=300)
    if args.load:
        load(store, remote)
    proc, port = serve({"DIPLOKG_STORE_URL": url, "DIPLOKG_STORE_UPDATE_URL": args.virtuoso_update or url})
    try:
        report(f"Virtuoso at {url}", remote, qs, over_http(port, qs, args.repeat), args.repeat)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
