"""The access log: one line per request (client, method, path, status, bytes sent, milliseconds) on the ``lankg.access`` logger.

The line names the path without its query string: a query can be 100 KB,
and what it asks is the client's business. ``lankg serve`` writes the lines
to stderr; the library only logs.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOG = logging.getLogger("lankg.access")


class AccessLog:
    """ASGI middleware (outermost, so it counts the bytes as sent, compressed or not) logging each HTTP request once it is answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status: int | None = None
        sent = 0

        async def counting_send(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body" and scope["method"] != "HEAD":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting_send)
        finally:
            client = scope.get("client")
            LOG.info("%s %s %s %s %d B %d ms", client[0] if client else "-", scope["method"], scope["path"],
                     "-" if status is None else status, sent, round((time.monotonic() - started) * 1000))


__all__ = ["LOG", "AccessLog"]
