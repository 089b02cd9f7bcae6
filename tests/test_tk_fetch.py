"""``diplokg fetch-tk`` against a real HTTP server on loopback that serves the recorded pages.

The server stands in for gegevensmagazijn.tweedekamer.nl: ``/OData/v4/2.0/<Set>`` answers the
fixture's records of that set (tests/fixtures/tk_odata) as the API does, ``PAGE`` at a time with an
``@odata.nextLink`` carrying ``$skip``. It serves what was recorded, whatever the $filter and $expand
(the vote records already embed their decisions, agenda items and motions). Every request is logged,
so the tests can say which pages a run asked for.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.sources.tk_odata import page_records, read_page
from pipeline.tk_fetch import USER_AGENT
from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "tk_odata"
PAGE = 50
# entity set -> the fixture files holding its records as recorded
SOURCES = {"Stemming": "stemming_enriched", "Zaak": "cache/zaak_documents", "Persoon": "persoon", "Fractie": "fractie"}


def _records(folder: str) -> list[dict]:
    return [r for path in sorted((FIXTURE / folder).glob("*.json")) for r in page_records(read_page(path))]


class Recorded(BaseHTTPRequestHandler):
    records = {name: _records(folder) for name, folder in SOURCES.items()}
    log: list[str] = []
    fail_next: list[int] = []  # statuses to answer before serving (one per request)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.log.append(self.path)
        if self.headers.get("User-Agent") != USER_AGENT:
            return self._send(403, {"error": "no User-Agent"})
        if self.fail_next:
            return self._send(self.fail_next.pop(0), {"error": "busy"}, {"Retry-After": "0"})
        url = urlsplit(self.path)
        name = url.path.rsplit("/", 1)[-1]
        if not url.path.startswith("/OData/v4/2.0/"):
            return self._send(404, {"error": "not found"})
        found = self.records.get(name, [])
        skip = int(parse_qs(url.query).get("$skip", ["0"])[0])
        body = {"@odata.context": f"http://{self.headers['Host']}/OData/v4/2.0/$metadata#{name}",
                "value": found[skip:skip + PAGE]}
        if skip + PAGE < len(found):
            query = "&".join(p for p in url.query.split("&") if p and not p.startswith("$skip="))
            body["@odata.nextLink"] = f"http://{self.headers['Host']}{url.path}?{query}&$skip={skip + PAGE}"
        self._send(200, body)

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture()
def api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorded.log.clear()
    Recorded.fail_next.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/OData/v4/2.0"
    server.shutdown()
    server.server_close()


def said(proc) -> str:
    return " ".join(proc.stdout.split())  # rich wraps long lines


def _skips(log: list[str]) -> list[int]:
    return [int(parse_qs(urlsplit(p).query).get("$skip", ["0"])[0]) for p in log]


def test_paged_resumable_and_cached(api: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    url = f"{api}/Stemming?$filter=GewijzigdOp%20ge%202025-01-01T00:00:00Z"
    first = run_cli("fetch-tk", url, "--cache", str(cache), "--delay", "0", "--max-pages", "2")
    assert "fetched 2 page(s)" in said(first) and "1 to resume" in said(first)
    assert _skips(Recorded.log) == [0, 50]
    Recorded.log.clear()
    rest = run_cli("fetch-tk", url, "--cache", str(cache), "--delay", "0")
    assert "fetched 2 page(s)" in said(rest) and "1 of 1 quer(ies) complete" in said(rest)
    assert _skips(Recorded.log) == [100, 150]  # on from where the first run stopped
    Recorded.log.clear()
    again = run_cli("fetch-tk", url, "--cache", str(cache), "--delay", "0")
    assert "fetched 0 page(s)" in said(again) and "1 of them from the cache" in said(again)
    assert Recorded.log == []
    (folder,) = cache.iterdir()
    pages = sorted(folder.glob("page-*.json"))
    assert len(pages) == 4 and sum(len(json.loads(p.read_text())["value"]) for p in pages) == 185


def test_a_busy_server_is_asked_again_and_errors_are_clean(api: str, tmp_path: Path) -> None:
    Recorded.fail_next.extend([503, 429])
    proc = run_cli("fetch-tk", f"{api}/Fractie", "--cache", str(tmp_path / "c"), "--delay", "0")
    assert "fetched 1 page(s)" in said(proc) and len(Recorded.log) == 3
    proc = run_cli("fetch-tk", f"{api.rsplit('/OData', 1)[0]}/elders/Zaak", "--cache", str(tmp_path / "d"),
                   "--delay", "0", check=False)
    message = " ".join(proc.stderr.split())
    assert proc.returncode == 1 and "HTTP 404" in message and "Traceback" not in message


def test_the_term_fetched_from_the_root_ingests_as_the_recording_does(api: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc = run_cli("fetch-tk", api, "--cache", str(cache), "--delay", "0")
    assert "5 of 5 quer(ies) complete" in said(proc)
    asked = {urlsplit(p).path.rsplit("/", 1)[-1] for p in Recorded.log}
    assert asked == {"Persoon", "Fractie", "FractieZetelPersoon", "Zaak", "Stemming"}
    zaak = next(p for p in Recorded.log if "/Zaak?" in p)
    assert "Soort%20eq%20'Motie'" in zaak and "$expand=ZaakActor,Document($expand=HuidigeDocumentVersie)" in zaak
    fetched = run_cli("ingest-tk", str(cache), "--data-dir", str(tmp_path / "a"))
    recorded = run_cli("ingest-tk", str(FIXTURE), "--data-dir", str(tmp_path / "b"))
    # the same graphs, triple for triple, from the live-API path and from the recording
    assert said(fetched).split(":", 1)[1].replace(str(tmp_path / "a"), "") == \
        said(recorded).split(":", 1)[1].replace(str(tmp_path / "b"), "")
    assert "8 motions, 7 decisions (6 on a motion), 185 votes" in said(fetched)
