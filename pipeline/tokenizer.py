"""Tokenizer rules for Dutch government letters (Kamerbrieven).

spaCy's Dutch tokenizer already keeps many abbreviations together, but not all the
ones this genre uses (``o.b.v.``, month abbreviations), and it has no notion of
Kamerstuk numbers. :func:`customize_tokenizer` adds:

* special cases for the genre's abbreviations (plus a capitalised, sentence-initial
  variant), so ``t.a.v.`` or ``A.s.`` stay one token and do not end a sentence;
* a ``token_match`` for Kamerstuk numbers (``21501-02-2234``, ``35570-V-31``,
  ``501-02`` in ``21 501-02``) so they are never split at their hyphens, and for initials with a
  two-letter one (``A.Th.B.``);
* a suffix rule that splits a sentence-final period off ``29 237-A.``, and one that splits a footnote
  number off the quote, parenthesis or question mark it follows (``«...in»?1``, ``(EUCO 34/16)2``);
* infix rules that split motions named after their submitters (``motie-Eppink``,
  ``Stoffer/Verhoeven``), so each name is a token an entity can cover.

Everything added here is *serialised* by ``nlp.to_disk`` (special cases, the
``token_match`` and suffix patterns live in the tokenizer files), so a saved model
needs no import to tokenize the same way. The registered callback
``diplokg.tokenizer.v1`` lets the training config apply the rules in
``[initialize.before_init]``, i.e. before training, so the statistical components
are trained on exactly the tokenisation they will see at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex, compile_suffix_regex

from pipeline.patterns import INITIAL, MULTILETTER_INITIAL

# Abbreviations frequent in letters to parliament. Kept explicit (not a "letter-dot" regex)
# because single letters followed by a period are also initials and sentence ends.
ABBREVIATIONS: tuple[str, ...] = tuple(
    """
    a.s. jl. c.s. o.b.v. t.a.v. m.b.t. i.v.m. d.d. nr. nrs. blz. e.a. o.a. bijv. resp. m.a.w.
    i.o.m. z.s.m. t.z.t. p.m. vgl. zgn. ca. mr. drs. dhr. mw. art. m.i.v. i.p.v. n.a.v. t.b.v.
    v.w.b. m.u.v. incl. excl. etc. d.w.z. c.q. o.v.v.
    """.split()
)
# Month abbreviations: "5 jan. 2024". Lower-case only: "Jan." is usually a first name.
MONTHS: tuple[str, ...] = tuple(
    """
    jan. feb. febr. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec.
    """.split()
)
# Words that are also ordinary words at a sentence end ("lid.", "min.") are left out on purpose.

# Kamerstuk numbers: dossier (4-6 digits) followed by hyphenated parts that are digits or
# Roman/upper-case letters ("21501-02-2234", "35570-V-31", "36200-VIII"), or the second half
# of a spaced dossier number ("21 501-02" -> "21" + "501-02").
KAMERSTUK_PATTERN = r"^(?:\d{4,6}(?:-(?:\d{1,5}|[A-Z]{1,5}))+|\d{3}-\d{1,3})$"
# Initials with a two- or three-letter one ('A.Th.B.', 'Ph.P.J.'), which the Dutch rules split after 'Th'.
MULTILETTER_INITIALS = rf"^(?:[A-Z]\.)*{MULTILETTER_INITIAL}(?:{INITIAL})*$"
TOKEN_PATTERN = f"{KAMERSTUK_PATTERN}|{MULTILETTER_INITIALS}"

# A sentence-final period after "237-A" / "36200-VIII": the Dutch suffix rules only split
# a period after two capitals, to keep initials ("J.") intact. Fixed-width lookbehinds.
_KAMERSTUK_PERIOD_SUFFIXES = [rf"(?<=\d-[A-Z]{{{n}}})\." for n in range(1, 6)]
# A footnote number glued to a closing quote, parenthesis or question mark: the title or sentence ends there.
FOOTNOTE_SUFFIX = r"(?<=[»”)?!])\d{1,2}"


# "motie-Eppink", "motie-Van der Staaij" and "Stoffer/Verhoeven": a hyphen after "motie" and a slash
# between two names, also before a surname's particle ("Knops/ten Broeke": the chunk ends with it). Other
# hyphens stay ("Noord-Korea", "EU-lidstaten"), and other slashes ("en/of").
SUBMITTER_INFIXES = [r"(?<=[Mm]otie)-(?=[A-Z])", r"(?<=[a-zà-ÿ])/(?=[A-ZÀ-Þ])",
                     r"(?<=[a-zà-ÿ])/(?=(?:van|ten|ter|den|der|de)$)"]


def abbreviation_variants() -> list[str]:
    """All special-case strings added by :func:`customize_tokenizer`."""
    out: list[str] = []
    for abbr in ABBREVIATIONS:
        out.append(abbr)
        out.append(abbr[0].upper() + abbr[1:])
    out.extend(MONTHS)
    return out


def customize_tokenizer(nlp: Language) -> Language:
    """Add the genre's abbreviations and Kamerstuk-number handling to ``nlp.tokenizer``.

    Idempotent (re-adding a special case or pattern is harmless). Returns ``nlp`` so it can
    be used as a pipeline callback.
    """
    tokenizer = nlp.tokenizer
    for text in abbreviation_variants():
        tokenizer.add_special_case(text, [{ORTH: text}])

    # Only a compiled regex's .match survives serialisation, so combine patterns, not callables.
    # (A non-regex token_match set elsewhere would be replaced; spaCy's Dutch default is None.)
    previous = getattr(getattr(tokenizer.token_match, "__self__", None), "pattern", None)
    pattern = TOKEN_PATTERN
    if previous and TOKEN_PATTERN not in previous:
        pattern = f"{TOKEN_PATTERN}|(?:{previous})"
    tokenizer.token_match = re.compile(pattern).match

    suffixes = list(nlp.Defaults.suffixes or [])
    for pattern in [*_KAMERSTUK_PERIOD_SUFFIXES, FOOTNOTE_SUFFIX]:
        if pattern not in suffixes:
            suffixes.insert(0, pattern)
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search

    infixes = list(nlp.Defaults.infixes or [])
    infixes += [p for p in SUBMITTER_INFIXES if p not in infixes]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@spacy.registry.callbacks("diplokg.tokenizer.v1")
def create_tokenizer_callback() -> Callable[[Language], Language]:
    """Config hook: ``[initialize.before_init] @callbacks = "diplokg.tokenizer.v1"``."""
    return customize_tokenizer
