"""Which mentions of meetings are one happening, and which are several.

A letter names one meeting many times ('Op 12 oktober vond de RBZ plaats ... De RBZ van 12 oktober sprak
over ...'): those mentions are one event (:func:`one_per_happening`). One sentence can also name several
gatherings: side by side ('vinden een Europese Raad (ER) en een Eurotop plaats') or one beside another ('En
marge van de RBZ komt de bestuursraad van het EDA bijeen'). Each is its own MEETING (GUIDELINES, side
meetings), named by ``Event.meeting``, and the merge keeps differently named gatherings apart although the
same body takes part in both.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span

from pipeline.extensions import once_per_doc, text_of
from pipeline.extraction import Event, dossier_title_end
from pipeline.patterns.events import BESIDE, COUNCIL_NAME, OWN_DATE, SIDE_BY_SIDE, UNNAMED_SUMMIT, WITH_GUEST


class Gathering(NamedTuple):
    """A gathering a sentence names: where (offsets into the sentence's text), its name, its actor key."""

    start: int
    end: int
    name: str
    key: str | None


def split_gatherings(event: Event, sent: Span, sent_ents: list[Span], actors: dict) -> list[Event]:
    """``event`` (a MEETING of ``sent``) as one event per gathering the sentence reports: one per gathering
    named side by side, or, for a gathering beside a host, one that is not the host's (its host takes no
    part when others do). A sentence that reports one gathering keeps ``[event]``."""
    text = sent.text
    named = _gatherings(sent, text, sent_ents, actors)
    beside = BESIDE.search(text)
    if beside is not None:
        # the host is whatever is named right after the cue ('de RBZ-Defensie', 'de ER', 'de Eurotop')
        host = next((g for g in named if g.start == beside.end()), None) or next(
            (Gathering(e.start_char - sent.start_char, e.end_char - sent.start_char, e.text, e.id_)
             for e in sent_ents if e.start_char - sent.start_char == beside.end()), None)
        if host is None:
            return [event]  # 'na afloop van de lunch': the sentence's own meeting, no host named
        others = [g for g in named if g.start >= host.end]
        names = _side_by_side(others, text) or others[:1]
        if not names:  # 'En marge van de RBZ sprak de minister met ...': unnamed, known by its host
            names = [Gathering(host.start, host.end, f"{beside.group().strip()} {host.name}", None)]
        # the host and the bodies its name holds ('de RBZ op 12 november') take no part, when others do
        base = sent.start_char
        hosts = {host.key} | {e.id_ for e in [*sent_ents, *(sent.doc._.nested_mentions or [])]
                              if host.start <= e.start_char - base < host.end}
        return [_without(_named(event, name), hosts) for name in names]
    chain = _side_by_side(named, text)
    if len({g.name for g in chain}) > 1:
        return [_named(event, g) for g in chain]
    guest = _guest(sent, text, sent_ents, actors)
    return [_named(event, Gathering(0, 0, guest, None))] if guest else [event]


def _guest(sent: Span, text: str, sent_ents: list[Span], actors: dict) -> str | None:
    """'een lunch met de secretaris-generaal van de NAVO', 'de traditionele gedachtewisseling met de voorzitter
    van het Europees Parlement': a session of a meeting with a named guest is its own MEETING (GUIDELINES),
    named by its kind and its guest ('lunch met Jens Stoltenberg')."""
    m = WITH_GUEST.search(text)
    if m is None:
        return None
    at = sent.start_char + m.end()
    guest = next((e for e in sent_ents if at <= e.start_char <= at + 60 and e.id_ in actors
                  and e.label_ in ("PERSON", "COUNTRY", "ORGANISATION") and not COUNCIL_NAME.search(e.text)), None)
    return None if guest is None else f"{m.group(1).lower()} met {actors[guest.id_].name}"


def names_gathering(mention: Span) -> bool:
    """A mention of a meeting, or of a council or summit, which is known by its gatherings ('de ER', 'de RBZ')."""
    return mention.label_ == "MEETING" or (mention.label_ == "ORGANISATION" and bool(COUNCIL_NAME.search(mention.text)))


def _gatherings(sent: Span, text: str, sent_ents: list[Span], actors: dict) -> list[Gathering]:
    """The gatherings ``sent`` names, in order, with offsets into its text:
    named meetings, councils and summits among its mentions, and summits it names bare ('een Eurotop').
    A mention of a body is named as the body is ('ER' -> 'Europese Raad')."""
    base = sent.start_char
    title_end = _title_end(sent.doc)  # the dossier's title names no gathering of the letter
    found = []
    for e in sent_ents:
        if e.start_char < title_end:
            continue
        if names_gathering(e):
            info = actors.get(e.id_)
            name = (info.name if info is not None and e.label_ != "MEETING"
                    else OWN_DATE.sub("", " ".join(e.text.split())))
            key = e.id_ if e.id_ in actors else None
            found.append(Gathering(e.start_char - base, e.end_char - base, name, key))
    for m in UNNAMED_SUMMIT.finditer(text):
        if m.start() + base >= title_end and not any(g.start <= m.start() < g.end for g in found):
            found.append(Gathering(m.start(), m.end(), m.group(), None))
    return sorted(found)


def _title_end(doc: Doc) -> int:
    """Where the dossier title at the top ends, worked out once per Doc (kept in its user_data)."""
    return once_per_doc(doc, "diplokg.title_end", lambda: dossier_title_end(text_of(doc)))


def _side_by_side(named: list[Gathering], text: str) -> list[Gathering]:
    """The first run of gatherings in ``named`` that the text joins by 'en' or commas, when it has two."""
    for i in range(len(named) - 1):
        run = [named[i]]
        for nxt in named[i + 1:]:
            if SIDE_BY_SIDE.fullmatch(text, run[-1].end, nxt.start) is None:
                break
            run.append(nxt)
        if len(run) > 1:
            return run
    return []


def _named(event: Event, gathering: Gathering) -> Event:
    return replace(event, meeting=gathering.name, participants=list(event.participants),
                   participant_keys=list(event.participant_keys))


def _without(event: Event, hosts: set) -> Event:
    """``event`` without the ``hosts`` (actor keys) among its participants, when others take part."""
    keep = [i for i, key in enumerate(event.participant_keys) if key not in hosts]
    if not keep or len(keep) == len(event.participant_keys) or len(event.participants) != len(event.participant_keys):
        return event  # nobody else takes part, the host does not, or names and keys do not pair up
    event.participant_keys = [event.participant_keys[i] for i in keep]
    event.participants = [event.participants[i] for i in keep]
    return event


def one_per_happening(events: list[Event]) -> list[Event]:
    """Mentions of one happening are one event ('Op 12 oktober vond de RBZ plaats in Luxemburg ... De RBZ
    van 12 oktober sprak over ...'): the later mention merges into the first, which takes its
    participants and place (see _same_happening)."""
    kept: list[Event] = []
    for event in events:
        same = next((k for k in kept if k.type == event.type and k.date and k.date == event.date
                     and len(k.date) == 10 and _same_gathering(k, event) and _same_happening(k, event)), None)
        if same is None and event.type in ONGOING and event.date is None:
            same = next((k for k in kept if k.type == event.type and k.date is None
                         and _countries(k) and _countries(k) == _countries(event)), None)
        if same is None:
            kept.append(event)
            continue
        # names and keys are each deduplicated (two keys may share a name): merge them each
        same.participants.extend(n for n in event.participants if n not in same.participants)
        same.participant_keys.extend(k for k in event.participant_keys if k not in same.participant_keys)
        if same.place is None and event.place is not None:
            same.place, same.place_key = event.place, event.place_key
        same.meeting = same.meeting or event.meeting
    return kept


# A war a letter names again and again without a date ('de Russische agressie tegen Oekraïne') is one happening
# between the same countries (sanctions and ceasefires are reported with a date or as concluded: each its own).
ONGOING = ("HOSTILITIES",)


def _countries(event: Event) -> frozenset[str]:
    return frozenset(k for k in event.participant_keys if k.startswith("COUNTRY:"))


def _same_gathering(a: Event, b: Event) -> bool:
    """Two mentions can be one gathering: both unnamed, named alike, or one named by what the other lists
    among its participants ('De ER sprak over ...' after 'vinden een Europese Raad en een Eurotop plaats')."""
    if a.meeting is None and b.meeting is None:
        return True
    if a.meeting is not None and b.meeting is not None:
        return a.meeting.casefold() == b.meeting.casefold()
    named, other = (a, b) if a.meeting is not None else (b, a)
    return named.meeting.casefold() in {p.casefold() for p in other.participants}


def _same_happening(a: Event, b: Event) -> bool:
    """Two events of one type and day are one when a body meets in both (a body holds one meeting a
    day), or when one's participants are all among the other's."""
    mine, theirs = set(a.participant_keys), set(b.participant_keys)
    if not mine or not theirs:
        return False
    if a.type == "MEETING" and any(k.startswith("ORGANISATION:") for k in mine & theirs):
        return True
    return mine <= theirs or theirs <= mine
