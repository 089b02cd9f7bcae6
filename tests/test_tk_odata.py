"""Tweede Kamer open data in: recorded OData pages -> records -> graph -> store.

The recording is tests/fixtures/tk_odata (real pages, see its README): six foreign-affairs motions
whose decisions the records tie to them, one of them voted by roll call, and one decision on an
agenda item of two motions, which the records do not tie to either.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import Store as OxStore

from pipeline.config import load_settings
from pipeline.gazetteer import default_gazetteer
from pipeline.iris import SPARQL_PREFIXES
from pipeline.metadata import InputError
from pipeline.sources.tk_odata import read_recording, record_iri
from pipeline.store import open_store
from pipeline.tk_graph import TkMapper, map_recording
from pipeline.tk_ingest import ingest
from pipeline.validate import check
from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "tk_odata"
BASE = "https://w3id.org/diplokg"
ID = f"{BASE}/id"
SETTLEMENTS = "0ca359c8-a26b-43ad-9913-205e9e024128"  # 21501-02-3065, adopted 83-67
REARM = "2592e21e-a244-4079-b925-32ad9a61666f"  # 21501-20-2207, roll call (100 of 150 votes recorded)
TWO_MOTIONS = "75a83a1c-7340-45a1-a197-88fd44318707"  # agenda item of 21501-02-3079 and -3080


@pytest.fixture(scope="module")
def recording():
    return read_recording([FIXTURE])


@pytest.fixture(scope="module")
def mapped(recording):
    return map_recording(recording, BASE, default_gazetteer())


@pytest.fixture(scope="module")
def union(mapped):
    """Every mapped graph in one rdflib graph, for queries across them."""
    from rdflib import Graph

    g = Graph()
    for part in mapped.graphs.values():
        g += part
    return g


def rows(g, query: str) -> list[tuple]:
    return [tuple(str(x) if x is not None else None for x in r) for r in g.query(SPARQL_PREFIXES + query)]


# --- reading ------------------------------------------------------------------------------------------

def test_every_page_shape_is_read_and_expansions_are_flattened(recording) -> None:
    # OData responses (votes), bare lists (persons, parties) and single entities (a Zaak with its documents)
    assert recording.files == 17 and recording.skipped == []
    assert len(recording.of("Stemming")) == 185 and len(recording.of("Besluit")) == 7
    assert len(recording.of("Zaak")) == 8 and len(recording.of("Fractie")) == 16
    # Stemming -> Besluit -> Agendapunt -> Zaak, each a record of its own, linked
    besluit = recording.get("Besluit", SETTLEMENTS)
    (zaak,) = recording.linked("Agendapunt", besluit["Agendapunt_Id"], "Zaak")
    assert zaak["Kabinetsappreciatie"] == "Niet beschikbaar bij gewijzigde moties en/of amendementen"
    assert "Besluit" not in recording.get("Stemming", next(iter(recording.of("Stemming"))))
    assert record_iri("Zaak", zaak["Id"]) == f"https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Zaak({zaak['Id']})"


def test_the_latest_copy_of_a_record_wins_and_deleted_ones_go(tmp_path: Path) -> None:
    old = {"Id": "f-1", "Afkorting": "OUD", "NaamNL": "Oud", "AantalZetels": 1,
           "ApiGewijzigdOp": "2024-01-01T00:00:00Z"}
    new = {**old, "Afkorting": "NIEUW", "ApiGewijzigdOp": "2025-01-01T00:00:00Z"}
    gone = {**old, "Id": "f-2", "Verwijderd": True}
    (tmp_path / "b.json").write_text(json.dumps([old]), encoding="utf-8")  # read after a.json
    (tmp_path / "a.json").write_text(json.dumps({"@odata.context": ".../$metadata#Fractie", "value": [new, gone]}),
                                     encoding="utf-8")
    (tmp_path / "summary.json").write_text(json.dumps({"motion_count": 3}), encoding="utf-8")
    rec = read_recording([tmp_path])
    assert rec.get("Fractie", "f-1")["Afkorting"] == "NIEUW"
    assert rec.get("Fractie", "f-2") is None
    assert [p.name for p in rec.skipped] == ["summary.json"]


def test_bad_json_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "page.json").write_text('{"value": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"page\.json: malformed JSON at line 1"):
        read_recording([tmp_path])
    proc = run_cli("ingest-tk", str(tmp_path), "--data-dir", str(tmp_path / "store"), check=False)
    assert proc.returncode == 1 and "page.json" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("ingest-tk", str(tmp_path / "nothing"), "--data-dir", str(tmp_path / "store"), check=False)
    message = " ".join(proc.stderr.split())  # rich wraps long lines
    assert proc.returncode == 1 and "nothing: no such file or folder" in message and "Traceback" not in message


# --- mapping ------------------------------------------------------------------------------------------

def test_every_graph_passes_the_gate(mapped) -> None:
    assert set(mapped.graphs) == {"tk-leden", "tk-2025-02", "tk-2025-03", "tk-2025-05", "tk-2025-07"}
    for doc_id, graph in mapped.graphs.items():
        report = check(graph)
        assert report.conforms, f"{doc_id}:\n{report.format()}"
    assert (mapped.motions, mapped.decisions, mapped.on_motion) == (8, 7, 6)


def test_graphs_come_one_at_a_time_and_each_is_the_graph_built_alone(recording, mapped) -> None:
    """ingest-tk holds one graph at a time: the mapper keeps nothing of a graph it gave, and what a
    graph holds does not depend on the graphs built before it (each describes its own actors)."""
    mapper = TkMapper(recording, BASE, default_gazetteer())
    order = []
    for doc_id, graph in mapper.graphs():
        assert mapper.open == {} and mapper.described == {}
        assert set(graph) == set(mapped.graphs[doc_id])
        order.append(doc_id)
    assert order == sorted(mapped.graphs)
    for doc_id in order:
        alone = TkMapper(recording, BASE, default_gazetteer())
        ((_, graph),) = alone.graphs({doc_id: alone.plan()[doc_id]})
        assert set(graph) == set(mapped.graphs[doc_id]), doc_id


def test_a_decision_is_on_a_motion_only_where_the_records_say_which(union) -> None:
    found = dict(rows(union, "SELECT ?ve ?m WHERE { ?ve a opengov:VoteEvent OPTIONAL { ?ve opengov:motion ?m } }"))
    assert found[f"{ID}/vote-event/tk-{SETTLEMENTS}"] == f"{ID}/motion/21501-02-3065"
    assert found[f"{ID}/vote-event/tk-{TWO_MOTIONS}"] is None  # two motions on its agenda item
    assert len(found) == 7
    # no positions from the unattributed decision: a vote is a position only on a known motion
    assert rows(union, f"""SELECT ?p WHERE {{ ?p dkg:motion ?m ; prov:wasDerivedFrom ?v .
        ?v opengov:voteEvent <{ID}/vote-event/tk-{TWO_MOTIONS}> }}""") == []


def test_party_votes_totals_and_positions(union) -> None:
    ve = f"<{ID}/vote-event/tk-{SETTLEMENTS}>"
    totals = dict(rows(union, f"SELECT ?c ?n WHERE {{ {ve} opengov:count ?x . ?x a ?c ; rdf:value ?n "
                              "FILTER(?c != opengov:Count) }"))
    assert totals == {"http://www.w3.org/ns/opengov#YesCount": "83", "http://www.w3.org/ns/opengov#NoCount": "67"}
    assert rows(union, f"SELECT ?r WHERE {{ {ve} opengov:result ?r }}") == [("http://www.w3.org/ns/opengov#Pass",)]
    stances = dict(rows(union, f"""SELECT ?holder ?stance WHERE {{
        ?p dkg:motion <{ID}/motion/21501-02-3065> ; dkg:holder ?holder ; dkg:stance ?stance ;
           prov:wasDerivedFrom ?record . ?record a dkg:OpenDataRecord }}"""))
    assert stances[f"{ID}/organisation/vvd"].endswith("stance-SUPPORTS")
    assert stances[f"{ID}/organisation/pvv"].endswith("stance-OPPOSES")
    assert len(stances) == 15  # every party present voted for or against
    # the seats a party's vote weighs are its size that day
    assert rows(union, f"""SELECT ?w WHERE {{ ?v opengov:voteEvent {ve} ; schema:agent <{ID}/organisation/vvd> ;
        opengov:weight ?w }}""") == [("24",)]


def test_a_roll_call_with_votes_missing_from_the_records_gets_no_totals(union) -> None:
    ve = f"<{ID}/vote-event/tk-{REARM}>"
    assert rows(union, f"SELECT ?c WHERE {{ {ve} opengov:count ?c }}") == []
    votes = rows(union, f"SELECT ?who ?group WHERE {{ ?v opengov:voteEvent {ve} ; schema:agent ?who ; "
                        "opengov:politicalGroup ?group }")
    assert len(votes) == 100 and all("/id/person/" in who and "/id/organisation/" in grp for who, grp in votes)


def test_one_person_iri_for_submitter_voter_and_member(union) -> None:
    eerdmans = f"{ID}/person/eerdmans"
    assert rows(union, f"SELECT ?who WHERE {{ <{ID}/motion/21501-20-2207> schema:creator ?who }}") == [(eerdmans,)]
    assert rows(union, f"SELECT ?o WHERE {{ ?v opengov:voteEvent <{ID}/vote-event/tk-{REARM}> ; "
                       f"schema:agent <{eerdmans}> ; schema:option ?o }}") == [("yes",)]
    (row,) = rows(union, f"""SELECT ?party ?first ?id ?seeAlso WHERE {{
        ?m a org:Membership ; org:member <{eerdmans}> ; org:organization ?party ; dkg:firstAttested ?first .
        <{eerdmans}> dcterms:identifier ?id ; rdfs:seeAlso ?seeAlso }}""")
    assert row[0] == f"{ID}/organisation/ja21" and row[1] == "2025-03-12"
    assert row[3] == record_iri("Persoon", row[2])


def test_cabinet_appraisal_countries_and_submitters_of_a_motion(union) -> None:
    (row,) = rows(union, f"""SELECT ?appraisal ?country ?subject WHERE {{ <{ID}/motion/21501-20-2194>
        dkg:cabinetAppraisal ?appraisal ; dcterms:spatial ?country ; dcterms:subject ?subject }}""")
    assert row[0].endswith("appraisal-ONTRADEN") and row[1] == f"{ID}/country/ukraine"
    assert row[2] == "een geïntegreerde luchtverdedigingszone in het westen van Oekraïne"
    creators = {r[0] for r in rows(union, f"SELECT ?c WHERE {{ <{ID}/motion/21501-20-2194> schema:creator ?c }}")}
    assert creators == {f"{ID}/person/dassen", f"{ID}/person/jetten"}
    # a vote on it is a position on Ukraine too
    assert rows(union, f"SELECT DISTINCT ?c WHERE {{ ?p dkg:motion <{ID}/motion/21501-20-2194> ; "
                       "dkg:targetActor ?c }") == [(f"{ID}/country/ukraine",)]


# --- into the store: one IRI whether the motion comes from the records, its own text or a letter ------

LETTER = ("Tweede Kamer der Staten-Generaal\n\nUitvoering motie\n\n"
          "Met deze brief informeer ik uw Kamer over de uitvoering van de motie van het lid Eerdmans over "
          "Nederland niet laten deelnemen aan ReArm Europe (Kamerstuk 21 501-20, nr. 2207). Het kabinet heeft "
          "in de Europese Raad gemeld dat Nederland niet deelneemt aan de gezamenlijke leningen.\n")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """The motion 36725-XVII-52's own publication and a letter citing 21501-20-2207, built with the rule
    pipeline; then the recording ingested into the same store."""
    import shutil

    from pipeline.run import build_files

    docs = tmp_path_factory.mktemp("docs")
    shutil.copy(Path(__file__).parent / "fixtures" / "kamerstuk_xml" / "059e2bff-2906-468c-88a7-f26e0c9e1866.xml",
                docs / "motie-36725-XVII-52.xml")
    (docs / "brief-rearm.txt").write_text(LETTER, encoding="utf-8")
    (docs / "brief-rearm.txt.meta.json").write_text(json.dumps({"title": "Uitvoering motie Eerdmans",
                                                                "date": "2025-06-02", "kind": "brief"}))
    data_dir = tmp_path_factory.mktemp("store")
    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        built = build_files(sorted(docs.glob("*.[tx][xm][tl]")), store, settings, "blank")
        assert built.refused == {} and len(built.stored) == 2
        result = ingest([FIXTURE], store, settings)
        assert result.refused == {} and len(result.stored) == 5
    return data_dir


def query(store_dir: Path, q: str) -> list[tuple]:
    store = OxStore.read_only(str(store_dir))
    return [tuple(t.value if t is not None else None for t in r)
            for r in store.query(SPARQL_PREFIXES + q, use_default_graph_as_union=True)]


def test_the_motion_from_its_text_and_from_the_records_is_one_node(store_dir: Path) -> None:
    motion = f"<{ID}/motion/36725-xvii-52>"
    assert query(store_dir, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m dcterms:identifier \"36725-XVII-52\" }") \
        == [("1",)]
    (row,) = query(store_dir, f"""SELECT ?doc ?result ?date WHERE {{
        {motion} dkg:anchor/prov:wasQuotedFrom ?doc ; dcterms:dateSubmitted ?date .
        ?ve opengov:motion {motion} ; opengov:result ?result }}""")
    assert row[0].endswith("/document/motie-36725-xvii-52") and row[1].endswith("#Pass") and row[2] == "2025-07-03"
    # The record names the first submitter ("Hirsch c.s."), the text all six: one person for Hirsch.
    who = {r[0].rsplit("/", 1)[1] for r in query(store_dir, f"SELECT ?w WHERE {{ {motion} schema:creator ?w }}")}
    assert who == {"hirsch", "bamenga", "ceder", "dassen", "dobbe", "stoffer"}
    assert query(store_dir, f"SELECT ?id WHERE {{ <{ID}/person/hirsch> dcterms:identifier ?id }}") != []


def test_a_letter_citing_a_motion_and_a_member_meets_the_records(store_dir: Path) -> None:
    motion = f"<{ID}/motion/21501-20-2207>"
    facts = query(store_dir, f"""SELECT ?date ?vote WHERE {{ {motion} dkg:execution ?x ;
        dkg:anchor/prov:wasQuotedFrom/dcterms:date ?date . ?ve opengov:motion {motion} ; schema:startDate ?vote }}""")
    assert facts == [("2025-06-02", "2025-03-12")]
    people = query(store_dir, f"SELECT ?who WHERE {{ {motion} schema:creator ?who }}")
    assert people == [(f"{ID}/person/eerdmans",)]  # the letter's name and the record's member: one IRI
    # stored once: the party's description lives in the actors graph only, however many graphs use it
    graphs = query(store_dir, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{ID}/organisation/ja21> rdfs:label ?l }} }}")
    assert graphs == [(f"{BASE}/graph/actors",)]


def test_ingest_again_skips_unchanged_graphs_and_the_store_validates(store_dir: Path) -> None:
    proc = run_cli("ingest-tk", str(FIXTURE), "--data-dir", str(store_dir))
    assert "stored 0 graph(s), unchanged 5" in proc.stdout
    proc = run_cli("validate", "--data-dir", str(store_dir))
    assert "7 of 7 document graph(s) conform" in proc.stdout
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    from pipeline.dataset import describe
    from pipeline.store.oxigraph import OxigraphStore

    described = describe(OxigraphStore(store_dir, read_only=True), BASE, "http://127.0.0.1/sparql")
    sources = set(described.objects(None, DCTERMS.source))
    assert URIRef("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0") in sources and len(sources) == 3


def test_the_term_command_asks_the_analyst_questions(store_dir: Path) -> None:
    proc = run_cli("term", "reported", "--data-dir", str(store_dir), "--format", "csv")
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("motion,number,voted,letter") and len(lines) == 2 and ",21501-20-2207," in lines[1]
    proc = run_cli("term", "motions", "--country", "country/ukraine", "--data-dir", str(store_dir), "-f", "csv")
    assert {line.split(",")[1] for line in proc.stdout.splitlines()[1:]} == {"21501-02-3080", "21501-20-2194",
                                                                              "28676-483"}
    proc = run_cli("term", "gossip", "--data-dir", str(store_dir), check=False)
    assert proc.returncode == 1 and "votes-per-party" in proc.stderr and "Traceback" not in proc.stderr


def test_inserts_are_split_to_what_virtuoso_compiles() -> None:
    from pipeline.store.shared import insert_lines

    lines = [f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(2500)]
    ops = insert_lines("urn:g", lines)
    assert len(ops) == 3 and sum(op.count("\n<urn:s") for op in ops) == 2500
