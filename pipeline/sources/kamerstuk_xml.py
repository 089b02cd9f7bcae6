"""Official Kamerstuk XML (the officielebekendmakingen schema, ``<officiele-publicatie>``) in.

The XML carries what PDF text loses: where a paragraph, heading, list item or signature begins and
ends, footnotes (``<noot>``) at the place of their marker, and the publication's own metadata
(``DC.identifier``, ``DCTERMS.issued``, ``OVERHEIDop.indiener``, ...). ``read_kamerstuk_xml`` turns
it into the same :class:`pipeline.text.Prepared` that text and PDF input give.

The *original* text, which provenance offsets index, is the document as the markup lays it out (the
role pypdf's text plays for a PDF): one line per block, a blank line between paragraphs, footnote
markers as superscript digits where the ``<noot>`` stood, and the footnotes at the end, one a line.
The prepared text is that rendering without the markers; its offset map points into the rendering,
so ``oa:exact`` quotes readable text rather than tags.

Elements are handled by their role, not by document: blocks become lines, containers hold blocks,
everything else is running (inline) text. An unknown element that holds blocks is a container; an
unknown element with only text, standing among blocks, is a block of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.metadata import InputError, load_meta, normalise_kamerstuk
from pipeline.text import MAX_CHARS, Footnote, Prepared

__all__ = ["markup_metadata", "read_kamerstuk_xml", "render"]

# Blocks: each starts a line of its own. Their block-level children (a list inside a paragraph
# group) are rendered after them, in document order.
BLOCKS = frozenset({
    "al", "titel", "tussenkop", "kop", "tekstregel", "dossier", "stuknr", "datumtekst", "li", "row",
    "functie", "naam", "plaats", "dagtekening", "aanhef", "slotformule", "ondertekening-regel",
})
# Inside these, block children follow each other on consecutive lines (signatures, the head of the
# Kamerstuk), not as separate paragraphs.
TIGHT = frozenset({"al-groep", "kamerstukkop", "ondertekening", "naam"})
# Inside these every child is running text: "34 104 Langdurige zorg", "1. Inleiding", a table row.
FLAT = frozenset({"kop", "dossier", "row"})
# Not text of the document: the metadata block, print codes of the head, processing leftovers.
SKIP = frozenset({"metadata", "meta", "noot"})
_SKIP_HEAD_LINES = frozenset({"kamernummer", "documenttype"})  # "2", "Kamerstukken": print codes
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_WS = re.compile(r"\s+")
_NOTE = "\x00"  # stands for a footnote marker while the line's whitespace is collapsed


@dataclass
class Note:
    number: str
    text: str
    ref: int  # offset in the rendering where its marker starts
    marker_end: int


@dataclass
class Rendering:
    """The rendered original, and where its footnote markers are (cut from the prepared text)."""

    text: str = ""
    notes: list[Note] = field(default_factory=list)
    body_end: int = 0


def parse(path: Path, data: bytes) -> etree._Element:
    """The root of a Kamerstuk publication; a clean InputError for anything else."""
    # No DTDs, no entities from outside, no network: a document is data, never instructions to fetch.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        raise InputError(path, f"malformed XML at line {line}, column {col}: {exc.msg}") from exc
    if root is None:
        raise InputError(path, "malformed XML: no root element")
    if etree.QName(root).localname != "officiele-publicatie":
        raise InputError(path, f"XML root <{etree.QName(root).localname}> is not an officielebekendmakingen "
                               "publication (<officiele-publicatie>)")
    return root


def _tag(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _has_block(el: etree._Element) -> bool:
    return any(_tag(d) in BLOCKS for d in el.iterdescendants() if _tag(d) not in SKIP)


class _Renderer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.notes: list[Note] = []
        self.prefix = ""  # a list item's number, put before its first line
        self.started = False

    def emit(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def block(self, el: etree._Element, sep: str) -> None:
        """One line: the element's running text (its block-level children follow as lines of their own)."""
        pieces: list[str] = []
        notes: list[etree._Element] = []
        later: list[etree._Element] = []

        flat = _tag(el) in FLAT

        def inline(node: etree._Element) -> None:
            if node.text:
                pieces.append(node.text)
            for child in node:
                tag = _tag(child)
                if tag == "noot":
                    pieces.append(_NOTE)  # where the marker stands
                    notes.append(child)
                elif tag in BLOCKS and not flat:
                    later.append(child)
                elif tag and tag not in SKIP:
                    if tag == "entry" and "".join(pieces).strip():
                        pieces.append(" | ")  # table cells on one line
                    pieces.append(" " if tag in BLOCKS else "")
                    inline(child)
                if child.tail:
                    pieces.append(child.tail)

        inline(el)
        text = _WS.sub(" ", "".join(pieces)).strip()
        if self.prefix and text.strip(_NOTE):
            text, self.prefix = f"{self.prefix} {text}", ""
        if text:
            if self.started:
                self.emit(sep)
            self.started = True
            chunks = text.split(_NOTE)
            for chunk, note in zip(chunks, [*notes, None], strict=True):
                self.emit(chunk)
                if note is not None:
                    number = _text(note.find("{*}noot.nr")) or str(len(self.notes) + 1)
                    body = " ".join(_text(a) for a in note if _tag(a) != "noot.nr")
                    marker = number.translate(SUPERSCRIPT)
                    self.notes.append(Note(number, body.strip(), self.size, self.size + len(marker)))
                    self.emit(marker)
        for child in later:
            self.walk(child, "\n" if _tag(el) in TIGHT else "\n\n")

    def walk(self, el: etree._Element, sep: str) -> None:
        tag = _tag(el)
        if tag in SKIP or not tag:
            return
        if tag == "tekstregel" and el.get("inhoud") in _SKIP_HEAD_LINES:
            return
        if tag == "li.nr":
            self.prefix = _WS.sub(" ", "".join(el.itertext())).strip()
            return
        if tag in BLOCKS and not (tag in ("li", "naam") and _has_block(el)):
            self.block(el, sep)
            return
        if tag not in BLOCKS and not _has_block(el) and "".join(el.itertext()).strip():
            self.block(el, sep)  # unknown text-only element among blocks: a line of its own
            return
        child_sep = "\n" if tag in TIGHT else sep
        first = True
        for child in el:
            self.walk(child, sep if first else child_sep)
            first = False


