"""Extraction -> RDF: a hand-built extraction, converted, validated, queried and reasoned over."""

from __future__ import annotations

import dataclasses

import owlrl
import pyoxigraph as ox
import pytest
import rdflib  # rdflib.XSD, not XSD: pytest probes module globals and XSD warns
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import DCTERMS

from pipeline.extraction import (
    DocumentMeta,
    Entity,
    Event,
    Extraction,
    Motion,
    Position,
    Provenance,
    Role,
)
from pipeline.iris import ONTOLOGY_NS
from pipeline.ontology_doc import render_html
from pipeline.rdf import (
    DKG,
    PROVENANCE_QUERY,
    SEM,
    WD,
    date_literal,
    graph_for,
    provenance_query,
    split_extractor,
    to_graph,
)
from pipeline.validate import ONTOLOGY_PATH, check, ontology_graph

BASE = "https://w3id.org/diplokg"
ID = f"{BASE}/id"

S1 = "Minister Makei van Buitenlandse Zaken van Wit-Rusland sprak op 12 november 2020 met de EU."
S2 = "De motie-Omtzigt (21501-02-2234) vraagt om onderzoek naar schendingen van oorlogsrecht."
S3 = "Het kabinet steunt het activeren van het OVSE Moskou Mechanisme op voorspraak van Duitsland."
TEXT = f"{S1} {S2}\n{S3}"


def prov(sentence: str, confidence: float = 0.9, doc_id: str = "doc1", text: str = TEXT) -> Provenance:
    start = text.index(sentence)
    return Provenance(doc_id, sentence, start, start + len(sentence), "diplokg@0.1.0", confidence)


