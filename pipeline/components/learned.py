"""``diplokg_learned_sentences``: what a trained classifier says each sentence reports or states.

Runs the sentence classifier trained by ``diplokg train sentences`` (``nl_diplokg_sentences``)
over every sentence of the Doc and keeps its probabilities in ``doc._.sentence_scores``
(sentence start token -> label -> probability). It decides nothing itself: ``diplokg_events``
and ``diplokg_positions`` read the scores (``extensions.sentence_score``) beside their rules.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

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


class LearnedEntities:
    """``diplokg_learned_entities``: names the gazetteer and the rules did not find, from a trained NER.

    Runs the recogniser trained by ``diplokg train entities`` (``nl_diplokg_entities``) on the Doc's own
    tokens and adds each entity it finds that overlaps no entity already there (rules and gazetteer
    win: they are precise where they apply). The linker, next, gives the new spans keys and names.
    """

    def __init__(self, model: str | Path, min_chars: int = 2) -> None:
        extensions.register()
        self.recogniser = spacy.load(model)
        self.min_chars = min_chars

    def __call__(self, doc: Doc) -> Doc:
        copy = Doc(self.recogniser.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for _, pipe in self.recogniser.pipeline:
            copy = pipe(copy)
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        taken.update(i for span in doc._.nested_mentions or [] for i in range(span.start, span.end))
        found = [Span(doc, ent.start, ent.end, label=ent.label_) for ent in copy.ents
                 if len(ent.text) >= self.min_chars and not taken.intersection(range(ent.start, ent.end))
                 and any(t.text[:1].isupper() or t.text[:1].isdigit() for t in ent)]  # a name, not a common noun
        if found:
            doc.ents = list(doc.ents) + found
            extensions.doc_list(doc, "learned_entities").extend(found)
        return doc


@Language.factory("diplokg_learned_entities", default_config={"model": ""}, assigns=["doc.ents"])
def make_learned_entities(nlp: Language, name: str, model: str) -> LearnedEntities:
    return LearnedEntities(model)
