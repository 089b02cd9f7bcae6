"""SHACL shapes, table-driven: one valid graph every shape accepts, and per shape minimal breakages
it must reject (naming the right focus node and path). Written in Turtle by hand, independent of
pipeline.rdf, so a bug in the converter cannot hide a bug in the shapes."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from pipeline.validate import check, ontology_graph, shapes_graph

PREFIXES = """
@prefix : <https://example.org/id/> .
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <http://schema.org/> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix time: <http://www.w3.org/2006/time#> .
"""

SENTENCE = "Het kabinet steunt de sancties tegen Belarus."
TK = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
ZAAK, BESLUIT, STEMMING, ZETEL = (f"<{TK}/{s}(00000000-0000-0000-0000-00000000000{n})>" for n, s in
                                  enumerate(("Zaak", "Besluit", "Stemming", "FractieZetelPersoon")))

VALID = PREFIXES + f"""
:doc a dkg:Document , foaf:Document ; dcterms:identifier "doc" ; dcterms:title "Verslag"@nl ;
    dcterms:date "2021-03"^^xsd:gYearMonth ; dkg:documentKind "verslag"@nl ; dkg:kamerstuk "35570-V-31" .
:anchor a dkg:SentenceAnchor , oa:TextPositionSelector , oa:TextQuoteSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ; oa:end "45"^^xsd:nonNegativeInteger ;
    oa:exact "{SENTENCE}" ; prov:wasQuotedFrom :doc .
:run a prov:Activity , dkg:ExtractionActivity ; prov:used :doc ; prov:wasAssociatedWith :agent .
:agent a prov:SoftwareAgent ; rdfs:label "diplokg 0.1.0" ; dkg:extractorVersion "0.1.0" .

:belarus a dkg:NamedEntity , schema:Country ; skos:prefLabel "Belarus"@nl , "Belarus"@en ;
    rdfs:label "Belarus"@nl ; skos:altLabel "Wit-Rusland"@nl ; dkg:linked true ;
    owl:sameAs <http://www.wikidata.org/entity/Q184> .
:kabinet a dkg:NamedEntity , org:Organization ; skos:prefLabel "kabinet"@nl ; rdfs:label "kabinet"@nl ;
    dkg:linked false .
:makei a dkg:NamedEntity , foaf:Person , schema:Person ; skos:prefLabel "Makei"@nl ; rdfs:label "Makei"@nl ;
    dkg:linked false ; org:holds :post .
:minsk a dkg:NamedEntity , schema:Place ; skos:prefLabel "Minsk"@nl ; rdfs:label "Minsk"@nl ;
    dkg:linked false .
:rbz a dkg:NamedEntity , schema:Event ; skos:prefLabel "Raad Buitenlandse Zaken"@nl ;
    rdfs:label "Raad Buitenlandse Zaken"@nl ; dkg:linked false .

:mention a dkg:Mention , dkg:Statement ; dkg:mentionOf :belarus ;
    prov:wasDerivedFrom :doc , :anchor ; dkg:anchor :anchor ; prov:wasGeneratedBy :run ; dkg:confidence 0.9 .
:post a org:Post , dkg:Statement ; org:postIn :belarus ; org:role :minister ; rdfs:label "minister"@nl ;
    dkg:firstAttested "2021-03"^^xsd:gYearMonth ; dkg:lastAttested "2021-03"^^xsd:gYearMonth ;
    prov:wasDerivedFrom :doc ; dkg:anchor :anchor ; prov:wasGeneratedBy :run ; dkg:confidence 0.9 .
:minister a org:Role ; skos:prefLabel "minister van Buitenlandse Zaken"@nl .
:motion a opengov:Motion , dkg:Statement ; dcterms:identifier "21501-02-2234" ; schema:creator :makei ;
    dcterms:dateSubmitted "2020-11-12"^^xsd:date ; dcterms:subject "sancties"@nl ;
    dkg:amended false ; dkg:cosigners true ;
    prov:wasDerivedFrom :doc ; dkg:anchor :anchor ; prov:wasGeneratedBy :run ; dkg:confidence 1.0 .
:event a sem:Event , dkg:Statement ; sem:eventType dkg:event-SANCTION ; sem:hasActor :belarus ;
    sem:hasPlace :minsk ; sem:hasTimeStamp "2020"^^xsd:gYear ; dkg:dateBasis dkg:date-own ; dkg:meeting :rbz ;
    dcterms:description "sancties"@nl ;
    prov:wasDerivedFrom :doc ; dkg:anchor :anchor ; prov:wasGeneratedBy :run ; dkg:confidence 0.5 .
