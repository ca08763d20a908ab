"""Adversarial suite, group "Uploads": hostile files never become a stored photo.

Every hostile file goes through the service (``cvs.set_photo``, SQLite and PostgreSQL) onto a
CV that already has a good photo: it is refused with the translated error written here, no
``photo`` row is added or removed, and the CV (its photo, its change time) is as before. The
50 MB file and the decompression bombs are also run in a child process whose peak memory
(VmHWM) is measured against a bound written here. The upload endpoint's own cap
(``cloudcv/upload_limit.py``) is checked on the real middleware stack of ``cloudcv.api``.
"""

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
from PIL import Image
from sqlmodel import func, select

from cloudcv.i18n import t
from cloudcv.models import CV, Photo
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs
from cloudcv.upload_limit import MAX_UPLOAD_BYTES
from tests.factories import verified_user
from tests.security._harness import run_async

MB = 1024 * 1024
# What the editor shows (nl), from the catalogue as the spec'd product text.
INVALID = "Dit bestand is geen geldige afbeelding."
TYPE = "Alleen JPEG, PNG of WebP is toegestaan."
TOO_LARGE = "De foto is groter dan 10 MB."
TOO_MANY_PIXELS = "De afbeelding heeft te veel pixels."


# Hostile files ------------------------------------------------------------------------------

def _jpeg(size=(900, 1200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (70, 110, 160)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_grey(width: int, height: int, rows: bool = True) -> bytes:
    """A valid one-colour greyscale PNG, compressed row by row: tiny file, huge image. With
    ``rows=False`` only the header claims the size (the pixel data is empty)."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\x80" * width
    data = b"".join(packer.compress(row) for _ in range(height if rows else 0)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


def _jpeg_claiming(width: int, height: int) -> bytes:
    raw = bytearray(_jpeg((64, 64)))
    sof = raw.index(b"\xff\xc0")
    raw[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(raw)


def _polyglot_zip() -> bytes:
    """A JPEG that every image viewer opens and every ZIP tool (jar, PHAR, docx) unpacks."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("shell.php", "<?php system($_GET['c']); ?>")
        zf.writestr("META-INF/MANIFEST.MF", "Main-Class: Evil\n")
    data = _jpeg() + archive.getvalue()
    assert zipfile.is_zipfile(io.BytesIO(data)) and Image.open(io.BytesIO(data)).format == "JPEG"
    return data


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (1, 2, 3)).save(out, "GIF")
    return out.getvalue()


def _tiff() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (1, 2, 3)).save(out, "TIFF")
    return out.getvalue()


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="300" height="400">'
       b'<script>fetch("/api/mijn-gegevens/export.zip").then(r=>r.blob())</script>'
       b'<rect width="300" height="400" fill="red"/></svg>')

