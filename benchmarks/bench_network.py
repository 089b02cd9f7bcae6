"""Actor-network export: time and peak memory of build_network + aggregate + each writer (the weighted
network is what the exports write by default).

    python benchmarks/bench_network.py                    # corpus store (if --data-dir) + 100k synthetic
    python benchmarks/bench_network.py --triples 1000000 --data-dir /tmp/net-store

Target: the actor network of a 1M-triple graph in under 30 s and 2 GB. The synthetic data is in
our vocabulary (bench_http's generator has one actor per event and no position targets, so it
would give no network): countries with labels and types, events with 2-3 actors, dates of mixed
precision and a document, positions with a holder, a target actor, a stance and a sentence anchor.
Peak memory is the process's max RSS (resource), which includes the in-memory store and the
generated data; --tracemalloc adds the Python-side peak of the export alone (and slows it down).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.network import NetworkFilters, build_network, to_cyjs_bytes, to_gexf, to_graphml  # noqa: E402
from pipeline.network_aggregate import aggregate  # noqa: E402
from pipeline.store.oxigraph import OxigraphStore  # noqa: E402

BASE = "https://w3id.org/diplokg"
DKG = "https://w3id.org/diplokg/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
A = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
STANCES = ["SUPPORTS", "WELCOMES", "CALLS_FOR", "CONCERNED", "REGRETS", "OPPOSES", "CONDEMNS"]
TYPES = ["MEETING", "STATEMENT", "CEASEFIRE", "HOSTILITIES", "SANCTION", "ELECTION", "VISIT"]


def _date(rnd: random.Random) -> str:
    y, m, d = rnd.randint(2010, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
    kind = rnd.random()
    if kind < 0.7:
        return f'"{y}-{m:02d}-{d:02d}"^^<{XSD}date>'
    return f'"{y}-{m:02d}"^^<{XSD}gYearMonth>' if kind < 0.9 else f'"{y}"^^<{XSD}gYear>'


def synthetic(triples: int, per_doc: int = 2000, seed: int = 7) -> bytes:
    """N-Quads of about ``triples`` quads, one named graph per synthetic document."""
    rnd = random.Random(seed)
    n_actors = max(50, triples // 400)
    lines: list[str] = []
    actors = [f"<{BASE}/id/country/c{a}>" for a in range(n_actors)]
    doc_n, i = 0, 0
    while len(lines) < triples:
        if len(lines) // per_doc >= doc_n:
            doc_n += 1
            doc = f"<{BASE}/id/document/d{doc_n}>"
            g = f"<{BASE}/graph/d{doc_n}>"
            lines.append(f"{doc} {A} <{DKG}Document> {g} .")
            # Each document declares the actors it mentions (as the pipeline does).
            mentioned = rnd.sample(range(n_actors), min(n_actors, 40))
            for a in mentioned:
                lines.append(f"{actors[a]} {A} <{DKG}NamedEntity> {g} .")
                lines.append(f"{actors[a]} {A} <http://schema.org/Country> {g} .")
                lines.append(f'{actors[a]} <http://www.w3.org/2004/02/skos/core#prefLabel> "Land {a}"@nl {g} .')
        i += 1
        ev = f"<{BASE}/id/event/d{doc_n}-{i}>"
        lines.append(f"{ev} {A} <{SEM}Event> {g} .")
        lines.append(f"{ev} <{SEM}eventType> <{DKG}event-{rnd.choice(TYPES)}> {g} .")
        for a in rnd.sample(mentioned, rnd.randint(2, 3)):
            lines.append(f"{ev} <{SEM}hasActor> {actors[a]} {g} .")
        lines.append(f"{ev} <{SEM}hasTimeStamp> {_date(rnd)} {g} .")
        lines.append(f"{ev} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {g} .")
        pos = f"<{BASE}/id/position/d{doc_n}-{i}>"
        h, t = rnd.sample(mentioned, 2)
        lines.append(f"{pos} {A} <{DKG}Position> {g} .")
        lines.append(f"{pos} <{DKG}holder> {actors[h]} {g} .")
        lines.append(f"{pos} <{DKG}targetActor> {actors[t]} {g} .")
        lines.append(f"{pos} <{DKG}stance> <{DKG}stance-{rnd.choice(STANCES)}> {g} .")
        lines.append(f"{pos} <{DKG}anchor> <{BASE}/id/anchor/d{doc_n}-{i}> {g} .")
        lines.append(f"{pos} <http://purl.org/dc/terms/date> {_date(rnd)} {g} .")
        lines.append(f"{pos} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {g} .")
    return ("\n".join(lines) + "\n").encode()


def measure(label: str, store: OxigraphStore, filters: NetworkFilters, trace: bool = False) -> None:
    if trace:  # tracemalloc slows allocation-heavy code 2-3x: off unless asked for
        tracemalloc.start()
    t0 = time.perf_counter()
    facts = build_network(store, filters, base=BASE)
    g = aggregate(facts)  # what the exports write by default
    t1 = time.perf_counter()
    sizes = {}
    times = {}
    for name, writer in (("gexf", to_gexf), ("graphml", to_graphml), ("cyjs", to_cyjs_bytes)):
        t = time.perf_counter()
        sizes[name] = len(writer(g))
        times[name] = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{label}: {g.number_of_nodes()} nodes, {facts.number_of_edges()} facts -> {g.number_of_edges()} "
          f"weighted edges; build and aggregate {t1 - t0:.2f} s; "
          + ", ".join(f"{k} {times[k]:.2f} s / {sizes[k] / 1e6:.1f} MB" for k in times)
          + f"; total {t1 - t0 + sum(times.values()):.2f} s; "
          + (f"Python peak {peak / 2**20:.0f} MiB; " if trace else "")
          + f"max RSS {rss:.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--data-dir", type=Path, help="A built store (e.g. the corpus) to measure first.")
    ap.add_argument("--tracemalloc", action="store_true", help="Also report the Python-side peak (slower).")
    args = ap.parse_args()
    if args.data_dir:
        with OxigraphStore(args.data_dir, read_only=True) as corpus:
            measure("corpus", corpus, NetworkFilters(), args.tracemalloc)
    t = time.perf_counter()
    data = synthetic(args.triples)
    store = OxigraphStore(None)
    store._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)  # loading is not what is measured
    n = len(store._store)
    print(f"synthetic: {n} quads loaded in {time.perf_counter() - t:.1f} s")
    del data
    runs = {"whole network": NetworkFilters(), "2020 only": NetworkFilters(date_from="2020", date_to="2020"),
            "ego depth 1": NetworkFilters(actor=f"{BASE}/id/country/c7")}
    for label, filters in runs.items():
        measure(f"synthetic {n} quads, {label}", store, filters, args.tracemalloc)


if __name__ == "__main__":
    main()
