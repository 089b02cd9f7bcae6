"""Linking and coreference: one key, one canonical name, one IRI per actor.

Every entity span leaves this component with ``ent_id_ == "TYPE:key"`` and an
entry in ``doc._.actors``. Gazetteer actors keep their curated key and QID;
other names get a key minted from their surname or text and are marked
unlinked. Within a document, a shorter person mention whose words are a
subset of a longer one ('Malki' / 'Riyad Al-Malki') is the same person, and
a bare post ('de Hoge Vertegenwoordiger') resolves to its holder at the
document's date when the gazetteer knows one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import extensions
from pipeline.gazetteer import CABINET, NETHERLANDS, Actor, Gazetteer, default_gazetteer
from pipeline.iris import slug
from pipeline.patterns import INITIAL
from pipeline.patterns.roles import ACTOR_NOUNS, NOT_NAMES, PARTICLES, SIGNATURE, contextual_references

POST_MENTION = re.compile(r"\b(?:de|De)\s(?P<post>Hoge\sVertegenwoordiger|HV|Secretaris-Generaal|Commissievoorzitter)\b"
                          r"(?!\s(?:[A-Z][a-z]|van\s(?:de\s)?[A-Z]))")
# 'SG NAVO', 'de secretaris-generaal van de NAVO', 'SGVN': the head of an international organisation named by post
# and organisation; the organisation stays a mention of its own.
ORG_POST_MENTION = re.compile(r"\b(?P<post>SG|[Ss]ecretaris-[Gg]eneraal)(?:\s(?:van\s(?:de\s)?)?|(?=VN\b))"
                              r"(?P<org>NAVO|VN|OVSE)\b")
POST_ORGANISATIONS = {"NAVO": "ORGANISATION:nato", "VN": "ORGANISATION:un", "OVSE": "ORGANISATION:osce"}
POST_TITLES = {"HV": "Hoge Vertegenwoordiger", "SG": "secretaris-generaal"}  # abbreviations a letter uses
# 'de Minister van Buitenlandse Zaken', 'BRIEF VAN DE MINISTER-PRESIDENT': a Dutch cabinet post with no name
# after it and no country of its own ('de minister van Buitenlandse Zaken van Rusland' is someone else's).
DUTCH_POST_MENTION = re.compile(
    r"\b(?:de|De|DE)\s(?P<post>(?i:minister(?:-president|\s(?:van|voor)\s(?:buitenlandse\szaken|defensie"
    r"|buitenlandse\shandel\sen\sontwikkelingssamenwerking|ontwikkelingssamenwerking))))\b"
    r"(?![ \t](?:[A-Z][a-z]|van[ \t](?:de[ \t]|het[ \t])?[A-Z])|-)")
# Above answers to Kamervragen: 'Antwoord van Minister Koenders (Buitenlandse Zaken), mede namens ...'.
ANSWER_AUTHOR = re.compile(r"^[ \t]*Antwoord\svan\s(?:de\s)?(?P<title>[Mm]inister|[Ss]taatssecretaris)\s"
                           r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)(?:\s\((?P<portfolio>[A-Z][^()\n]{3,60})\))?",
                           re.MULTILINE)
# Answers to Kamervragen without the answering minister's name: the questions come numbered ('Vraag 1').
NUMBERED_QUESTIONS = re.compile(rf"^[ \t]*{extensions.QUESTION_BULLET}Vraag[ \t]+1[ \t]*$", re.MULTILINE)
FIRST_PERSON_SINGULAR = re.compile(r"\b(?:ik|mij|mijn)\b", re.IGNORECASE)
# The front page names who writes: 'Nr. 209 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN'.
HEADER_AUTHOR = re.compile(r"^[ \t]*(?:Nr\.[ \t]*\d+[ \t]+)?(?i:brief[ \t]+van[ \t]+de)[ \t]+(?=\S)", re.MULTILINE)


@dataclass
class ActorInfo:
    ent_id: str
    type: str
    key: str
    name: str
    wikidata: str | None = None
    linked: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_actor(cls, actor: Actor) -> ActorInfo:
        return cls(actor.ent_id, actor.type, actor.key, actor.name, actor.wikidata, True, dict(actor.labels))


def surname(name: str) -> str:
    """'Riyad Al-Malki' -> 'Al-Malki', 'Ursula von der Leyen' -> 'von der Leyen', 'S.A. Blok' -> 'Blok'."""
    words = [w for w in name.split() if not re.fullmatch(rf"(?:{INITIAL})+", w)]
    if len(words) <= 1 or words[0].lower() in PARTICLES:  # 'Van der Staaij' is all surname
        return " ".join(words)
    for i, w in enumerate(words[1:], start=1):
        if w.lower() in PARTICLES:
            return " ".join(words[i:])
    return words[-1]


# 'EU-leiders', 'VN-missie', 'NAVO-bondgenoten', 'in Benelux-verband', 'ASEAN-landen': a body the gazetteer knows as
# the first part of a compound (the four most common also before a capital: 'EU-Turkije actieplan').
BODY_COMPOUND = re.compile(r"\b(?P<body>EU|VN|NAVO|OVSE)-\w[\w-]*|(?<![\w-])(?P<other>[A-Z][\w]*)-[a-z][\w-]*")
NAMES_A_BODY_INSIDE = ("", "MEETING", "DOCUMENT")  # what a compound on a body may be part of
# 'de kabinetsreactie op het AIV-advies': the cabinet's own reaction names the cabinet (in 6 of the 7 annotated
# documents that name it only so; 'kabinetsperiode', 'kabinetsstandpunt' do not, or not as often).
CABINET_COMPOUND = re.compile(r"\b[Kk]abinetsreacties?\b")
INITIALS = re.compile(rf"(?:{INITIAL}){{1,5}}")


def _with_initials(span: Span) -> Span:
    """'S.A. Blok' is one mention: initials before a person's name belong to it, spaced ones too ('H. P. M.
    Knapen', one token each)."""
    start = span.start
    while span.label_ == "PERSON" and start > 0 and INITIALS.fullmatch(span.doc[start - 1].text) \
            and "\n" not in span.doc[start - 1].whitespace_:
        start -= 1
    if start == span.start:
        return span
    return Span(span.doc, start, span.end, label=span.label_, span_id=span.id_)


