"""Set semantics and time in the model (issue #15, items 1 and 2).

Two halves: the corpus built with the shipped model (queries return no duplicate rows, every event
and position is dated, the README's time queries answer), and hand-made documents stored, replaced
and deleted through the Store and the Graph Store API (the actors graph keeps no stale description).
The store-level tests run on the embedded store and, when DIPLOKG_TEST_VIRTUOSO_URL is set, on Virtuoso.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from api_fixtures import TOKEN
from fastapi.testclient import TestClient
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from api.app import create_app
from pipeline.config import Settings, load_settings
from pipeline.extraction import DocumentMeta, Entity, Event, Extraction, Provenance, Role
from pipeline.iris import SPARQL_PREFIXES, actors_graph_iri, graph_iri
from pipeline.rdf import DKG, date_literal, to_graph
from pipeline.store.base import Store
from pipeline.store.oxigraph import OxigraphStore
from pipeline.validate import check
from tests.conftest import ROOT

CORPUS_BASE = "https://w3id.org/diplokg"
CABINET = f"{CORPUS_BASE}/id/organisation/dutch-cabinet"


def term_rows(store: Store, query: str) -> list[tuple]:
    """Rows as hashable tuples of whole terms (value, type, language, datatype): "x"@nl != "x"@en."""
    bindings = store.select(SPARQL_PREFIXES + query)["results"]["bindings"]
    return [tuple(sorted((k, tuple(sorted(v.items()))) for k, v in b.items())) for b in bindings]


def duplicates(rows: list[tuple]) -> list[tuple]:
    return [row for row, n in Counter(rows).items() if n > 1]


# --- the corpus ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(writable_store, tmp_path_factory) -> OxigraphStore:
    """A private copy of the corpus store (built once per session with the shipped model)."""
    path = tmp_path_factory.mktemp("sets") / "store"
    shutil.copytree(writable_store, path)
    store = OxigraphStore(path)
    yield store
    store.close()


# The WHERE clauses of the README's queries and the editor's examples, with every variable kept
# (SELECT *): a repeated row can only come from a repeated triple.
TYPICAL = {
    "every triple": "SELECT * WHERE { ?s ?p ?o }",
    "editor default": "SELECT * WHERE { ?actor a schema:Country ; skos:prefLabel ?label . "
                      'FILTER(LANG(?label) = "nl") }',
    "countries linked to Wikidata": "SELECT * WHERE { ?country a schema:Country ; skos:prefLabel ?label ; "
                                    'owl:sameAs ?wikidata . FILTER(LANG(?label) = "nl") }',
    "actors by type": "SELECT * WHERE { ?actor a dkg:NamedEntity, ?type }",
    "positions on Belarus": "SELECT * WHERE { ?p a dkg:Position ; dkg:holder/skos:prefLabel ?holder ; "
                            "dkg:stance/skos:notation ?stance ; dkg:target ?target ; "
                            f"dkg:targetActor <{CORPUS_BASE}/id/country/belarus> }}",
    "motions and submitters": "SELECT * WHERE { ?m a opengov:Motion ; dcterms:identifier ?id ; "
                              "schema:creator/skos:prefLabel ?name . OPTIONAL { ?m dcterms:dateSubmitted ?date } }",
    "who holds which post": "SELECT * WHERE { ?p org:holds ?x . ?x rdfs:label ?post . ?p rdfs:label ?person }",
    "Belarus": f"SELECT * WHERE {{ <{CORPUS_BASE}/id/country/belarus> ?p ?o }}",
}


@pytest.mark.parametrize("name", list(TYPICAL))
def test_typical_queries_return_no_duplicate_rows(corpus, name: str) -> None:
    rows = term_rows(corpus, TYPICAL[name])
    assert rows, f"{name}: no rows at all"
    assert duplicates(rows) == [], f"{name}: rows repeated"


def test_counts_need_no_distinct(corpus) -> None:
    plain = term_rows(corpus, "SELECT ?type (COUNT(?actor) AS ?n) WHERE { ?actor a dkg:NamedEntity, ?type } "
                              "GROUP BY ?type")
    distinct = term_rows(corpus, "SELECT ?type (COUNT(DISTINCT ?actor) AS ?n) WHERE { "
                                 "?actor a dkg:NamedEntity, ?type } GROUP BY ?type")
    assert len(plain) > 3 and sorted(plain) == sorted(distinct)


def test_actors_graph_is_reserved_and_holds_descriptions(corpus) -> None:
    actors = actors_graph_iri(CORPUS_BASE)
    assert actors in corpus.graphs()
    belarus = URIRef(f"{CORPUS_BASE}/id/country/belarus")
    # The description is in the actors graph only; document graphs hold the mentions.
    where = corpus.rows(SPARQL_PREFIXES
                        + f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{belarus}> skos:prefLabel ?l }} }}")
    assert [r["g"] for r in where] == [actors]


def test_rest_lists_each_item_once(corpus) -> None:
    settings = load_settings(base_iri=CORPUS_BASE, data_dir=corpus.path)
    motions = {r["m"] for r in corpus.rows(SPARQL_PREFIXES + "SELECT ?m WHERE { ?m a opengov:Motion }")}
    with TestClient(create_app(settings, corpus)) as client:
        items = client.get("/motions", params={"limit": 500}).json()["items"]
        assert len(items) == len({i["iri"] for i in items}) == len(motions) > 10
        for item in items:  # each submitter once, each with one label
            assert len(item["submitters"]) == len({s["iri"] for s in item["submitters"]})
        countries = client.get("/actors", params={"type": "country", "limit": 500}).json()["items"]
        assert len(countries) == len({c["iri"] for c in countries}) > 20
        props = client.get("/actors/country/armenia").json()["properties"]
    labels = props[str(SKOS.prefLabel)]
    assert {(t["value"], t["lang"]) for t in labels} == {("Armenië", "nl"), ("Armenia", "en")}
    assert len(labels) == 2
    for values in props.values():
        assert len(values) == len({tuple(sorted(v.items())) for v in values}), "a value repeated"


def test_every_event_and_position_is_dated_with_its_basis(corpus) -> None:
    for cls, prop in (("sem:Event", "sem:hasTimeStamp"), ("dkg:Position", "dcterms:date")):
        rows = corpus.rows(SPARQL_PREFIXES + f"SELECT ?x ?date ?basis WHERE {{ ?x a {cls} . "
                                             f"OPTIONAL {{ ?x {prop} ?date }} "
                                             "OPTIONAL { ?x dkg:dateBasis ?basis } }")
        assert len(rows) > 50
        assert [r for r in rows if r["date"] is None or r["basis"] is None] == []
        assert {r["basis"] for r in rows} <= {str(DKG["date-own"]), str(DKG["date-meeting"]), str(DKG["date-document"])}
    # A document date stands in only where the sentence gives none: it equals the letter's date.
    rows = corpus.rows(SPARQL_PREFIXES + "SELECT ?date ?docdate WHERE { ?x dkg:dateBasis dkg:date-document ; "
                                         "dcterms:date|sem:hasTimeStamp ?date ; prov:wasDerivedFrom ?doc . "
                                         "?doc a dkg:Document ; dcterms:date ?docdate }")
    assert rows and all(r["date"] == r["docdate"] for r in rows)


def test_events_link_the_meetings_their_sentence_names(corpus) -> None:
    rows = corpus.rows(SPARQL_PREFIXES + """PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?event ?meeting WHERE {
  ?event a sem:Event ; dkg:meeting ?meeting ; dkg:anchor ?anchor .
  ?anchor oa:start ?s ; oa:end ?e ; prov:wasQuotedFrom ?doc .
  ?meeting a schema:Event .
  # a mention of the meeting in the event's sentence (sentences can nest: a list item in its paragraph)
  FILTER EXISTS { ?mention dkg:mentionOf ?meeting ; dkg:anchor ?m . ?m oa:start ?ms ; oa:end ?me ;
                  prov:wasQuotedFrom ?doc . FILTER(?ms < ?e && ?s < ?me) }
}""")
    linked = corpus.rows(SPARQL_PREFIXES + "SELECT DISTINCT ?event WHERE { ?event dkg:meeting ?m }")
    assert len(linked) > 5
    assert {r["event"] for r in rows} == {r["event"] for r in linked}  # each link rests on a mention there


def test_posts_carry_the_dates_of_the_letters_that_attest_them(corpus) -> None:
    rows = corpus.rows(SPARQL_PREFIXES + """
