"""SPARQL Update cannot bypass the SHACL gate: document graphs change only through validated writes.

The rule (api/update_gate.py): an update that writes, or may write, a graph under <base>/graph/ is
refused with 403 before it runs; the Graph Store writes to those graphs are SHACL-checked (422 with
the report). Against the in-process app on a real in-memory Oxigraph store.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_fixtures import AUTH, BASE, G_A, make_client  # noqa: E402
from test_shapes import VALID  # noqa: E402  (a document graph every shape accepts, written by hand)

from api.update_gate import update_writes  # noqa: E402

DOC = f"{BASE}/graph/valid-doc"
UPDATE = {**AUTH, "Content-Type": "application/sparql-update"}
TTL = {**AUTH, "Content-Type": "text/turtle"}


@pytest.mark.parametrize(
    ("update", "graphs", "default", "any_graph"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", set(), True, False),
        ("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }", {"urn:g"}, False, False),
        ("PREFIX g: <urn:x:> DELETE DATA { GRAPH g:one { <urn:a> <urn:b> <urn:c> } }", {"urn:x:one"}, False, False),
        ("BASE <http://h/> INSERT DATA { GRAPH <rel> { <a> <b> <c> } }", {"http://h/rel"}, False, False),
        ("WITH <urn:w> DELETE { ?s ?p ?o } WHERE { GRAPH <urn:r> { ?s ?p ?o } }", {"urn:w"}, False, False),
        ("INSERT { GRAPH ?g { ?s a <urn:T> } } WHERE { GRAPH ?g { ?s ?p ?o } }", set(), False, True),
        ("DELETE WHERE { GRAPH <urn:d> { ?s ?p ?o } }", {"urn:d"}, False, False),
        ("CLEAR NAMED", set(), False, True),
        ("DROP ALL", set(), False, True),
        ("CLEAR DEFAULT ; DROP SILENT GRAPH <urn:q>", {"urn:q"}, True, False),
        ("MOVE <urn:a> TO <urn:b>", {"urn:a", "urn:b"}, False, False),
        ("COPY DEFAULT TO <urn:c>", {"urn:c"}, False, False),
        ("ADD <urn:a> TO DEFAULT", set(), True, False),
    ],
)
def test_update_writes(update: str, graphs: set[str], default: bool, any_graph: bool) -> None:
    w = update_writes(update)
    assert (w.graphs, w.default, w.any_graph) == (graphs, default, any_graph)


def _dump(c) -> rdflib.Dataset:
    r = c.post("/sparql", content="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
               headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert r.status_code == 200
    return rdflib.Graph().parse(data=r.text, format="nt")


def _graph(c, iri: str) -> rdflib.Graph:
    r = c.get("/graphs", params={"graph": iri}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200, r.text
    return rdflib.Graph().parse(data=r.text, format="nt")


def test_updates_touching_document_graphs_are_refused_and_change_nothing() -> None:
    with make_client() as c:
        before = _dump(c)
        refused = [
            f"DELETE WHERE {{ GRAPH <{G_A}> {{ ?s <http://purl.org/dc/terms/title> ?o }} }}",
            f"INSERT DATA {{ GRAPH <{BASE}/graph/new-doc> {{ <urn:a> <urn:b> <urn:c> }} }}",
            f"INSERT DATA {{ GRAPH <{BASE}/graph/ontology> {{ <urn:a> <urn:b> <urn:c> }} }}",
            "INSERT { GRAPH ?g { ?s a <urn:Seen> } } WHERE { GRAPH ?g { ?s ?p ?o } }",
            "DROP ALL",
            "CLEAR NAMED",
            f"MOVE <{G_A}> TO <urn:elsewhere>",
            # a harmless first operation is not applied either: the whole request is refused
            f"INSERT DATA {{ GRAPH <urn:notes> {{ <urn:a> <urn:b> <urn:c> }} }} ; DROP GRAPH <{G_A}>",
        ]
        for update in refused:
            r = c.post("/sparql", content=update, headers=UPDATE)
            assert r.status_code == 403, (update, r.text)
            error = r.json()["error"]
            assert error["title"] == "Document graphs are SHACL-gated" and "/graphs?graph=" in error["detail"]
        assert isomorphic(_dump(c), before)
        r = c.post("/sparql", content="LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:x>", headers=UPDATE)
        assert r.status_code == 403 and r.json()["error"]["title"] == "LOAD not allowed"


def test_updates_of_other_graphs_still_run() -> None:
    with make_client() as c:
        doc_a = _graph(c, G_A)
        update = (f"PREFIX n: <urn:notes:> INSERT {{ GRAPH n:mine {{ ?c a <urn:Noted> }} }} "
                  f"WHERE {{ GRAPH <{G_A}> {{ ?c a <http://schema.org/Country> }} }}")
        assert c.post("/sparql", content=update, headers=UPDATE).status_code == 204
        assert (rdflib.URIRef(f"{BASE}/id/country/belarus"), rdflib.RDF.type, rdflib.URIRef("urn:Noted")) \
            in _graph(c, "urn:notes:mine")
        assert isomorphic(_graph(c, G_A), doc_a)  # read from, not written


def test_document_graph_writes_pass_the_shacl_gate_and_keep_what_was_stored() -> None:
    with make_client() as c:
        # conforming: stored
        r = c.put("/graphs", params={"graph": DOC}, content=VALID, headers=TTL)
        assert r.status_code == 201, r.text
        stored = _graph(c, DOC)  # the document's own part (actors' descriptions go to the actors graph)
        assert (rdflib.URIRef("https://example.org/id/position"), None, None) in stored
        # non-conforming merge (a position without holder or provenance): 422 with the report, nothing changed
        bad = "<https://example.org/id/p2> a <https://w3id.org/diplokg/ontology#Position> ."
        r = c.post("/graphs", params={"graph": DOC}, content=bad, headers=TTL)
        assert r.status_code == 422 and "REFUSED" in r.json()["error"]["detail"]
        # a non-conforming replacement: refused too
        r = c.put("/graphs", params={"graph": DOC}, content=bad, headers=TTL)
        assert r.status_code == 422
        # the same breakage by SPARQL Update: refused before it runs
        r = c.post("/sparql", headers=UPDATE, content=(
            f"DELETE DATA {{ GRAPH <{DOC}> {{ <https://example.org/id/position> "
            "<https://w3id.org/diplokg/ontology#holder> <https://example.org/id/kabinet> } }"))
        assert r.status_code == 403
        assert isomorphic(_graph(c, DOC), stored)
        # a conforming merge is stored
        good = '<https://example.org/id/doc> <http://www.w3.org/2000/01/rdf-schema#comment> "Verslag"@nl .'
        r = c.post("/graphs", params={"graph": DOC}, content=good, headers=TTL)
        assert r.status_code == 204, r.text
        assert len(_graph(c, DOC)) == len(stored) + 1
