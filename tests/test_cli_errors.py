"""Plain errors for plain mistakes, and the one contract on the command line (real CLI processes)."""

from __future__ import annotations

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
