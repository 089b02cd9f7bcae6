"""From a file to clean running text: ``prepare(path) -> Prepared``.

Kamerbrieven arrive as text extracted from PDF, with the artefacts of the page: words hyphenated
across line breaks, hard-wrapped lines, running footers, letterhead/reference boxes repeated on each
page and footnotes at the bottom of pages (often in the middle of a sentence of the running text).

``prepare`` reads the file, drops the page furniture, joins what the page broke apart, moves the
footnotes into a trailing section and keeps an *offset map*: ``offset_map[i]`` is the index in the
original text of clean character ``i``, so every fact found in the clean text can point back to the
original characters (``Prepared.to_original``).

The rules are general (regexes for footers and reference boxes, a line-layout heuristic for
headings and paragraphs, evidence from the document's own vocabulary for hyphenation); nothing in
here knows a particular document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extraction import DocumentMeta
from pipeline.metadata import MONTHS, InputError, load_meta
from pipeline.reading import looks_like_xml, read_bytes, read_text, to_text

__all__ = ["FOOTER_RE", "Footnote", "InputError", "Prepared", "clean", "prepare", "read_bytes", "read_text"]

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPECIAL_RE = re.compile("[\u00ad" + "".join(_LIGATURES) + "]")

# --- page furniture -------------------------------------------------------------------------
# "Tweede Kamer, vergaderjaar 2020–2021, 21 501-02, nr. 2244 4" (the last number is the page).
FOOTER_RE = re.compile(
    r"^(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4},\s*[^,]{1,40},\s*nr\.\s*\d+(?:\s+\d{1,3})?$"
)
_PAGE_NO_RE = re.compile(
    r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^(?:pagina|blad|page)\s+\d+\s+(?:van|of|/)\s+\d+$", re.I
)
# Reference boxes of the ministry's letterhead; the value is on the same line or on the next one.
_REF_LABEL_RE = re.compile(
    r"^(?:(?:onze|uw) referentie|ons kenmerk|uw kenmerk|uw brief(?: van)?|kenmerk|bijlage\(n\))"
    r"(?:\s+(\S+))?$",  # the value, if on the same line, is a single code
    re.I,
)
_REF_CODE_RE = re.compile(r"^[A-Z0-9][\w/.\-]*\d[\w/.\-]*$")  # "BZDOC-1235421577-13", "T/14102021/DEU-1"
_DATUM_RE = re.compile(r"^Datum\s+\d{1,2}\s+\w+\s+\d{4}$")
# Letterhead address lines: "Rijnstraat 8", "2515 XP Den Haag", "Postbus 20061", "www.rijksoverheid.nl".
_ADDRESS_RE = re.compile(
    r"^(?:[\w.'-]+\s){0,3}[\w'-]*(?:straat|weg|laan|plein|gracht|kade|singel|dijk)\s+\d+\s?[a-zA-Z]?$"
    r"|^\d{4}\s?[A-Z]{2}\s+\S.{0,30}$|^Postbus\s+\d+$|^(?:https?://|www\.)\S+$"
)
# A number on its own line after "Nr." or a lone hyphen is the Kamerstuk's number ("Nr." / "439",
# "21 501" / "-" / "20" in texts printed one element a line), never a page number.
_NUMBER_LEAD_RE = re.compile(r"(?:\b[Nn]rs?\.|^[-–])$")
_PLACE_LINE_RE = re.compile(r"^[A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,2}$")  # "Den Haag", "Nederland"
_SEPARATOR_RE = re.compile(r"^(?:\s{10,}|[_\-–—]{5,})$")  # the rule above the footnotes

# --- footnotes ------------------------------------------------------------------------------
_SUP_FN_RE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*(\S.*)$")
# A page-bottom footnote with a plain number: "1 Raadpleegbaar via www.tweedekamer.nl." - but never
# "29 september kwam ..." (a wrapped date) or "1. Motie ..." (a numbered paragraph).
_DIGIT_FN_RE = re.compile(rf"^(\d{{1,3}})\s+(?!(?:{'|'.join(MONTHS)})\b)([^\d\s].*)$", re.I)
_SUP_RUN_RE = re.compile(f"[{SUPERSCRIPTS}]+")
_URL_RE = re.compile(r"https?://|www\.\w")
# A paragraph that continues a footnote: a URL, or a citation ending in a document reference.
_CITATION_RE = re.compile(r"\((?:[^()]*\b(?:nr|Nr)\.\s*\d+|\d{3,4}[A-Z]\d{4,}|\d{4,5}-[\dA-Z-]+)\)[.,]?$")

# --- layout ---------------------------------------------------------------------------------
_WS_RUN_RE = re.compile(r"\s{2,}|[^\S ]")
_LIST_RE = re.compile(r"^(?:\d{1,2}\.\s+\S|[•▪●◦∙·]\s*\S|[-–—]\s+\S)")
_NUMBERED_RE = re.compile(r"^\d{1,2}\.\s+\S")
_BULLET_RE = re.compile(r"^[•▪●◦∙·]")
_ENDS_SENTENCE_RE = re.compile(r"[.!?:;][\"”’')\]]*$")
_ENDS_FULL_STOP_RE = re.compile(r"[.!?][\"”’')\]]*$")
_ENDS_SOFT_RE = re.compile(r"[.,;:!?]$")
_ENDS_CLAUSE_RE = re.compile(r"[.,;:!?][\"”’')\]]*$")
_HYPHEN_END_RE = re.compile(r"(\w[\w-]*)[-\u00ad]$")
_RIGHT_WORD_RE = re.compile(r"\w+(?:-\w+)*")
_VOWELS = set("aeiouy")
# A short line ending in one of these is a wrapped line, not a heading ("Aan de Voorzitter van de").
_FUNCTION_WORDS = {"de", "het", "een", "van", "en", "in", "op", "met", "voor", "te", "aan", "of", "tot",
                   "die", "dat", "door", "bij", "om", "naar", "over", "uit", "als", "is", "zijn", "the"}


class _Line:
    """One non-blank line of the original: content span (trimmed) and where its line break is."""

    __slots__ = ("start", "end", "brk", "text", "clean", "blank_before", "interrupted", "cuts")

    def __init__(self, start: int, end: int, brk: int, text: str) -> None:
        self.start, self.end, self.brk, self.text = start, end, brk, text
        self.clean = text  # text without footnote markers (set in pass 2)
        self.blank_before = False  # a blank line separates it from the previous body line
        self.interrupted = False  # page break, footnotes or page furniture removed before it
        self.cuts: list[tuple[int, int, int]] = []  # (start, end, footnote number) markers to drop


@dataclass
class Footnote:
    number: int
    text: str
    start: int  # clean offsets of the footnote text (marker excluded)
    end: int
    ref: int | None = None  # clean offset in the running text where its marker stood


@dataclass
class Prepared:
    path: Path
    original: str
    text: str  # running text, then "\n\n" and one line per footnote
    offset_map: list[int]  # len(text) + 1 entries; the last is len(original)
    footnotes: list[Footnote]
    meta: DocumentMeta
    body_end: int = -1  # the running text is text[:body_end]; footnotes follow
    page_starts: list[int] = field(default_factory=lambda: [0])  # original offsets (PDF pages / form feeds)

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = len(self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering clean ``text[start:end]``.

        Not ``offset_map[end]``: the character after a span may lie far away (a footnote in
        between, or the footnote section after the running text), so the span is built from the
        characters inside it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the text (0:{len(self.text)})")
        if start == end:
            return self.offset_map[start], self.offset_map[start]
        inside = self.offset_map[start:end]
        return min(inside), max(inside) + 1


# --- pass 1: classify lines ------------------------------------------------------------------
def _glued_ref_re(n: int) -> re.Pattern[str]:
    # "actieplan1 (kenmerk", "(zie bijlage)1." - a footnote number glued to a lowercase word.
    return re.compile(rf"(?<=[a-zß-ÿ)\]”’\"']){n}(?=[\s.,;:)\]]|$)")


def _ends_sentence(text: str) -> bool:
    return bool(_ENDS_SENTENCE_RE.search(text.rstrip(SUPERSCRIPTS)))


def _classify(original: str) -> tuple[list[_Line], list[tuple[int, bool, list[_Line], int]]]:
    """Body lines and footnotes ``(number, superscript?, lines, text start)``; drops the furniture."""
    body: list[_Line] = []
    notes: list[tuple[int, bool, list[_Line], int]] = []
    blank_before = interrupted = separator = expect_code = after_ff = False
    blank_run = 0
    seen_datum: set[str] = set()
    open_note: list[_Line] | None = None
    prev_kept: str = ""  # previous non-blank line (also furniture), for address blocks
    for m in re.finditer(r"[^\n\f]*(?:\n|\f|$)", original):
        s, e = m.start(), m.end()
        sep = original[e - 1] if e > s and original[e - 1] in "\n\f" else ""
        brk = e - 1 if sep else e
        raw = original[s:brk]
        ff_here, after_ff = after_ff, sep == "\f"
        if ff_here:  # a PDF page ended before this line
            blank_before = interrupted = True
        stripped = raw.strip()
        if not stripped:
            blank_run += 1
            blank_before = True
            interrupted |= blank_run >= 2  # two blank lines: a page break in extracted text
            separator |= bool(_SEPARATOR_RE.match(raw))
            prev_kept = ""
            continue
        lead = len(raw) - len(raw.lstrip())
        line = _Line(s + lead, s + lead + len(stripped), brk, stripped)
        new_block, blank_run = ff_here or blank_run > 0, 0
        t = stripped

        # page furniture
        furniture = False
        if expect_code:
            expect_code = False
            furniture = bool(_REF_CODE_RE.match(t))
        if not furniture:
            if FOOTER_RE.match(t) or _SEPARATOR_RE.match(t) or (
                    _PAGE_NO_RE.match(t) and not _NUMBER_LEAD_RE.search(prev_kept)):
                furniture = True
            elif (lab := _REF_LABEL_RE.match(t)) and (not lab.group(1) or _REF_CODE_RE.match(lab.group(1))):
                furniture, expect_code = True, not lab.group(1)
            elif _DATUM_RE.match(t):
                furniture = t in seen_datum  # the date box repeats on every page; keep the first
                seen_datum.add(t)
            elif len(t) <= 40 and (_ADDRESS_RE.match(t) or (
                    _PLACE_LINE_RE.match(t) and prev_kept and _ADDRESS_RE.match(prev_kept))):
                furniture = True
        prev_kept = t
        if furniture:
            interrupted = True
            continue

        # footnotes
        expected = notes[-1][0] + 1 if notes else 1
        if sup := _SUP_FN_RE.match(t):
            open_note = [line]
            number = int(sup.group(1).translate(_SUP_DIGITS))
            notes.append((number, True, open_note, line.start + sup.start(2)))
            continue
        dig = _DIGIT_FN_RE.match(t)
        if dig and int(dig.group(1)) == expected and (new_block or separator or interrupted) and (
            separator or _URL_RE.search(t) or _glued_ref_re(expected).search(original, 0, line.start)
        ):
            open_note = [line]
            notes.append((expected, False, open_note, line.start + dig.start(2)))
            continue
        if open_note is not None:
            last = open_note[-1].text
            if not new_block:
                # A wrapped footnote line - unless the footnote is complete and the running text,
                # broken off mid-sentence by the page, resumes here ("1 Raadpleegbaar via ...nl.").
                if not (last.endswith(".") and body and not _ends_sentence(body[-1].text)):
                    open_note.append(line)
                    continue
            elif _URL_RE.match(t.lstrip("(<")) or (len(t) < 400 and t[0].isupper() and (
                    _URL_RE.search(t) or _CITATION_RE.search(t))):
                open_note.append(line)  # another reference in the same footnote
                continue
            open_note = None
            interrupted = True

        line.blank_before, line.interrupted = blank_before, interrupted
        body.append(line)
        blank_before = interrupted = separator = False
    return body, notes


# --- pass 2: assemble -----------------------------------------------------------------------
class _Builder:
    """Accumulates clean text and its offset map, character for character."""

    def __init__(self, original: str) -> None:
        self.orig = original
        self.parts: list[str] = []
        self.omap: list[int] = []
        self.size = 0

    def add(self, s: int, e: int) -> None:
        chunk = self.orig[s:e]
        if not _SPECIAL_RE.search(chunk):
            self.parts.append(chunk)
            self.omap.extend(range(s, e))
            self.size += e - s
            return
        for k, ch in enumerate(chunk):  # soft hyphens out, ligatures expanded
            rep = "" if ch == "\u00ad" else _LIGATURES.get(ch, ch)
            self.parts.append(rep)
            self.omap.extend([s + k] * len(rep))
            self.size += len(rep)

    def synth(self, chars: str, at: int) -> None:
        """Separator characters that stand for the original whitespace at ``at``."""
        self.parts.append(chars)
        self.omap.extend([at] * len(chars))
        self.size += len(chars)

    def drop_last(self) -> None:
        while not self.parts[-1]:
            self.parts.pop()
        self.parts[-1] = self.parts[-1][:-1]
        self.omap.pop()
        self.size -= 1

    def line(self, s: int, e: int, cuts: list[tuple[int, int, int]] = ()) -> None:
        """``orig[s:e]`` minus the cut spans, whitespace runs collapsed to one space."""
        begin = self.size
        for ps, pe in _subtract(s, e, cuts) if cuts else ((s, e),):
            pos = ps
            # Single spaces stay inside the copied chunks; only longer runs (or tabs) are rewritten.
            for m in _WS_RUN_RE.finditer(self.orig, ps, pe):
                self._chunk(pos, m.start(), begin)
                if self.size > begin and self.parts[-1][-1:] != " ":
                    self.synth(" ", m.start())
                pos = m.end()
            self._chunk(pos, pe, begin)
        if self.size > begin and self.parts[-1][-1:] == " ":
            self.drop_last()  # a marker cut at the end of the line left a space behind

    def _chunk(self, s: int, e: int, begin: int) -> None:
        if s < e and self.orig[s] == " " and (self.size == begin or self.parts[-1][-1:] == " "):
            s += 1  # a cut marker between two spaces
        if s < e:
            self.add(s, e)

    def text(self) -> str:
        return "".join(self.parts)


def _subtract(s: int, e: int, cuts: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    out, cur = [], s
    for cs, ce, _ in cuts:
        if ce <= cur or cs >= e:
            continue
        if cs > cur:
            out.append((cur, cs))
        cur = max(cur, ce)
    if cur < e:
        out.append((cur, e))
    return out


class _Vocab:
    """The document's own words: evidence for how it writes a compound elsewhere."""

    def __init__(self, text: str) -> None:
        tokens = _RIGHT_WORD_RE.findall(text)
        self.words = Counter(w for t in tokens for w in t.split("-"))
        self.lower = {w.lower() for w in self.words} | {t.lower() for t in tokens}
        self.lowercase_written = {w for w in self.words if w.islower()}

    def keep_hyphen(self, left: str, right: str) -> bool:
        """``left-`` at a line end, ``right`` on the next line: is the hyphen part of the word?"""
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if (joined in self.lower) != (hyphenated in self.lower):
            return hyphenated in self.lower  # the document spells it elsewhere
        last = left.rsplit("-", 1)[-1]
        if right[:1].isupper() or last[-1:].isupper() or last[-1:].isdigit():
            return True  # "Nagorno-Karabakh", "EU-lidstaten", "COVID19-impact"
        if "-" in left and len(last) <= 3 and last.islower():
            return True  # "staakt-het-vuren": the compound is hyphenated throughout
        if last[-1:].lower() in _VOWELS and right[:1].lower() in _VOWELS:
            return True  # Dutch hyphen against vowel clash: "de-escalatie", "co-ouder"
        # A proper noun the text uses on its own (never lowercase) before a word it also uses on
        # its own: "Minsk-akkoorden". Fragments like "Herze-" / "govina" occur only here.
        return (last[:1].isupper() and self.words[last] >= 2 and last.lower() not in self.lowercase_written
                and self.words[right] >= 2)


