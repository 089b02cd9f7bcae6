"""Dutch date expressions to ISO 8601, keeping partial dates partial.

Pure functions over strings: no spaCy here, so the same rules serve the
spaCy component (:mod:`pipeline.components.dates`), the motion extractor and
anything that only has a string. The compiled expressions live in
:class:`DatePatterns`; :mod:`pipeline.patterns.dates` registers them under a
versioned name so a pipeline config can pin the rule set it was built with.

Precision is never invented: ``oktober 2020`` is ``2020-10``, ``2020`` is
``2020``, and a day or month the text does not give is never filled in.

Dates without a year take it from the *anchor*, the document's own (possibly
partial) ISO date:

- ``jl.`` / ``jongstleden``: the most recent occurrence on or before the anchor.
  With a ``YYYY-MM`` anchor the day is unknown, so the month decides: same year
  if the month is <= the anchor's month, else the previous year.
- ``a.s.`` / ``aanstaande``: the first occurrence on or after the anchor
  (same year if the month is >= the anchor's month, else the next year).
- neither (``op 21 juni``, ``in juli``, ``eind oktober``): the anchor's year,
  unless that puts the date more than 6 months *after* the anchor (then the
  previous year: letters mostly report on the past) or more than 10 months
  *before* it (then the next year: a December letter speaking of "10 januari").
  Months are compared as whole months when either side lacks a day.
- no anchor, or an anchor without a year: the expression is not resolved
  (``normalise_date`` returns None, ``find_dates`` leaves it out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # Abbreviations as used in tables and footnotes ("3 okt. 2021"); only accepted after a day.
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_FULL_MONTHS = "|".join(list(MONTHS)[:12])
_ABBR_MONTHS = "|".join(list(MONTHS)[12:])
# Word characters for the boundaries. Not \w: Python counts footnote markers ("2020¹⁴") as
# word characters, and a date followed by a footnote marker is still a date.
_W = r"[0-9A-Za-zÀ-ÖØ-öø-ÿ_]"
_NB = rf"(?<!{_W})(?<![.-])"  # no word, dot or hyphen before: not inside "21501-02" or "nr.12"
_NA = rf"(?!{_W})(?!-)"  # the same after
_WEEKDAY = r"(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:ochtend|middag|avond|nacht)?"
# jl. / a.s. and their spelled-out forms; the final dot is optional because a
# sentence-final "jl." shares its dot with the sentence.
_REL = rf"(?P<rel>j\.?l\.?|jongstleden|a\.s\.?|aanstaande){_NA}"
_YEAR = rf"(?P<year>(?:19|20)\d{{2}})(?!{_W})(?!-\d)(?!\s?(?-i:[A-Z]{{2}}){_NA})"  # not a postcode "2011 AB"
_RANGE_SEP = r"\s*(?:en|-|–|t/m|tot\s+en\s+met)\s*"
_SPAN_SEP = r"\s*(?:-|–|t/m|tot\s+en\s+met)\s*"  # across months only a real span, not "en"
_MONTH_ANY = rf"(?:{_FULL_MONTHS}|(?:{_ABBR_MONTHS})\.?)"
_QUALIFIER = (r"(?P<qual>(?i:begin|eind|einde|medio|midden|half|halverwege"
              r"|in|sinds|vanaf|per|tot|na|voor|van))")
_PART_OF_DATE = ("begin", "eind", "einde", "medio", "midden", "half", "halverwege")


@dataclass(frozen=True)
class DatePatterns:
    """The compiled rule set. Every rule runs; overlaps go to the longest match, then the earlier rule."""

    version: str = "v1"
    # 30 november - 2 december 2021 (a span across two months)
    cross_month: re.Pattern = field(default=re.compile(
        rf"{_NB}(?:{_WEEKDAY}\s+)?(?P<day>[0-3]?\d)\s+(?P<month1>{_MONTH_ANY}){_NA}{_SPAN_SEP}"
        rf"(?:{_WEEKDAY}\s+)?(?P<day2>[0-3]?\d)\s+(?P<month>{_MONTH_ANY}){_NA}"
        rf"(?:\s+{_YEAR})?(?:\s+{_REL})?",
        re.IGNORECASE))
    # 12 oktober 2020, 21 en 22 oktober 2021, op maandag 12 oktober jl., 3 okt. 2021, VAN 19 NOVEMBER 2020
    day_month: re.Pattern = field(default=re.compile(
        rf"{_NB}(?:{_WEEKDAY}\s+)?(?P<day>[0-3]?\d)"
        rf"(?:{_RANGE_SEP}(?:{_WEEKDAY}\s+)?(?P<day2>[0-3]?\d))?"
        rf"\s+(?P<month>{_MONTH_ANY}){_NA}(?:\s+{_YEAR})?(?:\s+{_REL})?",
        re.IGNORECASE))
    # eind oktober, begin november 2020, in juli, oktober 2020, november a.s. -- lower case only:
    # a capitalised month name without a day or year is more often a name than a date.
    month: re.Pattern = field(default=re.compile(
        rf"{_NB}(?:{_QUALIFIER}\s+)?(?P<month>{_FULL_MONTHS}){_NA}(?:\s+{_YEAR})?(?:\s+{_REL})?"))
    # OKTOBER 2020 in a title line: with a year, capitals are safe.
    month_year_caps: re.Pattern = field(default=re.compile(
        rf"{_NB}(?P<month>{_FULL_MONTHS})\s+{_YEAR}", re.IGNORECASE))
    # 12-10-2020, 12/10/2020, 12.10.2020 (day first, as written in Dutch)
    numeric: re.Pattern = field(default=re.compile(
        rf"{_NB}(?<!/)(?P<day>[0-3]?\d)(?P<sep>[-/.])(?P<mon>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d{{2}})"
        rf"{_NA}(?![/.]\d)"))
    # 2020-10-12 (ISO, e.g. metadata)
    iso: re.Pattern = field(default=re.compile(
        rf"{_NB}(?P<year>(?:19|20)\d{{2}})-(?P<mon>[01]\d)-(?P<day>[0-3]\d){_NA}"))
    # 2014-2020, 2020–2021: a span of years
    year_range: re.Pattern = field(default=re.compile(
        rf"{_NB}(?P<year>(?:19|20)\d{{2}})\s*[-–]\s*(?P<year2>(?:19|20)\d{{2}}){_NA}(?!/)"))
    # 2020. Guards: not a Kamerstuk number ("nr. 2044", "2021Z19031"), a postcode, an amount.
    year: re.Pattern = field(default=re.compile(
        rf"{_NB}(?<!/)(?<!nr\. )(?<!Nr\. )(?<!nr )(?<!Nr )(?<!EUR )(?<!€ )(?<!€)"
        # nor the number of a resolution ('VN-Veiligheidsraadresolutie 1992', 'resolution 2231')
        rf"(?<!esolutie )(?<!esoluties )(?<!esolution )(?<!ummer )(?<!nrs\. )"
        rf"(?P<year>(?:19|20)\d{{2}}){_NA}(?![/]|[.,]\d|\s?(?-i:[A-Z]{{2}}){_NA}|\s*(?:mln|miljoen|miljard|euro|%))"))
    # URLs and <...> link targets carry dates of publication, not of events: masked out.
    url: re.Pattern = field(default=re.compile(r"https?://\S+|www\.\S+|<[^>\s]+>"))


DEFAULT_PATTERNS = DatePatterns()


# What stands before the date of a letter a sentence cites: 'de brief van de Minister ... d.d. 12 februari 2016',
# 'Bij brief van 27 november'. Lists of letters in committee reports cite one per meeting: 'de brief ... d.d.
# 12 februari 2016 met het verslag van de bijeenkomst ... op 10 en 11 februari 2016'; the meeting is on its own date,
# and a date without a year in that letter's title is seen from the letter ('op 2 en 3 september a.s.').
LETTER_DATE = re.compile(r"\b(?:brief|schrijven|kamerbrief)\b[^;:()]{0,90}\bd\.d\.\s*$|\bbrief\s+van\s*$",
                         re.IGNORECASE)
FULL_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# -- anchors and year resolution ---------------------------------------------------------------------

def parse_iso(anchor: str | None) -> tuple[int | None, int | None, int | None]:
    """``"2020-10"`` -> (2020, 10, None); anything unparsable -> (None, None, None)."""
    if not anchor:
        return None, None, None
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", anchor.strip())
    if not m:
        return None, None, None
    year, month, day = (int(g) if g else None for g in m.groups())
    return year, month, day


def _cmp(a: tuple[int, int | None], b: tuple[int | None, int | None]) -> int:
    """Compare (month, day) pairs; an unknown day on either side compares on the month only."""
    (am, ad), (bm, bd) = a, b
    if bm is None:
        return 0
    if am != bm:
        return -1 if am < bm else 1
    if ad is None or bd is None:
        return 0
    return (ad > bd) - (ad < bd)


def resolve_year(month: int, day: int | None, anchor: str | None, rel: str | None) -> int | None:
    """The year of a date printed without one (see the module docstring for the rules)."""
    ay, am, ad = parse_iso(anchor)
    if ay is None:
        return None
    if am is None:  # only a year known: nothing better than that year
        return ay
    order = _cmp((month, day), (am, ad))
    if rel == "past":
        return ay if order <= 0 else ay - 1
    if rel == "future":
        return ay if order >= 0 else ay + 1
    # No marker: a past-biased window around the anchor. Distances in days of 31-day months
    # are close enough for a 6- or 10-month threshold; without days, whole months.
    delta = (month - am) * 31 + ((day - ad) if day is not None and ad is not None else 0)
    if delta > 6 * 31:
        return ay - 1
    if delta < -10 * 31:
        return ay + 1
    return ay


def _rel_kind(rel: str | None) -> str | None:
    if not rel:
        return None
    return "past" if rel.lower().startswith("j") else "future"


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return None  # 31 november: not a date, better nothing than a wrong one
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


# -- matching --------------------------------------------------------------------------------------------

def _from_day_month(m: re.Match, anchor: str | None) -> tuple[str | None, str | None]:
    groups = m.groupdict()
    month = _month_number(m["month"])
    month1 = _month_number(groups["month1"]) if groups.get("month1") else month
    day, day2 = int(m["day"]), (int(groups["day2"]) if groups.get("day2") else None)
    if month is None or month1 is None:
        return None, None
    if m["year"]:
        year = int(m["year"])
    else:
        year = resolve_year(month, day2 or day, anchor, _rel_kind(m["rel"]))
    # The year printed (or resolved) belongs to the last day; a span from December into
    # January starts the year before.
    year1 = year - 1 if year is not None and month1 > month else year
    start = _iso(year1, month1, day)
    end = _iso(year, month, day2) if day2 is not None else start
    return start, end


def _from_month(m: re.Match, anchor: str | None) -> tuple[str | None, str | None]:
    month = _month_number(m.group("month"))
    if m.group("year"):
        iso = _iso(int(m.group("year")), month)
    else:
        iso = _iso(resolve_year(month, None, anchor, _rel_kind(m.groupdict().get("rel"))), month)
    return iso, iso


def _candidates(text: str, anchor: str | None, p: DatePatterns):
    """Every match of every rule as (start, end, start_iso, end_iso, rule rank)."""
    for rank, (pattern, convert) in enumerate((
        (p.cross_month, lambda m: _from_day_month(m, anchor)),
        (p.numeric, lambda m: (_iso(int(m["year"]), int(m["mon"]), int(m["day"])),) * 2),
        (p.iso, lambda m: (_iso(int(m["year"]), int(m["mon"]), int(m["day"])),) * 2),
        (p.day_month, lambda m: _from_day_month(m, anchor)),
        (p.month_year_caps, lambda m: _from_month(m, anchor)),
        (p.month, lambda m: _from_month(m, anchor)),
        (p.year_range, lambda m: (m["year"], m["year2"])),
        (p.year, lambda m: (m["year"], m["year"])),
    )):
        for m in pattern.finditer(text):
            start_iso, end_iso = convert(m)
            if start_iso is None:
                continue
            start = m.start()
            if m.groupdict().get("qual") and m["qual"].lower() not in _PART_OF_DATE:
                start = m.start("month")  # "in juli": the preposition is not part of the date
            yield start, m.end(), start_iso, end_iso or start_iso, rank


def find_date_ranges(text: str, anchor: str | None = None,
                     patterns: DatePatterns = DEFAULT_PATTERNS) -> list[tuple[int, int, str, str]]:
    """Non-overlapping date expressions as (start, end, start_iso, end_iso), in text order.

    A single date has start_iso == end_iso; ``21 en 22 oktober 2021`` gives
    ("2021-10-21", "2021-10-22"). Expressions whose year cannot be resolved
    (no anchor) are left out.
    """
    masked = patterns.url.sub(lambda m: " " * len(m.group()), text)
    found = sorted(_candidates(masked, anchor, patterns), key=lambda c: (-(c[1] - c[0]), c[4], c[0]))
    taken: list[tuple[int, int, str, str]] = []
    for start, end, s_iso, e_iso, _rank in found:
        if any(start < t_end and t_start < end for t_start, t_end, _, _ in taken):
            continue
        taken.append((start, end, s_iso, e_iso))
    return sorted(taken)


def find_dates(text: str, anchor: str | None = None,
               patterns: DatePatterns = DEFAULT_PATTERNS) -> list[tuple[int, int, str]]:
    """Non-overlapping date expressions as (start, end, iso); a range gives its first day."""
    return [(s, e, s_iso) for s, e, s_iso, _ in find_date_ranges(text, anchor, patterns)]


def normalise_date_range(text: str, anchor: str | None = None,
                         patterns: DatePatterns = DEFAULT_PATTERNS) -> tuple[str, str] | None:
    """The first date expression in ``text`` as (start_iso, end_iso), or None."""
    found = find_date_ranges(text, anchor, patterns)
    return (found[0][2], found[0][3]) if found else None


def normalise_date(text: str, anchor: str | None = None,
                   patterns: DatePatterns = DEFAULT_PATTERNS) -> str | None:
    """The first date expression in ``text`` as ISO (first day of a range), or None.

    >>> normalise_date("op 27 september jl.", "2020-10")
    '2020-09-27'
    """
    found = normalise_date_range(text, anchor, patterns)
    return found[0] if found else None


# Two days of one month: '19 en 20 september', '28-29 juni', '12 t/m 14 oktober'.
DAY_RANGE = re.compile(r"(\d{1,2})\s*(?:en|-|–|t/m|tot\sen\smet)\s*(\d{1,2})\s+[a-z]")


def dutch_date_range(text: str, iso: str) -> str:
    """The date ``text`` gives (``iso``: its first day), as the annotation guidelines name a meeting by it:
    '19-20 september 2018' for '19 en 20 september', else ``dutch_date(iso)``."""
    name = dutch_date(iso)
    m = DAY_RANGE.match(text)
    if m is None or not name.startswith(f"{int(m.group(1))} "):
        return name
    return f"{int(m.group(1))}-{int(m.group(2))}{name[len(str(int(m.group(1)))):]}"


def dutch_date(iso: str) -> str:
    """ISO (possibly partial) back to Dutch words: '2021-10-14' -> '14 oktober 2021', '2021-10' -> 'oktober 2021'."""
    year, month, day = parse_iso(iso)
    names = list(MONTHS)[:12]
    parts = [str(day)] if day else []
    parts += [names[month - 1]] if month else []
    parts += [str(year)] if year else []
    return " ".join(parts) or iso