:position a dkg:Position , dkg:Statement ; dkg:holder :kabinet ; dkg:stance dkg:stance-SUPPORTS ;
    dkg:target "de sancties tegen Belarus"@nl ; dkg:targetActor :belarus ;
    dcterms:date "2021-03"^^xsd:gYearMonth ; dkg:dateBasis dkg:date-document ;
    prov:wasDerivedFrom :doc ; dkg:anchor :anchor ; prov:wasGeneratedBy :run ; dkg:confidence 0.75 .
:stance a dkg:Stance , skos:Concept ; skos:inScheme dkg:Stances ; skos:notation "HOPES" ;
    skos:prefLabel "hoopt"@nl , "hopes"@en .

{ZAAK} a dkg:OpenDataRecord ; dcterms:modified "2025-03-04T10:00:00Z"^^xsd:dateTime .
{BESLUIT} a dkg:OpenDataRecord .
{STEMMING} a dkg:OpenDataRecord .
{ZETEL} a dkg:OpenDataRecord .
:vvd a dkg:NamedEntity , org:Organization ; skos:prefLabel "VVD"@nl ; rdfs:label "VVD"@nl ; dkg:linked true .
:member a dkg:NamedEntity , foaf:Person , schema:Person ; skos:prefLabel "Eric van der Burg"@nl ;
    rdfs:label "Eric van der Burg"@nl ; dkg:linked true .
:tkmotion a opengov:Motion ; dcterms:identifier "23432-599" ; dkg:amended false ; dkg:cosigners false ;
    schema:creator :member ; dkg:cabinetAppraisal dkg:appraisal-ONTRADEN ; dcterms:spatial :belarus ;
    prov:wasDerivedFrom {ZAAK} .
:ve a opengov:VoteEvent ; opengov:motion :tkmotion ; opengov:result opengov:Pass ;
    schema:startDate "2025-03-04"^^xsd:date ; opengov:count :yes ; opengov:vote :vote ; prov:wasDerivedFrom {BESLUIT} .
:yes a opengov:Count , opengov:YesCount ; rdf:value 83 .
:vote a opengov:Vote ; opengov:voteEvent :ve ; schema:agent :vvd ; schema:option "yes" ;
    opengov:politicalGroup :vvd ; opengov:weight 24 ; prov:wasDerivedFrom {STEMMING} .
:votepos a dkg:Position ; dkg:holder :vvd ; dkg:stance dkg:stance-SUPPORTS ; dkg:target "een verbod"@nl ;
    dkg:motion :tkmotion ; dcterms:date "2025-03-04"^^xsd:date ; dkg:dateBasis dkg:date-record ;
    prov:wasDerivedFrom :vote , {STEMMING} .
:attested a org:Membership ; org:member :member ; org:organization :vvd ;
    dkg:firstAttested "2024-01-16"^^xsd:date ; dkg:lastAttested "2025-06-03"^^xsd:date ; prov:wasDerivedFrom :vote .
:seat a org:Membership ; org:member :member ; org:organization :vvd ; org:memberDuring :term ;
    prov:wasDerivedFrom {ZETEL} .
