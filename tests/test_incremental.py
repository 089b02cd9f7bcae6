"""Incremental builds (pipeline.incremental): what is stored unchanged is not extracted again.

Real stores throughout: the CLI in a subprocess against an embedded store on disk, and the library
against an in-memory Oxigraph store. The remote store's version is in test_remote_build.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import pipeline.incremental as incremental
from pipeline.config import load_settings
from pipeline.dataset import dataset_graph_iri
from pipeline.iris import graph_iri, ontology_graph_iri
from pipeline.run import build_files
from pipeline.store.oxigraph import OxigraphStore
from tests.conftest import CORPUS, MODEL, run_cli

BASE = load_settings().base_iri
# Rewritten whole on every build: the build record (its time) and the ontology (its blank nodes).
REWRITTEN = {dataset_graph_iri(BASE), ontology_graph_iri(BASE)}
SMALL = sorted(CORPUS.glob("00[0134]_*.txt"))  # four corpus letters and their sidecars


def corpus_copy(folder: Path, files: list[Path] = SMALL) -> Path:
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
        side = path.with_name(path.name + ".meta.json")
        if side.exists():
            shutil.copy(side, folder / side.name)
    return folder


def quads(data_dir: Path) -> dict[str, set[str]]:
    """{graph: its quads as N-Triples text}, the graphs a build rewrites anyway left out."""
    store = ox.Store.read_only(str(data_dir))
    out: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if graph not in REWRITTEN:
            out.setdefault(graph, set()).add(f"{q.subject} {q.predicate} {q.object}")
    return out


def build(*args: str) -> str:
    return run_cli("build", *args).stdout


def summary(stdout: str) -> tuple[int, int]:
    """(stored, unchanged) from the build's summary line."""
    m = re.search(r"stored (\d+) document\(s\)(?:, unchanged (\d+))?", stdout)
    assert m, stdout
    return int(m[1]), int(m[2] or 0)


def test_an_unchanged_build_is_skipped_and_the_store_stays_identical(tmp_path) -> None:
    docs, store = corpus_copy(tmp_path / "docs"), tmp_path / "store"
    assert summary(build(str(docs), "--data-dir", str(store), "--model", "blank")) == (4, 0)
    before = quads(store)
    assert len(before) == 5 and sum(map(len, before.values())) > 1000  # four documents and the actors graph
    assert summary(build(str(docs), "--data-dir", str(store), "--model", "blank")) == (0, 4)
    assert quads(store) == before


def test_only_an_edited_file_or_sidecar_is_rebuilt(tmp_path) -> None:
    docs, store = corpus_copy(tmp_path / "docs"), tmp_path / "store"
    build(str(docs), "--data-dir", str(store), "--model", "blank")
    before = quads(store)
    edited, sided = docs / SMALL[0].name, docs / (SMALL[1].name + ".meta.json")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nDe minister sprak met Borrell in Brussel.\n",
                      encoding="utf-8")
    meta = json.loads(sided.read_text(encoding="utf-8"))
    sided.write_text(json.dumps({**meta, "title": "Een andere titel uit de sidecar"}), encoding="utf-8")

    assert summary(build(str(docs), "--data-dir", str(store), "--model", "blank")) == (2, 2)
    after = quads(store)
    changed = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    touched = {graph_iri(BASE, SMALL[0].stem), graph_iri(BASE, SMALL[1].stem)}
    assert touched <= changed and changed - touched <= {f"{BASE}/graph/actors"}
    assert any("Borrell in Brussel" in q for q in after[graph_iri(BASE, SMALL[0].stem)])
    assert any("Een andere titel uit de sidecar" in q for q in after[graph_iri(BASE, SMALL[1].stem)])
    # A sidecar removed is a change too.
    sided.unlink()
    assert summary(build(str(docs), "--data-dir", str(store), "--model", "blank")) == (1, 3)


