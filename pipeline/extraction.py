"""The Extraction dataclasses: what the pipeline knows about one document.

Plain data, no spaCy. ``Extraction.to_eval_json()`` is the contract read by
``../shared/eval/score.py``; ``pipeline.rdf.to_graph`` turns the same object
into RDF, so the JSON and the graph can never disagree.

Every fact carries a :class:`Provenance`: the document, the sentence (its
quote and its character offsets into the *original* text), the extractor
that produced it and a confidence.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is only needed by from_doc's caller; the API imports this module without it
    from spacy.tokens import Doc

ENTITY_TYPES = ("PERSON", "COUNTRY", "ORGANISATION", "PLACE", "MEETING", "DOCUMENT")
EVENT_TYPES = ("MEETING", "STATEMENT", "SANCTION", "CEASEFIRE", "HOSTILITIES", "ELECTION", "CALL", "VISIT", "OTHER")
STANCES = ("SUPPORTS", "OPPOSES", "CALLS_FOR", "CONDEMNS", "WELCOMES", "CONCERNED", "REGRETS")


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from. Offsets index the original (unprepared) text."""

    doc_id: str
    sentence: str
    start: int
    end: int
    extractor: str
    confidence: float = 1.0


@dataclass
class Entity:
    key: str  # stable slug, unique per type across all documents ("belarus", "borrell")
    name: str  # canonical name
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)  # surface forms seen in this document
    wikidata: str | None = None  # only from the curated gazetteer, never guessed
    linked: bool = False  # True when the gazetteer knows the actor
    labels: dict[str, str] = field(default_factory=dict)  # language -> label, from the gazetteer
    mentions: list[Provenance] = field(default_factory=list)


# Fields named *_key / *_keys hold actor ids "TYPE:key" ("COUNTRY:belarus"), unique across types.


@dataclass
class Role:
    person: str  # canonical name of the person
    person_key: str
    role: str  # wording of the post ("minister van Buitenlandse Zaken")
    of: str | None  # canonical name of the country or organisation
    of_key: str | None
    of_type: str | None
    provenance: Provenance


@dataclass
class Motion:
    id: str | None  # normalised "21501-02-2234"; None when the text gives no number
    submitters: list[str]
    date: str | None  # ISO, possibly partial
    topic: str | None
    amended: bool = False
    cosigners: bool = False  # "c.s.": co-signers not named
    execution: str | None = None  # the government's account of what it did with it
    provenance: Provenance | None = None
    printed_id: str | None = None  # as printed ("35 570 V, nr. 42"); the eval contract asks for this form
    own: bool = False  # the document is this motion's own text (not a letter or motion citing it)


@dataclass
class Event:
    type: str  # one of EVENT_TYPES
    date: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    participants: list[str]  # canonical names
    participant_keys: list[str]
    place: str | None
    place_key: str | None
    summary: str
    provenance: Provenance
    # the gathering this event is, as the text names it, where its sentence names it beside another
    # ('een Europese Raad en een Eurotop', 'en marge van de RBZ'); None for a sentence's one meeting
    meeting: str | None = None


@dataclass
class Position:
    holder: str  # canonical name
    holder_key: str
    stance: str  # one of STANCES
    target: str  # text span of the target
    target_entities: list[str]  # canonical names inside the target
    target_keys: list[str]
    sentence: str
    date: str | None
    provenance: Provenance


