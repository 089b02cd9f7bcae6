"""Extraction -> RDF: the triples of one document's named graph.

Modelling in one paragraph (the ontology is ``ontology/diplokg.ttl``): actors are shared
``dkg:NamedEntity`` nodes typed with FOAF/schema.org/ORG classes; every fact the extractor asserts
(mention, post, motion, event, position) is a node typed ``dkg:Statement`` that carries its own
provenance: ``prov:wasDerivedFrom`` the document and the sentence anchor, ``dkg:anchor`` the
anchor (a ``oa:TextPositionSelector`` + ``oa:TextQuoteSelector`` with offsets and the quote),
``prov:wasGeneratedBy`` the extraction activity and ``dkg:confidence``. Hence "the sentence behind
this fact" is the one hop ``?fact dkg:anchor/oa:exact ?sentence``: see :data:`PROVENANCE_QUERY`.

Posts are shared like actors and motions: one ``org:Post`` per (holder, role, organisation),
dated by the letters that attest it (``dkg:firstAttested``/``dkg:lastAttested``). This module
builds one document's whole graph (the SHACL gate sees it whole); the store then keeps what it says
about shared nodes once, in the actors graph (``pipeline.store.shared``).

No blank nodes: every node gets a minted IRI, so a document's graph can be replaced, diffed and
dereferenced; anchors are named by their offsets so the same sentence always gets the same IRI.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV

from pipeline import __version__
from pipeline.extraction import ENTITY_TYPES, Entity, Extraction, Motion, Provenance, Role
from pipeline.iris import (
    ONTOLOGY_NS,
    actor_iri,
    document_iri,
    graph_iri,
    local_iri,
    motion_iri,
    slug,
)

DKG = Namespace(ONTOLOGY_NS)
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
# http, not https: Popolo, Wikidata and most SPARQL users spell schema.org this way.
SCHEMA = Namespace("http://schema.org/")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES = {
    "dkg": DKG, "org": ORG, "sem": SEM, "schema": SCHEMA, "opengov": OPENGOV, "oa": OA, "wd": WD,
    "prov": PROV, "dcterms": DCTERMS, "foaf": FOAF, "skos": SKOS, "owl": OWL, "time": TIME,
}

# Classes per entity type, besides dkg:NamedEntity. Persons get both FOAF and schema.org so that
# consumers of either vocabulary find them without inference.
ENTITY_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "PERSON": (FOAF.Person, SCHEMA.Person),
    "COUNTRY": (SCHEMA.Country,),
    "ORGANISATION": (ORG.Organization,),
    "PLACE": (SCHEMA.Place,),
    "MEETING": (SCHEMA.Event,),  # a named meeting ("Raad Buitenlandse Zaken"), not an extracted sem:Event
    "DOCUMENT": (FOAF.Document,),
}

# Resolution order when a key is known under several types (keys are only unique per type).
_TYPE_PREFERENCE = ("COUNTRY", "ORGANISATION", "PERSON", "PLACE", "MEETING", "DOCUMENT")

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)
_FORMER = re.compile(r"(?i)(?:voormalige?\s+|oud-)(?=\w)")
_VERSIONED = re.compile(r"^(?P<name>.+?)[@/ ]v?(?P<version>\d[\w.+-]*)$")

PROVENANCE_QUERY = """\
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
# The sentence behind a fact. Bind ?fact (initBindings / substitutions / VALUES) or leave it free to
# list every fact with its sentence. The document is read from the anchor, not from the fact, so
# that facts shared across documents (actors, motions) still pair each sentence with its document.
# DISTINCT only guards stores written without the split (replace_graph): diplokg's own store holds each
# triple once (pipeline.store.shared), so the union default graph repeats no row.
SELECT DISTINCT ?fact ?sentence ?exact ?start ?end ?document ?title ?confidence ?activity ?agent ?version WHERE {
  ?fact dkg:anchor ?anchor .
  ?anchor rdf:value ?sentence ; oa:exact ?exact ;
          oa:start ?start ;
          oa:end ?end ;
          prov:wasQuotedFrom ?document .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?fact dkg:confidence ?confidence }
  OPTIONAL {
    ?fact prov:wasGeneratedBy ?activity .
    ?activity prov:used ?document ;
              prov:wasAssociatedWith ?agent .
    OPTIONAL { ?agent dkg:extractorVersion ?version }
  }
}
ORDER BY ?document ?start ?end
"""


def provenance_query(fact: str) -> str:
    """PROVENANCE_QUERY with ?fact fixed by a VALUES clause (for stores without initial bindings)."""
    return PROVENANCE_QUERY.replace(
        "?fact dkg:anchor ?anchor .", f"VALUES ?fact {{ <{fact}> }}\n  ?fact dkg:anchor ?anchor .", 1
    )


def date_literal(value: str) -> Literal:
    """ISO date of any precision -> xsd:date / xsd:gYearMonth / xsd:gYear.

    Anything else stays a plain string on purpose: the SHACL gate then refuses it with the sentence,
    instead of the converter silently dropping a fact.
    """
    value = value.strip()
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def split_extractor(extractor: str) -> tuple[str, str]:
    """'diplokg@0.2.0' / 'stance/3' / 'diplokg' -> (name, version); the package version by default."""
    m = _VERSIONED.match(extractor.strip())
    if m:
        return m["name"], m["version"]
    return extractor.strip() or "diplokg", __version__


def graph_for(extraction: Extraction, base: str) -> tuple[URIRef, Graph]:
    """The document's named-graph IRI and its triples."""
    return URIRef(graph_iri(base, extraction.document.doc_id)), to_graph(extraction, base)


