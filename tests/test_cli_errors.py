"""Plain errors for plain mistakes, and the one contract on the command line (real CLI processes)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import rdflib
from api_fixtures import DOC_A, DOC_B, G_A, G_B
from conftest import ROOT, run_cli

from pipeline.store.oxigraph import OxigraphStore

HELDOUT = ROOT / "data" / "heldout"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """The API fixture graphs in an on-disk store (no model needed)."""
    path = tmp_path_factory.mktemp("cli") / "store"
    store = OxigraphStore(path)
    store.replace_graph(G_A, rdflib.Graph().parse(data=DOC_A, format="turtle"))
    store.replace_graph(G_B, rdflib.Graph().parse(data=DOC_B, format="turtle"))
    store.close()
    return path


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["validate"], ["export"], ["serve", "--port", "1"]])
def test_a_read_command_on_a_missing_store_names_the_path_and_the_build_command(tmp_path, command) -> None:
    typo = tmp_path / "stroe"
    proc = run_cli(*command, "--data-dir", str(typo), check=False)
    assert proc.returncode == 1
    message = " ".join(proc.stderr.split())  # rich wraps long lines
    assert str(typo) in message and f"diplokg build --data-dir {typo}" in message
    assert "Traceback" not in proc.stderr and not typo.exists()  # nothing was created


def test_build_while_another_process_holds_the_store_names_that_process(small_store) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(small_store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "open"
        start = time.monotonic()
        proc = run_cli("build", str(ROOT / "data" / "corpus"), "--data-dir", str(small_store), check=False)
        assert proc.returncode == 1, proc.stdout
        message = " ".join(proc.stderr.split())
        assert f"in use by process {holder.pid}" in message and "RocksDB" not in message
        assert "Resource temporarily unavailable" not in message and "Traceback" not in message
        assert time.monotonic() - start < 60  # refused at once, not after extracting
    finally:
        holder.kill()
        holder.wait()


def test_synthetic_letters_are_refused_unless_asked(tmp_path) -> None:
    assert (HELDOUT / "SYNTHETIC").is_file()
    proc = run_cli("build", str(HELDOUT), "--data-dir", str(tmp_path / "s"), check=False)
    assert proc.returncode == 1
    message = " ".join(proc.stderr.split())
    assert "SYNTHETIC" in message and "--synthetic" in message and not (tmp_path / "s").exists()


def test_enumerations_and_actor_ids_on_the_command_line(small_store, tmp_path) -> None:
    out = tmp_path / "net.gexf"
    # case-insensitive format, stance and actor type; the actor as '<type>/<key>' as in REST
    run_cli("export", "--format", "GEXF", "--stance", "supports", "--actor-type", "country",
            "--actor", "country/netherlands", "-o", str(out), "--data-dir", str(small_store))
    assert b"<gexf" in out.read_bytes()
    for args, allowed in [(["--stance", "BOGUS"], "CONDEMNS"), (["--format", "yaml"], "graphml"),
                          (["--event-type", "party"], "SANCTION"), (["--actor", "planet/mars"], "country")]:
        fmt = [] if "--format" in args else ["--format", "cyjs"]
        proc = run_cli("export", *fmt, *args, "--data-dir", str(small_store), check=False)
        assert proc.returncode == 1, args
        assert allowed in proc.stderr and "Traceback" not in proc.stderr, args
    rows = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "CSV",
                   "--data-dir", str(small_store)).stdout
    assert rows.splitlines()[0] == "n"


def test_read_commands_work_beside_a_running_server_and_see_its_writes(small_store, tmp_path) -> None:
    """query, validate and export open a read-only handle (a RocksDB secondary) while `serve` holds the
    store's lock, and see what the server committed before they started; build, a writer, is refused."""
    import shutil

    import httpx
    from conftest import free_port

    store = tmp_path / "store"
    shutil.copytree(small_store, store)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--data-dir", str(store),
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                              env={**os.environ, "DIPLOKG_UPDATE_TOKEN": "t0ken"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "server did not start"
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        r = httpx.put(f"{url}/graphs", params={"graph": "urn:notes"}, content="<urn:a> <urn:b> \"written live\" .",
                      headers={"Authorization": "Bearer t0ken", "Content-Type": "text/turtle"})
        assert r.status_code == 201, r.text
        proc = run_cli("query", "--data-dir", str(store), "-f", "csv",
                       'SELECT ?o WHERE { GRAPH <urn:notes> { ?s ?p ?o } }')
        assert proc.stdout.splitlines()[1:] == ["written live"]
        proc = run_cli("export", "--data-dir", str(store), "-f", "nq")
        assert '<urn:a> <urn:b> "written live" <urn:notes> .' in proc.stdout and f"<{G_A}>" in proc.stdout
        proc = run_cli("validate", "--data-dir", str(store), check=False)
        assert "document graph(s) conform" in proc.stdout and "in use" not in proc.stderr, proc.stderr
        proc = run_cli("build", str(ROOT / "data" / "corpus"), "--data-dir", str(store), check=False)
        assert proc.returncode == 1 and f"in use by process {server.pid}" in " ".join(proc.stderr.split())
        assert httpx.get(f"{url}/health", timeout=5).status_code == 200  # the server is unaffected
    finally:
        server.terminate()
        server.wait(timeout=10)