def test_force_rebuilds_everything_to_the_same_facts(tmp_path) -> None:
    docs, store = corpus_copy(tmp_path / "docs", SMALL[:2]), tmp_path / "store"
    build(str(docs), "--data-dir", str(store), "--model", "blank")
    before = quads(store)
    assert summary(build(str(docs), "--data-dir", str(store), "--model", "blank", "--force")) == (2, 0)
    assert quads(store) == before


def test_another_model_is_another_pipeline(tmp_path) -> None:
    if not (MODEL / "meta.json").exists():
        pytest.skip("the trained model is not in data/models")
    docs, store = corpus_copy(tmp_path / "docs", SMALL[2:3]), tmp_path / "store"
    build(str(docs), "--data-dir", str(store), "--model", "blank")
    assert summary(build(str(docs), "--data-dir", str(store))) == (1, 0)  # the trained model
    assert summary(build(str(docs), "--data-dir", str(store))) == (0, 1)


def test_a_new_pipeline_version_rebuilds(tmp_path, monkeypatch) -> None:
    settings = load_settings(data_dir=tmp_path / "unused")
    store = OxigraphStore(None)
    paths = [corpus_copy(tmp_path / "docs", SMALL[3:4]) / SMALL[3].name]
    assert build_files(paths, store, settings, "blank", 1).stored == [SMALL[3].stem]
    assert build_files(paths, store, settings, "blank", 1).unchanged == [SMALL[3].stem]
    stored = incremental.stored_digests(store)
    monkeypatch.setattr(incremental, "__version__", "999.0.0")
    incremental.pipeline_fingerprint.cache_clear()
    try:
        result = build_files(paths, store, settings, "blank", 1)
    finally:
        incremental.pipeline_fingerprint.cache_clear()
    assert result.stored == [SMALL[3].stem] and result.unchanged == []
    assert incremental.stored_digests(store) != stored


def test_the_fingerprint_covers_the_model_files(tmp_path) -> None:
    model = tmp_path / "m"
    (model / "ner").mkdir(parents=True)
    (model / "ner" / "model").write_bytes(b"weights 1")
    first = incremental.pipeline_fingerprint(str(model), BASE)
    (model / "ner" / "model").write_bytes(b"weights 2")
    incremental.pipeline_fingerprint.cache_clear()
    assert incremental.pipeline_fingerprint(str(model), BASE) != first
    assert incremental.pipeline_fingerprint(str(model), "https://example.org/other") != \
        incremental.pipeline_fingerprint(str(model), BASE)


def test_one_and_two_processes_store_the_same_graphs(tmp_path) -> None:
    from rdflib.compare import isomorphic

    one, two = tmp_path / "one", tmp_path / "two"
    build(str(CORPUS), "--data-dir", str(one), "-j", "1")
    build(str(CORPUS), "--data-dir", str(two), "-j", "2")
    a, b = OxigraphStore(one, read_only=True), OxigraphStore(two, read_only=True)
    try:
        assert a.graphs() == b.graphs() and len(a.graphs()) == 8  # 5 documents, actors, ontology, dataset
        for g in a.graphs():
            if g != dataset_graph_iri(BASE):  # holds the build time
                assert isomorphic(a.get_graph(g), b.get_graph(g)), g
    finally:
        a.close()
        b.close()


def test_no_workers_is_a_clean_error(tmp_path) -> None:
    proc = run_cli("build", str(SMALL[0]), "--data-dir", str(tmp_path / "store"), "-j", "0", check=False)
    assert proc.returncode == 1 and "--jobs 0" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "store").exists()  # refused before the store is opened


def test_input_errors_cross_process_boundaries() -> None:
    import pickle

    from pipeline.run import DocumentIdConflict
    from pipeline.text import InputError

    for error in (InputError("/x/brief.txt", "no text"), DocumentIdConflict("brief", "taken")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and (back.path, back.reason, str(back)) == \
            (error.path, error.reason, str(error))
