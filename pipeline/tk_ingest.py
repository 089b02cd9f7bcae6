"""``diplokg ingest-tk``: a recording of the Tweede Kamer's open data into the store.

read (``pipeline.sources.tk_odata``) -> map (``pipeline.tk_graph``) -> SHACL gate -> store, one named
graph per batch (``tk-leden``; ``tk-YYYY-MM`` per month of motions), each mapped, checked, stored and
let go before the next is built. Like ``build``: a graph refused
by the gate changes nothing; each stored graph records ``dkg:buildDigest``, here a SHA-256 of the
pipeline's fingerprint and the graph's own triples, and a graph whose digest is unchanged is not
validated or written again (``--force`` does). Graphs go through ``Store.replace_document``, so what
they say about persons, parties and motions lands once in the shared actors graph, merged with what
letters say about them.

No spaCy here: only the gazetteer and the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from pipeline.config import Settings
from pipeline.gazetteer import default_gazetteer
from pipeline.iris import ONTOLOGY_NS, graph_iri
from pipeline.sources.tk_odata import Recording, read_recording
from pipeline.store.base import Store
from pipeline.tk_graph import Mapped, TkMapper


@dataclass
class IngestResult:
    recording: Recording
    mapped: Mapped
    stored: list[str] = field(default_factory=list)  # doc ids of the graphs written
    unchanged: list[str] = field(default_factory=list)  # stored before with the same digest
    refused: dict[str, str] = field(default_factory=dict)  # doc id -> readable report
    triples: int = 0


def graph_digest(graph: Graph, fingerprint: str) -> str:
    """Same triples under the same pipeline, same digest (N-Triples lines, sorted)."""
    h = hashlib.sha256(f"{fingerprint}\n".encode())
    for line in sorted(graph.serialize(format="nt", encoding="utf-8").splitlines()):
        h.update(line + b"\n")
    return h.hexdigest()


def ingest(paths: Iterable[Path], store: Store, settings: Settings, force: bool = False,
           on_file: Callable[[Path], None] | None = None,
           on_graph: Callable[[str, int], None] | None = None) -> IngestResult:
    """Read, map, validate and store a recording. ``on_graph(doc id, graphs in all)`` after each graph."""
    from pipeline.dataset import store_ontology
    from pipeline.incremental import digest_triple, pipeline_fingerprint, stored_digests
    from pipeline.validate import check

    recording = read_recording(list(paths), on_file)
    mapper = TkMapper(recording, settings.base_iri, default_gazetteer())
    result = IngestResult(recording, mapper.out)
    store_ontology(store, settings.base_iri)
    fingerprint = pipeline_fingerprint("blank", settings.base_iri)
    current = {} if force else stored_digests(store)
    work = mapper.plan()
    # One graph at a time: mapped, validated, stored and let go before the next is built.
    for doc_id, graph in mapper.graphs(work):
        iri = graph_iri(settings.base_iri, doc_id)
        digest = graph_digest(graph, fingerprint)
        if current.get(iri) == digest:
            result.unchanged.append(doc_id)
        elif reason := _taken(store, iri):
            result.refused[doc_id] = reason
        else:
            report = check(graph)
            if not report.conforms:
                result.refused[doc_id] = report.format()
            else:
                graph.add(digest_triple(iri, digest))
                result.triples += store.replace_document(iri, graph)
                result.stored.append(doc_id)
                # RocksDB keeps what was written in memory until flushed (the full recording: 2.2 GB
                # peak RSS without, 1.5 GB with)
                store.flush()
        if on_graph:
            on_graph(doc_id, len(work))
    return result


def _taken(store: Store, iri: str) -> str | None:
    """A letter's graph of the same name is never overwritten (a file called tk-leden.txt)."""
    if store.select(f"ASK {{ GRAPH <{iri}> {{ ?d a <{ONTOLOGY_NS}Document> }} }}").get("boolean"):
        return f"{iri} holds a document built from a file; rename that file or delete the document first"
    return None
