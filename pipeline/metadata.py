"""Document metadata: a sidecar ``<file>.meta.json`` if there is one, else inferred from the text.

The sidecar is curated by a person and always wins, field by field (a key present with ``null``
is an explicit "none", e.g. a letter without a Kamerstuk number). Inference reads the *original*
text, because the running headers/footers that ``pipeline.text`` removes carry the Kamerstuk number.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from pipeline.extraction import DocumentMeta

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("title", "date", "kind", "kamerstuk")


class InputError(ValueError):
    """A document (or its sidecar) that cannot be read. ``str()`` is ``"<path>: <reason>"``."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self):
        # Picklable with its two arguments: a worker process sends it back as a result, and the
        # default (the message alone) cannot be unpickled, which breaks the whole process pool.
        return type(self), (self.path, self.reason)


MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_MONTH_RE = "|".join(MONTHS)
_DATE = rf"(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})"
# "Den Haag, 17 september 2020" (Kamerstuk letters) and "Datum 4 november 2021" (letterhead box).
_LETTER_DATE_RE = re.compile(rf"^\s*(?:Den Haag,|Datum)\s+{_DATE}\s*$", re.I | re.M)
_ANY_DATE_RE = re.compile(_DATE, re.I)
_ISO_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")

# Running footer: "Tweede Kamer, vergaderjaar 2020–2021, 21 501-02, nr. 2244 4".
_FOOTER_KS_RE = re.compile(
    r"^\s*(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4},\s*"
    r"(\d{2}\s?\d{3}(?:-[\dA-Z]+)?(?:\s+[A-Z]{1,4})?),\s*nr\.\s*(\d+)",
    re.M,
)
# Kamerstuk front page: "32 735 Mensenrechten ..." then "Nr. 312  BRIEF VAN ...".
# The title may be capitals ('22 718 OVSE-Assemblée') or, in a PDF, on the next line.
_TOP_DOSSIER_RE = re.compile(r"^\s*(\d{2}\s?\d{3}(?:-[\dA-Z]+)?)(?:\s+[A-Z][\w-]|\s*$)")
# "Nr. 312  BRIEF VAN ...", as PDFs also print it: "nr. 17", "AD/ Nr. 44" (a typesetting code before it).
_TOP_NR_RE = re.compile(r"^\s*(?:[A-Z]{1,3}/\s*)?(?P<label>[Nn]r\.)\s*(\d+)\b\s*(.*)$")
_BETREFT_RE = re.compile(r"^\s*Betreft\s+(\S.*?)\s*$", re.M)


# The number as a sidecar may print it: '21 501-20, nr. 1172', '36 410 X, nr. 63', 'Kamerstuk 22 054, nr. 317',
# '33 279 / 29 521, nr. 5' (the first dossier names it).
_PRINTED_KAMERSTUK_RE = re.compile(r"^\s*(?:Kamerstuk(?:ken)?\s+)?(?P<dossier>\d{2}\s?\d{3}(?:[\s-]+[0-9A-Z]+)*?)"
                                   r"(?:\s*/\s*[^,]+)?,\s*[Nn]r\.\s*(?P<nr>\d+)\s*$")
KAMERSTUK_ID_RE = re.compile(r"^\d{4,5}(?:-[0-9A-Z]+)*-\d+$")  # the shapes' pattern for dkg:kamerstuk


def kamerstuk_id(value: str | None) -> str | None:
    """A sidecar's Kamerstuk number in the graph's form ('21 501-20, nr. 1172' -> '21501-20-1172'); None for
    a reference that is no Kamerstuk number ('Aanhangsel Handelingen II 2014/15, nr. 3179', '27 925, J')."""
    if not value:
        return None
    if KAMERSTUK_ID_RE.match(value):
        return value
    m = _PRINTED_KAMERSTUK_RE.match(value)
    if m is None:
        return None
    found = normalise_kamerstuk(m.group("dossier"), m.group("nr"))
    return found if KAMERSTUK_ID_RE.match(found) else None


def normalise_kamerstuk(dossier: str, nr: str | int | None = None) -> str:
    """``("21 501-02", 2244)`` -> ``"21501-02-2244"``; ``("35 570 V", 42)`` -> ``"35570-V-42"``."""
    parts = dossier.strip().split()
    # The dossier number is written with a thousands space ("21 501"); roman suffixes are separate.
    head = "".join(p for p in parts if re.fullmatch(r"[\d-]+", p))
    tail = [p for p in parts if not re.fullmatch(r"[\d-]+", p)]
    out = "-".join([head, *tail])
    return f"{out}-{nr}" if nr not in (None, "") else out


def parse_dutch_date(text: str) -> str | None:
    """The first "17 september 2020" in ``text`` as ISO, or None."""
    m = _ANY_DATE_RE.search(text)
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def sidecar_path(path: str | Path) -> Path:
    return Path(str(path) + SIDECAR_SUFFIX)


