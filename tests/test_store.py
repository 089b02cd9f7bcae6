"""The Store contract, for the embedded Oxigraph store and a real remote store (Virtuoso).

The remote variant runs when DIPLOKG_TEST_VIRTUOSO_URL is set (``.ci/virtuoso.sh`` prints it);
it writes only graphs under a per-run random prefix and drops them afterwards.
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid

import pytest
import rdflib

from pipeline.store.base import QueryError, Store
from pipeline.store.oxigraph import OxigraphStore

VIRTUOSO_URL = os.environ.get("DIPLOKG_TEST_VIRTUOSO_URL")
RUN = uuid.uuid4().hex[:8]
P = f"urn:diplokg-test:{RUN}:"  # graph and resource prefix of this run


def ttl(*triples: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data="\n".join(triples), format="turtle")


@pytest.fixture(params=["embedded", "remote"])
def store(request) -> Store:
    if request.param == "embedded":
        s: Store = OxigraphStore(None)
    else:
        if not VIRTUOSO_URL:
            pytest.skip(
                "remote store: DIPLOKG_TEST_VIRTUOSO_URL is unset (run .ci/virtuoso.sh to start Virtuoso)"
            )
        from pipeline.store.remote import RemoteStore

        s = RemoteStore(VIRTUOSO_URL, timeout=30)
    yield s
    for g in s.graphs():
        if g.startswith(P):
            s.drop_graph(g)
    s.close()


def ours(store: Store) -> list[str]:
    return [g for g in store.graphs() if g.startswith(P)]


def test_replace_graph_replaces_exactly_one_graph(store: Store) -> None:
    a, b = P + "g/a", P + "g/b"
    store.replace_graph(a, ttl(f'<{P}x> <{P}p> "old a" .', f"<{P}x> <{P}q> <{P}y> ."))
    store.replace_graph(b, ttl(f'<{P}x> <{P}p> "b" .'))
    store.replace_graph(a, ttl(f'<{P}x> <{P}p> "new a"@nl .'))
    assert ours(store) == [a, b]
    assert set(store.get_graph(a)) == {
        (rdflib.URIRef(P + "x"), rdflib.URIRef(P + "p"), rdflib.Literal("new a", lang="nl"))
    }
    assert len(store.get_graph(b)) == 1


def test_replace_graph_in_chunks_when_large(store: Store) -> None:
    if hasattr(store, "chunk_bytes"):
        store.chunk_bytes = 2_000  # force several INSERT DATA requests
    g = ttl(*[f'<{P}s{i}> <{P}p> "value {i} with some text" .' for i in range(300)])
    store.replace_graph(P + "big", g)
    assert len(store.get_graph(P + "big")) == 300
    store.replace_graph(P + "big", ttl(f"<{P}s> <{P}p> <{P}o> ."))
    assert len(store.get_graph(P + "big")) == 1


def test_drop_graph(store: Store) -> None:
    store.replace_graph(P + "d", ttl(f"<{P}s> <{P}p> <{P}o> ."))
    assert store.has_graph(P + "d")
    store.drop_graph(P + "d")
    store.drop_graph(P + "d")  # absent: no error
    assert not store.has_graph(P + "d") and P + "d" not in store.graphs()
    assert len(store.get_graph(P + "d")) == 0


def test_union_default_graph(store: Store) -> None:
    store.replace_graph(P + "u1", ttl(f"<{P}s1> a <{P}T> ."))
    store.replace_graph(P + "u2", ttl(f"<{P}s2> a <{P}T> ."))
    rows = store.rows(f"SELECT ?s WHERE {{ ?s a <{P}T> }} ORDER BY ?s")
    assert [r["s"] for r in rows] == [P + "s1", P + "s2"]
    body, _ = store.query_raw(
        f"SELECT ?s WHERE {{ ?s a <{P}T> }}", "application/sparql-results+json", default_graph_uris=[P + "u2"]
    )
    assert [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]] == [P + "s2"]


def test_query_raw_formats(store: Store) -> None:
    store.replace_graph(P + "f", ttl(f'<{P}s> <{P}p> "é"@nl .'))
    select = f"SELECT ?o WHERE {{ <{P}s> <{P}p> ?o }}"
    body, mt = store.query_raw(select, "application/sparql-results+json")
    assert (
        mt == "application/sparql-results+json"
        and json.loads(body)["results"]["bindings"][0]["o"]["value"] == "é"
    )
    body, _ = store.query_raw(select, "application/sparql-results+xml")
    assert "é" in body.decode("utf-8")
    body, _ = store.query_raw(select, "text/csv")
    assert list(csv.reader(io.StringIO(body.decode("utf-8"))))[1] == ["é"]
    body, _ = store.query_raw(select, "text/tab-separated-values")
    assert '"é"@nl' in body.decode("utf-8")
    ask, _ = store.query_raw(f"ASK {{ <{P}s> ?p ?o }}", "application/sparql-results+json")
    assert json.loads(ask)["boolean"] is True
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{P}f> {{ ?s ?p ?o }} }}"
    for media, fmt in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ]:
        body, mt = store.query_raw(construct, media)
        assert mt == media and len(rdflib.Graph().parse(data=body, format=fmt)) == 1, media
    for media, fmt in [("application/n-quads", "nquads"), ("application/trig", "trig")]:
        body, mt = store.query_raw(construct, media)
        ds = rdflib.Dataset()
        ds.parse(data=body, format=fmt)
        assert mt == media and len(list(ds.quads((None, None, None, None)))) == 1, media


def test_add_to_graph_merges(store: Store) -> None:
    store.replace_graph(P + "m", ttl(f"<{P}s> <{P}p> <{P}o1> ."))
    store.add_to_graph(P + "m", ttl(f"<{P}s> <{P}p> <{P}o2> ."))
    assert len(store.get_graph(P + "m")) == 2


def test_query_error_on_bad_syntax(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query_raw("SELECT * WHERE { ?s ?p ", "application/sparql-results+json")
    with pytest.raises(QueryError):
        store.update("INSERT DATA { <urn:a> ")
