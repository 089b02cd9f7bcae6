"""``diplokg_motions``: parliamentary motions (moties) mentioned in the Doc.

Two shapes occur in Dutch government letters:

- list headings, one motion per item, followed by the government's account of
  what it did with it::

      3. Motie van het lid Eppink c.s. over druk op ... (21501-02-2370), 17 juni 2021
      <paragraphs: the execution>

- mentions in running text: ``in lijn met de moties van het lid Ploumen c.s.
  (Kamerstuk 35 570 V, nr. 42) en van het lid Van Helvert c.s. (...)``,
  ``de motie Stoffer/Verhoeven``, ``de motie-Omtzigt``.

A Kamerstuk number only becomes a motion when the words before it say
motie/moties; a number after a letter or report ("Kamerbrief ..., (21 501-02,
Nr. 2244)") never does. A mention without a number still gives a Motion
(``id=None``) when it names its submitters; when those submitters match a
numbered motion of the same document, it is taken as another mention of that
one and merged into it.

``doc._.motions`` gets :class:`pipeline.extraction.Motion` objects in order of
first mention, one per motion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

import pipeline.patterns.motions  # noqa: F401  (registers diplokg.motion_patterns.v1)
from pipeline import extensions
from pipeline.dates import find_date_ranges
from pipeline.extraction import Motion
from pipeline.iris import slug
from pipeline.metadata import parse_dutch_date, printed_kamerstuk
from pipeline.patterns import INITIAL
from pipeline.patterns.motions import MotionPatterns, normalise_identifier, printed_identifier

EXTRACTOR = "diplokg.motions/1"


@dataclass
class Mention:
    """One motion as mentioned at one place in the text (before merging)."""

    start: int
    end: int
    ids: list[str]  # normalised; empty when the text gives no number
    printed: list[str]
    submitters: list[str]
    cosigners: bool = False
    topic: str | None = None
    date: str | None = None
    amended: bool = False
    heading: bool = False
    execution: str | None = None
    section_end: int = -1  # for headings: where the account of this motion ends
    confidence: float = 0.9
    merged: list[Mention] = field(default_factory=list)
    names_at: tuple[int, int] | None = None  # where the submitters' names are printed


# -- names -------------------------------------------------------------------------------------------------

def surname(name: str, p: MotionPatterns) -> str | None:
    """'Pieter van der Graaf' -> 'Van der Graaf'; 'J. Voordewind' -> 'Voordewind'; titles -> None."""
    words = [w for w in name.split() if not re.fullmatch(rf"(?:{INITIAL})+", w)]
    if not words:
        return None
    start = len(words) - 1
    for i, word in enumerate(words[:-1]):
        if word.lower() in p.tussenvoegsels:
            start = i
            break
    words = words[start:]
    if words[-1] in p.not_names:
        return None
    result = " ".join(words)
    return result[0].upper() + result[1:]


def split_names(names: str, p: MotionPatterns) -> list[str]:
    names = p.party.sub("", names) if "(" in names else names
    out: list[str] = []
    for part in p.name_list_sep.split(names):
        name = surname(part, p) if part.strip() else None
        if name and name not in out:
            out.append(name)
    return out


# -- one mention -------------------------------------------------------------------------------------------

def _is_heading(text: str, start: int, p: MotionPatterns) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    if re.fullmatch(r"[ \t]*(?:(?:\d{1,3}|[a-z])[.)]\s+|[-•*–]\s+)", prefix):
        return True
    if not prefix.strip():  # an unnumbered heading: its own paragraph, capitalised
        before = text[:line_start].rstrip(" \t")
        return (not before or before.endswith("\n")) and text[start].isupper()
    return bool(p.heading_prefix_inline.search(text[max(0, start - 12):start]))


def _date_after(text: str, pos: int, anchor: str | None, p: MotionPatterns) -> tuple[str | None, int]:
    """A date printed right after the identifier: "), 12 oktober 2021" or "), aangenomen op ..."."""
    lead = p.date_lead.match(text, pos)
    at = lead.end() if lead else pos
    if at == pos and not text[pos:pos + 1].isspace():
        return None, pos
    found = find_date_ranges(text[at:at + 60], anchor)
    if found and found[0][0] == 0 and "-" in found[0][2]:  # a day or month, not a bare year
        return found[0][2], at + found[0][1]
    return None, pos


def _id_in_window(text: str, pos: int, limit: int, p: MotionPatterns) -> re.Match | None:
    """The first bracketed identifier between pos and limit."""
    for paren in re.finditer(r"\(", text[pos:limit]):
        m = p.id_in_brackets.match(text, pos + paren.start())
        if m and m.group("id"):
            return m
    return None


def _parse(text: str, trigger: re.Match, anchor: str | None, p: MotionPatterns) -> list[Mention]:
    """The mention(s) starting at ``trigger``; several for "de moties van A (...) en van B (...)"."""
    heading = _is_heading(text, trigger.start(), p)
    plural = trigger.group("kw").lower() == "moties"
    amended = bool(trigger.group("amended"))
    mentions: list[Mention] = []
    pos = trigger.end()
    while True:
        names: list[str] = []
        names_at: tuple[int, int] | None = None
        m = p.after_members.match(text, pos)
        if m:
            names = split_names(m.group("name") or m.group("names"), p)
        elif not mentions:
            m = p.after_hyphen.match(text, pos) or p.after_name.match(text, pos)
            if m:
                names = split_names(m.group("names"), p)
        if m and not names:
            m = None
        if m:
            names_at = m.span("name") if m.groupdict().get("name") else m.span("names")
        if m:
            pos = m.end()
        elif mentions:  # a continuation must name its submitters
            break
        cs = p.cosigners.match(text, pos)
        if cs:
            pos = cs.end()
        pos = p.party.match(text, pos).end()  # "(CDA)": all-optional, always matches

        sent_end = p.sentence_end.search(text, pos)
        limit = min(sent_end.start() if sent_end else len(text), pos + p.max_topic)
        if heading:  # a heading ends with its line
            newline = text.find("\n", pos)
            limit = min(limit if newline < 0 else min(limit, newline), len(text))
        topic, idm = None, None
        over = p.over.match(text, pos)
        if over:
            idm = _id_in_window(text, over.end(), limit, p)
            topic_end = idm.start() if idm else limit
            topic = text[over.end():topic_end]
            if idm and not heading and p.document_nouns.search(topic):
                idm = None  # "over X, zoals gemeld in de brief (Kamerstuk ...)": the number is the letter's
            if not heading and not idm:
                topic = topic.split(",")[0]
            pos = idm.end() if idm else over.end()
        else:
            idm = p.id_in_brackets.match(text, pos) or p.id_bare.match(text, pos)
            if not idm and heading and names:  # "Gewijzigde motie van het lid X een onderzoek naar ... (id)"
                idm = _id_in_window(text, pos, limit, p)
                if idm:
                    topic = text[pos:idm.start()]
            if idm:
                pos = idm.end()
        if idm and not names:  # "de motie (Kamerstuk 36 045, nr. 17) van het lid Smit"
            late = p.after_members.match(text, pos)
            if late:
                names = split_names(late.group("name") or late.group("names"), p)
                names_at = late.span("name") if late.group("name") else late.span("names")
                cs = p.cosigners.match(text, late.end())
                pos = cs.end() if cs else late.end()
        if not names and not idm:  # "deze motie", "motie 3": nothing to identify it by
            break

        ids: list[str] = []
        printed: list[str] = []
        if idm:
            id_match = p.identifier.match(idm.group("id"))
            ids = normalise_identifier(id_match) if id_match else []
            printed = [printed_identifier(idm.group("id"))] * len(ids)
        date, date_end = (None, pos)
        if idm and idm.groupdict().get("inner"):
            date, _ = _date_after(idm.group("inner"), 0, anchor, p)
        if not date and idm:
            date, date_end = _date_after(text, pos, anchor, p)
            pos = max(pos, date_end)
        topic = " ".join(topic.split()).strip(" ,;:") if topic else None
        mentions.append(Mention(
            start=trigger.start() if not mentions else mentions[-1].end, end=pos, ids=ids, printed=printed,
            submitters=names, cosigners=bool(cs), topic=topic or None, date=date, amended=amended,
            heading=heading and not mentions, confidence=0.95 if heading else (0.9 if ids else 0.7),
            names_at=names_at))
        if not (plural and idm):
            break
        more = p.continuation.match(text, pos)
        if not more or not p.after_members.match(text, more.end()):
            break
        pos = more.end()
    return mentions


def find_mentions(text: str, anchor: str | None, p: MotionPatterns) -> list[Mention]:
    """Every motion mention in ``text``, in order, with list sections and their execution text."""
    mentions: list[Mention] = []
    for trigger in p.trigger.finditer(text):
        if mentions and trigger.start() < mentions[-1].end:
            continue
        mentions.extend(_parse(text, trigger, anchor, p))
    headings = [m for m in mentions if m.heading]
    for i, head in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        closing = p.closing.search(text, head.end, end)  # signature, footnotes
        head.section_end = closing.start() if closing else end
        # the section runs up to the next heading's trigger: drop that heading's list number
        account = re.sub(r"(?:^|\s)(?:\d{1,3}|[a-z])[.)]\s*$", "", text[head.end:head.section_end])
        paragraphs = [" ".join(par.split()) for par in re.split(r"\n\s*\n", account)]
        kept = [par for par in paragraphs if par and not p.furniture.fullmatch(par)]
        head.execution = "\n\n".join(kept) or None
    return mentions


# -- a motion's own text -------------------------------------------------------------------------------------

# A motion's own text, printed without its Kamerstuk heading: it opens with the formula (after the date).
MOTION_OPENING = re.compile(r"\A\s*(?:Voorgesteld\b[^\n]*\n\s*)?De\s+Kamer,\s*gehoord\s+de\s+beraadslaging")


def motion_document(text: str, p: MotionPatterns, kamerstuk: str | None = None) -> Mention | None:
    """The motion that ``text`` itself is, from its printed Kamerstuk heading; None for other documents.

    ``kamerstuk``, the document's number from its metadata, completes a heading printed without its dossier
    line ('Nr. 8 MOTIE VAN ...') and names a motion printed without any heading (MOTION_OPENING)."""
    head = p.doc_heading.search(text, 0, 1500)
    known = _metadata_number(kamerstuk, p)
    if not head:
        opening = MOTION_OPENING.match(text) if known else None
        if opening is None:
            return None
        return _own_motion(text, p, known, opening.start(), opening.start(), None)
    dossier = next(p.doc_dossier.finditer(text, 0, head.start()), None)  # the first line above the heading
    nr = head.group("nr") or next((m.group("nr") for m in p.doc_nr.finditer(text, 0, head.start())), None)
    if dossier is None and known is not None and nr is not None and known.endswith(f"nr. {nr}"):
        return _own_motion(text, p, known, head.start(), head.end(), head)
    if dossier is None or nr is None:
        return None
    sub = dossier.group("sub")
    printed = f"{dossier.group('dossier')}{'-' + sub if sub and sub.isdigit() else ' ' + sub if sub else ''}, nr. {nr}"
    return _own_motion(text, p, printed, head.start(), head.end(), head)


def _metadata_number(kamerstuk: str | None, p: MotionPatterns) -> str | None:
    """The metadata's number as parliament prints it ('36 410 X, nr. 63'), if it is one."""
    if not kamerstuk:
        return None
    printed = kamerstuk if "nr." in kamerstuk else printed_kamerstuk(kamerstuk).removeprefix("Kamerstuk ")
    return printed if p.identifier.fullmatch(printed) else None