def _one_edit_apart(a: str, b: str) -> bool:
    """Exactly one insertion, deletion or substitution turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# How far before a person's first known post, or after the last, a letter may still name them: the gazetteer
# lists the posts that matter to Dutch foreign policy, not every earlier one ('Borrell' as Spain's minister).
POST_MARGIN_YEARS = 2


def _within_posts(roles: list, date: str) -> bool:
    """``date`` (ISO, maybe partial) lies within the years of the gazetteer ``roles`` of a person, widened by
    POST_MARGIN_YEARS; a person without dated posts is never out of time."""
    starts = [r.start for r in roles if r.start]
    if not starts:
        return True

    def shifted(day: str, years: int) -> str:
        return f"{int(day[:4]) + years:04d}{day[4:]}"[:len(date)]

    ends = [r.end for r in roles]
    last = max(ends) if all(ends) else None  # a post without an end is held still
    return shifted(min(starts), -POST_MARGIN_YEARS) <= date and (
        last is None or date <= shifted(last, POST_MARGIN_YEARS))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’'-]+", text) if w.lower() not in PARTICLES}


class Linker:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.references, self.council = contextual_references()
        self.adjectives = gazetteer.adjective_index()
        self._adjective_hashes: numpy.ndarray | None = None  # their string ids, see _adjective_positions
        # Person surnames and aliases -> gazetteer person, for titled names the ruler missed.
        self.person_index: dict[str, str] = {}
        for actor in gazetteer.actors.values():
            if actor.type == "PERSON":
                for alias in actor.aliases:
                    self.person_index.setdefault(alias.lower(), actor.ent_id)
                    self.person_index.setdefault(surname(alias).lower(), actor.ent_id)

    def __call__(self, doc: Doc) -> Doc:
        actors: dict[str, ActorInfo] = dict(doc._.actors or {})  # rule components may have named some
        # Ties go to the earlier list: the recogniser's spans come last, so 'de Raad' or 'uw Kamer' stays the
        # council or parliament the context says, and 'de Hoge Vertegenwoordiger' the post's holder.
        learned = {(s.start, s.end) for s in doc._.learned_entities or []}
        ents = list(doc.ents)
        spans = filter_spans([e for e in ents if (e.start, e.end) not in learned] + self._post_mentions(doc)
                             + self._contextual(doc) + [e for e in ents if (e.start, e.end) in learned])
        spans = filter_spans([_with_initials(s) for s in spans])  # initials may reach into a span before
        spans = filter_spans(spans + self._repeated_surnames(doc, spans))
        persons = sorted((s for s in spans if s.label_ == "PERSON" and self.gazetteer.get(s.id_) is None),
                         key=lambda s: len(s.text), reverse=True)
        person_ids = self._cluster_persons(persons, doc._.doc_date)
        linked_spans: list[Span] = []
        for span in spans:
            ent_id = person_ids.get((span.start, span.end)) or span.id_ or self._mint(span)
            info = actors.get(ent_id) or self._info(ent_id, span)
            text = " ".join(span.text.split())
            if not info.linked and info.type == "PERSON" and len(text) > len(info.name):
                info.name = text  # the fullest form names an unlinked person
            actors[ent_id] = info
            linked_spans.append(Span(doc, span.start, span.end, label=info.type, span_id=ent_id))
        doc.ents = linked_spans
        extensions.doc_list(doc, "nested_mentions").extend(self._named_inside(linked_spans))
        for span in doc._.nested_mentions or []:  # mentions inside other entities' names
            actor = self.gazetteer.get(span.id_)
            if actor is not None:
                actors.setdefault(span.id_, ActorInfo.from_actor(actor))
        doc._.actors = actors
        doc._.adjective_actors = self._adjective_actors(doc, actors)
        doc._.implied_mentions = self._implied_mentions(doc, actors)
        doc._.signatory = (self._signatory(doc, actors) or self._header_author(doc)
                           or self._answering_minister(doc, actors))
        return doc

    @staticmethod
    def _repeated_surnames(doc: Doc, spans: list[Span]) -> list[Span]:
        """A person named in full once ('Sergio Jaramillo') is the same person where the text later gives only
        the surname ('sprak Jaramillo waardering uit') and nothing else found a name there."""
        taken = {i for span in spans for i in range(span.start, span.end)}
        text = extensions.text_of(doc)
        found: list[Span] = []
        for name in {surname(" ".join(s.text.split())) for s in spans if s.label_ == "PERSON" and len(s) > 1}:
            if len(name) < 3 or not name[0].isupper() or any(w.title() in NOT_NAMES for w in name.split()):
                continue  # 'Minister voor ... Ontwikkelingssamenwerking' names a post, not a person
            # not right after a bracket: 'Van Haga (Van Haga)' gives the member's party there
            for m in re.finditer(rf"(?<![\w(-]){re.escape(name)}(?![\w-])", text):
                span = doc.char_span(m.start(), m.end())
                if span is not None and not taken.intersection(range(span.start, span.end)):
                    found.append(Span(doc, span.start, span.end, label="PERSON"))
        return found

    def _named_inside(self, spans: list[Span]) -> list[Span]:
        """Gazetteer actors named inside a longer name: 'Parlementaire Assemblee van de Raad van Europa'
        mentions the Raad van Europa, 'OVSE Minsk Groep' the OVSE."""
        found = []
        for span in spans:
            if span.label_ == "PERSON" or len(span) < 2:
                continue
            for i in range(span.start, span.end):
                for j in range(span.end if i > span.start else span.end - 1, i, -1):  # longest first
                    inner = self.gazetteer.body_index().get(span.doc[i:j].text)
                    ent_id = inner.ent_id if inner is not None else None
                    # 'Tweede Kamer der Staten-Generaal': an archaic genitive in a fixed name, not a mention; nor is
                    # the first half of a coordinated name ('Raad Algemene Zaken en Externe Betrekkingen', the
                    # Council before 2009, does not mention the Raad Algemene Zaken).
                    if ent_id is not None and ent_id != span.id_ and span.doc[i - 1].lower_ != "der" \
                            and not (j < span.end and span.doc[j].lower_ == "en"):
                        found.append(Span(span.doc, i, j, label=ent_id.split(":")[0], span_id=ent_id))
                        break
        return filter_spans(found)

    def _header_author(self, doc: Doc) -> tuple[str, str] | None:
        """(actor id, post) of the minister a document's front page says it is from, when the excerpt has no
        signature: 'BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN' (the post's holder on the letter's date, an
        unnamed office-holder, see _post_mentions) or, above answers to Kamervragen, 'Antwoord van Minister
        Koenders (Buitenlandse Zaken)'."""
        head = extensions.text_of(doc)[:1000]
        if m := HEADER_AUTHOR.search(head):
            return next(((span.id_, post) for span, post, of in doc._.post_holders or []
                         if span.start_char == m.end() and of == NETHERLANDS), None)
        if m := ANSWER_AUTHOR.search(head):
            person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start_char == m.start("name")), None)
            if person is None:
                return None
            portfolio = m.group("portfolio")
            post = (f"{m.group('title').lower()} {'voor' if 'Handel' in (portfolio or '') else 'van'} {portfolio}"
                    if portfolio else m.group("title").lower())
            return person.id_, post
        return None

    def _answering_minister(self, doc: Doc, actors: dict[str, ActorInfo]) -> tuple[str, str] | None:
        """(actor id, post) of who says 'ik' in answers to Kamervragen that do not name them: the Minister of
        Foreign Affairs of the answers' date, whom foreign-policy questions are put to, when the gazetteer
        knows exactly one holder that day."""
        text = extensions.text_of(doc)
        first_person = FIRST_PERSON_SINGULAR.search(text)
        if not NUMBERED_QUESTIONS.search(text[:3000]) or first_person is None:
            return None
        held = self.gazetteer.posts_held("minister van Buitenlandse Zaken", doc._.doc_date, NETHERLANDS)
        if len(held) != 1:
            return None
        actor, post = held[0]
        actors.setdefault(actor.ent_id, ActorInfo.from_actor(actor))
        doc._.signatory_at = first_person.start()
        return actor.ent_id, post.role

    def _signatory(self, doc: Doc, actors: dict[str, ActorInfo]) -> tuple[str, str] | None:
        """(actor id, post) of the letter's signatory: 'De Minister van Buitenlandse Zaken, S.A. Blok'."""
        signatures = list(SIGNATURE.finditer(extensions.text_of(doc)))
        if not signatures:
            return None
        m = signatures[-1]
        name, post = " ".join(m.group("name").split()), " ".join(m.group("post").split())
        last = surname(name)
        if not last:
            return None
        info = next((i for i in actors.values() if i.type == "PERSON" and surname(i.name) == last), None)
        if info is None:
            known = self.person_index.get(last.lower())
            actor = self.gazetteer.get(known) if known else None
            info = ActorInfo.from_actor(actor) if actor else ActorInfo(f"PERSON:{slug(last)}", "PERSON",
                                                                        slug(last), name)
            actors.setdefault(info.ent_id, info)
        return info.ent_id, post

    def _adjective_actors(self, doc: Doc, actors: dict[str, ActorInfo]) -> list[tuple[int, str]]:
        """(token index, actor id) for nationality adjectives that name an actor.

        'de Armeense en Azeri ambtsgenoten': each adjective of a coordinated run before a noun for
        people or bodies acting for a country names that country.
        """
        found: list[tuple[int, str]] = []
        for i in self._adjective_positions(doc):
            token = doc[i]
            actor = self.adjectives[token.lower_]
            if token.ent_type_:
                continue
            j = token.i + 1
            while j < len(doc) and j - token.i <= 4 and (doc[j].lower_ in ("en", ",", "of")
                                                        or doc[j].lower_ in self.adjectives):
                j += 1
            if j < len(doc) and doc[j].lower_ in ACTOR_NOUNS:
                actors.setdefault(actor.ent_id, ActorInfo.from_actor(actor))
                found.append((token.i, actor.ent_id))
        return found

    def _adjective_positions(self, doc: Doc) -> list[int]:
        """Indexes of the tokens that are a nationality adjective or demonym, found on the Doc's array of
        lower-case forms (making a Token of every word of a long letter cost more than the look-up)."""
        if self._adjective_hashes is None:
            self._adjective_hashes = numpy.array(sorted(doc.vocab.strings[form] for form in self.adjectives),
                                                 dtype=numpy.uint64)
        lowers = doc.to_array(LOWER).astype(numpy.uint64)
        return numpy.flatnonzero(numpy.isin(lowers, self._adjective_hashes)).tolist()

    def _implied_mentions(self, doc: Doc, actors: dict[str, ActorInfo]) -> list[Span]:
        """Countries named only by their adjective or demonym ('de Griekse eilanden', 'Syriërs') and the EU, UN,
        NATO or OSCE as the first part of a compound ('EU-leiders', 'VN-missie'): the text speaks of them, so they are
        actors of the document (the annotation guidelines count them as entities), but the words are not
        their names, so they are mentions without being aliases."""
        found = []
        for i in self._adjective_positions(doc):
            token = doc[i]
            actor = self.adjectives[token.lower_]
            # Capitalised only: 'letten op' is a verb, 'Letten' the people.
            if actor.type != "COUNTRY" or token.ent_type_ or not token.text[:1].isupper():
                continue
            found.append(Span(doc, token.i, token.i + 1, label=actor.type, span_id=actor.ent_id))
        for m in BODY_COMPOUND.finditer(extensions.text_of(doc)):
            body = self.gazetteer.body_index().get(m.group("body") or m.group("other"))
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            # inside a meeting's or document's name too: 'de bijeenkomst van de NAVO-ministers van Defensie' is
            # NATO's, 'het EU-Turkije actieplan' the EU's
            if body is not None and span is not None and not any(t.ent_type_ not in NAMES_A_BODY_INSIDE for t in span):
                found.append(Span(doc, span.start, span.end, label=body.type, span_id=body.ent_id))
        for m in CABINET_COMPOUND.finditer(extensions.text_of(doc)):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                found.append(Span(doc, span.start, span.end, label="ORGANISATION", span_id=CABINET))
        for span in found:
            actor = self.gazetteer.get(span.id_)
            if actor is not None:
                actors.setdefault(span.id_, ActorInfo.from_actor(actor))
        return found

    def _post_mentions(self, doc: Doc) -> list[Span]:
        """'de Hoge Vertegenwoordiger', 'de Minister van Defensie' -> the post's holder at the document's date,
        if the gazetteer knows exactly one (the annotation guidelines' rule for unnamed office-holders).
        Each becomes a PERSON mention, and its post a role (doc._.post_holders, read by diplokg_roles)."""
        out, posts = [], extensions.doc_list(doc, "post_holders")
        text = extensions.text_of(doc)
        mentions = [(m, None) for m in POST_MENTION.finditer(text)]
        mentions += [(m, NETHERLANDS) for m in DUTCH_POST_MENTION.finditer(text)]
        mentions += [(m, POST_ORGANISATIONS[m.group("org")]) for m in ORG_POST_MENTION.finditer(text)]
        for m, of in mentions:
            post = POST_TITLES.get(m.group("post"), " ".join(m.group("post").split()))
            held = self.gazetteer.posts_held(post, doc._.doc_date, of)
            if len(held) != 1:
                continue
            span = doc.char_span(m.start("post"), m.end("post"), alignment_mode="expand")
            if span is not None:
                actor, role = held[0]
                out.append(Span(doc, span.start, span.end, label="PERSON", span_id=actor.ent_id))
                posts.append((out[-1], role.role, f"{role.of_type}:{role.of}"))
        return out

    def _contextual(self, doc: Doc) -> list[Span]:
        """Bare institutional nouns ('uw Kamer', 'de Commissie', 'de Raad') resolved to their actor."""
        out = []
        for pattern, ent_id in self.references:
            if self.gazetteer.get(ent_id) is None:
                continue
            for m in pattern.finditer(extensions.text_of(doc)):
                group = "ref" if m.group("ref") else "ref2"
                span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
                if span is not None:
                    out.append(Span(doc, span.start, span.end, label=ent_id.split(":")[0], span_id=ent_id))
        councils = [e for e in doc.ents if e.label_ == "ORGANISATION" and "Raad" in e.text]
        # Councils of ministers named on their own or inside a meeting's name ('de informele Raad Buitenlandse
        # Zaken van 26 augustus'): who 'de ministers' are, never the 'Europese Raad' a report mentions since.
        meetings = [e for e in doc.ents if e.label_ == "MEETING" and "Raad " in e.text]
        of_ministers = sorted((e for e in councils + list(doc._.nested_mentions or []) + self._named_inside(meetings)
                               if e.label_ == "ORGANISATION" and e.text.startswith("Raad ")), key=lambda e: e.start)
        for m in self.council.finditer(extensions.text_of(doc)):
            group = "ref" if m.group("ref") else "ref_m"
            previous = [e for e in (councils if group == "ref" else of_ministers) if e.end_char <= m.start()]
            span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
            if previous and span is not None:
                out.append(Span(doc, span.start, span.end, label="ORGANISATION", span_id=previous[-1].id_))
        return out

    def _cluster_persons(self, persons: list[Span], date: str | None) -> dict[tuple[int, int], str]:
        ids: dict[tuple[int, int], str] = {}
        canon: list[tuple[set[str], str]] = []
        for span in persons:
            text = " ".join(span.text.split())
            known = (self.person_index.get(text.lower()) or self.person_index.get(surname(text).lower())
                     or self._misspelt(text, date))
            if known:
                ids[(span.start, span.end)] = known
                continue
            words = _words(text)
            for other_words, ent_id in canon:
                if words and words <= other_words:
                    ids[(span.start, span.end)] = ent_id
                    break
            else:
                ent_id = f"PERSON:{slug(surname(text))}"
                canon.append((words, ent_id))
                ids[(span.start, span.end)] = ent_id
        return ids

    def _misspelt(self, text: str, date: str | None) -> str | None:
        """A known person's surname with one letter dropped, added or changed ('HV Borrel'), when exactly
        one gazetteer person is that close. Short names are left alone: 'Kaag' is one edit from too many.
        A near name is another person when the text gives another first name ('Martin Schulz' is not Olaf
        Scholz), or when the letter dates from well before or after every post the person held (a
        'Klaver' of 2022 is not Reinette Klever, minister from 2024)."""
        name = surname(text)
        if len(name) < 6:
            return None
        lowered = name.lower()
        near = {ent_id for known, ent_id in self.person_index.items()
                if " " not in known and known[:1] == lowered[:1] and _one_edit_apart(known, lowered)}
        if len(near) != 1:
            return None
        actor = self.gazetteer.get(near.pop())
        if actor is None:
            return None
        given = {w.lower() for w in text[:len(text) - len(name)].split() if len(w) > 2 and "." not in w}
        if given - {w.lower() for alias in [actor.name, *actor.aliases] for w in alias.split()}:
            return None
        return None if date and not _within_posts(actor.roles, date) else actor.ent_id

    @staticmethod
    def _mint(span: Span) -> str:
        return f"{span.label_}:{slug(' '.join(span.text.split()))}"

    def _info(self, ent_id: str, span: Span) -> ActorInfo:
        actor = self.gazetteer.get(ent_id)
        if actor is not None:
            return ActorInfo.from_actor(actor)
        entity_type, key = ent_id.split(":", 1)
        return ActorInfo(ent_id, entity_type, key, " ".join(span.text.split()))


@Language.factory("diplokg_linker")
def make_linker(nlp: Language, name: str) -> Linker:
    extensions.register()
    return Linker(default_gazetteer())
