"""Linked-data pages and /id/ RDF stay bounded for an actor in many facts: pages of facts, next links.

The store holds synthetic facts about one country, written through the store interface (one named
graph per made-up document); the app runs in process on that real in-memory Oxigraph store.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_fixtures import BASE, make_client  # noqa: E402

from api.ld_pages import PAGE_SIZE, RDF_PAGE_SIZE  # noqa: E402
from pipeline.store.oxigraph import OxigraphStore  # noqa: E402

ACTOR = f"{BASE}/id/country/belarus"
N_DOCS, N_POSITIONS, N_EVENTS, MENTIONS_PER_DOC = 120, 350, 230, 5
P = {"dkg": "https://w3id.org/diplokg/ontology#", "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
     "prov": "http://www.w3.org/ns/prov#", "skos": "http://www.w3.org/2004/02/skos/core#",
     "dcterms": "http://purl.org/dc/terms/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
     "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _ttl(doc: int) -> str:
    d = f"<{BASE}/id/document/d{doc}>"
    lines = [f"{d} a dkg:Document ; dcterms:title \"Brief {doc}\"@nl ; dcterms:identifier \"d{doc}\" .",
             f"<{ACTOR}> a dkg:NamedEntity, <http://schema.org/Country> ; skos:prefLabel \"Wit-Rusland\"@nl ."]
    for i in range(doc, N_POSITIONS, N_DOCS):  # the facts spread over the documents
        lines.append(f"<{BASE}/id/position/p{i:04d}> a dkg:Position, dkg:Statement ; dkg:holder <{ACTOR}> ; "
                     f"dkg:stance dkg:stance-SUPPORTS ; dkg:target \"doel {i}\"@nl ; prov:wasDerivedFrom {d} ; "
                     f"dkg:anchor <{BASE}/id/anchor/p{i:04d}> .")
        lines.append(f"<{BASE}/id/anchor/p{i:04d}> rdf:value \"Zin {i}.\" ; prov:wasQuotedFrom {d} .")
    for i in range(doc, N_EVENTS, N_DOCS):
        lines.append(f"<{BASE}/id/event/e{i:04d}> a sem:Event, dkg:Statement ; sem:eventType dkg:event-MEETING ; "
                     f"sem:hasActor <{ACTOR}> ; sem:hasTimeStamp \"2020-01-{1 + i % 28:02d}\"^^xsd:date ; "
                     f"prov:wasDerivedFrom {d} .")
    for m in range(MENTIONS_PER_DOC):
        lines.append(f"<{BASE}/id/mention/d{doc}-{m}> a dkg:Mention ; dkg:mentionOf <{ACTOR}> ; "
                     f"prov:wasDerivedFrom {d} .")
    prefixes = "".join(f"@prefix {k}: <{v}> .\n" for k, v in P.items())
    return prefixes + "\n".join(lines)


@pytest.fixture(scope="module")
def client():
    store = OxigraphStore(None)
    for doc in range(N_DOCS):
        store.replace_graph(f"{BASE}/graph/d{doc}", rdflib.Graph().parse(data=_ttl(doc), format="turtle"))
    with make_client(store) as c:
        yield c


def _section(html: str, key: str) -> str:
    m = re.search(rf'<section id="{key}">(.*?)</section>', html, re.S)
    return m.group(1) if m else ""


def _walk(client, key: str, pattern: str) -> list[list[str]]:
    """The items of one section, page after page along its next links."""
    pages, url = [], "/id/country/belarus"
    while url:
        r = client.get(url, headers={"Accept": "text/html"})
        assert r.status_code == 200
        part = _section(r.text, key)
        pages.append(list(dict.fromkeys(re.findall(pattern, part))))
        nxt = re.search(r'<a rel="next" href="(\?page=\d+)#', part)
        url = f"/id/country/belarus{nxt.group(1)}" if nxt else None
        assert len(pages) < 20
    return pages


@pytest.mark.parametrize(("key", "pattern", "total"), [
    ("positions", r'href="/id/position/(p\d+)"', N_POSITIONS),
    ("events", r'href="/id/event/(e\d+)"', N_EVENTS),
    ("mentioned_in", r'href="/id/document/(d\d+)"', N_DOCS),
])
def test_sections_are_paged(client, key: str, pattern: str, total: int) -> None:
    pages = _walk(client, key, pattern)
    assert [len(p) for p in pages] == [min(PAGE_SIZE, total - k * PAGE_SIZE) for k in range(len(pages))]
    assert len(pages) == -(-total // PAGE_SIZE)
    seen = [item for page in pages for item in page]
    assert len(seen) == len(set(seen)) == total  # every fact once, none twice


def test_page_size_does_not_grow_with_the_facts(client) -> None:
    html = client.get("/id/country/belarus", headers={"Accept": "text/html"}).text
    assert _section(html, "positions").count('href="/id/position/') == PAGE_SIZE  # of 350
    assert '<span class="count">100+</span>' in html
    assert client.get("/id/country/belarus?page=0").status_code == 400


def test_rdf_is_paged_with_link_headers(client) -> None:
    incoming_total = N_POSITIONS + N_EVENTS + N_DOCS * MENTIONS_PER_DOC
    actor = rdflib.URIRef(ACTOR)
    seen: list[tuple] = []
    url, pages = "/id/country/belarus?format=nt", 0
    while url:
        r = client.get(url)
        assert r.status_code == 200
        g = rdflib.Graph().parse(data=r.text, format="nt")
        incoming = [(s, p) for s, p, o in g if o == actor]
        assert len(incoming) <= RDF_PAGE_SIZE
        assert (actor, rdflib.URIRef(P["skos"] + "prefLabel"), None) in g or pages > 0
        seen += incoming
        nxt = re.search(r'<([^>]*\?page=\d+&format=nt)>; rel="next"', r.headers["link"])
        url = nxt.group(1).split("testserver", 1)[-1] if nxt else None
        pages += 1
    assert pages == 2
    assert len(seen) == len(set(seen)) == incoming_total
