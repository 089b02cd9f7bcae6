"""The meeting a committee report records: 'Verslag van een algemeen overleg over de Raad Algemene Zaken
(9 juni 2016)' opens with 'De vaste commissie voor ... heeft op 9 juni 2016 overleg gevoerd met ...'.

The Kamer prints every report of an algemeen overleg, notaoverleg, wetgevingsoverleg or commissiedebat with
this title and this opening, so the meeting is a MEETING named as the annotation guidelines name a debate
('algemeen overleg Raad Algemene Zaken 9 juni 2016'): its kind and subject from the title, its date from the
opening sentence, where the mention ('overleg') anchors it in the text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline import extensions
from pipeline.components.linker import ActorInfo
from pipeline.dates import dutch_date_range
from pipeline.iris import slug

KINDS = r"algemeen overleg|commissiedebat|notaoverleg|wetgevingsoverleg"
# The report's title or heading: 'Verslag van een commissiedebat, gehouden op 10 februari 2022, over de NAVO ...'
REPORT = re.compile(rf"(?i)\bverslag van een (?P<kind>{KINDS})\b")
SUBJECT = re.compile(r"\bover\s(?:de\s|het\s)?(?P<subject>[^()]+?)\s*(?:\(|$)")
# The subject of 'over (de Raad) (NAVO)' printed in brackets at the end: '..., gehouden op 9 juni 2016 (NAVO)'
BRACKETED = re.compile(r"\((?P<subject>[^()\d]+)\)\s*$")
TRAILING_DATE = re.compile(r"\s+(?:van|op|d\.d\.)\s+\d.*$")
OPENING = re.compile(r"\b(?:heeft|hebben)\sop\s(?P<date>[^,]{6,40}?)\s(?P<noun>overleg)\sgevoerd\b")


def report_name(title: str, head: str) -> str | None:
    """'algemeen overleg Raad Algemene Zaken' from the title (or the heading in ``head``), None when neither
    says it is the report of a debate."""
    in_title = REPORT.search(title)
    m = in_title or REPORT.search(head)
    if m is None:
        return None
    rest = title[m.end():] if in_title else ""  # only a title names the subject
    subject = SUBJECT.search(rest) or BRACKETED.search(rest)
    words = TRAILING_DATE.sub("", subject.group("subject")).strip(" ,") if subject else ""
    return " ".join(p for p in (m.group("kind").lower(), words) if p)


def reported_meeting_spans(doc: Doc) -> list[Span]:
    """The MEETING a committee report records: the word 'overleg' of its opening sentence, and the report's
    heading where the text prints one ('VERSLAG VAN EEN ALGEMEEN OVERLEG' names the meeting by its kind)."""
    text = extensions.text_of(doc)
    name = report_name(doc._.title or "", text[:400])
    opening = OPENING.search(text, 0, 1500) if name else None
    if opening is None:
        return []
    date = next((d for d in doc._.dates or [] if d._.iso_date and opening.start("date") <= d.start_char
                 and d.end_char <= opening.end("date")), None)
    if date is None:
        return []
    heading = REPORT.search(text, 0, opening.start())
    found = [doc.char_span(opening.start("noun"), opening.end("noun"))]
    if heading is not None:
        found.append(doc.char_span(heading.start("kind"), heading.end("kind")))
    full = f"{name} {dutch_date_range(date.text, date._.iso_date)}"
    key = slug(f"{name} {date._.iso_date}")
    spans = [Span(doc, span.start, span.end, label="MEETING", span_id=f"MEETING:{key}") for span in found
             if span is not None]
    if spans:
        extensions.doc_actors(doc).setdefault(spans[0].id_, ActorInfo(spans[0].id_, "MEETING", key, full))
    return spans


HEADING_BEFORE = re.compile(r"(?i)\bverslag van een\s+$")


def is_report_heading(span: Span) -> bool:
    """The report's heading ('VERSLAG VAN EEN ALGEMEEN OVERLEG'): it names the meeting and reports nothing."""
    return bool(HEADING_BEFORE.search(extensions.text_of(span.doc)[max(0, span.start_char - 20): span.start_char]))
