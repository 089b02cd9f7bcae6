"""Export the store as RDF files, through the Store interface (embedded or remote alike)."""

from __future__ import annotations

import rdflib

from pipeline.store.base import Store

# format name -> (rdflib serializer, keeps named graphs)
FORMATS = {
    "ttl": ("turtle", False),
    "nt": ("nt", False),
    "jsonld": ("json-ld", False),
    "trig": ("trig", True),
    "nq": ("nquads", True),
}


class ExportError(ValueError):
    pass


def export_rdf(store: Store, fmt: str) -> bytes:
    """The whole graph in ``fmt``; TriG and N-Quads keep one named graph per document."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    serializer, quads = FORMATS[fmt]
    if quads:
        dataset = rdflib.Dataset()
        for graph_iri in store.graphs():
            named = dataset.graph(rdflib.URIRef(graph_iri))
            for triple in store.get_graph(graph_iri):
                named.add(triple)
        return dataset.serialize(format=serializer, encoding="utf-8")
    graph = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return graph.serialize(format=serializer, encoding="utf-8")
