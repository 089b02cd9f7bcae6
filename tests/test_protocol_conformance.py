"""The W3C SPARQL 1.1 Protocol test cases, reproduced as a table against the in-process app.

Written from knowledge of the manifest in w3c/rdf-tests ``sparql/sparql11/protocol/`` (the
original suite is a list of HTTP exchanges checked by hand or by a harness, not machine-readable
data). Adaptations, all about the environment rather than the protocol rules:

* The suite's dataset graphs are documents on kasei.us that the service is expected to fetch; this
  server never dereferences IRIs, so graphs with those IRIs are preloaded into the store.
* Updates carry ``Authorization: Bearer <token>``: this server requires it (the suite assumes an
  open update service). Without it every update case would be a 401, as intended.
* "4XX" expectations are checked as 400-499; where the protocol text suggests a code (415 for a
  wrong media type) the table records the code this server gives.

Run ``python tests/test_protocol_conformance.py`` for a pass count.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rdflib  # noqa: E402
from api_fixtures import AUTH, TOKEN, make_client  # noqa: E402

from pipeline.store.base import DATASET_TYPES, GRAPH_TYPES, SELECT_TYPES  # noqa: E402
from pipeline.store.oxigraph import OxigraphStore  # noqa: E402

D = "http://kasei.us/2009/09/sparql/data/"
DATA1, DATA2, DATA3 = D + "data1.rdf", D + "data2.rdf", D + "data3.rdf"
OUT = "http://example.org/protocol-update-out"
# The media types the protocol allows for each query form, as the Store interface declares them.
RESULT_TYPES = SELECT_TYPES
RDF_TYPES = GRAPH_TYPES + DATASET_TYPES


def q(**params: str | list[str]) -> str:
    return urllib.parse.urlencode(params, doseq=True)


@dataclass
class Case:
    name: str
    method: str
    query_string: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    status: range | int = range(200, 300)
    check: Callable[[object, object], bool] | None = None  # (response, client) -> ok
    update: bool = False


def ask_true(r, _c) -> bool:
    return json.loads(r.content)["boolean"] is True


def ctype_in(types: tuple[str, ...]) -> Callable[[object, object], bool]:
    return lambda r, _c: r.headers["content-type"].split(";")[0] in types


def out_graph_has(*subjects: str) -> Callable[[object, object], bool]:
    """After an update: the output graph holds exactly these subjects."""

    def check(_r, c) -> bool:
        res = c.get("/sparql", params={"query": f"SELECT ?s WHERE {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }}"})
        return {b["s"]["value"] for b in res.json()["results"]["bindings"]} == set(subjects)

    return check


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT_Q = {"Content-Type": "application/sparql-query"}
DIRECT_U = {"Content-Type": "application/sparql-update"}
ASK12 = f"ASK {{ <{DATA1}> ?p ?o . <{DATA2}> ?p2 ?o2 }}"
ASK_NAMED = f"ASK {{ GRAPH ?g1 {{ <{DATA1}> ?p ?o }} GRAPH ?g2 {{ <{DATA2}> ?p2 ?o2 }} }}"
COPY = f"INSERT {{ GRAPH <{OUT}> {{ ?s a <urn:Seen> }} }} WHERE {{ ?s ?p ?o }}"
COPY_NAMED = f"INSERT {{ GRAPH <{OUT}> {{ ?s a <urn:Seen> }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
COPY_FULL = (
    f"INSERT {{ GRAPH <{OUT}> {{ ?s a <urn:Seen> . ?n a <urn:Seen> }} }} "
    "WHERE { ?s ?p ?o . GRAPH ?g { ?n ?p2 ?o2 } }"
)

CASES = [
    # -- queries ------------------------------------------------------------------------------------
    Case("query_get", "GET", q(query="ASK {}"), check=ctype_in(RESULT_TYPES)),
    Case(
        "query_post_form", "POST", headers=FORM, body=q(query="ASK {}").encode(), check=ctype_in(RESULT_TYPES)
    ),
    Case("query_post_direct", "POST", headers=DIRECT_Q, body=b"ASK {}", check=ctype_in(RESULT_TYPES)),
    Case(
        "query_dataset_default_graph",
        "GET",
        q(query=f"ASK {{ <{DATA1}> ?p ?o }}", **{"default-graph-uri": DATA1}),
        check=ask_true,
    ),
    Case(
        "query_dataset_default_graphs_get",
        "GET",
        q(query=ASK12, **{"default-graph-uri": [DATA1, DATA2]}),
        check=ask_true,
    ),
    Case(
        "query_dataset_default_graphs_post",
        "POST",
        headers=FORM,
        body=q(query=ASK12, **{"default-graph-uri": [DATA1, DATA2]}).encode(),
        check=ask_true,
    ),
    Case(
        "query_dataset_named_graphs_get",
        "GET",
        q(query=ASK_NAMED, **{"named-graph-uri": [DATA1, DATA2]}),
        check=ask_true,
    ),
    Case(
        "query_dataset_named_graphs_post",
        "POST",
        headers=FORM,
        body=q(query=ASK_NAMED, **{"named-graph-uri": [DATA1, DATA2]}).encode(),
        check=ask_true,
    ),
    Case(
        "query_dataset_full",
        "GET",
        q(
            query=f"ASK {{ <{DATA3}> ?p3 ?o3 . {ASK_NAMED[6:-2]} }}",
            **{"default-graph-uri": DATA3, "named-graph-uri": [DATA1, DATA2]},
        ),
        check=ask_true,
    ),
    Case(
        "query_multiple_dataset",
        "GET",  # the protocol's dataset overrides FROM in the query
        q(query=f"ASK FROM <{DATA2}> {{ <{DATA1}> ?p ?o }}", **{"default-graph-uri": DATA1}),
        check=ask_true,
    ),
    Case("query_content_type_select", "GET", q(query="SELECT (1 AS ?x) {}"), check=ctype_in(RESULT_TYPES)),
    Case("query_content_type_ask", "GET", q(query="ASK {}"), check=ctype_in(RESULT_TYPES)),
    Case("query_content_type_describe", "GET", q(query=f"DESCRIBE <{DATA1}>"), check=ctype_in(RDF_TYPES)),
    Case(
        "query_content_type_construct",
        "GET",
        q(query="CONSTRUCT { <urn:s> <urn:p> <urn:o> } WHERE {}"),
        check=ctype_in(RDF_TYPES),
    ),
    Case("bad_query_method", "PUT", q(query="ASK {}"), status=range(400, 500)),
    Case("bad_multiple_queries", "GET", q(query=["ASK {}", "SELECT * {}"]), status=400),
    Case(
        "bad_query_wrong_media_type",
        "POST",
        headers={"Content-Type": "text/plain"},
        body=b"ASK {}",
        status=415,
    ),
    Case("bad_query_missing_form_type", "POST", body=q(query="ASK {}").encode(), status=415),
    Case("bad_query_missing_direct_type", "POST", body=b"ASK {}", status=415),
    Case(
        "bad_query_non_utf8",
        "POST",
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
        body='ASK { FILTER("câfé" = "câfé") }'.encode("utf-16"),
        status=400,
    ),
    Case("bad_query_syntax", "GET", q(query="ASK {"), status=400),
    # -- updates ------------------------------------------------------------------------------------
    Case(
        "update_post_form",
        "POST",
        headers=FORM,
        update=True,
        body=q(update=f"INSERT DATA {{ GRAPH <{OUT}> {{ <urn:a> <urn:b> <urn:c> }} }}").encode(),
        check=out_graph_has("urn:a"),
    ),
    Case(
        "update_post_direct",
        "POST",
        headers=DIRECT_U,
        update=True,
        body=f"INSERT DATA {{ GRAPH <{OUT}> {{ <urn:d> <urn:b> <urn:c> }} }}".encode(),
        check=out_graph_has("urn:d"),
    ),
    Case(
        "update_base_uri",
        "POST",
        headers=DIRECT_U,
        update=True,
        body=f"INSERT DATA {{ GRAPH <{OUT}> {{ <relative> <urn:b> <urn:c> }} }}".encode(),
        check=out_graph_has("http://testserver/relative"),
    ),
    Case(
        "update_dataset_default_graph",
        "POST",
        headers=FORM,
        update=True,
        body=q(update=COPY, **{"using-graph-uri": DATA1}).encode(),
        check=out_graph_has(DATA1),
    ),
    Case(
        "update_dataset_default_graphs",
        "POST",
        headers=FORM,
        update=True,
        body=q(update=COPY, **{"using-graph-uri": [DATA1, DATA2]}).encode(),
        check=out_graph_has(DATA1, DATA2),
    ),
    Case(
        "update_dataset_named_graphs",
        "POST",
        headers=FORM,
        update=True,
        body=q(update=COPY_NAMED, **{"using-named-graph-uri": [DATA1, DATA2]}).encode(),
        check=out_graph_has(DATA1, DATA2),
    ),
    Case(
        "update_dataset_full",
        "POST",
        headers=FORM,
        update=True,
        body=q(update=COPY_FULL, **{"using-graph-uri": DATA3, "using-named-graph-uri": DATA1}).encode(),
        check=out_graph_has(DATA3, DATA1),
    ),
    Case("bad_update_get", "GET", q(update="CLEAR ALL"), update=True, status=range(400, 500)),
    Case(
        "bad_multiple_updates",
        "POST",
        headers=FORM,
        update=True,
        body=q(update=["CLEAR NAMED", "CLEAR DEFAULT"]).encode(),
        status=400,
    ),
    Case(
        "bad_update_wrong_media_type",
        "POST",
        headers={"Content-Type": "text/plain"},
        update=True,
        body=b"CLEAR NAMED",
        status=415,
    ),
    Case(
        "bad_update_missing_form_type", "POST", update=True, body=q(update="CLEAR NAMED").encode(), status=415
    ),
    Case(
        "bad_update_non_utf8",
        "POST",
        headers={"Content-Type": "application/sparql-update; charset=UTF-16"},
        update=True,
        body='INSERT DATA { <urn:a> <urn:b> "câfé" }'.encode("utf-16"),
        status=400,
    ),
    Case(
        "bad_update_syntax", "POST", headers=DIRECT_U, update=True, body=b"INSERT DATA { <urn:a> ", status=400
    ),
    Case(
        "bad_update_dataset_conflict",
        "POST",
        headers=FORM,
        update=True,
        body=q(
            update=f"INSERT {{ GRAPH <{OUT}> {{ ?s a <urn:Seen> }} }} USING <{DATA1}> WHERE {{ ?s ?p ?o }}",
            **{"using-graph-uri": DATA2},
        ).encode(),
        status=400,
    ),
]


def make_store() -> OxigraphStore:
    store = OxigraphStore(None)
    for g in (DATA1, DATA2, DATA3):
        store.replace_graph(
            g, rdflib.Graph().parse(data=f'<{g}> <http://purl.org/dc/terms/title> "{g[-9:]}" .', format="nt")
        )
    return store


def run_case(case: Case) -> tuple[bool, str]:
    with make_client(make_store()) as client:
        headers = dict(case.headers)
        if case.update:
            headers.update(AUTH)
        if case.method == "POST" and "Content-Type" not in headers:
            headers["Content-Type"] = ""  # really absent: the client would otherwise add one
        url = "/sparql" + (f"?{case.query_string}" if case.query_string else "")
        r = client.request(case.method, url, headers=headers, content=case.body)
        ok_status = (
            r.status_code in case.status if isinstance(case.status, range) else r.status_code == case.status
        )
        if not ok_status:
            return False, f"status {r.status_code}: {r.text[:200]}"
        if case.check is not None and not case.check(r, client):
            return False, f"check failed: {r.headers.get('content-type')} {r.text[:200]}"
        return True, f"status {r.status_code}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_protocol_case(case: Case) -> None:
    ok, detail = run_case(case)
    assert ok, detail


def test_token_is_what_makes_updates_pass() -> None:
    """Control: the same update without the token is refused, so the table's updates test the token too."""
    with make_client(make_store()) as client:
        assert TOKEN
        r = client.post(
            "/sparql", content=b"CLEAR NAMED", headers={"Content-Type": "application/sparql-update"}
        )
        assert r.status_code == 401


if __name__ == "__main__":
    passed = 0
    for case in CASES:
        ok, detail = run_case(case)
        passed += ok
        print(f"{'PASS' if ok else 'FAIL'}  {case.name:36} {detail}")
    print(f"\n{passed}/{len(CASES)} W3C SPARQL 1.1 Protocol cases pass")
