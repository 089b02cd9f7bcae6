"""Who holds a stance where the sentence names them in a construction of their own: the agent of a participle
('gesteund door Nederland'), the examples of a group ('landen als Rusland en Turkije'), the maker of a call
('de oproep van SGVN Guterres'), the speaker named after 'aldus', the council a report is of, whose effort
a cue on 'inzet' names ('De EU-inzet richtte zich op')."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline import extensions
from pipeline.components.linker import ActorInfo
from pipeline.gazetteer import PARLIAMENT, default_gazetteer
from pipeline.patterns.events import COUNCIL_NAME
from pipeline.patterns.roles import ACTOR_NOUNS
from pipeline.patterns.stances import (
    ALDUS,
    KAMER_REQUESTER,
    PARTICIPLE,
    PASSIVE_AGENT,
    REPORT_OF,
    TITLE_BEFORE_NAME,
)

HOLDER_TYPES = ("COUNTRY", "ORGANISATION", "PERSON")


def passive_agents(sent: Span, ents: list[Span], cue: str, cue_end: int) -> list[ActorInfo]:
    """The agents of a participle cue ending at ``cue_end`` ('eveneens gesteund door Nederland', 'gesteund
    door Frankrijk en Duitsland', 'door verschillende lidstaten'), who hold its stance."""
    doc = sent.doc
    text = extensions.text_of(doc)
    agent = PASSIVE_AGENT.match(text, cue_end) if PARTICIPLE.fullmatch(cue) else None
    return listed(sent, ents, agent.end()) if agent is not None else []


def listed(sent: Span, ents: list[Span], at: int) -> list[ActorInfo]:
    """The actor named at character ``at`` (a word or two may come before it: 'door verschillende lidstaten'),
    and those coordinated with it ('Frankrijk, Duitsland en Italië')."""
    doc = sent.doc
    text = extensions.text_of(doc)
    actors = doc._.actors or {}
    found: list[ActorInfo] = []
    for e in extensions.span_index(doc, "ents", ents).starting_in(sent.start, sent.end):
        if e.start_char < at:
            continue
        gap = text[at:e.start_char]
        if e.label_ not in HOLDER_TYPES or e.id_ not in actors or not (
                re.fullmatch(r"(?:[\w-]+\s){0,2}", gap) if not found else re.fullmatch(r"\s*(?:,|en)\s*", gap)):
            break
        found.append(actors[e.id_])
        at = e.end_char
    return found


def requester(sent: Span, ents: list[Span], at: int) -> ActorInfo | None:
    """Who made the call or request named right after ``at``; not a member or committee of the Kamer, whose
    requests for a letter are procedure, not a stance ('het verzoek van de vaste commissie')."""
    actors = sent.doc._.actors or {}
    ent = next((e for e in extensions.span_index(sent.doc, "ents", ents).starting_in(sent.start, sent.end)
                if e.start_char >= at), None)
    text = extensions.text_of(sent.doc)
    if ent is None or ent.label_ not in HOLDER_TYPES or ent.id_ not in actors \
            or not TITLE_BEFORE_NAME.fullmatch(text[at:ent.start_char]):
        return None  # (only a title may stand between: 'van SGVN Guterres', 'van Commandant TAAC-N')
    if ent.id_ == PARLIAMENT or KAMER_REQUESTER.search(text[at:ent.end_char]):
        return None
    return actors[ent.id_]


def reported_council(doc: Doc, ents: list[Span]) -> ActorInfo | None:
    """The council a report is of ('Verslag van de Europese Raad van 28 juni'): what its sentences say was
    asked or stressed, without saying by whom, the council did. Not a committee's report of a debate.
    Looked up once per Doc, when a sentence first needs it."""
    def council_key() -> str | None:
        m = REPORT_OF.search(extensions.text_of(doc)[:1500])
        actors = doc._.actors or {}
        named = [] if m is None else [e for e in [*ents, *(doc._.nested_mentions or [])]
                                      if m.end() <= e.start_char < m.end() + 250]
        council = next((e for e in sorted(named, key=lambda e: e.start_char) if e.label_ == "ORGANISATION"
                        and e.id_ in actors and COUNCIL_NAME.search(e.text)), None)
        return council.id_ if council is not None else None

    key = extensions.once_per_doc(doc, "diplokg.reported_council", council_key)
    return (doc._.actors or {}).get(key) if key else None


def actor_noun(doc: Doc, adjective: int) -> Token:
    """The noun a nationality adjective names an actor by ('de Wit-Russische autoriteiten' -> 'autoriteiten')."""
    return next((t for t in doc[adjective + 1: adjective + 5] if t.lower_ in ACTOR_NOUNS), doc[adjective])


def named_after_aldus(sent: Span, ents: list[Span]) -> ActorInfo | None:
    """'..., aldus Hoge Vertegenwoordiger Borrell': the speaker named last holds what the sentence says."""
    aldus = ALDUS.search(sent.text)
    if aldus is None:
        return None
    actors = sent.doc._.actors or {}
    after = sent.start_char + aldus.end()
    return next((actors[e.id_] for e in extensions.span_index(sent.doc, "ents", ents).starting_in(sent.start, sent.end)
                 if e.start_char >= after and e.label_ in HOLDER_TYPES and e.id_ in actors), None)


EFFORT_OF = re.compile(r"inzet\s+van\s+", re.IGNORECASE)


def effort_owner(sent: Span, ents: list[Span], cue: Span) -> ActorInfo | None:
    """Whose effort a cue on 'inzet' names: the body it is compounded with ('De EU-inzet richtte zich op') or the
    actor after 'van' ('De inzet van Nederland is gericht op'). None for the letter's own ('De Nederlandse inzet')."""
    doc = sent.doc
    actors = doc._.actors or {}
    first = next((t for t in cue if t.lower_.endswith("inzet")), None)
    if first is None:
        return None
    body = default_gazetteer().body_index().get(first.text.split("-")[0]) if "-" in first.text else None
    if body is not None:
        return actors.get(body.ent_id)
    m = EFFORT_OF.match(extensions.text_of(doc), first.idx)
    found = listed(sent, ents, m.end()) if m is not None else []
    return found[0] if found else None
