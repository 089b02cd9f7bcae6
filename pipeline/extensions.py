"""Every Doc/Span extension of the diplokg pipeline, registered in one place.

Components fill the Doc-level lists with :mod:`pipeline.extraction`
dataclasses; :func:`pipeline.extraction_from_doc.from_doc` only collects them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from spacy.tokens import Doc, Span

from pipeline.extraction import Provenance

T = TypeVar("T")

_DOC_LISTS = ("roles", "motions", "events", "positions", "nested_mentions",
              "post_holders",  # [(Span, post, of actor id)] for unnamed office-holders
              "learned_entities",  # [Span] the trained recogniser added (diplokg_learned_entities)
              "submitter_spans")  # [(start, end) chars] a motion's submitters as printed (diplokg_motions)


def register() -> None:
    """Idempotent: safe to call from every component factory."""
    if not Doc.has_extension("doc_id"):
        Doc.set_extension("doc_id", default="")
        Doc.set_extension("doc_date", default=None)  # ISO date of the document, anchors relative dates
        Doc.set_extension("offset_map", default=None)  # clean char index -> original char index
        Doc.set_extension("body_end", default=None)  # char offset where the footnotes begin
        Doc.set_extension("dates", default=None)  # list[Span] with span._.iso_date, by the dates component
        Doc.set_extension("actors", default=None)  # ent_id -> ActorInfo, filled by the linker
        Doc.set_extension("signatory", default=None)  # (actor id, post) of a letter's signatory
        # char offset of the words that make them the signatory where no signature does ('ik' in answers)
        Doc.set_extension("signatory_at", default=None)
        Doc.set_extension("adjective_actors", default=None)  # [(token index, actor id)]: 'Armeense ambtsgenoot'
        # Spans that name an actor without being its name: 'de Griekse eilanden' (Griekenland), 'EU-leiders' (EU)
        Doc.set_extension("implied_mentions", default=None)
        for name in _DOC_LISTS:
            Doc.set_extension(name, default=None)
    if not Span.has_extension("iso_date"):
        Span.set_extension("iso_date", default=None)
    if not Doc.has_extension("own_motion"):
        # when the text is itself a motion: where its signatures are, (start, end) chars or None; by diplokg_motions
        Doc.set_extension("own_motion", default=None)
        Doc.set_extension("is_motion", default=False)
    if not Doc.has_extension("kamerstuk"):
        # the document's own Kamerstuk number from its metadata (sidecar or printed header), as given there
        Doc.set_extension("kamerstuk", default=None)
    if not Doc.has_extension("title"):
        Doc.set_extension("title", default=None)  # the document's title from its metadata
    if not Doc.has_extension("sentence_scores"):
        # sentence start token -> {"EVENT:MEETING": p, "STANCE:SUPPORTS": p, ...}, by the learned classifier
        Doc.set_extension("sentence_scores", default=None)


def sentence_score(sent: Span, label: str) -> float | None:
    """The learned classifier's probability that ``sent`` carries ``label``; None without a classifier."""
    scores = sent.doc._.sentence_scores
    if scores is None:
        return None
    return scores.get(sent.start, {}).get(label, 0.0)


