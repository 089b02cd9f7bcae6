"""``diplokg_dates``: every date expression of the Doc as a Span with its ISO value.

Runs :func:`pipeline.dates.find_dates` over ``doc.text`` (regexes are clearer
than token patterns for "21 en 22 oktober 2021" or "12-10-2020") and aligns
each match to tokens. Relative dates ("27 september jl.") are resolved against
``doc._.doc_date``; set it before the pipeline runs.

Result: ``doc._.dates`` is a list of Spans in text order, each with
``span._.iso_date`` (the first day for a range).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import pipeline.patterns.dates  # noqa: F401  (registers diplokg.date_patterns.v1)
from pipeline import extensions
from pipeline.dates import FULL_YEAR, LETTER_DATE, DatePatterns, find_dates


class DateTagger:
    def __init__(self, patterns: DatePatterns) -> None:
        extensions.register()
        self.patterns = patterns

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        last_end = -1
        for start, end, iso in find_dates(extensions.text_of(doc), doc._.doc_date, self.patterns):
            # "expand": a date glued to a footnote marker or a bracket still becomes a span.
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or span.start < last_end:  # two dates inside one token: keep the first
                continue
            span._.iso_date = iso
            spans.append(span)
            last_end = span.end
        self._from_cited_letters(doc, spans)
        doc._.dates = spans
        return doc

    def _from_cited_letters(self, doc: Doc, spans: list) -> None:
        """A date without a year in the title of a letter the text cites is seen from that letter's date, not
        the document's: 'de brief ... d.d. 26 augustus 2015 houdende de geannoteerde agenda ... op 2 en 3 september
        a.s.' is September 2015 in a report of 2016."""
        text = extensions.text_of(doc)
        for k, letter in enumerate(spans):
            if not FULL_YEAR.search(letter.text) or not LETTER_DATE.search(text, max(0, letter.start_char - 120),
                                                                            letter.start_char):
                continue
            end = min((i for i in (text.find(";", letter.end_char), text.find("\n", letter.end_char)) if i >= 0),
                      default=len(text))
            for span in spans[k + 1:]:
                if span.start_char >= end:
                    break
                if not FULL_YEAR.search(span.text):
                    again = find_dates(span.text, letter._.iso_date, self.patterns)
                    if again and again[0][2]:
                        span._.iso_date = again[0][2]


@Language.factory(
    "diplokg_dates",
    default_config={"patterns": {"@misc": "diplokg.date_patterns.v1"}},
    assigns=["doc._.dates", "span._.iso_date"],
)
def make_date_tagger(nlp: Language, name: str, patterns: DatePatterns) -> DateTagger:
    return DateTagger(patterns)
