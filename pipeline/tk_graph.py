"""Tweede Kamer open-data records -> RDF (the model is ``ontology/diplokg.ttl``, the IRIs ``pipeline.iris``).

* **Persons** (Persoon) are ``foaf:Person`` actors keyed as a letter's names are (``pipeline.tk_names``),
  with the TK id (``dcterms:identifier``) and the record (``rdfs:seeAlso``); **parties** (Fractie) are
  ``org:Organization`` actors. **Memberships** are ``org:Membership``: with ``org:memberDuring`` where a
  FractieZetelPersoon record dates the seat, else attested by the roll-call votes a member cast for a
  party (``dkg:firstAttested``/``dkg:lastAttested``, derived from those votes).
* **Motions** (Zaak of the kind Motie) get the IRI a letter that cites them or their own text gives
  them: ``<base>/id/motion/<Kamerstuk number>``, the number read from the motion document's
  ``ExterneIdentifier`` ("kst-21501-02-3065"); number, date, subject, submitters, the cabinet's
  appraisal (``dkg:cabinetAppraisal``) and the countries the subject names (``dcterms:spatial``).
* **Decisions** (Besluit with votes) are ``opengov:VoteEvent``s with the outcome, the ``opengov:Count``
  totals (the sum of the recorded votes: seats for a party, one for a member; given only when the
  recorded votes cover all 150 seats, as a complete record does) and one ``opengov:Vote``
  per Stemming; on a motion, each for/against vote is also a ``dkg:Position`` of the party or member
  on what the motion asks (``dkg:motion``), derived from the vote and its record.

A decision is on a motion only where the records say which: the decision lists its Zaak, or its agenda
item concerns one Zaak. An agenda item "Stemmingen over moties ingediend bij ..." lists many motions
and one decision each, and the records do not say which decision is whose: such a decision is kept
(with its votes, ``dcterms:isPartOf`` its agenda item) but on no motion, and asserts no positions.

Every fact is ``prov:wasDerivedFrom`` the record it comes from: its IRI in the API (``dkg:OpenDataRecord``).
Actors are described in every graph that uses them (the SHACL gate checks each graph alone); the store
keeps such descriptions once, in the actors graph (``pipeline.store.shared``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV

from pipeline.gazetteer import NETHERLANDS, Actor, Gazetteer
from pipeline.iris import actor_iri, graph_iri, motion_iri, slug
from pipeline.patterns import alternation
from pipeline.rdf import DKG, OPENGOV, ORG, PREFIXES, SCHEMA, TIME, WD, date_literal
from pipeline.sources.tk_odata import Recording, record_iri
from pipeline.tk_names import (
    PersonIndex,
    full_name,
    given_name,
    name_from_actor,
    parse_onderwerp,
    party_key,
    surname,
)

MEMBERS_DOC = "tk-leden"  # persons, parties and memberships
_KST = re.compile(r"^\d{4,5}(-[0-9A-Z]+)*-\d+$")  # as dkgsh:MotionShape wants a motion number
_FRACTION = re.compile(r"(\.\d{6})\d+")
OPTIONS = {"Voor": "yes", "Tegen": "no", "Niet deelgenomen": "absent"}
SEATS = 150  # of the Tweede Kamer: the recorded votes of a decision cover them all, or some are missing
APPRAISALS = {
    "Ontraden": "ONTRADEN", "Ontraden, tenzij gewijzigd": "ONTRADEN_TENZIJ_GEWIJZIGD", "Oordeel Kamer": "OORDEEL_KAMER",
    "Overgenomen": "OVERGENOMEN", "Overbodig": "OVERBODIG", "Ontijdig": "ONTIJDIG",
    "Verzocht motie aan te houden": "AANHOUDEN", "Geen (expliciete) appreciatie": "GEEN",
    "Niet beschikbaar bij gewijzigde moties en/of amendementen": "NIET_BIJ_GEWIJZIGD",
    "Niet beschikbaar bij moties en/of amendementen vóór 1 april 2019": "NIET_BIJ_OUDERE",
    "Nog niet bekend": "NOG_NIET_BEKEND", "Nog te ontvangen": "NOG_TE_ONTVANGEN",
}

# doc id -> the motions (Zaak records) and decisions (Besluit records) its graph holds
Plan = dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]


@dataclass
class Mapped:
    """The graphs of one recording, and what could not be mapped."""

    graphs: dict[str, Graph] = field(default_factory=dict)  # doc id -> graph (map_recording only)
    motions: int = 0
    decisions: int = 0
    on_motion: int = 0  # decisions whose motion the records name
    votes: int = 0
    partial: int = 0  # decisions whose recorded votes do not cover all seats: no totals
    warnings: list[str] = field(default_factory=list)


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


def _timestamp(record: dict[str, Any]) -> Literal | None:
    """ApiGewijzigdOp as an xsd:dateTime (the API writes 7 fractional digits; Python reads 6)."""
    value = record.get("ApiGewijzigdOp") or record.get("GewijzigdOp")
    return Literal(_FRACTION.sub(r"\1", value), datatype=XSD.dateTime) if isinstance(value, str) else None


class TkMapper:
    """One conversion of a recording under ``base``."""

    def __init__(self, rec: Recording, base: str, gazetteer: Gazetteer) -> None:
        self.rec, self.base, self.gazetteer = rec, base.rstrip("/"), gazetteer
        self.people = PersonIndex(rec.of("Persoon").values(), gazetteer)
        self.voters = {s["Persoon_Id"] for s in rec.of("Stemming").values() if s.get("Persoon_Id")}
        countries = [a for a in gazetteer.actors.values() if a.type == "COUNTRY" and a.ent_id != NETHERLANDS]
        forms = {f: a for a in countries for f in (*a.aliases, *a.adjectives, *a.demonyms, a.name)
                 if len(f) > 3 or (len(f) > 1 and f.isupper())}  # 'VS' and 'VK', not 'Tsjaad'-like fragments
        self.country_forms = forms
        self.country_re = re.compile(rf"(?<![\w-])({alternation(forms)})(?![\w-])") if forms else None
        # per graph being built: the nodes described in it (keyed by doc id, dropped with the graph)
        self.described: dict[str, set[URIRef]] = {}
        self.open: dict[str, Graph] = {}  # doc id -> the graph being built
        self._votes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in rec.of("Stemming").values():
            if s.get("Besluit_Id"):
                self._votes[s["Besluit_Id"]].append(s)
        self._days: dict[str, str | None] = {}
        self.out = Mapped()

    # -- helpers ------------------------------------------------------------------------------------

    def graph(self, doc_id: str) -> Graph:
        g = self.open.get(doc_id)
        if g is None:
            g = Graph(identifier=URIRef(graph_iri(self.base, doc_id)), bind_namespaces="core")
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns, override=True)
            self.open[doc_id] = g
        return g

    def record(self, g: Graph, entity_set: str, record: dict[str, Any]) -> URIRef:
        iri = URIRef(record_iri(entity_set, record["Id"]))
        g.add((iri, RDF.type, DKG.OpenDataRecord))
        if (stamp := _timestamp(record)) is not None:
            g.add((iri, DCTERMS.modified, stamp))
        return iri

    def first_time(self, g: Graph, node: URIRef) -> bool:
        seen = self.described.setdefault(str(g.identifier), set())
        if node in seen:
            return False
        seen.add(node)
        return True

    def labels(self, g: Graph, node: URIRef, labels: dict[str, str]) -> None:
        for lang, text in labels.items():
            if text:
                g.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
                g.add((node, RDFS.label, Literal(text, lang=lang)))

    # -- actors ---------------------------------------------------------------------------------------

    def person(self, g: Graph, pid: str) -> URIRef | None:
        p = self.rec.get("Persoon", pid)
        key = self.people.keys.get(pid)
        if p is None or key is None:
            return None
        iri = URIRef(actor_iri(self.base, "PERSON", key))
        if self.first_time(g, iri):
            g.add((iri, RDF.type, DKG.NamedEntity))
            g.add((iri, RDF.type, FOAF.Person))
            g.add((iri, RDF.type, SCHEMA.Person))
            actor = self.people.gazetteer.get(pid)
            self.labels(g, iri, dict(actor.labels) if actor and actor.labels.get("nl") else {"nl": full_name(p)})
            if actor is not None and actor.wikidata:
                g.add((iri, OWL.sameAs, WD[actor.wikidata]))
            if p.get("Initialen"):
                g.add((iri, SKOS.altLabel, Literal(f"{p['Initialen']} {surname(p)}", lang="nl")))
            g.add((iri, DKG.linked, Literal(True)))  # an authoritative register (dkg:linked)
            self.add(g, iri, SCHEMA.givenName, given_name(p))
            self.add(g, iri, SCHEMA.familyName, surname(p))
            g.add((iri, DCTERMS.identifier, Literal(pid)))
            g.add((iri, RDFS.seeAlso, URIRef(record_iri("Persoon", pid))))
        return iri

    def stub(self, g: Graph, name: str) -> URIRef:
        """A submitter the records name but do not identify: the unlinked person a letter would mint."""
        iri = URIRef(actor_iri(self.base, "PERSON", slug(name)))
        if self.first_time(g, iri):
            for cls in (DKG.NamedEntity, FOAF.Person, SCHEMA.Person):
                g.add((iri, RDF.type, cls))
            self.labels(g, iri, {"nl": name})
            g.add((iri, DKG.linked, Literal(False)))
        return iri

    def party(self, g: Graph, fid: str | None) -> URIRef | None:
        f = self.rec.get("Fractie", fid)
        if f is None:
            return None
        iri = URIRef(actor_iri(self.base, "ORGANISATION", party_key(f)))
        if self.first_time(g, iri):
            g.add((iri, RDF.type, DKG.NamedEntity))
            g.add((iri, RDF.type, ORG.Organization))
            self.labels(g, iri, {"nl": f.get("NaamNL") or f.get("Afkorting"), "en": f.get("NaamEN")})
            if f.get("Afkorting") and f.get("Afkorting") != f.get("NaamNL"):
                g.add((iri, SKOS.altLabel, Literal(f["Afkorting"], lang="nl")))
            g.add((iri, DKG.linked, Literal(True)))
            g.add((iri, DCTERMS.identifier, Literal(f["Id"])))
            g.add((iri, RDFS.seeAlso, URIRef(record_iri("Fractie", f["Id"]))))
        return iri

    def country(self, g: Graph, actor: Actor) -> URIRef:
        iri = URIRef(actor_iri(self.base, "COUNTRY", actor.key))
        if self.first_time(g, iri):  # as pipeline.rdf describes a gazetteer country
            g.add((iri, RDF.type, DKG.NamedEntity))
            g.add((iri, RDF.type, SCHEMA.Country))
            self.labels(g, iri, {"nl": actor.name, **{k: v for k, v in actor.labels.items() if v}})
            g.add((iri, DKG.linked, Literal(True)))
            if actor.wikidata:
                g.add((iri, OWL.sameAs, WD[actor.wikidata]))
        return iri

    def countries_in(self, text: str) -> list[Actor]:
        if not self.country_re or not text:
            return []
        found = {}
        for m in self.country_re.finditer(text):
            actor = self.country_forms[m.group(1)]
            found.setdefault(actor.key, actor)
        return list(found.values())

    @staticmethod
    def add(g: Graph, s: URIRef, p: URIRef, value: str | None, lang: str | None = None) -> None:
        if value:
            g.add((s, p, Literal(value, lang=lang)))

    # -- persons, parties, memberships ----------------------------------------------------------------

    def members(self) -> None:
        g = self.graph(MEMBERS_DOC)
        for pid in sorted(self.people.keys):
            iri = self.person(g, pid)
            g.add((iri, PROV.wasDerivedFrom, self.record(g, "Persoon", self.rec.get("Persoon", pid))))
        for fid, f in sorted(self.rec.of("Fractie").items()):
            g.add((self.party(g, fid), PROV.wasDerivedFrom, self.record(g, "Fractie", f)))
        self.seat_memberships(g)
        self.attested_memberships(g)

    def seat_memberships(self, g: Graph) -> None:
        """FractieZetelPersoon records that name their seat's party: memberships with their dates."""
        for zid, z in sorted(self.rec.of("FractieZetelPersoon").items()):
            seat = self.rec.get("FractieZetel", z.get("FractieZetel_Id"))
            person, party = self.person(g, z.get("Persoon_Id") or ""), self.party(g, (seat or {}).get("Fractie_Id"))
            start = _day(z.get("Van"))
            if person is None or party is None or start is None:
                continue
            m = URIRef(f"{self.base}/id/membership/tk-{zid}")
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, person))
            g.add((m, ORG.organization, party))
            interval = URIRef(f"{m}-interval")
            g.add((m, ORG.memberDuring, interval))
            g.add((interval, RDF.type, TIME.Interval))
            ends = ((TIME.hasBeginning, start, "begin"), (TIME.hasEnd, _day(z.get("TotEnMet")), "end"))
            for prop, day, suffix in ends:
                if day:
                    instant = URIRef(f"{m}-{suffix}")
                    g.add((interval, prop, instant))
                    g.add((instant, RDF.type, TIME.Instant))
                    g.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
            g.add((m, PROV.wasDerivedFrom, self.record(g, "FractieZetelPersoon", z)))

    def attested_memberships(self, g: Graph) -> None:
        """A member who votes for a party in a roll call is its member that day: first and last such vote."""
        seen: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for sid, s in self.rec.of("Stemming").items():
            day = self.vote_day(s)
            if s.get("Persoon_Id") in self.people.keys and s.get("Fractie_Id") and day:
                seen[(s["Persoon_Id"], s["Fractie_Id"])].append((day, sid))
        for (pid, fid), days in sorted(seen.items()):
            person, party = self.person(g, pid), self.party(g, fid)
            if person is None or party is None:
                continue
            days.sort()
            m = URIRef(f"{self.base}/id/membership/{self.people.keys[pid]}--{slug(str(party).rsplit('/', 1)[1])}")
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, person))
            g.add((m, ORG.organization, party))
            g.add((m, DKG.firstAttested, Literal(days[0][0], datatype=XSD.date)))
            g.add((m, DKG.lastAttested, Literal(days[-1][0], datatype=XSD.date)))
            for _, sid in (days[0], days[-1]):
                g.add((m, PROV.wasDerivedFrom, URIRef(f"{self.base}/id/vote/tk-{sid}")))

    # -- motions and decisions ------------------------------------------------------------------------

    def vote_day(self, stemming: dict[str, Any]) -> str | None:
        besluit = self.rec.get("Besluit", stemming.get("Besluit_Id"))
        return self.decision_day(besluit) if besluit else _day(stemming.get("GewijzigdOp"))

    def decision_day(self, besluit: dict[str, Any]) -> str | None:
        """The meeting's date where the records give it (Agendapunt -> Activiteit), else the day the
        votes were recorded (their earliest GewijzigdOp)."""
        if besluit["Id"] in self._days:
            return self._days[besluit["Id"]]
        point = self.rec.get("Agendapunt", besluit.get("Agendapunt_Id"))
        activity = self.rec.get("Activiteit", (point or {}).get("Activiteit_Id"))
        day = _day((activity or {}).get("Datum"))
        if day is None:
            days = [d for s in self.votes_of(besluit["Id"]) if (d := _day(s.get("GewijzigdOp")))]
            day = min(days) if days else _day(besluit.get("GewijzigdOp"))
        self._days[besluit["Id"]] = day
        return day

    def votes_of(self, besluit_id: str) -> list[dict[str, Any]]:
        return self._votes.get(besluit_id, [])

    def zaak_of(self, besluit: dict[str, Any]) -> dict[str, Any] | None:
        """The one Zaak the records say a decision is on: the decision's own Zaak, or its agenda item's only one."""
        zaken = self.rec.linked("Besluit", besluit["Id"], "Zaak")
        if not zaken and besluit.get("Agendapunt_Id"):
            zaken = self.rec.linked("Agendapunt", besluit["Agendapunt_Id"], "Zaak")
        return zaken[0] if len(zaken) == 1 else None

    def kamerstuk(self, zaak_id: str) -> str | None:
        found = []
        for doc in self.rec.linked("Zaak", zaak_id, "Document"):
            for version in self.rec.linked("Document", doc["Id"], "HuidigeDocumentVersie"):
                ext = version.get("ExterneIdentifier") or ""
                if ext.startswith("kst-") and _KST.match(ext[4:]):
                    found.append((not str(doc.get("Soort") or "").startswith("Motie"), ext[4:]))
        return min(found)[1] if found else None

    def motion(self, g: Graph, zaak: dict[str, Any]) -> tuple[URIRef, str, list[Actor]]:
        """The motion of a Zaak: its IRI, what it asks (for positions) and the countries it names."""
        number = self.kamerstuk(zaak["Id"])
        iri = URIRef(motion_iri(self.base, number or f"tk-{zaak.get('Nummer') or zaak['Id']}"))
        parsed = parse_onderwerp(zaak.get("Onderwerp"))
        subject = parsed.subject if parsed else (zaak.get("Onderwerp") or zaak.get("Titel") or "")
        countries = self.countries_in(subject)
        if not self.first_time(g, iri):
            return iri, subject, countries
        self.out.motions += 1
        g.add((iri, RDF.type, OPENGOV.Motion))
        if number:
            g.add((iri, DCTERMS.identifier, Literal(number)))
        g.add((iri, RDFS.label, Literal(f"Motie {number}" if number else "Motie", lang="nl")))
        self.add(g, iri, DCTERMS.title, zaak.get("Onderwerp"), "nl")
        self.add(g, iri, DCTERMS.subject, subject, "nl")
        if day := _day(zaak.get("GestartOp")):
            g.add((iri, DCTERMS.dateSubmitted, date_literal(day)))
        g.add((iri, DKG.amended, Literal(bool(parsed and parsed.amended))))
        g.add((iri, DKG.cosigners, Literal(bool(parsed and parsed.cosigners))))
        for person in self.submitters(g, zaak, parsed.names if parsed else []):
            g.add((iri, SCHEMA.creator, person))
        appraisal = zaak.get("Kabinetsappreciatie")
        if appraisal in APPRAISALS:
            g.add((iri, DKG.cabinetAppraisal, DKG[f"appraisal-{APPRAISALS[appraisal]}"]))
        elif appraisal:
            self.out.warnings.append(f"Zaak {zaak.get('Nummer')}: unknown Kabinetsappreciatie {appraisal!r}")
        for actor in countries:
            g.add((iri, DCTERMS.spatial, self.country(g, actor)))
        record = self.record(g, "Zaak", zaak)
        self.add(g, record, DCTERMS.identifier, zaak.get("Nummer"))
        g.add((iri, PROV.wasDerivedFrom, record))
        g.add((iri, RDFS.seeAlso, record))
        return iri, subject, countries

    def submitters(self, g: Graph, zaak: dict[str, Any], names: list[str]) -> list[URIRef]:
        actors = [a for a in self.rec.linked("Zaak", zaak["Id"], "ZaakActor")
                  if a.get("Relatie") in ("Indiener", "Medeindiener") and a.get("Persoon_Id")]
        if actors:  # the records name them: no reading of names needed
            actors.sort(key=lambda a: a.get("Relatie") != "Indiener")
            return [p for a in actors if (p := self.person(g, a["Persoon_Id"])) is not None]
        out = []
        for name in names:
            pid = self.people.member(name, self.voters)
            out.append((self.person(g, pid) if pid else None) or self.stub(g, name))
        return list(dict.fromkeys(out))

    @staticmethod
    def batch(zaak: dict[str, Any]) -> str:
        """A motion's graph: those submitted in its month (``tk-2025-03``), with their decisions."""
        return f"tk-{(_day(zaak.get('GestartOp')) or '0000-00')[:7]}"

    def placed(self, besluit: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None]:
        """A decision's graph, the motion it is on (if any) and its day."""
        day = self.decision_day(besluit)
        zaak = self.zaak_of(besluit)
        if zaak is not None and zaak.get("Soort") == "Motie":
            return self.batch(zaak), zaak, day
        # on no motion: in the graph of the month it was voted
        return f"tk-{(day or '0000-00')[:7]}", None, day

    def plan(self) -> Plan:
        """Doc id -> its motions (by Zaak id) and its decisions (by Besluit id), ``tk-leden`` included."""
        work: Plan = {MEMBERS_DOC: ([], [])}
        for _, zaak in sorted(self.rec.of("Zaak").items()):
            if zaak.get("Soort") == "Motie":
                work.setdefault(self.batch(zaak), ([], []))[0].append(zaak)
        for bid in sorted(self._votes):
            besluit = self.rec.get("Besluit", bid)
            if besluit is not None:
                work.setdefault(self.placed(besluit)[0], ([], []))[1].append(besluit)
        return work

    def graphs(self, work: Plan | None = None) -> Iterator[tuple[str, Graph]]:
        """Every graph of the recording (of ``work``, a :meth:`plan`), one at a time in doc id order: each
        is built when asked for and then let go, so a whole term is never in memory as rdflib graphs
        at once (1.5 million triples took 1.5 GB)."""
        for doc_id, (zaken, besluiten) in sorted((self.plan() if work is None else work).items()):
            if doc_id == MEMBERS_DOC:
                self.members()
            for zaak in zaken:
                self.motion(self.graph(doc_id), zaak)
            for besluit in besluiten:
                self.decision(besluit)
            g = self.open.pop(doc_id)
            self.described.pop(str(g.identifier), None)
            yield doc_id, g

    def decision(self, besluit: dict[str, Any]) -> None:
        doc_id, zaak, day = self.placed(besluit)
        g = self.graph(doc_id)
        ve = URIRef(f"{self.base}/id/vote-event/tk-{besluit['Id']}")
        self.out.decisions += 1
        g.add((ve, RDF.type, OPENGOV.VoteEvent))
        g.add((ve, PROV.wasDerivedFrom, self.record(g, "Besluit", besluit)))
        if day:
            g.add((ve, SCHEMA.startDate, Literal(day, datatype=XSD.date)))
        kind = str(besluit.get("BesluitSoort") or "").lower()
        result = OPENGOV.Pass if "aangenomen" in kind else OPENGOV.Fail if "verworpen" in kind else None
        if result is not None:
            g.add((ve, OPENGOV.result, result))
        self.add(g, ve, DCTERMS.description, besluit.get("BesluitTekst"), "nl")
        self.add(g, ve, DCTERMS.type, besluit.get("StemmingsSoort"), "nl")
        point = self.rec.get("Agendapunt", besluit.get("Agendapunt_Id"))
        if point is not None:
            item = self.record(g, "Agendapunt", point)
            self.add(g, item, DCTERMS.title, point.get("Onderwerp"), "nl")
            g.add((ve, DCTERMS.isPartOf, item))
        motion = subject = None
        countries: list[Actor] = []
        if zaak is not None:
            self.out.on_motion += 1
            motion, subject, countries = self.motion(g, zaak)
            g.add((ve, OPENGOV.motion, motion))
        totals: dict[str, int] = defaultdict(int)
        for s in sorted(self.votes_of(besluit["Id"]), key=lambda s: s["Id"]):
            option, weight = self.vote(g, ve, s)
            if option is None:
                continue
            totals[option] += weight
            if motion is not None and option in ("yes", "no"):
                self.position(g, s, option, motion, subject, countries, day)
        if sum(totals.values()) != SEATS:
            # Votes missing from the records (a recording cut off mid-decision): their totals would
            # contradict the outcome, so none are given; the votes that are there stay.
            self.out.partial += 1
            return
        for option, cls in (("yes", OPENGOV.YesCount), ("no", OPENGOV.NoCount)):
            count = URIRef(f"{self.base}/id/vote-count/tk-{besluit['Id']}-{option}")
            g.add((ve, OPENGOV["count"], count))
            g.add((count, RDF.type, OPENGOV.Count))
            g.add((count, RDF.type, cls))
            g.add((count, RDF.value, Literal(totals[option], datatype=XSD.integer)))

    def vote(self, g: Graph, ve: URIRef, s: dict[str, Any]) -> tuple[str | None, int]:
        option = OPTIONS.get(s.get("Soort") or "")
        party = self.party(g, s.get("Fractie_Id"))
        member = self.member(g, s) if s.get("Persoon_Id") else None
        voter = member or (None if s.get("Persoon_Id") else party)
        if option is None or voter is None:
            self.out.warnings.append(f"Stemming {s['Id']}: no voter or unknown option {s.get('Soort')!r}; left out")
            return None, 0
        weight = 1 if member is not None else int(s.get("FractieGrootte") or 0)
        vote = URIRef(f"{self.base}/id/vote/tk-{s['Id']}")
        self.out.votes += 1
        g.add((ve, OPENGOV.vote, vote))
        g.add((vote, RDF.type, OPENGOV.Vote))
        g.add((vote, OPENGOV.voteEvent, ve))
        g.add((vote, SCHEMA.agent, voter))
        g.add((vote, SCHEMA.option, Literal(option)))
        g.add((vote, OPENGOV.weight, Literal(weight, datatype=XSD.integer)))
        if party is not None:
            g.add((vote, OPENGOV.politicalGroup, party))
        g.add((vote, PROV.wasDerivedFrom, self.record(g, "Stemming", s)))
        return option, weight

    def member(self, g: Graph, s: dict[str, Any]) -> URIRef | None:
        """The member who cast a roll-call vote; a record without a name is found by the vote's ActorNaam."""
        found = self.person(g, s["Persoon_Id"])
        if found is None and (name := name_from_actor(s.get("ActorNaam"))):
            pid = self.people.member(name, self.voters)
            found = (self.person(g, pid) if pid else None) or self.stub(g, name)
        return found

    def position(self, g: Graph, s: dict[str, Any], option: str, motion: URIRef, subject: str | None,
                 countries: Iterable[Actor], day: str | None) -> None:
        """A vote for (against) a motion: the voter supports (opposes) what the motion asks."""
        vote = URIRef(f"{self.base}/id/vote/tk-{s['Id']}")
        holder = g.value(vote, SCHEMA.agent)
        pos = URIRef(f"{self.base}/id/position/tk-{s['Id']}")
        g.add((pos, RDF.type, DKG.Position))
        g.add((pos, DKG.holder, holder))
        g.add((pos, DKG.stance, DKG["stance-SUPPORTS" if option == "yes" else "stance-OPPOSES"]))
        g.add((pos, DKG.target, Literal(subject or str(motion), lang="nl")))
        g.add((pos, DKG.motion, motion))
        for actor in countries:
            g.add((pos, DKG.targetActor, self.country(g, actor)))
        if day:
            g.add((pos, DCTERMS.date, Literal(day, datatype=XSD.date)))
            g.add((pos, DKG.dateBasis, DKG["date-record"]))
        g.add((pos, PROV.wasDerivedFrom, vote))
        g.add((pos, PROV.wasDerivedFrom, URIRef(record_iri("Stemming", s["Id"]))))


def map_recording(rec: Recording, base: str, gazetteer: Gazetteer) -> Mapped:
    """Every graph of a recording: ``tk-leden`` (persons, parties, memberships) and ``tk-YYYY-MM`` (the
    motions submitted that month with their decisions, and the decisions on no known motion voted then),
    all in memory at once (``TkMapper.graphs`` gives them one at a time)."""
    mapper = TkMapper(rec, base, gazetteer)
    mapper.out.graphs.update(mapper.graphs())
    return mapper.out
