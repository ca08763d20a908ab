"""A hard cap on the body of Reflex's upload endpoint (``POST /_upload``).

Reflex hands the request to Starlette's form parser, which spools every file part to a
temporary file until the whole body is in: it has no size limit of its own, and
``rx.upload(max_size=...)`` is only checked in the browser. This ASGI middleware refuses a
body over ``MAX_UPLOAD_BYTES`` with 413 before reading it when ``Content-Length`` says so,
and stops reading (413) as soon as a streamed body passes the cap. Below the cap the photo
handler (``EditorState.upload_photo`` → ``photos.read_upload``) reads at most 10 MB + 1 byte
of the spooled file and answers a larger photo with a translated error; the cap only stops
a client that is not our page.
"""

from __future__ import annotations

MAX_UPLOAD_BYTES = 64 * 1024 * 1024   # well above the 10 MB photo limit plus form overhead
UPLOAD_PATH = "/_upload"


class UploadLimit:
    """ASGI middleware: 413 for an upload body over ``max_bytes``; other requests untouched."""

    def __init__(self, app, max_bytes: int = MAX_UPLOAD_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope.get("path", "").startswith(UPLOAD_PATH):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            return await _too_large(send)
        received, refused, started = 0, False, False

        async def counted_receive():
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    if not started:
                        await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            nonlocal started
            if refused:
                return None          # our 413 went out; the app's late answer is dropped
            started = True
            return await send(message)

        return await self.app(scope, counted_receive, guarded_send)


async def _too_large(send) -> None:
    body = b"Upload too large"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
