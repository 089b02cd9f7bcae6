"""SPARQL 1.1 Protocol rules of /sparql, in process (FastAPI TestClient, in-memory Oxigraph)."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
import rdflib
from api_fixtures import AUTH, BASE, G_A, G_B, make_client, make_store
from rdflib.query import Result

from api.sparql import handle_sparql
from pipeline.config import Settings
from pipeline.sparql_text import add_using, has_dataset_clause, is_absolute_iri, operation_kind
from pipeline.store.oxigraph import OxigraphStore

SELECT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
COUNTRIES = "PREFIX schema: <http://schema.org/>\nSELECT ?c WHERE { ?c a schema:Country } ORDER BY ?c"
CONSTRUCT = "CONSTRUCT { ?c a <http://schema.org/Country> } WHERE { ?c a <http://schema.org/Country> }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client():
    with make_client() as c:
        yield c


def bindings(response) -> list[dict]:
    return response.json()["results"]["bindings"]


# -- operations ----------------------------------------------------------------------------------


def test_query_get(client) -> None:
    r = client.get("/sparql", params={"query": COUNTRIES})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert [b["c"]["value"] for b in bindings(r)] == [
        f"{BASE}/id/country/belarus",
        f"{BASE}/id/country/netherlands",
    ]


def test_query_post_form(client) -> None:
    r = client.post("/sparql", data={"query": COUNTRIES})
    assert r.status_code == 200 and len(bindings(r)) == 2


def test_query_post_direct(client) -> None:
    r = client.post(
        "/sparql", content=COUNTRIES.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 200 and len(bindings(r)) == 2


def test_ask(client) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s a <http://schema.org/Country> }"})
    assert r.json() == {"head": {}, "boolean": True}


def test_form_detection_ignores_prologue_comments_and_strings(client) -> None:
    q = """# CONSTRUCT in a comment
