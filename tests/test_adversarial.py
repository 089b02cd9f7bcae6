"""What one anonymous request must not be able to do to the server (issue #16), kept from coming back.

Most cases run against the isolated embedded store in this process (real worker processes, a
real on-disk store); the last ones against a real `diplokg serve`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import rdflib

from pipeline.sparql_text import max_nesting, service_targets
from pipeline.store.base import QueryError, QueryTimeout, check_query
from pipeline.store.isolated import IsolatedOxigraphStore, QueryCrashed
from tests.conftest import CORPUS, ROOT, free_port, run_cli

NESTED = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000  # segfaults pyoxigraph 0.5 unchecked
# Past the nesting check (no brackets) yet deep enough to overflow the engine's recursion.
ENGINE_CRASH = "SELECT * WHERE { FILTER(" + "!" * 20000 + "true) }"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
CORPUS_FILE = CORPUS / "003_99360fe620bbdf8f.txt"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _graph(n: int) -> rdflib.Graph:
    g = rdflib.Graph()
    for i in range(n):
        g.add((rdflib.URIRef(f"urn:s{i}"), rdflib.URIRef("urn:p"), rdflib.Literal(i)))
    return g


@pytest.fixture(scope="module")
def isolated(tmp_path_factory):
    store = IsolatedOxigraphStore(tmp_path_factory.mktemp("iso") / "store", query_timeout=2.0,
                                  min_workers=2, max_workers=6, memory_mb=1024)
    store.replace_graph("urn:g:one", _graph(300))
    yield store
    store.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too: it uses neither CPU nor memory
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


# -- the cheap pre-check -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("ASK {}", 1),
        ("SELECT * { { ?s ?p ?o } FILTER((1)) }", 3),
        ('SELECT * { ?s ?p "{{{{((((" }', 1),  # brackets in strings do not count
        ("SELECT * { ?s ?p <urn:x> } # {{{{{{", 1),  # nor in comments
        (NESTED, 3000),
    ],
)
def test_max_nesting(text: str, depth: int) -> None:
    assert max_nesting(text) == depth


def test_precheck_refuses_deep_and_long_queries_before_parsing() -> None:
    with pytest.raises(QueryError, match="nests groups 3000 deep"):
        check_query(NESTED)
    with pytest.raises(QueryError, match="characters; the limit"):
        check_query("ASK {}" + " " * 300_000)
    check_query("SELECT * { ?s ?p ?o } LIMIT 1")  # an ordinary query passes


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("SELECT * { ?s ?p ?o }", []),
        ("SELECT * { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }", ["http://127.0.0.1:1/x"]),
        ("SELECT * { SERVICE SILENT <http://a/> {} SERVICE <http://b/> {} }", ["http://a/", "http://b/"]),
        ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", None),
        ("PREFIX e: <http://a/> SELECT * { SERVICE e:x {} }", None),
        ('SELECT * { ?s ?p "SERVICE <http://a/>" }', []),
    ],
)
def test_service_targets(text: str, targets: list[str] | None) -> None:
    assert service_targets(text) == targets


# -- the isolated store --------------------------------------------------------------------------------


def test_a_crash_in_the_engine_costs_one_query_not_the_process(isolated) -> None:
    with pytest.raises(QueryCrashed, match="SIGSEGV"):
        isolated.query_raw(ENGINE_CRASH, "application/sparql-results+json")
    assert isolated.select("ASK { ?s ?p ?o }")["boolean"] is True


def test_a_query_past_its_deadline_is_killed_and_replaced(isolated) -> None:
    before = set(isolated.pool.pids())
    with pytest.raises(QueryTimeout):
        isolated.query_capped(SLOW, "application/sparql-results+json", timeout=0.5)
    gone = before - set(isolated.pool.pids())
    assert gone, "the worker that ran the query should have been replaced"
    assert not any(_alive(pid) for pid in gone)
    assert isolated.pool.workers <= isolated.pool.max_workers
    assert isolated.select("ASK {}")["boolean"] is True


def test_results_stop_at_the_row_cap_in_the_worker(isolated) -> None:
    body, truncated = isolated.query_capped(CARTESIAN, "text/csv", row_limit=50)
    assert truncated and body.count(b"\r\n") == 51  # header + 50 rows of 90,000
    body, truncated = isolated.query_capped("SELECT ?s { ?s <urn:p> 1 }", "text/csv", row_limit=50)
    assert not truncated and body.count(b"\r\n") == 2
    body, truncated = isolated.query_capped("CONSTRUCT { ?a <urn:q> ?d } WHERE { ?a ?b ?c . ?d ?e ?f }",
                                            "application/n-triples", row_limit=20)
    assert truncated and body.count(b"\n") == 20


def test_workers_see_every_committed_write(isolated) -> None:
    ask = "ASK { GRAPH <urn:g:two> { ?s ?p ?o } }"
    assert isolated.select(ask)["boolean"] is False
    isolated.replace_graph("urn:g:two", _graph(3))
    assert isolated.select(ask)["boolean"] is True
    isolated.drop_graph("urn:g:two")
    assert isolated.select(ask)["boolean"] is False


def test_terms_keep_their_kind_language_and_datatype(isolated) -> None:
    q = 'SELECT ?u ?l ?n ?b WHERE { BIND(<urn:x> AS ?u) BIND("Kyiv"@uk AS ?l) BIND(3 AS ?n) BIND(BNODE() AS ?b) }'
    body, _ = isolated.query_capped(q, "application/sparql-results+json", row_limit=10)
    import json

    row = json.loads(body)["results"]["bindings"][0]
    assert row["u"] == {"type": "uri", "value": "urn:x"}
    assert row["l"] == {"type": "literal", "value": "Kyiv", "xml:lang": "uk"}
    assert row["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert row["b"]["type"] == "bnode"


# -- the CLI -------------------------------------------------------------------------------------------


def test_cli_query_refuses_deep_nesting_cleanly(built_store) -> None:
    proc = run_cli("query", "--data-dir", str(built_store), NESTED, check=False)
    assert proc.returncode == 1, proc.returncode  # not 139 (SIGSEGV)
    assert "nests groups 3000 deep" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


# -- a real server -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """`diplokg serve` with a 3 s deadline on a small store of its own."""
    data_dir = tmp_path_factory.mktemp("adv") / "store"
    store = IsolatedOxigraphStore(data_dir, min_workers=1, max_workers=1)
    store.replace_graph("urn:g:one", _graph(300))
    store.close()
    port = free_port()
    env = {**os.environ, "DIPLOKG_QUERY_TIMEOUT": "3"}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--data-dir", str(data_dir),
                             "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield url, proc
    proc.terminate()
    proc.wait(timeout=10)


def _worker_pids(server_pid: int) -> set[int]:
    out = subprocess.run(["ps", "-eo", "pid,ppid,args"], capture_output=True, text=True).stdout
    rows = [line.split(None, 2) for line in out.splitlines()[1:]]
    forkservers = {int(p) for p, pp, a in rows if int(pp) == server_pid and "forkserver" in a}
    return {int(p) for p, pp, _ in rows if int(pp) in forkservers}


@pytest.mark.e2e
def test_server_survives_the_nesting_and_the_crash_query(strict_server) -> None:
    url, proc = strict_server
    r = httpx.get(f"{url}/sparql", params={"query": NESTED})
    assert r.status_code == 400 and "nests groups" in r.json()["error"]["detail"]
    r = httpx.post(f"{url}/sparql", data={"query": ENGINE_CRASH})
    assert r.status_code == 500 and "the server is fine" in r.json()["error"]["detail"]
    assert proc.poll() is None
    assert httpx.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 200


@pytest.mark.e2e
def test_abandoned_queries_stop_and_cheap_ones_still_pass(strict_server) -> None:
    url, proc = strict_server
    statuses: list[int] = []

    def slow() -> None:
        statuses.append(httpx.get(f"{url}/sparql", params={"query": SLOW}, timeout=60).status_code)

    threads = [threading.Thread(target=slow) for _ in range(10)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    busy = _worker_pids(proc.pid)
    ask = httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=60)
    answered_while_busy = not statuses  # no slow query had its answer yet
    for t in threads:
        t.join()
    assert ask.status_code == 200 and answered_while_busy
    assert statuses == [503] * 10
    time.sleep(0.5)
    assert not any(_alive(pid) for pid in busy - _worker_pids(proc.pid)), "a stopped query's worker lives on"
    assert proc.poll() is None


@pytest.mark.e2e
def test_service_sends_no_request_by_default(strict_server) -> None:
    url, _ = strict_server
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    try:
        for q in (f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                  f"SELECT * {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
                  "SELECT * { BIND(<http://127.0.0.1/> AS ?e) SERVICE ?e { ?s ?p ?o } }"):
            r = httpx.get(f"{url}/sparql", params={"query": q})
            assert r.status_code == 400 and r.json()["error"]["title"] == "SERVICE not allowed"
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody called
    finally:
        listener.close()


# -- bounds and no silent loss -----------------------------------------------------------------------


def test_oversized_bodies_are_413_before_they_are_read() -> None:
    from tests.api_fixtures import make_client

    with make_client(max_upload_mb=0.001, update_token="t") as c:  # 1,048 bytes
        big = "INSERT DATA { <urn:a> <urn:b> \"" + "x" * 5000 + "\" }"
        r = c.post("/sparql", content=big, headers={"Content-Type": "application/sparql-update",
                                                     "Authorization": "Bearer t"})
        assert r.status_code == 413 and r.json()["error"]["title"] == "Request too large"

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"x" * 500

        r = c.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413
        r = c.post("/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 200


@pytest.mark.parametrize("names", [("Brief 1.txt", "brief-1.txt"), ("brief_1.txt", "brïef_1.txt")])
def test_colliding_document_ids_are_refused_naming_both_files(tmp_path, names) -> None:
    from pipeline.run import DocumentIdConflict, check_document_ids

    paths = [tmp_path / n for n in names]
    with pytest.raises(DocumentIdConflict) as e:
        check_document_ids(paths)
    assert str(paths[0]) in str(e.value) and str(paths[1]) in str(e.value)


@pytest.mark.parametrize("name", ["ontology.txt", "Actors.txt", "dataset.pdf"])
def test_reserved_graph_names_are_refused(tmp_path, name) -> None:
    from pipeline.run import DocumentIdConflict, check_document_ids

    with pytest.raises(DocumentIdConflict, match="reserved"):
        check_document_ids([tmp_path / name])


def test_a_stored_document_of_another_file_is_never_replaced(tmp_path) -> None:
    text = (CORPUS_FILE.read_text(encoding="utf-8"))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "Brief 1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "brief-1.txt").write_text(text.replace("Belarus", "Wit-Rusland"), encoding="utf-8")
    store = tmp_path / "store"
    run_cli("build", str(tmp_path / "a"), "--data-dir", str(store), "--model", "blank")
    proc = run_cli("build", str(tmp_path / "b"), "--data-dir", str(store), "--model", "blank", check=False)
    assert proc.returncode == 1 and "already holds the document 'Brief 1'" in proc.stderr
    out = run_cli("query", "--data-dir", str(store), "--format", "csv",
                  "SELECT ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id }").stdout
    assert "Brief 1" in out and "brief-1" not in out


def test_titles_are_capped(tmp_path) -> None:
    from pipeline.metadata import MAX_TITLE
    from pipeline.text import prepare

    path = tmp_path / "one-line.txt"
    path.write_text("woord " * 100_000, encoding="utf-8")
    title = prepare(path).meta.title
    assert len(title) <= MAX_TITLE and title.endswith("…")


def test_over_long_texts_are_a_clean_error_not_a_batch_stopper(tmp_path) -> None:
    from pipeline.text import MAX_CHARS

    (tmp_path / "a-long.txt").write_text("x " * (MAX_CHARS // 2 + 10), encoding="utf-8")
    (tmp_path / "b-short.txt").write_text("De minister sprak met Borrell in Brussel.", encoding="utf-8")
    proc = run_cli("build", str(tmp_path), "--data-dir", str(tmp_path / "store"), "--model", "blank", check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "characters; documents of up to" in proc.stderr and "stored 1 document(s)" in proc.stdout


# -- the smaller items -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/actors", "/ontology", "/health", "/graphs?default"])
def test_head_is_get_without_a_body(path) -> None:
    from tests.api_fixtures import make_client

    with make_client() as c:
        head, get = c.head(path), c.get(path)
        assert head.status_code == get.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]


def test_a_byte_order_mark_before_a_query_is_no_error() -> None:
    from tests.api_fixtures import make_client

    with make_client() as c:
        r = c.post("/sparql", content="\ufeffASK {}".encode(), headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 200 and r.json()["boolean"] is True


def test_a_non_ascii_token_authenticates_and_a_blank_one_means_writes_off(monkeypatch) -> None:
    from pipeline.config import load_settings
    from tests.api_fixtures import make_client

    token = "géheim-sléutel"
    with make_client(update_token=token) as c:
        r = c.post("/sparql", content=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                   headers={"Content-Type": "application/sparql-update",
                            "Authorization": b"Bearer " + token.encode("utf-8")})
        assert r.status_code == 204
    monkeypatch.setenv("DIPLOKG_UPDATE_TOKEN", "   ")
    assert load_settings().update_token is None


def test_json_ld_uploads_never_load_a_context() -> None:
    from tests.api_fixtures import AUTH, make_client

    with make_client() as c:
        for context in ('"http://127.0.0.1:9/context.jsonld"', '["file:///etc/passwd"]'):
            body = '{"@context": ' + context + ', "@id": "urn:a", "urn:b": "c"}'
            r = c.put("/graphs?graph=urn:g:x", content=body,
                      headers={**AUTH, "Content-Type": "application/ld+json"})
            assert r.status_code == 400 and r.json()["error"]["title"] == "Remote JSON-LD context"
        inline = '{"@context": {"b": "urn:b"}, "@id": "urn:a", "b": "c"}'
        r = c.put("/graphs?graph=urn:g:x", content=inline, headers={**AUTH, "Content-Type": "application/ld+json"})
        assert r.status_code == 201


def test_graph_store_writes_to_document_graphs_pass_the_shacl_gate() -> None:
    from tests.api_fixtures import AUTH, BASE, make_client

    bad = f"<{BASE}/id/event/x-1> a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ."  # no type, no provenance
    with make_client() as c:
        r = c.put(f"/graphs?graph={BASE}/graph/x", content=bad, headers={**AUTH, "Content-Type": "text/turtle"})
        assert r.status_code == 422 and r.json()["error"]["title"] == "Refused by the SHACL shapes"
        assert c.get(f"/graphs?graph={BASE}/graph/x").status_code == 404  # nothing stored
        r = c.put(f"/graphs?graph={BASE}/graph/ontology", content="<urn:a> <urn:b> <urn:c> .",
                  headers={**AUTH, "Content-Type": "text/turtle"})
        assert r.status_code == 403


def test_validate_checks_the_ontology_graph_too(tmp_path) -> None:
    from pipeline.store.oxigraph import OxigraphStore

    store_dir = tmp_path / "store"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("De minister sprak met Borrell in Brussel.", encoding="utf-8")
    run_cli("build", str(tmp_path / "in"), "--data-dir", str(store_dir), "--model", "blank")
    assert run_cli("validate", "--data-dir", str(store_dir)).returncode == 0
    store = OxigraphStore(store_dir)
    store.update("INSERT DATA { GRAPH <https://w3id.org/diplokg/graph/ontology> { <urn:a> <urn:b> <urn:c> } }")
    store.close()
    proc = run_cli("validate", "--data-dir", str(store_dir), check=False)
    assert proc.returncode == 1 and "differs from ontology/diplokg.ttl" in proc.stderr


def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path) -> None:
    from pipeline.text import prepare

    path = tmp_path / "brief.txt"
    path.write_bytes("De minister sprak met Borrell in Brussel.".encode("utf-16"))  # BOM + UTF-16 LE
    assert prepare(path).text.startswith("De minister sprak met Borrell")


def test_client_mistakes_are_4xx_not_500() -> None:
    from tests.api_fixtures import AUTH, make_client

    with make_client() as c:
        assert c.get("/actors", params={"offset": 10**12}).status_code == 400
        r = c.get("/network.gexf", params={"from": "2020\n"})
        assert r.status_code == 400 and "YYYY" in r.json()["error"]["detail"]
        def upload(name: str):
            return c.post("/documents", files={"file": (name, b"De minister sprak met Borrell.", "text/plain")},
                          headers=AUTH)

        r = upload("x" * 300 + ".txt")
        assert r.status_code == 400 and r.json()["error"]["title"] == "Invalid file name"
        assert upload("a\x00b.txt").status_code < 500  # refused, or sent as 'a b.txt' by the client


def test_a_defect_met_on_one_document_is_reported_for_it_and_the_batch_goes_on(tmp_path, monkeypatch) -> None:
    import pipeline.run as run

    good, bad = tmp_path / "goed.txt", tmp_path / "fout.txt"
    good.write_text("Het kabinet steunt het voorstel.\n", encoding="utf-8")
    bad.write_text("Het kabinet steunt het voorstel niet.\n", encoding="utf-8")
    real = run.extract_file

    def extract_file(path, nlp):
        if path.name == "fout.txt":
            raise ValueError("zip() argument 2 is shorter than argument 1")
        return real(path, nlp)

    monkeypatch.setattr(run, "extract_file", extract_file)
    results = [run._extract_source(run.Source.read(p), "blank", "rules") for p in (good, bad)]
    assert not isinstance(results[0], Exception)
    assert isinstance(results[1], run.InputError) and str(bad) in str(results[1])
    assert "ValueError" in str(results[1]) and "please report it" in str(results[1])
