"""``POST /documents``: ingest a new document (text, PDF or Kamerstuk XML upload) through the same pipeline and gate.

The API never imports spaCy at import time: the pipeline is loaded on the first upload, once per
process, and runs in FastAPI's thread pool (a plain ``def`` route), so the event loop stays free.
A document whose graph violates the shapes is refused with 422 and the readable report; what the
store held before stays.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Header, Request, UploadFile

from api.deps import get_settings, get_store
from api.errors import ApiError, check_write_token
from pipeline.iris import document_iri, graph_iri

router = APIRouter(tags=["documents"])
ACCEPTED = (".txt", ".pdf", ".xml")
_nlp_lock = threading.Lock()
_nlp_cache: dict[str, Any] = {}


def _pipeline(model: str):
    """The spaCy pipeline, built on first use (spaCy is imported here, never at API start-up)."""
    with _nlp_lock:
        if model not in _nlp_cache:
            from pipeline.nlp import build_nlp

            _nlp_cache[model] = build_nlp(model)
        return _nlp_cache[model]


@router.post("/documents", status_code=201, summary="Ingest a document (.txt, .pdf or Kamerstuk .xml; token required)")
def ingest_document(
    request: Request,
    file: Annotated[UploadFile, File(description="A letter as .txt (UTF-8), .pdf or Kamerstuk .xml")],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    settings, store = get_settings(request), get_store(request)
    check_write_token(settings.update_token, authorization)
    name = Path(file.filename or "").name
    if "\x00" in name or len(name.encode("utf-8", "replace")) > 200:
        raise ApiError(400, "Invalid file name", "File names must be under 200 bytes, without NUL characters.")
    if Path(name).suffix.lower() not in ACCEPTED:
        raise ApiError(415, "Unsupported document type",
                       f"{name or 'the upload'}: send a .txt, .pdf or Kamerstuk .xml file (multipart field 'file')")
    from pipeline.nlp import ModelMissingError
    from pipeline.run import RESERVED_IDS, BuildResult, DocumentIdConflict, document_key, extract_file, store_extraction
    from pipeline.text import InputError

    if document_key(Path(name)) in RESERVED_IDS:
        raise ApiError(409, "Reserved document id", f"{name}: that name is reserved for the store's own graphs")
    model = "blank" if str(settings.model_path) == "blank" else str(settings.model_path)
    with tempfile.TemporaryDirectory(prefix="diplokg-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(file.file.read())
        try:
            extraction = extract_file(path, _pipeline(model))
        except InputError as e:
            raise ApiError(400, "Unreadable document", str(e).replace(str(path), name)) from e
        except ModelMissingError as e:
            raise ApiError(503, "No model", str(e)) from e
    result = BuildResult()
    try:
        store_extraction(extraction, store, settings, result)
    except DocumentIdConflict as e:
        raise ApiError(409, "Document id taken", f"{name}: {e.reason}") from e
    doc_id = extraction.document.doc_id
    if doc_id in result.refused:
        raise ApiError(422, "Refused by the SHACL shapes", result.refused[doc_id])
    counts = extraction.to_eval_json()
    return {
        "document": document_iri(settings.base_iri, doc_id),
        "graph": graph_iri(settings.base_iri, doc_id),
        "triples": result.triples,
        "counts": {k: len(counts[k]) for k in ("entities", "roles", "motions", "events", "positions")},
    }
