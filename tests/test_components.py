"""The domain components on the rule-only pipeline (fast: no trained model needed).

Sentences are written for these tests in the genre of the corpus, not copied from it.
"""

from __future__ import annotations

import re

import pytest

from pipeline.nlp import build_nlp, make_doc


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("blank")


@pytest.fixture(scope="module")
def trained_nlp():
    """The shipped model under the pipeline: for what needs its tagger and parser."""
    from pipeline.config import DEFAULT_MODEL

    if not (DEFAULT_MODEL / "meta.json").exists():
        pytest.skip(f"no trained model at {DEFAULT_MODEL}")
    return build_nlp(DEFAULT_MODEL)


def run(nlp, text: str, date: str = "2021-03-15"):
    doc = make_doc(nlp, text, "testdoc", date, None)
    return nlp(doc)


def ents(doc):
    return {(e.text, e.label_, e.ent_id_) for e in doc.ents}


def test_gazetteer_actors_are_linked_with_one_id_for_aliases(nlp):
    doc = run(nlp, "Wit-Rusland en Belarus zijn één land. De OVSE heet in het Engels OSCE.")
    ids = {e.text: e.ent_id_ for e in doc.ents}
    assert ids["Wit-Rusland"] == ids["Belarus"] == "COUNTRY:belarus"
    assert ids["OVSE"] == ids["OSCE"]
    assert doc._.actors["COUNTRY:belarus"].wikidata == "Q184"


def test_titled_unknown_person_becomes_unlinked_person(nlp):
    doc = run(nlp, "De Moldavische president Zwiebelkopf sprak met de Raad.")
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert person.text == "Zwiebelkopf"
    info = doc._.actors[person.ent_id_]
    assert info.linked is False and info.wikidata is None and info.key == "zwiebelkopf"


def test_surname_mention_joins_full_name(nlp):
    doc = run(nlp, "Minister van Buitenlandse Zaken Gerrit van Dommelen opende. Daarna sprak Van Dommelen opnieuw.")
    person_ids = {e.ent_id_ for e in doc.ents if e.label_ == "PERSON"}
    assert len(person_ids) == 1


def test_roles_from_title_with_nationality_adjective(nlp):
    doc = run(nlp, "Het kabinet sprak met de Franse minister van Buitenlandse Zaken Dupontel over de crisis.")
    role = next(r for r in doc._.roles if r.person == "Dupontel")
    assert role.role == "minister van Buitenlandse Zaken"
    assert role.of_key == "COUNTRY:france"


def test_members_of_parliament_are_roles(nlp):
    doc = run(nlp, "De motie van de leden Jansen en Van der Berg vraagt om steun.")
    members = {r.person for r in doc._.roles if r.role == "lid"}
    assert members == {"Jansen", "Van der Berg"}
    assert all(r.of == "Tweede Kamer" for r in doc._.roles if r.role == "lid")


def test_co_chairs_listed_in_apposition(nlp):
    doc = run(nlp, "De OVSE Minsk Groep co-voorzitters (Frankrijk, Rusland en de VS) riepen op tot een bestand.")
    co_chairs = {r.person for r in doc._.roles if r.role == "co-voorzitter"}
    assert {"Frankrijk", "Rusland"} <= co_chairs


def test_post_resolves_to_holder_at_document_date(nlp):
    doc = run(nlp, "De Hoge Vertegenwoordiger gaf een toelichting.", date="2021-05-01")
    assert any(e.ent_id_ == "PERSON:borrell" for e in doc.ents)


@pytest.mark.parametrize(
    ("sentence", "holder", "stance"),
    [
        ("Het kabinet steunt het voorstel van de Commissie.", "kabinet", "SUPPORTS"),
        ("Nederland veroordeelt het geweld tegen demonstranten.", "Nederland", "CONDEMNS"),
        ("Het kabinet verwelkomt het bestand tussen de partijen.", "kabinet", "WELCOMES"),
        ("Het kabinet is teleurgesteld over de uitkomst.", "kabinet", "REGRETS"),
        ("Nederland heeft opgeroepen tot een onafhankelijk onderzoek.", "Nederland", "CALLS_FOR"),
        ("Het kabinet uit zorgen over de mensenrechtensituatie in Belarus.", "kabinet", "CONCERNED"),
        ("Het kabinet steunt dit voorstel niet.", "kabinet", "OPPOSES"),
        # the cue table of the annotation guidelines, and the singular 'zorg' of diplomatic prose
        ("Het kabinet is ingenomen met het akkoord tussen de partijen.", "kabinet", "WELCOMES"),
        ("Nederland is niet voornemens de ambassade in Damascus te heropenen.", "Nederland", "OPPOSES"),
        ("Nederland staat positief tegenover het voorstel van de Commissie.", "Nederland", "SUPPORTS"),
        ("Het kabinet heeft met grote zorg kennisgenomen van de vonnissen.", "kabinet", "CONCERNED"),
        ("De situatie in Rakhine baart het kabinet grote zorg.", "kabinet", "CONCERNED"),
        # common constructions of policy letters and answers
        ("Het kabinet blijft inzetten op een twee-statenoplossing.", "kabinet", "SUPPORTS"),
        ("Nederland zal zich inspannen om dit onderwerp op de agenda te plaatsen.", "Nederland", "SUPPORTS"),
        ("Het kabinet ziet geen aanleiding het standpunt te herzien.", "kabinet", "OPPOSES"),
        ("Het is goed dat de Commissie onderzoek heeft kunnen doen naar de misstanden.", "kabinet", "WELCOMES"),
    ],
)
def test_stances(nlp, sentence, holder, stance):
    doc = run(nlp, sentence)
    assert (holder, stance) in {(p.holder, p.stance) for p in doc._.positions}


def test_a_cue_in_what_a_meeting_talked_about_is_no_position(nlp):
    doc = run(nlp, "De Raad Buitenlandse Zaken sprak uitgebreid over de EU-Afrikarelatie, waarbij gesproken werd over "
                   "het aanhalen van de banden, inzetten op economische ontwikkeling en migratie.")
    assert "SUPPORTS" not in {p.stance for p in doc._.positions}


