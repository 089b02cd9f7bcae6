"""The data path, one function per arrow (see DESIGN.md):

    prepare(path) -> nlp(doc) -> from_doc -> to_graph -> check -> store.replace_document

``extract_file`` stops after ``from_doc`` (``diplokg extract``); ``build_files``
runs the whole path (``diplokg build``). Both share every step before, so the
JSON the scorer reads and the RDF the endpoint serves cannot disagree.
``build_files`` skips the files whose stored build digest is current (pipeline.incremental).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.language import Language

from pipeline.config import Settings
from pipeline.extraction import Extraction, from_doc
from pipeline.nlp import EXTRACTOR, build_nlp, make_doc
from pipeline.store.base import Store
from pipeline.text import InputError, prepare

SUFFIXES = (".txt", ".pdf", ".xml")
# Graph names the store keeps for itself: a document must never replace them.
RESERVED_IDS = frozenset({"ontology", "actors", "dataset", "void", "metadata"})
# Worker processes by default: one per core, at most this many. Each loads its own copy of the
# pipeline (about 0.4 GB resident with the trained models; benchmarks/bench_build.py), and the
# extraction is CPU-bound: workers beyond the cores add memory, not speed.
MAX_DEFAULT_JOBS = 4
# Files handed to the pool ahead of the one being stored, per worker: enough to keep every worker busy.
IN_FLIGHT_PER_WORKER = 4


def default_jobs() -> int:
    """Worker processes when none are asked for: the cores this process may use, capped."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


class DocumentIdConflict(InputError):
    """Two files would land in one named graph (their ids reduce to the same slug)."""


def document_key(path: Path) -> str:
    """The key of a file's named graph and document IRI (``graph_iri`` / ``document_iri``)."""
    from pipeline.iris import slug

    return slug(path.stem)


def check_document_ids(paths: Iterable[Path]) -> None:
    """Refuse, before anything is stored, files whose graph would collide or take a reserved name."""
    seen: dict[str, Path] = {}
    for path in paths:
        key = document_key(path)
        if key in RESERVED_IDS:
            raise DocumentIdConflict(path, f"the document id {key!r} is reserved for the store's own {key} graph; "
                                           "rename the file")
        if key in seen:
            raise DocumentIdConflict(path, f"its document id {key!r} is that of {seen[key]} too; "
                                           "rename one of them (nothing was stored)")
        seen[key] = path


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the .txt/.pdf/.xml files inside folders named (sorted, sidecars skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return found


def extract_file(path: Path, nlp: Language) -> Extraction:
    prepared = prepare(path)
    doc = make_doc(nlp, prepared.text, prepared.meta.doc_id, prepared.meta.date, prepared.offset_map,
                   prepared.body_end)
    doc = nlp(doc)
    return from_doc(doc, prepared.meta, prepared.original, EXTRACTOR)


_worker_nlp: Language | None = None


def _worker_init(model: str, components: str = "both") -> None:
    global _worker_nlp
    _worker_nlp = build_nlp(model, components=components)


def _extract_or_error(path: Path, nlp: Language) -> Extraction | InputError:
    """Bad input is a result, not a crash: one unreadable file must not stop a batch."""
    try:
        return extract_file(path, nlp)
    except InputError as e:
        return e


def _worker_extract(path: Path) -> Extraction | InputError:
    assert _worker_nlp is not None
    return _extract_or_error(path, _worker_nlp)


def extract_files(paths: list[Path], model: str | Path, n_process: int = 1,
                  components: str = "both") -> Iterator[Extraction | InputError]:
    """One result per path, in input order; with ``n_process > 1`` each worker loads the pipeline once.

    ``components``: "both", or "rules" / "learned" alone (ablations; see ``build_nlp``).
    """
    if not paths:
        return  # nothing to extract: do not load the pipeline at all
    if n_process <= 1 or len(paths) <= 1:
        nlp = build_nlp(model, components=components)
        for path in paths:
            yield _extract_or_error(path, nlp)
        return
    # No more workers than files: each one pays the pipeline's load time.
    workers = min(n_process, len(paths))
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                             initargs=(str(model), components)) as pool:
        # A bounded window of files in flight, not pool.map's all at once: when the consumer (the
        # store writes) is slower than the workers, finished extractions would pile up in memory
        # (0.9 GB in the parent after 1,600 motions), and a consumer that stops early would still
        # wait for every file to be extracted.
        pending: deque[Future[Extraction | InputError]] = deque()
        queued = iter(paths)
        for path in islice(queued, IN_FLIGHT_PER_WORKER * workers):
            pending.append(pool.submit(_worker_extract, path))
        while pending:
            result = pending.popleft().result()
            for path in islice(queued, 1):
                pending.append(pool.submit(_worker_extract, path))
            yield result


