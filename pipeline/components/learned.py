"""``diplokg_learned_sentences``: what a trained classifier says each sentence reports or states.

Runs the sentence classifier trained by ``diplokg train-sentences`` (``nl_diplokg_sentences``)
over every sentence of the Doc and keeps its probabilities in ``doc._.sentence_scores``
(sentence start token -> label -> probability). It decides nothing itself: ``diplokg_events``
and ``diplokg_positions`` read the scores (``extensions.sentence_score``) beside their rules.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions

MIN_WORDS = 4


class LearnedSentences:
    def __init__(self, model: str | Path) -> None:
        extensions.register()
        self.classifier = spacy.load(model)

    def __call__(self, doc: Doc) -> Doc:
        # Sentences of a few words are fragments of the segmentation ('zich', ';', '2'): the classifier,
        # trained on sentences, scores them at random; they get no scores (probability 0).
        sents = [s for s in doc.sents if sum(1 for t in s if t.is_alpha) >= MIN_WORDS]
        texts = [" ".join(s.text.split()) for s in sents]
        doc._.sentence_scores = {
            sent.start: dict(scored.cats) for sent, scored in zip(sents, self.classifier.pipe(texts), strict=True)
        }
        return doc


@Language.factory("diplokg_learned_sentences", default_config={"model": ""},
                  assigns=["doc._.sentence_scores"])
def make_learned_sentences(nlp: Language, name: str, model: str) -> LearnedSentences:
    return LearnedSentences(model)