def render(root: etree._Element) -> Rendering:
    r = _Renderer()
    for child in root:
        r.walk(child, "\n\n")
    body_end = r.size
    for i, note in enumerate(r.notes):
        r.emit("\n\n" if i == 0 else "\n")
        r.emit(f"{note.number} {note.text}")
    return Rendering("".join(r.parts), r.notes, body_end)


# --- metadata -------------------------------------------------------------------------------------
def _meta(root: etree._Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in root.iter("{*}meta"):
        name, content = m.get("name"), (m.get("content") or "").strip()
        if name and content:
            out.setdefault(name, []).append(content)
    return out


def _text(el: etree._Element | None) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip() if el is not None else ""


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def markup_metadata(root: etree._Element) -> dict[str, object]:
    """Title, date, kind, Kamerstuk number and submitters: from the ``<metadata>`` block where the
    publication carries it, else from the markup of the Kamerstuk itself (dossier, ``<ondernummer>``,
    ``<datum isodatum>``, the document's ``<titel>``)."""
    meta = _meta(root)
    out: dict[str, object] = {}
    ident = next((v for v in meta.get("DC.identifier", []) if v.startswith("kst-")), None)
    if ident:
        out["kamerstuk"] = ident.removeprefix("kst-")
    else:
        dossier = root.find(".//{*}dossier/{*}dossiernummer")
        nr = root.find(".//{*}stuk/{*}stuknr/{*}ondernummer")
        if dossier is not None and nr is not None and _text(nr).isdigit():
            # "21 501" "-" "20" / "36 410" "VII": the sub-dossier as parliament prints it
            parts = [_text(c) for c in dossier if _tag(c) in ("dossiernr", "raadnr", "begrotingshoofdstuk")]
            if parts:
                head = parts[0] + "".join(f"-{p}" if p.isdigit() else f" {p}" for p in parts[1:])
                out["kamerstuk"] = normalise_kamerstuk(head, _text(nr))
    issued = next((v for v in meta.get("DCTERMS.issued", []) if _ISO.match(v)), None)
    if issued is None:
        datum = root.find(".//{*}stuk/{*}datumtekst/{*}datum")
        if datum is None:
            datum = root.find(".//{*}datum[@isodatum]")
        if datum is not None and _ISO.match(datum.get("isodatum") or ""):
            issued = datum.get("isodatum")
    if issued:
        out["date"] = issued
    title = (meta.get("OVERHEIDop.documenttitel") or [None])[0] or _text(root.find(".//{*}stuk/{*}titel"))
    if title:
        out["title"] = title
    kind = next((v for v in meta.get("DC.type", []) if v in _KINDS), None)
    if kind:
        out["kind"] = kind.lower()
    elif _text(root.find(".//{*}stuk/{*}titel")).upper().startswith(("MOTIE", "GEWIJZIGDE MOTIE")):
        out["kind"] = "motie"
    if indieners := meta.get("OVERHEIDop.indiener"):
        out["submitters"] = indieners
    return out


# DC.type values of the KamerstukTypen scheme that name what kind of document it is.
_KINDS = frozenset({"Motie", "Brief", "Amendement", "Verslag", "Nota", "Memorie van toelichting",
                    "Voorstel van wet", "Lijst van vragen en antwoorden", "Nota van wijziging"})


# --- Prepared ---------------------------------------------------------------------------------------
def read_kamerstuk_xml(path: Path, data: bytes) -> Prepared:
    """``data`` (the bytes of ``path``) as a Prepared document: rendering, clean text, offset map,
    footnotes and metadata (markup first, a sidecar still wins)."""
    root = parse(path, data)
    rendering = render(root)
    original = rendering.text
    if not original.strip():
        raise InputError(path, "the publication has no text")
    if len(original) > MAX_CHARS:
        raise InputError(path, f"the text has {len(original):,} characters; documents of up to {MAX_CHARS:,} "
                               "are processed (split it into parts)")
    # The prepared text is the rendering without the footnote markers.
    parts: list[str] = []
    omap: list[int] = []
    refs: list[int] = []
    pos = 0
    for note in rendering.notes:
        parts.append(original[pos:note.ref])
        omap.extend(range(pos, note.ref))
        refs.append(len(omap))
        pos = note.marker_end
    parts.append(original[pos:])
    omap.extend(range(pos, len(original)))
    omap.append(len(original))
    text = "".join(parts)
    body_end = rendering.body_end - sum(n.marker_end - n.ref for n in rendering.notes)
    footnotes: list[Footnote] = []
    cursor = body_end
    for note, ref in zip(rendering.notes, refs, strict=True):
        start = text.index(f"{note.number} {note.text}", cursor) + len(note.number) + 1
        cursor = start + len(note.text)
        number = int(note.number) if note.number.isdigit() else len(footnotes) + 1
        footnotes.append(Footnote(number, note.text, start, cursor, ref))
    return Prepared(path=path, original=original, text=text, offset_map=omap, footnotes=footnotes,
                    meta=load_meta(path, original, data, markup=markup_metadata(root)), body_end=body_end)
