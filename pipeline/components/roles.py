"""Roles: who holds which post, of which country or organisation.

* title constructions: '[de Wit-Russische] minister van Buitenlandse Zaken Makei',
  'president van Azerbeidzjan Aliyev', 'HV Borrell' (post known from the gazetteer);
* members of parliament: 'het lid Omtzigt', 'de leden Van Helvert en Voordewind';
* appositions and lists: 'de OVSE Minsk Groep co-voorzitters (Frankrijk, Rusland en de VS)'
  makes each listed actor a co-chair of the Minsk Group.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import extensions
from pipeline.components.linker import ActorInfo, surname
from pipeline.extraction import Role
from pipeline.gazetteer import NETHERLANDS, PARLIAMENT, Gazetteer, default_gazetteer
from pipeline.patterns import alternation
from pipeline.patterns.roles import (
    COMMITTEE_OFFICER,
    NATIONAL_POSTS,
    SIGNATURE,
    TITLE_ABBREVIATIONS,
    TITLE_BODIES,
    TITLES,
    RolePatterns,
    member_names,
    role_patterns,
)

EXTRACTOR = "diplokg.roles/1"
SENATE = "ORGANISATION:eerste-kamer"
SENATE_MEMBER = re.compile(r",?\s\([^()\n]{0,20}\bEerste\sKamer\b")
GROUP_ROLES = re.compile(r"\s(?P<role>co-?voorzitters?|covoorzitters?|voorzitters?|leden|lidstaten)"
                         r"\s?\((?P<list>[^()]{3,160})\)")


# A post in apposition after a name: ', voorzitter van de Nationale Vergadering', ', leider van het LNA'.
APPOSITION = re.compile(rf",\s(?:de\s|het\s)?(?P<title>{alternation(TITLES)})\s(?:van|voor)\s(?:de\s|het\s)?")


# 'de Colombiaanse regering': a country's government by its adjective, after an apposition's 'van de'.
NATIONAL_GOVERNMENT = re.compile(r"(?P<adjective>[A-Z][\w-]+e)\s(?:regering|overheid|autoriteiten)\b")


class RoleExtractor:
    def __init__(self, patterns: RolePatterns, gazetteer: Gazetteer) -> None:
        self.patterns = patterns
        self.gazetteer = gazetteer
        self.adjectives = gazetteer.adjective_index()
        self.portfolio_after = re.compile(rf"\s(?:van|voor)\s(?:{alternation(patterns.portfolios)})")

    def __call__(self, doc: Doc) -> Doc:
        roles = extensions.doc_list(doc, "roles")
        ents = list(doc.ents)  # doc.ents builds new Span objects on every access: once per document
        ents_by_start = {e.start_char: e for e in ents}
        ents_by_end = {e.end_char: e for e in ents}
        seen: set[tuple[str, str, str | None]] = set()

        def add(span: Span, ent_id: str, role: str, of_id: str | None, conf: float) -> None:
            """``span`` is where the role is stated, ``ent_id`` who holds it."""
            info = doc._.actors.get(ent_id)
            if info is None:
                return
            of_info = doc._.actors.get(of_id) if of_id else None
            of_actor = of_info or (self.gazetteer.get(of_id) if of_id else None)
            key = (info.key, role.lower(), of_actor.key if of_actor else None)
            if key in seen:
                return
            seen.add(key)
            roles.append(Role(
                # Persons by surname, as the letters name them; the key links the full identity.
                person=surname(info.name) if info.type == "PERSON" else info.name,
                person_key=info.ent_id, role=role,
                of=of_actor.name if of_actor else None, of_key=of_actor.ent_id if of_actor else None,
                of_type=of_actor.type if of_actor else None,
                provenance=extensions.provenance(span, EXTRACTOR, conf),
            ))

        text = extensions.text_of(doc)
        for m in extensions.matches(doc, self.patterns.titled_person):
            person = ents_by_end.get(m.end("name"))  # the name ends the match; where it starts, the rules decide
            portfolio_after = None
            if person is None:  # 'minister Rosenthal van Buitenlandse Zaken': the portfolio after the name
                person = ents_by_start.get(m.start("name"))
                portfolio_after = (self.portfolio_after.fullmatch(text, person.end_char, m.end("name"))
                                   if person is not None else None)
                person = person if portfolio_after else None
            if person is None or person.label_ != "PERSON":
                continue
            title = m.group("title")
            title = TITLE_ABBREVIATIONS.get(title.lower(), title)
            body = re.search(r"(?<![\w-])([\w]+)-$", text[max(0, m.start() - 20):m.start()])
            body_actor = self.gazetteer.body_index().get(body.group(1)) if body else None
            body_id = body_actor.ent_id if body_actor is not None else None
            if body_id is not None:
                title = f"{body.group(1)}-{title}"  # 'VN-gezant Salamé': a post of the VN
            ministry = m.group("portfolio") or (portfolio_after.group() if portfolio_after else "")
            role = " ".join((title + ministry).split())
            if not ministry:  # 'Minister Blok': the Dutch post he held on the letter's date, if known
                role = self._dated_post(person.id_, role, doc._.doc_date) or role
            named_of = self._of(doc, ents, m)
            of_id = (named_of or body_id or self._known_post_of(person.id_, title)
                     or self._nationality(person.id_, title)
                     or (NETHERLANDS if portfolio_after else None))  # a Dutch portfolio, no nationality before
            portfolio = m.group("of") if m.group("of") and m.group("of").split()[0] == "voor" else None
            if portfolio and m.group("title").lower() == "hoge commissaris" and not named_of:
                role = " ".join((role + portfolio).split())  # 'Hoge Commissaris voor de Vluchtelingen Grandi'
            if m.group("title").lower() in TITLE_BODIES and (portfolio or m.group("title").lower() != "commissaris"):
                # 'Eurocommissaris voor Internationale Partnerschappen Urpilainen': a portfolio names no body
                if portfolio and not named_of:
                    role = " ".join((role + portfolio).split())
                if of_id is None:
                    of_id = TITLE_BODIES[m.group("title").lower()]
                    doc._.actors.setdefault(of_id, ActorInfo.from_actor(self.gazetteer.get(of_id)))
            add(person, person.id_, role, of_id, 0.8 if of_id else 0.6)
        # The signatory holds the post the letter is signed with, for the Netherlands; not the minister who says
        # 'ik' in answers that name nobody (signatory_at): the text states no such post, so no role (the guidelines;
        # round 1's annotators gave one, later rounds none). The minister still holds the answers' stances.
        if doc._.signatory and doc._.signatory_at is None:
            ent_id, post = doc._.signatory
            signature = extensions.text_of(doc).rfind(post)
            span = doc.char_span(signature, signature + len(post), alignment_mode="expand") or doc[-1:]
            add(span, ent_id, post, NETHERLANDS, 0.9)
        for m in SIGNATURE.finditer(text):  # co-signatories: 'De Minister van Defensie, E. van Middelkoop'
            person = next((e for e in ents if e.label_ == "PERSON" and e.start_char < m.end("name") <= e.end_char),
                          None)
            if person is not None:
                add(person, person.id_, " ".join(m.group("post").split()), NETHERLANDS, 0.9)
        for span, post, of_id in doc._.post_holders or []:  # 'de Minister-President' (linker: holder by date)
            add(span, span.id_, post, of_id, 0.7)
        for m in extensions.matches(doc, self.patterns.members):
            for start, _name in member_names(self.patterns, m):
                person = ents_by_start.get(start)
                if person is not None and person.label_ == "PERSON":
                    # a delegation of both houses: 'Franken (CDA, Eerste Kamer)'
                    senate = SENATE_MEMBER.match(text, person.end_char)
                    add(person, person.id_, "lid", SENATE if senate else PARLIAMENT, 0.9)
        # In a motion's own text, the submitters of every motion it names are members, bare or not ('conform de
        # aangenomen motie-Voordewind/Van der Staaij'). In a letter the bare ones ('de motie Stoffer/Verhoeven')
        # are left alone: the corpus gold gives them no post, the round 1-3 gold does (GUIDELINES, motions);
        # a name after 'het lid' is the members pattern's, a motion's signatures own_motion's (below).
        in_motion = (doc._.submitter_spans or []) if doc._.is_motion else []
        for start, end in in_motion:
            person = ents_by_start.get(start)
            if person is not None and person.label_ == "PERSON" and person.end_char == end:
                add(person, person.id_, "lid", PARLIAMENT, 0.8)
        if doc._.own_motion is not None:  # the members who signed a motion's own text (diplokg_motions)
            start, end = doc._.own_motion
            for person in ents:
                if person.label_ == "PERSON" and start <= person.start_char < end:
                    add(person, person.id_, "lid", PARLIAMENT, 0.9)
        self._committee_officers(doc, ents, ents_by_start, add)
        for m in GROUP_ROLES.finditer(text):
            self._group_roles(ents, m, add)
        for person in ents:  # 'Juan Guaidó, voorzitter van de Nationale Vergadering'
            m = APPOSITION.match(text, person.end_char) if person.label_ == "PERSON" else None
            of = ents_by_start.get(m.end()) if m else None
            if of is not None and of.label_ in ("COUNTRY", "ORGANISATION", "PLACE"):
                add(person, person.id_, m.group("title"), of.id_, 0.7)
            elif m and (government := NATIONAL_GOVERNMENT.match(text, m.end())) is not None:
                # 'Sergio Jaramillo, hoofdonderhandelaar van de Colombiaanse regering'
                actor = self.adjectives.get(government.group("adjective").lower())
                if actor is not None:
                    doc._.actors.setdefault(actor.ent_id, ActorInfo.from_actor(actor))
                    add(person, person.id_, m.group("title"), actor.ent_id, 0.7)
        # 'Eijsink' as 'voorzitter' in the debate and as 'voorzitter' of the committee under it: one post, the
        # one that says where it is held
        placed = {(r.person_key, r.role.lower()) for r in roles if r.of_key}
        roles[:] = [r for r in roles if r.of_key or (r.person_key, r.role.lower()) not in placed]
        return doc

    def _of(self, doc: Doc, ents: list[Span], m: re.Match) -> str | None:
        """The country or organisation of a titled post: 'van <X>', else a nationality adjective before."""
        if m.group("of"):
            start = m.start("of") + len(m.group("of")) - len(m.group("of").lstrip())
            for ent in ents:
                if start <= ent.start_char < m.end("of") and ent.label_ in ("COUNTRY", "ORGANISATION", "PLACE"):
                    return ent.id_
        before = extensions.text_of(doc)[max(0, m.start() - 40):m.start()].split()
        if before:
            actor = self.adjectives.get(before[-1].lower().strip(",;("))
            if actor is not None:
                doc._.actors.setdefault(actor.ent_id, ActorInfo.from_actor(actor))
                return actor.ent_id
        return None

    def _nationality(self, person_id: str, title: str) -> str | None:
        """For a national post without 'van X' or an adjective: the holder's country, if the gazetteer knows it."""
        actor = self.gazetteer.get(person_id)
        base = title.lower().replace("voormalige ", "").replace("voormalig ", "").replace("oud-", "")
        if actor is None or not actor.nationality or base not in NATIONAL_POSTS:
            return None
        return f"COUNTRY:{actor.nationality}"

    def _dated_post(self, person_id: str, title: str, date: str | None) -> str | None:
        """The full name of the one Dutch post with this title the gazetteer says the person held at ``date``.
        Dutch letters name their own ministers by title alone ('Minister Blok'); a foreign minister keeps the
        title as printed (the gold does not complete it)."""
        held = [r for actor, r in self.gazetteer.posts_held(title, date, NETHERLANDS) if actor.ent_id == person_id]
        return held[0].role if len(held) == 1 and date else None

    def _known_post_of(self, person_id: str, title: str) -> str | None:
        actor = self.gazetteer.get(person_id)
        if actor is None:
            return None
        title = title.lower()
        for r in actor.roles:
            if title in r.role.lower() or r.role.lower() in title:
                return f"{r.of_type}:{r.of}"
        return None

    @staticmethod
    def _committee_officers(doc: Doc, ents: list[Span], ents_by_start: dict[int, Span], add) -> None:
        """'De fungerend voorzitter van de vaste commissie voor Europese Zaken, Azmani': the chair (a member
        of the Kamer) and the clerk of a committee; 'de commissie' alone is the one the report names."""
        committees = [e for e in ents if e.label_ == "ORGANISATION" and "commissie-" in e.id_]
        for m in extensions.matches(doc, COMMITTEE_OFFICER):
            name = "name" if m.group("name") else "name2"
            person = ents_by_start.get(m.start(name))
            if person is None or person.label_ != "PERSON":
                continue
            title = " ".join((m.group("title") or m.group("title2")).split()).lower()
            # 'Griffier: Wiskerke' under a committee's report is that committee's clerk, as 'de commissie' is it
            named = [c for c in committees if m.group("body") and m.start("body") <= c.start_char < m.end("body")]
            of = (named or committees or [None])[0]
            add(person, person.id_, title, of.id_ if of is not None else None, 0.8)
            if "voorzitter" in title and m.group("body"):
                add(person, person.id_, "lid", PARLIAMENT, 0.8)

    @staticmethod
    def _group_roles(ents: list[Span], m: re.Match, add) -> None:
        """'<ORG> co-voorzitters (A, B en C)': each of A, B, C holds that post in ORG."""
        org = next((e for e in reversed(ents)
                    if e.end_char <= m.start() + 1 and m.start() - e.end_char < 3
                    and e.label_ == "ORGANISATION"), None)
        if org is None:
            return
        role = m.group("role").rstrip("s")
        role = {"co-voorzitter": "co-voorzitter", "covoorzitter": "co-voorzitter", "lede": "lid",
                "lidstate": "lidstaat"}.get(role, role)
        for ent in ents:
            if m.start("list") <= ent.start_char < m.end("list") and ent.label_ in ("COUNTRY", "PERSON",
                                                                                    "ORGANISATION"):
                add(ent, ent.id_, role, org.id_, 0.8)


@Language.factory("diplokg_roles", default_config={"patterns": {"@misc": "diplokg.role_patterns.v1"}})
def make_roles(nlp: Language, name: str, patterns: RolePatterns) -> RoleExtractor:
    extensions.register()
    return RoleExtractor(patterns or role_patterns(), default_gazetteer())
