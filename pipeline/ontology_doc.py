"""A small, self-contained HTML page documenting the ontology (no network, no external CSS/JS).

Read from the Turtle itself, so the page can never drift from the model: own classes and
properties with their Dutch and English labels and definitions, the SKOS concept schemes with
their concepts and PLOVER alignments, and the reused vocabularies with the terms taken from each.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from pipeline.iris import ONTOLOGY_NS

_CSS = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222;
line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f4f4f4}code{background:#f6f6f6;padding:0 .2rem}.lang{color:#777;font-size:.8em}
.meta{color:#555}nav a{margin-right:1rem}
"""

_MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


def render_html(ontology_path: str | Path) -> str:
    # "core" bindings: rdflib would otherwise claim schema: for https://schema.org/ and print schema1:.
    g = Graph(bind_namespaces="core").parse(str(ontology_path), format="turtle")
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    title = _lang(g, onto, DCTERMS.title, "en") or "Ontology"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        _header(g, onto),
        '<nav><a href="#classes">Classes</a><a href="#properties">Properties</a>'
        '<a href="#schemes">Concept schemes</a><a href="#reused">Reused vocabularies</a></nav>',
        '<h2 id="classes">Classes</h2>',
        _terms_table(g, _own(g, OWL.Class), with_hierarchy=True),
        '<h2 id="properties">Properties</h2>',
        _terms_table(g, _own(g, OWL.ObjectProperty) + _own(g, OWL.DatatypeProperty), with_hierarchy=False),
        '<h2 id="schemes">Concept schemes</h2>',
        *[_scheme(g, s) for s in sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str)],
        '<h2 id="reused">Reused vocabularies</h2>',
        _reused(g, onto),
        "</body></html>",
    ]
    return "\n".join(parts)


def _own(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((s for s in g.subjects(RDF.type, kind) if str(s).startswith(ONTOLOGY_NS)), key=str)


def _local(iri: Node) -> str:
    s = str(iri)
    return "dkg:" + s[len(ONTOLOGY_NS):] if s.startswith(ONTOLOGY_NS) else s


def _curie(g: Graph, iri: Node) -> str:
    union = g.value(iri, OWL.unionOf) if not isinstance(iri, (URIRef, Literal)) else None
    if union is not None:  # an anonymous union class (a domain shared by posts and memberships)
        return " ∪ ".join(_curie(g, m) for m in Collection(g, union))
    try:
        return g.namespace_manager.normalizeUri(iri) if isinstance(iri, URIRef) else str(iri)
    except Exception:  # why: normalizeUri raises on IRIs it cannot split; show them whole
        return str(iri)


def _lang(g: Graph, s: Node, p: URIRef, lang: str) -> str | None:
    for o in g.objects(s, p):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return None


_IN_LANGUAGE = '{text} <span class="lang">{lang}</span>'
_NOTE_IN_LANGUAGE = '<em>{text}</em> <span class="lang">{lang}</span>'


def _by_language(g: Graph, s: Node, predicates: tuple, template: str) -> list[str]:
    """Per language (nl, en), the first of ``predicates`` that has a value, rendered with ``template``."""
    out = []
    for lang in ("nl", "en"):
        text = next((t for p in predicates if (t := _lang(g, s, p, lang))), None)
        if text:
            out.append(template.format(text=escape(text), lang=lang))
    return out


def _labels(g: Graph, s: Node) -> str:
    return "<br>".join(_by_language(g, s, (RDFS.label, SKOS.prefLabel), _IN_LANGUAGE))


def _definitions(g: Graph, s: Node) -> str:
    return "<br>".join(_by_language(g, s, (SKOS.definition, RDFS.comment), _IN_LANGUAGE)
                       + _by_language(g, s, (SKOS.note,), _NOTE_IN_LANGUAGE))


def _header(g: Graph, onto: Node) -> str:
    rows = [
        ("IRI", f"<code>{escape(str(onto))}</code>"),
        ("Namespace", f"<code>{escape(ONTOLOGY_NS)}</code> (prefix <code>dkg:</code>)"),
        ("Version", escape(str(g.value(onto, OWL.versionInfo) or ""))),
        ("Licence", escape(str(g.value(onto, DCTERMS.license) or ""))),
    ]
    desc = _lang(g, onto, DCTERMS.description, "en")
    nl = _lang(g, onto, DCTERMS.description, "nl")
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    text = "".join(f"<p>{escape(t)}</p>" for t in (desc, nl) if t)
    return f'<div class="meta">{text}<table>{body}</table></div>'


def _terms_table(g: Graph, terms: list[URIRef], with_hierarchy: bool) -> str:
    head = "<tr><th>Term</th><th>Label</th><th>Definition</th><th>Axioms</th></tr>"
    rows = []
    for t in terms:
        axioms = []
        if with_hierarchy:
            axioms += [f"⊑ {escape(_curie(g, o))}" for o in sorted(g.objects(t, RDFS.subClassOf), key=str)]
            axioms += [f"disjoint with {escape(_curie(g, o))}" for o in g.objects(t, OWL.disjointWith)]
        else:
            kind = "object" if (t, RDF.type, OWL.ObjectProperty) in g else "datatype"
            axioms.append(kind)
            axioms += [f"⊑ {escape(_curie(g, o))}" for o in g.objects(t, RDFS.subPropertyOf)]
            axioms += [f"domain {escape(_curie(g, o))}" for o in g.objects(t, RDFS.domain)]
            axioms += [f"range {escape(_curie(g, o))}" for o in g.objects(t, RDFS.range)]
        rows.append(
            f'<tr id="{escape(_local(t)[4:])}"><td><code>{escape(_local(t))}</code></td>'
            f"<td>{_labels(g, t)}</td><td>{_definitions(g, t)}</td><td>{'<br>'.join(axioms)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _scheme(g: Graph, scheme: Node) -> str:
    concepts = sorted(g.subjects(SKOS.inScheme, scheme), key=lambda c: str(g.value(c, SKOS.notation) or c))
    head = "<tr><th>Notation</th><th>Label</th><th>Definition</th><th>Alignment</th></tr>"
    rows = []
    for c in concepts:
        maps = []
        for p in _MAPPINGS:
            for o in g.objects(c, p):
                note = g.value(o, SKOS.notation)
                maps.append(f"{escape(_curie(g, p))} {escape(str(note) if note else _curie(g, o))}")
        rows.append(
            f"<tr><td><code>{escape(str(g.value(c, SKOS.notation) or _local(c)))}</code></td>"
            f"<td>{_labels(g, c)}</td><td>{_definitions(g, c)}</td><td>{'<br>'.join(maps)}</td></tr>"
        )
    return (
        f"<h3><code>{escape(_local(scheme))}</code>: {_labels(g, scheme)}</h3>"
        f"<p>{_definitions(g, scheme)}</p><table>{head}{''.join(rows)}</table>"
    )


def _reused(g: Graph, onto: Node) -> str:
    head = "<tr><th>Vocabulary</th><th>Used for</th><th>Terms</th></tr>"
    rows = []
    for vocab in sorted(g.objects(onto, DCTERMS.references), key=str):
        terms = sorted(_curie(g, t) for t in g.subjects(RDFS.isDefinedBy, vocab))
        name = escape(str(g.value(vocab, RDFS.label) or vocab))
        rows.append(
            f"<tr><td>{name}<br><code>{escape(str(vocab))}</code></td>"
            f"<td>{escape(_lang(g, vocab, RDFS.comment, 'en') or '')}</td>"
            f"<td>{', '.join(f'<code>{escape(t)}</code>' for t in terms)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"
