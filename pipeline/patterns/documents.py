"""Names of documents in running text: named instruments, quoted titles, parliamentary records, case
numbers and European Council codes. ``document_names`` gives their character spans; the actor rules make them
DOCUMENT entities (Kamerstuk references, which the motions component may own, stay there)."""

from __future__ import annotations

import re

# A named instrument: capitalised words ending in a document head ('Minsk-akkoorden', 'Weens Mechanisme').
NAMED_DOCUMENT = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][\w’'-]+\s){1,3}(?:[A-Z][\w’'-]*-)?|[A-Z][\w’'-]*-)(?:akkoorden|akkoord|Akkoorden|Akkoord|"
    r"Mechanisme|Verdrag|Handvest|Law|Pact|Actieplan)"
    r"(?:\s(?:voor|van|inzake|on|of)\s(?:de\s|het\s)?[\w-]+(?:\s(?:en\s)?[\w-]+)?|(?:\s(?:en\s)?[A-Z][\w-]+){1,4})?"
)
# A named instrument with its head first, capitalised inside a sentence: 'de Verklaring van Versailles',
# 'het Statuut van Rome', 'het Akkoord van Parijs'.
HEAD_FIRST_DOCUMENT = re.compile(
    r"(?<=[a-zà-ÿ,] )(?:Verklaring|Verdrag|Akkoord|Handvest|Slotakte|Statuut|Conventie|Protocol|Memorandum|Pact)"
    r"\svan\s(?:de\s|het\s)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*")
# An instrument with an English title, as NATO and EU texts are cited: 'Warsaw Summit Communique', 'Defence
# Investment Pledge', 'Joint Declaration on EU-NATO cooperation', 'EU Global Strategy', 'Five Presidents’ Report'
# (a capitalised Dutch word opening the sentence is not part of the title).
ENGLISH_DOCUMENT = re.compile(
    r"(?<![\w-])(?!(?:De|Het|Een|Deze|Dit|Die|Dat|In|Op|Met|Voor|Bij|Van|Uit|Zoals|Ook|Tijdens)\s)"
    r"(?:(?:[A-Z][\w’'-]*\s){1,4}|[A-Z][\w’'-]*-)(?:Declaration|Communiqu[eé]|Statement|Pledge|Charter|Compact"
    r"|Agreement|Strategy|Guidance|Report|Plan|Review|Treaty|Convention|Resolution|Roadmap|Protocol)s?(?![\w’'-])"
    r"(?:\s(?:on|of|for)\s(?:the\s)?[\w-]+(?:\s(?:and\s)?[A-Z][\w-]+){0,3})?")
# The parliamentary record, cited by session year and number: 'Handelingen II 2017/18, nr. 107',
# 'Aanhangsel Handelingen II 2022/23, nr. 1319'.
HANDELINGEN = re.compile(r"(?<![\w-])(?:Aanhangsel\s)?Handelingen\s(?:I|II|EK|TK)\s\d{4}[/–-]\d{2,4},"
                         r"\s(?:nr\.|item)\s\d+(?:,\sitem\s\d+)?")
# European Council documents by their code: 'EUCO 31/16', 'de conclusies (EUCO 10/20)'.
EUCO_CODE = re.compile(r"(?<![\w-])EUCO\s\d{1,3}/\d{2}(?![\w/-])")
# The quoted title of a report, article or advice, as Kamervragen cite them: 'het bericht «Leger Ethiopië neemt
# hoofdstad van Tigray in»', 'het AIV-advies «Inzet van snelle reactiemachten»', 'de berichten «A»1 en «B»'.
TITLED_DOCUMENT = re.compile(
    r"(?i)(?<![\w-])(?:[\w]+-)?(?:nieuws)?(?:bericht|artikel|rapport|advies|mededeling|nota|notitie|publicatie|studie|"
    r"documentaire|reportage|opiniestuk|essay|uitzending)(?:en|s)?(?:\s(?:van|in|op|uit)\s(?:de\s|het\s)?[\w.-]+){0,2}"
    r"\s?:?\s?(?=[«“„'\"])")
QUOTES = {"«": "»", "“": "”", "„": "”", "'": "'", '"': '"'}
# After one title, another in the same list: '«A»1 en «B»', '«A», «B»'.
NEXT_TITLE = re.compile(r"\d*(?:,\s?|\s(?:en|of)\s)(?=[«“„'\"])")
# Tweede Kamer case and document numbers name documents ('2021Z18469', '2020D43526').
ZAAK_NUMBER = re.compile(r"(?<![\w-])20\d{2}[ZD]\d{5}(?![\w-])")


def document_names(text: str) -> list[tuple[int, int]]:
    """Character spans of the document names in ``text``: quoted titles, then each pattern's matches."""
    found = quoted_titles(text)
    for pattern in (NAMED_DOCUMENT, HEAD_FIRST_DOCUMENT, ENGLISH_DOCUMENT, ZAAK_NUMBER, HANDELINGEN, EUCO_CODE):
        found += [m.span() for m in pattern.finditer(text)]
    return found


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Character offsets of the titles quoted after a document noun (TITLED_DOCUMENT), quotes excluded.
    A title may quote a word itself ('«Deze militie krijgt «veiligheidstraining» betaald»'): the quotes nest."""
    found: list[tuple[int, int]] = []
    for m in TITLED_DOCUMENT.finditer(text):
        at = m.end()
        while at < len(text) and text[at] in QUOTES:
            end = _closing_quote(text, at)
            if end is None or end - at < 4:
                break
            found.append((at + 1, end))
            follow = NEXT_TITLE.match(text, end + 1)
            if follow is None:
                break
            at = follow.end()
    return found


def _closing_quote(text: str, at: int) -> int | None:
    """Where the quote opened at ``at`` closes, within one paragraph and 300 characters; None if it does not.
    A straight quote closes before a space, punctuation or a footnote number, not inside a word ('Myanmar's')."""
    opener, closer = text[at], QUOTES[text[at]]
    depth = 0
    for i in range(at + 1, min(len(text), at + 300)):
        c = text[i]
        if c == "\n" and text[i + 1: i + 2] == "\n":
            return None
        if opener == closer:
            if c == closer and (i + 1 == len(text) or not text[i + 1].isalpha()):
                return i
        elif c == opener:
            depth += 1
        elif c == closer:
            if depth == 0:
                return i
            depth -= 1
    return None