:term a time:Interval ; time:hasBeginning :begin .
:begin a time:Instant ; time:inXSDDate "2023-12-06"^^xsd:date .
"""

X = "https://example.org/id/"


def drop(s: str, p: str) -> str:
    return f"DELETE WHERE {{ :{s} {p} ?o }}"


def put(s: str, p: str, o: str) -> str:
    """Replace every value of ``p`` on ``:s`` with ``o``."""
    return f"{drop(s, p)} ; INSERT DATA {{ :{s} {p} {o} }}"


def add(s: str, p: str, o: str) -> str:
    return f"INSERT DATA {{ :{s} {p} {o} }}"


def untype(s: str, cls: str) -> str:
    return f"DELETE DATA {{ :{s} a {cls} }}"


# (shape, what breaks, SPARQL update, focus node, reported path; None for node-level constraints)
CASES = [
    ("DocumentShape", "no title", drop("doc", "dcterms:title"), "doc", "dcterms:title"),
    ("DocumentShape", "English title", put("doc", "dcterms:title", '"Report"@en'), "doc", "dcterms:title"),
    ("DocumentShape", "date as text", put("doc", "dcterms:date", '"maart 2021"'), "doc", "dcterms:date"),
    ("DocumentShape", "bad kamerstuk", put("doc", "dkg:kamerstuk", '"nr. 12"'), "doc", "dkg:kamerstuk"),
    ("StatementShape", "no anchor", drop("position", "dkg:anchor"), "position", "dkg:anchor"),
    ("StatementShape", "no document", drop("event", "prov:wasDerivedFrom"), "event", "prov:wasDerivedFrom"),
    ("StatementShape", "no activity",
     drop("mention", "prov:wasGeneratedBy"), "mention", "prov:wasGeneratedBy"),
    ("StatementShape", "confidence above 1", put("post", "dkg:confidence", "1.5"), "post", "dkg:confidence"),
    ("StatementShape", "confidence as double", put("post", "dkg:confidence", '"0.5"^^xsd:double'),
     "post", "dkg:confidence"),
    ("SentenceAnchorShape", "start after end", put("anchor", "oa:start", '"50"^^xsd:nonNegativeInteger'),
     "anchor", "oa:start"),
    ("SentenceAnchorShape", "no quote", drop("anchor", "oa:exact"), "anchor", "oa:exact"),
    ("SentenceAnchorShape", "offset as text", put("anchor", "oa:end", '"45"'), "anchor", "oa:end"),
    ("SentenceAnchorShape", "negative offset", put("anchor", "oa:start", "-1"), "anchor", "oa:start"),
    ("SentenceAnchorShape", "not a quote selector",
     untype("anchor", "oa:TextQuoteSelector"), "anchor", "rdf:type"),
    ("ExtractionActivityShape", "no agent",
     drop("run", "prov:wasAssociatedWith"), "run", "prov:wasAssociatedWith"),
    ("SoftwareAgentShape", "no version",
     drop("agent", "dkg:extractorVersion"), "agent", "dkg:extractorVersion"),
    ("NamedEntityShape", "label without language", put("kabinet", "skos:prefLabel", '"kabinet"'),
     "kabinet", "skos:prefLabel"),
    ("NamedEntityShape", "no Dutch label", put("kabinet", "skos:prefLabel", '"cabinet"@en'),
     "kabinet", "skos:prefLabel"),
    ("NamedEntityShape", "QID but not linked",
     add("kabinet", "owl:sameAs", "<http://www.wikidata.org/entity/Q1>"),
     "kabinet", None),
    ("NamedEntityShape", "sameAs not Wikidata",
     put("belarus", "owl:sameAs", "<http://dbpedia.org/resource/Belarus>"),
     "belarus", "owl:sameAs"),
    ("NamedEntityShape", "no linked flag", drop("minsk", "dkg:linked"), "minsk", "dkg:linked"),
    ("PersonShape", "not schema:Person", untype("makei", "schema:Person"), "makei", "rdf:type"),
    ("PersonShape", "holds a non-post", add("makei", "org:holds", ":belarus"), "makei", "org:holds"),
    ("CountryShape", "not a named entity", untype("belarus", "dkg:NamedEntity"), "belarus", "rdf:type"),
    ("OrganizationShape", "not a named entity", untype("kabinet", "dkg:NamedEntity"), "kabinet", "rdf:type"),
    ("PlaceShape", "not a named entity", untype("minsk", "dkg:NamedEntity"), "minsk", "rdf:type"),
    ("NamedMeetingShape", "not a named entity", untype("rbz", "dkg:NamedEntity"), "rbz", "rdf:type"),
    ("MentionShape", "mentions nothing", drop("mention", "dkg:mentionOf"), "mention", "dkg:mentionOf"),
    ("MentionShape", "not a statement", untype("mention", "dkg:Statement"), "mention", "rdf:type"),
    ("PostShape", "no holder", "DELETE WHERE { ?p org:holds :post }", "post", "^org:holds"),
    ("PostShape", "no role", drop("post", "org:role"), "post", "org:role"),
    ("PostShape", "post in a literal", put("post", "org:postIn", '"Belarus"'), "post", "org:postIn"),
    ("PostShape", "first attested, never last", drop("post", "dkg:lastAttested"), "post", None),
    ("PostShape", "two ends", add("post", "dkg:endedBy", '"2021-04"^^xsd:gYearMonth') + " ; "
     + add("post", "dkg:endedBy", '"2021-05"^^xsd:gYearMonth'), "post", "dkg:endedBy"),
    ("PostShape", "attested as text", put("post", "dkg:firstAttested", '"maart 2021"'), "post", "dkg:firstAttested"),
    ("RoleShape", "no label", drop("minister", "skos:prefLabel"), "minister", "skos:prefLabel"),
    ("MotionShape", "identifier abc",
     put("motion", "dcterms:identifier", '"abc"'), "motion", "dcterms:identifier"),
    ("MotionShape", "identifier as printed", put("motion", "dcterms:identifier", '"21501-02 nr. 2234"'),
     "motion", "dcterms:identifier"),
    ("MotionShape", "submitter not a person",
     add("motion", "schema:creator", ":belarus"), "motion", "schema:creator"),
    ("MotionShape", "two dates", add("motion", "dcterms:dateSubmitted", '"2020"^^xsd:gYear'),
     "motion", "dcterms:dateSubmitted"),
    ("MotionShape", "no amended flag", drop("motion", "dkg:amended"), "motion", "dkg:amended"),
    ("EventShape", "unknown type",
     put("event", "sem:eventType", "dkg:event-PARTY"), "event", "sem:eventType"),
    ("EventShape", "no type", drop("event", "sem:eventType"), "event", "sem:eventType"),
    ("EventShape", "actor is text", add("event", "sem:hasActor", '"Rusland"'), "event", "sem:hasActor"),
    ("EventShape", "date-time stamp", put("event", "sem:hasTimeStamp", '"2020-01-01T10:00:00"^^xsd:dateTime'),
     "event", "sem:hasTimeStamp"),
    ("EventShape", "date without basis", drop("event", "dkg:dateBasis"), "event", None),
    ("EventShape", "basis without date", drop("event", "sem:hasTimeStamp"), "event", None),
    ("EventShape", "unknown basis", put("event", "dkg:dateBasis", "dkg:date-guessed"), "event", "dkg:dateBasis"),
    ("EventShape", "meeting not a meeting", add("event", "dkg:meeting", ":belarus"), "event", "dkg:meeting"),
    ("EventShape", "not a statement", untype("event", "dkg:Statement"), "event", "rdf:type"),
    ("PositionShape", "no holder", drop("position", "dkg:holder"), "position", "dkg:holder"),
    ("PositionShape", "two holders", add("position", "dkg:holder", ":belarus"), "position", "dkg:holder"),
    ("PositionShape", "unknown stance",
     put("position", "dkg:stance", "dkg:stance-LIKES"), "position", "dkg:stance"),
    ("PositionShape", "target without language",
     put("position", "dkg:target", '"x"'), "position", "dkg:target"),
    ("PositionShape", "date without basis", drop("position", "dkg:dateBasis"), "position", None),
    ("PositionShape", "two bases", add("position", "dkg:dateBasis", "dkg:date-own"), "position", "dkg:dateBasis"),
    ("MotionShape", "appraisal not an appraisal", put("tkmotion", "dkg:cabinetAppraisal", "dkg:stance-SUPPORTS"),
     "tkmotion", "dkg:cabinetAppraisal"),
    ("MotionShape", "spatial not a country", add("tkmotion", "dcterms:spatial", ":kabinet"),
     "tkmotion", "dcterms:spatial"),
    ("MotionSourceShape", "neither sentence nor record", drop("tkmotion", "prov:wasDerivedFrom"), "tkmotion", None),
    ("MotionSourceShape", "text motion not a statement", untype("motion", "dkg:Statement"), "motion", None),
    ("PositionShape", "vote on a party", add("votepos", "dkg:motion", ":vvd"), "votepos", "dkg:motion"),
    ("PositionSourceShape", "neither sentence nor record", drop("votepos", "prov:wasDerivedFrom"), "votepos", None),
    ("OpenDataRecordShape", "not an API URL", add("badrecord", "a", "dkg:OpenDataRecord"), "badrecord", None),
    ("VoteEventShape", "no record", drop("ve", "prov:wasDerivedFrom"), "ve", None),
    ("VoteEventShape", "result as text", put("ve", "opengov:result", '"aangenomen"'), "ve", "opengov:result"),
    ("VoteEventShape", "year only", put("ve", "<http://schema.org/startDate>", '"2025"^^xsd:gYear'),
     "ve", "schema:startDate"),
    ("CountShape", "value as text", put("yes", "rdf:value", '"83"'), "yes", "rdf:value"),
    ("CountShape", "neither yes nor no", untype("yes", "opengov:YesCount"), "yes", None),
    ("CountShape", "of no vote event", "DELETE DATA { :ve opengov:count :yes }", "yes", "^opengov:count"),
    # schema: spelt out in updates: rdflib's SPARQL update binds schema: to https://schema.org/
    ("VoteShape", "unknown option", put("vote", "<http://schema.org/option>", '"maybe"'), "vote", "schema:option"),
    ("VoteShape", "no voter", drop("vote", "<http://schema.org/agent>"), "vote", "schema:agent"),
    ("VoteShape", "weight as decimal", put("vote", "opengov:weight", "2.5"), "vote", "opengov:weight"),
    ("VoteShape", "no vote event", drop("vote", "opengov:voteEvent"), "vote", "opengov:voteEvent"),
    ("VoteShape", "no record", drop("vote", "prov:wasDerivedFrom"), "vote", None),
    ("MembershipShape", "no member", drop("attested", "org:member"), "attested", "org:member"),
    ("MembershipShape", "first vote without last", drop("attested", "dkg:lastAttested"), "attested", None),
    ("MembershipShape", "no source", drop("seat", "prov:wasDerivedFrom"), "seat", "prov:wasDerivedFrom"),
    ("MembershipShape", "party is a person", put("seat", "org:organization", ":member"), "seat", "org:organization"),
    ("IntervalShape", "no beginning", drop("term", "time:hasBeginning"), "term", "time:hasBeginning"),
    ("InstantShape", "date as text", put("begin", "time:inXSDDate", '"6 december 2023"'), "begin", "time:inXSDDate"),
    ("ConceptSchemeMemberShape", "no English label", 'DELETE DATA { :stance skos:prefLabel "hopes"@en }',
     "stance", "skos:prefLabel"),
    ("ConceptSchemeMemberShape", "no notation", drop("stance", "skos:notation"), "stance", "skos:notation"),
]
# A record named outside the API is a focus node of its own; VALID has none.
OUTSIDE = {"OpenDataRecordShape"}


def _graph(update: str | None = None) -> Graph:
    g = Graph().parse(data=VALID, format="turtle")
    if update:
        g.update(PREFIXES.replace("@prefix", "PREFIX").replace(" .\n", "\n") + update)
    return g


def test_valid_graph_is_accepted_by_every_shape() -> None:
    report = check(_graph(), SENTENCE)
    assert report.conforms, report.format()
    assert report.violations == [], report.format()


def test_every_targeted_shape_is_exercised() -> None:
    # Each shape with a target has both a focus node in VALID and at least one breaking case.
    sg, data = shapes_graph(), _graph()
    shapes = {str(s).rsplit("#", 1)[1]: s for s in sg.subjects(SH.targetClass, None)}
    assert set(shapes) == {c[0] for c in CASES}
    for name, shape in shapes.items():
        if name in OUTSIDE:
            assert any((s, RDF.type, c) in data for c in sg.objects(shape, SH.targetClass)
                       for s in data.subjects()), f"{name} has no focus node in VALID"
            continue
        classes = set(sg.objects(shape, SH.targetClass))
        assert any((None, RDF.type, c) in data for c in classes), f"{name} has no focus node in VALID"


@pytest.mark.parametrize(("shape", "why", "update", "focus", "path"), CASES,
                         ids=[f"{c[0]}-{c[1].replace(' ', '_')}" for c in CASES])
def test_shape_rejects(shape: str, why: str, update: str, focus: str, path: str | None) -> None:
    report = check(_graph(update), SENTENCE)
    assert not report.conforms, f"{shape} accepted a graph with {why}"
    hits = [v for v in report.violations if v.focus == X + focus and v.path == path]
    assert hits, f"expected a violation on :{focus} {path}, got:\n{report.format()}"
    assert all(v.message for v in hits)


def test_statement_violation_names_the_sentence() -> None:
    report = check(_graph("DELETE WHERE { :position dkg:holder ?h }"), SENTENCE)
    (v,) = [v for v in report.violations if v.path == "dkg:holder"]
    assert v.sentence == SENTENCE
    assert SENTENCE in report.format() and X + "position" in report.format()


def test_ontology_concepts_conform() -> None:
    # The event-type and stance schemes of the ontology itself pass ConceptSchemeMemberShape.
    event_type = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/EventType")
    concepts = set(ontology_graph().subjects(RDF.type, event_type))
    assert len(concepts) == 9
    report = check(ontology_graph())
    assert report.conforms, report.format()
