"""The dataset as a resource: its VoID/DCAT description and its named graphs.

* ``/.well-known/void`` (RFC 5785 place, as the VoID guide recommends) and ``/dataset`` (the
  dataset IRI ``<base>/dataset`` dereferenced) answer with :func:`pipeline.dataset.describe`.
* ``/graph/{key}`` answers for the named-graph IRI ``<base>/graph/{key}`` with that graph's
  triples, content-negotiated (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads; ``?format=``).
"""

from __future__ import annotations

import rdflib
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import get_settings, get_store
from api.errors import ApiError
from api.linked_data import RDF_OFFER, _content_type, _media, serialize
from api.rest import ERRORS, sparql_iri
from pipeline.dataset import describe
from pipeline.store.base import StoreError

GRAPH_OFFER = (*RDF_OFFER, "application/trig", "application/n-quads")
GRAPH_FORMATS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
                 "rdf": "application/rdf+xml", "trig": "application/trig", "nq": "application/n-quads"}
_FORMAT_Q = Query(None, description="ttl, nt, jsonld or rdf; overrides Accept.",
                  json_schema_extra={"enum": ["ttl", "nt", "jsonld", "rdf"]})
RDF_RESPONSES = {200: {"description": "RDF, content-negotiated",
                       "content": {m: {"schema": {}} for m in GRAPH_OFFER}},
                 404: ERRORS[400] | {"description": "Not found"}, 406: ERRORS[400] | {"description": "Not acceptable"},
                 **ERRORS}

router = APIRouter(tags=["Dataset"])


def _void(request: Request, format: str | None) -> Response:
    settings = get_settings(request)
    media = _media(request.headers.get("accept"), format, RDF_OFFER)
    endpoint = str(request.url.replace(path="/sparql", query=""))
    try:
        g = describe(get_store(request), settings.base_iri, endpoint)
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e
    return Response(serialize(g, media), media_type=_content_type(media), headers={"Vary": "Accept"})


@router.get("/.well-known/void", summary="VoID and DCAT description of the dataset", responses=RDF_RESPONSES,
            response_class=Response)
def well_known_void(request: Request, format: str | None = _FORMAT_Q) -> Response:
    return _void(request, format)


@router.get("/dataset", summary="The dataset IRI <base>/dataset: its VoID and DCAT description",
            responses=RDF_RESPONSES, response_class=Response)
def dataset(request: Request, format: str | None = _FORMAT_Q) -> Response:
    return _void(request, format)


@router.get("/graph/{key}", summary="A named graph IRI dereferenced: the graph's triples",
            responses=RDF_RESPONSES, response_class=Response)
def named_graph(request: Request, key: str,
                format: str | None = Query(None, description="ttl, nt, jsonld, rdf, trig or nq; overrides Accept.",
                                           json_schema_extra={"enum": list(GRAPH_FORMATS)})) -> Response:
    iri = f"{get_settings(request).base_iri}/graph/{key}"
    try:
        sparql_iri(iri)
    except ApiError as e:
        raise ApiError(404, "Not found", f"No graph at /graph/{key}.") from e
    if format is not None and format.lower() not in GRAPH_FORMATS:
        raise ApiError(400, "Unknown format", f"format must be one of {', '.join(GRAPH_FORMATS)}.")
    media = GRAPH_FORMATS[format.lower()] if format else _media(request.headers.get("accept"), None, GRAPH_OFFER)
    try:
        g = get_store(request).get_graph(iri)
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e
    if len(g) == 0:
        raise ApiError(404, "Not found", f"The store holds no graph {iri}.")
    if media in ("application/trig", "application/n-quads"):
        ds = rdflib.Dataset()
        named = ds.graph(rdflib.URIRef(iri))
        for t in g:
            named.add(t)
        body = ds.serialize(format="trig" if media == "application/trig" else "nquads", encoding="utf-8")
    else:
        body = serialize(g, media)
    return Response(body, media_type=_content_type(media), headers={"Vary": "Accept"})
