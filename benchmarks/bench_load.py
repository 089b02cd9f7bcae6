"""Throughput and tail latency under concurrency: `diplokg serve` against Oxigraph's own server.

    pip install oxigraph                     # the Rust server, for the comparison (not a dependency)
    python benchmarks/bench_load.py --data-dir STORE            # a store built by `diplokg build`
    python benchmarks/bench_load.py --data-dir STORE --clients 20 100 --seconds 10

Both servers serve the same data (a copy of STORE for Oxigraph, which must not open a store that
another process writes) with the union default graph, and get the same typical small queries of
an analyst, from N concurrent keep-alive clients for a fixed time each. The client is a minimal
HTTP/1.1 client on asyncio streams in this process, on the same machine: its cost is in both
figures alike. Prints req/s, p50 and p99 per server, client count and round (the servers take
turns within a round, so a change in the machine's load falls on all), each round's ratios and
their median. diplokg runs twice: with its result cache off (every query evaluated, as Oxigraph
does: the like-for-like figure) and on, as it is served by default.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

QUERIES = [
    "ASK { ?s a <http://schema.org/Country> }",
    "SELECT ?c ?l WHERE { ?c a <http://schema.org/Country> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
    "LIMIT 100",
    'SELECT ?a WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> "Belarus"@nl }',
    "SELECT ?type (COUNT(?a) AS ?n) WHERE { ?a a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100",
]


OURS = "diplokg serve (result cache off)"  # every query evaluated, as Oxigraph does: the fair comparison
CACHED = "diplokg serve (result cache on)"
THEIRS = "oxigraph serve-read-only"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, path: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {proc.returncode}: see its log above")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} not ready")


async def client(port: int, path: str, stop: float, latencies: list[float], errors: list[int],
                 queries: itertools.cycle) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < stop:
            q = urllib.parse.quote(next(queries))
            request = (f"GET {path}?query={q} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Accept: application/sparql-results+json\r\n\r\n").encode()
            started = time.perf_counter()
            writer.write(request)
            status = await reader.readline()
            length, chunked = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                    chunked = True
            if chunked:
                while size := int((await reader.readline()).split(b";")[0], 16):
                    await reader.readexactly(size + 2)
                await reader.readline()
            else:
                await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not status.startswith(b"HTTP/1.1 200"):
                errors.append(int(status.split()[1]))
    finally:
        writer.close()


async def drive(port: int, path: str, clients: int, seconds: float) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    errors: list[int] = []
    queries = itertools.cycle(QUERIES)
    started = time.monotonic()
    stop = started + seconds
    await asyncio.gather(*(client(port, path, stop, latencies, errors, queries) for _ in range(clients)))
    elapsed = time.monotonic() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000, len(errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True, help="a store built by `diplokg build`")
    parser.add_argument("--clients", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per server and client count, alternating servers (the machine's load drifts)")
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(oxigraph).exists():
        raise SystemExit("the oxigraph server is not installed: pip install oxigraph")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        copy, cached_copy = Path(tmp) / "store", Path(tmp) / "store-cached"
        shutil.copytree(args.data_dir, copy)
        shutil.copytree(args.data_dir, cached_copy)
        log = open(Path(tmp) / "servers.log", "w")  # not a pipe: a full pipe would stall the servers  # noqa: SIM115

        def diplokg(store: Path, cache_mb: str) -> tuple[subprocess.Popen, int, str]:
            port = free_port()
            return (subprocess.Popen(
                [sys.executable, "-m", "pipeline.cli", "serve", "--data-dir", str(store), "--port", str(port)],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "DIPLOKG_RESULT_CACHE_MB": cache_mb}),
                port, "/sparql")

        theirs = free_port()
        servers = {
            OURS: diplokg(args.data_dir, "0"),
            CACHED: diplokg(cached_copy, "32"),
            THEIRS: (subprocess.Popen(
                [oxigraph, "serve-read-only", "--location", str(copy), "--bind", f"127.0.0.1:{theirs}",
                 "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT),
                theirs, "/query"),
        }
        try:
            try:
                for proc, port, path in servers.values():
                    wait_ready(port, f"{path}?query=ASK%7B%7D", proc)
            except SystemExit:
                log.flush()
                print((Path(tmp) / "servers.log").read_text()[-2000:], file=sys.stderr)
                raise
            print(f"{len(QUERIES)} typical queries in turn, {args.seconds:g} s per run, {args.rounds} round(s) "
                  f"rotating the servers, client in this process, {os.cpu_count()} cores, load average "
                  + " ".join(f"{x:.2f}" for x in os.getloadavg()))
            print(f"{'server':34} {'clients':>7} {'round':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
            ratios: dict[tuple[str, int], list[tuple[float, float]]] = {}
            names = list(servers)
            for n in args.clients:
                for name in names:
                    _, port, path = servers[name]
                    asyncio.run(drive(port, path, n, 1.0))  # warm-up
                for k in range(args.rounds):
                    got = {}
                    for name in names[k % 3:] + names[:k % 3]:  # none always runs first
                        _, port, path = servers[name]
                        got[name] = r = asyncio.run(drive(port, path, n, args.seconds))
                        print(f"{name:34} {n:7d} {k + 1:5d} {r[0]:8.0f} {r[1]:8.1f} {r[2]:8.1f} {r[3]:6d}")
                    for ours in (OURS, CACHED):
                        a, b = got[ours], got[THEIRS]
                        ratios.setdefault((ours, n), []).append((a[0] / b[0], a[2] / b[2]))
            for (ours, n), rs in ratios.items():
                each = ", ".join(f"{t:.2f}x" for t, _ in rs)
                throughput, p99 = statistics.median(t for t, _ in rs), statistics.median(p for _, p in rs)
                print(f"{n} clients, {ours} / oxigraph: throughput {each} (median {throughput:.2f}x), "
                      f"p99 median {p99:.2f}x")
            print("The cache (DIPLOKG_RESULT_CACHE_MB, on by default) keeps answers until the next write; these five "
                  "queries repeat, so with it on diplokg evaluates each once and Oxigraph, which keeps none, every "
                  "time: that row measures the cache, not the engine. The like-for-like comparison is the first.")
        finally:
            for proc, _, _ in servers.values():
                proc.terminate()
                proc.wait(timeout=10)
            log.close()


if __name__ == "__main__":
    main()
