"""Patterns for parliamentary motions (moties) in Dutch parliamentary texts.

Identifiers, submitter lists and motion headings are regex jobs: the parts are
separated by arbitrary whitespace (a number split over a line break,
``(Kamerstuk\\n35 570 V, nr. 42)``), and token patterns would have to re-assemble
what the tokenizer cut apart. All whitespace in the patterns is ``\\s+``.

Registered as ``diplokg.motion_patterns.v1``; a changed rule set is a new
version next to this one, so a pipeline config keeps naming what it was built with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import spacy

from pipeline.patterns import INITIAL, NAME_LOWER, NAME_UPPER

# -- Kamerstuk identifiers -------------------------------------------------------------------------------
# Dossier "21 501" / "21501"; sub-dossier a roman numeral or letter ("V", "VI") or a number ("02", "20");
# then "nr." with one or more numbers. "Kamerstuk 21 501-02, nr. 2234", "35 570 V, nr. 42",
# "28 676 nr. 344", "(Kamerstukken 21 501-02, nrs. 2216 en 2219)".
_DOSSIER = r"(?P<dossier>\d{2}\s?\d{3})"
_SUB = r"(?P<sub>[IVXLC]{1,5}(?![a-z])|[A-Z](?![a-z])|\d{1,2}(?!\d))"
# A further number of the list, not the next reference's dossier ('nr. 1143, 21 501-20, nr. 1150').
_NRS = r"(?P<nrs>\d{1,5}(?:\s*(?:,|en|&)\s*\d{1,5}(?![\d-]|\s\d{3}\b))*)"
ID_WORDY = (
    rf"(?:Kamerstuk(?:ken)?\s+(?:nr\.?\s+)?)?{_DOSSIER}(?:(?:\s*-\s*|\s+){_SUB})?\s*,?\s*"
    rf"(?:nrs?|Nrs?|nummers?)\.?\s*{_NRS}(?![\d-])"
)
# "21501-02-2234", "35570-V-31" (printed compact), "35373-23", "32735-312" (no sub-dossier).
ID_COMPACT = (
    r"(?:Kamerstuk(?:ken)?\s+)?(?P<cdossier>\d{5})-(?:(?P<csub>[IVXLC]{1,5}|[A-Z]|\d{1,2})-)?"
    r"(?P<cnr>[1-9]\d{0,4})(?![\w-])"
)
IDENTIFIER = rf"(?<![\w.-])(?:{ID_WORDY}|{ID_COMPACT})"

# -- submitters --------------------------------------------------------------------------------------------
# Tussenvoegsels: "Van der Graaf", "Van Helvert", "in 't Veld", "Ter Horst", "De Roon".
TUSSENVOEGSELS = ("van", "de", "der", "den", "ter", "ten", "te", "in", "'t", "op", "von", "du", "la", "le")
_TV = r"(?:[Vv]an|[Dd]e[nr]?|[Tt]e[rn]?|[Ii]n\s+'t|'[Tt]|[Oo]p|[Vv]on|[Dd]u|[Ll][ae])"
_CAP = rf"[{NAME_UPPER}][{NAME_LOWER}'’]+(?:-[{NAME_UPPER}][{NAME_LOWER}'’]+)*"
# A name: optional initials, optional first name, tussenvoegsels, surname. The surname is sorted
# out from the first name afterwards (pipeline.components.motions.surname).
NAME = rf"(?:(?:{INITIAL}\s*)+)?(?:{_CAP}\s+)?(?:{_TV}\s+)*{_CAP}"
# Right after "motie" a name is a surname only ("motie Stoffer/Verhoeven"): no first name that
# could swallow the next capitalised word, and a standalone surname starts with a capital, so
# "motie van de Verenigde Naties" ("of") is not a member called "Van de Verenigde".
_TV_CAP = r"(?:Van|De[nr]?|Te[rn]?|In\s+'t|'T|Op|Von|Du|L[ae])"
SURNAME = rf"(?:{_TV_CAP}\s+(?:{_TV}\s+)*)?{_CAP}"
# After a slash the next surname's particle may be lower case ("motie Knops/ten Broeke").
SLASHED = rf"\s*/\s*(?:{_TV}\s+)*{_CAP}"
_PARTY = r"(?:\s*\((?:beiden\s+|allen\s+)?[A-Z][\w-]*(?:\s*[/,]\s*[A-Z][\w-]*)*\))?"
# "de leden Segers, Van der Staaij en Voordewind" -- several names only after "leden".
NAME_LIST = rf"{NAME}{_PARTY}(?:\s*,\s*{NAME}{_PARTY})*(?:\s*,?\s+en\s+{NAME}{_PARTY})?"
# Capitalised words that are not surnames even when they follow "motie" or a tussenvoegsel.
NOT_NAMES = frozenset({
    "Kamer", "Tweede", "Eerste", "Minister", "Staatssecretaris", "Regering", "Kabinet", "Raad",
    "President", "Voorzitter", "Commissie", "Motie", "Moties", "Kamerstuk", "Kamerstukken", "Nederland",
    "Hierin", "Deze", "Die", "Dat", "Het", "Een", "Zoals", "Conform", "Over",
})

COSIGNERS = r"\s*c\.\s?s\.?"

# -- motion mentions ----------------------------------------------------------------------------------------
# The trigger; what follows is parsed step by step by the component, with the patterns below.
TRIGGER = r"(?<![\w-])(?P<amended>(?i:gewijzigde)\s+)?(?P<kw>(?i:moties?))(?![\w])"
# motie-Omtzigt, motie-Van der Staaij/Omtzigt
AFTER_HYPHEN = rf"-(?P<names>{SURNAME}(?:{SLASHED})*)"
# motie Stoffer/Verhoeven, motie Van der Staaij c.s., motie Omtzigt
AFTER_NAME = rf"\s+(?P<names>{SURNAME}(?:{SLASHED})*)(?![\w-])"
# motie van het lid Omtzigt / van de leden A en B / van lid X / van leden A en B
AFTER_MEMBERS = (
    rf"\s+(?:van\s+)?(?:het\s+|de\s+)?(?:(?P<one>lid|heer|mevrouw)\s+(?P<name>{NAME}){_PARTY}"
    rf"|(?P<many>leden)\s+(?P<names>{NAME_LIST}))"
)
# "en van het lid Van Helvert c.s. (Kamerstuk ...)" continuing a plural "moties ...": the joiner,
# then AFTER_MEMBERS again.
CONTINUATION = r"\s*(?:,\s*)?(?:en|alsmede|alsook|evenals)(?=\s)|\s*,(?=\s)"
OVER = r"\s+over\s+"
# An identifier in brackets right after the mention: "(Kamerstuk 35 570 V, nr. 42)", "(21501-02-2234)".
ID_IN_BRACKETS = rf"\s*\(\s*(?P<id>{IDENTIFIER})\s*(?:,\s*(?P<inner>[^()]{{0,40}}))?\)"
ID_BARE = rf"\s+(?P<id>{IDENTIFIER})"
# The date printed after the identifier: "(21501-02-2342), 20 mei 2021", "), aangenomen op 12 november 2020",
# "(21501-02-2336) van 12 mei jl.".
DATE_LEAD = r"\s*,?\s*(?:(?:aangenomen|ingediend|verworpen|d\.d\.)\s+(?:op\s+)?|van\s+(?=\d))?"
# A list heading: at the start of a line, optionally numbered ("1. Motie van ...", "- Motie ...").
HEADING_PREFIX = r"(?:^|\n)[ \t]*(?:(?:\d{1,3}|[a-z])[.)]\s+|[-•*–]\s+)?$"
# In running text without line breaks a numbered heading still follows a sentence end: "... . 2. Motie"
HEADING_PREFIX_INLINE = r"(?:[.!?:]|\))\s+\d{1,3}\.\s+$"
# Words that show a bracketed number belongs to a letter or report, not to the motion before it.
DOCUMENT_NOUNS = (
    r"\b(?:[Kk]amerbrief|brief|verslag|rapport|nota|beantwoording|antwoorden|[Kk]amervragen"
    r"|agenda|notitie|kabinetsreactie|reactie|toezegging)\b"
)
# Where the government's account of a listed motion ends at the latest.
CLOSING = (
    r"(?m)^\s*(?:(?:De|Het)\s+(?:[Mm]inister|[Ss]taatssecretaris)\b[^\n]{0,80},\s*$|Hoogachtend|"
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰])"
)
# Page furniture that may sit inside an account in unprepared text: reference boxes and their codes.
FURNITURE = r"(?:Onze|Uw)\s+[Rr]eferentie(?:\s+\S+)?|[A-Z0-9]+(?:[-/][A-Z0-9]+)+|Pagina\s+\d+\s+van\s+\d+"


# -- a motion's own text -------------------------------------------------------------------------------
# Every motion is printed as a Kamerstuk of one shape: the dossier line, "Nr. 2377", the heading
# "(GEWIJZIGDE) MOTIE VAN HET LID X (C.S.)" / "... VAN DE LEDEN X EN Y", "Voorgesteld 3 april 2018",
# "De Kamer, gehoord de beraadslaging, ... verzoekt de regering ..., en gaat over tot de orde van de
# dag." and the signatures, one name a line. Excerpts may stop anywhere after the heading.
DOC_DOSSIER = r"(?m)^[ \t]*(?P<dossier>\d{2}\s?\d{3})(?:(?:\s*-\s*|\s+)(?P<sub>[IVXLC]{1,5}|[A-Z]|\d{1,2})(?![\w-]))?\b"
# Since the 2025-2026 session the heading names the members without "HET LID" / "DE LEDEN" ("MOTIE VAN
# BOON EN WILDERS"), and some texts print no names there at all ("MOTIE VAN" / "Voorgesteld": the
# signatures name them) or drop the "VAN" ("MOTIE DE LEDEN ..."). An amended motion says which one it
# replaces ("... C.S. TER VERVANGING VAN DIE GEDRUKT ONDER NR. 1311"); text printed without line breaks
# may run on into "Voorgesteld".
DOC_HEADING = (
    r"(?:\bNr\.\s*(?P<nr>\d{1,5})\s+)?(?P<amended>GEWIJZIGDE\s+)?MOTIE\s+"
    r"(?:VAN(?:\s+(?:HET\s+LID|DE\s+LEDEN))?|HET\s+LID|DE\s+LEDEN)\b\s*"
    r"(?P<names>(?!Voorgesteld\b)[^\n]*?)(?P<cs>\s+C\.\s?S\.?)?(?P<replaces>\s+TER\s+VERVANGING\s+VAN\b[^\n]*?)?"
    r"(?:\s*(?=Voorgesteld\b)|\s*(?:\n|$))"
)
DOC_NR = r"\bNr\.\s*(?P<nr>\d{1,5})\b"
DOC_PROPOSED = r"\bVoorgesteld\s+(?:\(?ter\s+vervanging[^)]*\)?\s+)?"
DOC_REQUEST = (
    r"\b(?:verzoekt|roept)\s+(?:de\s+regering|het\s+kabinet)\b[,\s]*(?P<topic>[^;]+?)"
    r"(?:,\s*\n|;|\s*en\s+gaat\s+over|$)"
)
DOC_CLOSE = r"[Ee]n\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag[.,]?"


@dataclass(frozen=True)
class MotionPatterns:
    """Compiled patterns, one place for the component to take them from."""

    version: str = "v1"
    trigger: re.Pattern = field(default=re.compile(TRIGGER))
    after_hyphen: re.Pattern = field(default=re.compile(AFTER_HYPHEN))
    after_name: re.Pattern = field(default=re.compile(AFTER_NAME))
    after_members: re.Pattern = field(default=re.compile(AFTER_MEMBERS))
    continuation: re.Pattern = field(default=re.compile(CONTINUATION))
    cosigners: re.Pattern = field(default=re.compile(COSIGNERS))
    party: re.Pattern = field(default=re.compile(_PARTY))
    over: re.Pattern = field(default=re.compile(OVER))
    id_in_brackets: re.Pattern = field(default=re.compile(ID_IN_BRACKETS))
    id_bare: re.Pattern = field(default=re.compile(ID_BARE))
    identifier: re.Pattern = field(default=re.compile(IDENTIFIER))
    name: re.Pattern = field(default=re.compile(NAME))
    name_list_sep: re.Pattern = field(default=re.compile(r"\s*(?:,|/|\s+en\s+)\s*"))
    date_lead: re.Pattern = field(default=re.compile(DATE_LEAD))
    heading_prefix: re.Pattern = field(default=re.compile(HEADING_PREFIX))
    heading_prefix_inline: re.Pattern = field(default=re.compile(HEADING_PREFIX_INLINE))
    document_nouns: re.Pattern = field(default=re.compile(DOCUMENT_NOUNS))
    closing: re.Pattern = field(default=re.compile(CLOSING))
    furniture: re.Pattern = field(default=re.compile(FURNITURE))
    sentence_end: re.Pattern = field(default=re.compile(r"[.!?;](?=\s+[A-Z0-9]|\s*$)|\n\s*\n"))
    doc_dossier: re.Pattern = field(default=re.compile(DOC_DOSSIER))
    doc_heading: re.Pattern = field(default=re.compile(DOC_HEADING))
    doc_nr: re.Pattern = field(default=re.compile(DOC_NR))
    doc_proposed: re.Pattern = field(default=re.compile(DOC_PROPOSED))
    doc_request: re.Pattern = field(default=re.compile(DOC_REQUEST, re.S))
    doc_close: re.Pattern = field(default=re.compile(DOC_CLOSE))
    not_names: frozenset = NOT_NAMES
    tussenvoegsels: tuple = TUSSENVOEGSELS
    max_topic: int = 300  # characters; a longer "over ..." phrase is not a motion title any more


@spacy.registry.misc("diplokg.motion_patterns.v1")
def motion_patterns_v1() -> MotionPatterns:
    """Moties with Kamerstuk numbers, submitters (lid/leden, motie-X, X/Y, c.s.), topic and date."""
    return MotionPatterns()


def normalise_identifier(match: re.Match) -> list[str]:
    """``21 501-02, nrs. 2216 en 2219`` -> ["21501-02-2216", "21501-02-2219"].

    Numeric sub-dossiers get two digits ("21 501-2" -> "21501-02"), the form the
    Kamer uses, so one motion printed two ways is one motion.
    """
    g = match.groupdict()
    if g.get("cdossier"):
        dossier, sub, nrs = g["cdossier"], g.get("csub"), [g["cnr"]]
    else:
        dossier, sub = re.sub(r"\s", "", g["dossier"]), g.get("sub")
        nrs = re.findall(r"\d+", g["nrs"])
    if sub and sub.isdigit():
        sub = f"{int(sub):02d}"
    prefix = f"{dossier}-{sub}" if sub else dossier
    return [f"{prefix}-{int(nr)}" for nr in nrs]


def printed_identifier(text: str) -> str:
    """The identifier as printed, minus "Kamerstuk" and line breaks: "35 570 V, nr. 42"."""
    text = re.sub(r"^Kamerstuk(?:ken)?\s+", "", text.strip())
    return " ".join(text.split())