def read_sidecar(path: str | Path) -> dict[str, Any]:
    """The sidecar's fields (only the known ones), or ``{}`` when there is none."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(side, f"unreadable sidecar: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(side, "sidecar must be a JSON object")
    out = {k: data[k] for k in SIDECAR_FIELDS if k in data}
    if "kamerstuk" in out:
        out["kamerstuk"] = kamerstuk_id(out["kamerstuk"]) if isinstance(out["kamerstuk"], str) else None
    date = out.get("date")
    if date is not None and not (isinstance(date, str) and _ISO_RE.match(date)):
        raise InputError(side, f"date must be ISO (YYYY, YYYY-MM or YYYY-MM-DD), got {date!r}")
    return out


def _head_lines(text: str, n: int = 12) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()][:n]


def infer_title(text: str) -> str:
    """``Betreft`` line, else the first all-caps heading block, else the first line."""
    if m := _BETREFT_RE.search(text):
        return m.group(1)
    lines = [ln.strip() for ln in text.splitlines()][:40]
    for i, line in enumerate(lines):
        if nr := _TOP_NR_RE.match(line):
            line = nr.group(3)  # "Nr. 312  BRIEF VAN ..." -> the heading after the number
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 10 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            block = [line]
            # An all-caps title may wrap: "... VAN 2 EN 3 DECEMBER" / "2021".
            for nxt in lines[i + 1:]:
                if not nxt or nxt.lower() != nxt and nxt.upper() != nxt:
                    break
                block.append(nxt)
            return re.sub(r"\s+", " ", " ".join(block)).strip()
    head = _head_lines(text, 1)
    return head[0] if head else ""


def infer_date(text: str, title: str = "") -> str | None:
    if m := _LETTER_DATE_RE.search(text):
        return _iso(m)
    return parse_dutch_date(title) if title else None


def infer_kind(text: str, title: str) -> str:
    t = title.lower()
    if "geannoteerde agenda" in t:
        return "geannoteerde agenda"
    if t.startswith("verslag") or " verslag " in f" {t} ":
        return "verslag"
    if re.search(r"^\s*(?:Onze Referentie|Betreft)\b", text, re.M | re.I):
        return "kamerbrief"  # the ministry's own letterhead
    return "brief"


def infer_kamerstuk(text: str) -> str | None:
    if m := _FOOTER_KS_RE.search(text):
        return normalise_kamerstuk(m.group(1), m.group(2))
    head = _head_lines(text, 6)
    dossier = next((m.group(1) for ln in head if (m := _TOP_DOSSIER_RE.match(ln))), None)
    nr = next((m.group(2) for ln in head if (m := _TOP_NR_RE.match(ln))), None)
    if dossier and nr:
        return normalise_kamerstuk(dossier, nr)
    return None


def printed_kamerstuk(kamerstuk: str) -> str:
    """``"21501-02-2244"`` -> ``"Kamerstuk 21 501-02, nr. 2244"``: the form parliament prints."""
    dossier, *rest = kamerstuk.split("-")
    *subs, nr = rest or [""]
    head = f"{dossier[:2]} {dossier[2:]}" if len(dossier) == 5 and dossier.isdigit() else dossier
    for sub in subs:  # a numeric part joins with a hyphen ("-02"), a letter or roman numeral with a space
        head += f"-{sub}" if sub.isdigit() else f" {sub}"
    return f"Kamerstuk {head}, nr. {nr}" if nr else f"Kamerstuk {head}"


def own_number_mentions(text: str) -> list[tuple[int, int]]:
    """Where the document prints its own Kamerstuk number: running footers and the front page's "Nr. 312"."""
    found = [(m.start(1), m.end(2)) for m in _FOOTER_KS_RE.finditer(text)]
    offset = 0
    for line in text.splitlines(keepends=True)[:6]:
        if (m := _TOP_NR_RE.match(line)) and m.group(2):
            found.append((offset + m.start("label"), offset + m.end(2)))
        offset += len(line)
    return sorted(found)


# A title is a line, not a document: a one-line letter of a million characters once became its own
# title and was repeated on every linked-data page that cites it.
MAX_TITLE = 300


def short_title(title: str) -> str:
    """``title`` cut at a word boundary to at most MAX_TITLE characters, '…' marking the cut."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title[: MAX_TITLE - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[MAX_TITLE // 2:] else cut).rstrip() + "…"


def infer_meta(text: str) -> dict[str, Any]:
    title = short_title(infer_title(text))
    return {
        "title": title,
        "date": infer_date(text, title),
        "kind": infer_kind(text, title),
        "kamerstuk": infer_kamerstuk(text),
    }


def load_meta(path: str | Path, text: str, data: bytes | None = None,
              markup: dict[str, Any] | None = None) -> DocumentMeta:
    """Metadata for the document at ``path`` whose original text is ``text``.

    ``data`` (the file's bytes) is hashed when given, else the file is read again. ``markup``: what
    the file's own markup states (Kamerstuk XML); it wins over inference, a sidecar wins over both.
    """
    path = Path(path)
    fields = infer_meta(text)
    fields.update(markup or {})
    fields.update(read_sidecar(path))
    if data is None:
        data = path.read_bytes()
    return DocumentMeta(
        doc_id=path.stem,
        title=short_title(fields["title"] or path.stem),
        date=fields["date"],
        kind=fields["kind"] or "brief",
        kamerstuk=fields["kamerstuk"],
        source=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        submitters=list(fields.get("submitters") or []),
    )
