"""The curated gazetteer: actors with aliases, adjectives and trusted Wikidata QIDs.

The data lives in the JSON files beside this module (one per type); see
SOURCES.md for how it was made. This module only loads and indexes it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

GAZETTEER_DIR = Path(__file__).parent
FILES = ("countries.json", "organisations.json", "persons.json", "places.json", "documents.json")
QID = re.compile(r"^Q[1-9]\d*$")

# Actors the rules refer to by id: the letters' own country, government and parliament.
NETHERLANDS = "COUNTRY:netherlands"
CABINET = "ORGANISATION:dutch-cabinet"
PARLIAMENT = "ORGANISATION:tweede-kamer"


@dataclass(frozen=True)
class GazetteerRole:
    role: str
    of: str  # key of the country or organisation
    of_type: str
    start: str | None = None
    end: str | None = None


@dataclass
class Actor:
    key: str
    type: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    wikidata: str | None = None
    roles: list[GazetteerRole] = field(default_factory=list)
    nationality: str | None = None  # key of a person's country

    @property
    def ent_id(self) -> str:
        """The id used in entity-ruler patterns and ``Span.id_``."""
        return f"{self.type}:{self.key}"


class GazetteerError(ValueError):
    pass


@dataclass
class Gazetteer:
    actors: dict[str, Actor]  # by ent_id
    _bodies: dict[str, Actor] | None = field(default=None, repr=False, compare=False)
    _adjectives: dict[str, Actor] | None = field(default=None, repr=False, compare=False)

    def get(self, ent_id: str) -> Actor | None:
        return self.actors.get(ent_id)

    def by_key(self, entity_type: str, key: str) -> Actor | None:
        return self.actors.get(f"{entity_type}:{key}")

    def adjective_index(self) -> dict[str, Actor]:
        """Lower-cased nationality adjective or demonym -> country ('wit-russische' -> Belarus). Built once."""
        if self._adjectives is None:
            self._adjectives = {}
            for actor in self.actors.values():
                for form in actor.adjectives + actor.demonyms:
                    self._adjectives.setdefault(form.lower(), actor)
        return self._adjectives

    def body_index(self) -> dict[str, Actor]:
        """Organisations and countries by alias as written ('NAVO', 'Raad van Europa'): for names inside
        other names and compounds ('NAVO-top', 'VN-gezant', 'Parlementaire Assemblee van de Raad van Europa')."""
        if self._bodies is None:
            self._bodies = {alias: actor for actor in self.actors.values()
                            if actor.type in ("ORGANISATION", "COUNTRY") for alias in actor.aliases}
        return self._bodies

    def holders_of(self, role_word: str, date: str | None) -> list[Actor]:
        """Persons known to hold a post whose name contains ``role_word`` at ``date``."""
        return [actor for actor, _ in self.posts_held(role_word, date)]

    def posts_held(self, role_word: str, date: str | None, of: str | None = None) -> list[tuple[Actor, GazetteerRole]]:
        """(person, post) for every post whose name contains ``role_word`` held at ``date`` (in ``of``, an
        actor id, if given): a post ends the day its successor starts, so on a hand-over day only the
        successor holds it."""
        role_word = role_word.lower()
        found = []
        for actor in self.actors.values():
            for r in actor.roles:
                if role_word not in r.role.lower() or (of and f"{r.of_type}:{r.of}" != of):
                    continue
                if date and ((r.start and date[: len(r.start)] < r.start[: len(date)])
                             or (r.end and date[: len(r.end)] >= r.end[: len(date)] and len(date) >= len(r.end))):
                    continue
                found.append((actor, r))
        return found


def _actor(entry: dict, source: Path) -> Actor:
    try:
        actor = Actor(
            key=entry["key"],
            type=entry["type"],
            name=entry["name"],
            labels=dict(entry.get("labels") or {}),
            aliases=list(entry.get("aliases") or []),
            adjectives=list(entry.get("adjectives") or []),
            demonyms=list(entry.get("demonyms") or []),
            wikidata=entry.get("wikidata") or None,
            roles=[GazetteerRole(r["role"], r["of"], r.get("of_type", "ORGANISATION"), r.get("from"), r.get("to"))
                   for r in entry.get("roles") or []],
            nationality=entry.get("nationality") or None,
        )
    except (KeyError, TypeError) as e:
        raise GazetteerError(f"{source}: malformed entry {entry!r}: missing {e}") from e
    if actor.wikidata and not QID.match(actor.wikidata):
        raise GazetteerError(f"{source}: {actor.key}: {actor.wikidata!r} is not a Wikidata QID")
    if actor.name not in actor.aliases:
        actor.aliases.insert(0, actor.name)
    return actor


def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    actors: dict[str, Actor] = {}
    for name in FILES:
        path = directory / name
        if not path.exists():
            continue
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise GazetteerError(f"{path}: not valid JSON: {e}") from e
        for entry in entries:
            actor = _actor(entry, path)
            if actor.ent_id in actors:
                raise GazetteerError(f"{path}: duplicate key {actor.ent_id}")
            actors[actor.ent_id] = actor
    if not actors:
        raise GazetteerError(f"{directory}: no gazetteer files found ({', '.join(FILES)})")
    return Gazetteer(actors)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()