def test_taking_care_of_something_is_no_concern(nlp):
    doc = run(nlp, "Het kabinet draagt zorg voor de evacuatie van de Nederlanders in Soedan.")
    assert "CONCERNED" not in {p.stance for p in doc._.positions}


def test_reported_denial_is_not_a_position_of_the_cabinet(nlp):
    doc = run(nlp, "Turkije ontkent dat het de strijders steunt.")
    assert not [p for p in doc._.positions if p.holder == "kabinet"]
    assert not [p for p in doc._.positions if p.stance == "SUPPORTS"]


def test_position_target_keeps_entities(nlp):
    doc = run(nlp, "Het kabinet steunt de rol van de OVSE in Belarus.")
    pos = next(p for p in doc._.positions if p.stance == "SUPPORTS")
    assert "OVSE" in pos.target and {"OVSE", "Belarus"} <= set(pos.target_entities)


@pytest.mark.parametrize(
    ("sentence", "etype", "date"),
    [
        ("Op 27 september jl. zijn de vijandelijkheden tussen Armenië en Azerbeidzjan opnieuw uitgebroken.",
         "HOSTILITIES", "2020-09-27"),
        ("Op 10 november kwamen Armenië en Azerbeidzjan een staakt-het-vuren overeen.", "CEASEFIRE", "2020-11-10"),
        ("De minister telefoneerde op 3 november met zijn Armeense ambtsgenoot.", "CALL", "2020-11-03"),
    ],
)
def test_events(nlp, sentence, etype, date):
    doc = run(nlp, sentence, date="2020-11-20")
    assert (etype, date) in {(e.type, e.date) for e in doc._.events}


def test_a_call_for_de_escalation_reports_no_hostilities(nlp):
    doc = run(nlp, "Op 29 september jl. heeft de Europese Raad opgeroepen tot de-escalatie in Nagorno-Karabach.",
              date="2020-10-02")
    assert "HOSTILITIES" not in {e.type for e in doc._.events}


def test_event_participants_are_actors(nlp):
    doc = run(nlp, "Op 27 september jl. braken gevechten uit tussen Armenië en Azerbeidzjan.", date="2020-10")
    event = next(e for e in doc._.events if e.type == "HOSTILITIES")
    assert set(event.participants) == {"Armenië", "Azerbeidzjan"}


def test_provenance_points_into_the_text(nlp):
    text = "Inleiding\nHet kabinet steunt het voorstel van de Commissie."
    doc = run(nlp, text)
    prov = doc._.positions[0].provenance
    assert text[prov.start:prov.end] == "Het kabinet steunt het voorstel van de Commissie."
    assert prov.doc_id == "testdoc" and 0 < prov.confidence <= 1


def test_first_person_is_the_signatory(nlp):
    text = ("Ik zal het geweld tegen demonstranten scherp veroordelen.\n\n"
            "De Minister van Buitenlandse Zaken,\nJ.P. Vandermolen")
    doc = run(nlp, text)
    pos = next(p for p in doc._.positions if p.stance == "CONDEMNS")
    assert pos.holder == "Vandermolen" and pos.holder_key == "PERSON:vandermolen"


def test_nationality_adjectives_name_actors_in_events(nlp):
    doc = run(nlp, "De minister telefoneerde op 3 november met zijn Armeense en Azerbeidzjaanse ambtsgenoten.",
              date="2020-11-20")
    call = next(e for e in doc._.events if e.type == "CALL")
    assert {"COUNTRY:armenia", "COUNTRY:azerbaijan", "COUNTRY:netherlands"} <= set(call.participant_keys)
    # the services of a state act for it: 'gearresteerd door de Egyptische veiligheidsdiensten'
    doc = run(nlp, "Op 15 november werd de directeur gearresteerd door de Egyptische veiligheidsdiensten.",
              date="2020-11-20")
    assert any(e.type == "OTHER" and "COUNTRY:egypt" in e.participant_keys for e in doc._.events)


def test_one_meeting_named_in_a_heading_and_in_the_text(nlp):
    doc = run(nlp, "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 12 OKTOBER 2020\n\n"
                   "Tijdens de Raad Buitenlandse Zaken van 12 oktober a.s. spreekt de Raad over Belarus.",
              date="2020-10")
    meetings = {e.id_ for e in doc.ents if e.label_ == "MEETING"}
    assert meetings == {"MEETING:foreign-affairs-council-2020-10-12"}
    assert doc._.actors["MEETING:foreign-affairs-council-2020-10-12"].name == "Raad Buitenlandse Zaken 12 oktober 2020"


