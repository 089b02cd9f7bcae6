"""The data path, one function per arrow (see DESIGN.md):

    prepare(path) -> nlp(doc) -> from_doc -> to_graph -> check -> split -> store.replace_documents

``extract_file`` stops after ``from_doc`` (``diplokg extract``); ``build_files``
runs the whole path (``diplokg build``). Both share every step before, so the
JSON the scorer reads and the RDF the endpoint serves cannot disagree.

In a build, everything up to ``split`` is one task per document (:func:`stage_source`), run where
``pipeline.parallel`` puts it: this process, local worker processes, or a Dask cluster. This
process only writes: it checks the document id against the store, adds the build digest
(pipeline.incremental) and stores the documents in batches of :data:`WRITE_BATCH`, one request
each (pipeline.store.shared). Files whose stored build digest is current are skipped.

Why a build into an empty store does not use pyoxigraph's bulk loader (``bulk_extend``/``bulk_load``):
it has no transaction, and the build digest stored with a document's facts is trusted only because
both land in one; a build stopped half-way could leave a digest beside half a document, which the
next build would then skip. And there is little to win: of a whole build's CPU time the writing
process takes about a sixth (its merges, updates, queries and RocksDB's own work), against the
extraction's five sixths, and ``bulk_load`` per batch writes new table files on every call (85 ms a
document against 17 for the batched update; benchmarks/bench_write_paths.py, bench_build.py).
"""

from __future__ import annotations

import gc
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from spacy.language import Language

from pipeline.config import Settings
from pipeline.extraction import Extraction, from_doc
from pipeline.nlp import EXTRACTOR, build_nlp, make_doc
from pipeline.parallel import ordered, workers
from pipeline.reading import SUFFIXES
from pipeline.store.base import Store
from pipeline.store.shared import SplitDocument, replace_documents
from pipeline.text import InputError, prepare

# Graph names the store keeps for itself: a document must never replace them.
RESERVED_IDS = frozenset({"ontology", "actors", "dataset", "void", "metadata"})
# Documents stored per request in a build: each shared actor is merged once per batch, and a
# request costs the same few milliseconds whether it carries one document or many. Small enough
# that the progress bar moves and a stopped build loses little (a batch is one transaction).
WRITE_BATCH = 16
# Batches between two flushes of the store's write buffers (Store.flush): what bounds the writing
# process's memory in a long build (450 MiB instead of 1.1 GB after 3,000 motions), at no cost in speed.
FLUSH_EVERY = 20


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
                   prepared.body_end, prepared.meta.kamerstuk, prepared.meta.title)
    doc = nlp(doc)
    return from_doc(doc, prepared.meta, prepared.original, EXTRACTOR)


@dataclass
class Source:
    """An input file's bytes and its sidecar's, read where the store is written: a task carries
    them, so a worker on another machine needs no shared folder. ``error``: why it cannot be read."""

    path: str
    data: bytes = b""
    sidecar: bytes | None = None
    error: InputError | None = None

    @classmethod
    def read(cls, path: Path) -> Source:
        from pipeline.metadata import sidecar_path
        from pipeline.text import read_bytes

        try:
            data = read_bytes(path)
            side = sidecar_path(path)
            return cls(str(path), data, side.read_bytes() if side.is_file() else None)
        except InputError as e:
            return cls(str(path), error=e)
        except OSError as e:  # the sidecar
            return cls(str(path), error=InputError(path, f"cannot read its sidecar: {e.strerror or e}"))


@dataclass
class Staged:
    """A document ready to store (``document``), or refused by the SHACL gate (``report``)."""

    doc_id: str
    document: SplitDocument | None
    report: str = ""


# The pipeline of this process, loaded by its first task: (model, components, pipeline); one per
# thread, since a Dask worker may run several tasks at once and a spaCy pipeline is not shared.
_loaded = threading.local()


def _pipeline(model: str, components: str) -> Language:
    key = (model, components)
    if getattr(_loaded, "key", None) != key:
        gc.unfreeze()  # the old one goes before the new one loads, its objects collectable again
        _loaded.nlp, _loaded.key = None, None
        _loaded.nlp, _loaded.key = build_nlp(model, components=components), key
        # The pipeline's millions of objects live as long as the process: out of the collector's sight, a full
        # collection no longer walks them (0.2 s each, two per 100,000 words: 0.47 -> 0.05 s).
        gc.collect()
        gc.freeze()
    return _loaded.nlp


def _extract_source(source: Source, model: str, components: str) -> Extraction | InputError:
    """Bad input is a result, not a crash: one unreadable file must not stop a batch."""
    if source.error is not None:
        return source.error
    from pipeline.metadata import sidecar_path

    nlp = _pipeline(model, components)
    with tempfile.TemporaryDirectory(prefix="diplokg-task-") as tmp:
        path = Path(tmp) / Path(source.path).name
        path.write_bytes(source.data)
        if source.sidecar is not None:
            sidecar_path(path).write_bytes(source.sidecar)
        try:
            return extract_file(path, nlp)
        except InputError as e:
            return InputError(source.path, e.reason)  # the user's file, not the task's copy
        except Exception as e:  # noqa: BLE001 - a defect met on one document must not stop the batch
            return InputError(source.path, f"the pipeline failed on this document ({type(e).__name__}: {e}); "
                                           "the other documents are processed; please report it")


