"""The same build, query, validation and server on a real remote SPARQL 1.1 store (Virtuoso).

Runs when DIPLOKG_TEST_VIRTUOSO_URL is set (``.ci/virtuoso.sh`` starts Virtuoso and prints it). Each run
mints its IRIs under its own base, so its graphs are its own; they are dropped at the end.
"""

from __future__ import annotations

import csv
import io
import os
import uuid

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.config import load_settings
from pipeline.store.remote import RemoteStore
from tests.conftest import CORPUS, run_cli

VIRTUOSO_URL = os.environ.get("DIPLOKG_TEST_VIRTUOSO_URL")
pytestmark = pytest.mark.skipif(not VIRTUOSO_URL, reason="DIPLOKG_TEST_VIRTUOSO_URL is unset (run .ci/virtuoso.sh)")

BASE = f"https://run-{uuid.uuid4().hex[:8]}.example.org/diplokg"
DOCUMENT = next(CORPUS.glob("003_*.txt"))
GRAPH = f"{BASE}/graph/{DOCUMENT.stem.replace('_', '-')}"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def remote_env():
    env = {"DIPLOKG_STORE_URL": VIRTUOSO_URL, "DIPLOKG_BASE_IRI": BASE}
    run_cli("build", str(DOCUMENT), env=env)
    yield env
    store = RemoteStore(VIRTUOSO_URL)
    for graph in store.graphs():
        if graph.startswith(BASE):
            store.drop_graph(graph)


def count(csv_text: str) -> int:
    return int(next(csv.DictReader(io.StringIO(csv_text)))["n"])


def test_build_stores_the_document_graph_remotely(remote_env):
    assert count(run_cli("query", COUNT, "--format", "csv", env=remote_env).stdout) > 100


def test_rebuild_replaces_the_graph_remotely(remote_env):
    before = count(run_cli("query", COUNT, "--format", "csv", env=remote_env).stdout)
    proc = run_cli("build", str(DOCUMENT), "--force", env=remote_env)
    assert "stored 1 document(s)" in proc.stdout
    assert count(run_cli("query", COUNT, "--format", "csv", env=remote_env).stdout) == before


def test_an_unchanged_document_is_skipped_remotely(remote_env, tmp_path):
    digest = f"SELECT ?d WHERE {{ GRAPH <{GRAPH}> {{ <{GRAPH}> <https://w3id.org/diplokg/ontology#buildDigest> ?d }} }}"
    stored = run_cli("query", digest, "--format", "csv", env=remote_env).stdout
    assert len(stored.split()) == 2  # the header and one digest
    proc = run_cli("build", str(DOCUMENT), env=remote_env)
    assert "stored 0 document(s), unchanged 1" in proc.stdout
    assert run_cli("query", digest, "--format", "csv", env=remote_env).stdout == stored
    # The same file edited elsewhere (same name, so the same graph) is rebuilt, with a new digest.
    edited = tmp_path / DOCUMENT.name
    edited.write_text(DOCUMENT.read_text(encoding="utf-8") + "\nDe minister sprak met Borrell in Brussel.\n",
                      encoding="utf-8")
    assert "stored 1 document(s)" in run_cli("build", str(edited), env=remote_env).stdout
    assert run_cli("query", digest, "--format", "csv", env=remote_env).stdout != stored


def test_server_on_the_remote_store_answers_sparql(remote_env):
    settings = load_settings(store_url=VIRTUOSO_URL, base_iri=BASE)
    with TestClient(create_app(settings)) as client:
        r = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 100