@pytest.mark.parametrize(("sentence", "person", "of"), [
    ("Hij schreef aan vicevoorzitter van de Commissie Margaritis Schinas over dit onderwerp.",
     "Margaritis Schinas", "Europese Commissie"),
    ("De president van Azerbeidzjan Aliyev sprak.", "Aliyev", "Azerbeidzjan"),
    ("Zij sprak met voorzitter van de Europese Commissie Von der Leyen.", "Von der Leyen", "Europese Commissie"),
])
def test_where_the_post_ends_and_the_name_begins(nlp, sentence, person, of):
    doc = run(nlp, sentence)
    assert person in {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert of in {r.of for r in doc._.roles}


@pytest.mark.parametrize(("sentence", "role", "of"), [
    ("Eurocommissaris Mimica benadrukte het belang van een krachtige inzet.", "Eurocommissaris", "Europese Commissie"),
    ("Eurocommissaris voor Internationale Partnerschappen Urpilainen lichtte het voorstel toe.",
     "Eurocommissaris voor Internationale Partnerschappen", "Europese Commissie"),
    ("De Commissaris van de Koning Van de Mens opende de tentoonstelling.", "Commissaris", None),  # any commissaris
])
def test_a_post_of_the_union_names_its_body_and_portfolio(nlp, sentence, role, of):
    assert (role, of) in {(r.role, r.of) for r in run(nlp, sentence)._.roles}


@pytest.mark.parametrize(("sentence", "person", "role", "of"), [
    ("Daarna kondigde premier Cameron een referendum aan.", "Cameron", "premier", "Verenigd Koninkrijk"),
    ("Saoedi-Arabië en president Hadi reageerden hier positief op.", "Hadi", "president", "Jemen"),
    ("Het kabinet sprak met Minister van Financiën Smotrich.", "Smotrich", "Minister van Financiën", "Israël"),
])
def test_a_bare_national_title_takes_the_country_of_a_known_foreign_leader(nlp, sentence, person, role, of):
    """The gazetteer lists heads of state and government, foreign ministers and other leaders of 2007-2025 with
    their nationality: a title without 'van <land>' before such a name is a post of that country."""
    assert (person, role, of) in {(r.person, r.role, r.of) for r in run(nlp, sentence, date="2016-02-01")._.roles}


@pytest.mark.parametrize("name", ["Libyan Political Dialogue Forum", "Counter Terrorism Committee",
                                  "Party of Action and Solidarity", "Informal Working Group on Cyber"])
def test_english_names_of_bodies_are_organisations(nlp, name):
    doc = run(nlp, f"Nederland werkt samen met de {name} aan dit onderwerp.")
    assert (name, "ORGANISATION") in {(e.text, e.label_) for e in doc.ents}
    assert doc._.actors[next(e.id_ for e in doc.ents if e.text == name)].linked is False


def test_undated_meeting_named_by_what_it_is_for(nlp):
    doc = run(nlp, "De minister nam deel aan de donorconferentie voor Afghanistan in Genève.")
    assert ("donorconferentie voor Afghanistan", "MEETING") in {(e.text, e.label_) for e in doc.ents}
    assert "COUNTRY:afghanistan" in {e.id_ for e in doc._.nested_mentions}


def test_initials_belong_to_the_name(nlp):
    doc = run(nlp, "De brief is getekend door S.A. Blok namens het kabinet.")
    assert "S.A. Blok" in {e.text for e in doc.ents if e.label_ == "PERSON"}


def test_sentences_end_only_where_a_sentence_can_end(trained_nlp):
    """The trained parser may split before a capitalised acronym; the boundaries it must respect prevent it."""
    nlp = trained_nlp
    text = ("Om de partijen tot een staakt-het-vuren te bewegen, acht het kabinet druk van belang. Het kabinet "
            "dringt aan op eensgezind EU optreden, zonder enig EU beleidsinstrument uit te sluiten.\nNieuw kopje")
    doc = nlp(make_doc(nlp, text, "t", "2020-10", None))
    assert [s.text.split()[0] for s in doc.sents if s.text.strip()] == ["Om", "Het", "Nieuw"]
    # A date abbreviation ends a sentence before a capitalised word that is no name.
    text = ("De Hoge Vertegenwoordiger besluit hierover tijdens de RBZ van 7 december a.s. Verschillende lidstaten "
            "riepen op tot een derde pakket sancties.")
    doc = nlp(make_doc(nlp, text, "t", "2020-11", None))
    assert [s.text.split()[0] for s in doc.sents] == ["De", "Verschillende"]
    # Nor does the parser split a long list item before a lower-case word, or after 'jl.' before one.
    text = ("de brief van de Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking d.d. 6 maart 2015 met de "
            "geannoteerde agenda informele Raad Buitenlandse Zaken inzake Ontwikkelingssamenwerking op 12 maart 2015 "
            "(Kamerstuk 21 501-04, nr. 169);\nSinds de start van de protesten in september jl. heb ik meermaals "
            "gesproken met leden van de Iraanse gemeenschap.")
    doc = nlp(make_doc(nlp, text, "t", "2015-04", None))
    assert [s.text.split()[0] for s in doc.sents if s.text.strip()] == ["de", "Sinds"]
    # An acronym's token holds the full stop after it ('VN.'): before a capitalised word the sentence ends;
    # initials ('S.A. Blok') have stops inside and end none.
    text = ("Hij steunt de bemiddeling van Egypte, Qatar en de VN. Hongarije sloot zich niet bij de verklaring aan. "
            "Minister S.A. Blok nam deel.")
    doc = nlp(make_doc(nlp, text, "t", "2021-05-20", None))
    assert [s.text.split()[0] for s in doc.sents] == ["Hij", "Hongarije", "Minister"]
    # Nor before a number after a word that ends no sentence: the date in a meeting's name is part of it.
    text = ("de brief van de minister van Defensie d.d. 12 mei 2025 inzake geannoteerde agenda Raad Buitenlandse "
            "Zaken Defensie 20 mei 2025 (Kamerstuk 21501-28, nr. 283);")
    doc = nlp(make_doc(nlp, text, "t", "2025-06", None))
    assert len([s for s in doc.sents if s.text.strip(" ;")]) == 1
    # Nor a number after an abbreviation: a Kamerstuk's number is one line ('Nr. 2287').
    text = "21 501-20 Europese Raad\n\nNr. 2287\n\nMOTIE VAN DE LEDEN BOSWIJK C.S."
    doc = nlp(make_doc(nlp, text, "t", "2025-09", None))
    assert "Nr. 2287" in [s.text.strip() for s in doc.sents]


def test_parliamentary_document_numbers_are_documents(nlp):
    doc = run(nlp, "Zie het verslag van de Raad (2021Z18469) en de antwoorden (2020D43526).")
    assert {("2021Z18469", "DOCUMENT"), ("2020D43526", "DOCUMENT")} <= {(e.text, e.label_) for e in doc.ents}


def test_standing_committee_is_one_organisation(nlp):
    doc = run(nlp, "De vaste commissie voor Buitenlandse Zaken vroeg erom; de vaste Kamercommissie Buitenlandse Zaken "
                   "kreeg antwoord.")
    ids = {e.id_ for e in doc.ents if e.label_ == "ORGANISATION"}
    assert ids == {"ORGANISATION:vaste-commissie-buitenlandse-zaken"}


def test_statements_in_the_plural_are_events(nlp):
    doc = run(nlp, "Op 27 september brachten Frankrijk en Rusland verklaringen uit.", date="2020-10")
    assert ("STATEMENT", "2020-09-27") in {(e.type, e.date) for e in doc._.events}


def test_submitters_of_a_motion_are_persons(nlp):
    doc = run(nlp, "Conform de reactie op de motie Stoffer/Verhoeven en de motie-Eppink handelt het kabinet.")
    persons = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert {"Stoffer", "Verhoeven", "Eppink"} <= persons
    # Two motions named only by their submitters, one after the other (this used to raise KeyError).
    assert [m.submitters for m in doc._.motions] == [["Stoffer", "Verhoeven"], ["Eppink"]]


def test_a_submitter_after_a_slash_may_start_with_a_lower_case_particle(nlp):
    doc = run(nlp, "Deze brief gaat in op de uitvoering van de motie Knops/ten Broeke (Kamerstuk 29 653, nr. 22).")
    assert {"Knops", "ten Broeke"} <= {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert [m.submitters for m in doc._.motions] == [["Knops", "Ten Broeke"]]
    # a motion a letter names bare gives its submitters no post (as the corpus gold has it) ...
    assert not doc._.roles
    # ... a motion's own text gives those of a motion it names one
    doc = run(nlp, "23 432 De situatie in het Midden-Oosten\n\nNr. 405 MOTIE VAN HET LID VOORDEWIND C.S.\n\n"
                   "Voorgesteld 20 mei 2015\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\noverwegende dat Nederland "
                   "conform de aangenomen motie-Voordewind/Van der Staaij handelt;\n\nverzoekt de regering de druk "
                   "op te voeren,\n\nen gaat over tot de orde van de dag.\n\nVoordewind\n\nBisschop")
    assert ("Van der Staaij", "lid", "Tweede Kamer") in {(r.person, r.role, r.of) for r in doc._.roles}


def test_members_asking_parliamentary_questions_are_persons(nlp):
    doc = run(nlp, "Beantwoording Kamervragen Van Haga (Van Haga) en Baudet (FvD) over het conflict.")
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert persons == ["Van Haga", "Baudet"]  # the party in brackets is not a second person


def test_acronym_and_long_name_are_one_actor(nlp):
    doc = run(nlp, "De Human Dimension Implementation Meeting (HDIM) ging niet door. Ook dit jaar is er geen HDIM.")
    ids = {e.id_ for e in doc.ents if e.text in ("Human Dimension Implementation Meeting", "HDIM")}
    assert len(ids) == 1 and len([e for e in doc.ents if e.id_ in ids]) == 3


def test_acronym_of_a_gazetteer_actor_links_the_long_name(nlp):
    doc = run(nlp, "De OVSE Special Monitoring Mission in Oekraïne (SMM) rapporteert dagelijks.")
    assert {e.id_ for e in doc.ents if "SMM" in e.text or "Mission" in e.text} == {"ORGANISATION:osce-smm"}


@pytest.mark.parametrize(("text", "body", "acronym"), [
    ("De Ministeriële Raad van de Organisatie voor Veiligheid en Samenwerking in Europa (OVSE) vond plaats in "
     "Wenen.", "Ministeriële Raad van de Organisatie voor Veiligheid en Samenwerking in Europa", "OVSE"),
    ("De Steering Board van het Europees Defensie Agentschap (EDA) kwam bijeen.",
     "Steering Board van het Europees Defensie Agentschap", "EDA"),
])
def test_an_acronym_abbreviates_the_body_its_initials_spell_not_a_body_of_it(nlp, text, body, acronym):
    doc = run(nlp, text)
    ids = {e.text: e.id_ for e in doc.ents}
    assert ids[acronym] != ids.get(body)  # the council of the OVSE is not the OVSE
    assert [e.label_ for e in doc.ents if e.text == acronym] == ["ORGANISATION"]


def test_a_body_of_an_organisation_is_found_with_the_organisation_written_out(nlp):
    doc = run(nlp, "De Parlementaire Assemblee van de Organisatie voor Veiligheid en Samenwerking in Europa (OVSE) "
                   "hield haar jaarlijkse zitting in Astana.")
    assert {"ORGANISATION:osce-pa", "ORGANISATION:osce"} <= {e.id_ for e in doc.ents}


def test_an_acronym_of_a_name_whose_first_word_is_part_of_it_names_all_of_it(nlp):
    doc = run(nlp, "Het Verdrag Conventionele Strijdkrachten in Europa (CSE) wordt niet uitgevoerd. Het CSE is oud.")
    ids = {e.id_ for e in doc.ents if e.text in ("Verdrag Conventionele Strijdkrachten in Europa", "CSE")}
    assert len(ids) == 1 and len([e for e in doc.ents if e.id_ in ids]) == 3


def test_body_named_inside_a_longer_name_is_mentioned(nlp):
    doc = run(nlp, "Het rapport van de Parlementaire Assemblee van de Raad van Europa verscheen in juni.")
    assert "ORGANISATION:pace" in {e.id_ for e in doc.ents}
    assert "ORGANISATION:council-of-europe" in {s.id_ for s in doc._.nested_mentions}
    # ... but not the States General in parliament's formal name
    doc = run(nlp, "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal.")
    assert "ORGANISATION:staten-generaal" not in {s.id_ for s in doc._.nested_mentions or []}
    # ... nor the first half of a coordinated name: the Council before 2009 is not the Raad Algemene Zaken
    doc = run(nlp, "De Raad Algemene Zaken en Externe Betrekkingen komt op 16 maart bijeen.", "2009-03-10")
    assert "ORGANISATION:gaerc" in {e.id_ for e in doc.ents}
    assert not {s.id_ for s in doc._.nested_mentions or []} & {"ORGANISATION:general-affairs-council"}


def test_treaties_are_documents_from_the_gazetteer(nlp):
    doc = run(nlp, "Rusland trekt zich terug uit het Open Skies verdrag en weigert het Weens Document te moderniseren.")
    assert {("Open Skies verdrag", "DOCUMENT:open-skies-treaty"), ("Weens Document", "DOCUMENT:vienna-document")} \
        <= {(e.text, e.id_) for e in doc.ents}


def test_a_call_to_stop_fighting_is_a_dated_statement_not_fighting(nlp):
    doc = run(nlp, "De Europese Raad riep op 1 oktober jl. op tot directe stopzetting van de vijandelijkheden.",
              date="2020-10")
    assert {(e.type, e.date) for e in doc._.events} == {("STATEMENT", "2020-10-01")}
    # undated, the same words state a position, not an event
    doc = run(nlp, "De Europese Raad roept op tot directe stopzetting van de vijandelijkheden.", date="2020-10")
    assert not doc._.events and doc._.positions


def test_this_meeting_takes_parties_and_date_from_the_sentence_before(nlp):
    doc = run(nlp, "Nederland heeft zich hard gemaakt voor een spoeddebat in de VN-Mensenrechtenraad. "
                   "Dit spoeddebat zal op 18 september a.s. plaatsvinden.", date="2020-09-10")
    meeting = next(e for e in doc._.events if e.date == "2020-09-18")
    assert {"COUNTRY:netherlands", "ORGANISATION:un-human-rights-council"} <= set(meeting.participant_keys)
    doc = run(nlp, "De ministers spraken elkaar op 11 november jl. in Parijs. Deze recente ontmoeting werd "
                   "gefaciliteerd door de OVSE Minsk Groep.", date="2021-11-20")
    assert ("MEETING", "2021-11-11") in {(e.type, e.date) for e in doc._.events if "OVSE Minsk Groep" in e.participants}


def test_the_country_holding_an_election_takes_part_in_it(nlp):
    doc = run(nlp, "ODIHR zag af van een waarnemingsmissie bij de Russische landelijke Doemaverkiezingen op 19 "
                   "september.", date="2021-11")
    election = next(e for e in doc._.events if e.type == "ELECTION")
    assert election.participant_keys[0] == "COUNTRY:russia" and election.place == "Rusland"


def test_the_signatory_takes_part_in_what_ik_does(nlp):
    text = ("Op 18 september zal ik zelf via videoboodschap een nationale verklaring uitspreken.\n\n"
            "De Minister van Buitenlandse Zaken,\nS.A. Vandermolen")
    doc = run(nlp, text, date="2020-09-10")
    statement = next(e for e in doc._.events if e.type == "STATEMENT")
    assert "S.A. Vandermolen" in statement.participants


def test_a_misspelt_surname_of_a_known_person_is_that_person(nlp):
    doc = run(nlp, "Hoge Vertegenwoordiger Borrel gaf aan met alle actoren te spreken.")
    assert "PERSON:borrell" in {e.id_ for e in doc.ents}
    # two edits apart is another name
    from pipeline.components.linker import _one_edit_apart

    assert _one_edit_apart("borrel", "borrell") and not _one_edit_apart("borrel", "barrell")


@pytest.mark.parametrize(("text", "date"), [
    ("De Raad sprak met de voorzitter van het Europees Parlement, Martin Schulz.", "2016-03-20"),  # not Olaf Scholz
    ("Minister Klaver sprak met de Oekraïense ambassadeur.", "2022-02-28"),  # Klever became minister in 2024
])
def test_a_near_name_that_cannot_be_the_known_person_is_not_linked_to_them(nlp, text, date):
    assert not {e.id_ for e in run(nlp, text, date=date).ents} & {"PERSON:scholz", "PERSON:klever"}


def test_seas_of_naval_missions_and_the_west_bank_are_places(nlp):
    doc = run(nlp, "Schepen worden aangevallen in de Rode Zee en de Golf van Aden, en op de Westbank neemt geweld toe.")
    assert {("Rode Zee", "PLACE"), ("Golf van Aden", "PLACE"), ("Westbank", "PLACE")} <= {
        (e.text, e.label_) for e in doc.ents}


def test_armed_forces_and_the_eurogroup_are_organisations(nlp):
    doc = run(nlp, "De Koninklijke Marine levert een fregat; de Eurogroep sprak over de begroting.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Koninklijke Marine", "ORGANISATION"), ("Eurogroep", "ORGANISATION")} <= found


def test_names_beside_a_known_place_are_places(trained_nlp):
    """With the trained tagger: it calls these unfamiliar names nouns."""
    nlp = trained_nlp
    doc = nlp(make_doc(nlp, "Het mandaat van de waarnemingsmissie bij de grensovergangen Gukovo en Donetsk is "
                            "niet verlengd. Er waren beschietingen in de Vardenis regio.", "t", "2021-11", None))
    assert {("Gukovo", "PLACE"), ("Vardenis", "PLACE")} <= {(e.text, e.label_) for e in doc.ents}
    text = ("Den Haag, 5 april 2022\n\nRusland trekt zich terug rond Kyiv en Tsjernihiv. Er zijn luchtaanvallen in "
            "de regio's Sagaing en Kayin. Vluchtelingen verblijven in Cox's Bazar en op het eiland Bhasan Char. "
            "Zij ontmoetten elkaar in het Turkse Antalya. Nederland werkt in EU-verband samen.")
    found = {(e.text, e.label_) for e in nlp(make_doc(nlp, text, "t", "2022-04", None)).ents}
    assert {(name, "PLACE") for name in ("Tsjernihiv", "Sagaing", "Kayin", "Cox's Bazar", "Bhasan Char", "Antalya")} \
        <= found
    assert ("Den Haag", "PLACE") not in found  # where the letter was signed
    assert not any(name == "EU-verband" for name, _ in found)


def test_meeting_of_a_body_named_in_a_compound_and_not_the_addressee(nlp):
    doc = run(nlp, "Hierbij informeren wij uw Kamer over de buitengewone NAVO-top die op 24 maart jl. in Brussel "
                   "plaatsvond.", date="2022-04")
    meeting = next(e for e in doc._.events if e.type == "MEETING")
    assert meeting.participant_keys[0] == "ORGANISATION:nato"
    assert "ORGANISATION:tweede-kamer" not in meeting.participant_keys


def test_sanctions_imposed_are_one_event(nlp):
    doc = run(nlp, "De Verenigde Staten hebben op 5 januari jl. sancties tegen Rusland ingesteld.", date="2022-03")
    assert [e.type for e in doc._.events] == ["SANCTION"]


def test_a_dated_demand_is_a_statement(nlp):
    doc = run(nlp, "Op 5 maart jl. eiste Rusland garanties van de Verenigde Staten.", date="2022-03-11")
    assert ("STATEMENT", "2022-03-05") in {(e.type, e.date) for e in doc._.events}


def test_a_nationality_adjective_is_no_name(nlp):
    doc = run(nlp, "De gezant van ASEAN, de Cambodjaanse minister van Buitenlandse Zaken Prak Sokhonn, reisde af.")
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} == {"Prak Sokhonn"}


