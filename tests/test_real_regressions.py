"""Errors analysts saw in graphs built from real letters (issue #13), kept from coming back.

Made-up sentences in the style of real Kamerbrieven, run through the shipped pipeline.
"""

from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp, make_doc
from tests.conftest import MODEL


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL / "meta.json").exists():
        pytest.skip("the trained model is not here")
    return build_nlp(MODEL)


def _doc(nlp, text: str, date: str = "2021-04-20"):
    return nlp(make_doc(nlp, text, "x", date, None))


@pytest.mark.parametrize(("text", "stance"), [
    ("Nederland steunt Duitsland in zijn pleidooi voor nieuwe sancties tegen Belarus.", "SUPPORTS"),
    ("Het kabinet steunt het voorstel van Duitsland niet.", "OPPOSES"),
    ("Het kabinet steunt niet langer de lijn van de Commissie.", "OPPOSES"),
])
def test_negation_decides_support_or_opposition(nlp, text, stance) -> None:
    assert [p.stance for p in _doc(nlp, text)._.positions] == [stance]


def test_targets_are_phrases_not_fragments(nlp) -> None:
    doc = _doc(nlp, "Het kabinet roept Rusland op uit de Krim te vertrekken.")
    (position,) = doc._.positions
    assert position.stance == "CALLS_FOR" and "Krim" in position.target and len(position.target.split()) >= 3


def test_one_event_per_happening(nlp) -> None:
    doc = _doc(nlp, "Op 12 oktober vond de Raad Buitenlandse Zaken plaats in Luxemburg. "
                    "De Raad Buitenlandse Zaken van 12 oktober sprak over Belarus.")
    meetings = [e for e in doc._.events if e.type == "MEETING"]
    assert len(meetings) == 1 and meetings[0].date == "2021-10-12"


def test_a_resolution_number_is_no_year(nlp) -> None:
    doc = _doc(nlp, "De EU heeft sancties ingesteld op basis van VN-Veiligheidsraadresolutie 1992 tegen Libië.")
    assert [e.date for e in doc._.events if e.type == "SANCTION"] == [None]


def test_dates_far_outside_the_letters_time_are_refused(nlp) -> None:
    doc = _doc(nlp, "In 1975 vond de conferentie van Helsinki plaats met de Sovjet-Unie en de Verenigde Staten.")
    assert doc._.events and all(e.date is None and e.provenance.confidence <= 0.4 for e in doc._.events)
    doc = _doc(nlp, "In 2016 vond een ontmoeting plaats tussen Nederland en Turkije.")
    old = [e for e in doc._.events if e.date == "2016"]
    assert old and all(e.provenance.confidence <= 0.5 for e in old)  # kept, flagged


def test_merging_keeps_names_and_keys_apart() -> None:
    """Two keys may share a name (names and keys are deduplicated each): merging must not assume pairs."""
    from pipeline.components.events import one_per_happening
    from pipeline.extraction import Event, Provenance

    prov = Provenance("x", "s", 0, 1, "t")
    a = Event("MEETING", "2021-10-12", ["Raad"], ["ORGANISATION:rbz"], None, None, "a", prov)
    b = Event("MEETING", "2021-10-12", ["Raad", "Blok"], ["ORGANISATION:rbz", "ORGANISATION:raad-2", "PERSON:blok"],
              "Luxemburg", "PLACE:luxemburg", "b", prov)
    (merged,) = one_per_happening([a, b])
    assert merged.participants == ["Raad", "Blok"] and len(merged.participant_keys) == 3
    assert merged.place == "Luxemburg"