def sample(doc_id: str = "doc1") -> Extraction:
    return Extraction(
        document=DocumentMeta(doc_id, "Geannoteerde agenda Raad Buitenlandse Zaken", "2020-11",
                              "geannoteerde agenda", "21501-02-2244", sha256="ab" * 32),
        text=TEXT,
        entities=[
            Entity("belarus", "Belarus", "COUNTRY", ["Wit-Rusland", "Belarus"], "Q184", True,
                   {"nl": "Wit-Rusland", "en": "Belarus"}, [prov(S1, doc_id=doc_id)]),
            Entity("makei", "Makei", "PERSON", ["Makei"], mentions=[prov(S1, doc_id=doc_id)]),
            Entity("kabinet", "kabinet", "ORGANISATION", ["kabinet"], linked=True, mentions=[prov(S3)]),
            Entity("ovse", "OVSE", "ORGANISATION", ["OVSE"], None, True, {"en": "OSCE"}, [prov(S3)]),
            Entity("eu", "EU", "ORGANISATION", ["EU"], None, False),
        ],
        roles=[Role("Makei", "makei", "minister van Buitenlandse Zaken", "Belarus", "belarus", "COUNTRY",
                    prov(S1, doc_id=doc_id))],
        motions=[Motion("21501-02-2234", ["Omtzigt"], "2020-11-12",
                        "onderzoek naar schendingen van oorlogsrecht", provenance=prov(S2, doc_id=doc_id))],
        events=[Event("MEETING", "2020-11-12", ["Makei", "EU"], ["makei", "eu"], None, None,
                      "sprak met de EU", prov(S1, 0.7, doc_id))],
        positions=[Position("kabinet", "kabinet", "SUPPORTS", "activeren van het OVSE Moskou Mechanisme",
                            ["OVSE"], ["ovse"], S3, None, prov(S3, 0.8, doc_id))],
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph(sample(), BASE)


POSITION = URIRef(f"{ID}/position/doc1-1")
MOTION = URIRef(f"{ID}/motion/21501-02-2234")
BELARUS = URIRef(f"{ID}/country/belarus")


# --- conversion ------------------------------------------------------------------------------------


def test_graph_conforms(graph: Graph) -> None:
    report = check(graph, TEXT)
    assert report.conforms, report.format()
    assert report.violations == [], report.format()  # not even a warning


def test_no_blank_nodes(graph: Graph) -> None:
    assert not [t for t in graph if any(isinstance(n, BNode) for n in t)]


def test_graph_for_names_the_graph() -> None:
    iri, g = graph_for(sample(), BASE)
    assert iri == URIRef(f"{BASE}/graph/doc1") == g.identifier


def test_conversion_is_deterministic() -> None:
    assert set(to_graph(sample(), BASE)) == set(to_graph(sample(), BASE))


def test_same_as_only_when_qid_given(graph: Graph) -> None:
    assert set(graph.subject_objects(OWL.sameAs)) == {(BELARUS, WD.Q184)}
    assert graph.value(BELARUS, DKG.linked) == Literal(True)
    assert graph.value(URIRef(f"{ID}/person/makei"), DKG.linked) == Literal(False)


def test_actor_labels(graph: Graph) -> None:
    assert set(graph.objects(BELARUS, SKOS.prefLabel)) == {Literal("Wit-Rusland", lang="nl"),
                                                           Literal("Belarus", lang="en")}
    assert Literal("Belarus", lang="nl") in set(graph.objects(BELARUS, SKOS.altLabel))
    assert (BELARUS, RDF.type, URIRef("http://schema.org/Country")) in graph


def test_role_as_post(graph: Graph) -> None:
    # One post per (holder, role, organisation), shared across documents, dated by the letter.
    post = URIRef(f"{ID}/post/person-makei--minister-van-buitenlandse-zaken--country-belarus")
    assert graph.value(post, DKG.firstAttested) == graph.value(post, DKG.lastAttested) == date_literal("2020-11")
    assert (URIRef(f"{ID}/person/makei"), URIRef("http://www.w3.org/ns/org#holds"), post) in graph
    assert graph.value(post, URIRef("http://www.w3.org/ns/org#postIn")) == BELARUS
    role = graph.value(post, URIRef("http://www.w3.org/ns/org#role"))
    assert graph.value(role, SKOS.prefLabel) == Literal("minister van Buitenlandse Zaken", lang="nl")


def test_former_post_is_the_post_ended_by_the_letters_date() -> None:
    x = sample()
    x.roles.append(dataclasses.replace(x.roles[0], role="voormalig minister van Buitenlandse Zaken"))
    x.roles.append(dataclasses.replace(x.roles[0], role="oud-premier"))
    g = to_graph(x, BASE)
    post = URIRef(f"{ID}/post/person-makei--minister-van-buitenlandse-zaken--country-belarus")
    assert g.value(post, DKG.endedBy) == g.value(post, DKG.lastAttested) == date_literal("2020-11")
    premier = URIRef(f"{ID}/post/person-makei--premier--country-belarus")
    assert g.value(premier, DKG.endedBy) == date_literal("2020-11")
    assert g.value(premier, DKG.firstAttested) is None  # a former post is not attested as held
    assert check(g, TEXT).conforms


def test_motion(graph: Graph) -> None:
    assert graph.value(MOTION, DCTERMS.identifier) == Literal("21501-02-2234")
    assert graph.value(MOTION, URIRef("http://schema.org/creator")) == URIRef(f"{ID}/person/omtzigt")
    assert graph.value(MOTION, DCTERMS.dateSubmitted) == Literal("2020-11-12", datatype=rdflib.XSD.date)


def test_event(graph: Graph) -> None:
    event = URIRef(f"{ID}/event/doc1-1")
    assert graph.value(event, SEM.eventType) == DKG["event-MEETING"]
    assert graph.value(event, SEM.hasTimeStamp) == Literal("2020-11-12", datatype=rdflib.XSD.date)
    assert set(graph.objects(event, SEM.hasActor)) == {URIRef(f"{ID}/person/makei"),
                                                       URIRef(f"{ID}/organisation/eu")}


def test_a_gathering_named_beside_another_is_the_events_label() -> None:
    x = sample()
    x.events.append(dataclasses.replace(x.events[0], meeting="Eurotop"))
    g = to_graph(x, BASE)
    assert g.value(URIRef(f"{ID}/event/doc1-2"), RDFS.label) == Literal("Eurotop", lang="nl")
    assert g.value(URIRef(f"{ID}/event/doc1-1"), RDFS.label) is None
    assert check(g, TEXT).conforms


def test_document_date_by_precision(graph: Graph) -> None:
    doc = URIRef(f"{ID}/document/doc1")
    assert graph.value(doc, DCTERMS.date) == Literal("2020-11", datatype=rdflib.XSD.gYearMonth)
    assert date_literal("2020").datatype == rdflib.XSD.gYear
    assert date_literal("2020-11-12").datatype == rdflib.XSD.date
    assert date_literal("12 november").datatype is None  # left for the SHACL gate to refuse


def test_every_statement_has_provenance(graph: Graph) -> None:
    for cls in (DKG.Position, DKG.Mention, SEM.Event, URIRef("http://www.w3.org/ns/org#Post"),
                URIRef("http://www.w3.org/ns/opengov#Motion")):
        nodes = set(graph.subjects(RDF.type, cls))
        assert nodes, cls
        for n in nodes:
            assert graph.value(n, DKG.anchor) is not None, n
            assert graph.value(n, DKG.confidence) is not None, n


def test_split_extractor() -> None:
    assert split_extractor("diplokg@0.2.0") == ("diplokg", "0.2.0")
    assert split_extractor("stance/3") == ("stance", "3")
    assert split_extractor("diplokg")[0] == "diplokg"


def test_duplicate_motion_is_one_node() -> None:
    x = sample()
    x.motions.append(dataclasses.replace(x.motions[0], date=None, cosigners=True, provenance=prov(S3)))
    g = to_graph(x, BASE)
    assert len(set(g.objects(MOTION, DKG.anchor))) == 2
    assert g.value(MOTION, DKG.cosigners) == Literal(True)
    assert check(g, TEXT).conforms


# --- provenance: the sentence behind a fact, in one query --------------------------------------------


def test_provenance_query_rdflib(graph: Graph) -> None:
    rows = list(graph.query(PROVENANCE_QUERY, initBindings={Variable("fact"): POSITION}))
    assert len(rows) == 1
    row = rows[0]
    assert str(row.sentence) == S3
    assert TEXT[int(row.start):int(row.end)] == S3
    assert row.document == URIRef(f"{ID}/document/doc1")
    assert float(row.confidence) == pytest.approx(0.8)
    assert str(row.version) == "0.1.0"


def test_provenance_query_oxigraph_across_documents() -> None:
    # The motion is shared by two documents: each sentence must come back with its own document.
    store = ox.Store()
    for doc_id in ("doc1", "doc2"):
        iri, g = graph_for(sample(doc_id), BASE)
        for s, p, o in g:
            store.add(ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(iri))))
    rows = list(store.query(provenance_query(str(MOTION)), use_default_graph_as_union=True))
    assert {(r["sentence"].value, r["document"].value) for r in rows} == {
        (S2, f"{ID}/document/doc1"), (S2, f"{ID}/document/doc2")}
    subst = list(store.query(PROVENANCE_QUERY, use_default_graph_as_union=True,
                             substitutions={ox.Variable("fact"): ox.NamedNode(str(POSITION))}))
    assert [r["sentence"].value for r in subst] == [S3]


