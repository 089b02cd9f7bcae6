"""How an event's trigger is found in a sentence: a regular expression over its words, or a verb by its lemma.

A trigger that follows 'geen' or 'niet bij' reports nothing ('kon geen gezamenlijke verklaring aannemen'); a
noun of the nominal types after 'over', 'tegen', ... names a topic, not a happening (patterns.events.TOPIC_OF).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Span, Token

from pipeline.patterns.events import NOMINAL_TYPES, TOPIC_OF

NOT_HAPPENED = re.compile(r"\b(?:geen|niet\sbij)\s(?:[\w-]+\s){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class LemmaMatch:
    """A trigger found by its lemma, offsets into the sentence text as a regex match has them."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


def sentence_verbs(sent: Span, lemma_of) -> list[tuple[Token, str, str]]:
    """The verbs of ``sent`` (participles are often tagged ADJ) with their lemma and separable particle,
    worked out once per sentence: every event type's lemmas are looked up in them."""
    if not sent.doc.has_annotation("DEP"):
        return []  # no parse (the blank pipeline): no verbs, no particles to read
    # A particle the parser hung elsewhere ('vuurde Iran raketten af', 'af' under 'raketten') is the finite
    # verb's before it when no other verb stands between them.
    stray = [t for t in sent if t.dep_ == "compound:prt" and t.head.pos_ not in ("VERB", "AUX", "ADJ")]
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX", "ADJ")]

    def particle(token: Token) -> str:
        attached = next((c.lower_ for c in token.children if c.dep_ == "compound:prt"), "")
        if attached or token.pos_ != "VERB":
            return attached
        return next((p.lower_ for p in stray if p.i > token.i
                     and not any(token.i < v.i < p.i and v.pos_ in ("VERB", "AUX") for v in verbs)), "")

    return [(token, lemma_of(token), particle(token)) for token in verbs]


def lemma_trigger(sent: Span, lemmas: frozenset[str], verbs: list[tuple[Token, str, str]]) -> LemmaMatch | None:
    """The first verb of ``sent`` whose lemma is a trigger ('gebombardeerd' -> bombarderen); a separable
    verb's particle ('kondigde ... aan') counts with it, as the parser attaches it."""
    for token, lemma, particle in verbs:
        if lemma in lemmas or (particle and particle + lemma in lemmas):
            if token.i > sent.start and token.doc[token.i - 1].lower_ == "het":
                continue  # a verb as a noun names a topic: 'riep op het vechten te stoppen'
            if NOT_HAPPENED.search(sent.text[max(0, token.idx - sent.start_char - 40):token.idx - sent.start_char]):
                continue
            begin = token.idx - sent.start_char
            return LemmaMatch(begin, begin + len(token.text), token.text)
    return None


# Finite forms of 'hebben', 'zijn' and 'worden' that make a participle a past action ('heeft ... aangetekend',
# 'is ... gevlogen', 'werd ... overgedragen'); 'zal' and 'wordt' are absent: what will happen has not.
PAST_AUXILIARIES = frozenset({"heeft", "hebben", "had", "hadden", "is", "zijn", "was", "waren", "werd", "werden"})


def past_action(sent: Span) -> bool:
    """A main verb of ``sent`` reports something done: a finite past tense ('bereikten'), or a participle with
    an auxiliary of the perfect or the passive ('heeft ... aangetekend', 'is ... overgedragen')."""
    for token in sent:
        if token.pos_ != "VERB" or token.dep_ not in ("ROOT", "conj"):
            continue
        form = token.morph.get("VerbForm")
        if "Fin" in form and "Past" in token.morph.get("Tense"):
            return True
        # the auxiliary anywhere in the sentence: the parser often hangs 'is' on the subject as a copula
        if "Part" in form and any(t.lower_ in PAST_AUXILIARIES and t.dep_.startswith(("aux", "cop")) for t in sent):
            return True
    return False


def trigger(pattern: re.Pattern, text: str, etype: str, pos: int = 0) -> re.Match | None:
    """The first trigger of ``pattern`` in ``text`` (from ``pos``) that reports an event rather than names a topic."""
    for m in pattern.finditer(text, pos):
        before = text[max(0, m.start() - 40):m.start()]
        if NOT_HAPPENED.search(before):
            continue  # 'kon geen gezamenlijke verklaring aannemen', 'sloot zich niet bij de verklaring aan'
        if etype not in NOMINAL_TYPES or not TOPIC_OF.search(before):
            return m
    return None


def with_set_index(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of spaCy's Dutch rule lemmatizer whose lemma index is sets: the original tests a word against
    lists of up to 161,000 lemmas (about 80 microseconds a word, most of this component's time). The
    pipeline's own lemmatizer keeps its tables as they are saved."""
    fast = copy.copy(lemmatizer)
    fast.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table(name, {key: frozenset(value) for key, value in table.items()})
        fast.lookups.set_table(name, table)
    fast.cache = {}
    return fast
