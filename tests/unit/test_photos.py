"""The photo pipeline: only real images, no bombs, no metadata, portrait crop."""

import io

import pytest
from PIL import Image

from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import photos


def _image(fmt="JPEG", size=(1200, 900), exif=None, mode="RGB", **save):
    img = Image.new(mode, size, (200, 120, 80) if mode == "RGB" else None)
    out = io.BytesIO()
    if exif is not None:
        save["exif"] = exif
    img.save(out, fmt, **save)
    return out.getvalue()


def _exif_with_gps_and_orientation(orientation=6):
    exif = Image.Exif()
    exif[0x0112] = orientation                      # Orientation: rotate 90° CW
    exif[0x010F] = "SpyCam"                         # Make
    exif[0x8825] = {1: "N", 2: (52.0, 13.0, 0.0)}   # GPS IFD
    return exif


def test_exif_and_gps_are_stripped_and_orientation_applied():
    raw = _image(size=(1200, 900), exif=_exif_with_gps_and_orientation())
    assert b"SpyCam" in raw
    clean = photos.clean(raw)
    assert b"SpyCam" not in clean.data and b"Exif" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as img:
        assert img.format == "JPEG"
        assert not img.getexif()
        assert img.info.get("exif") is None and img.info.get("icc_profile") is None
        assert (img.width, img.height) == (600, 800)  # 3:4 portrait, long side 800


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_become_clean_jpeg(fmt):
    clean = photos.clean(_image(fmt=fmt, size=(400, 400)))
    with Image.open(io.BytesIO(clean.data)) as img:
        assert img.format == "JPEG" and img.height == 400 and img.width == 300


def test_transparent_png_is_flattened_on_white():
    clean = photos.clean(_image(fmt="PNG", size=(300, 400), mode="RGBA"))
    with Image.open(io.BytesIO(clean.data)) as img:
        assert img.getpixel((150, 200))[0] > 240


@pytest.mark.parametrize("raw, key", [
    (b"", "error.photo_invalid"),
    (b"%PDF-1.4 not an image", "error.photo_invalid"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "error.photo_invalid"),
    (b"GIF89a" + b"\x00" * 100, "error.photo_invalid"),
])
def test_non_images_are_refused(raw, key):
    with pytest.raises(Invalid) as err:
        photos.clean(raw)
    assert err.value.key == key and err.value.field == "photo"


def test_gif_is_refused_even_when_valid():
    with pytest.raises(Invalid, match="error.photo_type"):
        photos.clean(_image(fmt="GIF", size=(100, 100)))


def test_truncated_image_is_refused():
    raw = _image(size=(800, 800))
    with pytest.raises(Invalid, match="error.photo_invalid"):
        photos.clean(raw[: len(raw) // 2])


def test_more_than_10_mb_is_refused_before_decoding():
    with pytest.raises(Invalid, match="error.photo_too_large"):
        photos.clean(b"\xff\xd8" + b"\x00" * (10 * 1024 * 1024))


def test_decompression_bomb_is_refused():
    # A tiny PNG that claims 20000 x 20000 pixels: refused from the header, never decoded.
    raw = _image(fmt="PNG", size=(20000, 20000), mode="1", optimize=True)
    assert len(raw) < 2 * 1024 * 1024
    with pytest.raises(Invalid, match="error.photo_too_big_pixels"):
        photos.clean(raw)
