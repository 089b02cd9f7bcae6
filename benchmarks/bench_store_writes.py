"""What storing each fact once costs at write time: replace_document (split + merge) vs replace_graph.

    python benchmarks/bench_store_writes.py --data-dir STORE              # a store built by `diplokg build`
    python benchmarks/bench_store_writes.py --data-dir STORE --copies 20  # 20 copies of each document

Reads every document of STORE as the gate saw it (``Store.document_graph``), then writes the
documents ``--copies`` times (each copy's own IRIs renamed, so copies are distinct documents that name
the same actors) into fresh in-memory stores, once with
``replace_graph`` (every document carries its own copy of each actor's description) and once with
``replace_document`` (descriptions merged into the actors graph), then deletes them all again with
``drop_graph`` / ``drop_document``. Prints wall times, triples stored and repeated rows of
``SELECT ?s ?p ?o`` (rows minus distinct rows), and the ratio of the write times.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import rdflib

from pipeline.run import RESERVED_IDS
from pipeline.store.oxigraph import OxigraphStore

BASE = "https://w3id.org/diplokg"


def load(data_dir: Path) -> list[tuple[str, rdflib.Graph]]:
    store = OxigraphStore(data_dir, read_only=True)
    # Document graphs only: not the store's own (ontology, actors, dataset record).
    docs = [(g, store.document_graph(g)) for g in store.graphs()
            if g.startswith(f"{BASE}/graph/") and g.rsplit("/", 1)[1] not in RESERVED_IDS]
    store.close()
    return docs


def renamed(graph_iri: str, graph: rdflib.Graph, copy: int) -> tuple[str, rdflib.Graph]:
    """Copy ``copy`` of a document: every IRI minted for it (graph, document, facts, anchors) renamed."""
    key = graph_iri.rsplit("/", 1)[1]
    new = f"{key}-c{copy}"

    def term(t):
        return rdflib.URIRef(str(t).replace(key, new)) if isinstance(t, rdflib.URIRef) and key in str(t) else t

    out = rdflib.Graph()
    for s, p, o in graph:
        out.add((term(s), p, term(o)))
    return graph_iri.replace(key, new), out


def run(docs: list[tuple[str, rdflib.Graph]], copies: int, split: bool) -> dict[str, float]:
    store = OxigraphStore(None)
    names = [renamed(g, graph, i) for i in range(copies) for g, graph in docs]
    t0 = time.perf_counter()
    for name, graph in names:
        if split:
            store.replace_document(name, graph)
        else:
            store.replace_graph(name, graph)
    write = time.perf_counter() - t0
    triples = int(store.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"] or 0)
    rows = int(store.rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] or 0)
    distinct = int(store.rows("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
                   [0]["n"] or 0)
    t0 = time.perf_counter()
    for name, _ in names:
        if split:
            store.drop_document(name)
        else:
            store.drop_graph(name)
    delete = time.perf_counter() - t0
    left = int(store.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"] or 0)
    return {"write": write, "delete": delete, "triples": triples, "repeated": rows - distinct, "left": left,
            "documents": len(names)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    docs = load(args.data_dir)
    results = {}
    for label, split in (("replace_graph", False), ("replace_document", True)):
        r = results[label] = run(docs, args.copies, split)
        print(f"{label:17s} {r['documents']:4d} docs  write {r['write']:7.2f} s  delete {r['delete']:6.2f} s  "
              f"triples {r['triples']:8d}  repeated rows {r['repeated']:7d}  left after delete {r['left']}")
    ratio = results["replace_document"]["write"] / max(results["replace_graph"]["write"], 1e-9)
    print(f"write time ratio replace_document / replace_graph: {ratio:.2f}")


if __name__ == "__main__":
    main()