def stage(extraction: Extraction, base_iri: str) -> Staged:
    """to_graph -> SHACL gate -> split: what the writer stores, or why it must not."""
    from pipeline.rdf import graph_for
    from pipeline.store.shared import split
    from pipeline.validate import check

    graph_iri, graph = graph_for(extraction, base_iri)
    report = check(graph, extraction.text)
    if not report.conforms:
        return Staged(extraction.document.doc_id, None, report.format())
    # Validated whole, stored split: what the document says about actors, posts and motions as
    # such is merged into the shared actors graph, so the store holds each fact once.
    return Staged(extraction.document.doc_id, split(graph, str(graph_iri)))


def stage_source(source: Source, model: str, components: str, base_iri: str) -> Staged | InputError:
    """One document's task in a build: extract, describe, check, split."""
    extraction = _extract_source(source, model, components)
    return extraction if isinstance(extraction, InputError) else stage(extraction, base_iri)


def extract_files(paths: list[Path], model: str | Path, n_process: int = 1,
                  components: str = "both") -> Iterator[Extraction | InputError]:
    """One result per path, in input order; with ``n_process > 1`` each worker loads the pipeline once.

    ``components``: "both", or "rules" / "learned" alone (ablations; see ``build_nlp``).
    """
    if not paths:
        return  # nothing to extract: do not load the pipeline at all
    with workers(n_process, tasks=len(paths)) as (executor, slots):
        yield from ordered(partial(_extract_source, model=str(model), components=components),
                           map(Source.read, paths), executor, slots)


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
    staged = stage(extraction, settings.base_iri)
    if staged.document is None:
        result.refused[staged.doc_id] = staged.report
        return
    _check_not_taken(store, settings, staged.doc_id)
    _add_digest(staged.document, digest)
    result.triples += replace_documents(store, [staged.document])
    result.stored.append(staged.doc_id)


def _add_digest(document: SplitDocument, digest: str | None) -> None:
    """Bookkeeping on the graph itself, added after the gate checked the facts."""
    from pipeline.incremental import digest_triple

    if digest is not None:
        document.local.append(" ".join(t.n3() for t in digest_triple(document.graph_iri, digest)) + " .\n")


def _check_not_taken(store: Store, settings: Settings, doc_id: str) -> None:
    """A stored graph of another file (``Brief 1.txt`` vs ``brief-1.txt``) is never overwritten."""
    from pipeline.iris import document_iri, graph_iri

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
    cluster: str | None = None,
    batch: int = WRITE_BATCH,
) -> BuildResult:
    """Build ``paths`` into ``store``; files whose stored build digest is current are skipped
    (``result.unchanged``) unless ``force``. Extraction runs in ``n_process`` local processes, or
    on the Dask scheduler at ``cluster``; documents are stored ``batch`` per request."""
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
    if not todo:
        return result
    writer = _BatchWriter(store, result, on_done, batch)
    task = partial(stage_source, model=str(model), components="both", base_iri=settings.base_iri)
    with workers(n_process, cluster, tasks=len(todo)) as (executor, slots):
        for path, staged in zip(todo, ordered(task, map(Source.read, todo), executor, slots), strict=True):
            if isinstance(staged, InputError):
                result.refused[str(path)] = str(staged)
            elif staged.document is None:
                result.refused[staged.doc_id] = staged.report
            else:
                try:
                    _check_not_taken(store, settings, staged.doc_id)
                except DocumentIdConflict as e:
                    result.refused[str(path)] = e.reason
                else:
                    _add_digest(staged.document, digests.get(path))
                    writer.add(path, staged)
                    continue
            if on_done:
                on_done(path)
        writer.write()
    return result


class _BatchWriter:
    """Documents stored ``size`` per request, in the order they were extracted."""

    def __init__(self, store: Store, result: BuildResult, on_done: Callable[[Path], None] | None,
                 size: int) -> None:
        self.store, self.result, self.on_done, self.size = store, result, on_done, max(1, size)
        self.pending: list[tuple[Path, Staged]] = []
        self.batches = 0

    def add(self, path: Path, staged: Staged) -> None:
        self.pending.append((path, staged))
        if len(self.pending) >= self.size:
            self.write()

    def write(self) -> None:
        if not self.pending:
            return
        self.result.triples += replace_documents(self.store, [s.document for _, s in self.pending if s.document])
        self.batches += 1
        if self.batches % FLUSH_EVERY == 0:
            self.store.flush()
        for path, staged in self.pending:
            self.result.stored.append(staged.doc_id)
            if self.on_done:
                self.on_done(path)
        self.pending = []