def once_per_doc(doc: Doc, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, worked out on first use and kept in the Doc's user data under ``key`` (None included): what
    several components or sentences read about the whole Doc."""
    if key not in doc.user_data:
        doc.user_data[key] = make()
    return doc.user_data[key]


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token on each access, and rules read it often."""
    return once_per_doc(doc, "diplokg.text", lambda: doc.text)


def matches(doc: Doc, pattern: re.Pattern) -> list[re.Match]:
    """``pattern.finditer`` over the Doc's text, run once per Doc: the actor rules and the roles both read the
    titled persons, the members and the committee officers (the first two scan every character against every
    title)."""
    return once_per_doc(doc, ("diplokg.matches", pattern.pattern, pattern.flags),
                        lambda: list(pattern.finditer(text_of(doc))))


def in_body(sent: Span) -> bool:
    """False for a sentence in the footnotes: they cite documents, they do not report facts."""
    body_end = sent.doc._.body_end
    return body_end is None or sent.start_char < body_end


# 'Vraag 3' on a line of its own (some sites print it as a list item, '• Vraag 3'): the paragraph after it is a
# member's question (Kamervragen).
QUESTION_BULLET = r"(?:[•▪●◦∙·][ \t]*)?"
QUESTION_HEADING = re.compile(rf"^[ \t]*{QUESTION_BULLET}Vraag(?:[ \t]+\d[\d, ]*)?[ \t]*:?[ \t]*$", re.MULTILINE)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# What may close a question after its '?': quotes, brackets, footnote markers.
_QUESTION_END = re.compile(r"\?[\s»”\"'’)\]\d]*$")


def is_question(sent: Span) -> bool:
    """A member's question ('Bent u bereid ...?', the paragraph under 'Vraag 3'): it asks, it states no
    position of anyone (annotation guidelines, 'Kamervragen'), and neither do the premises it quotes."""
    if _QUESTION_END.search(sent.text):
        return True
    ranges = once_per_doc(sent.doc, "diplokg.questions", lambda: _question_paragraphs(text_of(sent.doc)))
    return any(start <= sent.start_char < end for start, end in ranges)


def _question_paragraphs(text: str) -> list[tuple[int, int]]:
    ranges = []
    for m in QUESTION_HEADING.finditer(text):
        start = len(text) - len(text[m.end():].lstrip())
        end = _PARAGRAPH_END.search(text, start)
        ranges.append((start, end.start() if end else len(text)))
    return ranges


def break_before(doc: Doc, i: int, blank_line: bool = False) -> bool:
    """True at the start of ``doc`` or after a line break before token ``i`` (a blank line: a new paragraph)."""
    return i == 0 or ("\n\n" if blank_line else "\n") in doc[i - 1].text_with_ws


def doc_list(doc: Doc, name: str) -> list:
    """The Doc-level list ``name``, created on first use (defaults must not be shared lists)."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def doc_actors(doc: Doc) -> dict:
    """``doc._.actors`` (actor id -> ActorInfo), created on first use like ``doc_list``."""
    if doc._.actors is None:
        doc._.actors = {}
    return doc._.actors


def original_offsets(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    """Map clean-text character offsets back into the original text.

    Preparation moves footnotes behind the running text, so a span's characters
    need not be in order in the original: take the smallest and largest.
    """
    omap = doc._.offset_map
    if omap is None:
        return start_char, end_char
    if end_char <= start_char:
        return omap[start_char], omap[start_char]
    chars = omap[start_char:end_char]
    return min(chars), max(chars) + 1


def provenance(span: Span, extractor: str, confidence: float = 1.0) -> Provenance:
    """Provenance for a fact stated in ``span``'s sentence."""
    doc = span.doc
    # A sentence states a few facts and its text and offsets are the same for each: worked out once per Doc.
    sentences = once_per_doc(doc, "diplokg.provenance", lambda: {"sentences": _has_sentences(doc)})
    sent = span.sent if sentences["sentences"] else span
    found = sentences.get((sent.start, sent.end))
    if found is None:
        start, end = original_offsets(doc, sent.start_char, sent.end_char)
        found = sentences[(sent.start, sent.end)] = (" ".join(sent.text.split()), start, end)
    return Provenance(
        doc_id=doc._.doc_id,
        sentence=found[0],
        start=found[1],
        end=found[2],
        extractor=extractor,
        confidence=confidence,
    )


def is_post_mention(span: Span) -> bool:
    """Whether ``span`` names its person by a post ('de Minister-President'), not by name."""
    return any(post.start == span.start and post.end == span.end for post, _, _ in span.doc._.post_holders or [])


def _has_sentences(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


class SpanIndex:
    """Spans sorted by start, for 'which of them start in tokens [lo, hi)' by bisection, not a scan."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def starting_in(self, lo: int, hi: int) -> list[Span]:
        return self.spans[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]


def span_index(doc: Doc, name: str, spans: list[Span]) -> SpanIndex:
    """One SpanIndex per Doc and name (built on first use; ``spans`` must be the same list each time)."""
    key = f"diplokg.index.{name}"
    index = doc.user_data.get(key)
    if index is None or len(index.spans) != len(spans):
        index = doc.user_data[key] = SpanIndex(spans)
    return index
