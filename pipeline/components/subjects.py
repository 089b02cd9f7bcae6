"""Where the subject of a Dutch sentence is: the grammar the positions component reads to find who holds a stance.

Word order first, the parse where it helps: the small parser (trained on 68k tokens) finds verbs more reliably
than it attaches long Kamerbrief sentences.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.patterns.roles import MEMBER, TITLES

# An actor governed by a preposition ('steun aan Armenië', 'bij de OVSE') is not the subject.
PREPOSITIONS = {"van", "met", "aan", "tot", "tegen", "in", "over", "voor", "door", "bij", "naar", "op", "uit",
                "richting", "tussen", "namens", "binnen", "onder", "zonder", "via", "jegens", "ten", "t.a.v.",
                "rond", "rondom", "volgens", "tijdens", "sinds", "na", "om", "dan", "als"}
DETERMINERS = {"de", "het", "een", "alle", "andere", "overige", "verschillende", "enkele", "zijn", "haar", "uw", "onze",
               "hun", "deze", "dit", "die"}
# Words of a title or membership between a preposition and a name: 'de moties van het lid Ploumen',
# 'namens de Hoge Vertegenwoordiger Borrell'.
TITLE_WORDS = {t.lower() for title in TITLES + MEMBER for t in title.split()} - {"de", "het", "van", "voor"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj"}


def plural_pronoun_subject(sent: Span) -> bool:
    """'Zij roepen China op', 'roepen zij ... op': the sentence's subject is a plural 'zij'/'ze', next to
    its plural verb (the small parser finds the verb's number more reliably than its subject)."""
    for t in sent:
        if t.lower_ in ("zij", "ze"):
            verbs = [v for v in t.doc[max(sent.start, t.i - 1):min(sent.end, t.i + 2)] if v.pos_ in ("VERB", "AUX")]
            if any("Plur" in v.morph.get("Number") for v in verbs):
                return True
    return False


def is_subject_like(token: Token) -> bool:
    """False for an entity token inside a prepositional phrase or after another entity's head, and for a
    name that modifies the noun after it ('Het Taiwan vraagstuk moet ...': the question is the subject)."""
    if token.ent_iob_ == "I":
        return False
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    if (end < len(token.doc) and token.doc[end].pos_ == "NOUN" and token.doc[end].text[:1].islower()
            and token.i > 0 and token.doc[token.i - 1].lower_ in DETERMINERS):
        return False  # (the article is the noun's: 'het Amnesty International rapport')
    i = token.i - 1
    # Skip determiners and adjectives back to the word that governs the phrase ('tijdens een
    # reguliere OVSE Permanente Raad': the preposition 'tijdens').
    while i >= 0 and (token.doc[i].lower_ in DETERMINERS or token.doc[i].pos_ == "ADJ"
                      or token.doc[i].lower_ in TITLE_WORDS):
        i -= 1
    if i > 0 and token.doc[i].lower_ in ("en", "of", ",") and token.doc[i - 1].ent_type_:
        # the second of two names shares the first's place: 'met Duitsland en Frankrijk' (governed, like the
        # first), 'Nederland en de EU veroordelen' (the subject, like the first)
        first = i - 1
        while first > 0 and token.doc[first].ent_iob_ == "I":
            first -= 1
        return is_subject_like(token.doc[first])
    return i < 0 or token.doc[i].lower_ not in PREPOSITIONS


def parsed_subject(cue: Span) -> Token | None:
    verb = cue.root
    for _ in range(4):
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if subjects:  # of two (a parse error: 'Conform de motie steunt Nederland'), the one that names
            return next((s for s in subjects if s.ent_type_), subjects[0])  # an actor
        if verb.head is verb:
            break
        verb = verb.head
    return None


# Clauses that are part of another ('waarin ... moet leven', 'stelden dat ... moet'): what must happen there
# is described or reported, not called for by the letter. Not xcomp: 'acht ... van belang' is a predicate,
# and the parser hangs 'moeten' under 'worden' as one ('zullen ... moeten worden meegewogen').
SUBORDINATE = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "csubj"})


def in_subordinate_clause(token: Token) -> bool:
    """``token`` (a modal, 'nodig') stands in a relative, complement or adverbial clause of the parse."""
    while token.head.i != token.i:
        if token.dep_ in SUBORDINATE:
            return True
        token = token.head
    return False