def test_graph_read_back_from_oxigraph_still_conforms(graph: Graph) -> None:
    # Oxigraph canonicalises some datatypes (xsd:nonNegativeInteger -> xsd:integer): a stored graph
    # must pass the same gate, or re-validating the store would refuse every document.
    store = ox.Store()
    for s, p, o in graph:
        store.add(ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(graph.identifier))))
    nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph.identifier)))
    assert b"nonNegativeInteger" not in nt  # the canonicalisation this test is about
    back = Graph().parse(data=nt.decode(), format="nt")
    assert len(back) == len(graph)
    report = check(back, TEXT)
    assert report.conforms, report.format()


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or rdflib.XSD.string)))


# --- the ontology ---------------------------------------------------------------------------------


def test_ontology_parses_and_documents_every_own_term() -> None:
    onto = Graph().parse(ONTOLOGY_PATH)
    assert (URIRef(ONTOLOGY_NS[:-1]), RDF.type, OWL.Ontology) in onto
    own = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_NS)}
    assert len(own) > 30
    for term in own:
        labels = {o.language for p in (RDFS.label, SKOS.prefLabel) for o in onto.objects(term, p)}
        defs = {o.language for p in (SKOS.definition, RDFS.comment) for o in onto.objects(term, p)}
        assert {"nl", "en"} <= labels, f"{term} lacks an nl or en label"
        assert {"nl", "en"} <= defs, f"{term} lacks an nl or en definition"