PREFIX c: <http://example.org/CONSTRUCT#>
BASE <http://example.org/ASK/>
select ("DESCRIBE {" AS ?x) WHERE {}"""
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text
    assert bindings(r) == [{"x": {"type": "literal", "value": "DESCRIBE {"}}]


# -- negotiation -----------------------------------------------------------------------------------


def test_select_formats_parse_back(client) -> None:
    for accept, fmt in [
        ("application/sparql-results+xml", "xml"),
        ("text/tab-separated-values", "tsv"),
        ("application/sparql-results+json", "json"),
    ]:
        r = client.get("/sparql", params={"query": COUNTRIES}, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        result = Result.parse(io.BytesIO(r.content), format=fmt)
        assert sorted(str(row[0]) for row in result) == [
            f"{BASE}/id/country/belarus",
            f"{BASE}/id/country/netherlands",
        ], fmt
    r = client.get("/sparql", params={"query": COUNTRIES}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [
        ["c"],
        [f"{BASE}/id/country/belarus"],
        [f"{BASE}/id/country/netherlands"],
    ]


def test_tsv_and_xml_literals_round_trip(client) -> None:
    q = 'SELECT ?l WHERE { VALUES ?l { "a\\"b\\tc"@nl "x\\ny" 3 } }'
    expected = {rdflib.Literal('a"b\tc', lang="nl"), rdflib.Literal("x\ny"), rdflib.Literal(3)}
    for accept, fmt in [("text/tab-separated-values", "tsv"), ("application/sparql-results+xml", "xml")]:
        r = client.get("/sparql", params={"query": q}, headers={"Accept": accept})
        assert {row[0] for row in Result.parse(io.BytesIO(r.content), format=fmt)} == expected, fmt


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/trig", "trig"),
        ("application/n-quads", "nquads"),
    ],
)
def test_construct_formats_parse_back(client, accept: str, fmt: str) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    if fmt in ("trig", "nquads"):
        ds = rdflib.Dataset()
        ds.parse(data=r.content, format=fmt)
        count = len(list(ds.quads((None, None, None, None))))
    else:
        count = len(rdflib.Graph().parse(data=r.content, format=fmt))
    assert count == 2


def test_construct_default_is_turtle_and_describe_works(client) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT})
    assert r.headers["content-type"].startswith("text/turtle")
    r = client.get("/sparql", params={"query": f"DESCRIBE <{BASE}/id/country/belarus>"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    assert (rdflib.URIRef(f"{BASE}/id/country/belarus"), None, None) in g


def test_json_alias_follows_the_query_form(client) -> None:
    r = client.get("/sparql", params={"query": COUNTRIES}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("application/ld+json")


def test_not_acceptable(client) -> None:
    r = client.get("/sparql", params={"query": COUNTRIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"]["status"] == 406
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


# -- errors ----------------------------------------------------------------------------------------


def test_malformed_query_is_400_with_parser_message(client) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["title"] == "Malformed query" and "1:" in err["detail"]
    r = client.get("/sparql", params={"query": "SELEKT * WHERE {}"})
    assert r.status_code == 400 and "found 'SELEKT'" in r.json()["error"]["detail"]


def test_error_as_text_when_client_prefers_text(client) -> None:
    # Not recognisably a query, so it fails before negotiation (a malformed SELECT with
    # Accept: text/plain gets 406: results cannot be text/plain).
    r = client.get("/sparql", params={"query": "SELEKT * {"}, headers={"Accept": "text/plain"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith("400 Malformed query: ")


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"params": [("query", COUNTRIES), ("query", COUNTRIES)]}, 400),
        ({"params": {"query": COUNTRIES, "update": "CLEAR ALL"}}, 400),
        ({"params": {"update": "CLEAR ALL"}}, 400),  # update by GET
        ({"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 400),  # update sent as query
        ({"params": {"query": COUNTRIES, "default-graph-uri": "not an iri"}}, 400),
        ({"params": {"query": ""}}, 400),
    ],
)
def test_bad_get_requests(client, kwargs: dict, status: int) -> None:
    r = client.get("/sparql", **kwargs)
    assert r.status_code == status, r.text
    assert set(r.json()["error"]) == {"status", "title", "detail"}


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (COUNTRIES.encode(), {"Content-Type": "text/plain"}, 415),
        (b"query=ASK%7B%7D", {}, 415),  # form body without its media type
        (b"query=ASK%7B%7D", {"Content-Type": "application/json"}, 415),
        ('ASK { FILTER("é" = "é") }'.encode("utf-16"), {"Content-Type": "application/sparql-query"}, 400),
        (b"ASK {}", {"Content-Type": "application/sparql-query; charset=ISO-8859-1"}, 400),
        (b"query=ASK%7B%22%E9%22%7D", FORM, 400),  # %E9 is Latin-1, not UTF-8
        (b"", FORM, 400),  # neither query nor update
        (b"ASK {}", {"Content-Type": "application/sparql-update"}, 400),  # a query sent as update
    ],
)
def test_bad_post_requests(client, body: bytes, headers: dict, status: int) -> None:
    h = {**AUTH, **headers}
    if not headers:
        h["Content-Type"] = ""
    r = client.post("/sparql", content=body, headers=h)
    assert r.status_code == status, r.text


def test_query_in_url_and_direct_body_conflict(client) -> None:
    r = client.post(
        "/sparql?query=ASK%7B%7D", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 400


def test_other_methods_are_405() -> None:
    r = handle_sparql(make_store(), Settings(), "PUT", b"query=ASK%7B%7D", {}, b"")
    assert r.status == 405 and r.headers["Allow"] == "GET, POST"


# -- updates and authorisation --------------------------------------------------------------------

# Not a document graph: those are SHACL-gated, SPARQL Update may not write them (tests/test_update_gate.py)
INSERT = 'INSERT DATA { GRAPH <urn:notes> { <urn:x> <urn:p> "new" } }'


def test_update_requires_token(client) -> None:
    r = client.post("/sparql", data={"update": INSERT})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert r.status_code == 401
    r = client.post("/sparql", data={"update": INSERT}, headers=AUTH)
    assert r.status_code == 204
    r = client.get("/sparql", params={"query": 'ASK { <urn:x> <urn:p> "new" }'})
    assert r.json()["boolean"] is True


def test_update_disabled_without_configured_token() -> None:
    with make_client(update_token=None) as c:
        r = c.post("/sparql", data={"update": INSERT}, headers=AUTH)
        assert r.status_code == 403 and "read-only" in r.json()["error"]["detail"]
        sd = rdflib.Graph().parse(data=c.get("/sparql").text, format="turtle")
        assert not list(
            sd.triples(
                (None, None, rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#SPARQL11Update"))
            )
        )


def test_update_direct_and_malformed(client) -> None:
    h = {**AUTH, "Content-Type": "application/sparql-update"}
    assert client.post("/sparql", content=INSERT.encode(), headers=h).status_code == 204
    r = client.post("/sparql", content=b"INSERT DATA { <urn:a> ", headers=h)
    assert r.status_code == 400 and r.json()["error"]["title"] == "Malformed update"


def test_using_graph_uri(client) -> None:
    update = (
        "INSERT { GRAPH <urn:copy> { ?c a <urn:Copied> } } "
        "WHERE { ?c a <http://schema.org/Country> }"
    )
    r = client.post("/sparql", data={"update": update, "using-graph-uri": G_B}, headers=AUTH)
    assert r.status_code == 204, r.text
    r = client.get("/sparql", params={"query": "SELECT ?c { ?c a <urn:Copied> }"})
    assert [b["c"]["value"] for b in bindings(r)] == [f"{BASE}/id/country/netherlands"]
    # The same parameter next to USING in the update is a conflict.
    r = client.post(
        "/sparql",
        data={"update": update.replace("WHERE", f"USING <{G_A}> WHERE"), "using-graph-uri": G_B},
        headers=AUTH,
    )
    assert r.status_code == 400


# -- dataset -------------------------------------------------------------------------------------


def test_default_graph_is_union_and_default_graph_uri_restricts(client) -> None:
    assert len(bindings(client.get("/sparql", params={"query": COUNTRIES}))) == 2
    r = client.get("/sparql", params={"query": COUNTRIES, "default-graph-uri": G_B})
    assert [b["c"]["value"] for b in bindings(r)] == [f"{BASE}/id/country/netherlands"]
    r = client.get(
        "/sparql", params=[("query", COUNTRIES), ("default-graph-uri", G_A), ("default-graph-uri", G_B)]
    )
    assert len(bindings(r)) == 2


def test_named_graph_uri(client) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert len(bindings(client.get("/sparql", params={"query": q}))) == 2
    r = client.get("/sparql", params={"query": q, "named-graph-uri": G_A})
    assert [b["g"]["value"] for b in bindings(r)] == [G_A]
    # Only named graphs given: the default graph is empty.
    r = client.get("/sparql", params={"query": COUNTRIES, "named-graph-uri": G_A})
    assert bindings(r) == []


# -- service description, CORS, limits --------------------------------------------------------------

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def test_service_description(client) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    svc = g.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert g.value(svc, SD.endpoint) == rdflib.URIRef("http://testserver/sparql")
    assert (svc, SD.supportedLanguage, SD.SPARQL11Update) in g
    assert (svc, SD.feature, SD.UnionDefaultGraph) in g
    assert {str(n) for n in g.objects(None, SD.name)} == {G_A, G_B}
    r = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=r.text, format="json-ld")) == len(g)


def test_cors(client) -> None:
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    r = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert r.status_code == 200
    assert "authorization" in r.headers["access-control-allow-headers"].lower()


def test_result_limit_truncates_with_header() -> None:
    with make_client(result_limit=3) as c:
        q = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 } }"
        r = c.get("/sparql", params={"query": q})
        assert len(bindings(r)) == 3
        assert r.headers["x-result-truncated"] == "true" and r.headers["x-result-limit"] == "3"
        r = c.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"})
        assert r.text.count("\r\n") == 4  # header + 3 rows
        r = c.get("/sparql", params={"query": q + " LIMIT 2"})
        assert len(bindings(r)) == 2 and "x-result-truncated" not in r.headers


class SlowStore(OxigraphStore):
    def query_raw(self, *args, **kwargs):
        time.sleep(1.0)
        return super().query_raw(*args, **kwargs)


def test_timeout_is_503() -> None:
    with make_client(SlowStore(None), query_timeout=0.1) as c:
        started = time.monotonic()
        r = c.get("/sparql", params={"query": "ASK {}"})
        assert r.status_code == 503 and r.json()["error"]["title"] == "Query timeout"
        assert time.monotonic() - started < 0.9


def test_handle_sparql_is_a_plain_function() -> None:
    r = handle_sparql(make_store(), Settings(), "GET", {"query": ["ASK {}"]}, {"ACCEPT": "text/csv"}, b"")
    assert (r.status, r.media_type, r.body) == (200, "text/csv; charset=utf-8", b"true")


# -- the lexer behind the routing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("SELECT * {}", "SELECT"),
        ("  \n# ASK\nprefix x: <urn:x#> construct {} where {}", "CONSTRUCT"),
        ("BASE <http://e/> PREFIX : <http://e/#> DESCRIBE :a", "DESCRIBE"),
        ("PREFIX ask: <http://e/SELECT> ASK {}", "ASK"),
        ("PREFIX : <urn:x> INSERT DATA { :a :b :c }", "UPDATE"),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ("DROP SILENT GRAPH <urn:g>", "UPDATE"),
        ("", None),
        ("# only a comment", None),
        ("SELEKT * {}", None),
        ('"SELECT"', None),
    ],
)
def test_operation_kind(text: str, kind: str | None) -> None:
    assert operation_kind(text) == kind


def test_add_using_and_dataset_clause() -> None:
    u = (
        'PREFIX : <urn:x#>\nINSERT { :a :b "WHERE {" } '
        "WHERE { ?s ?p ?o FILTER NOT EXISTS { SELECT ?s WHERE {} } } ;\n"
        "INSERT DATA { :x :y :z } ;\nDELETE WHERE { ?a ?b ?c } ;\nDELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    )
    out = add_using(u, ["urn:g1"], ["urn:g2"])
    assert out.count("USING <urn:g1> USING NAMED <urn:g2> WHERE") == 2
    assert "DELETE WHERE { ?a" in out and '"WHERE {"' in out
    store = OxigraphStore(None)
    store.update(out)  # still valid SPARQL
    assert not has_dataset_clause(u)
    assert has_dataset_clause("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert has_dataset_clause("INSERT { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }")
    assert not has_dataset_clause('INSERT DATA { <urn:a> <urn:b> "USING" }')


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://w3id.org/diplokg/graph/a", True),
        ("urn:x:y", True),
        ("relative/path", False),
        ("", False),
        ("http://a/b> } ; DROP ALL ; <x", False),
        ("http://a/ b", False),
        ("http://a/{x}", False),
    ],
)
def test_is_absolute_iri(value: str, ok: bool) -> None:
    assert is_absolute_iri(value) is ok


def test_json_errors_have_one_shape(client) -> None:
    for r in [
        client.get("/sparql", params={"query": "SELECT"}),
        client.get("/nowhere"),
        client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}),
    ]:
        body = json.loads(r.text)
        assert set(body) == {"error"} and body["error"]["status"] == r.status_code