def _own_motion(text: str, p: MotionPatterns, printed: str, start: int, end: int, head: re.Match | None
                ) -> Mention | None:
    ident = p.identifier.fullmatch(printed)
    if ident is None:
        return None
    date, topic = None, None
    if proposed := p.doc_proposed.search(text, end, end + 200):
        # "Voorgesteld 3 april 2018", "Voorgesteld tijdens het Notaoverleg van 4 oktober 2021"
        date = parse_dutch_date(text[proposed.end(): proposed.end() + 80].split("\n\n")[0])
    if request := p.doc_request.search(text, end):
        topic = " ".join(request.group("topic").split())[: p.max_topic] or None
    close = p.doc_close.search(text, end)
    # The signatures follow the closing formula; a text printed without it ends with them.
    sign_at = close.end() if close else _trailing_names(text, end, p)
    names = _signatures(text[sign_at:], p) if sign_at is not None else []
    names_at = None
    if names:  # the signatures are where the members are named (as persons) too
        names_at = (sign_at, text.index(names[-1], sign_at) + len(names[-1]))
    elif head is not None:  # the excerpt stops before the signatures: the heading's names, in capitals
        names = [_from_capitals(n, p) for n in re.split(r"\s*,\s*|\s+EN\s+", head.group("names")) if n.strip()]
    return Mention(start=start, end=end, ids=normalise_identifier(ident),
                   printed=[printed_identifier(printed)], submitters=names,
                   cosigners=bool(head and head.group("cs")), topic=topic, date=date,
                   amended=bool(head and head.group("amended")), heading=True, confidence=0.95 if head else 0.9,
                   names_at=names_at)