def test_named_instruments_and_compound_meetings(nlp):
    doc = run(nlp, "De regeringsleiders namen de Verklaring van Versailles aan. Rutte was bij de buitengewone NAVO-top "
                   "en de Russische Doema stemde in.", date="2022-04")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Verklaring van Versailles", "DOCUMENT") in found
    # (the blank pipeline has no tagger to add the adjective 'buitengewone' to the meeting's name)
    assert any(label == "MEETING" and text.endswith("NAVO-top") for text, label in found)
    assert any(label == "ORGANISATION" and text.endswith("Doema") for text, label in found)
    assert "ORGANISATION:nato" in {s.id_ for s in doc._.nested_mentions}


def test_instruments_with_english_titles_are_documents(nlp):
    doc = run(nlp, "De bondgenoten namen de Brussels Summit Declaration aan en herbevestigden de Defence Investment "
                   "Pledge. De EU Global Strategy on Foreign and Security Policy volgde.", date="2018-07")
    found = {(e.text, e.label_) for e in doc.ents}
    for title in ("Brussels Summit Declaration", "Defence Investment Pledge",
                  "EU Global Strategy on Foreign and Security Policy"):
        assert (title, "DOCUMENT") in found


def test_a_signatory_with_a_two_letter_initial_is_one_person(nlp):
    doc = run(nlp, "Hierbij informeer ik u.\n\nDe Minister van Defensie,\nA.Th.B. Bijleveld-Schouten", date="2018-07")
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} >= {"A.Th.B. Bijleveld-Schouten"}
    assert "A.Th" not in {e.text for e in doc.ents}


