"""An informal Council of another formation is no Gymnich.

The gazetteer names the informal meeting of EU foreign ministers (Gymnich) 'informele Raad Buitenlandse Zaken',
but the Council of defence, trade or development ministers is informal too: 'de informele Raad Buitenlandse
Zaken Defensie', 'informele RBZ/Ontwikkelingssamenwerking', 'de informele Raad Buitenlandse Zaken met de
Ministers van Defensie'. There the words name the Council (its formation after it), not the Gymnich.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline import extensions

GYMNICH = "MEETING:gymnich"
COUNCIL = "ORGANISATION:foreign-affairs-council"
# What follows the name when another formation meets: the formation itself, or the ministers who do.
FORMATION = re.compile(r"\s*(?:/\s*)?(?:(?P<word>Defensie|Handel|Ontwikkelingssamenwerking|Ontwikkeling|OS)\b"
                       r"|(?:\(RBZ\)\s+)?(?:met|inzake)\b)")


def informal_formations(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` with each Gymnich that is an informal Council of another formation named as that Council."""
    out = []
    text = extensions.text_of(doc)
    for ent in ents:
        m = FORMATION.match(text, ent.end_char) if ent.id_ == GYMNICH else None
        if m is None or not ent.text.lower().startswith("informele"):
            out.append(ent)
            continue
        end = doc.char_span(ent.start_char, m.end("word"), alignment_mode="expand").end if m.group("word") else ent.end
        out.append(Span(doc, ent.start + 1, end, label="ORGANISATION", span_id=COUNCIL))
    return out