def _signature_line(line: str, p: MotionPatterns) -> str | None:
    """The name on a signature line ("Paternotte.", "Saris,", "\\Van Baarle", "Ceder____" -> the name), or
    None if the line is no name: punctuation around it is a typing slip or a rule, not part of the name."""
    line = line.strip().strip("\\/*•·_").rstrip(".,;")
    return line if len(line) <= 60 and p.name.fullmatch(line) else None


def _signatures(tail: str, p: MotionPatterns) -> list[str]:
    """The names signed under a motion: one a line, right after the closing formula."""
    names: list[str] = []
    for line in tail.splitlines():
        if not line.strip():
            continue
        name = _signature_line(line, p)
        if name is None:
            break
        names.append(name)
    return names


def _trailing_names(text: str, after: int, p: MotionPatterns) -> int | None:
    """Where the run of name lines that ends the text begins (a motion without its closing formula)."""
    start = None
    end = len(text.rstrip())
    while end > after:
        line_start = text.rfind("\n", after, end) + 1
        if line_start <= after or _signature_line(text[line_start:end], p) is None:
            break
        start, end = line_start, line_start - 1
    return start


def _from_capitals(name: str, p: MotionPatterns) -> str:
    """'JASPER VAN DIJK' -> 'Jasper van Dijk', 'VAN DER STAAIJ' -> 'Van der Staaij'."""
    words = [w.lower() if w.lower() in p.tussenvoegsels else "-".join(x.capitalize() for x in w.split("-"))
             for w in name.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


# -- merging -----------------------------------------------------------------------------------------------

def _absorb(motion: Motion, mention: Mention, prefer: bool) -> None:
    """Merge ``mention`` into ``motion``; a heading's topic, date and execution win over running text."""
    for name in mention.submitters:
        if name not in motion.submitters:
            motion.submitters.append(name)
    motion.cosigners = motion.cosigners or mention.cosigners
    motion.amended = motion.amended or mention.amended
    for attr in ("topic", "date", "execution"):
        value = getattr(mention, attr)
        if value and (prefer or not getattr(motion, attr)):
            setattr(motion, attr, value)


def merge(mentions: list[Mention], doc: Doc, id_style: str, sentence_execution: bool,
          own_key: str | None = None) -> list[Motion]:
    """One Motion per motion. ``own_key``: the motion the text itself is; a mention without a number never
    merges into it (a motion does not cite itself: "de motie-Soepboer/Ceder" in Soepboer's own motion is an
    earlier one)."""
    motions: dict[str, Motion] = {}
    heads: dict[str, Mention] = {}
    order: list[str] = []

    def provenance_of(m: Mention):
        span = doc.char_span(m.start, max(m.end, m.start + 1), alignment_mode="expand")
        return extensions.provenance(span, EXTRACTOR, m.confidence) if span is not None else None

    def running_execution(m: Mention) -> str | None:
        if not sentence_execution or m.heading:
            return m.execution
        prov = provenance_of(m)
        return prov.sentence if prov else None

    for m in mentions:  # numbered first: they anchor the unnumbered ones
        m.execution = running_execution(m)
        for key, printed in zip(m.ids, m.printed, strict=True):
            if key not in motions:
                motions[key] = Motion(id=printed if id_style == "printed" else key, submitters=[], date=None,
                                      topic=None, provenance=provenance_of(m), printed_id=printed)
                order.append(key)
            prefer = m.heading and key not in heads
            if prefer:
                heads[key] = m
                motions[key].provenance = provenance_of(m)
            _absorb(motions[key], m, prefer)

    unnumbered: dict[str, Motion] = {}
    for m in mentions:
        if m.ids or not m.submitters:
            continue
        # Inside the account of a listed motion, a mention by the same first submitter is that motion.
        target = next((k for k, h in heads.items() if h.end <= m.start < h.section_end and k != own_key
                       and set(m.submitters) & set(motions[k].submitters)), None)
        if target is None:
            same_first = [k for k in motions if motions[k].submitters[:1] == m.submitters[:1] and k != own_key]
            if len(same_first) == 1:
                target = same_first[0]
            elif any(set(m.submitters) <= set(motions[k].submitters) for k in same_first):
                continue  # one of several numbered motions by the same members: nothing to add
        if target is not None:
            _absorb(motions[target], m, prefer=False)
            continue
        key = m.submitters[0]
        if key not in unnumbered:
            unnumbered[key] = Motion(id=None, submitters=[], date=None, topic=None,
                                     provenance=provenance_of(m))
            order.append("\0" + key)
        _absorb(unnumbered[key], m, prefer=False)
    return [motions[k] if not k.startswith("\0") else unnumbered[k[1:]] for k in order]


def submitter_spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    """Submitters are members of parliament: each name printed in a mention is a PERSON
    ('de motie Stoffer/Verhoeven', 'motie-Eppink', 'van het lid Omtzigt')."""
    spans = []
    text = extensions.text_of(doc)  # doc.text joins every token on each access
    for m in mentions:
        if m.names_at is None:
            continue
        start, end = m.names_at
        for name in m.submitters:
            # the name as the text prints it: 'Ten Broeke' is printed 'ten Broeke' after a slash
            for found in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[start:end], re.IGNORECASE):
                span = doc.char_span(start + found.start(), start + found.end(), alignment_mode="expand")
                if span is not None:
                    spans.append(Span(doc, span.start, span.end, label="PERSON", span_id=f"PERSON:{slug(name)}"))
    return spans


