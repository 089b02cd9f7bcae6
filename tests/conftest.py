"""Shared fixtures: the corpus, a built store, a real server on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
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
