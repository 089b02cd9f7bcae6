"""Linked data: every minted IRI dereferences, plus the human pages around the endpoint.

* ``/id/{path}`` answers for the IRI ``<settings.base_iri>/id/{path}``, whatever host the server
  runs on (a local server still describes the ``https://w3id.org/diplokg/...`` resources). RDF
  clients get the resource's description (its own triples, the triples pointing at it, and the
  labels of everything linked), browsers an HTML page; ``?format=ttl|nt|jsonld|rdf|html``
  overrides the Accept header so that each alternate has its own URL (the ``Link`` header).
* ``/`` home page, ``/ontology`` (HTML or Turtle), ``/ontology.ttl``, ``/shapes.ttl``.
* ``/static`` (CSS, the vendored YASGUI editor) and :func:`sparql_editor`, which ``api.app`` asks
  before treating a ``GET /sparql`` as a protocol request: only a browser asking for text/html
  without a query gets the editor; every other client keeps the Service Description.

Page data comes from SPARQL over the store (never rdflib over a dump), so a remote store works too.
Everything inserted into a query is an IRI checked by :func:`api.rest.sparql_iri`.
"""

from __future__ import annotations

import urllib.parse
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import rdflib
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.deps import get_settings, get_store
from api.errors import ApiError
from api.ld_pages import (
    CURIE_PREFIXES,
    PAGE_SIZE,
    RDF_PAGE_SIZE,
    curie,
    description,
    documents_query,
    examples,
    href,
    page_data,
)
from api.negotiation import negotiate
from api.rest import PREFIXES as SPARQL_PREFIXES
from api.rest import sparql_iri
from pipeline.config import ONTOLOGY_DIR, SHAPES_DIR
from pipeline.dataset import class_counts, triple_count
from pipeline.store.base import QueryError, StoreError

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"
ONTOLOGY_TTL = ONTOLOGY_DIR / "diplokg.ttl"
SHAPES_TTL = SHAPES_DIR / "diplokg.shapes.ttl"

HTML = "text/html"
# Server order = preference: RDF first, so curl and `Accept: */*` get Turtle; browsers name text/html
# explicitly (q=1, more specific than */*) and get the page.
RDF_OFFER = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
RESOURCE_OFFER = (*RDF_OFFER, HTML, "application/xhtml+xml", "application/json", "application/x-turtle")
_ALIASES = {"application/xhtml+xml": HTML, "application/json": "application/ld+json",
            "application/x-turtle": "text/turtle"}
FORMATS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
           "rdf": "application/rdf+xml", "html": HTML}
_RDFLIB = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}
_TEXTUAL = ("text/", "application/n-triples", "application/trig", "application/n-quads")

# Checked once at import: the ego-network scripts belong to another module and may not be there yet;
# referencing absent files would put 404s in every actor page's console.
HAS_NETWORK_JS = all((STATIC_DIR / f).is_file() for f in ("network.js", "cytoscape/cytoscape.min.js"))

_env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["urlencode_all"] = lambda s: urllib.parse.quote(str(s), safe="")

router = APIRouter(tags=["Linked data"])
router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


# -- small helpers ----------------------------------------------------------------------------------


def _media(accept: str | None, fmt: str | None, offer: tuple[str, ...]) -> str:
    """``?format=`` wins over Accept; 406 when nothing in ``offer`` is acceptable."""
    if fmt:
        if fmt not in FORMATS or FORMATS[fmt] not in offer:
            raise ApiError(400, "Unknown format", f"format must be one of {', '.join(FORMATS)}.")
        return FORMATS[fmt]
    chosen = negotiate(accept, offer)
    if chosen is None:
        served = ", ".join(o for o in offer if o not in _ALIASES)
        raise ApiError(406, "Not acceptable", f"This resource is served as {served}; "
                                              f"none matches Accept: {accept}")
    return _ALIASES.get(chosen, chosen)


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith(_TEXTUAL) else media


def _link_header(url: str, formats: dict[str, str]) -> str:
    return ", ".join(f'<{url}?format={k}>; rel="alternate"; type="{v}"' for k, v in formats.items())