# (name as a browser would send it, bytes, expected Dutch error). The file name is never
# used by the server: "wrong extension" cases carry a name that lies about the content.
HOSTILE = {
    "empty file": ("photo.jpg", lambda: b"", INVALID),
    "pdf": ("cv.pdf", lambda: b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", INVALID),
    "plain text named .jpg": ("photo.jpg", lambda: b"just some text, not a photo\n" * 50,
                              INVALID),
    "html named .png": ("photo.png", lambda: b"<html><script>alert(document.cookie)</script>",
                        INVALID),
    "windows exe named .jpg": ("photo.jpg", lambda: b"MZ\x90\x00" + b"\x00" * 4000, INVALID),
    "svg with script": ("photo.svg", lambda: SVG, INVALID),
    "svg with script named .jpg": ("photo.jpg", lambda: SVG, INVALID),
    "truncated jpeg": ("photo.jpg", lambda: _jpeg()[:3000], INVALID),
    "truncated png": ("photo.png", lambda: _png_grey(900, 1200)[:200], INVALID),
    "jpeg header only": ("photo.jpg", lambda: _jpeg()[:400], INVALID),
    "polyglot jpeg/zip": ("photo.jpg", _polyglot_zip, INVALID),
    "gif named .jpg": ("photo.jpg", _gif, TYPE),
    "tiff": ("photo.tiff", _tiff, TYPE),
    "50 MB": ("photo.jpg", lambda: _jpeg() + b"\x00" * (50 * MB), TOO_LARGE),
    "png bomb 64 MP (70 KB file)": ("photo.png", lambda: _png_grey(8000, 8000),
                                    TOO_MANY_PIXELS),
    "png of 39.6 MP (50 KB file)": ("photo.png", lambda: _png_grey(6000, 6600),
                                    TOO_MANY_PIXELS),
    "png header claiming 10^10 pixels": ("photo.png",
                                         lambda: _png_grey(100_000, 100_000, rows=False),
                                         TOO_MANY_PIXELS),
    "jpeg header claiming 65000x65000": ("photo.jpg", lambda: _jpeg_claiming(65000, 65000),
                                         TOO_MANY_PIXELS),
}


@pytest.fixture
def cv_with_photo(session):
    user = verified_user(session)
    cv_id = cvs.create_cv(session, user_id=user.id, title="Cv")
    cvs.set_photo(session, user_id=user.id, cv_id=cv_id, raw=_jpeg())
    return user.id, cv_id


def _snapshot(session, cv_id):
    session.expire_all()
    cv = session.get(CV, cv_id)
    photos = session.exec(select(Photo.id, Photo.sha256).order_by(Photo.id)).all()
    return cv.photo_id, cv.updated_at, [tuple(p) for p in photos]


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_upload_is_refused_and_nothing_is_stored(session, cv_with_photo, case):
    user_id, cv_id = cv_with_photo
    _, make, message = HOSTILE[case]
    before = _snapshot(session, cv_id)
    assert len(before[2]) == 1 and before[0] == before[2][0][0]
    with pytest.raises(Invalid) as refused:
        cvs.set_photo(session, user_id=user_id, cv_id=cv_id, raw=make())
    session.rollback()
    assert refused.value.field == "photo"
    assert t(refused.value.key, "nl") == message
    assert _snapshot(session, cv_id) == before
    assert session.exec(select(func.count()).select_from(Photo)).one() == 1


def test_every_hostile_upload_was_refused(session, cv_with_photo, capsys):
    """The tally for the report: how many hostile files were tried, how many got through."""
    user_id, cv_id = cv_with_photo
    through = []
    for case, (_, make, _) in HOSTILE.items():
        try:
            cvs.set_photo(session, user_id=user_id, cv_id=cv_id, raw=make())
            through.append(case)
        except Invalid:
            session.rollback()
    with capsys.disabled():
        print(f"\nuploads: {len(HOSTILE)} hostile files tried, {len(through)} got through")
    assert len(HOSTILE) == 18 and through == []


def test_the_same_photo_with_a_lying_name_is_still_accepted_on_its_content(session,
                                                                            cv_with_photo):
    """Names are ignored both ways: a real PNG called .jpg is a PNG and becomes a clean JPEG."""
    user_id, cv_id = cv_with_photo
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (5, 6, 7)).save(out, "PNG")
    cvs.set_photo(session, user_id=user_id, cv_id=cv_id, raw=out.getvalue())
    session.expire_all()
    data = session.get(Photo, session.get(CV, cv_id).photo_id).data
    assert Image.open(io.BytesIO(data)).format == "JPEG"


def test_the_upload_handler_reads_at_most_10_mb_and_one_byte_of_a_50_mb_file(tmp_path):
    """``photos.read_upload`` is what ``EditorState.upload_photo`` reads the spooled file with."""
    from cloudcv.services.cv import photos

    path = tmp_path / "groot.jpg"
    path.write_bytes(HOSTILE["50 MB"][1]())
    with open(path, "rb") as spooled:
        with pytest.raises(Invalid) as refused:
            photos.read_upload(spooled)
        assert spooled.tell() == 10 * MB + 1
    assert t(refused.value.key, "nl") == TOO_LARGE
    small = tmp_path / "klein.jpg"
    small.write_bytes(_jpeg())
    with open(small, "rb") as spooled:
        assert photos.read_upload(spooled) == small.read_bytes()
    for not_a_file in (None, "photo.jpg", {"name": "x"}):
        with pytest.raises(Invalid, match="error.photo_invalid"):
            photos.read_upload(not_a_file)