def test_standing_national_instruments_are_documents(nlp):
    doc = run(nlp, "Conform artikel 100 van de Grondwet en het Toetsingskader 2014 is het verzoek getoetst. Het "
                   "Presidium handelt volgens het Reglement van Orde.", date="2021-04")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Grondwet", "DOCUMENT"), ("Toetsingskader 2014", "DOCUMENT"), ("Reglement van Orde", "DOCUMENT")} <= found


def test_every_council_formation_is_known_and_dated_its_meeting(nlp):
    doc = run(nlp, "De Razeb van 16 en 17 november 2009 besprak Afghanistan. De JBZ-Raad sprak over migratie en de "
                   "Landbouw- en Visserijraad over visquota.", date="2009-12")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Razeb van 16 en 17 november 2009", "MEETING"), ("JBZ-Raad", "ORGANISATION"),
            ("Landbouw- en Visserijraad", "ORGANISATION")} <= found


def test_group_subjects_and_plural_pronouns_hold_positions(trained_nlp):
    """With the trained parser: who 'zij' are, and a subject that names no actor."""
    nlp = trained_nlp
    text = ("President Zelensky sprak de top toe.\n\n"
            "De bondgenoten veroordelen de Russische invasie. Zij roepen China op zich te onthouden van steun.\n\n"
            "In hun verklaring veroordelen de staatshoofden en regeringsleiders de Russische aanval op Oekraïne.")
    doc = nlp(make_doc(nlp, text, "t", "2022-04", None))
    held = {(p.holder, p.stance, p.sentence.split()[0]) for p in doc._.positions}
    assert {("NAVO-bondgenoten", "CONDEMNS", "De"), ("NAVO-bondgenoten", "CALLS_FOR", "Zij")} <= held
    assert not any(holder == "Zelensky" for holder, _, _ in held)