@dataclass
class DocumentMeta:
    doc_id: str  # file stem
    title: str
    date: str | None  # ISO, possibly partial
    kind: str  # "geannoteerde agenda", "verslag", "kamerbrief", ...
    kamerstuk: str | None = None  # "21501-02-2244"
    source: str | None = None  # file name
    sha256: str | None = None
    # Who submitted it, as its publication's metadata names them ("S.M. Beckerman"); empty when unknown.
    submitters: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    document: DocumentMeta
    text: str  # the original text, offsets in Provenance index it
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    extractor: str = "diplokg"

    def to_eval_json(self) -> dict[str, Any]:
        """The schema of ``../shared/eval/README.md``."""
        return {
            "doc": self.document.doc_id,
            "language": "nl",
            "entities": [
                {"name": e.name, "type": e.type, "aliases": sorted(set(e.aliases)), "wikidata": e.wikidata}
                for e in self.entities
            ],
            "roles": [{"person": r.person, "role": r.role, "of": r.of} for r in self.roles],
            "motions": [
                {"id": m.printed_id or m.id, "submitters": m.submitters, "date": m.date, "topic": m.topic}
                for m in self.motions
            ],
            "events": [
                {"type": v.type, "date": v.date, "participants": v.participants, "place": v.place,
                 "summary": v.summary, "sentence": v.provenance.sentence}
                for v in self.events
            ],
            "positions": [
                {"holder": p.holder, "stance": p.stance, "target": p.target,
                 "target_entities": p.target_entities, "sentence": p.sentence}
                for p in self.positions
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, provenance included (for debugging and `extract --full`)."""
        return asdict(self)


def from_doc(doc: Doc, meta: DocumentMeta, original_text: str, extractor: str) -> Extraction:
    """Collect what the pipeline's components put on ``doc`` into an :class:`Extraction`.

    Entities are grouped by actor id (one Entity per actor, every mention
    kept with its provenance); actors that only appear as holders or
    participants (the cabinet behind a first-person statement) are included.
    """
    from pipeline.components.linker import surname
    from pipeline.extensions import is_post_mention, provenance

    actors = doc._.actors or {}
    entities: dict[str, Entity] = {}
    title_end = dossier_title_end(doc.text)
    for ent in list(doc.ents) + list(doc._.nested_mentions or []):
        info = actors.get(ent.id_)
        if info is None or ent.start_char < title_end:
            continue  # the dossier's title ('35 300 V Vaststelling van de begrotingsstaat van het Ministerie ...')
        entity = entities.get(info.ent_id)
        if entity is None:
            entity = entities[info.ent_id] = Entity(
                key=info.key, name=info.name, type=info.type, wikidata=info.wikidata, linked=info.linked,
                labels=dict(info.labels))
        surface = " ".join(ent.text.split())
        forms = [surface, surname(surface)] if info.type == "PERSON" else [surface]
        if is_post_mention(ent):
            forms = []  # 'de Minister-President' mentions Rutte, but is not one of his names
        entity.aliases.extend(f for f in forms if f and f not in entity.aliases)
        entity.mentions.append(provenance(ent, f"{extractor}/entities", 0.9 if info.linked else 0.6))
    for span in doc._.implied_mentions or []:  # 'de Griekse eilanden': a mention of Griekenland, not an alias
        info = actors.get(span.id_)
        if info is not None:
            entity = entities.get(info.ent_id) or entities.setdefault(info.ent_id, Entity(
                key=info.key, name=info.name, type=info.type, wikidata=info.wikidata, linked=info.linked,
                labels=dict(info.labels)))
            entity.mentions.append(provenance(span, f"{extractor}/entities", 0.7))
    # An actor the text never names is one of the document's entities when a fact uses it (the cabinet
    # behind a first-person statement); one a component only looked up (a default holder) is not.
    used = _fact_keys(doc)
    for info in actors.values():
        if info.ent_id not in entities and info.ent_id in used:
            entities[info.ent_id] = Entity(key=info.key, name=info.name, type=info.type,
                                           wikidata=info.wikidata, linked=info.linked, labels=dict(info.labels))
    _add_role_bodies(entities, list(doc._.roles or []))
    if meta.kamerstuk and not doc._.is_motion:  # a motion's own number is the motion (in motions), no document
        _add_own_number(entities, meta, original_text, extractor)
    return Extraction(
        document=meta,
        text=original_text,
        entities=list(entities.values()),
        roles=list(doc._.roles or []),
        motions=list(doc._.motions or []),
        events=list(doc._.events or []),
        positions=list(doc._.positions or []),
        extractor=extractor,
    )


def _fact_keys(doc: Doc) -> set[str]:
    """Actor ids the document's roles, events and positions use."""
    keys: set[str] = set()
    for role in doc._.roles or []:
        keys.update(k for k in (role.person_key, role.of_key) if k)
    for event in doc._.events or []:
        keys.update(event.participant_keys)
        if event.place_key:
            keys.add(event.place_key)
    for position in doc._.positions or []:
        keys.add(position.holder_key)
        keys.update(position.target_keys)
    return keys


# The dossier a Kamerstuk belongs to, on its first line: '35 300 V Vaststelling van de begrotingsstaat ...'. It
# ends where the line does, or at the document's number ('Nr. 2827') when the collection joined all lines in one.
_DOSSIER_TITLE = re.compile(r"\A\s*\d{2}\s?\d{3}(?:[ -](?:[IVXLC]{1,5}|[A-Z]|\d{1,2}))?\s+[A-Z][^\n]*?"
                            r"(?=\s+[Nn][Rr]\.?\s?\d|\n|\Z)")


def dossier_title_end(text: str) -> int:
    """Where the dossier title at the top ends (0 if there is none): the annotation guidelines count
    no entity in it, it names the dossier, not an actor of the letter."""
    m = _DOSSIER_TITLE.match(text)
    return m.end() if m else 0


def _add_own_number(entities: dict[str, Entity], meta: DocumentMeta, text: str, extractor: str) -> None:
    """The letter is itself a document: a Kamerstuk, named as parliament prints it ("Kamerstuk 32 735,
    nr. 312"), keyed like a reference to it from any other letter, its mentions the footers and front page
    that print its number (they are cut from the prepared text, so no component sees them)."""
    from pipeline.iris import slug
    from pipeline.metadata import own_number_mentions, printed_kamerstuk

    key = slug(meta.kamerstuk or "")
    mentions = own_number_mentions(text)
    if not mentions and f"DOCUMENT:{key}" not in entities:
        return  # an excerpt that does not print its own number does not mention it
    entity = entities.setdefault(f"DOCUMENT:{key}", Entity(key=key, name=printed_kamerstuk(meta.kamerstuk or ""),
                                                           type="DOCUMENT"))
    for start, end in mentions:
        surface = " ".join(text[start:end].split())
        if surface not in entity.aliases:
            entity.aliases.append(surface)
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        entity.mentions.append(Provenance(meta.doc_id, " ".join(text[line_start:line_end].split()), line_start,
                                          line_end, f"{extractor}/metadata"))


def _add_role_bodies(entities: dict[str, Entity], roles: list[Role]) -> None:
    """A post names the body it is held in ('het lid Omtzigt' speaks of the Tweede Kamer): when the
    gazetteer knows that body, it is an actor of the document even where the text never names it."""
    from pipeline.gazetteer import default_gazetteer

    for role in roles:
        actor = default_gazetteer().get(role.of_key) if role.of_key else None
        if actor is not None and actor.ent_id not in entities:
            entities[actor.ent_id] = Entity(key=actor.key, name=actor.name, type=actor.type, wikidata=actor.wikidata,
                                            linked=True, labels=dict(actor.labels))
