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
from pipeline.patterns.roles import BARE_INSTITUTION_NOUNS, NOT_NAMES, TITLES

_TITLES = frozenset(TITLES)

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
    tokens and adds each entity of ``labels`` it finds that overlaps no entity already there (rules and
    gazetteer win: they are precise where they apply) and that looks like a name: not a nationality word
    ('Syriër', 'Venezolanen'), not cut off mid-name ('Militaire Inlichtingen-', 'Regeling van'), not a bare
    institutional noun ('Raad', 'Kamer'), not a heading of its own ('Current Affairs'), not a lone capitalised
    first word of a sentence the tagger does not
    call a proper noun ('Ditmaal'). The linker,
    next, gives the new spans keys and names.
    """

    def __init__(self, model: str | Path, labels: tuple[str, ...], common_words: frozenset[str] = frozenset()) -> None:
        extensions.register()
        self.recogniser = spacy.load(model, exclude=["tokenizer"])  # it reads the Doc's own tokens
        self.labels = set(labels)
        self.common_words = common_words
        from pipeline.gazetteer import default_gazetteer

        self.adjectives = default_gazetteer().adjective_index()

    def __call__(self, doc: Doc) -> Doc:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        taken.update(i for span in doc._.nested_mentions or [] for i in range(span.start, span.end))
        # Only sentences with a capitalised word no rule took can hold a new name: the recogniser reads those
        # alone (it learned from whole letters, but a name's context is its sentence), in one batch. A nationality
        # adjective ('Iraanse') or a word no name is made of ('Voorzitter', 'Kamer') does not make a sentence
        # worth reading: that skips two in five of the words the recogniser read.
        sents = [s for s in doc.sents if any(t.text[:1].isupper() and t.i not in taken and t.i != s.start
                                             and t.text not in NOT_NAMES and t.lower_ not in self.adjectives
                                             for t in s)]
        copies = [Doc(self.recogniser.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s])
                  for s in sents]
        for _, pipe in self.recogniser.pipeline:
            copies = list(pipe.pipe(copies)) if hasattr(pipe, "pipe") else [pipe(c) for c in copies]
        found = [Span(doc, s.start + ent.start, s.start + ent.end, label=ent.label_)
                 for s, copy in zip(sents, copies, strict=True) for ent in copy.ents
                 if ent.label_ in self.labels and not taken.intersection(range(s.start + ent.start, s.start + ent.end))]
        found = _one_actor_per_acronym([self._typed(span) for span in found if self._name_like(span)])
        if found:
            doc.ents = list(doc.ents) + found
            extensions.doc_list(doc, "learned_entities").extend(found)
        return doc

    @staticmethod
    def _typed(span: Span) -> Span:
        """The construction says what a name is where the recogniser's label, learned from few names of a kind,
        is weakest: a name after a locative preposition is a place ('in Jakarta'), one ending in an
        organisation's head word is an organisation ('East African Community'), as for the rules' spans."""
        from pipeline.components.actors import ORG_HEADS, after_locative

        label = ("ORGANISATION" if len(span) > 1 and ORG_HEADS.fullmatch(span[-1].text)
                 else "PLACE" if span.label_ == "PERSON" and after_locative(span.doc, span.start) else span.label_)
        return span if label == span.label_ else Span(span.doc, span.start, span.end, label=label)

    def _name_like(self, span: Span) -> bool:
        first, last = span[0], span[-1]
        if not (first.text[:1].isupper() or first.text[:1].isdigit()) or len(span.text) < 2:
            return False
        if span.text.lower() in self.adjectives or last.text.endswith("-") or last.is_lower:
            return False
        words = span.text.lower().split()
        if " ".join(words[1:] if words[0] in ("de", "het") else words) in _TITLES:
            return False  # a post ('De Hoge Vertegenwoordiger') is whoever holds it, the linker's to resolve
        if span.text.lower() in BARE_INSTITUTION_NOUNS:
            return False  # 'de Raad' is whichever council the text named (the linker's), not a 'Raad' of its own
        if "-" in last.text and last.text.rsplit("-", 1)[1][:1].islower():
            return False  # a compound of a common noun ('Razeb-discussie', 'EU-inzet') names a topic
        if len(span) == 1 and span.label_ != "PERSON" and not first.is_upper and first.lower_ in self.common_words:
            return False  # a word of the language ('Werf', 'Kinderbescherming', 'Omnibus') names no body or place
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if len(span) == 1 and span.label_ != "PERSON" and first.text.endswith(("e", "ees", "isch")) \
                and after is not None and after.is_lower and after.pos_ == "NOUN":
            return False  # an adjective before its noun ('in de Mediterrane regio', 'op Europees niveau')
        if span.label_ == "PLACE" and last.text in NOT_NAMES:
            return False  # a place is not named after a body's head noun ('Wetenschappelijke Raad', 'Assemblee')
        sent = span.sent
        end = sent.end
        while end > span.end and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
            end -= 1
        if span.start <= sent.start and span.end >= end:
            return False  # a heading ('Current Affairs', 'Multilateralisme') names a topic, not an actor
        return not (len(span) == 1 and first.is_sent_start and first.pos_ != "PROPN")


@Language.factory("diplokg_learned_entities", default_config={
    "model": "",
    # MEETING and DOCUMENT names are descriptions the recogniser cuts short more often than it finds them
    # (real dev split); COUNTRY is the gazetteer's: every country is in it.
    "labels": ["PERSON", "ORGANISATION", "PLACE"]}, assigns=["doc.ents"])
def make_learned_entities(nlp: Language, name: str, model: str, labels: list[str]) -> LearnedEntities:
    return LearnedEntities(model, tuple(labels), _lexicon(nlp))


def _lexicon(nlp: Language) -> frozenset[str]:
    """The words of Dutch the pipeline's lemmatizer knows (its lemma index, common words only): a surname
    may be one ('Blok', 'Klaver'), so only names of other kinds are checked against it."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(word for words in lookups.get_table("lemma_index").values() for word in words)


def _one_actor_per_acronym(found: list[Span]) -> list[Span]:
    """'Operation Inherent Resolve (OIR)', both recognised: one actor, named by the long form, and so is every
    other 'OIR' the recogniser found (the rules do this for names whose head word says what they are)."""
    from pipeline.iris import slug

    def defines(long: Span, short: Span) -> bool:  # 'Long Name (LN)'
        doc = long.doc
        return (len(long) > 1 and len(short) == 1 and short.start == long.end + 1 and doc[long.end].text == "("
                and short.end < len(doc) and doc[short.end].text == ")"
                and "".join(t.text[0] for t in long if t.text[:1].isupper()) == short.text)

    actor_of: dict[str, Span] = {}  # the text of either form -> the long form
    for long, short in zip(found, found[1:], strict=False):
        if defines(long, short):
            actor_of[short.text] = actor_of[long.text] = long
    return [Span(s.doc, s.start, s.end, label=actor_of[s.text].label_,
                 span_id=f"{actor_of[s.text].label_}:{slug(actor_of[s.text].text)}") if s.text in actor_of else s
            for s in found]
