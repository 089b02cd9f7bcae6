"""Actor networks (pipeline.network, `diplokg export -f gexf|graphml|cyjs`, /network.*) on the real corpus.

Two forms: the per-fact multigraph (build_network, `--multigraph`, `?multigraph=true`) and the weighted
network written by default (pipeline.network_aggregate: one edge per pair and kind, `weight`).

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
import xml.etree.ElementTree as ET
from collections import Counter
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
from pipeline.network_aggregate import aggregate
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


@pytest.fixture(scope="session")
def weighted(network) -> nx.MultiDiGraph:
    return aggregate(network)


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


def _gexf_edges(data: bytes) -> list[dict]:
    """Each <edge> of a GEXF document: its XML attributes, its attvalues by title, its spells.
    (networkx's reader refuses mixed graphs, which these files are: undirected events, directed rest.)"""
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.fromstring(data)
    titles = {a.get("id"): a.get("title") for a in root.iterfind(".//g:attributes[@class='edge']/g:attribute", ns)}
    edges = []
    for e in root.iterfind(".//g:edge", ns):
        values = {titles[v.get("for")]: v.get("value") for v in e.iterfind("g:attvalues/g:attvalue", ns)}
        spells = [(s.get("start"), s.get("end")) for s in e.iterfind("g:spells/g:spell", ns)]
        edges.append({**values, **{f"@{k}": v for k, v in e.attrib.items()}, "spells": spells})
    return edges


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


# -- the weighted network (pipeline.network_aggregate) ------------------------------------------------


def test_weighted_edges_are_one_per_pair_and_kind_with_the_fact_count(network, weighted):
    facts = Counter()
    for u, v, d in network.edges(data=True):
        facts[u, v, d["kind"]] += d["weight"]
    assert {(u, v, k) for u, v, k in weighted.edges(keys=True)} == set(facts)
    assert weighted.number_of_edges() == len(facts) < network.number_of_edges()
    for u, v, k, d in weighted.edges(keys=True, data=True):
        assert d["kind"] == k and d["weight"] == facts[u, v, k] >= 1
    assert max(weighted.number_of_edges(u, v) for u, v in weighted.edges()) <= 4  # at most one per kind
    # One event is one fact: an event edge weighs as many multigraph edges as it folds.
    events = Counter((u, v) for u, v, d in network.edges(data=True) if d["kind"] == "event")
    assert all(weighted.edges[u, v, "event"]["weight"] == n for (u, v), n in events.items())


def test_weights_are_what_the_store_counts(corpus_store, weighted):
    """Independent SPARQL: the events Armenia and Azerbaijan share, the cabinet's positions on Belarus."""
    _needs(corpus_store, DOC0)
    armenia, azerbaijan = sorted([_actor(corpus_store, "Armenië"), _actor(corpus_store, "Azerbeidzjan")])
    shared = int(corpus_store.rows(P + f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        ?e a sem:Event ; sem:hasActor <{armenia}>, <{azerbaijan}> }}""")[0]["n"])
    edge = weighted.edges[armenia, azerbaijan, "event"]
    assert shared > 1 and edge["weight"] == shared == len(edge["events"].split())
    assert sum(int(t.split(":")[1]) for t in edge["event_types"].split()) == shared
    positions = int(corpus_store.rows(P + f"""SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{
        ?p dkg:holder <{CABINET}> ; dkg:targetActor <{BELARUS}> }}""")[0]["n"])
    edge = weighted.edges[CABINET, BELARUS, "position"]
    assert edge["weight"] == edge["positions"] == positions
    counts = {t.split(":")[0]: int(t.split(":")[1]) for t in edge["stances"].split()}
    assert {"CONDEMNS", "CALLS_FOR"} <= set(counts) and counts[edge["stance"]] == max(counts.values())


def test_co_participation_edges_are_undirected_once_per_pair(weighted):
    events = [(u, v, d) for u, v, k, d in weighted.edges(keys=True, data=True) if k == "event"]
    assert events and all(d["directed"] is False and u < v for u, v, d in events)
    assert not any(weighted.has_edge(v, u, "event") for u, v, _ in events)
    others = [d for *_, k, d in weighted.edges(keys=True, data=True) if k != "event"]
    assert others and all(d["directed"] is True for d in others)


def test_weighted_dates_become_disjoint_spells(network, weighted):
    spelled = 0
    for u, v, k, d in weighted.edges(keys=True, data=True):
        folded = [f for f in network.get_edge_data(u, v).values() if f["kind"] == k]
        assert d.get("dates", "").split() == sorted({f["date"] for f in folded if "date" in f})
        if not all("start" in f for f in folded):
            assert "spells" not in d and "start" not in d  # an undated fact: always present
            continue
        spells = d["spells"]
        spelled += len(spells) > 1
        assert all(a[1] < b[0] for a, b in zip(spells, spells[1:], strict=False)), spells  # Gephi refuses overlaps
        assert all(any(s <= f["start"] and f["end"] <= e for s, e in spells) for f in folded)
        assert (d["start"], d["end"]) == (spells[0][0], spells[-1][1])
    assert spelled, "some pair has facts on several dates"


# -- writers: read back, validate -------------------------------------------------------------------


def test_weighted_gexf_carries_weight_type_kind_and_spells(weighted):
    data = to_gexf(weighted)
    _gexf_schema().validate(data.decode("utf-8"))
    edges = _gexf_edges(data)
    assert len(edges) == weighted.number_of_edges()
    by_pair = {(e["@source"], e["@target"], e["@kind"]): e for e in edges}
    assert len(by_pair) == len(edges)
    for u, v, k, d in weighted.edges(keys=True, data=True):
        e = by_pair[u, v, k]
        assert float(e["@weight"]) == d["weight"] and e["@type"] == ("undirected" if k == "event" else "directed")
        assert e["spells"] == d.get("spells", []) and "@start" not in e  # the spells say when
    titles = {e_key for e in edges for e_key in e if not e_key.startswith("@")} - {"spells"}
    assert not titles & {"networkx_key", "key", "directed", "weight", "spells", "label"}, titles


@pytest.mark.parametrize("kinds, directed", [(("event",), False), (("position", "role", "motion"), True)])
def test_weighted_gexf_reads_back_with_networkx(corpus_store, kinds, directed):
    """networkx reads GEXF only when all edges go one way: the events alone, or everything else."""
    g = aggregate(build_network(corpus_store, NetworkFilters(kinds=kinds)))
    back = nx.read_gexf(io.BytesIO(to_gexf(g)))
    assert back.is_directed() is directed and back.number_of_edges() == g.number_of_edges() > 0
    weights = sorted(w for *_, w in back.edges(data="weight"))
    assert weights == sorted(float(w) for *_, w in g.edges(data="weight")) and weights[-1] > 1
    assert sum("spells" in d for *_, d in back.edges(data=True)) == sum("spells" in d for *_, d in g.edges(data=True))


def test_weighted_graphml_and_cyjs_read_back(weighted):
    data = to_graphml(weighted)
    _graphml_schema().validate(data.decode("utf-8"))
    back = nx.read_graphml(io.BytesIO(data))
    assert back.number_of_edges() == weighted.number_of_edges()
    iris = {n: d["iri"] for n, d in back.nodes(data=True)}
    got = {(iris[u], iris[v], d["kind"]): (d["weight"], d["directed"]) for u, v, d in back.edges(data=True)}
    assert got == {(u, v, k): (d["weight"], d["directed"]) for u, v, k, d in weighted.edges(keys=True, data=True)}
    assert b"edge_id" not in data and b"spells" not in data and b"networkx_key" not in data
    doc = json.loads(json.dumps(to_cyjs(weighted)))
    cy = nx.cytoscape_graph(doc)
    assert {(u, v, k): d["weight"] for u, v, k, d in cy.edges(keys=True, data=True)} == \
        {(u, v, k): d["weight"] for u, v, k, d in weighted.edges(keys=True, data=True)}
    assert all("spells" not in e["data"] for e in doc["elements"]["edges"])




def test_gexf_is_dynamic_valid_and_mixed(network):
    data = to_gexf(network)
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    assert b'xmlns="http://gexf.net/1.3"' in data and b'version="1.3"' in data
    _gexf_schema().validate(data.decode("utf-8"))
    graph = ET.fromstring(data).find("{http://gexf.net/1.3}graph")
    assert "defaultedgetype" not in graph.attrib  # mixed: Gephi drops edges that contradict a default
    edges = _gexf_edges(data)
    assert len(edges) == network.number_of_edges()
    assert all((e["@type"] == "undirected") == (e["kind"] == "event") and e["@kind"] == e["kind"] for e in edges)
    dated = [e for e in edges if "date" in e]
    assert dated and all(e["@start"] <= e["@end"] for e in dated)
    assert sum(float(e["@weight"]) for e in edges) == sum(w for *_, w in network.edges(data="weight"))
    assert b"networkx_key" not in data  # the library's bookkeeping is no attribute of a relation
    nodes = {n.get("id"): n.get("label") for n in ET.fromstring(data).iter("{http://gexf.net/1.3}node")}
    assert nodes[BELARUS] == "Belarus" and len(nodes) == network.number_of_nodes()


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


def test_cli_exports_weighted_by_default_and_the_multigraph_on_request(corpus_store_dir, network, weighted):
    def export(*extra: str) -> dict:
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--data-dir", str(corpus_store_dir),
                               "-f", "cyjs", *extra], cwd=ROOT, capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)
    edges = export()["elements"]["edges"]
    assert len(edges) == weighted.number_of_edges()
    assert len({(e["data"]["source"], e["data"]["target"], e["data"]["kind"]) for e in edges}) == len(edges)
    facts = export("--multigraph")["elements"]["edges"]
    assert len(facts) == network.number_of_edges() > len(edges)
    assert sum(e["data"]["weight"] for e in facts) == sum(e["data"]["weight"] for e in edges)


def test_cli_unknown_format_lists_the_network_formats(corpus_store_dir):
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--data-dir", str(corpus_store_dir),
                           "-f", "pajek"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    message = " ".join(proc.stderr.split())
    assert "pajek" in message and all(f in message for f in ("gexf", "graphml", "cyjs", "trig")), message


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


def test_http_weighted_by_default_multigraph_on_request(client, network, weighted):
    weighted_doc = client.get("/network.cyjs").json()
    facts_doc = client.get("/network.cyjs", params={"multigraph": "true"}).json()
    assert len(weighted_doc["elements"]["edges"]) == weighted.number_of_edges()
    assert len(facts_doc["elements"]["edges"]) == network.number_of_edges()
    r = client.get("/network.gexf", params={"multigraph": "true"})
    assert r.status_code == 200 and len(_gexf_edges(r.content)) == network.number_of_edges()
    edges = _gexf_edges(client.get("/network.gexf").content)
    assert len(edges) == weighted.number_of_edges() and all("@weight" in e for e in edges)
    assert client.get("/network.cyjs", params={"multigraph": "perhaps"}).status_code == 400


@pytest.mark.parametrize("params", [{"from": "yesterday"}, {"stance": "a b"}, {"actor": "nope"},
                                    {"actor_type": "ALIEN"}, {"depth": "-1"}, {"document": "http://example.org/a b"},
                                    {"event_type": "x>y"}])
def test_http_bad_filters_are_400_in_the_error_shape(client, params):
    r = client.get("/network.cyjs", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["status"] == 400
