"""How ``diplokg_events`` takes the sentence classifier's scores: its thresholds, with the scores set by hand
(the classifier's own scores change with every retraining; the thresholds are what these tests hold)."""

from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp, make_doc
from tests.conftest import MODEL

# In the present tense: 'heeft ... aanvaard' on a given day is an event by rule (the dated-action rule).
DATED = "Op 27 juli aanvaardt de NAVO het Nederlandse bod."
UNDATED = "Inmiddels heeft de NAVO het Nederlandse bod aanvaard."


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL / "meta.json").exists():
        pytest.skip("the trained model is not here")
    return build_nlp(MODEL)


def _doc(nlp, text: str, other_score: float):
    """The Doc as if the classifier scored every sentence ``other_score`` for OTHER (and 0 for the rest)."""
    doc = make_doc(nlp, text, "x", "2023-09-01", None)
    for name, component in nlp.pipeline:
        if name == "diplokg_events":
            doc._.sentence_scores = {sent.start: {"EVENT:OTHER": other_score} for sent in doc.sents}
        doc = component(doc)
    return doc


@pytest.mark.parametrize(("text", "score", "types"), [
    (DATED, 0.0, []),  # no trigger: whatever is found below is the classifier's
    (UNDATED, 0.0, []),
    (UNDATED, 0.6, ["OTHER"]),  # above learned_add (0.5) anywhere
    (DATED, 0.4, ["OTHER"]),  # above learned_add_dated (0.3) in a sentence that gives the day
    (UNDATED, 0.4, []),
    (DATED, 0.2, []),
])
def test_a_sentence_that_gives_the_day_needs_less_of_the_classifier(nlp, text, score, types) -> None:
    assert [event.type for event in _doc(nlp, text, score)._.events] == types


def test_the_dated_event_added_is_the_classifiers_and_dated(nlp) -> None:
    (event,) = _doc(nlp, DATED, 0.4)._.events
    assert (event.date, event.participants) == ("2023-07-27", ["NAVO"])
    assert event.provenance.extractor.endswith("learned_sentences/1") and event.provenance.confidence == 0.4
