"""Incremental builds: a document whose input and pipeline are unchanged is not extracted again.

Each stored document graph carries ``<graph> dkg:buildDigest "<hex>"``: a SHA-256 of

* the input file's name and bytes, and its sidecar ``<file>.meta.json`` (or its absence),
* the pipeline's fingerprint (:func:`pipeline_fingerprint`): the package version, every file of
  the ``pipeline`` package (code, patterns, gazetteer), the ontology and shapes, the model folders
  the build loads, and the base IRI the graph's IRIs are minted under.

The digest is written in the same request as the document's triples (one transaction on the
embedded store), so a stored digest always describes the facts beside it; a build that stops
half-way leaves no digest claiming facts that were never written. ``build`` reads all digests with
one query and extracts only the files whose digest differs; ``--force`` extracts everything.

Why hash the package's files and not only ``__version__``: the version is bumped by hand, a rule
or gazetteer entry changes between bumps. Hashing ~30 MB of models and code takes well under a
second; a rebuild of one document takes seconds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef

from pipeline import __version__
from pipeline.iris import ONTOLOGY_NS
from pipeline.metadata import sidecar_path
from pipeline.store.base import Store

BUILD_DIGEST = URIRef(f"{ONTOLOGY_NS}buildDigest")
_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent
# Skipped when fingerprinting: caches and editor droppings change nothing the pipeline does.
_IGNORED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".ruff_cache"})
_IGNORED_SUFFIXES = (".pyc", ".pyo", ".swp", "~")


def _files(root: Path) -> Iterable[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _IGNORED_DIRS and not d.startswith("."))
        for name in sorted(names):
            if not name.endswith(_IGNORED_SUFFIXES) and not name.startswith("."):
                yield Path(folder) / name


def _hash_tree(h: hashlib._Hash, label: str, root: Path) -> None:
    """Add every file under ``root`` (its path relative to ``root`` and its bytes) to ``h``."""
    if not root.exists():
        h.update(f"{label}: absent\n".encode())
        return
    for path in ([root] if root.is_file() else _files(root)):
        rel = path.name if root.is_file() else path.relative_to(root).as_posix()
        data = path.read_bytes()
        h.update(f"{label}/{rel} {len(data)}\n".encode())
        h.update(data)


@lru_cache(maxsize=8)
def pipeline_fingerprint(model: str, base_iri: str) -> str:
    """What identifies "the extraction would come out the same" for every input (hex SHA-256)."""
    h = hashlib.sha256(f"diplokg {__version__}\nbase {base_iri}\nmodel {Path(model).name}\n".encode())
    _hash_tree(h, "pipeline", _PACKAGE)
    for folder in ("ontology", "shapes"):
        _hash_tree(h, folder, _ROOT / folder)
    if model != "blank":
        # The trained model and the learned components build_nlp loads beside it (pipeline.nlp).
        for suffix in ("", "_entities", "_sentences"):
            _hash_tree(h, f"model{suffix}", Path(f"{model}{suffix}"))
    return h.hexdigest()


def input_digest(path: Path, fingerprint: str) -> str:
    """The digest a document built from ``path`` by the pipeline ``fingerprint`` is stored with.

    Raises OSError when the file cannot be read (the build then extracts it and reports why).
    """
    h = hashlib.sha256(f"{fingerprint}\n{path.name}\n".encode())
    data = path.read_bytes()
    h.update(f"input {len(data)}\n".encode())
    h.update(data)
    side = sidecar_path(path)
    if side.is_file():
        meta = side.read_bytes()
        h.update(f"sidecar {len(meta)}\n".encode())
        h.update(meta)
    else:
        h.update(b"no sidecar\n")
    return h.hexdigest()


def digest_triple(graph_iri: str, digest: str) -> tuple[URIRef, URIRef, Literal]:
    return URIRef(graph_iri), BUILD_DIGEST, Literal(digest)


def stored_digests(store: Store) -> dict[str, str]:
    """{document graph IRI: its build digest}, one query for the whole store."""
    rows = store.rows(f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?g <{BUILD_DIGEST}> ?d }} }}")
    return {r["g"]: r["d"] for r in rows if r["g"] and r["d"]}