# Memory -------------------------------------------------------------------------------------

_CHILD = r"""
import json, sys
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import photos

def hwm_kib():
    with open("/proc/self/status") as status:
        return int(next(l for l in status if l.startswith("VmHWM")).split()[1])

raw = open(sys.argv[1], "rb").read()
before = hwm_kib()
try:
    photos.clean(raw)
    result = "accepted"
except Invalid as err:
    result = err.key
print(json.dumps({"result": result, "peak_mib": (hwm_kib() - before) / 1024}))
"""


def _peak(tmp_path, raw: bytes) -> dict:
    """Peak memory that ``photos.clean`` adds in a fresh process, over the bytes already read."""
    path = tmp_path / "upload.bin"
    path.write_bytes(raw)
    run = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(run.stdout)


@pytest.mark.parametrize("case", ["50 MB", "png bomb 64 MP (70 KB file)",
                                  "png of 39.6 MP (50 KB file)",
                                  "png header claiming 10^10 pixels",
                                  "jpeg header claiming 65000x65000"])
def test_refusing_a_huge_file_or_a_bomb_takes_almost_no_memory(tmp_path, case, capsys):
    measured = _peak(tmp_path, HOSTILE[case][1]())
    with capsys.disabled():
        print(f"\nuploads: {case}: refused as {measured['result']}, "
              f"peak +{measured['peak_mib']:.1f} MiB")
    assert measured["result"] != "accepted"
    assert measured["peak_mib"] < 16


def _largest_allowed():
    jpeg, png, webp = io.BytesIO(), io.BytesIO(), io.BytesIO()
    Image.new("RGB", (6000, 6600), (90, 120, 150)).save(jpeg, "JPEG", quality=90)   # 39.6 MP
    Image.new("RGBA", (4000, 4000), (90, 120, 150, 128)).save(png, "PNG")          # 16 MP
    Image.new("RGBA", (2800, 2800), (90, 120, 150, 128)).save(webp, "WEBP", lossless=True)
    return {"jpeg 39.6 MP": jpeg.getvalue(), "png rgba 16 MP": png.getvalue(),
            "webp rgba 7.8 MP": webp.getvalue()}


def test_the_largest_accepted_images_stay_under_200_mib(tmp_path, capsys):
    """Small files that decode to the most pixels each format may have: the worst an
    accepted upload can cost. Before decoding at reduced size and per-format pixel limits,
    a 160 KB PNG of 39.6 MP took 294 MiB and the same JPEG 257 MiB."""
    for name, raw in _largest_allowed().items():
        measured = _peak(tmp_path, raw)
        with capsys.disabled():
            print(f"\nuploads: largest allowed {name} ({len(raw) // 1024} KB): "
                  f"{measured['result']}, peak +{measured['peak_mib']:.1f} MiB")
        assert measured["result"] == "accepted"
        assert measured["peak_mib"] < 200, name


# The upload endpoint's cap ------------------------------------------------------------------

async def _post(app, path: str, body_chunks, headers: dict) -> tuple[int, int]:
    """POST ``body_chunks`` to ``app``; returns the status and how many body bytes the
    application pulled from the client."""
    pulled = 0
    chunks = list(body_chunks)
    status = {}

    async def receive():
        nonlocal pulled
        if not chunks:
            return {"type": "http.request", "body": b"", "more_body": False}
        chunk = chunks.pop(0)
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message):
        if message["type"] == "http.response.start":
            status.setdefault("code", message["status"])

    scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1",
             "server": ("127.0.0.1", 3000), "client": ("127.0.0.1", 5000),
             "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    await app(scope, receive, send)
    return status["code"], pulled