def test_ontology_concepts_pass_the_shapes() -> None:
    report = check(ontology_graph())
    assert report.conforms, report.format()


def test_owlrl_closure_is_consistent(graph: Graph) -> None:
    g = Graph()
    for t in ontology_graph():
        g.add(t)
    for t in graph:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert not list(g.subjects(RDF.type, OWL.Nothing))
    err = owlrl.Namespaces.ERRNS
    errors = [str(m) for m in g.objects(None, err.error)]
    assert not errors, errors
    # The closure did run: subclass and subproperty axioms of the ontology fired.
    assert (POSITION, RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")) in g
    assert (POSITION, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
            graph.value(POSITION, DKG.anchor)) in g


def test_ontology_html_is_self_contained() -> None:
    html = render_html(ONTOLOGY_PATH)
    assert "<script" not in html and "<link" not in html
    for term in ("dkg:Position", "dkg:SentenceAnchor", "dkg:holder", "CALLS_FOR", "HOSTILITIES",
                 "Standpunt", "Position", "PROV-O", "org:Post"):
        assert term in html, term


# --- the gate refuses broken graphs readably ---------------------------------------------------------


def test_broken_graph_is_refused_with_readable_report(graph: Graph) -> None:
    broken = Graph()
    for t in graph:
        broken.add(t)
    broken.remove((POSITION, DKG.holder, None))
    broken.set((MOTION, DCTERMS.identifier, Literal("abc")))
    report = check(broken, TEXT)
    assert not report.conforms
    by_focus = {(v.focus, v.path): v for v in report.violations}
    holder = by_focus[(str(POSITION), "dkg:holder")]
    assert holder.sentence == S3 and holder.severity == "Violation"
    ident = by_focus[(str(MOTION), "dcterms:identifier")]
    assert ident.sentence == S2 and ident.value == '"abc"'
    text = report.format()
    for fragment in ("REFUSED", str(POSITION), "dkg:holder", S3, str(MOTION), "dcterms:identifier", S2):
        assert fragment in text, fragment


def test_bad_values_from_the_extraction_are_refused() -> None:
    x = sample()
    x.events[0].date = "12 november"
    x.positions[0].stance = "LIKES"
    x.motions[0].id = "abc"
    report = check(to_graph(x, BASE), TEXT)
    paths = {v.path for v in report.violations}
    assert not report.conforms
    assert {"sem:hasTimeStamp", "dkg:stance", "dcterms:identifier"} <= paths


def test_anchor_outside_text_is_refused(graph: Graph) -> None:
    report = check(graph, TEXT[:50])
    assert not report.conforms
    assert any(v.path == "oa:start" and v.sentence for v in report.violations)


def test_a_document_with_hundreds_of_facts_conforms() -> None:
    """How long this takes is benchmarks/bench_validate.py's business, not a test's (machines are noisy)."""
    x = sample()
    x.positions = [dataclasses.replace(x.positions[0]) for _ in range(300)]
    assert check(to_graph(x, BASE), TEXT).conforms


def test_one_role_worded_twice_keeps_one_label():
    """'President' and 'president' slug to one org:Role; the gate allows one @nl label per role."""
    from pipeline.extraction import DocumentMeta, Entity, Extraction, Provenance, Role
    from pipeline.rdf import graph_for
    from pipeline.validate import check

    text = "President Macron en president Biden spraken."
    prov = Provenance("d1", text, 0, len(text), "test/1", 0.8)
    people = [Entity("macron", "Macron", "PERSON", ["Macron"]), Entity("biden", "Biden", "PERSON", ["Biden"])]
    roles = [Role("Macron", "PERSON:macron", "President", None, None, None, prov),
             Role("Biden", "PERSON:biden", "president", None, None, None, prov)]
    extraction = Extraction(DocumentMeta("d1", "Test", "2021-01-01", "kamerbrief"), text, people, roles)
    _, graph = graph_for(extraction, "https://example.org")
    assert check(graph, text).conforms


def test_document_is_the_kamerstuk_other_letters_cite(graph: Graph) -> None:
    from rdflib.namespace import PROV

    assert (URIRef(f"{ID}/document/doc1"), PROV.alternateOf, URIRef(f"{ID}/document/21501-02-2244")) in graph