def render(template: str, base: str = "", labels: dict[str, str] | None = None, **context: Any) -> str:
    """A page; IRIs in it render as links through ``href`` with labels from ``labels``."""
    context.update(base=base, labels=labels or {}, curie=curie, href=lambda iri: href(iri, base),
                   has_network_js=HAS_NETWORK_JS)
    return _env.get_template(template).render(**context)


def _html(body: str, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=headers)


def _select(request: Request, query: str) -> list[dict[str, dict[str, str]]]:
    """SELECT bindings with their term types (HTML needs to tell IRIs from literals)."""
    try:
        result = get_store(request).select(SPARQL_PREFIXES + query)
    except QueryError as e:  # our own query: a bug here, not the client's
        raise ApiError(500, "Query failed", str(e)) from e
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e
    return result.get("results", {}).get("bindings", [])


def _with_prefixes(found: rdflib.Graph) -> rdflib.Graph:
    # A fresh graph with only our prefixes: rdflib's defaults would bind schema: to https://schema.org/.
    g = rdflib.Graph(bind_namespaces="core")
    for prefix, ns in CURIE_PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for t in found:
        g.add(t)
    return g


def serialize(g: rdflib.Graph, media: str) -> bytes:
    if media == "application/ld+json":
        # Compact with our prefixes: readable keys ("dkg:holder") instead of full IRIs.
        context = dict(CURIE_PREFIXES)
        return g.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
    return g.serialize(format=_RDFLIB[media], encoding="utf-8")


@lru_cache(maxsize=4)
def _ontology_page(mtime: float) -> str:
    """The generated documentation with the site header spliced in (cached per file version)."""
    from pipeline.ontology_doc import render_html

    page = render_html(ONTOLOGY_TTL)
    # The page styles its <body> as the column; ours is the <main>, so that the header spans the window.
    head = ('<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/site.css">'
            "<style>body{max-width:none;margin:0;padding:0}</style></head>")
    page = page.replace("</head>", head, 1).replace("</body>", "</main></body>", 1)
    return page.replace("<body>", "<body>" + render("_header.html", active="ontology") + '<main class="page">', 1)


# -- routes ---------------------------------------------------------------------------------------


@router.get("/", summary="Home page: what the graph holds", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    base = get_settings(request).base_iri
    try:  # the counts VoID publishes too (pipeline.dataset), so the two never disagree
        counts = {**class_counts(get_store(request)), "triples": triple_count(get_store(request))}
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e
    documents = _select(request, documents_query())
    return _html(render("home.html", base, active="home", counts=counts, documents=documents,
                        examples=examples(base)))


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Dereference a minted IRI",
                  description="Turtle, N-Triples, JSON-LD, RDF/XML or HTML by Accept (or ?format=). Bounded: "
                              f"the page lists {PAGE_SIZE} facts per section, the RDF {RDF_PAGE_SIZE} triples "
                              "from and to the resource; ?page=2, 3, ... has the next ones (Link rel=\"next\").")
