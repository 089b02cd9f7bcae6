"""`diplokg build --cluster ADDRESS`: extraction on a Dask cluster, the store written by the client.

A real ``distributed.LocalCluster`` of two worker processes, on the loopback interface only, started
by the test; the build is the real CLI in a subprocess. What it stores must be what the local build
(the session's corpus store, built with worker processes on this machine) stores.
"""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from pipeline import parallel
from pipeline.config import load_settings
from pipeline.dataset import dataset_graph_iri
from pipeline.store.oxigraph import OxigraphStore
from tests.conftest import CORPUS, free_port, run_cli

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  scheduler_port=0, dashboard_address=None) as local:
        yield local.scheduler_address


def test_a_build_on_a_cluster_stores_what_a_local_build_stores(cluster, built_store, tmp_path) -> None:
    out = run_cli("build", str(CORPUS), "--data-dir", str(tmp_path / "store"), "--cluster", cluster).stdout
    assert "stored 5 document(s)" in out
    local, remote = OxigraphStore(built_store, read_only=True), OxigraphStore(tmp_path / "store", read_only=True)
    try:
        assert local.graphs() == remote.graphs() and len(remote.graphs()) == 8  # 5 documents, actors, ontology, dataset
        for g in remote.graphs():
            if g != dataset_graph_iri(load_settings().base_iri):  # holds the build time
                assert isomorphic(local.get_graph(g), remote.get_graph(g)), g
    finally:
        local.close()
        remote.close()


def test_the_tasks_run_on_the_workers_in_input_order(cluster) -> None:
    import os

    with parallel.workers(cluster=cluster) as (executor, slots):
        assert slots == 2
        results = list(parallel.ordered(_pid_and, range(20), executor, slots))
    assert [n for n, _ in results] == list(range(20))
    assert os.getpid() not in {pid for _, pid in results}


def _pid_and(n: int) -> tuple[int, int]:
    import os

    return n, os.getpid()


def test_no_scheduler_is_a_clean_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(parallel, "CLUSTER_TIMEOUT", 2.0)
    with pytest.raises(parallel.ClusterError, match="cannot reach the Dask scheduler"):
        with parallel.workers(cluster=f"tcp://127.0.0.1:{free_port()}"):
            pass
    proc = run_cli("build", str(CORPUS), "--data-dir", str(tmp_path / "s"), "--cluster", "tcp://127.0.0.1:1",
                   "-j", "2", check=False)
    assert proc.returncode == 1 and "--cluster and --jobs" in proc.stderr and "Traceback" not in proc.stderr
