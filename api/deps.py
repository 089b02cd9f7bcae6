"""What every router needs from the app: the store and the settings (set once by create_app)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from api.errors import ApiError, error_body
from pipeline.config import Settings
from pipeline.store.base import Store


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def error_response(e: ApiError, accept: str | None) -> Response:
    err = error_body(e.status, e.title, e.detail, accept)
    return Response(err.body, status_code=e.status, media_type=err.media_type, headers=e.headers)
