"""Request bodies past a size limit are refused with 413 before they are read into memory.

A pure ASGI middleware: a declared ``Content-Length`` over the limit is answered at once; a body
sent without one (chunked) is counted as it arrives and stopped at the limit. Either way the
route never sees more than ``max_bytes``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ApiError, error_body


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(headers, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(headers, send)

    async def _refuse(self, headers: dict[bytes, bytes], send: Send) -> None:
        e = ApiError(413, "Request too large", f"Request bodies are limited to {self.max_bytes:,} bytes "
                                               "(DIPLOKG_MAX_UPLOAD_MB).")
        err = error_body(e.status, e.title, e.detail, headers.get(b"accept", b"").decode("latin-1") or None)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", err.media_type.encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": err.body})
