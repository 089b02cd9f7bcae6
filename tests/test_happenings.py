"""One event per gathering: meetings named side by side, beside a host, or with a guest are each their own
MEETING; mentions of one gathering are one event (issue #13, GUIDELINES 'side meetings').

Made-up sentences in the style of real Council agendas and reports, run through the shipped pipeline.
"""

from __future__ import annotations

import pytest

from pipeline.components.happenings import one_per_happening
from pipeline.extraction import Event, Provenance
from pipeline.nlp import build_nlp, make_doc
from tests.conftest import MODEL


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL / "meta.json").exists():
        pytest.skip("the trained model is not here")
    return build_nlp(MODEL)


def _meetings(nlp, text: str, date: str = "2021-03-20") -> list[Event]:
    doc = nlp(make_doc(nlp, text, "x", date, None))
    return [e for e in doc._.events if e.type == "MEETING"]


def test_gatherings_named_side_by_side_are_one_event_each(nlp) -> None:
    events = _meetings(nlp, "Hierbij bied ik u de geannoteerde agenda aan van de Europese Raad en de Eurotop van 25 en "
                            "26 maart 2021.\n\nOp donderdag 25 en vrijdag 26 maart 2021 vinden een Europese Raad (ER) "
                            "en een Eurotop plaats in Brussel.\n\nDe ER zal spreken over de vaccins.")
    on_the_day = [e for e in events if e.date == "2021-03-25"]
    assert sorted(e.meeting for e in on_the_day) == ["Europese Raad", "Eurotop"]


def test_a_gathering_beside_its_host_is_its_own_event_without_the_host(nlp) -> None:
    events = _meetings(nlp, "Op 12 november vindt de Raad Buitenlandse Zaken plaats in Brussel.\n\nEn marge van de "
                            "RBZ op 12 november komt de bestuursraad van het Europees Defensieagentschap (EDA) bijeen.",
                       "2020-11-05")
    assert len([e for e in events if e.date == "2020-11-12"]) == 2
    side = next(e for e in events if e.meeting)
    assert "Europees Defensieagentschap" in side.participants and "Raad Buitenlandse Zaken" not in side.participants


def test_a_body_that_convenes_beside_the_council_is_found_by_the_rules_alone() -> None:
    """'komt ... bijeen' with a long name between: the rules find it, whatever the classifier says."""
    if not (MODEL / "meta.json").exists():
        pytest.skip("the trained model is not here")
    rules = build_nlp(MODEL, components="rules")
    text = ("GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 12 NOVEMBER 2019\n\nEn marge van de RBZ komt de Steering "
            "Board van het Europees Defensie Agentschap (EDA) bijeen.")
    events = rules(make_doc(rules, text, "x", "2019-11-05", None))._.events
    assert any(e.type == "MEETING" and e.date == "2019-11-12" and e.meeting for e in events)


def test_clauses_a_semicolon_separates_report_their_meetings_apart(nlp) -> None:
    """A committee report lists the letters it discussed in one sentence, each letter about another meeting."""
    text = ("De vaste commissie voor Defensie heeft op 15 november 2018 overleg gevoerd met de Minister van Defensie, "
            "over: de brief van de Minister van Defensie d.d. 9 november 2018 inzake de geannoteerde agenda van de "
            "Raad Buitenlandse Zaken van 19 en 20 november 2018 te Brussel; de brief van de Minister van Defensie d.d. "
            "18 oktober 2018 inzake het verslag van de bijeenkomst van de NAVO-ministers van Defensie op 3 en 4 "
            "oktober 2018 te Brussel;")
    dates = {e.date for e in _meetings(nlp, text, "2019-01-03")}
    assert {"2018-11-19", "2018-10-03"} <= dates


def test_a_session_with_a_named_guest_is_its_own_event(nlp) -> None:
    events = _meetings(nlp, "Op 12 november vond de Raad Buitenlandse Zaken plaats in Brussel.\n\nDe Raad begon op 12 "
                            "november met een lunch met de secretaris-generaal van de NAVO, Jens Stoltenberg.",
                       "2020-11-20")
    assert len([e for e in events if e.date == "2020-11-12"]) == 2
    assert any(e.meeting and e.meeting.startswith("lunch met") for e in events)


def test_the_dossier_title_names_no_gathering(nlp) -> None:
    """'21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken' heads every letter of its dossier."""
    events = _meetings(nlp, "21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken Nr. 2827 BRIEF VAN DE MINISTER "
                            "Op 2 februari vond de Raad plaats in Brussel.", "2024-02-08")
    assert len(events) <= 1 and all(e.meeting is None for e in events)


def _event(meeting: str | None, participants: list[str]) -> Event:
    keys = [f"ORGANISATION:{p.lower()}" for p in participants]
    return Event("MEETING", "2021-03-25", list(participants), keys, None, None, "", Provenance("x", "s", 0, 1, "t"),
                 meeting)


def test_merging_keeps_differently_named_gatherings_apart() -> None:
    summit, council = _event("Eurotop", ["Europese Raad"]), _event("Europese Raad", ["Europese Raad"])
    later = _event(None, ["Europese Raad"])  # 'De ER sprak over ...': the council, named among its participants
    kept = one_per_happening([summit, council, later])
    assert [e.meeting for e in kept] == ["Eurotop", "Europese Raad"]
    side = _event("En marge van de RBZ", ["RBZ", "Kaag"])  # shares the body RBZ, yet is another gathering
    assert len(one_per_happening([_event(None, ["RBZ"]), side])) == 2


def test_an_ongoing_war_named_twice_without_a_date_is_one_event(nlp) -> None:
    """'Op de agenda stond de Russische agressie tegen Oekraïne. De ER sprak over de voortdurende Russische
    agressieoorlog tegen Oekraïne.': one war between the same countries, one HOSTILITIES event; fighting between
    other countries stays an event of its own."""
    doc = nlp(make_doc(nlp, "Op de agenda stonden als voornaamste onderwerpen de Russische agressie tegen Oekraïne en "
                            "migratie. De ER sprak over de nog altijd voortdurende Russische agressieoorlog tegen "
                            "Oekraïne. De ER sprak ook over de gevechten tussen Armenië en Azerbeidzjan.",
                       "x", "2025-10-24", None))
    wars = [set(e.participants) for e in doc._.events if e.type == "HOSTILITIES"]
    assert sum({"Rusland", "Oekraïne"} <= war for war in wars) == 1
    assert sum("Armenië" in war for war in wars) == 1
