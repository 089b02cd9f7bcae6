"""Configuration, read once from the environment and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES_DIR = PROJECT_ROOT / "shapes"
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_CORPUS = DATA_DIR / "corpus"
DEFAULT_MODEL = DATA_DIR / "models" / "nl_diplokg"
DEFAULT_BASE = "https://w3id.org/diplokg"
DEFAULT_STORE_DIR = Path.home() / ".local" / "share" / "diplokg" / "store"


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Build with :func:`load_settings`."""

    data_dir: Path = DEFAULT_STORE_DIR
    store_url: str | None = None  # SPARQL query endpoint of a remote store; None = embedded Oxigraph
    store_update_url: str | None = None
    store_user: str | None = None
    store_password: str | None = None
    base_iri: str = DEFAULT_BASE
    update_token: str | None = None  # bearer token for SPARQL Update / Graph Store writes; None = read-only
    query_timeout: float = 30.0
    result_limit: int = 10_000
    model_path: Path = DEFAULT_MODEL
    # SERVICE endpoints a query may call; empty = SERVICE refused (the server sends no requests)
    service_allowlist: tuple[str, ...] = ()
    # The embedded store under `serve` evaluates queries in worker processes (pipeline.store.isolated)
    query_workers: int = 0  # started up front; 0 = one per core
    query_workers_max: int = 16  # started on demand while the others are busy
    query_memory_mb: int = 2048  # address-space limit of each worker
    result_cache_mb: float = 32.0  # answers kept until the next write (pipeline.store.result_cache); 0: off
    max_upload_mb: float = 20.0  # request bodies (uploads, Graph Store writes, updates); larger -> 413
    extra: dict = field(default_factory=dict)

    def with_(self, **changes) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(**overrides) -> Settings:
    """Read ``DIPLOKG_*`` environment variables; explicit overrides win."""
    env = os.environ
    s = Settings(
        data_dir=Path(env.get("DIPLOKG_DATA_DIR", DEFAULT_STORE_DIR)),
        store_url=env.get("DIPLOKG_STORE_URL") or None,
        store_update_url=env.get("DIPLOKG_STORE_UPDATE_URL") or None,
        store_user=env.get("DIPLOKG_STORE_USER") or None,
        store_password=env.get("DIPLOKG_STORE_PASSWORD") or None,
        base_iri=env.get("DIPLOKG_BASE_IRI", DEFAULT_BASE).rstrip("/"),
        # a token of only whitespace could never be sent back: it means "no token" (writes off)
        update_token=(env.get("DIPLOKG_UPDATE_TOKEN") or "").strip() or None,
        query_timeout=float(env.get("DIPLOKG_QUERY_TIMEOUT", 30)),
        result_limit=int(env.get("DIPLOKG_RESULT_LIMIT", 10_000)),
        model_path=Path(env.get("DIPLOKG_MODEL", DEFAULT_MODEL)),
        service_allowlist=tuple(env.get("DIPLOKG_SERVICE_ALLOW", "").split()),
        query_workers=int(env.get("DIPLOKG_QUERY_WORKERS", 0)),
        query_workers_max=int(env.get("DIPLOKG_QUERY_WORKERS_MAX", 16)),
        query_memory_mb=int(env.get("DIPLOKG_QUERY_MEMORY_MB", 2048)),
        result_cache_mb=float(env.get("DIPLOKG_RESULT_CACHE_MB", 32)),
        max_upload_mb=float(env.get("DIPLOKG_MAX_UPLOAD_MB", 20)),
    )
    return s.with_(**overrides)