def _width(lines: list[_Line]) -> tuple[int, int]:
    """Typical and full line width (75th/90th percentile of line lengths, kept within 40..100)."""
    if not lines:
        return 80, 90
    lengths = sorted(len(ln.text) for ln in lines)
    pick = lengths[(len(lengths) * 3) // 4], lengths[(len(lengths) * 9) // 10]
    return max(40, min(100, pick[0])), max(40, min(110, pick[1]))


def _heading_like(text: str, width: tuple[int, int], next_word: str = "", block_start: bool = False) -> bool:
    """A line that ends before the margin, without closing punctuation or a dangling function word.

    A short line qualifies; so does the first line of a block when the next line's first word
    would have fitted after it (the break was deliberate, not a wrap).
    """
    if _ENDS_SOFT_RE.search(text) or text.endswith("-"):
        return False
    words = text.split()
    if not words or words[-1].lower() in _FUNCTION_WORDS:
        return False
    return len(text) < 0.75 * width[0] or (block_start and len(text) + 1 + len(next_word) < 0.9 * width[1])


def _unwrapped(lines: list[_Line]) -> bool:
    """A text whose lines are paragraphs or elements (web pages, open-data exports printing one element a
    line), not lines wrapped at a page's width. Either many of its longer lines run past any printed page
    (160 characters), or most of them end a clause: a wrapped line ends in punctuation only where a
    sentence happens to end (6-17% of the lines of the wrapped letters of data/), an element nearly always.
    """
    longer = [ln.text for ln in lines if len(ln.text) > 60]
    past_page = sum(1 for t in longer if len(t) > 160)
    if past_page >= max(2, 0.3 * len(longer)):
        return True
    return len(longer) >= 2 and sum(1 for t in longer if _ENDS_CLAUSE_RE.search(t)) >= 0.5 * len(longer)


def _separator(prev: _Line, cur: _Line, para_start: _Line, vocab: _Vocab, width: tuple[int, int],
               unwrapped: bool = False) -> str:
    """How ``cur`` attaches to ``prev``: "" / "-" (hyphenated word), " ", "\\n" or "\\n\\n".

    In an unwrapped text a line break is not a wrap: lines stay lines ("Voorgesteld" / "24 april 2025",
    the closing formula / the signatures) unless a hyphen split a word or the line ends in a function word.
    """
    p, c = prev.clean, cur.clean
    if not p or not c:
        return "\n\n"
    numbered_para = _NUMBERED_RE.match(para_start.clean) and prev is para_start
    hy = _HYPHEN_END_RE.search(p)
    if hy and c[0].isalnum() and not numbered_para and (rm := _RIGHT_WORD_RE.match(c)):
        if p.endswith("\u00ad"):
            return ""
        return "-" if vocab.keep_hyphen(hy.group(1).rstrip("-"), rm.group()) else ""
    if not cur.blank_before and unwrapped and p.rsplit(None, 1)[-1] not in _FUNCTION_WORDS:
        return "\n"  # (a line ending in "van de" still continues: a wrapped address block above the text)
    if not cur.blank_before:  # same block: unwrap, but keep headings and list items on their own line
        if _BULLET_RE.match(c) or (_LIST_RE.match(c) and _ENDS_SENTENCE_RE.search(p)):
            return "\n"
        if (c[0].isupper() or c[0].isdigit()) and _heading_like(p, width, c.split()[0], prev.blank_before):
            return "\n"
        if _ENDS_FULL_STOP_RE.search(p) and len(p) < 0.8 * width[0] and c[0].isupper():
            return "\n"  # a paragraph that ended before the right margin
        return " "
    if numbered_para or _LIST_RE.match(c):
        return "\n\n"
    if c[0].islower():  # a new paragraph never starts lowercase: the page broke a sentence
        return " " if cur.interrupted or not _ENDS_FULL_STOP_RE.search(p) else "\n\n"
    if cur.interrupted and not _ENDS_SENTENCE_RE.search(p) and len(p) >= 0.75 * width[0]:
        return " "  # "... door zowel Armenië als" [footnotes, page break] "Azerbeidzjan. Ook ..."
    return "\n\n"


def _mark_refs(body: list[_Line], notes: list[tuple[int, bool, list[_Line], int]]) -> None:
    """Find footnote markers in the running text: superscripts, or digits glued to a word."""
    plain = {n for n, sup, _, _ in notes if not sup}
    for line in body:
        for m in _SUP_RUN_RE.finditer(line.text):
            number = int(m.group().translate(_SUP_DIGITS))
            line.cuts.append((line.start + m.start(), line.start + m.end(), number))
    for n in sorted(plain):
        rx = _glued_ref_re(n)
        for line in body:
            if m := rx.search(line.text):
                line.cuts.append((line.start + m.start(), line.start + m.end(), n))
                break
    _mark_unlisted_refs(body, plain)
    for line in body:
        if line.cuts:
            line.cuts.sort()
            keep, cur = [], 0
            for cs, ce, _ in line.cuts:
                keep.append(line.text[cur:cs - line.start])
                cur = ce - line.start
            line.clean = ("".join(keep) + line.text[cur:]).strip()


# A marker whose footnote the text lacks (an excerpt, a note on a page not extracted): a number glued to a
# lowercase word, a closing bracket or quote, or a sentence's full stop ('de heer Tajani1,', 'steun.1 Om').
# Not after a number's abbreviation ('nr.45') or before more digits ('Kamerstuk35 373'); '’90' is a decade.
_UNLISTED_REF_RE = re.compile(r"(?:(?<=[a-zß-ÿ)\]”])"
                              r"|(?<![Nn]r\.)(?<![Nn]o\.)(?<!blz\.)(?<!art\.)(?<!pag\.)(?<=[a-zß-ÿ]\.))"
                              r"(?P<n>[1-9]\d?)(?=[\s,;:.)\]]|$)(?!\s\d)")


def _mark_unlisted_refs(body: list[_Line], listed: set[int]) -> None:
    """Markers of footnotes the text does not hold; they count up through the text, so a number below
    the last one taken is something else."""
    last = 0
    for line in body:
        for m in _UNLISTED_REF_RE.finditer(line.text):
            n = int(m.group("n"))
            if n in listed or n <= last or any(cs <= line.start + m.start() < ce for cs, ce, _ in line.cuts):
                continue
            line.cuts.append((line.start + m.start(), line.start + m.end(), n))
            last = n


def clean(original: str) -> tuple[str, list[int], list[Footnote], int]:
    """Clean text, offset map, footnotes and the end of the running text, for ``original``."""
    body, notes = _classify(original)
    _mark_refs(body, notes)
    body = [line for line in body if line.clean]  # e.g. a line that held only a marker
    vocab, width, unwrapped = _Vocab(original), _width(body), _unwrapped(body)
    b = _Builder(original)
    para_start: _Line | None = None
    prev: _Line | None = None
    for line in body:
        if prev is not None:
            sep = _separator(prev, line, para_start, vocab, width, unwrapped)
            if sep == "":
                b.drop_last()  # the hyphen (or soft hyphen) that split the word
            elif sep != "-":
                b.synth(sep, prev.brk)
            if "\n\n" in sep:
                para_start = line
        else:
            para_start = line
        b.line(line.start, line.end, line.cuts)
        prev = line
    body_end = b.size

    footnotes: list[Footnote] = []
    for number, _sup, lines, text_start in notes:
        b.synth("\n\n" if not footnotes else "\n", lines[0].start - 1 if lines[0].start else 0)
        b.line(lines[0].start, text_start)  # the marker, kept as written
        b.synth(" ", text_start - 1)
        start = b.size
        b.line(text_start, lines[0].end)
        for ln in lines[1:]:
            b.synth(" ", ln.start - 1)
            b.line(ln.start, ln.end)
        footnotes.append(Footnote(number, "", start, b.size))
    text = b.text()
    for fn in footnotes:
        fn.text = text[fn.start:fn.end]
    b.omap.append(len(original))

    # Where each marker stood: the body part of the map is monotonic, so bisect it.
    body_map = b.omap[:body_end]
    refs: dict[int, int] = {}
    for line in body:
        for cs, _, n in line.cuts:
            refs.setdefault(n, cs)
    for fn in footnotes:
        if fn.number in refs:
            fn.ref = bisect_left(body_map, refs[fn.number])
    return text, b.omap, footnotes, body_end


# The pipeline takes documents up to this many characters (about 300,000 words; spaCy's own
# default stops at 1,000,000 with an error that stopped whole batches); longer ones are refused.
MAX_CHARS = 2_000_000


def prepare(path: str | Path) -> Prepared:
    """Read ``path`` (.txt, .pdf or Kamerstuk .xml), clean it and attach its metadata."""
    path = Path(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".xml" or (suffix == ".txt" and looks_like_xml(data)):
        # Official Kamerstuk XML: paragraphs, notes and metadata come from the markup (its own reader).
        from pipeline.sources.kamerstuk_xml import read_kamerstuk_xml

        return read_kamerstuk_xml(path, data)
    original = to_text(path, data)
    if len(original) > MAX_CHARS:
        raise InputError(path, f"the text has {len(original):,} characters; documents of up to {MAX_CHARS:,} "
                               "are processed (split it into parts)")
    text, omap, footnotes, body_end = clean(original)
    pages = [0] + [m.end() for m in re.finditer("\f", original)]
    return Prepared(
        path=path,
        original=original,
        text=text,
        offset_map=omap,
        footnotes=footnotes,
        meta=load_meta(path, original, data),
        body_end=body_end,
        page_starts=pages,
    )
