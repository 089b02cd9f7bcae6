"""Queries in worker processes: a query can crash, overrun or over-allocate without taking the server.

The embedded engine cannot be interrupted from Python and a deep enough query can crash it, so
the server never evaluates a query in its own process. :class:`IsolatedOxigraphStore` keeps the
read-write handle (every write goes through it, as before) and hands queries to a
:class:`QueryPool` of processes with read-only handles (``pipeline.store.query_worker``):

* **Deadline.** A query still running at its deadline is stopped by killing its worker; a fresh
  one takes its place. Nothing keeps computing an answer nobody will read.
* **Crash.** A worker that dies (engine crash, memory limit) costs that one query an error.
* **Memory.** Each worker runs under an address-space limit; results stop at the row cap in the
  worker, so what crosses the pipe is bounded too.
* **Elastic.** ``min_workers`` are started up front, more on demand up to ``max_workers``: a
  cheap query finds a process even while long ones run, and the OS shares the cores between them.
* **Freshness.** Every write bumps a generation number; a worker whose handle is older than the
  task's generation reopens it (about 10 ms), so queries see every committed write.

Read-only handles beside a writer are outside what Oxigraph promises ("undefined behaviour" for
RocksDB secondaries that are not refreshed); reopening after each write is what keeps them valid.
"""

from __future__ import annotations

import asyncio
import collections
import math
import multiprocessing as mp
import os
import pickle
import queue
import signal
import socket
import struct
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

from pipeline.store import query_worker
from pipeline.store.base import QueryError, QueryTimeout, StoreError, check_query
from pipeline.store.oxigraph import OxigraphStore
from pipeline.store.query_worker import Reply, Task
from pipeline.store.result_cache import ResultCache, cacheable


class QueryCrashed(StoreError):
    """The worker evaluating the query died (engine crash or memory limit); the server is fine."""


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    # The same socket as ``conn`` (a duplicate descriptor), for the event loop's non-blocking I/O.
    sock: socket.socket = field(repr=False)


# Async callers that find no idle worker wait for one in a thread here (the blocking path).
_WAITERS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="diplokg-query-wait")
# Tasks larger than this go the blocking path too: sending them could fill the socket's buffer.
_ASYNC_SEND_LIMIT = 64 * 1024


def _context() -> mp.context.BaseContext:
    # forkserver: workers fork from a clean process, not from the server with its threads and
    # RocksDB handle; the worker module is imported there once, so a new worker starts in ms.
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.store.query_worker"])
    return ctx


