"""A small cache of query answers, keyed by the store's write generation.

An analyst's endpoint and the pages answer the same small queries again and again (the home
page's counts, an actor's page, the examples); an answer computed since the last write is still
the answer. Entries are keyed by (write generation, query, media type, dataset, row cap): a write
bumps the generation, so no answer from before a write is served after it, and nothing has to be
invalidated. Queries whose answer may differ from one run to the next (NOW, RAND, UUID, STRUUID,
BNODE) or that call another endpoint (SERVICE) are never cached. Bounded in bytes, least recently
used first out; answers larger than a sixteenth of the budget are not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from pipeline.sparql_text import tokens

_VOLATILE = ("NOW", "RAND", "UUID", "STRUUID", "BNODE", "SERVICE")


def cacheable(query: str) -> bool:
    """False for a query that may answer differently each time it runs, or calls another endpoint."""
    upper = query.upper()
    if not any(word in upper for word in _VOLATILE):  # the common case: no tokenizing at all
        return True
    return not any(t.keyword in _VOLATILE for t in tokens(query))


class ResultCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[bytes, bool]] = OrderedDict()
        self._lock = threading.Lock()  # REST and page routes query from threads

    def get(self, key: Hashable) -> tuple[bytes, bool] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, answer: tuple[bytes, bool]) -> None:
        size = len(answer[0])
        if size > self.max_bytes // 16:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self._entries[key] = answer
            self.size += size
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[0])
