"""How a document reaches the embedded store: the SPARQL update build uses vs pyoxigraph's load paths.

    python benchmarks/bench_write_paths.py --data-dir STORE [--copies 5]

Reads every document of STORE as the gate saw it (``Store.document_graph``) and writes all of them
(``--copies`` times, each copy under its own graph IRI) into fresh on-disk stores, three ways:

* ``replace_documents`` in batches of ``WRITE_BATCH``: what ``diplokg build`` does. One SPARQL
  Update request per batch (the old graphs dropped, the shared actors graph's descriptions brought
  up to date, the new facts inserted), one transaction: a reader sees a batch whole or not at all.
* ``replace_document``: the same, one document per request (the API's uploads).
* ``replace_graph``: the same one-request SPARQL Update, without the split and merge.
* ``Store.load`` of the document's N-Quads: transactional, but insert-only. Replacing a document
  needs a second transaction for the deletes, so a reader could see the graph empty in between.
* ``Store.bulk_load``: no transaction at all, and every call writes new files to disk.

Prints the wall time of each and per document. The last two leave out the shared-graph merge, so
they bound what a bulk path could save; compare with the extraction time per document
(benchmarks/bench_build.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.run import RESERVED_IDS, WRITE_BATCH  # noqa: E402
from pipeline.store.oxigraph import OxigraphStore  # noqa: E402
from pipeline.store.shared import replace_documents, split  # noqa: E402


def documents(data_dir: Path) -> list[tuple[str, rdflib.Graph]]:
    store = OxigraphStore(data_dir, read_only=True)
    docs = [(g, store.document_graph(g)) for g in store.graphs()
            if "/graph/" in g and g.rsplit("/", 1)[1] not in RESERVED_IDS]
    store.close()
    return docs


def nquads(graph_iri: str, graph: rdflib.Graph) -> bytes:
    nt = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return "".join(f"{line[:-1].rstrip()} <{graph_iri}> .\n" for line in nt.splitlines() if line.strip()).encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True, help="a store built by `diplokg build`")
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    docs = documents(args.data_dir)
    work = [(f"{g}-c{i}", graph) for i in range(args.copies) for g, graph in docs]
    triples = sum(len(graph) for _, graph in work)
    print(f"{len(work)} documents, {triples:,} triples (as the gate saw them)")
    with tempfile.TemporaryDirectory(prefix="bench-write-") as tmp:
        def batches(store: OxigraphStore) -> None:
            for i in range(0, len(work), WRITE_BATCH):
                replace_documents(store, [split(graph, g) for g, graph in work[i:i + WRITE_BATCH]])

        writers = {
            f"replace_documents, {WRITE_BATCH} per request (diplokg build)": batches,
            "replace_document (SPARQL Update, one transaction)":
                lambda store: [store.replace_document(g, graph) for g, graph in work],
            # The same SPARQL Update mechanism without the actors-graph split and merge: DROP + INSERT DATA.
            "replace_graph (SPARQL Update, no split or merge)":
                lambda store: [store.replace_graph(g, graph) for g, graph in work],
        }
        timings = {}
        for k, (name, write) in enumerate(writers.items()):
            store = OxigraphStore(Path(tmp) / f"store-{k}")
            start = time.perf_counter()
            write(store)
            timings[name] = time.perf_counter() - start
            store.close()
        payloads = [nquads(g, graph) for g, graph in work]
        for name, method in (("Store.load (insert only, transactional)", "load"),
                             ("Store.bulk_load (no transaction)", "bulk_load")):
            raw = ox.Store(str(Path(tmp) / method))
            start = time.perf_counter()
            for data in payloads:
                getattr(raw, method)(data, format=ox.RdfFormat.N_QUADS)
            raw.flush()
            timings[name] = time.perf_counter() - start
            del raw
    for name, seconds in timings.items():
        print(f"{name:55s} {seconds:7.2f} s   {seconds / len(work) * 1000:7.1f} ms/doc")


if __name__ == "__main__":
    main()
