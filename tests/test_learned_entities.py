"""The learned recogniser (diplokg_learned_entities): what it adds, what the rules keep, what it leaves out.

The merging rules are tested with a recogniser that is a real saved spaCy pipeline whose entities are
known in advance (an entity ruler), so each rule is checked on its own; the shipped model is tested on
names no gazetteer entry or rule covers.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Span

import pipeline.nlp  # noqa: F401  (registers diplokg_line_breaks)
from pipeline.components.learned import LearnedEntities
from pipeline.nlp import build_nlp, make_doc
from pipeline.training.entities import LABELS, gold_spans
from tests.conftest import MODEL

RECOGNISER = MODEL.parent / "nl_diplokg_entities"


@pytest.fixture(scope="module")
def known_recogniser(tmp_path_factory):
    nlp = spacy.blank("nl")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "ORGANISATION", "pattern": "Peshmerga"}, {"label": "PERSON", "pattern": "Syriër"},
        {"label": "ORGANISATION", "pattern": "Raad"}, {"label": "PLACE", "pattern": "Belarus"},
        {"label": "PERSON", "pattern": [{"TEXT": "Current"}, {"TEXT": "Affairs"}]},
        {"label": "MEETING", "pattern": "Wenenproces"}, {"label": "ORGANISATION", "pattern": "Razeb-discussie"},
        {"label": "PLACE", "pattern": [{"TEXT": "Wetenschappelijke"}, {"TEXT": "Raad"}]}])
    path = tmp_path_factory.mktemp("recogniser") / "model"
    nlp.to_disk(path)
    return LearnedEntities(path, ("PERSON", "ORGANISATION", "PLACE"))


def _doc(text: str):
    nlp = spacy.blank("nl")
    nlp.add_pipe("diplokg_line_breaks")  # a line is a sentence, as in the run-time pipeline
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_it_adds_names_the_rules_missed_and_keeps_theirs(known_recogniser) -> None:
    doc = _doc("De Peshmerga en Belarus zijn genoemd. Een Syriër werd gehoord. De Raad sprak. Ook het Wenenproces.")
    doc.ents = [Span(doc, 3, 4, label="COUNTRY", span_id="COUNTRY:belarus")]  # the gazetteer's
    known_recogniser(doc)
    assert [(e.text, e.label_) for e in doc._.learned_entities] == [("Peshmerga", "ORGANISATION")]
    assert ("Belarus", "COUNTRY") in [(e.text, e.label_) for e in doc.ents]  # the rule's type stays
    # left out: a demonym, a bare institutional noun, a label not asked for (MEETING)


def test_a_heading_of_its_own_is_no_name(known_recogniser) -> None:
    doc = _doc("Current Affairs\nDe Peshmerga rukte op.")
    doc = known_recogniser(doc)
    assert [e.text for e in doc._.learned_entities] == ["Peshmerga"]


def test_a_common_noun_compound_or_a_body_is_no_name_or_place(known_recogniser) -> None:
    doc = known_recogniser(_doc("Op basis van de Razeb-discussie sprak de Wetenschappelijke Raad met de Peshmerga."))
    assert [e.text for e in doc._.learned_entities] == ["Peshmerga"]


def test_a_word_of_the_language_is_no_body_or_place(known_recogniser, tmp_path) -> None:
    """Given the lexicon, 'Werf' (a shipyard) and 'Omnibus' are common words; an acronym or a person is not
    checked against it ('MAST'; a surname may be a word: 'Blok')."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORGANISATION", "pattern": w} for w in ("Werf", "MAST")]
                                              + [{"label": "PLACE", "pattern": "Omnibus"},
                                                 {"label": "PERSON", "pattern": "Blok"}])
    nlp.to_disk(tmp_path / "model")
    recogniser = LearnedEntities(tmp_path / "model", ("PERSON", "ORGANISATION", "PLACE"),
                                 frozenset({"werf", "omnibus", "mast", "blok"}))
    doc = recogniser(_doc("Gisteren sprak de Werf met Blok over MAST en de Omnibus."))
    assert [e.text for e in doc._.learned_entities] == ["Blok", "MAST"]


def test_gold_forms_are_marked_wherever_they_occur_longest_first() -> None:
    text = "De Raad Buitenlandse Zaken besprak Oekraïne. Daarna sprak de Raad over Oekraïne."
    spans = gold_spans(text, [
        {"name": "Raad Buitenlandse Zaken", "type": "ORGANISATION", "aliases": ["Raad"]},
        {"name": "Oekraïne", "type": "COUNTRY", "aliases": []}])
    assert [(text[s:e], label) for s, e, label in spans] == [
        ("Raad Buitenlandse Zaken", "ORGANISATION"), ("Oekraïne", "COUNTRY"), ("Raad", "ORGANISATION"),
        ("Oekraïne", "COUNTRY")]


@pytest.mark.skipif(not (RECOGNISER / "meta.json").exists(), reason="the trained recogniser is not here")
@pytest.mark.parametrize(("text", "name", "label"), [
    ("De strijders van de Peshmerga heroverden de stad op ISIS.", "Peshmerga", "ORGANISATION"),
    # no title near it: the rules have no reason to take it for a name ('hoofdonderhandelaar' after it is one)
    ("De Raad sprak met Sergio Jaramillo over het vredesproces in Colombia.", "Sergio Jaramillo", "PERSON"),
])
def test_the_shipped_recogniser_finds_names_no_rule_knows(text, name, label) -> None:
    nlp = build_nlp(MODEL)
    doc = nlp(make_doc(nlp, text, "x", "2022-10-01", None))
    assert (name, label) in [(e.text, e.label_) for e in doc._.learned_entities]


@pytest.mark.skipif(not (RECOGNISER / "meta.json").exists(), reason="the trained recogniser is not here")
def test_the_model_card_names_its_data_and_labels() -> None:
    card = (RECOGNISER / "README.md").read_text(encoding="utf-8")
    assert "data/annotation" in card and "CoNLL-2002" in card and "test split" in card
    assert set(json.loads((RECOGNISER / "meta.json").read_text())["labels"]["ner"]) == set(LABELS)


@pytest.mark.skipif(not (RECOGNISER / "meta.json").exists(), reason="the trained recogniser is not here")
def test_the_ablation_modes_take_out_what_they_say() -> None:
    rules, learned = build_nlp(MODEL, components="rules"), build_nlp(MODEL, components="learned")
    assert "diplokg_learned_entities" not in rules.pipe_names and "entity_ruler" in rules.pipe_names
    assert "entity_ruler" not in learned.pipe_names and "diplokg_actor_rules" not in learned.pipe_names
    text = ("Het kabinet steunt de sancties tegen Rusland. Op 3 maart sprak de minister met Lavrov in Genève. "
            "Op 4 maart heeft Kenia zijn ambassadeur in Somalië vervangen.")
    doc = learned(make_doc(learned, text, "x", "2022-03-10", None))
    # no trigger fired, nor the rule for a dated action (events.dated_actions)
    assert all(e.provenance.extractor.endswith("learned_sentences/1") for e in doc._.events)
    with pytest.raises(ValueError, match="components must be one of"):
        build_nlp(MODEL, components="bogus")
