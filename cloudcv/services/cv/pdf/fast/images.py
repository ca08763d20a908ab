"""Decoded images cached by content (point 4 of ``fast/__init__``)."""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from typing import Any

from fpdf import FPDF
from fpdf.image_datastructures import ImageCache
from fpdf.image_parsing import preload_image


class ImageInfoCache:
    """fpdf2's parsed image info per image content, in a bounded LRU."""

    def __init__(self, maxsize: int = 32):
        self.maxsize = maxsize
        self._lock = threading.Lock()
        self._items: OrderedDict[bytes, tuple[Any, bytes | None]] = OrderedDict()

    def _parsed(self, data: bytes) -> tuple[Any, bytes | None]:
        key = hashlib.sha256(data).digest()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        scratch = ImageCache()
        _, _, info = preload_image(scratch, io.BytesIO(data))
        icc = None
        if info.get("iccp_i") is not None:
            icc = next(p for p, i in scratch.icc_profiles.items() if i == info["iccp_i"])
        hit = (info, icc)
        with self._lock:
            self._items[key] = hit
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return hit

    def register(self, pdf: FPDF, data: bytes) -> tuple[float, float]:
        """Put a private copy of the parsed image into ``pdf``'s image cache.

        A following ``pdf.image(io.BytesIO(data), ...)`` then finds it there instead
        of decoding the image again. Returns the image size in pixels.
        """
        template, icc = self._parsed(data)
        name = hashlib.new("md5", data.strip(), usedforsecurity=False).hexdigest()
        cache = pdf.image_cache
        if name not in cache.images:
            info = type(template)(template)
            info["i"] = len(cache.images) + 1
            info["usages"] = 0
            info["iccp_i"] = None
            if icc is not None:
                info["iccp_i"] = cache.icc_profiles.setdefault(icc, len(cache.icc_profiles))
            cache.images[name] = info
        return template["w"], template["h"]