def to_graph(extraction: Extraction, base: str) -> Graph:
    """All triples of one document's named graph. Pure: same extraction, same graph."""
    return _Builder(extraction, base.rstrip("/")).build()


class _Builder:
    """One conversion. A class only to share the graph, the base and the entity index."""

    def __init__(self, extraction: Extraction, base: str) -> None:
        self.x = extraction
        self.base = base
        self.doc_id = extraction.document.doc_id
        ident = URIRef(graph_iri(base, self.doc_id))
        # "core" bindings only: rdflib's defaults bind schema: to https://schema.org/.
        self.g = Graph(identifier=ident, bind_namespaces="core")
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns, override=True)
        self.doc = URIRef(document_iri(base, self.doc_id))
        self.entities: dict[tuple[str, str], Entity] = {}  # (type, key) -> first entity seen
        for e in extraction.entities:
            self.entities.setdefault((e.type, e.key), e)
        self.stubs: set[URIRef] = set()
        self.counters: dict[str, int] = {}
        # Named meetings by the sentences that name them, and the dates the document gives them
        # (the own date of an event whose sentence names the meeting): "its meeting's date".
        self.meeting_mentions = [(p.start, p.end, URIRef(actor_iri(self.base, "MEETING", e.key)))
                                 for e in extraction.entities if e.type == "MEETING" for p in e.mentions]
        self.meeting_dates: dict[URIRef, str] = {}
        for v in sorted(extraction.events, key=lambda v: v.type != "MEETING"):  # meetings' own dates first
            for meeting in self.meetings_in(v.provenance) if v.date else ():
                self.meeting_dates.setdefault(meeting, v.date)

    # -- helpers ------------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def next_iri(self, kind: str) -> URIRef:
        n = self.counters[kind] = self.counters.get(kind, 0) + 1
        return URIRef(local_iri(self.base, kind, self.doc_id, n))

    def nl(self, text: str | None) -> Literal | None:
        return Literal(text, lang="nl") if text else None

    def meetings_in(self, prov: Provenance) -> list[URIRef]:
        """The named meetings the sentence of ``prov`` names (mentions are sentence-anchored)."""
        return list(dict.fromkeys(m for start, end, m in self.meeting_mentions
                                  if start < prov.end and prov.start < end))

    def dated(self, node: URIRef, prop: URIRef, own: str | None, prov: Provenance) -> None:
        """A date for every event and position, with where it comes from (dkg:dateBasis):
        the sentence's own date, else the date the document gives a meeting the sentence names,
        else the document's date (the day it reports the fact). Undated documents leave it out."""
        meeting = next((self.meeting_dates[m] for m in self.meetings_in(prov) if m in self.meeting_dates), None)
        for value, basis in ((own, "own"), (meeting, "meeting"), (self.x.document.date, "document")):
            if value:
                self.g.add((node, prop, date_literal(value)))
                self.g.add((node, DKG.dateBasis, DKG[f"date-{basis}"]))
                return

    def anchor(self, prov: Provenance) -> URIRef:
        # Named by offsets: facts from the same sentence share one anchor, and rebuilding a
        # document gives the same anchor IRIs whatever order the facts come in.
        iri = URIRef(f"{local_iri(self.base, 'anchor', self.doc_id, prov.start)}-{prov.end}")
        if (iri, RDF.type, DKG.SentenceAnchor) not in self.g:
            self.g.add((iri, RDF.type, DKG.SentenceAnchor))
            self.g.add((iri, RDF.type, OA.TextPositionSelector))
            self.g.add((iri, RDF.type, OA.TextQuoteSelector))
            self.g.add((iri, OA.start, Literal(prov.start, datatype=XSD.nonNegativeInteger)))
            self.g.add((iri, OA.end, Literal(prov.end, datatype=XSD.nonNegativeInteger)))
            # oa:exact is the original text at the offsets (Web Annotation semantics); rdf:value is the
            # sentence as prepared (hyphenation joined, whitespace collapsed), the one people read.
            self.g.add((iri, OA.exact, Literal(self.x.text[prov.start:prov.end] or prov.sentence)))
            self.g.add((iri, RDF.value, Literal(prov.sentence)))
            self.g.add((iri, PROV.wasQuotedFrom, self.doc))
        return iri

    def activity(self, extractor: str) -> URIRef:
        """One extraction activity per (document, extractor), associated with a versioned agent."""
        name, version = split_extractor(extractor or self.x.extractor)
        agent = URIRef(f"{self.base}/id/agent/{slug(name)}-{slug(version)}")
        act = URIRef(f"{self.base}/id/extraction/{slug(self.doc_id)}-{slug(name)}-{slug(version)}")
        if (act, RDF.type, PROV.Activity) not in self.g:
            self.g.add((act, RDF.type, PROV.Activity))
            self.g.add((act, RDF.type, DKG.ExtractionActivity))
            self.g.add((act, PROV.used, self.doc))
            self.g.add((act, PROV.wasAssociatedWith, agent))
            self.g.add((agent, RDF.type, PROV.SoftwareAgent))
            self.g.add((agent, RDFS.label, Literal(f"{name} {version}")))
            self.g.add((agent, DKG.extractorVersion, Literal(version)))
        return act

    def provenance(self, node: URIRef, provs: Iterable[Provenance]) -> None:
        """Mark ``node`` as a statement and attach each provenance record to it."""
        provs = list(provs)
        self.g.add((node, RDF.type, DKG.Statement))
        self.g.add((node, PROV.wasDerivedFrom, self.doc))
        for p in provs:
            a = self.anchor(p)
            self.g.add((node, DKG.anchor, a))
            self.g.add((node, PROV.wasDerivedFrom, a))  # materialised: PROV readers need no inference
            self.g.add((node, PROV.wasGeneratedBy, self.activity(p.extractor)))
        if provs:
            # One value per node per graph; when a node has several sentences, keep the best.
            best = max(p.confidence for p in provs)
            self.g.add((node, DKG.confidence, Literal(Decimal(str(round(best, 4))), datatype=XSD.decimal)))

    def entity_iri(
        self, key: str | None, name: str, type_hint: str | None = None, strict: bool = False
    ) -> URIRef:
        """IRI of an actor by key; unknown actors become minimal, unlinked stubs (never dropped).

        Keys are unique per type only, so the hinted type is tried first; ``strict`` tries no other
        type (a role holder or motion submitter is a person, whatever else shares the surname).
        """
        key = key or slug(name)
        prefix, sep, rest = key.partition(":")
        if sep and prefix in ENTITY_TYPES:  # an actor id "TYPE:key", as the pipeline writes them
            type_hint, key, strict = prefix, rest, True
        types = [type_hint] if type_hint else []
        if not strict:
            types += [t for t in _TYPE_PREFERENCE if t != type_hint]
        for t in types:
            if (t, key) in self.entities:
                return URIRef(actor_iri(self.base, t, key))
        if type_hint in ENTITY_TYPES:
            iri = URIRef(actor_iri(self.base, type_hint, key))
        else:
            # No type known: a generic path, so no class is guessed.
            iri = URIRef(f"{self.base}/id/actor/{key}")
        if iri not in self.stubs:
            self.stubs.add(iri)
            self.g.add((iri, RDF.type, DKG.NamedEntity))
            for cls in ENTITY_CLASSES.get(type_hint or "", ()):
                self.g.add((iri, RDF.type, cls))
            self.g.add((iri, SKOS.prefLabel, Literal(name, lang="nl")))
            self.g.add((iri, RDFS.label, Literal(name, lang="nl")))
            self.g.add((iri, DKG.linked, Literal(False)))
        return iri

    # -- the parts ------------------------------------------------------------------------------

    def build(self) -> Graph:
        self.document()
        self.named_entities()
        self.roles()
        self.motions()
        self.events()
        self.positions()
        return self.g

    def document(self) -> None:
        d, meta = self.doc, self.x.document
        self.g.add((d, RDF.type, DKG.Document))
        self.g.add((d, RDF.type, FOAF.Document))
        self.g.add((d, DCTERMS.identifier, Literal(meta.doc_id)))
        self.add(d, DCTERMS.title, self.nl(meta.title))
        self.add(d, DCTERMS.date, date_literal(meta.date) if meta.date else None)
        self.add(d, DKG.documentKind, self.nl(meta.kind))
        self.add(d, DKG.kamerstuk, Literal(meta.kamerstuk) if meta.kamerstuk else None)
        # The Kamerstuk as an actor-like document other letters cite (see extraction._add_own_number).
        self.add(d, PROV.alternateOf,
                 URIRef(actor_iri(self.base, "DOCUMENT", slug(meta.kamerstuk))) if meta.kamerstuk else None)
        self.add(d, DKG.sha256, Literal(meta.sha256.lower()) if meta.sha256 else None)
        for name in meta.submitters:  # as the publication's metadata names them (Kamerstuk XML)
            self.g.add((d, DCTERMS.creator, Literal(name)))

    def named_entities(self) -> None:
        seen: set[URIRef] = set()
        for e in self.x.entities:
            iri = URIRef(actor_iri(self.base, e.type, e.key)) if e.type in ENTITY_TYPES else None
            if iri is None:
                iri = self.entity_iri(e.key, e.name)
            elif iri not in seen:
                seen.add(iri)
                self.entity_node(iri, e)
            for prov in dict.fromkeys(e.mentions):  # dedupe, keep order
                m = self.next_iri("mention")
                self.g.add((m, RDF.type, DKG.Mention))
                self.g.add((m, DKG.mentionOf, iri))
                self.provenance(m, [prov])

    def entity_node(self, iri: URIRef, e: Entity) -> None:
        self.g.add((iri, RDF.type, DKG.NamedEntity))
        for cls in ENTITY_CLASSES[e.type]:
            self.g.add((iri, RDF.type, cls))
        labels = {lang: text for lang, text in e.labels.items() if text}
        labels.setdefault("nl", e.name)
        for lang, text in labels.items():
            self.g.add((iri, SKOS.prefLabel, Literal(text, lang=lang)))
            self.g.add((iri, RDFS.label, Literal(text, lang=lang)))
        for alias in sorted({*e.aliases, e.name} - {labels["nl"]}):
            self.g.add((iri, SKOS.altLabel, Literal(alias, lang="nl")))
        self.g.add((iri, DKG.linked, Literal(bool(e.linked))))
        if e.wikidata and e.wikidata.strip():
            # Only a curated QID ever reaches this point; the shapes also require dkg:linked true.
            self.g.add((iri, OWL.sameAs, WD[e.wikidata.strip()]))

    def roles(self) -> None:
        # One post per (holder, role, organisation), shared by every document that names it (its
        # description lives once in the actors graph); each document adds its sentences and date.
        # 'voormalig minister' / 'oud-premier' is that same post, which by the letter's date had ended.
        groups: dict[URIRef, list[tuple[Role, bool, URIRef, URIRef, URIRef | None]]] = {}
        for r in self.x.roles:
            former = _FORMER.match(r.role)
            wording = r.role[former.end():] if former else r.role
            person = self.entity_iri(r.person_key, r.person, "PERSON", strict=True)
            org = self.entity_iri(r.of_key, r.of or r.of_key or "", r.of_type) if (r.of or r.of_key) else None
            role = URIRef(f"{self.base}/id/role/{slug(wording)}")
            groups.setdefault(self.post_iri(person, role, org), []).append(
                (dataclasses.replace(r, role=wording), bool(former), person, role, org))
        date = date_literal(self.x.document.date) if self.x.document.date else None
        for post, found in groups.items():
            r, _, person, role, org = found[0]
            self.g.add((post, RDF.type, ORG.Post))
            self.g.add((person, ORG.holds, post))
            self.g.add((post, ORG.role, role))
            self.g.add((role, RDF.type, ORG.Role))
            self.g.add((role, RDF.type, SKOS.Concept))
            if self.g.value(role, SKOS.prefLabel) is None:  # 'President' and 'president' are one role
                self.g.add((role, SKOS.prefLabel, Literal(r.role, lang="nl")))
            if org is not None:
                self.g.add((post, ORG.postIn, org))
            label = f"{r.role} ({r.of})" if org is not None and r.of else r.role
            self.g.add((post, RDFS.label, Literal(label, lang="nl")))
            # The letter's date attests the post; across documents the actors graph keeps the
            # earliest and the latest (pipeline.store.shared.merge). A letter that calls the holder
            # former attests only that the post had ended by its date.
            if any(not f[1] for f in found):
                self.add(post, DKG.firstAttested, date)
                self.add(post, DKG.lastAttested, date)
            if any(f[1] for f in found):
                self.add(post, DKG.endedBy, date)
            self.provenance(post, [f[0].provenance for f in found])

    def post_iri(self, holder: URIRef, role: URIRef, org: URIRef | None) -> URIRef:
        def part(iri: URIRef) -> str:
            return slug(str(iri).removeprefix(f"{self.base}/id/"))

        parts = [part(holder), part(role).removeprefix("role-")] + ([part(org)] if org is not None else [])
        return URIRef(f"{self.base}/id/post/{'--'.join(parts)}")

    def motions(self) -> None:
        # A motion printed twice in one document is one node: merge before emitting, so the
        # single-valued properties stay single-valued.
        groups: dict[URIRef, list[Motion]] = {}
        for m in self.x.motions:
            iri = URIRef(motion_iri(self.base, m.id)) if m.id else self.next_iri("motion")
            groups.setdefault(iri, []).append(m)
        for iri, ms in groups.items():
            first = ms[0]
            self.g.add((iri, RDF.type, OPENGOV.Motion))
            self.add(iri, DCTERMS.identifier, Literal(first.id) if first.id else None)
            date = next((m.date for m in ms if m.date), None)
            self.add(iri, DCTERMS.dateSubmitted, date_literal(date) if date else None)
            self.add(iri, DCTERMS.subject, self.nl(next((m.topic for m in ms if m.topic), None)))
            self.add(iri, DKG.execution, self.nl(next((m.execution for m in ms if m.execution), None)))
            self.g.add((iri, DKG.amended, Literal(any(m.amended for m in ms))))
            self.g.add((iri, DKG.cosigners, Literal(any(m.cosigners for m in ms))))
            label = f"Motie {first.id}" if first.id else "Motie"
            self.g.add((iri, RDFS.label, Literal(label, lang="nl")))
            for name in dict.fromkeys(s for m in ms for s in m.submitters):
                # TODO(lead): person keys for submitters; until then the surname slug.
                self.g.add((iri, SCHEMA.creator, self.entity_iri(slug(name), name, "PERSON", strict=True)))
            self.provenance(iri, [m.provenance for m in ms if m.provenance])

    def events(self) -> None:
        for v in self.x.events:
            ev = self.next_iri("event")
            self.g.add((ev, RDF.type, SEM.Event))
            self.g.add((ev, SEM.eventType, DKG[f"event-{v.type}"]))
            self.dated(ev, SEM.hasTimeStamp, v.date, v.provenance)
            for meeting in self.meetings_in(v.provenance):
                self.g.add((ev, DKG.meeting, meeting))
            for name, key in zip(v.participants, v.participant_keys, strict=False):
                self.g.add((ev, SEM.hasActor, self.entity_iri(key, name)))
            if v.place or v.place_key:
                place = self.entity_iri(v.place_key, v.place or v.place_key or "", "PLACE")
                self.g.add((ev, SEM.hasPlace, place))
            self.add(ev, DCTERMS.description, self.nl(v.summary))
            self.add(ev, RDFS.label, self.nl(v.meeting))  # 'Eurotop' beside 'Europese Raad' in one sentence
            self.provenance(ev, [v.provenance])

    def positions(self) -> None:
        for p in self.x.positions:
            pos = self.next_iri("position")
            self.g.add((pos, RDF.type, DKG.Position))
            if p.holder or p.holder_key:
                self.g.add((pos, DKG.holder, self.entity_iri(p.holder_key, p.holder)))
            self.g.add((pos, DKG.stance, DKG[f"stance-{p.stance}"]))
            self.add(pos, DKG.target, self.nl(p.target))
            for name, key in zip(p.target_entities, p.target_keys, strict=False):
                self.g.add((pos, DKG.targetActor, self.entity_iri(key, name)))
            self.dated(pos, DCTERMS.date, p.date, p.provenance)
            self.provenance(pos, [p.provenance])