@dataclass
class BuildResult:
    stored: list[str] = field(default_factory=list)  # doc ids
    unchanged: list[str] = field(default_factory=list)  # doc ids skipped: their stored build digest is current
    refused: dict[str, str] = field(default_factory=dict)  # doc id or file -> readable report
    triples: int = 0


def store_extraction(extraction: Extraction, store: Store, settings: Settings, result: BuildResult,
                     digest: str | None = None) -> None:
    """to_graph -> SHACL gate -> replace the document's named graph. A refused document changes nothing.

    ``digest``: the build digest (pipeline.incremental) stored with the graph, in the same request.
    """
    from pipeline.incremental import digest_triple
    from pipeline.rdf import graph_for
    from pipeline.validate import check

    graph_iri, graph = graph_for(extraction, settings.base_iri)
    _check_not_taken(store, settings, extraction)
    report = check(graph, extraction.text)
    if not report.conforms:
        result.refused[extraction.document.doc_id] = report.format()
        return
    if digest is not None:  # bookkeeping on the graph itself, added after the gate checked the facts
        graph.add(digest_triple(str(graph_iri), digest))
    # Validated whole, stored split: what the document says about actors, posts and motions as
    # such is merged into the shared actors graph, so the store holds each fact once.
    result.triples += store.replace_document(graph_iri, graph)
    result.stored.append(extraction.document.doc_id)


def _check_not_taken(store: Store, settings: Settings, extraction: Extraction) -> None:
    """A stored graph of another file (``Brief 1.txt`` vs ``brief-1.txt``) is never overwritten."""
    from pipeline.iris import document_iri, graph_iri

    doc_id = extraction.document.doc_id
    rows = store.rows(f"SELECT ?id WHERE {{ GRAPH <{graph_iri(settings.base_iri, doc_id)}> {{ "
                      f"<{document_iri(settings.base_iri, doc_id)}> <http://purl.org/dc/terms/identifier> ?id }} }}")
    others = sorted({r["id"] for r in rows} - {doc_id})
    if others:
        raise DocumentIdConflict(doc_id, f"its graph already holds the document {others[0]!r} from another file; "
                                         "rename the file or delete that document first")


def build_files(
    paths: list[Path],
    store: Store,
    settings: Settings,
    model: str | Path,
    n_process: int = 1,
    on_done: Callable[[Path], None] | None = None,
    force: bool = False,
) -> BuildResult:
    """Build ``paths`` into ``store``; files whose stored build digest is current are skipped
    (``result.unchanged``) unless ``force``."""
    from pipeline.dataset import store_ontology
    from pipeline.incremental import input_digest, pipeline_fingerprint, stored_digests
    from pipeline.iris import graph_iri

    check_document_ids(paths)
    result = BuildResult()
    store_ontology(store, settings.base_iri)
    fingerprint = pipeline_fingerprint(str(model), settings.base_iri)
    digests: dict[Path, str] = {}
    for path in paths:
        try:
            digests[path] = input_digest(path, fingerprint)
        except OSError:
            pass  # unreadable: extraction reports it, with the reason
    current = {} if force else stored_digests(store)
    todo: list[Path] = []
    for path in paths:
        if path in digests and current.get(graph_iri(settings.base_iri, path.stem)) == digests[path]:
            result.unchanged.append(path.stem)
            if on_done:
                on_done(path)
        else:
            todo.append(path)
    for path, extraction in zip(todo, extract_files(todo, model, n_process), strict=True):
        if isinstance(extraction, InputError):
            result.refused[str(path)] = str(extraction)
            continue
        try:
            store_extraction(extraction, store, settings, result, digests.get(path))
        except DocumentIdConflict as e:
            result.refused[str(path)] = e.reason
        if on_done:
            on_done(path)
    return result
