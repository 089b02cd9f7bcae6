"""``diplokg fetch-tk``: pages of the Tweede Kamer's OData API into a cache folder ``ingest-tk`` reads.

* **paged**: a query is followed through its ``@odata.nextLink`` pages, never to another host;
* **resumable**: each page is written as it arrives (``<cache>/<query>/page-00001.json``, the
  response as the API sent it), then ``state.json`` with the next link; a run that stops (an error,
  ``max_pages``) continues there the next time;
* **cached**: a query whose last page was fetched is not asked again (``refresh`` asks again);
* **polite**: one request at a time, ``delay`` seconds apart, a User-Agent that names diplokg,
  429 and 5xx answers retried after their ``Retry-After`` (or a growing wait), at most 4 tries.

Given the service root, the queries of :func:`term_queries` are fetched: the members, parties, seats,
motions and votes of a term, with the expansions the mapping reads (``pipeline.tk_graph``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

from pipeline import __version__

USER_AGENT = f"diplokg/{__version__} (knowledge graph of Dutch foreign policy; polite OData client)"
TERM_START = "2023-12-06"  # the Tweede Kamer elected on 22 November 2023 took its seats
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
TRIES = 4


class FetchError(Exception):
    """A page could not be fetched (the message names the URL and why)."""


def term_queries(since: str = TERM_START) -> dict[str, str]:
    """Query name -> path below the service root: everything ``ingest-tk`` maps, from ``since`` on."""
    stamp = f"{since}T00:00:00Z"
    return {
        "persoon": "Persoon",
        "fractie": "Fractie",
        "fractiezetelpersoon": "FractieZetelPersoon?$expand=FractieZetel",
        "zaak": f"Zaak?$filter=Soort eq 'Motie' and GestartOp ge {stamp}"
                "&$expand=ZaakActor,Document($expand=HuidigeDocumentVersie)",
        # Each vote with its decision, the decision's own Zaak (which motion it decided), its agenda
        # item with the meeting (the date), the party and the member.
        "stemming": f"Stemming?$filter=GewijzigdOp ge {stamp}"
                    "&$expand=Besluit($expand=Zaak,Agendapunt($expand=Zaak,Activiteit)),Fractie,Persoon",
    }


@dataclass
class FetchResult:
    fetched: int = 0  # pages requested this run
    cached: int = 0  # queries already complete in the cache
    finished: list[str] = field(default_factory=list)  # queries complete after this run
    pending: list[str] = field(default_factory=list)  # queries with a next page still to fetch


def query_name(url: str) -> str:
    """A folder name for one collection URL: its entity set and a hash of the whole URL."""
    path = urlsplit(url).path.rstrip("/")
    entity = re.sub(r"[^a-z0-9]+", "-", path.rsplit("/", 1)[-1].lower()).strip("-") or "query"
    return f"{entity}-{hashlib.sha256(url.encode()).hexdigest()[:10]}"


def _absolute(root: str, path: str) -> str:
    # Spaces and quotes of $filter as the API expects them; the OData punctuation stays readable.
    return f"{root.rstrip('/')}/" + quote(path, safe="/?&=$(),'*:")


def plan(url: str, since: str = TERM_START) -> dict[str, str]:
    """{query name: first URL}: the service root gives the term's queries, any other URL itself."""
    if re.search(r"/OData/v4/[\d.]+/?$", url):
        return {name: _absolute(url, path) for name, path in term_queries(since).items()}
    return {query_name(url): url}


class Fetcher:
    def __init__(self, cache: Path, delay: float = 1.0, timeout: float = 60.0) -> None:
        self.cache, self.delay = cache, delay
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        self._last = 0.0

    def close(self) -> None:
        self.client.close()

    def run(self, queries: dict[str, str], max_pages: int | None = None, refresh: bool = False,
            on_page: Callable[[str, int], None] | None = None) -> FetchResult:
        result = FetchResult()
        budget = max_pages
        for name, first in queries.items():
            folder = self.cache / name
            state = _read_state(folder / "state.json")
            if state.get("url") != first or refresh:
                state = {"url": first, "next": first, "pages": 0}
            if state["next"] is None:
                result.cached += 1
                result.finished.append(name)
                continue
            while state["next"] is not None and (budget is None or budget > 0):
                page = self.get(state["next"])
                n = state["pages"] + 1
                _write(folder / f"page-{n:05d}.json", json.dumps(page, ensure_ascii=False).encode("utf-8"))
                state = {"url": first, "next": self.next_link(first, page), "pages": n}
                _write(folder / "state.json", json.dumps(state).encode("utf-8"))  # after the page: resumable
                result.fetched += 1
                budget = None if budget is None else budget - 1
                if on_page:
                    on_page(name, n)
            (result.finished if state["next"] is None else result.pending).append(name)
        return result

    @staticmethod
    def next_link(first: str, page: dict) -> str | None:
        link = page.get("@odata.nextLink")
        if not link:
            return None
        if urlsplit(link).netloc and urlsplit(link).netloc != urlsplit(first).netloc:
            raise FetchError(f"{first}: the next page is on another host ({link}); not followed")
        return str(httpx.URL(first).join(link))

    def get(self, url: str) -> dict:
        for attempt in range(TRIES):
            wait = self.delay - (time.monotonic() - self._last)
            if wait > 0 and self._last:
                time.sleep(wait)
            self._last = time.monotonic()
            try:
                response = self.client.get(url)
            except httpx.HTTPError as e:
                if attempt == TRIES - 1:
                    raise FetchError(f"{url}: {type(e).__name__}: {e}") from e
                time.sleep(self._backoff(attempt, None))
                continue
            if response.status_code in RETRY_STATUS and attempt < TRIES - 1:
                time.sleep(self._backoff(attempt, response.headers.get("Retry-After")))
                continue
            if response.status_code != 200:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            try:
                page = response.json()
            except ValueError as e:
                raise FetchError(f"{url}: the answer is no JSON ({e})") from e
            if not isinstance(page, dict) or not isinstance(page.get("value"), list):
                raise FetchError(f"{url}: the answer is no OData collection (no 'value' list)")
            return page
        raise FetchError(f"{url}: no answer after {TRIES} tries")  # unreachable: the last try raises

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return float(retry_after)
        return max(self.delay, 1.0) * 2 ** attempt


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and {"url", "next", "pages"} <= set(state) else {}


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a run killed mid-write leaves the previous file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
