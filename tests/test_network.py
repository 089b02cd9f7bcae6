"""Actor networks (pipeline.network, `diplokg export -f gexf|graphml|cyjs`, /network.*) on the real corpus.

The corpus is built once with the rule-only pipeline (DIPLOKG_MODEL=blank); expectations are checked
against independent SPARQL over the same store, so they follow the extractor rather than freeze it.
GEXF and GraphML are validated against the published XSDs vendored in tests/schemas (see SOURCES.md).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.config import Settings
from pipeline.network import (
    NETWORK_QUERIES,
    NetworkError,
    NetworkFilters,
    build_network,
    interval,
    to_cyjs,
    to_gexf,
    to_graphml,
)
from pipeline.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
BASE = "https://w3id.org/diplokg"
BELARUS = f"{BASE}/id/country/belarus"
CABINET = f"{BASE}/id/organisation/dutch-cabinet"
P = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="session")
def corpus_store_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("network-store")
    # Exit status 1 also means "some document refused by the SHACL gate"; the others are stored, and
    # tests that need a refused document skip (see _needs).
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "build", "--data-dir", str(data_dir)], cwd=ROOT,
                          env={**os.environ, "DIPLOKG_MODEL": "blank"}, capture_output=True, text=True, timeout=600)
    assert "stored" in proc.stdout, proc.stderr
    return data_dir


@pytest.fixture(scope="session")
def corpus_store(corpus_store_dir):
    store = OxigraphStore(corpus_store_dir, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def network(corpus_store) -> nx.MultiDiGraph:
    return build_network(corpus_store, NetworkFilters(), base=BASE)


def _needs(store: OxigraphStore, doc_id: str) -> None:
    if not store.has_graph(f"{BASE}/graph/{doc_id.replace('_', '-')}"):
        pytest.skip(f"document {doc_id} was refused by the SHACL gate in this build")


DOC0 = "000_dfeb442d8a846689"  # the Nagorno-Karabakh letter: Armenia, Azerbaijan, motion 21501-02-2234


def _actor(store: OxigraphStore, label: str) -> str:
    rows = store.rows(P + f'SELECT DISTINCT ?a WHERE {{ ?a a dkg:NamedEntity ; skos:prefLabel "{label}"@nl }}')
    assert len(rows) == 1, rows
    return rows[0]["a"]


def _gexf_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "gexf-1.3" / "gexf.xsd"))


def _graphml_schema() -> xmlschema.XMLSchema:
    # The schemas import each other by their published URLs; map those to the vendored copies.
    remote = "http://graphml.graphdrawing.org/xmlns/1.1/"
    local = {remote + p.name: p.resolve().as_uri() for p in (SCHEMAS / "graphml-1.1").glob("*.xsd")}
    return xmlschema.XMLSchema(str(SCHEMAS / "graphml-1.1" / "graphml.xsd"), uri_mapper=local)


# -- the network itself -----------------------------------------------------------------------------


def test_armenia_and_azerbaijan_joined_by_the_outbreak_of_hostilities(corpus_store, network):
    """'Op 27 september jl. zijn er opnieuw vijandelijkheden uitgebroken ...' (document 000)."""
    _needs(corpus_store, DOC0)
    a, b = sorted([_actor(corpus_store, "Armenië"), _actor(corpus_store, "Azerbeidzjan")])
    edges = network.get_edge_data(a, b).values()
    assert any(d["kind"] == "event" and d["event_type"] == "HOSTILITIES" and d.get("date") == "2020-09-27"
               for d in edges)


def test_armenia_and_azerbaijan_share_the_events_the_store_records(corpus_store, network):
    _needs(corpus_store, DOC0)
    armenia, azerbaijan = _actor(corpus_store, "Armenië"), _actor(corpus_store, "Azerbeidzjan")
    expected = {r["e"] for r in corpus_store.rows(
        P + f"SELECT DISTINCT ?e WHERE {{ ?e a sem:Event ; sem:hasActor <{armenia}>, <{azerbaijan}> }}")}
    assert expected, "the corpus has events with both Armenia and Azerbaijan"
    a, b = sorted([armenia, azerbaijan])  # co-participation edges run in IRI order
    edges = [d for d in network.get_edge_data(a, b).values() if d["kind"] == "event"]
    assert {d["event"] for d in edges} == expected
    # Edge types are the events' own types in the store (what the extractor finds may change).
    types = {r["t"].rsplit("event-", 1)[-1] for r in corpus_store.rows(
        P + f"SELECT DISTINCT ?t WHERE {{ ?e a sem:Event ; sem:eventType ?t ; "
            f"sem:hasActor <{armenia}>, <{azerbaijan}> }}")}
    assert types and {d["event_type"] for d in edges} == types
    assert network.nodes[armenia]["type"] == "COUNTRY" and network.nodes[armenia]["label"] == "Armenië"
    assert network.nodes[armenia]["documents"] >= 2


def test_cabinet_positions_towards_belarus_are_aggregated(corpus_store, network):
    edges = [d for d in network.get_edge_data(CABINET, BELARUS).values() if d["kind"] == "position"]
    stances = {d["stance"] for d in edges}
    rows = corpus_store.rows(P + f"""SELECT DISTINCT ?s WHERE {{ ?p dkg:holder <{CABINET}> ;
        dkg:targetActor <{BELARUS}> ; dkg:stance ?s }}""")
    assert stances == {r["s"].rsplit("stance-", 1)[1] for r in rows}
    assert {"CONDEMNS", "CALLS_FOR"} <= stances
    assert len(edges) == len({(d["stance"], d.get("date")) for d in edges}), "one edge per stance and date"
    assert all(d["sentences"] >= 1 for d in edges)
    assert sum(d["positions"] for d in edges) == int(corpus_store.rows(P + f"""SELECT (COUNT(DISTINCT ?p) AS ?n)
        WHERE {{ ?p dkg:holder <{CABINET}> ; dkg:targetActor <{BELARUS}> }}""")[0]["n"])
    assert network.nodes[BELARUS].get("wikidata") == "Q184"


def test_roles_and_motions(corpus_store, network):
    _needs(corpus_store, DOC0)
    kinds = {d["kind"] for *_, d in network.edges(data=True)}
    assert kinds == {"event", "position", "role", "motion"}
    motion = f"{BASE}/id/motion/21501-02-2234"
    assert network.nodes[motion]["type"] == "MOTION"
    assert network.nodes[motion]["answered"] is True and "kabinet" in network.nodes[motion]["execution"]
    submitters = {network.nodes[u]["label"] for u, _ in network.in_edges(motion)}
    assert any("Omtzigt" in s for s in submitters)
    roles = [(u, v, d) for u, v, d in network.edges(data=True) if d["kind"] == "role"]
    assert all(network.nodes[u]["type"] in ("PERSON", "COUNTRY", "ORGANISATION") and d.get("role")
               for u, v, d in roles)


def test_dates_become_intervals():
    assert interval("2020-10-12") == ("2020-10-12", "2020-10-12")
    assert interval("2020-02") == ("2020-02-01", "2020-02-29")
    assert interval("2021") == ("2021-01-01", "2021-12-31")


# -- writers: read back, validate -------------------------------------------------------------------


def test_gexf_is_dynamic_valid_and_reads_back(network):
    data = to_gexf(network)
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    assert b'xmlns="http://gexf.net/1.3"' in data and b'version="1.3"' in data
    _gexf_schema().validate(data.decode("utf-8"))
    back = nx.read_gexf(io.BytesIO(data))
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    dated = [d for *_, d in back.edges(data=True) if "date" in d]
    assert dated and all(d["start"] <= d["end"] for d in dated)
    assert back.nodes[BELARUS]["label"] == "Belarus"
    assert b"networkx_key" not in data  # the library's bookkeeping is no attribute of a relation


def test_graphml_is_valid_and_reads_back(network):
    data = to_graphml(network)
    _graphml_schema().validate(data.decode("utf-8"))
    back = nx.read_graphml(io.BytesIO(data))
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    iris = {d["iri"]: n for n, d in back.nodes(data=True)}
    assert {d["stance"] for d in back.get_edge_data(iris[CABINET], iris[BELARUS]).values()
            if d["kind"] == "position"} >= {"CONDEMNS"}


def test_cyjs_reads_back_with_networkx(network):
    doc = json.loads(json.dumps(to_cyjs(network)))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert all({"id", "label"} <= n["data"].keys() for n in nodes)
    assert all({"id", "source", "target", "label"} <= e["data"].keys() for e in edges)
    assert len({e["data"]["id"] for e in edges} | {n["data"]["id"] for n in nodes}) == len(nodes) + len(edges)
    belarus = next(n["data"] for n in nodes if n["data"]["id"] == BELARUS)
    assert belarus["href"] == "/id/country/belarus"
    back = nx.cytoscape_graph(doc)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()


# -- filters ----------------------------------------------------------------------------------------


def test_stance_filter_leaves_only_that_stance(corpus_store):
    g = build_network(corpus_store, NetworkFilters(stance="CONDEMNS"))
    assert g.number_of_edges() > 0
    assert {(d["kind"], d["stance"]) for *_, d in g.edges(data=True)} == {("position", "CONDEMNS")}


def test_event_type_filter(corpus_store):
    g = build_network(corpus_store, NetworkFilters(event_type="hostilities"))
    assert g.number_of_edges() > 0
    assert {(d["kind"], d["event_type"]) for *_, d in g.edges(data=True)} == {("event", "HOSTILITIES")}


def test_date_range_drops_out_of_range_edges(corpus_store, network):
    g = build_network(corpus_store, NetworkFilters(date_from="2021-01", date_to="2021-06-30"))
    assert g.number_of_edges() > 0
    assert all("2021-01-01" <= d["end"] and d["start"] <= "2021-06-30" for *_, d in g.edges(data=True))
    # Partial dates overlap: a year-precision "2021" falls in the range, a 2020 date does not.
    dated_in = [d for *_, d in network.edges(data=True)
                if d.get("date") and d["end"] >= "2021-01-01" and d["start"] <= "2021-06-30"]
    assert g.number_of_edges() == len(dated_in)


def test_ego_network_depth_one_is_only_neighbours(corpus_store, network):
    g = build_network(corpus_store, NetworkFilters(actor=BELARUS, depth=1))
    neighbours = set(nx.all_neighbors(network, BELARUS)) | {BELARUS}
    assert set(g) == neighbours
    deeper = build_network(corpus_store, NetworkFilters(actor=BELARUS, depth=2))
    assert set(deeper) > set(g)


def test_actor_type_and_document_filters(corpus_store):
    g = build_network(corpus_store, NetworkFilters(actor_type="country"))
    assert g.number_of_edges() > 0 and {t for _, t in g.nodes(data="type")} == {"COUNTRY"}
    _needs(corpus_store, DOC0)
    doc = f"{BASE}/id/document/000-dfeb442d8a846689"
    g = build_network(corpus_store, NetworkFilters(document=doc, kinds=("event", "position")))
    assert g.number_of_edges() > 0 and all(doc in d["documents"] for *_, d in g.edges(data=True))


@pytest.mark.parametrize("bad", [dict(date_from="2020-13"), dict(stance="x y"), dict(actor="not an iri"),
                                 dict(actor_type="ALIEN"), dict(depth=99), dict(date_from="2021", date_to="2020")])
def test_bad_filters_are_refused(bad):
    with pytest.raises(NetworkError):
        NetworkFilters(**bad)


def test_network_queries_run_as_construct(corpus_store):
    for kind, query in NETWORK_QUERIES.items():
        assert len(corpus_store.construct(query)) > 0, kind


# -- CLI and HTTP -----------------------------------------------------------------------------------


def test_cli_export_network_formats(corpus_store_dir, tmp_path):
    out = tmp_path / "n.gexf"
    subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--data-dir", str(corpus_store_dir),
                    "-f", "gexf", "--stance", "CONDEMNS", "-o", str(out)], cwd=ROOT, check=True, timeout=120)
    g = nx.read_gexf(out)
    assert g.number_of_edges() > 0 and {d["stance"] for *_, d in g.edges(data=True)} == {"CONDEMNS"}
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--data-dir", str(corpus_store_dir),
                           "-f", "cyjs", "--actor", BELARUS, "--document", "000_dfeb442d8a846689"],
                          cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["elements"]["nodes"]
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--data-dir", str(corpus_store_dir),
                           "-f", "graphml", "--from", "2020-13"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1 and "YYYY" in proc.stderr and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def client(corpus_store) -> TestClient:
    return TestClient(create_app(Settings(base_iri=BASE), corpus_store))


def test_http_formats_and_headers(client):
    r = client.get("/network.gexf", params={"stance": "CONDEMNS"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/gexf+xml")
    assert r.headers["content-disposition"].startswith("attachment")
    _gexf_schema().validate(r.text)
    r = client.get("/network.graphml", params={"actor": "country/belarus"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/graphml+xml")
    assert "attachment" in r.headers["content-disposition"]
    r = client.get("/network.cyjs", params={"actor": BELARUS, "depth": 1, "from": "2020", "to": "2021"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert "content-disposition" not in r.headers
    assert nx.cytoscape_graph(r.json()).number_of_nodes() >= 1


@pytest.mark.parametrize("params", [{"from": "yesterday"}, {"stance": "a b"}, {"actor": "nope"},
                                    {"actor_type": "ALIEN"}, {"depth": "-1"}, {"document": "http://example.org/a b"},
                                    {"event_type": "x>y"}])
def test_http_bad_filters_are_400_in_the_error_shape(client, params):
    r = client.get("/network.cyjs", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["status"] == 400
