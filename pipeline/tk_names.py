"""Names in the Tweede Kamer's open data -> the actor keys the rest of the graph uses.

A person named in a letter gets the key the linker mints (``pipeline.components.linker``): the
gazetteer's key when the gazetteer knows the person, else the slug of the surname with its
particles ("Van der Lee" -> ``van-der-lee``). A Persoon record is keyed the same way, so a member
who submits a motion, votes in a roll call and is named in a letter is one IRI. Two records whose
surnames coincide cannot both have the surname's key (a letter's "De Jong" cannot tell them apart):
both get the key of their full name (``leon-de-jong``); so does a member whose surname is the key
of another gazetteer person.

Parties are keyed by their abbreviation (``vvd``, ``groenlinks-pvda``): what the linker mints for
"VVD" in a letter.

A motion's subject line names its submitters ("Motie van de leden Dassen en Boswijk over ...");
:func:`parse_onderwerp` reads them, and :class:`PersonIndex` finds the member each name means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.gazetteer import Actor, Gazetteer
from pipeline.iris import slug

# Members of the Tweede Kamer (now or earlier): who can submit a motion or vote in it.
MEMBER_FUNCTIONS = frozenset({"Tweede Kamerlid", "Oud Kamerlid"})
_ONDERWERP = re.compile(
    r"^(?P<amended>(?:[Nn]ader )?[Gg]ewijzigde )?[Mm]otie van (?:het lid|de leden) (?P<names>.+?)(?P<cs> c\.s\.)?"
    r" over (?P<subject>.+?)\s*(?:\((?:t\.v\.v\.|ter vervanging van)[^)]*\))?\s*$", re.DOTALL)
_NAME_SEP = re.compile(r",\s*|\s+en\s+")


def surname(person: dict[str, Any]) -> str:
    """'van der' + 'Lee' -> 'van der Lee'."""
    return " ".join(p.strip() for p in (person.get("Tussenvoegsel"), person.get("Achternaam")) if p and p.strip())


def given_name(person: dict[str, Any]) -> str:
    return (person.get("Roepnaam") or (person.get("Voornamen") or "").split(" ")[0] or "").strip()


def full_name(person: dict[str, Any]) -> str:
    return " ".join(p for p in (given_name(person), surname(person)) if p)


def party_key(fractie: dict[str, Any]) -> str:
    return slug(fractie.get("Afkorting") or fractie.get("NaamNL") or fractie["Id"])


def name_from_actor(actor_naam: str | None) -> str | None:
    """A vote record's 'Wal van der, C.' -> 'van der Wal' (the surname as a letter prints it)."""
    head = (actor_naam or "").split(",")[0].split()
    particles = []
    while len(head) > 1 and head[-1].islower():
        particles.insert(0, head.pop())
    return " ".join(particles + head) or None


@dataclass(frozen=True)
class Onderwerp:
    names: list[str]
    subject: str
    amended: bool
    cosigners: bool


def parse_onderwerp(text: str | None) -> Onderwerp | None:
    """'Gewijzigde motie van het lid Hirsch c.s. over X (t.v.v. 21501-02-3058)' -> names, subject X, flags."""
    m = _ONDERWERP.match(" ".join((text or "").split()))
    if not m:
        return None
    names = [n.strip() for n in _NAME_SEP.split(m["names"]) if n.strip()]
    return Onderwerp(names, m["subject"].strip(), bool(m["amended"]), bool(m["cs"]))


class PersonIndex:
    """Keys for Persoon records, and the member a printed name ('Dassen', 'Emiel van Dijk') means."""

    def __init__(self, persons: Iterable[dict[str, Any]], gazetteer: Gazetteer) -> None:
        self.persons = {p["Id"]: p for p in persons if surname(p)}
        by_full: dict[str, Actor] = {}
        for actor in gazetteer.actors.values():
            if actor.type == "PERSON":
                for name in {actor.name, *actor.aliases, *actor.labels.values()}:
                    by_full.setdefault(slug(name), actor)
        taken = {a.key for a in gazetteer.actors.values() if a.type == "PERSON"}
        bases = Counter(slug(surname(p)) for p in self.persons.values())
        fulls = Counter(slug(full_name(p)) for p in self.persons.values())
        self.keys: dict[str, str] = {}
        self.gazetteer: dict[str, Actor] = {}  # person id -> the gazetteer's entry for them
        for pid, p in sorted(self.persons.items()):
            full = slug(full_name(p))
            actor = by_full.get(full) if given_name(p) else None  # a surname alone is no full name
            if actor is not None:
                self.keys[pid], self.gazetteer[pid] = actor.key, actor
                continue
            base = slug(surname(p))
            key = full if bases[base] > 1 or base in taken else base
            # Namesakes with the same first name too: the member number tells them apart.
            self.keys[pid] = f"{key}-{p.get('Nummer')}" if fulls[full] > 1 and key == full else key
        self._by_surname: dict[str, list[str]] = {}
        self._by_full: dict[str, list[str]] = {}
        for pid, p in self.persons.items():
            if p.get("Functie") in MEMBER_FUNCTIONS or p.get("Functie") is None:
                self._by_surname.setdefault(slug(surname(p)), []).append(pid)
                self._by_full.setdefault(slug(full_name(p)), []).append(pid)

    def member(self, name: str, voters: set[str] = frozenset()) -> str | None:
        """The id of the member ``name`` means, when exactly one fits; among several namesakes, the one
        who voted in the recording's roll calls (``voters``), if only one did."""
        found = self._by_full.get(slug(name)) or self._by_surname.get(slug(name)) or []
        if len(found) > 1:
            found = [pid for pid in found if pid in voters]
        return found[0] if len(found) == 1 else None
