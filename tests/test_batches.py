"""Writing documents in batches, and merging new contributions into stored descriptions (issue #14).

A build adds documents: the shared description of an actor is then the stored description merged
with the new contributions (pipeline.store.shared), not a merge of every document that names it.
These tests hold that shortcut to the definition (a merge of all contributions) and a batch to a
build one document at a time, on the embedded store, through the loopback SPARQL server, and on
Virtuoso when DIPLOKG_TEST_VIRTUOSO_URL is set (the ``store`` fixture of tests/conftest.py).
"""

from __future__ import annotations

import random
import shutil

from rdflib import Graph

from pipeline.extraction import Entity, Event, Extraction
from pipeline.iris import actors_graph_iri, graph_iri
from pipeline.rdf import DKG, to_graph
from pipeline.store import shared
from pipeline.store.base import Store
from pipeline.store.oxigraph import OxigraphStore
from pipeline.validate import check
from tests.test_sets import (
    BELARUS,
    MAKEI,
    OMTZIGT,
    RBZ,
    ROLE,
    S1,
    S2,
    letter,
    term_rows,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def random_part(rng: random.Random, subject: str) -> list[tuple[str, str, str]]:
    """What one document might say about ``subject``: a few of every kind of property merge treats apart."""
    pool = [
        ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/ns/org#Post>"),
        ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{DKG.NamedEntity}>"),
        (f"<{DKG.linked}>", f'"true"^^<{XSD}boolean>'), (f"<{DKG.linked}>", f'"false"^^<{XSD}boolean>'),
        (f"<{DKG.confidence}>", f'"0.9"^^<{XSD}decimal>'), (f"<{DKG.confidence}>", f'"0.85"^^<{XSD}decimal>'),
        (f"<{DKG.firstAttested}>", f'"2021"^^<{XSD}gYear>'), (f"<{DKG.firstAttested}>", f'"2020-10-12"^^<{XSD}date>'),
        (f"<{DKG.lastAttested}>", f'"2022-01"^^<{XSD}gYearMonth>'), (f"<{DKG.lastAttested}>", f'"2021"^^<{XSD}gYear>'),
        (RDFS_LABEL, '"President (Frankrijk)"@nl'), (RDFS_LABEL, '"president (Frankrijk)"@nl'),
        ("<http://www.w3.org/2002/07/owl#sameAs>", "<http://www.wikidata.org/entity/Q1>"),
    ]
    pool += [(f"<{SKOS}{p}>", f'"{name}"@{lang}') for p in ("prefLabel", "altLabel")
             for name in ("Makei", "Vladimir Makei", "V. Makei") for lang in ("nl", "en")]
    return [(subject, p, o) for p, o in rng.sample(pool, rng.randint(1, 8))]


def test_merging_into_a_merged_description_is_merging_everything() -> None:
    """merge([merge(a), *b]) == merge(a + b): the identity the incremental path rests on."""
    subject = "<https://example.org/id/person/makei>"
    for seed in range(400):
        rng = random.Random(seed)
        parts = [random_part(rng, subject) for _ in range(rng.randint(2, 7))]
        cut = rng.randint(1, len(parts) - 1)
        at_once = shared.merge(parts)
        assert shared.merge([sorted(shared.merge(parts[:cut])), *parts[cut:]]) == at_once, seed
        # And one document at a time, as a build without batches adds them.
        step = shared.merge(parts[:1])
        for part in parts[1:]:
            step = shared.merge([sorted(step), part])
        assert step == at_once, seed


def texts() -> dict[str, Extraction]:
    """Letters that share actors: a linked and a stub description, a post with dates, an event."""
    linked = Entity("makei", "Makei", "PERSON", ["Makei"], "Q1", True, {"nl": "Vladimir Makei"})
    return {
        "een": letter("een", "2020-10-12", S1, [BELARUS, MAKEI, RBZ], [ROLE],
                      [Event("MEETING", "2020-10-12", ["Makei"], ["PERSON:makei"], None, None, "sprak", None)]),
        "twee": letter("twee", "2021-03-01", S2, [BELARUS, MAKEI, OMTZIGT], [ROLE]),
        "drie": letter("drie", "2019-05-02", S1, [linked, BELARUS], [ROLE]),
        "vier": letter("vier", "2022-07-04", S2, [OMTZIGT, linked]),
        "twee-anders": letter("twee", "2021-03-01", "Het lid Omtzigt sprak.", [OMTZIGT]),
    }


def graph_of(base: str, name: str) -> tuple[str, Graph]:
    x = texts()[name]
    g = to_graph(x, base)
    assert check(g, x.text).conforms
    return graph_iri(base, x.document.doc_id), g


def state(s: Store, base: str, docs: list[str]) -> set[tuple]:
    """The actors graph and each document as the gate saw it, with ``base`` written as "BASE"."""
    rows = term_rows(s, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{actors_graph_iri(base)}> {{ ?s ?p ?o }} }}")
    out = {("actors", repr(row).replace(base, "BASE")) for row in rows}
    for doc in docs:
        view = s.document_graph(graph_iri(base, doc)).serialize(format="nt")
        out |= {(doc, line.replace(base, "BASE")) for line in view.splitlines() if line.strip()}
    return out