class MotionTagger:
    def __init__(self, patterns: MotionPatterns, id_style: str, sentence_execution: bool) -> None:
        if id_style not in ("normalised", "printed"):
            raise ValueError(f"id_style must be 'normalised' or 'printed', not {id_style!r}")
        extensions.register()
        self.patterns = patterns
        self.id_style = id_style
        self.sentence_execution = sentence_execution

    def __call__(self, doc: Doc) -> Doc:
        text = extensions.text_of(doc)
        mentions = find_mentions(text, doc._.doc_date, self.patterns)
        if own := motion_document(text, self.patterns, doc._.kamerstuk):
            # the text is a motion: its heading is that motion, not a mention in capitals
            mentions = [own] + [m for m in mentions if m.end <= own.start or m.start >= own.end]
            doc._.is_motion = True  # roles and positions read the motion's own text differently
            doc._.own_motion = own.names_at
        motions = extensions.doc_list(doc, "motions")
        found = merge(mentions, doc, self.id_style, self.sentence_execution,
                      own.ids[0] if own and own.ids else None)
        if own and own.ids:
            for motion in found:
                motion.own = motion.printed_id == own.printed[0]
        motions.extend(found)
        submitters = submitter_spans(doc, mentions)
        extensions.doc_list(doc, "submitter_spans").extend((s.start_char, s.end_char) for s in submitters)
        doc.ents = filter_spans(list(doc.ents) + submitters)
        return doc


@Language.factory(
    "diplokg_motions",
    default_config={
        "patterns": {"@misc": "diplokg.motion_patterns.v1"},
        # "normalised" ("35570-V-42", stable across documents, used for IRIs) or "printed"
        # ("35 570 V, nr. 42", the text's own form).
        "id_style": "normalised",
        # For a motion mentioned in running text, its sentence is the account of its execution.
        "sentence_execution": True,
    },
    assigns=["doc._.motions"],
)
def make_motion_tagger(nlp: Language, name: str, patterns: MotionPatterns, id_style: str,
                       sentence_execution: bool) -> MotionTagger:
    return MotionTagger(patterns, id_style, sentence_execution)
