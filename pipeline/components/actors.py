"""Actors beyond the gazetteer: titled persons, defined acronyms, meetings, documents.

Runs after spaCy's ``entity_ruler`` (fed by the gazetteer). Adds entity
spans the gazetteer cannot know, typed by the construction they occur in:

* a name after a title or post ('president Vucic', 'het lid Omtzigt') is a PERSON;
* 'Long Name (ACR)' defines an acronym; the long name's head word types it;
* a council, summit or debate followed by a date is a MEETING;
* a Kamerstuk reference or a named treaty, agreement, plan, quoted title or record is a DOCUMENT
  (pipeline.patterns.documents).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import extensions
from pipeline.components.committee_report import reported_meeting_spans
from pipeline.components.council_formations import informal_formations
from pipeline.components.linker import ActorInfo
from pipeline.components.person_names import clean_name, titled_name
from pipeline.dates import dutch_date_range
from pipeline.gazetteer import default_gazetteer
from pipeline.iris import slug
from pipeline.metadata import printed_kamerstuk
from pipeline.patterns import alternation
from pipeline.patterns.documents import document_names
from pipeline.patterns.meetings import (
    COMPOUND_MEETING,
    COUNCIL_FORMATION,
    COUNCIL_OF_MINISTERS,
    MEETING_NOUNS,
    MEETING_OF,
    NAMED_GATHERING,
    NAMED_SUMMIT,
)
from pipeline.patterns.motions import IDENTIFIER, normalise_identifier
from pipeline.patterns.roles import (
    COMMITTEE_OFFICER,
    NOT_NAMES,
    PORTFOLIOS,
    TITLES,
    RolePatterns,
    member_names,
    role_patterns,
)

ORG_HEADS = re.compile(
    r"\b(Front|Army|Party|Partij|Organisatie|Organization|Organisation|Forum|Committee|Comité|Commissie|"
    r"Council|Raad|Bank|Unie|Union|Agency|Agentschap|Fonds|Fund|Coalition|Coalitie|Beweging|Movement|"
    r"Alliantie|Alliance|Group|Groep|Werkgroep|werkgroep|Mission|Missie|Office|Bureau|Hof|Court|Tribunaal|"
    r"Government|Regering|Authority|Autoriteit|Institute|Instituut|Centre|Center|Centrum|Dienst|Service|"
    r"Enterprise|Company|Corporation|Community|Gemeenschap)\b"
)
# What comes before the part of a name that an acronym abbreviates, when that part is a body of its own.
OF_OR_AND = re.compile(r"\b(?:van|voor|en|of|and)(?:[ ](?:de|het|der|the))?[ ]$")
MEETING_HEADS = re.compile(r"\b(Meeting|Conferentie|Conference|Top|Summit|Dialogue|Dialoog|Overleg)\b")
DOCUMENT_HEADS = re.compile(
    r"(Verdrag|Akkoord|akkoord|Akkoorden|akkoorden|Actieplan|Plan|Law|Wet|Resolutie|Resolution|Pact|"
    r"Agreement|Treaty|Convention|Conventie|Declaration|Verklaring|Document|Mechanisme|Mechanism|Strategie|"
    r"Strategy|Agenda|Fiche|Roadmap)\b"
)
# Spaces only, never a line break: a heading above is not part of the name; nor is a leading article.
ACRONYM_DEF = re.compile(
    # Between two capitalised words, a preposition, optionally with its article ('Raad van de Europese Unie');
    # never an article alone ('vindt in Brussel de Raad Buitenlandse Zaken (RBZ) plaats').
    r"(?:\b(?:De|Het)[ ])?(?P<long>(?:[A-Z][\w’'-]*"
    r"(?:[ ](?:of|for|and|van|voor|en|in|on)(?:[ ](?:de|het|der|the))?)?[ ]){1,7}"
    r"[A-Z][\w’'-]*)[ ]\((?P<short>[A-Z][A-Z0-9&-]{1,9})\)"
)
KAMERSTUK = re.compile(IDENTIFIER)
# English names of bodies, as Dutch letters quote them: capitalised words around a head noun
# ('Libyan Political Dialogue Forum', 'Financial Action Task Force', 'Party of Action and Solidarity').
_CAP = r"[A-Z][\w’'-]+"
ENGLISH_ORG = re.compile(
    rf"(?<![\w-])(?:{_CAP}\s){{1,5}}(?:Committee|Forum|Group|Coalition|Commission|Force|Party|Army|Front|Council|Airlines|"
    rf"Mission|Partners|Dialogue|Organization|Agency|Fund|Initiative|Network|Alliance|Movement|Union)\b"
    rf"(?:\s(?:of|for|on)\s{_CAP}(?:\s(?:and\s)?{_CAP}){{0,3}})?"
    rf"|(?<![\w-])(?:Party|Front|Movement|Alliance|Union)\sof\s(?:the\s)?{_CAP}(?:\s(?:and\s)?{_CAP}){{0,3}}"
)
# Standing committees of parliament: 'de vaste commissie voor Buitenlandse Zaken', 'vaste Kamercommissie ...'.
COMMITTEE = re.compile(r"\b(?P<kind>[Vv]aste|[Aa]lgemene)\s(?:[Kk]amer)?[Cc]ommissie\s(?:voor\s)?(?P<portfolio>"
                       + alternation(PORTFOLIOS) + r")")
LOCATIVE = {"in", "naar", "uit", "nabij", "rond", "rondom", "bij"}
ACRONYM = re.compile(r"[A-Z0-9&-]{2,10}")
ACRONYM_COMPOUND = re.compile(r"[A-Z0-9&]{2,10}-[a-z]")
DATE_SUFFIX = {"jl.", "a.s.", "jl", "as", "jongstleden", "aanstaande"}


def _compound_on_a_body(word: str) -> bool:
    first, _, rest = word.partition("-")
    return rest[:1].islower() and first in default_gazetteer().body_index()


def _span(doc: Doc, start: int, end: int, label: str, ent_id: str | None = None) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    # Rule spans carry their own id, so a gazetteer id left on the tokens by the ruler cannot leak in.
    return Span(doc, span.start, span.end, label=label, span_id=ent_id or f"{label}:{slug(span.text)}")


# Words for a place that name it in apposition ('de deelstaat Rakhine', 'het eiland Bhasan Char') or after
# it ('de Vardenis regio').
REGION_NOUNS = {"regio", "regio's", "provincie", "provincies", "oblast", "district", "districten", "gebied",
                "streek", "grensovergang", "grensovergangen", "deelstaat", "deelstaten", "stad", "steden",
                "hoofdstad", "havenstad", "eiland", "dorp", "dorpen", "gemeente", "kamp", "vluchtelingenkamp",
                "luchthaven", "vliegveld", "luchtmachtbasis", "basis", "bases", "haven", "grensstad", "wijk"}


ADJECTIVE_ENDING = re.compile(r"(?:i?sch|aans|ees|ens|an|ijns)e$")


def _among_places(doc: Doc, start: int, end: int, places: set[int] = frozenset()) -> bool:
    """A name beside a known place, or next to a word for one, is a place too: 'de grensovergangen
    Gukovo en Donetsk', 'in de Vardenis regio', 'de regio's Sagaing en Kayin', 'rond Kyiv en Tsjernihiv'.
    ``places`` holds token indices found to be places in this pass."""
    def is_place(token) -> bool:
        return token.ent_type_ == "PLACE" or token.i in places

    after = doc[end:end + 2]
    if len(after) and after[0].lower_ in REGION_NOUNS:
        # not an adjective before the noun: 'in de Mediterrane regio', 'de West-Afrikaanse regio'
        return not ADJECTIVE_ENDING.search(doc[end - 1].text)
    if len(after) == 2 and after[0].lower_ in ("en", ",") and is_place(after[1]):
        return True
    before = doc[max(0, start - 2):start]
    if len(before) and before[-1].lower_ in REGION_NOUNS:
        return True
    return len(before) == 2 and before[1].lower_ in ("en", ",") and is_place(before[0])


def _post_follows(doc: Doc, end: int) -> bool:
    """'Juan Guaidó, voorzitter van de Nationale Vergadering': a name with a post in apposition is a person."""
    after = [t.lower_ for t in doc[end:end + 4]]
    if not after or after[0] != ",":
        return False
    words = after[1:]
    if words and words[0] in ("de", "het"):
        words = words[1:]
    while words and words[0] in _adjectives():  # ', de Egyptische minister van ...'
        words = words[1:]
    return bool(words) and words[0] in _POSTS


_POSTS = frozenset(t for t in TITLES if " " not in t)


def after_locative(doc: Doc, start: int) -> bool:
    """'in Vardenis', and with a nationality adjective between: 'in het Turkse Antalya'."""
    if start > 0 and doc[start - 1].lower_ in LOCATIVE:
        return True
    window = doc[max(0, start - 3):start]
    return (len(window) == 3 and window[0].lower_ in LOCATIVE and window[1].lower_ in ("de", "het")
            and window[2].lower_ in _adjectives())


# 'Den Haag, 11 maart 2022': where the letter was signed, not a place it speaks of.
DATELINE = re.compile(r"[ \t]*,[ \t]*\d{1,2}[ \t]+[a-z]+[ \t]+\d{4}[ \t]*$")


def abbreviated_from(long: str, short: str) -> int:
    """Where the words an acronym abbreviates begin in the name before it, when that name is another body's *of*
    it or a list: 'Organisatie' in 'Parlementaire Assemblee van de Organisatie voor Veiligheid en Samenwerking
    in Europa (OVSE)', 'Verenigde' in 'China en de Verenigde Staten (VS)'. 0 where the whole name's initials
    spell it, where no later word's do ('Noord-Atlantische Verdragsorganisatie (NAVO)': not made of initials),
    and where the words before are part of the name ('Verdrag Conventionele Strijdkrachten in Europa (CSE)':
    the treaty, named by what it limits)."""
    letters = short.replace("-", "")
    caps = [(m.start(), m.group()[0]) for m in re.finditer(r"\S+", long) if m.group()[:1].isupper()]
    initials = "".join(letter for _, letter in caps)
    at = 0 if initials.startswith(letters) else next(
        (at for k, (at, _) in enumerate(caps) if k and initials[k:].startswith(letters)), 0)
    return at if at and OF_OR_AND.search(long[:at]) else 0


def _in_dateline(span: Span) -> bool:
    text = extensions.text_of(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    return not text[line_start:span.start_char].strip() and bool(
        DATELINE.match(text[span.end_char:len(text) if line_end < 0 else line_end]))


def _name_word(token) -> bool:
    """A proper noun, or a capitalised word inside a sentence that the small tagger called a noun or an
    adjective ('Cox's Bazar', 'Tsjernihiv'): Dutch does not capitalise common nouns."""
    if token.lower_ in _adjectives():  # 'in Libische detentiecentra', though the tagger says PROPN
        return False
    if token.pos_ == "PROPN":
        return True
    return token.pos_ in ("NOUN", "X", "ADJ") and token.is_title and not token.is_sent_start


def _adjectives() -> dict:
    """Nationality adjectives and demonyms, lower-cased: never a name, though capitalised."""
    return default_gazetteer().adjective_index()


class ActorRules:
    def __init__(self, patterns: RolePatterns) -> None:
        self.patterns = patterns

    def person_spans(self, doc: Doc) -> list[Span]:
        text = extensions.text_of(doc)
        spans: list[Span] = []
        ent_chars = {c for e in doc.ents for c in range(e.start_char, e.end_char)}
        for m in extensions.matches(doc, self.patterns.titled_person):
            start, name = titled_name(text, m, ent_chars)
            spans.extend(self._name_span(doc, start, name))
        for m in self.patterns.address.finditer(text):
            spans.extend(self._name_span(doc, m.start("name"), m.group("name")))
        for m in extensions.matches(doc, self.patterns.members):
            for start, name in member_names(self.patterns, m):
                spans.extend(self._name_span(doc, start, name))
        for m in extensions.matches(doc, COMMITTEE_OFFICER):  # 'De griffier van de commissie, Middelkoop'
            group = "name" if m.group("name") else "name2"
            spans.extend(self._name_span(doc, m.start(group), m.group(group)))
        return spans

    @staticmethod
    def _name_span(doc: Doc, start: int, raw: str) -> list[Span]:
        name = clean_name(raw)
        # After a title a surname opens with a capital ('minister Van der Staaij'); 'president van
        # Azerbeidzjan' is a post 'of' something, not a person called 'van Azerbeidzjan'.
        if not name or name in NOT_NAMES or name[0].islower() or name.lower() in _adjectives():
            return []
        span = _span(doc, start, start + len(name), "PERSON")
        return [span] if span is not None else []

    @staticmethod
    def acronym_definitions(doc: Doc) -> list[tuple[Span, Span]]:
        """'Long Name (ACR)': the long name and the acronym, typed by the long name's head word."""
        pairs: list[tuple[Span, Span]] = []
        for m in ACRONYM_DEF.finditer(extensions.text_of(doc)):
            trim = abbreviated_from(m.group("long"), m.group("short"))
            long = m.group("long")[trim:]
            label = ("MEETING" if MEETING_HEADS.search(long) else "DOCUMENT" if DOCUMENT_HEADS.search(long)
                     else "ORGANISATION" if ORG_HEADS.search(long) else None)
            if label is None:
                continue
            long_span = _span(doc, m.start("long") + trim, m.end("long"), label)
            short_span = _span(doc, m.start("short"), m.end("short"), label)
            if long_span is not None and short_span is not None:
                pairs.append((long_span, short_span))
        return pairs

    @staticmethod
    def one_actor_per_acronym(doc: Doc, ents: list[Span], pairs: list[tuple[Span, Span]]) -> list[Span]:
        """A defined acronym and its long name are one actor, and so is every later bare use of the acronym.

        The id is the gazetteer's when either form is a gazetteer actor ('... Mission in Oekraïne (SMM)'),
        else the long name's ('Human Dimension Implementation Meeting (HDIM)').
        """
        gazetteer = default_gazetteer()
        by_end = {e.end: e for e in ents}
        by_start = {e.start: e for e in ents}
        relabel: dict[tuple[int, int], Span] = {}
        later: dict[str, tuple[Span, int]] = {}
        for long, short in pairs:
            final_long, final_short = by_end.get(long.end), by_start.get(short.start)
            if final_long is None or final_short is None or final_short.end != short.end:
                continue
            if any(t.text[:1].isupper() for t in doc[final_long.start:long.start]):
                continue  # 'Parlementaire Assemblee van de Organisatie voor ... (OVSE)': a body of the one abbreviated
            keep = final_short if gazetteer.get(final_short.id_) and not gazetteer.get(final_long.id_) else final_long
            for span in (final_long, final_short):
                relabel[(span.start, span.end)] = keep
            later.setdefault(short.text, (keep, short.end))
        out = [Span(doc, e.start, e.end, label=relabel[(e.start, e.end)].label_,
                    span_id=relabel[(e.start, e.end)].id_) if (e.start, e.end) in relabel else e for e in ents]
        covered = {i for e in ents for i in range(e.start, e.end)}
        for token in doc:
            target = later.get(token.text)
            if target is not None and token.i >= target[1] and token.i not in covered:
                out.append(Span(doc, token.i, token.i + 1, label=target[0].label_, span_id=target[0].id_))
        return sorted(out, key=lambda e: e.start)

    @staticmethod
    def meeting_spans(doc: Doc) -> list[Span]:
        """A meeting noun followed by 'van/op <date>' found by the dates component.

        The meeting is named by its noun and ISO date ('Raad Buitenlandse Zaken 2021-07-12'), keyed
        by the council's gazetteer key when the noun names one, so every mention of one meeting in
        any document gets one IRI.
        """
        spans: list[Span] = []
        actors = extensions.doc_actors(doc)
        ents = list(doc.ents)  # doc.ents builds new Span objects on every access
        for date in doc._.dates or []:
            window_start = max(0, date.start_char - 90)
            before = extensions.text_of(doc)[window_start:date.start_char]
            # A title in capitals ('RAAD BUITENLANDSE ZAKEN VAN 12 OKTOBER 2020') names the meeting too.
            heading = before.strip().isupper()
            flags = re.IGNORECASE if heading else 0
            m = (re.search(rf"\b(?P<noun>{MEETING_NOUNS})\s(?:van|op|d\.d\.)\s?$", before, flags)
                 or re.search(rf"(?P<noun>{COUNCIL_FORMATION})\s$", before, flags))
            if m is None or not date._.iso_date:
                continue
            end = date.end
            while end > date.start and doc[end - 1].lower_ in DATE_SUFFIX:
                end -= 1
            # 'Raad Buitenlandse Zaken (RBZ) met de Ministers van Defensie' is named 'Raad Buitenlandse Zaken Defensie'
            noun = COUNCIL_OF_MINISTERS.sub(r"\g<council> \g<portfolio>", " ".join(m.group("noun").split()))
            council = next((e for e in ents if e.start_char >= window_start + m.start()
                            and e.end_char <= window_start + m.end() and e.label_ == "ORGANISATION"), None)
            known = default_gazetteer().get(council.id_) if council is not None else None
            if heading:
                noun = noun.title()
            elif known is not None and ACRONYM.fullmatch(council[0].text):  # 'RBZ Defensie', as the guidelines
                noun = noun.replace(council[0].text, known.name, 1)  # name it: 'Raad Buitenlandse Zaken Defensie'
            key = slug(f"{council.id_.split(':', 1)[1] if council is not None else noun} {date._.iso_date}")
            span = _span(doc, window_start + m.start(), doc[end - 1].idx + len(doc[end - 1]), "MEETING",
                         f"MEETING:{key}")
            if span is None:
                continue
            actors.setdefault(span.id_, ActorInfo(span.id_, "MEETING", key,
                                                  f"{noun} {dutch_date_range(date.text, date._.iso_date)}"))
            spans.append(span)
            if council is not None:  # the council is mentioned too, inside the meeting's name
                extensions.doc_list(doc, "nested_mentions").append(
                    Span(doc, council.start, council.end, label=council.label_, span_id=council.id_))
        return spans

    @staticmethod
    def document_spans(doc: Doc) -> list[Span]:
        """Kamerstuk references that are not motions, and named treaties, agreements and mechanisms."""
        spans: list[Span] = []
        actors = extensions.doc_actors(doc)
        motion_ids = {m.id for m in doc._.motions or [] if m.id}
        for m in KAMERSTUK.finditer(extensions.text_of(doc)):
            ids = normalise_identifier(m)
            if motion_ids.intersection(ids):
                continue  # the motions component owns it
            span = _span(doc, m.start(), m.end(), "DOCUMENT", f"DOCUMENT:{slug(ids[0])}")
            if span is not None:  # named as parliament prints it, whether cited as 'Kamerstukken ...' or bare
                actors.setdefault(span.id_, ActorInfo(span.id_, "DOCUMENT", slug(ids[0]), printed_kamerstuk(ids[0])))
                spans.append(span)
        for start, end in document_names(extensions.text_of(doc)):
            span = _span(doc, start, end, "DOCUMENT")
            if span is not None:
                spans.append(span)
        return spans

    @staticmethod
    def proper_noun_spans(doc: Doc) -> list[Span]:
        """Runs of proper nouns the trained tagger finds and no rule or gazetteer entry covers.

        Typed only where the construction says what they are: an organisation's head word
        ('... Forum', '... Coalition'), or a place after a locative preposition ('in Vardenis').
        Anything else stays untyped and is left out: a wrong type is worse than no entity.
        """
        if not doc.has_annotation("POS"):
            return []
        spans: list[Span] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            # 'EU-verband', 'OVSE-kader', 'Benelux-verband': a Dutch compound on an acronym or a body's name is no
            # name of its own (the linker finds the body in it).
            if token.pos_ != "PROPN" or token.ent_type_ or token.is_space or not token.text[:1].isupper() \
                    or ACRONYM_COMPOUND.match(token.text) or _compound_on_a_body(token.text):
                i += 1
                continue
            if doc[i].lower_ in ("de", "het", "een"):  # a capitalised article opens a sentence, not a name
                i += 1
                continue
            j = i + 1
            # A name runs over proper nouns and English connectors, never over a line break.
            while j < len(doc) and (_name_word(doc[j]) or doc[j].lower_ in ("of", "for", "and", "the")) \
                    and not doc[j].ent_type_ and not doc[j].is_space and "\n" not in doc[j - 1].whitespace_:
                j += 1
            while j > i and (not _name_word(doc[j - 1]) or doc[j - 1].lower_ in ("of", "for", "and", "the")):
                j -= 1
            if j <= i:
                i += 1
                continue
            words = [t.text for t in doc[i:j]]
            text = doc[i:j].text
            # The head word of an organisation's name ends it ('... Dialogue Forum') or opens an English
            # 'X of Y' ('Party of Action and Solidarity'); 'Commissie Margaritis Schinas' is a person.
            head = ORG_HEADS.fullmatch(words[-1]) or (len(words) > 2 and ORG_HEADS.fullmatch(words[0])
                                                      and words[1] in ("of", "for"))
            # 'in Artikel 50-samenstelling', 'in Resolutie 2334': a word a number follows is a reference
            place_like = len(words) <= 3 and not ACRONYM.fullmatch(text) and not (
                j < len(doc) and doc[j].text[:1].isdigit())
            label = ("ORGANISATION" if head and len(words) > 1
                     else "PLACE" if place_like and (after_locative(doc, i) or _among_places(doc, i, j))
                     else "PERSON" if 2 <= len(words) <= 4 and _post_follows(doc, j) else None)
            if label is not None:
                spans.append(Span(doc, i, j, label=label, span_id=f"{label}:{slug(text)}"))
            i = max(j, i + 1)
        # The tagger, trained on little data, calls unfamiliar foreign names nouns; a capitalised noun
        # inside a sentence (Dutch does not capitalise common nouns) beside a known place is a place.
        places = {k for span in spans if span.label_ == "PLACE" for k in range(span.start, span.end)}
        persons = {w for e in doc.ents if e.label_ == "PERSON" for w in e.text.split()}
        for token in doc:
            if token.pos_ != "PROPN" and _name_word(token) and not token.ent_type_ and token.i not in places \
                    and token.text not in persons \
                    and _among_places(doc, token.i, token.i + 1, places):
                spans.append(Span(doc, token.i, token.i + 1, label="PLACE", span_id=f"PLACE:{slug(token.text)}"))
                places.add(token.i)
        return spans

    @staticmethod
    def compound_meeting_spans(doc: Doc) -> list[Span]:
        """'de buitengewone NAVO-top', 'de EU-Turkije Top' (NAMED_SUMMIT): a MEETING, its body mentioned inside it."""
        spans = []
        bodies = default_gazetteer().body_index()
        for token in doc:
            m = COMPOUND_MEETING.match(token.text)
            if m is None or not any(part in bodies for part in m.group("body").split("-")):
                continue
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_lower:
                start -= 1
            spans.append(Span(doc, start, token.i + 1, label="MEETING",
                              span_id=f"MEETING:{slug(doc[start:token.i + 1].text)}"))
        for m in NAMED_SUMMIT.finditer(extensions.text_of(doc)):
            span = _span(doc, m.start(), m.end(), "MEETING")
            if span is not None:
                spans.append(span)
        starts = {e.start_char: e for e in doc.ents if e.label_ in ("ORGANISATION", "COUNTRY")}
        for m in NAMED_GATHERING.finditer(extensions.text_of(doc)):
            end = m.end() if not m.group().startswith("Top") else (  # 'Top van het Oostelijk Partnerschap'
                starts[m.end()].end_char if m.end() in starts else None)
            span = _span(doc, m.start(), end, "MEETING") if end is not None else None
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
                if m.end() in starts and end == starts[m.end()].end_char:  # the body the summit is of
                    body = starts[m.end()]
                    extensions.doc_list(doc, "nested_mentions").append(
                        Span(doc, body.start, body.end, label=body.label_, span_id=body.id_))
        for span in spans:  # 'NAVO-top', 'EU-India Top': the body is named inside the meeting's name
            token = span[-1] if span[-1].text != "Top" else span[0]
            body = next((part for part in token.text.split("-") if part in bodies), None)
            if body is not None:
                extensions.doc_list(doc, "nested_mentions").append(
                    Span(doc, token.i, token.i + 1, label=bodies[body].type, span_id=bodies[body].ent_id))
        return spans

    @staticmethod
    def undated_meeting_spans(doc: Doc) -> list[Span]:
        spans = []
        text = extensions.text_of(doc)
        for ent in doc.ents:
            if ent.label_ not in ("ORGANISATION", "COUNTRY"):
                continue
            before = text[max(0, ent.start_char - 60):ent.start_char]
            m = MEETING_OF.search(before)
            if m is None:
                continue
            span = _span(doc, ent.start_char - len(before) + m.start(), ent.end_char, "MEETING")
            if span is not None:
                spans.append(span)
                extensions.doc_list(doc, "nested_mentions").append(
                    Span(doc, ent.start, ent.end, label=ent.label_, span_id=ent.id_))
        return spans

    @staticmethod
    def english_org_spans(doc: Doc) -> list[Span]:
        """English names of bodies, and Dutch standing committees of parliament (one id per portfolio)."""
        text = extensions.text_of(doc)
        spans = [_span(doc, m.start(), m.end(), "ORGANISATION") for m in ENGLISH_ORG.finditer(text)]
        actors = extensions.doc_actors(doc)
        for m in COMMITTEE.finditer(text):
            key = f"{m.group('kind').lower()}-commissie-{slug(m.group('portfolio'))}"
            span = _span(doc, m.start(), m.end(), "ORGANISATION", f"ORGANISATION:{key}")
            if span is not None:  # named as the Kamer names it, however the letter capitalises it
                name = f"{m.group('kind').lower()} commissie voor {m.group('portfolio')}"
                actors.setdefault(span.id_, ActorInfo(span.id_, "ORGANISATION", key, name))
                spans.append(span)
        return [s for s in spans if s is not None]

    def __call__(self, doc: Doc) -> Doc:
        candidates = informal_formations(doc, list(doc.ents))
        acronyms = self.acronym_definitions(doc)
        found = self.person_spans(doc) + [s for pair in acronyms for s in pair] + self.meeting_spans(doc)
        found += self.document_spans(doc) + self.proper_noun_spans(doc) + self.english_org_spans(doc)
        found += self.undated_meeting_spans(doc) + self.compound_meeting_spans(doc)
        found += reported_meeting_spans(doc)
        # Gazetteer matches win over rule matches of the same or shorter length.
        ents = self.one_actor_per_acronym(doc, filter_spans(candidates + found), acronyms)
        doc.ents = [e for e in ents if not (e.label_ == "PLACE" and _in_dateline(e))]
        return doc


@Language.factory("diplokg_actor_rules", default_config={"patterns": {"@misc": "diplokg.role_patterns.v1"}})
def make_actor_rules(nlp: Language, name: str, patterns: RolePatterns) -> ActorRules:
    extensions.register()
    return ActorRules(patterns or role_patterns())