def test_a_present_call_is_a_position_not_a_dated_event(nlp):
    doc = run(nlp, "Het kabinet roept Servië, waar op 3 april a.s. verkiezingen plaatsvinden, op zich aan te sluiten "
                   "bij de sancties.", date="2022-03")
    assert "STATEMENT" not in {e.type for e in doc._.events}
    doc = run(nlp, "De autoriteiten van Mali hebben de verkiezingen, die voor 27 februari waren voorzien, uitgesteld.",
              date="2022-03")
    assert [e.type for e in doc._.events] == ["ELECTION"]  # postponed: one event, not an election and another


@pytest.mark.parametrize(("sentence", "person", "of"), [
    ("Zij spraken met de Turkse minister van Buitenlandse Zaken Çavuşoğlu.", "Çavuşoğlu", "Turkije"),
    ("Hij belde met de Bengaalse minister van Buitenlandse Zaken Momen.", "Momen", "Bangladesh"),
])
def test_names_beyond_latin_1_and_more_adjectives(nlp, sentence, person, of):
    doc = run(nlp, sentence)
    assert (person, of) in {(r.person, r.of) for r in doc._.roles}


@pytest.mark.parametrize(("sentence", "holder"), [
    ("In lijn met de motie van het lid Ploumen heeft het kabinet gepleit voor waarneming.", "kabinet"),
    ("Zoals eerder met uw Kamer gedeeld, steunt Nederland een vijfde pakket.", "Nederland"),
    ("Betrokkenheid van de AU is essentieel voor de vrede, aldus Hoge Vertegenwoordiger Borrell.", "Borrell"),
    # a council named with its date is a meeting; it speaks as the council
    ("Mede dankzij Nederlandse inzet heeft de Europese Raad op 1 oktober jl. opgeroepen tot de-escalatie.",
     "Europese Raad"),
])
def test_who_holds_the_position(nlp, sentence, holder):
    doc = run(nlp, sentence)
    assert {p.holder for p in doc._.positions} == {holder}


