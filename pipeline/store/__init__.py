"""One store interface, two implementations chosen by configuration."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.store.base import QueryError, QueryTimeout, Store, StoreError


def open_store(settings: Settings, read_only: bool = False, isolated: bool = False) -> Store:
    """The remote store when ``store_url`` is set, else the embedded Oxigraph store.

    ``isolated`` (the server's choice): the embedded store evaluates queries in worker processes
    that are killed at the query deadline (see pipeline.store.isolated).
    """
    if settings.store_url:
        from pipeline.store.remote import RemoteStore

        return RemoteStore(
            settings.store_url,
            update_url=settings.store_update_url,
            user=settings.store_user,
            password=settings.store_password,
            timeout=settings.query_timeout,
        )
    if isolated and not read_only:
        from pipeline.store.isolated import IsolatedOxigraphStore

        return IsolatedOxigraphStore(settings.data_dir, query_timeout=settings.query_timeout,
                                     min_workers=settings.query_workers or None,
                                     max_workers=settings.query_workers_max, memory_mb=settings.query_memory_mb,
                                     cache_mb=settings.result_cache_mb)
    from pipeline.store.oxigraph import OxigraphStore

    return OxigraphStore(settings.data_dir, read_only=read_only)


__all__ = ["QueryError", "QueryTimeout", "Store", "StoreError", "open_store"]
