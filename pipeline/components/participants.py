"""Who takes part in an event: actors added, moved first or dropped, and parties found in the sentences around.

Helpers of ``diplokg_events`` (pipeline.components.events): each edits one Event's ``participants`` (names, as the
text or the gazetteer names them) and ``participant_keys`` (actor ids) together. The two lists are deduplicated
apart (two keys may share a name), so they may differ in length.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline import extensions
from pipeline.components.linker import ActorInfo
from pipeline.extraction import Event
from pipeline.gazetteer import default_gazetteer


def add_actor(event: Event, doc: Doc, key: str, first: bool = False) -> None:
    """The gazetteer's actor ``key`` as a participant of ``event`` (an actor of the Doc from now on),
    listed ``first`` when the event is its own ('de NAVO-top')."""
    actor = default_gazetteer().get(key)
    if actor is None or key in event.participant_keys:
        return
    info = extensions.doc_actors(doc).setdefault(key, ActorInfo.from_actor(actor))
    at = 0 if first else len(event.participant_keys)
    event.participant_keys.insert(at, key)
    event.participants.insert(at, info.name)


def consulting_committee(event: Event, doc: Doc, ents: list[Span], sent: Span) -> None:
    """'Bij brief van 8 juni zijn de vragen beantwoord': the questions are the committee's that the report
    named before ('De vaste commissie voor Defensie heeft een aantal vragen ... voorgelegd')."""
    actors = doc._.actors or {}
    committee = next((e for e in reversed(ents) if e.end <= sent.end and e.label_ == "ORGANISATION"
                      and "commissie" in e.text.lower() and e.id_ in actors), None)
    if committee is not None and committee.id_ not in event.participant_keys:
        event.participant_keys.insert(0, committee.id_)
        event.participants.insert(0, actors[committee.id_].name)


def body_in_compound(event: Event, sent: Span, m: re.Match) -> None:
    """'de buitengewone NAVO-top', 'de EU-Afrika-top': the body the meeting is of takes part in it."""
    prefix = re.search(r"([\w-]+)-$", sent.text[:m.start()])
    if prefix is None:
        return
    for name in prefix.group(1).split("-"):
        actor = default_gazetteer().body_index().get(name)
        if actor is not None:
            add_actor(event, sent.doc, actor.ent_id, first=True)


def from_antecedent(event: Event, sent: Span, before: Span, ents: list[Span]) -> None:
    """'Dit spoeddebat', 'deze recente ontmoeting': what the sentence leaves out, the sentence 'dit'
    points back to says. 'Nederland heeft zich hard gemaakt voor een spoeddebat in de VN-Mensenrechtenraad.
    Dit spoeddebat zal op 18 september plaatsvinden.' gives the parties; '... spraken ze op 11 november
    in Parijs. Deze recente ontmoeting werd gefaciliteerd door ...' the date (the last one named)."""
    doc = sent.doc
    if extensions.break_before(doc, sent.start):
        return  # a new paragraph does not point back
    if not event.participant_keys:
        parties_from(event, sent, before, ents, ("COUNTRY", "ORGANISATION"))
    if event.date is None:
        dates = [d for d in doc._.dates or [] if before.start <= d.start < before.end and d._.iso_date]
        event.date = dates[-1]._.iso_date if dates else None


def election_country(event: Event, sent: Span, m: re.Match) -> None:
    """The country that holds an election takes part in it: 'de Russische landelijke Doemaverkiezingen',
    'de verkiezingen in Moldavië'. It comes first, and is the place when none is named."""
    doc = sent.doc
    actors = doc._.actors or {}
    trigger = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
    if trigger is None:
        return
    adjectives = default_gazetteer().adjective_index()
    before = doc[max(sent.start, trigger.start - 3):trigger.start]
    named = [adjectives[t.lower_] for t in before if t.lower_ in adjectives]
    country = next((a.ent_id for a in named if a.type == "COUNTRY"), None)
    if country is not None:
        actors.setdefault(country, ActorInfo.from_actor(named[0]))
    elif event.place_key and event.place_key.startswith("COUNTRY:"):
        country = event.place_key
    if country is None or country not in actors:
        return
    if country not in event.participant_keys:
        event.participant_keys.insert(0, country)
        event.participants.insert(0, actors[country].name)
    if event.place_key is None:
        event.place_key, event.place = country, actors[country].name


def parties_from(event: Event, here: Span, sent: Span, ents: list[Span],
                  types: tuple[str, ...] = ("COUNTRY",)) -> None:
    """Actors of ``types`` named in ``sent``, the sentence before or after the event's sentence ``here``
    in the same paragraph, become the event's parties."""
    doc = sent.doc
    if extensions.break_before(doc, max(sent.start, here.start)):
        return  # a new paragraph speaks of something else
    actors = doc._.actors or {}
    countries = [e for e in ents if sent.start <= e.start < sent.end and e.label_ in types and e.id_ in actors]
    event.participant_keys = list(dict.fromkeys(e.id_ for e in countries))
    event.participants = list(dict.fromkeys(actors[e.id_].name for e in countries))


def drop_actor(event: Event, key: str, actors: dict) -> None:
    """``event`` without the actor ``key`` (names and keys are deduplicated apart: two keys may share a name)."""
    if key not in event.participant_keys:
        return
    event.participant_keys = [k for k in event.participant_keys if k != key]
    if key in actors and not any(actors[k].name == actors[key].name for k in event.participant_keys if k in actors):
        event.participants = [n for n in event.participants if n != actors[key].name]