def test_a_name_modifying_a_noun_holds_no_stance(trained_nlp):
    """With the trained tagger: 'Taiwan' in 'Het Taiwan vraagstuk' modifies the subject; the call is the letter's."""
    doc = trained_nlp(make_doc(trained_nlp, "Het Taiwan vraagstuk moet op vreedzame wijze tussen betrokken partijen "
                                            "worden opgelost.", "t", "2023-09-27", None))
    assert {(p.holder, p.stance) for p in doc._.positions} == {("kabinet", "CALLS_FOR")}


@pytest.mark.parametrize(("sentence", "role"), [
    ("Juan Guaidó, leider van het Libyan National Army, sprak.", ("Juan Guaidó", "leider", "Libisch Nationaal Leger")),
    ("VN-gezant Ghassan Salamé leidt de gesprekken.", ("Ghassan Salamé", "VN-gezant", "Verenigde Naties")),
    ("De Palestijnse president Abbas stelde de verkiezingen uit.", ("Abbas", "president", "Palestijnse Autoriteit")),
])
def test_posts_in_apposition_compounds_and_of_the_palestinian_authority(nlp, sentence, role):
    doc = run(nlp, sentence)
    person, title, of = role
    assert (person.split()[-1], title, of) in {(r.person, r.role, r.of) for r in doc._.roles}


def test_the_head_of_a_body_is_no_name(nlp):
    doc = run(nlp, "Juan Guaidó is voorzitter van de Nationale Vergadering en oppositieleider.")
    assert "Vergadering" not in {e.text for e in doc.ents if e.label_ == "PERSON"}


def test_places_named_by_what_they_are_and_acronyms_that_do_not_swallow_a_place(nlp):
    doc = run(nlp, "Op 20 januari vindt in Brussel de Raad Buitenlandse Zaken (RBZ) plaats. EUNAVFOR MED Sophia "
                   "stopte en de VN-missie UNITAMS bleef.")
    found = {(e.text, e.id_) for e in doc.ents}
    assert {("Brussel", "PLACE"), ("Raad Buitenlandse Zaken", "ORGANISATION")} <= {(e.text, e.label_) for e in doc.ents}
    assert ("EUNAVFOR MED Sophia", "ORGANISATION:eunavfor-med-sophia") in found
    assert ("UNITAMS", "ORGANISATION:unitams") in found


def test_event_dates_calls_for_ceasefires_and_the_reported_meeting(nlp):
    doc = run(nlp, "De Palestijnse president Abbas stelde op 29 april jl. de parlementsverkiezingen, die voor 22 mei "
                   "waren voorzien, voor onbepaalde tijd uit.", date="2021-05-28")
    assert ("ELECTION", "2021-05-22") in {(e.type, e.date) for e in doc._.events}
    doc = run(nlp, "Op 8 januari jl. riepen Turkije en Rusland op tot een staakt-het-vuren.", date="2020-01-15")
    assert "CEASEFIRE" not in {e.type for e in doc._.events}
    doc = run(nlp, "Den Haag, 28 mei 2021\n\nHierbij bied ik u het verslag aan van de videoconferentie van de Raad "
                   "Buitenlandse Zaken van 18 mei jl.\n\nHongarije legde een verklaring af.", date="2021-05-28")
    assert ("STATEMENT", "2021-05-18") in {(e.type, e.date) for e in doc._.events}


def test_unattributed_concern_is_the_cabinets_and_received_support_is_no_position(nlp):
    text = ("De humanitaire situatie in de Gazastrook is zeer zorgelijk.\n\n"
            "De Minister van Buitenlandse Zaken,\nA.B. Jansen")
    doc = run(nlp, text)
    assert {(p.holder, p.stance) for p in doc._.positions} == {("kabinet", "CONCERNED")}
    doc = run(nlp, "Het LNA wordt gesteund door Egypte. De GNA ontvangt steun van Turkije. Met steun van Qatar kwam er "
                   "een bestand.")
    # the ones supported hold no position; the agent of 'gesteund door' does, as in the corpus gold ('eveneens
    # gesteund door Nederland': Nederland SUPPORTS)
    assert [(p.holder, p.stance) for p in doc._.positions if p.stance == "SUPPORTS"] == [("Egypte", "SUPPORTS")]


@pytest.mark.parametrize(("sentence", "etype"), [
    ("Eerder, in juli, was er een confrontatie tussen Armenië en Azerbeidzjan.", "HOSTILITIES"),
    ("De nieuwe ontmoetingen van Servië en Kosovo zijn uitgesteld.", "OTHER"),
    ("Rusland kondigt de terugtrekking uit het verdrag aan.", "STATEMENT"),
    ("Rusland ontkent iedere betrokkenheid bij de aanslag.", "STATEMENT"),
    ("Israël stelt dat Hamas in de toren was gehuisvest.", "STATEMENT"),
    ("Op 3 januari werd generaal Soleimani gedood bij een drone-aanval van de Verenigde Staten.", "HOSTILITIES"),
    ("Soedan verklaarde op 8 juni VN-gezant Perthes tot persona non grata.", "OTHER"),
    ("Nederland stelt 3 miljoen euro extra beschikbaar voor UNRWA.", "OTHER"),
    ("Op 12 januari is het staakt-het-vuren in Libië ingegaan.", "CEASEFIRE"),
])
def test_claims_denials_killings_expulsions_and_aid_are_events(nlp, sentence, etype):
    doc = run(nlp, sentence, date="2020-06-20")
    assert etype in {e.type for e in doc._.events}


