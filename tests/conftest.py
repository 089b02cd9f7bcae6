"""Shared fixtures: the corpus, a built store, a real server on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
SHARED = Path(os.environ.get("DIPLOKG_SHARED", ROOT.parent / "shared"))
MODEL = ROOT / "data" / "models" / "nl_diplokg"


def run_cli(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real ``diplokg`` command in a subprocess."""
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"diplokg {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def _built_stores(tmp_path_factory) -> tuple[Path, Path]:
    """The corpus built once, with the shipped model; a copy is made before any server locks it."""
    data_dir = tmp_path_factory.mktemp("store")
    run_cli("build", str(CORPUS), "--data-dir", str(data_dir))
    spare = tmp_path_factory.mktemp("spare") / "store"
    shutil.copytree(data_dir, spare)
    return data_dir, spare


@pytest.fixture(scope="session")
def built_store(_built_stores) -> Path:
    """The built store the real server serves (read it only: the server holds its lock)."""
    return _built_stores[0]


@pytest.fixture(scope="session")
def writable_store(_built_stores) -> Path:
    """A copy of the built store that tests may rebuild into."""
    return _built_stores[1]


@pytest.fixture(scope="session")
def server(built_store):
    """A real `diplokg serve` process on a free loopback port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--data-dir", str(built_store), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stdout.read()}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise AssertionError("server did not answer /health within 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- a store of each kind (the store-level tests of test_sets and test_batches) ---------------------

VIRTUOSO_URL = os.environ.get("DIPLOKG_TEST_VIRTUOSO_URL")


class _OxigraphProtocol(BaseHTTPRequestHandler):
    """A minimal SPARQL 1.1 protocol server (POST query/update) over an in-memory Oxigraph store,
    with the union default graph: lets RemoteStore's own code path run without Virtuoso."""

    engine: ox.Store

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        try:
            if "update" in form:
                self.engine.update(form["update"][0])
                body, ctype = b"", "text/plain"
            else:
                result = self.engine.query(form["query"][0], use_default_graph_as_union=True)
                if isinstance(result, ox.QueryTriples):
                    body, ctype = result.serialize(format=ox.RdfFormat.N_TRIPLES), "application/n-triples"
                else:
                    body = result.serialize(format=ox.QueryResultsFormat.JSON)
                    ctype = "application/sparql-results+json"
        except SyntaxError as e:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(str(e).encode())
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def loopback_sparql_server():
    handler = type("Handler", (_OxigraphProtocol,), {"engine": ox.Store()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(params=["embedded", "remote-loopback", "remote-virtuoso"])
def store(request):
    """(a store, a fresh base IRI): embedded Oxigraph, RemoteStore over the loopback server, and
    Virtuoso when DIPLOKG_TEST_VIRTUOSO_URL is set; the base's graphs are dropped afterwards."""
    from pipeline.store.base import Store
    from pipeline.store.oxigraph import OxigraphStore
    from pipeline.store.remote import RemoteStore

    base = f"https://run-{uuid.uuid4().hex[:8]}.example.org/diplokg"
    with contextlib.ExitStack() as stack:
        if request.param == "embedded":
            s: Store = OxigraphStore(None)
        elif request.param == "remote-loopback":
            s = RemoteStore(stack.enter_context(loopback_sparql_server()), timeout=30)
        else:
            if not VIRTUOSO_URL:
                pytest.skip("remote store: DIPLOKG_TEST_VIRTUOSO_URL is unset (run .ci/virtuoso.sh to start Virtuoso)")
            s = RemoteStore(VIRTUOSO_URL, timeout=30)
        yield s, base
        for g in s.graphs():
            if g.startswith(base):
                s.drop_graph(g)
        s.close()