def test_a_batch_stores_what_one_document_at_a_time_stores(store) -> None:
    s, base = store
    one, batch = f"{base}/one", f"{base}/batch"
    for name in ("een", "twee", "drie"):
        s.replace_document(*graph_of(one, name))
    shared.replace_documents(s, [shared.split(graph_of(batch, n)[1], graph_of(batch, n)[0])
                                 for n in ("een", "twee", "drie")])
    first = state(s, one, ["een", "twee", "drie"])
    assert first == state(s, batch, ["een", "twee", "drie"])
    assert any(doc == "actors" and "BASE/id/person/makei" in row for doc, row in first)

    # Adds, a replace that takes contributions back (Belarus, Makei) and a delete, in one batch.
    s.replace_document(*graph_of(one, "vier"))
    s.replace_document(*graph_of(one, "twee-anders"))
    s.drop_document(graph_iri(one, "een"))
    shared.replace_documents(s, [shared.split(graph_of(batch, "vier")[1], graph_of(batch, "vier")[0]),
                                 shared.split(graph_of(batch, "twee-anders")[1], graph_iri(batch, "twee")),
                                 shared.split(None, graph_iri(batch, "een"))])
    second = state(s, one, ["twee", "drie", "vier"])
    assert second == state(s, batch, ["twee", "drie", "vier"])
    assert second != first
    assert not s.has_graph(graph_iri(batch, "een"))


def test_descriptions_built_by_adding_are_a_merge_of_every_contribution(writable_store, tmp_path) -> None:
    """On the corpus (built with the shipped model, one document after another) and after the hand-made
    letters: each stored description is what merging all stored contributions of its subject gives."""
    path = tmp_path / "store"
    shutil.copytree(writable_store, path)
    s = OxigraphStore(path)
    try:
        base = "https://w3id.org/diplokg"
        for name in ("een", "twee", "drie", "vier"):
            s.replace_document(*graph_of(base, name))
        actors = actors_graph_iri(base)
        stored = shared._descriptions(s, actors, [f"<{r['s']}>" for r in s.rows(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH <{actors}> {{ ?s ?p ?o }} }}")])
        everything = shared._contributions(s, sorted(stored), set())
        assert len(stored) > 50 and set(everything) == set(stored)
        for subject, triples in stored.items():
            assert set(triples) == shared.merge(everything[subject]), subject
    finally:
        s.close()


def test_a_build_in_batches_stores_what_a_build_one_by_one_stores() -> None:
    """build_files on the corpus letters and six real motions: batches of four vs one per request."""
    from rdflib.compare import isomorphic

    from pipeline.config import load_settings
    from pipeline.run import build_files, collect_inputs
    from tests.conftest import CORPUS, ROOT

    settings = load_settings()
    files = collect_inputs([CORPUS]) + sorted((ROOT / "tests" / "fixtures" / "kamerstuk_xml").glob("*.txt"))
    stores = []
    for batch in (1, 4):
        s = OxigraphStore(None)
        result = build_files(files, s, settings, "blank", 1, batch=batch)
        assert len(result.stored) == len(files) == 11 and not result.refused
        stores.append(s)
    one, batched = stores
    assert one.graphs() == batched.graphs()
    for g in one.graphs():
        assert isomorphic(one.get_graph(g), batched.get_graph(g)), g
    assert len(one.get_graph(actors_graph_iri(settings.base_iri))) > 100
