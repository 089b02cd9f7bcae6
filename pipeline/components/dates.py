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
from pipeline.dates import DatePatterns, find_dates


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
        doc._.dates = spans
        return doc


@Language.factory(
    "diplokg_dates",
    default_config={"patterns": {"@misc": "diplokg.date_patterns.v1"}},
    assigns=["doc._.dates", "span._.iso_date"],
)
def make_date_tagger(nlp: Language, name: str, patterns: DatePatterns) -> DateTagger:
    return DateTagger(patterns)
