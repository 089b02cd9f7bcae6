"""Where per-document work runs: in this process, in local worker processes, or on a Dask cluster.

One loop for the three (:func:`ordered`): tasks go to an ``concurrent.futures.Executor`` (a local
``ProcessPoolExecutor``, or the executor of a ``distributed.Client`` connected to a running
scheduler) with a bounded window in flight, and results come back in input order. The task is the
same function everywhere (``pipeline.run``), so a build on a cluster stores what a local build
stores. Each worker process loads the pipeline once, on its first task.

A cluster's workers need diplokg installed and the model at the same path as on this machine; the
inputs travel with the tasks, so they need no shared folder. Start one with ``dask scheduler`` and
``dask worker tcp://HOST:8786 --nthreads 1`` (one pipeline per thread: ~0.4 GB each).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Worker processes by default: one per core, at most this many. Each loads its own copy of the
# pipeline (about 0.4 GB resident with the trained models; benchmarks/bench_build.py), and the
# extraction is CPU-bound: workers beyond the cores add memory, not speed.
MAX_DEFAULT_JOBS = 4
# Tasks handed out ahead of the result being consumed, per worker: enough to keep every worker busy.
IN_FLIGHT_PER_WORKER = 4
# How long to wait for a cluster's scheduler and its first worker.
CLUSTER_TIMEOUT = 60.0


class ClusterError(RuntimeError):
    """The Dask cluster could not be reached or has no workers."""


def default_jobs() -> int:
    """Worker processes when none are asked for: the cores this process may use, capped."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


@contextmanager
def workers(jobs: int = 1, cluster: str | None = None, tasks: int | None = None
            ) -> Iterator[tuple[Executor | None, int]]:
    """(executor, worker slots) for ``tasks`` tasks: ``None`` runs them in this process (``jobs`` 1,
    or one task); ``cluster``: the address of a Dask scheduler (``tcp://host:8786``)."""
    if cluster:
        with _dask(cluster) as found:
            yield found
        return
    if tasks is not None:
        jobs = min(jobs, tasks)  # no more workers than tasks: each one pays the pipeline's load time
    if jobs <= 1:
        yield None, 1
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield pool, jobs


@contextmanager
def _dask(address: str) -> Iterator[tuple[Executor, int]]:
    try:
        from distributed import Client
    except ImportError as e:  # a dependency; only a broken install lacks it
        raise ClusterError(f"--cluster needs the 'distributed' package ({e})") from e
    try:
        client = Client(address, timeout=CLUSTER_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {e}") from e
    try:
        try:
            client.wait_for_workers(1, timeout=CLUSTER_TIMEOUT)
        except TimeoutError as e:
            raise ClusterError(f"the Dask scheduler at {address} has no workers") from e
        slots = sum(client.nthreads().values())
        # pure=False: two tasks with equal arguments are two tasks (the scheduler would merge them).
        yield client.get_executor(pure=False), slots
    finally:
        client.close()


def ordered(func: Callable[[T], R], items: Iterable[T], executor: Executor | None, slots: int = 1) -> Iterator[R]:
    """``func(item)`` for each item, in input order, on ``executor`` (``None``: here, one by one).

    A bounded window of tasks in flight, not ``Executor.map``'s all at once: when the consumer (the
    store writes) is slower than the workers, finished results would pile up in memory (0.9 GB in
    the parent after 1,600 motions), and a consumer that stops early would still wait for them all.
    """
    if executor is None:
        for item in items:
            yield func(item)
        return
    pending: deque[Future[R]] = deque()
    queued = iter(items)
    for item in islice(queued, IN_FLIGHT_PER_WORKER * max(1, slots)):
        pending.append(executor.submit(func, item))
    while pending:
        result = pending.popleft().result()
        for item in islice(queued, 1):
            pending.append(executor.submit(func, item))
        yield result
