"""Which graphs a SPARQL Update writes, and the rule that keeps document graphs behind the SHACL gate.

Every document graph in the store passed the SHACL shapes (``pipeline.validate``) when it was
written: by ``diplokg build``, ``POST /documents`` or a Graph Store ``PUT``/``POST`` to
``/graphs?graph=<base>/graph/...``. A SPARQL Update could change one triple of such a graph and
leave it invalid, and the embedded engine has no rollback across an update to undo that after a
failed check. So SPARQL Update may write any graph **except** those under ``<base>/graph/`` (the
document graphs and the reserved ontology and dataset graphs); an update that writes one, or may
write one (a graph named by a variable, ``CLEAR``/``DROP NAMED``/``ALL``), is refused with 403
before it runs, and the message names the SHACL-gated way to make that change. ``LOAD`` is refused
too: it would have the server fetch a URL, and this server sends no requests of its own.

The graphs are found by a full parse (rdflib's SPARQL Update parser and algebra), not by lexing:
prefixed names, ``BASE`` and ``WITH`` all decide which graph a template writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import URIRef

from api.errors import ApiError

DEFAULT = "DEFAULT"


@dataclass
class UpdateWrites:
    graphs: set[str] = field(default_factory=set)  # named graphs written
    default: bool = False  # the store's default graph is written
    any_graph: bool = False  # some graph is named by a variable, or NAMED/ALL: any graph may be written
    loads: list[str] = field(default_factory=list)  # IRIs a LOAD would fetch


def update_writes(update: str) -> UpdateWrites:
    """The graphs ``update`` writes; ValueError with the parser's message when it cannot be parsed."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        operations = translateUpdate(parseUpdate(update)).algebra
    except Exception as e:  # pyparsing and the algebra raise several types; all mean "not parsed"
        raise ValueError(str(e)) from e
    out = UpdateWrites()

    def write(graph: object) -> None:
        if isinstance(graph, URIRef):
            out.graphs.add(str(graph))
        elif graph == DEFAULT or graph is None:
            out.default = True
        else:  # a Variable, NAMED, ALL: which graphs depends on the data
            out.any_graph = True

    def part(op, key: str):  # CompValue.get answers a missing key with the key's name, not None
        return op[key] if key in op else None

    def templates(block, default_graph: object = None) -> None:
        if block is None:
            return
        for graph in part(block, "quads") or {}:
            write(graph)
        if part(block, "triples"):
            write(default_graph)

    for op in operations:
        name = op.name
        if name in ("InsertData", "DeleteData", "DeleteWhere"):
            templates(op)
        elif name == "Modify":
            with_graph = part(op, "withClause")
            templates(part(op, "delete"), with_graph)
            templates(part(op, "insert"), with_graph)
        elif name == "Load":
            out.loads.append(str(part(op, "iri")))
            write(part(op, "graphiri"))
        elif name in ("Clear", "Drop", "Create"):
            write(part(op, "graphiri"))
        elif name in ("Add", "Copy", "Move"):
            source, target = part(op, "graph")
            write(target)
            if name == "Move":  # MOVE empties its source
                write(source)
        else:  # an operation this gate does not know: assume the worst
            out.any_graph = True
    return out


def check_update_graphs(update: str, base: str) -> None:
    """Refuse (ApiError 403/400) an update that writes, or may write, a SHACL-gated graph, or LOADs."""
    try:
        writes = update_writes(update)
    except ValueError as e:
        raise ApiError(400, "Malformed update", str(e)) from e
    if writes.loads:
        raise ApiError(403, "LOAD not allowed",
                       f"This server fetches nothing from the network; refused LOAD <{writes.loads[0]}>. "
                       "Send the data itself: INSERT DATA, or PUT/POST /graphs?graph=<iri>.")
    gated = f"{base}/graph/"
    hit = sorted(g for g in writes.graphs if g.startswith(gated))
    if not hit and not writes.any_graph:
        return
    what = (", ".join(f"<{g}>" for g in hit[:3]) + (f" and {len(hit) - 3} more" if len(hit) > 3 else "")
            if hit else "a graph chosen by a variable or by NAMED/ALL, which may be")
    raise ApiError(
        403, "Document graphs are SHACL-gated",
        f"This update writes {what} under {gated}: every document graph there passed the SHACL shapes and "
        "SPARQL Update cannot be checked and rolled back. Replace or extend a document graph with "
        "PUT or POST /graphs?graph=<graph IRI> (validated, 422 with the report when it does not "
        "conform), add a document with POST /documents, remove one with DELETE /graphs?graph=<graph IRI>; "
        "SPARQL Update may write any other graph (name it with GRAPH <iri>).")