SELECT ?post ?first ?last (MIN(STR(?d)) AS ?min) (MAX(STR(?d)) AS ?max) WHERE {
  ?post a org:Post ; dkg:firstAttested ?first ; dkg:lastAttested ?last ; prov:wasDerivedFrom ?doc .
  ?doc a dkg:Document ; dcterms:date ?d .
} GROUP BY ?post ?first ?last""")
    assert len(rows) > 20
    assert all((r["first"], r["last"]) == (r["min"], r["max"]) for r in rows)
    assert any(r["first"] < r["last"] for r in rows)  # some post is named by letters of several dates


def readme_sparql() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, flags=re.DOTALL)


def test_readme_time_queries(corpus) -> None:
    who, per_year = readme_sparql()
    rows = corpus.rows(who)
    assert rows and all(r["first"] <= "2021-03-01" <= r["last"] for r in rows)
    assert "Stef Blok" in {r["name"] for r in rows}
    rows = corpus.rows(per_year)
    assert rows and all(re.fullmatch(r"\d{4}", r["year"]) and int(r["positions"]) >= 1 for r in rows)
    assert {r["stance"] for r in rows} <= {"SUPPORTS", "OPPOSES", "CALLS_FOR", "CONDEMNS", "WELCOMES",
                                           "CONCERNED", "REGRETS"}
    assert len({r["year"] for r in rows}) >= 2


def test_stored_documents_pass_the_gate_with_their_descriptions(corpus) -> None:
    for g in corpus.graphs():
        if g.startswith(f"{CORPUS_BASE}/graph/") and not g.endswith(("/actors", "/ontology")):
            assert check(corpus.document_graph(g)).conforms, g


# --- replace and delete (the ``store`` fixture: tests/conftest.py) -------------------------------------


def letter(doc_id: str, date: str, sentence: str, entities: list[Entity], roles: list[Role] = (),
           events: list[Event] = ()) -> Extraction:
    ents = [Entity(e.key, e.name, e.type, e.aliases, e.wikidata, e.linked, e.labels,
                   [prov(doc_id, sentence)]) for e in entities]
    return Extraction(DocumentMeta(doc_id, f"Brief {doc_id}", date, "kamerbrief"), sentence, ents,
                      [Role(r.person, r.person_key, r.role, r.of, r.of_key, r.of_type, prov(doc_id, sentence))
                       for r in roles],
                      events=[Event(v.type, v.date, v.participants, v.participant_keys, None, None, v.summary,
                                    prov(doc_id, sentence)) for v in events])


def prov(doc_id: str, sentence: str) -> Provenance:
    return Provenance(doc_id, sentence, 0, len(sentence), "test@1", 0.9)


BELARUS = Entity("belarus", "Belarus", "COUNTRY", ["Wit-Rusland"], "Q184", True, {"nl": "Belarus", "en": "Belarus"})
MAKEI = Entity("makei", "Makei", "PERSON", ["Makei"])
OMTZIGT = Entity("omtzigt", "Omtzigt", "PERSON", ["Omtzigt"])
RBZ = Entity("raad-buitenlandse-zaken", "Raad Buitenlandse Zaken", "MEETING", ["RBZ"])
ROLE = Role("Makei", "PERSON:makei", "minister van Buitenlandse Zaken", "Belarus", "COUNTRY:belarus", "COUNTRY",
            None)  # type: ignore[arg-type]
S1 = "Minister Makei van Wit-Rusland sprak met de Raad Buitenlandse Zaken."
S2 = "Het lid Omtzigt vroeg naar Belarus en minister Makei."


def put(store: Store, base: str, x: Extraction) -> None:
    g = to_graph(x, base)
    assert check(g, x.text).conforms, check(g, x.text).format()
    store.replace_document(graph_iri(base, x.document.doc_id), g)


def about(store: Store, iri: str) -> list[tuple]:
    return term_rows(store, f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}")


def test_replace_and_delete_keep_the_actors_graph_exact(store) -> None:
    s, base = store
    belarus, makei, omtzigt = (f"{base}/id/country/belarus", f"{base}/id/person/makei", f"{base}/id/person/omtzigt")
    put(s, base, letter("een", "2020-10-12", S1, [BELARUS, MAKEI, RBZ], [ROLE],
                        [Event("MEETING", "2020-10-12", ["Makei"], ["PERSON:makei"], None, None, "sprak", None)]))
    put(s, base, letter("twee", "2021-03-01", S2, [BELARUS, MAKEI, OMTZIGT], [ROLE]))
    for iri in (belarus, makei, omtzigt):
        rows = about(s, iri)
        assert rows and duplicates(rows) == []
    # One post, attested by both letters.
    post = f"{base}/id/post/person-makei--minister-van-buitenlandse-zaken--country-belarus"
    dates = s.rows(f"SELECT ?f ?l WHERE {{ <{post}> <{DKG.firstAttested}> ?f ; <{DKG.lastAttested}> ?l }}")
    assert dates == [{"f": "2020-10-12", "l": "2021-03-01"}]
    # Each stored document still passes the gate with its descriptions put back.
    for doc in ("een", "twee"):
        assert check(s.document_graph(graph_iri(base, doc))).conforms

    s.drop_document(graph_iri(base, "twee"))
    assert about(s, omtzigt) == []  # only the deleted letter named him
    assert about(s, belarus) and about(s, makei)  # still named by the first letter
    dates = s.rows(f"SELECT ?f ?l WHERE {{ <{post}> <{DKG.firstAttested}> ?f ; <{DKG.lastAttested}> ?l }}")
    assert dates == [{"f": "2020-10-12", "l": "2020-10-12"}]

    # Replaced by a version that no longer names Belarus or Makei: their descriptions go too.
    put(s, base, letter("een", "2020-10-12", "Het lid Omtzigt sprak.", [OMTZIGT]))
    assert about(s, belarus) == [] and about(s, makei) == [] and about(s, post) == []
    assert about(s, omtzigt)
    assert set(s.graphs()) >= {actors_graph_iri(base), graph_iri(base, "een")}


def test_a_stale_alias_disappears_with_its_document(store) -> None:
    s, base = store
    belarus = f"{base}/id/country/belarus"
    other = Entity("belarus", "Belarus", "COUNTRY", ["Belarus", "Republiek Belarus"], "Q184", True,
                   {"nl": "Belarus", "en": "Belarus"})
    put(s, base, letter("een", "2020-10-12", S1, [BELARUS]))
    put(s, base, letter("twee", "2021-03-01", S2, [other]))
    alt = {r["o"] for r in s.rows(f"SELECT ?o WHERE {{ <{belarus}> <{SKOS.altLabel}> ?o }}")}
    assert {"Wit-Rusland", "Republiek Belarus"} <= alt
    s.drop_document(graph_iri(base, "twee"))
    alt = {r["o"] for r in s.rows(f"SELECT ?o WHERE {{ <{belarus}> <{SKOS.altLabel}> ?o }}")}
    assert "Republiek Belarus" not in alt and "Wit-Rusland" in alt


def test_a_stub_and_a_gazetteer_description_merge_into_one(store) -> None:
    """One letter knows the actor from the gazetteer, another only by a surname: one Dutch prefLabel,
    linked true, the surname kept as an alias."""
    s, base = store
    makei = f"{base}/id/person/makei"
    linked = Entity("makei", "Makei", "PERSON", ["Makei"], "Q1", True, {"nl": "Vladimir Makei"})
    put(s, base, letter("een", "2020-10-12", S1, [linked]))
    put(s, base, letter("twee", "2021-03-01", S2, [MAKEI]))
    rows = s.select(f"SELECT ?p ?o WHERE {{ <{makei}> ?p ?o }}")["results"]["bindings"]
    pref = [(b["o"]["value"], b["o"].get("xml:lang")) for b in rows if b["p"]["value"] == str(SKOS.prefLabel)]
    assert pref == [("Vladimir Makei", "nl")]
    # one value, true: Virtuoso stores xsd:boolean true as "1", Oxigraph as "true"
    assert [b["o"]["value"] for b in rows if b["p"]["value"] == str(DKG.linked)] in (["true"], ["1"])
    alt = {b["o"]["value"] for b in rows if b["p"]["value"] == str(SKOS.altLabel)}
    assert "Makei" in alt


def test_graph_store_writes_and_deletes_keep_set_semantics() -> None:
    base = "https://w3id.org/diplokg"
    store = OxigraphStore(None)
    settings = Settings(base_iri=base, update_token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/n-triples"}
    one = to_graph(letter("een", "2020-10-12", S1, [BELARUS, MAKEI]), base)
    two = to_graph(letter("twee", "2021-03-01", S2, [BELARUS, OMTZIGT]), base)
    with TestClient(create_app(settings, store)) as client:
        for doc, g in (("een", one), ("twee", two)):
            r = client.put("/graphs", params={"graph": graph_iri(base, doc)}, headers=auth,
                           content=g.serialize(format="nt"))
            assert r.status_code == 201, r.text
        rows = term_rows(store, "SELECT * WHERE { ?s ?p ?o }")
        assert duplicates(rows) == []
        assert len(about(store, f"{base}/id/country/belarus")) > 5
        assert client.delete("/graphs", params={"graph": graph_iri(base, "twee")}, headers=auth).status_code == 204
        assert about(store, f"{base}/id/person/omtzigt") == []
        assert about(store, f"{base}/id/country/belarus")
        r = client.put("/graphs", params={"graph": actors_graph_iri(base)}, headers=auth,
                       content=one.serialize(format="nt"))
        assert r.status_code == 403
    # What the API stored is the document it was sent, split: put back together, nothing is lost.
    # (Compared by lexical form: the store keeps xsd:nonNegativeInteger offsets as xsd:integer.)
    def lexical(g: Graph) -> set[tuple]:
        return {(s, p, str(o), getattr(o, "language", None)) for s, p, o in g}

    assert lexical(store.document_graph(graph_iri(base, "een"))) == lexical(one)


def test_contributions_are_bookkeeping_not_descriptions() -> None:
    """A document graph names what it contributed; it does not repeat the description itself."""
    base = "https://w3id.org/diplokg"
    store = OxigraphStore(None)
    put(store, base, letter("een", "2020-10-12", S1, [BELARUS]))
    own = store.get_graph(graph_iri(base, "een"))
    belarus = URIRef(f"{base}/id/country/belarus")
    assert list(own.triples((belarus, None, None))) == []
    node = own.value(predicate=DKG.describes, object=belarus)
    assert (node, RDF.type, DKG.Contribution) in own
    part = Graph().parse(data=str(own.value(node, DKG.ntriples)), format="nt")
    assert (belarus, SKOS.prefLabel, Literal("Belarus", lang="nl")) in part
    assert date_literal("2020-10-12") in set(own.objects(None, None))


def test_uploads_and_deletes_through_the_api_keep_set_semantics() -> None:
    """POST /documents (the rules pipeline) twice, then Graph Store DELETEs: each fact once throughout."""
    settings = load_settings(update_token=TOKEN, model_path="blank")
    base = settings.base_iri
    store = OxigraphStore(None)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    texts = {
        "brief_een.txt": "Den Haag, 3 maart 2021\n\nHet kabinet veroordeelt het geweld tegen demonstranten in "
                         "Wit-Rusland en steunt de oproep van de OVSE tot een dialoog.\n",
        "brief_twee.txt": "Den Haag, 9 april 2021\n\nHet kabinet maakt zich zorgen over de mensenrechtensituatie "
                          "in Wit-Rusland en steunt de OVSE.\n",
    }
    with TestClient(create_app(settings, store)) as client:
        graphs = []
        for name, text in texts.items():
            r = client.post("/documents", files={"file": (name, text.encode(), "text/plain")}, headers=auth)
            assert r.status_code == 201, r.text
            graphs.append(r.json()["graph"])
        assert duplicates(term_rows(store, "SELECT * WHERE { ?s ?p ?o }")) == []
        belarus = f"{base}/id/country/belarus"
        where = store.rows(SPARQL_PREFIXES + f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{belarus}> ?p ?o }} }}")
        assert [r["g"] for r in where] == [actors_graph_iri(base)]
        assert client.delete("/graphs", params={"graph": graphs[0]}, headers=auth).status_code == 204
        assert about(store, belarus)  # the second letter still names it
        assert client.delete("/graphs", params={"graph": graphs[1]}, headers=auth).status_code == 204
        assert about(store, belarus) == []
        assert store.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{actors_graph_iri(base)}> {{ ?s ?p ?o }} }}") \
            == [{"n": "0"}]


def test_merge_keeps_one_value_where_the_model_wants_one() -> None:
    from pipeline.store.shared import merge, parse_lines

    x = "<https://example.org/id/post/p>"
    xsd = "http://www.w3.org/2001/XMLSchema#"

    def part(*lines: str) -> list[tuple[str, str, str]]:
        return parse_lines("\n".join(f"{x} {line} ." for line in lines))

    merged = merge([
        part(f'<{DKG.firstAttested}> "2021"^^<{xsd}gYear>', f'<{DKG.lastAttested}> "2021"^^<{xsd}gYear>',
             f'<{DKG.confidence}> "0.85"^^<{xsd}decimal>', f'<{RDF.type}> <http://www.w3.org/ns/org#Post>',
             '<http://www.w3.org/2000/01/rdf-schema#label> "President (Frankrijk)"@nl'),
        part(f'<{DKG.firstAttested}> "2020-10"^^<{xsd}gYearMonth>',
             f'<{DKG.lastAttested}> "2020-10"^^<{xsd}gYearMonth>', f'<{DKG.confidence}> "0.9"^^<{xsd}decimal>',
             '<http://www.w3.org/2000/01/rdf-schema#label> "president (Frankrijk)"@nl'),
    ])
    by = {}
    for _, p, o in merged:
        by.setdefault(p, []).append(o)
    assert by[f"<{DKG.firstAttested}>"] == [f'"2020-10"^^<{xsd}gYearMonth>']  # as ISO text, not as numbers
    assert by[f"<{DKG.lastAttested}>"] == [f'"2021"^^<{xsd}gYear>']
    assert by[f"<{DKG.confidence}>"] == [f'"0.9"^^<{xsd}decimal>']
    assert len(by["<http://www.w3.org/2000/01/rdf-schema#label>"]) == 1  # a post has one label


def test_the_actors_graph_is_not_a_document() -> None:
    store = OxigraphStore(None)
    with pytest.raises(ValueError, match="actors graph"):
        store.replace_document(actors_graph_iri("https://w3id.org/diplokg"), Graph())
