"""How long the SHACL gate takes on one document's graph, by number of facts.

    .venv/bin/python benchmarks/bench_validate.py

Builds the test suite's sample extraction with 10, 100 and 300 positions, converts each to RDF and
validates it (pipeline.validate.check, pyshacl with the project's shapes) three times, and prints the
best time per size and per fact. The first run warms the shapes and ontology cache and is not counted.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.rdf import to_graph  # noqa: E402
from pipeline.validate import check  # noqa: E402
from tests.test_rdf import BASE, TEXT, sample  # noqa: E402


def main() -> None:
    x = sample()
    check(to_graph(x, BASE), TEXT)  # warm the caches
    print(f"{'positions':>9} {'triples':>8} {'best of 3':>10} {'per fact':>9}")
    for n in (10, 100, 300):
        x = sample()
        x.positions = [dataclasses.replace(x.positions[0]) for _ in range(n)]
        graph = to_graph(x, BASE)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            assert check(graph, TEXT).conforms
            times.append(time.perf_counter() - started)
        print(f"{n:>9} {len(graph):>8} {min(times):>9.3f}s {1000 * min(times) / n:>7.2f}ms")


if __name__ == "__main__":
    main()
