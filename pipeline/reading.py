"""Reading a document file: its bytes, then its text (.txt in UTF-8, UTF-16 or cp1252; .pdf through pypdf).

Every failure is an ``InputError`` naming the file and the reason (missing, empty, binary, unreadable PDF),
raised before anything is stored. ``pipeline.text.prepare`` cleans what these functions read.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from pipeline.metadata import InputError

SUFFIXES = (".txt", ".pdf", ".xml")


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a clean InputError for a wrong type, a missing, unreadable or empty file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}; expected .txt, .pdf or .xml")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "file not found") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(path, "empty file")
    return data


def read_text(path: str | Path) -> tuple[str, bytes]:
    """The document's text (pages joined by form feeds for PDF) and its raw bytes (.txt and .pdf)."""
    path = Path(path)
    data = read_bytes(path)
    return to_text(path, data), data


def to_text(path: Path, data: bytes) -> str:
    text = _read_pdf(path, data) if path.suffix.lower() == ".pdf" else _decode(path, data)
    if not text.strip():
        raise InputError(path, "no text in the file")
    return text


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # 'Unicode' text as Windows saves it
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, "starts as UTF-16 text but is not valid UTF-16") from exc
        return _check_controls(path, text)
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text file (UTF-16 text needs its byte-order mark)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # older Windows exports; strict, so bytes undefined in cp1252 still fail
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(path, "not valid UTF-8 or cp1252 text") from exc
    return _check_controls(path, text)


def _check_controls(path: Path, text: str) -> str:
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    if controls > max(2, len(text) // 200):
        raise InputError(path, "binary data, not a text file")
    return text


def _read_pdf(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, NotImplementedError) as exc:
        raise InputError(path, f"unreadable PDF: {exc}") from exc
    if not any(p.strip() for p in pages):
        raise InputError(path, "PDF has no extractable text (scanned images?)")
    return "\f".join(pages)


def looks_like_xml(data: bytes) -> bool:
    """A .txt file holding a Kamerstuk publication: it opens as XML and its root is <officiele-publicatie>
    (other XML saved as .txt stays text, as before)."""
    head = data[:2000].lstrip(codecs.BOM_UTF8).lstrip()
    return head.startswith((b"<?xml", b"<officiele-publicatie")) and b"<officiele-publicatie" in head