def test_calls_visits_and_events_that_did_not_happen(nlp):
    doc = run(nlp, "Ik heb op 26 mei jl. telefonisch gesproken met minister Al-Malki.", date="2021-05-28")
    assert [e.type for e in doc._.events] == ["CALL"]
    doc = run(nlp, "De VN-Veiligheidsraad kon op 16 mei geen gezamenlijke verklaring aannemen.", date="2021-05-28")
    assert "STATEMENT" not in {e.type for e in doc._.events}
    doc = run(nlp, "Op 14 juni werd de gouverneur van West-Darfur, Khamis Abakar, gedood.", date="2023-06-20")
    assert "Khamis Abakar" in {e.text for e in doc.ents if e.label_ == "PERSON"}


def test_a_name_with_a_post_in_apposition_is_a_person(trained_nlp):
    """With the trained tagger (proper nouns)."""
    nlp = trained_nlp
    doc = nlp(make_doc(nlp, "Volgens Mariam Okonjo, minister van Buitenlandse Zaken van Nigeria, is de situatie "
                            "ernstig.", "t", "2022-04", None))
    assert ("Mariam Okonjo", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_events_lemmatise_as_spacy_does_from_a_set_index(trained_nlp) -> None:
    """diplokg_events looks verbs up in a copy of the lemmatizer with its lemma index as sets (spaCy's lists
    cost most of the component's time): the same lemmas, and the pipeline's own tables stay saveable."""
    doc = trained_nlp("De Minister bombardeerde niets, maar Rusland heeft Kyiv beschoten en kondigde nieuwe "
                      "aanvallen aan; de lidstaten verklaarden dat zij sancties oplegden.")
    own = trained_nlp.get_pipe("lemmatizer")
    fast = trained_nlp.get_pipe("diplokg_events")._lemmatizer
    assert fast is not own
    for token in doc:
        assert fast.rule_lemmatize(token) == own.rule_lemmatize(token), token.text
    assert isinstance(own.lookups.get_table("lemma_index")["verb"], list)
    assert own.lookups.to_bytes()  # msgpack cannot write sets


def test_a_particle_the_parse_hung_elsewhere_still_belongs_to_its_verb() -> None:
    """'vuurde Iran raketten af' parsed with 'af' under 'raketten': the verb is still 'afvuren'."""
    import spacy
    from spacy.tokens import Doc as SpacyDoc

    from pipeline.components.triggers import sentence_verbs as _verbs

    vocab = spacy.blank("nl").vocab

    words = ["Op", "8", "januari", "vuurde", "Iran", "raketten", "af", "op", "de", "bases", "."]
    pos = ["ADP", "NUM", "PROPN", "VERB", "PROPN", "NOUN", "ADP", "ADP", "DET", "NOUN", "PUNCT"]
    heads = [1, 5, 1, 4, 5, 5, 5, 9, 9, 5, 5]
    deps = ["case", "obl", "flat", "amod", "nmod", "ROOT", "compound:prt", "case", "det", "obl", "punct"]
    doc = SpacyDoc(vocab, words=words, pos=pos, heads=heads, deps=deps, sent_starts=[True] + [False] * 10)
    assert [(t.text, particle) for t, _, particle in _verbs(doc[:], lambda t: t.lower_)] == [("vuurde", "af")]
    # a particle after a later verb is that verb's
    doc = SpacyDoc(vocab, words=["zei", "dat", "hij", "riep", "op", "."],
                   pos=["VERB", "SCONJ", "PRON", "VERB", "ADP", "PUNCT"], heads=[0, 3, 3, 0, 2, 0],
                   deps=["ROOT", "mark", "nsubj", "ccomp", "compound:prt", "punct"], sent_starts=[True] + [False] * 5)
    found = [(t.text, particle) for t, _, particle in _verbs(doc[:], lambda t: t.lower_)]
    assert found == [("zei", ""), ("riep", "op")]


def test_numpy_gemm_replaces_only_thincs_default_ops() -> None:
    """A GPU's or a platform's ops (thinc-apple-ops subclasses NumpyOps) are kept; only blis is swapped."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    from pipeline.nlp import use_numpy_gemm

    class PlatformOps(NumpyOps):
        name = "platform"

    before = get_current_ops()
    try:
        platform = PlatformOps()
        set_current_ops(platform)
        use_numpy_gemm()
        assert get_current_ops() is platform
        set_current_ops(NumpyOps(use_blis=True))
        use_numpy_gemm()
        assert type(get_current_ops()) is NumpyOps and get_current_ops().use_blis is False
    finally:
        set_current_ops(before)


def test_a_patterns_matches_are_found_once_per_doc() -> None:
    """The actor rules and the roles share the titled persons' scan (extensions.matches)."""
    import re

    from pipeline import extensions

    nlp = build_nlp("blank")
    doc = make_doc(nlp, "Minister Blok sprak met minister Lavrov.", "x", "2021-01-01", None)
    pattern = re.compile(r"[Mm]inister (?P<name>\w+)")
    found = extensions.matches(doc, pattern)
    assert [m.group("name") for m in found] == ["Blok", "Lavrov"]
    assert extensions.matches(doc, re.compile(pattern.pattern)) is found


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_an_alternation_grouped_by_first_letter_matches_as_the_flat_one(flags):
    from pipeline.patterns import alternation

    words = ["minister", "Minister-President", "minister-president", "van", "Van der", "van der", "Vice-premier",
             "vicepremier", "staatssecretaris", "speciaal gezant", "speciaal vertegenwoordiger", "ss"]
    flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    text = ("De Minister-President en de minister-president, Van der Ploeg en van der Meer, de vice-premier "
            "Vicepremier, staatssecretaris, speciaal gezant en speciaal vertegenwoordiger van de minister; ss.")
    grouped = [m.span() for m in re.finditer(alternation(words), text, flags)]
    assert grouped == [m.span() for m in re.finditer(flat, text, flags)]
    assert text[slice(*grouped[0])] == "Minister-President"  # the longest word first, as in the flat one