def resource(request: Request, path: str, format: str | None = None,
             page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    base = get_settings(request).base_iri
    iri = f"{base}/id/{path}"
    try:
        sparql_iri(iri)  # the check: the queries below write the IRI as <iri>
    except ApiError as e:  # characters no IRI may carry: nothing can have been minted here
        raise ApiError(404, "Not found", f"No resource at /id/{path}.") from e
    media = _media(request.headers.get("accept"), format, RESOURCE_OFFER)
    url = str(request.url.replace(query=""))
    headers = {"Vary": "Accept", "Link": _link_header(url, FORMATS)}
    select = lambda q: _select(request, q)  # noqa: E731
    if media == HTML:
        data = page_data(select, iri, base, page)
        if data is None:
            raise ApiError(404, "Not found", f"Nothing is known about {iri}.")
        _page_links(headers, url, format, page, bool(data["more"]))
        page_html = render("resource.html", base, data.pop("link_labels"), active="", iri=iri, page_iri=iri,
                           page_size=PAGE_SIZE, **data)
        return _html(page_html, headers=headers)
    g, more = description(select, iri, page)
    if len(g) == 0 and page == 1:
        raise ApiError(404, "Not found", f"Nothing is known about {iri}.")
    _page_links(headers, url, format, page, more)
    return Response(serialize(_with_prefixes(g), media), media_type=_content_type(media), headers=headers)


def _page_links(headers: dict[str, str], url: str, fmt: str | None, page: int, more: bool) -> None:
    """Link rel="next"/"prev" (RFC 8288) to the neighbouring pages of a bounded description."""
    same = f"&format={fmt}" if fmt else ""
    if more:
        headers["Link"] += f', <{url}?page={page + 1}{same}>; rel="next"'
    if page > 1:
        headers["Link"] += f', <{url}?page={page - 1}{same}>; rel="prev"'


@lru_cache(maxsize=16)
def _ontology_as(media: str, mtime: float) -> bytes:
    """The ontology file in another RDF syntax (cached per file version)."""
    g = rdflib.Graph(bind_namespaces="core").parse(ONTOLOGY_TTL, format="turtle")
    return serialize(g, media)


@router.get("/ontology", summary="The ontology: HTML documentation or any RDF syntax /id/ serves (by Accept)",
            description="HTML, Turtle, N-Triples, JSON-LD or RDF/XML by Accept (or ?format=html|ttl|nt|jsonld|rdf).")
def ontology(request: Request, format: str | None = None) -> Response:
    # HTML first: this address is the documentation page; RDF for clients that ask for it.
    offer = (HTML, *RDF_OFFER, "application/xhtml+xml", "application/json", "application/x-turtle")
    media = _media(request.headers.get("accept"), format, offer)
    headers = {"Vary": "Accept", "Link": _link_header(str(request.url.replace(query="")), FORMATS)}
    if media == "text/turtle":
        return Response(ONTOLOGY_TTL.read_bytes(), media_type="text/turtle; charset=utf-8", headers=headers)
    if media in RDF_OFFER:
        body = _ontology_as(media, ONTOLOGY_TTL.stat().st_mtime)
        return Response(body, media_type=_content_type(media), headers=headers)
    return _html(_ontology_page(ONTOLOGY_TTL.stat().st_mtime), headers=headers)


@router.get("/ontology.ttl", summary="The ontology as Turtle")
def ontology_ttl() -> Response:
    return Response(ONTOLOGY_TTL.read_bytes(), media_type="text/turtle; charset=utf-8")


@router.get("/shapes.ttl", summary="The SHACL shapes every document passes before it is stored")
def shapes_ttl() -> Response:
    return Response(SHAPES_TTL.read_bytes(), media_type="text/turtle; charset=utf-8")


def sparql_editor(request: Request) -> Response | None:
    """The YASGUI page for a browser's plain ``GET /sparql``; None for every other request.

    Called by ``api.app`` before the protocol handler. Only a client that prefers text/html over
    every RDF type gets the page (``Accept: */*``, curl and SPARQL clients keep the Service
    Description); a ``query`` or ``update`` parameter always means the protocol.
    """
    if request.method != "GET":
        return None
    # Negotiation first: it is memoised, while parsing the (possibly long) query string is not.
    if negotiate(request.headers.get("accept"), (*RDF_OFFER, HTML)) != HTML:
        return None
    params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
    if "query" in params or "update" in params:
        return None
    base = get_settings(request).base_iri
    prefixes = "\n".join(line for line in SPARQL_PREFIXES.splitlines()
                         if line.split()[1] in ("dkg:", "rdfs:", "skos:", "schema:", "sem:", "prov:"))
    default_query = (f"{prefixes}\n\nSELECT ?actor ?label WHERE {{\n  ?actor a schema:Country ; "
                     "skos:prefLabel ?label .\n  FILTER(LANG(?label) = \"nl\")\n} ORDER BY ?label LIMIT 25")
    return _html(render("sparql.html", base, active="sparql", default_query=default_query),
                 headers={"Vary": "Accept"})
