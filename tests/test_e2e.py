"""End to end: build the corpus into a temporary store, serve it for real, query /sparql over HTTP."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import CORPUS, run_cli

pytestmark = pytest.mark.e2e

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# A document graph holds its mentions; the actors' types are described once, in the actors graph.
ACTORS_PER_DOCUMENT = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?g (COUNT(DISTINCT ?actor) AS ?actors) WHERE {
  GRAPH ?g { ?mention dkg:mentionOf ?actor }
  ?actor a ?type . FILTER(?type IN (<http://schema.org/Country>, <http://xmlns.com/foaf/0.1/Person>,
                                    <http://www.w3.org/ns/org#Organization>))
} GROUP BY ?g
"""


def test_sparql_counts_triples_over_http(server):
    r = httpx.get(f"{server}/sparql", params={"query": COUNT},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    n = int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert n > 1000


def test_every_document_has_actors(server):
    r = httpx.post(f"{server}/sparql", data={"query": ACTORS_PER_DOCUMENT},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    rows = r.json()["results"]["bindings"]
    assert len(rows) == len(list(CORPUS.glob("*.txt")))
    assert all(int(row["actors"]["value"]) >= 3 for row in rows)


def test_cli_query_table_and_json(writable_store):
    table = run_cli("query", COUNT, "--data-dir", str(writable_store)).stdout
    assert "n" in table and any(ch.isdigit() for ch in table)
    as_json = json.loads(run_cli("query", COUNT, "--data-dir", str(writable_store), "--format", "json").stdout)
    assert int(as_json["results"]["bindings"][0]["n"]["value"]) > 1000


def test_validate_passes_on_built_store(writable_store):
    proc = run_cli("validate", "--data-dir", str(writable_store))
    assert "5 of 5 document graph(s) conform" in proc.stdout


def test_rebuild_replaces_one_documents_facts(writable_store):
    built_store = writable_store
    before = run_cli("query", COUNT, "--data-dir", str(built_store), "--format", "csv").stdout
    run_cli("build", str(next(CORPUS.glob("003_*.txt"))), "--data-dir", str(built_store))
    after = run_cli("query", COUNT, "--data-dir", str(built_store), "--format", "csv").stdout
    assert before == after  # same input, same facts: nothing duplicated, nothing lost


def test_bad_input_is_a_clean_error_and_loses_nothing(writable_store, tmp_path):
    built_store = writable_store
    bad = tmp_path / "leeg.txt"
    bad.write_text("   \n")
    before = run_cli("query", COUNT, "--data-dir", str(built_store), "--format", "csv").stdout
    proc = run_cli("build", str(bad), "--data-dir", str(built_store), check=False)
    assert proc.returncode == 1
    assert "leeg.txt" in proc.stderr and "Traceback" not in proc.stderr
    after = run_cli("query", COUNT, "--data-dir", str(built_store), "--format", "csv").stdout
    assert before == after
