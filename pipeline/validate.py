"""The SHACL gate: a document's graph is checked before it enters the store.

``check`` runs pyshacl with ``shapes/diplokg.shapes.ttl`` and the ontology (parsed once, cached)
and turns the results into :class:`Violation` records that carry the source sentence, found via
the focus node's ``dkg:anchor``, so that a refusal can be fixed by reading the text, not the RDF.
With the document text at hand it also checks what SHACL cannot: that anchors lie inside the text
and quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from pipeline.config import ONTOLOGY_DIR, SHAPES_DIR
from pipeline.rdf import DKG, OA, PREFIXES

ONTOLOGY_PATH = ONTOLOGY_DIR / "diplokg.ttl"
SHAPES_PATH = SHAPES_DIR / "diplokg.shapes.ttl"

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Violation:
    focus: str  # the node the problem is about (an IRI)
    path: str | None  # the property, as a CURIE ("dkg:holder", "^org:holds"); None for node-level checks
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    sentence: str | None = None  # the source sentence behind the focus node, when it has one
    value: str | None = None  # the offending value, when SHACL names one


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def format(self) -> str:
        """Readable text: one block per problem, violations first."""
        if not self.violations:
            return "Conforms: no problems found."
        n_viol = sum(v.severity == "Violation" for v in self.violations)
        head = "Conforms" if self.conforms else "REFUSED"
        lines = [f"{head}: {n_viol} violation(s), {len(self.violations) - n_viol} warning(s)/info(s)."]
        order = {"Violation": 0, "Warning": 1, "Info": 2}
        for v in sorted(self.violations, key=lambda v: (order.get(v.severity, 3), v.focus, v.path or "")):
            lines.append(f"- {v.severity}: {v.focus}")
            if v.path:
                lines.append(f"    path:     {v.path}")
            if v.value:
                lines.append(f"    value:    {v.value}")
            lines.append(f"    problem:  {v.message}")
            if v.sentence:
                lines.append(f'    sentence: "{_shorten(v.sentence)}"')
        return "\n".join(lines)


@lru_cache(maxsize=4)
def _load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def shapes_graph() -> Graph:
    return _load(SHAPES_PATH)


def ontology_graph() -> Graph:
    return _load(ONTOLOGY_PATH)


def check(graph: Graph, doc_text: str | None = None) -> ValidationReport:
    """Validate one document's graph; ``conforms`` is False only for Violation-severity results."""
    _conforms, results, _text = shacl_validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",  # the converter asserts every type the shapes target; inference costs time
        allow_warnings=True,
        allow_infos=True,
    )
    violations = [
        _violation(graph, results, r, doc_text) for r in results.subjects(RDF.type, SH.ValidationResult)
    ]
    if doc_text is not None:
        violations += _check_anchors(graph, doc_text)
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations), violations=violations
    )


# --- turning pyshacl results into Violations ------------------------------------------------------


def _violation(data: Graph, results: Graph, r: Node, doc_text: str | None) -> Violation:
    focus = results.value(r, SH.focusNode)
    value = results.value(r, SH.value)
    severity = _SEVERITIES.get(results.value(r, SH.resultSeverity), "Violation")
    message = results.value(r, SH.resultMessage)
    return Violation(
        focus=str(focus),
        path=_path_text(results, results.value(r, SH.resultPath)),
        message=str(message) if message is not None else "constraint not satisfied",
        severity=severity,
        sentence=sentence_of(data, focus, doc_text) if focus is not None else None,
        value=_term_text(data, value) if value is not None else None,
    )


def _path_text(g: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return curie(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{_path_text(g, inverse)}"
    return "(complex path)"


def _term_text(g: Graph, term: Node) -> str:
    if isinstance(term, URIRef):
        return curie(term)
    if isinstance(term, Literal):
        return term.n3(g.namespace_manager)
    return str(term)


_CURIE_NS = sorted(
    ((p, str(ns)) for p, ns in {**PREFIXES, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "sh": SH}.items()),
    key=lambda x: -len(x[1]),
)


def curie(iri: URIRef | str) -> str:
    """Shorten with the project prefixes; data IRIs stay whole (they are what one pastes)."""
    s = str(iri)
    for prefix, ns in _CURIE_NS:
        if s.startswith(ns) and re.fullmatch(r"[\w.-]*", s[len(ns):]):
            return f"{prefix}:{s[len(ns):]}"
    return s


def sentence_of(g: Graph, node: Node, doc_text: str | None = None) -> str | None:
    """The source sentence behind ``node``: its own anchor, or the node is an anchor, or (for nodes
    without provenance, such as actors and roles) the earliest anchor of a neighbouring statement."""
    anchors = list(g.objects(node, DKG.anchor))
    if not anchors and (node, RDF.type, DKG.SentenceAnchor) in g:
        anchors = [node]
    if not anchors:
        neighbours = [o for o in g.objects(node, None) if isinstance(o, URIRef)]
        neighbours += [s for s in g.subjects(None, node) if isinstance(s, URIRef)]
        anchors = [a for n in neighbours for a in g.objects(n, DKG.anchor)]
    texts = [(_int(g.value(a, OA.start)), _quote(g, a, doc_text)) for a in anchors]
    texts = [t for t in texts if t[1]]
    return min(texts, key=lambda t: t[0])[1] if texts else None


def _quote(g: Graph, anchor: Node, doc_text: str | None) -> str | None:
    exact = g.value(anchor, OA.exact)
    if exact is not None:
        return str(exact)
    start, end = _int(g.value(anchor, OA.start)), _int(g.value(anchor, OA.end))
    if doc_text is not None and 0 <= start < end <= len(doc_text):
        return doc_text[start:end]
    return None


def _int(term: Node | None) -> int:
    try:
        return int(str(term))
    except (TypeError, ValueError):
        return -1


# --- checks SHACL cannot make: anchors against the text ----------------------------------------------

_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    # Offsets index the original text while the quote may come from the prepared text (joined
    # hyphenation, collapsed whitespace), so compare modulo whitespace and soft hyphens.
    return _SPACE.sub(" ", text.replace("\u00ad", "").replace("-\n", "")).strip()


def _check_anchors(g: Graph, doc_text: str) -> list[Violation]:
    out: list[Violation] = []
    for a in set(g.subjects(RDF.type, DKG.SentenceAnchor)):
        start, end = _int(g.value(a, OA.start)), _int(g.value(a, OA.end))
        exact = g.value(a, OA.exact)
        if not (0 <= start < end <= len(doc_text)):
            out.append(Violation(
                focus=str(a), path="oa:start", severity="Violation",
                message=f"Offsets {start}..{end} lie outside the document text (length {len(doc_text)}).",
                sentence=str(exact) if exact is not None else None,
            ))
        elif exact is not None and _normal(doc_text[start:end]) != _normal(str(exact)):
            found = _shorten(doc_text[start:end])
            out.append(Violation(
                focus=str(a), path="oa:exact", severity="Warning",
                message=f'The quote differs from the text at {start}..{end}: "{found}".',
                sentence=str(exact),
            ))
    return out


def _shorten(text: str, limit: int = 200) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