class QueryPool:
    def __init__(self, path: Path | str, min_workers: int = 2, max_workers: int = 16,
                 memory_mb: int | None = 2048) -> None:
        self.path = str(path)
        self.min_workers = max(1, min_workers)
        self.max_workers = max(self.min_workers, max_workers)
        self.memory_mb = memory_mb
        self.generation = 0
        self._ctx = _context()
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # LIFO: hot handles stay hot
        self._lock = threading.Lock()
        self._count = 0
        self._closed = False
        # Queries waiting for a worker, served in order by _release: (its event loop, an asyncio
        # future) from run_async, (None, a concurrent future) from a thread in run.
        self._waiters: collections.deque[tuple[asyncio.AbstractEventLoop | None, asyncio.Future | Future]] = \
            collections.deque()
        for _ in range(self.min_workers):
            self._idle.put(self._start())

    @property
    def workers(self) -> int:
        return self._count

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for tests and diagnostics)."""
        return [w.process.pid for w in list(self._idle.queue) if w.process.pid]

    def run(self, task: Task, timeout: float | None) -> Reply:
        """Evaluate ``task`` in a worker; QueryTimeout past ``timeout`` seconds, QueryCrashed on a crash."""
        deadline = time.monotonic() + timeout if timeout else math.inf
        worker = self._acquire(deadline, timeout)
        try:
            worker.conn.send(task)
            if not worker.conn.poll(None if deadline == math.inf else max(0.0, deadline - time.monotonic())):
                self._discard(worker)  # kill it: the work stops now, not when it would have finished
                raise _timeout(timeout)
            reply: Reply = worker.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
            code = self._discard(worker)
            raise QueryCrashed(_crash_message(code, self.memory_mb)) from None
        self._release(worker)
        return reply

    async def run_async(self, task: Task, timeout: float | None) -> Reply:
        """:meth:`run` for an asyncio event loop, without a thread hop in the common case.

        The loop reads and writes the worker's socket itself (the framing of multiprocessing's
        Connection, which the worker uses) and, when every worker is busy, waits for one without a
        thread; at the deadline a running worker is killed as in :meth:`run`. Only a large task
        goes the blocking path, in a thread (sending it could fill the socket's buffer).
        """
        data = ForkingPickler.dumps(task)
        loop = asyncio.get_running_loop()
        if len(data) > _ASYNC_SEND_LIMIT:
            return await loop.run_in_executor(_WAITERS, self.run, task, timeout)
        message = struct.pack("!i", len(data)) + bytes(data)
        worker: _Worker | None = None
        try:
            async with asyncio.timeout_at(loop.time() + timeout if timeout else None):
                worker, sent = await self._acquire_async(loop, message)
                if sent < len(message):
                    await loop.sock_sendall(worker.sock, message[sent:])
                reply: Reply = pickle.loads(await _receive(loop, worker.sock))
        except TimeoutError:
            if worker is not None:
                await asyncio.to_thread(self._discard, worker)  # kill it: the work stops now
            raise _timeout(timeout) from None
        except (EOFError, ConnectionError, OSError):
            if worker is None:
                raise
            code = await asyncio.to_thread(self._discard, worker)
            raise QueryCrashed(_crash_message(code, self.memory_mb)) from None
        except BaseException:  # cancelled mid-exchange: the socket may hold half a message
            if worker is not None:
                await asyncio.shield(asyncio.to_thread(self._discard, worker))
            raise
        worker.sock.setblocking(True)  # the blocking path (Connection) needs it back
        self._release(worker)
        return reply

    async def _acquire_async(self, loop: asyncio.AbstractEventLoop, message: bytes) -> tuple[_Worker, int]:
        """An idle worker (or a new one, or the next one released) with ``message`` sent to it, and
        how many bytes of it went out."""
        while True:
            worker = self._take_idle()
            if worker is None:
                with self._lock:
                    can_start = not self._closed and self._count < self.max_workers
                    if can_start:
                        self._count += 1
                if can_start:
                    worker = await asyncio.to_thread(self._start, True)
                else:
                    waiter: asyncio.Future[_Worker] = loop.create_future()
                    with self._lock:  # with _release's check: no worker can turn idle unseen meanwhile
                        worker = self._take_idle()
                        if worker is None:
                            self._waiters.append((loop, waiter))
                    if worker is None:
                        worker = await waiter  # cancelled at the deadline: _hand passes it on
            elif self._idle.empty():
                self._start_spare()
            worker.sock.setblocking(False)
            try:
                # One send: a task fits the socket's buffer (the worker is idle, reading). The
                # loop's sock_sendall costs more per call than the rest of the exchange.
                return worker, worker.sock.send(message)
            except (BrokenPipeError, ConnectionResetError):
                # It died while idle (killed from outside): take another. Cheaper than asking
                # is_alive() of every worker before every query, which the blocking path does.
                await asyncio.to_thread(self._discard, worker)

    def _take_idle(self) -> _Worker | None:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return None

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._discard(self._idle.get_nowait())
            except queue.Empty:
                return

    # -- workers -----------------------------------------------------------------------------------

    def _start(self, reserved: bool = False) -> _Worker:
        """A new worker; ``reserved``: its place in the count was taken by the caller already."""
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=query_worker.serve, args=(child, self.path, self.memory_mb),
                                    name="diplokg-query", daemon=True)
        if not reserved:
            with self._lock:
                self._count += 1
        try:
            process.start()
        except BaseException:
            with self._lock:
                self._count -= 1
            raise
        child.close()
        return _Worker(process, parent, socket.socket(fileno=os.dup(parent.fileno())))

    def _acquire(self, deadline: float, timeout: float | None) -> _Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    can_start = self._count < self.max_workers
                    if can_start:
                        self._count += 1
                if can_start:
                    return self._start(reserved=True)
                # Wait in the same line as the event loop's queries (_release serves it in order).
                waiter: Future[_Worker] = Future()
                with self._lock:  # with _release's check: no worker can turn idle unseen meanwhile
                    taken = self._take_idle()
                    if taken is None:
                        self._waiters.append((None, waiter))
                if taken is not None:
                    worker = taken
                else:
                    remaining = None if deadline == math.inf else max(0.0, deadline - time.monotonic())
                    try:
                        worker = waiter.result(timeout=remaining)
                    except FutureTimeout:
                        if waiter.cancel():
                            raise _timeout(timeout) from None
                        worker = waiter.result()  # served just now: too late to refuse it
            if worker.process.is_alive():
                if self._idle.empty():
                    self._start_spare()
                return worker
            self._discard(worker)  # died while idle (killed from outside): take another

    def _start_spare(self) -> None:
        """Start one more worker in the background, so the next query finds one ready even when
        every core is busy with long queries (starting one then would take part of a second)."""
        with self._lock:
            if self._closed or self._count >= self.max_workers:
                return
            self._count += 1  # reserved now, so concurrent callers cannot overshoot max_workers

        def start() -> None:
            try:
                self._release(self._start(reserved=True))
            except OSError:
                pass  # no spare then; the next query starts its own

        threading.Thread(target=start, name="diplokg-query-spare", daemon=True).start()

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            self._discard(worker)
            return
        while True:  # a waiting query gets it, oldest first; else it is idle
            with self._lock:
                if not self._waiters:
                    self._idle.put(worker)
                    return
                loop, future = self._waiters.popleft()
            if loop is None:  # a thread in _acquire
                if future.set_running_or_notify_cancel():
                    future.set_result(worker)
                    return
                continue  # it gave up (deadline): the next one
            try:
                loop.call_soon_threadsafe(self._hand, future, worker)
                return
            except RuntimeError:  # that loop is closed
                continue

    def _hand(self, future: asyncio.Future, worker: _Worker) -> None:
        if future.done():  # its query gave up (deadline, cancelled): the next one gets the worker
            self._release(worker)
        else:
            future.set_result(worker)

    def _discard(self, worker: _Worker) -> int | None:
        """Kill and reap one worker; its exit code. Keeps at least ``min_workers`` running."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        worker.sock.close()
        with self._lock:
            self._count -= 1
            refill = not self._closed and self._count < self.min_workers
        if refill:
            self._release(self._start())
        return worker.process.exitcode


async def _receive(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> bytes:
    """One message in multiprocessing.Connection's framing: a 4-byte length (-1: an 8-byte one follows)."""
    (size,) = struct.unpack("!i", await _exactly(loop, sock, 4))
    if size == -1:
        (size,) = struct.unpack("!Q", await _exactly(loop, sock, 8))
    return await _exactly(loop, sock, size)


async def _exactly(loop: asyncio.AbstractEventLoop, sock: socket.socket, size: int) -> bytes:
    buf = bytearray(size)
    view, got = memoryview(buf), 0
    while got < size:
        try:
            n = sock.recv_into(view[got:])
        except BlockingIOError:
            await _readable(loop, sock)
            continue
        if n == 0:
            raise EOFError("the query worker closed its connection")
        got += n
    return bytes(buf)


async def _readable(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> None:
    """Wait until ``sock`` has data (a reader callback, as cheap as the loop offers)."""
    ready = loop.create_future()
    fd = sock.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await ready
    finally:
        loop.remove_reader(fd)


def _timeout(timeout: float | None) -> QueryTimeout:
    return QueryTimeout(f"the query did not finish within {timeout:g} s and was stopped")


def _crash_message(code: int | None, memory_mb: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        cause = (f" (most likely the {memory_mb} MB memory limit per query)"
                 if name == "SIGABRT" and memory_mb else "")
        return (f"the query stopped its worker process with {name}{cause}; "
                "the server is fine, the query was not answered")
    return f"the query worker exited (code {code}); the query was not answered"


class IsolatedOxigraphStore(OxigraphStore):
    """The embedded store with every query in a worker process (see the module docstring).

    Writes use this process's read-write handle and bump the pool's generation.
    ``query_timeout`` is the deadline of every query (the SPARQL endpoint, REST and pages alike).
    """

    def __init__(self, path: Path | str, *, query_timeout: float | None = 30.0, min_workers: int | None = None,
                 max_workers: int = 16, memory_mb: int | None = 2048, cache_mb: float = 0) -> None:
        super().__init__(path)
        self.query_timeout = query_timeout if query_timeout and query_timeout > 0 else None
        self.pool = QueryPool(path, min_workers or os.cpu_count() or 2, max_workers, memory_mb)
        # Answers since the last write (pipeline.store.result_cache); 0: every query goes to a worker.
        self.cache = ResultCache(int(cache_mb * 1024 * 1024)) if cache_mb > 0 else None

    def query_raw(self, query, accept, default_graph_uris=None, named_graph_uris=None):
        body, _ = self._run(query, accept, default_graph_uris, named_graph_uris, None, self.query_timeout)
        return body, accept

    def query_capped(self, query, accept, default_graph_uris=None, named_graph_uris=None, *,
                     row_limit=None, timeout=None):
        return self._run(query, accept, default_graph_uris, named_graph_uris, row_limit,
                         timeout if timeout is not None else self.query_timeout)

    async def query_capped_async(self, query, accept, default_graph_uris=None, named_graph_uris=None, *,
                                 row_limit=None, timeout=None) -> tuple[bytes, bool]:
        """:meth:`query_capped` awaited on the event loop (the SPARQL endpoint's path)."""
        task = self._task(query, accept, default_graph_uris, named_graph_uris, row_limit)
        key = self._cache_key(task)
        if key is not None and (hit := self.cache.get(key)) is not None:  # type: ignore[union-attr]
            return hit
        answer = _unpack(await self.pool.run_async(task, timeout if timeout is not None else self.query_timeout))
        if key is not None:
            self.cache.put(key, answer)  # type: ignore[union-attr]
        return answer

    def _cache_key(self, task: Task) -> Task | None:
        # The task is the key: it holds the write generation, the query, media type, dataset and cap.
        return task if self.cache is not None and cacheable(task.query) else None

    def _task(self, query, accept, default_graph_uris, named_graph_uris, row_limit) -> Task:
        check_query(query)
        return Task(self.pool.generation, query, accept,
                    tuple(default_graph_uris) if default_graph_uris else None,
                    tuple(named_graph_uris) if named_graph_uris else None, row_limit)

    def _run(self, query, accept, default_graph_uris, named_graph_uris, row_limit, timeout) -> tuple[bytes, bool]:
        task = self._task(query, accept, default_graph_uris, named_graph_uris, row_limit)
        key = self._cache_key(task)
        if key is not None and (hit := self.cache.get(key)) is not None:  # type: ignore[union-attr]
            return hit
        answer = _unpack(self.pool.run(task, timeout))
        if key is not None:
            self.cache.put(key, answer)  # type: ignore[union-attr]
        return answer

    def update(self, update: str) -> None:
        try:
            super().update(update)
        finally:
            self.pool.generation += 1  # even a failed update may have been partly applied elsewhere

    def close(self) -> None:
        self.pool.close()
        super().close()


def _unpack(reply: Reply) -> tuple[bytes, bool]:
    if not reply.ok:
        raise (QueryError if reply.error_kind == "query" else StoreError)(reply.message)
    return reply.body, reply.truncated
