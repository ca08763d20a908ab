"""The photo pipeline: untrusted upload in, clean portrait JPEG out.

Checks that the bytes really are a JPEG/PNG/WebP image (Pillow decodes it; the file name
and content type from the browser are ignored), refuses decompression bombs and polyglots
(an image that is also a ZIP archive: JAR, DOCX, PHAR and the like), applies the
EXIF orientation, crops to a 3:4 portrait, scales to at most 600×800 px and re-encodes
without any metadata (EXIF, GPS, ICC, XMP, comments are all dropped).

The bytes are stored by ``cvs.set_photo`` (one photo per CV, in the database) and erased
with the CV (``cvs.delete_cv``) or the account
(``services/privacy/erasure.py``, driven by ``models/registry.py``).
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from ..core.errors import Invalid

MAX_BYTES = 10 * 1024 * 1024
# Pixels allowed per format, so that one upload stays under ~170 MB of memory (measured in
# tests/security/test_uploads.py). A JPEG decodes at 1/2..1/8 scale (``_decoded_small``); PNG
# and WebP decode at full size, 4 bytes a pixel with alpha, and WebP's decoder needs more.
# A 10 MB PNG or WebP photo has far fewer pixels than its limit.
MAX_PIXELS = {"JPEG": 40_000_000, "PNG": 16_000_000, "WEBP": 8_000_000}
ALLOWED = set(MAX_PIXELS)
SIZE = (600, 800)                # 3:4 portrait, long side 800 px
WORKING_SIDE = 2 * SIZE[1]       # decode only this big (short side): memory stays bounded


@dataclass(frozen=True)
class CleanPhoto:
    """A cleaned JPEG, its size in pixels and its SHA-256."""

    data: bytes
    width: int
    height: int
    sha256: str


def read_upload(file) -> bytes:
    """At most ``MAX_BYTES`` from ``file`` (a binary file object, e.g. the temporary file an
    upload was spooled to), reading no more than one byte past that. Blocking: run it off
    the event loop. ``Invalid`` ``error.photo_too_large`` when the file holds more;
    ``error.photo_invalid`` when ``file`` cannot be read."""
    try:
        raw = file.read(MAX_BYTES + 1)
    except (AttributeError, OSError, TypeError, ValueError):
        raise Invalid("error.photo_invalid", field="photo") from None
    if not isinstance(raw, bytes):
        raise Invalid("error.photo_invalid", field="photo")
    if len(raw) > MAX_BYTES:
        raise Invalid("error.photo_too_large", field="photo")
    return raw


def clean(raw: bytes) -> CleanPhoto:
    """``raw`` (an upload) as a clean 3:4 portrait JPEG without metadata. Pure: any caller.

    Raises ``Invalid`` with ``field="photo"``: ``error.photo_invalid`` (not an image),
    ``error.photo_too_large`` (over 10 MB), ``error.photo_type`` (not JPEG/PNG/WebP),
    ``error.photo_too_big_pixels`` (a decompression bomb), ``error.photo_too_small``.
    A file that is also a ZIP archive (a JPEG/ZIP polyglot) is ``error.photo_invalid``.
    """
    if not isinstance(raw, (bytes, bytearray)) or not raw:
        raise Invalid("error.photo_invalid", field="photo")
    if len(raw) > MAX_BYTES:
        raise Invalid("error.photo_too_large", field="photo")
    if zipfile.is_zipfile(io.BytesIO(raw)):
        raise Invalid("error.photo_invalid", field="photo")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(raw)) as probe:
                if probe.format not in ALLOWED:
                    raise Invalid("error.photo_type", field="photo")
                if probe.width * probe.height > MAX_PIXELS[probe.format]:
                    raise Invalid("error.photo_too_big_pixels", field="photo")
                probe.verify()
            with Image.open(io.BytesIO(raw)) as opened:
                img = _decoded_small(opened)
                img = ImageOps.exif_transpose(img)
                if img.mode in ("RGBA", "LA", "P"):
                    img = img.convert("RGBA")
                    background = Image.new("RGB", img.size, (255, 255, 255))
                    background.paste(img, mask=img.getchannel("A"))
                    img = background
                else:
                    img = img.convert("RGB")
                width, height = img.size
                if width < 16 or height < 16:
                    raise Invalid("error.photo_too_small", field="photo")
                target = SIZE if height >= SIZE[1] else (round(height * 3 / 4), height)
                img = ImageOps.fit(img, target, method=Image.Resampling.LANCZOS,
                                   centering=(0.5, 0.4))
                out = io.BytesIO()
                img.save(out, "JPEG", quality=85, optimize=True, progressive=True)
        except Invalid:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise Invalid("error.photo_too_big_pixels", field="photo") from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise Invalid("error.photo_invalid", field="photo") from None
    data = out.getvalue()
    return CleanPhoto(data=data, width=img.width, height=img.height,
                      sha256=hashlib.sha256(data).hexdigest())


def _decoded_small(opened: Image.Image) -> Image.Image:
    """``opened`` decoded at the smallest size whose short side is still ``WORKING_SIDE``:
    a JPEG decodes at 1/2, 1/4 or 1/8 scale (``draft``), other formats are reduced by a whole
    factor right after decoding and the full-size pixels are freed at once."""
    opened.draft(None, (WORKING_SIDE, WORKING_SIDE))
    opened.load()
    factor = min(opened.size) // WORKING_SIDE
    if factor < 2 or opened.mode not in ("L", "LA", "RGB", "RGBA", "CMYK", "I", "F"):
        return opened
    small = opened.reduce(factor)
    opened.close()                 # frees the full-size pixels before any conversion
    return small