def _multipart(size: int) -> list[bytes]:
    head = (b'--x\r\nContent-Disposition: form-data; name="files"; filename="photo.jpg"\r\n'
            b"Content-Type: image/jpeg\r\n\r\n")
    return [head] + [b"\xff" * MB] * (size // MB) + [b"\r\n--x--\r\n"]


def test_an_upload_announced_over_the_cap_is_refused_before_a_byte_is_read():
    """Through ``cloudcv.api.api``: the middleware stack Reflex's /_upload is mounted under."""
    from cloudcv.api import api

    body = _multipart(70 * MB)
    code, pulled = run_async(_post(api, "/_upload", body, {
        "content-length": str(sum(map(len, body))),
        "content-type": "multipart/form-data; boundary=x"}))
    assert (code, pulled) == (413, 0)
    assert MAX_UPLOAD_BYTES == 64 * MB


def test_a_streamed_upload_without_a_length_is_cut_off_at_the_cap(tmp_path):
    """Starlette's own form parser (what Reflex's upload handler awaits) behind the cap: it
    stops being fed at 64 MB, so at most that much is ever spooled to disk."""
    from starlette.applications import Starlette
    from starlette.requests import ClientDisconnect
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    from cloudcv.upload_limit import UploadLimit

    async def handler(request):   # as reflex_components_core.core._upload does
        try:
            form = await request.form()
        except ClientDisconnect:
            return Response()
        size = form["files"].size
        await form.close()
        return PlainTextResponse(str(size))

    app = UploadLimit(Starlette(routes=[Route("/_upload", handler, methods=["POST"])]))
    type_ = {"content-type": "multipart/form-data; boundary=x"}
    code, pulled = run_async(_post(app, "/_upload", _multipart(200 * MB), type_))
    assert code == 413 and pulled <= 65 * MB
    code, pulled = run_async(_post(app, "/_upload", _multipart(12 * MB), type_))
    assert code == 200 and pulled > 12 * MB


# The real upload path: Chromium → react-dropzone → POST /_upload → EditorState.upload_photo

@pytest.fixture(scope="module")
def upload_server():
    """A production server of our own (tests/browser's fixtures are not visible here)."""
    from tests.browser.conftest import _start
    yield from _start()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    from tests.browser.conftest import CHROMIUM_ARGS
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": CHROMIUM_ARGS}


@pytest.mark.browser
def test_hostile_files_through_the_real_upload_path_show_the_error_and_store_nothing(
        browser, upload_server, tmp_path):
    from playwright.sync_api import expect

    from tests.browser.helpers import login, new_cv, register_and_verify, unique_email

    server = upload_server
    context = browser.new_context(base_url=server.url)   # not pytest-playwright's base_url:
    page = context.new_page()                            # that one is tests/browser's server
    email = unique_email("upload")
    register_and_verify(page, server, name="Uma Upload", email=email)
    login(page, email)
    cv_id = new_cv(page, "Cv uploads")
    files = {"photo.jpg": (SVG, INVALID), "pasfoto.jpg": (_polyglot_zip(), INVALID),
             "groot.jpg": (_jpeg() + b"\x00" * (50 * MB), TOO_LARGE),
             "bom.png": (_png_grey(8000, 8000), TOO_MANY_PIXELS)}
    for name, (raw, message) in files.items():
        path = tmp_path / name
        path.write_bytes(raw)
        page.locator("#photo input[type=file]").set_input_files(str(path))
        expect(page.locator("#photo-error")).to_have_text(message, timeout=30000)
        expect(page.locator("#remove-photo")).to_have_count(0)
        page.reload()      # the next error must come from the next upload, not this one
        expect(page.locator("#cv-title")).to_have_text("Cv uploads")
    context.close()
    with server.session() as session:
        assert session.get(CV, cv_id).photo_id is None
        assert session.exec(select(func.count()).select_from(Photo)).one() == 0
