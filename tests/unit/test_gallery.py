"""The template gallery (``services/cv/gallery.py``, ``api.py`` ``/api/template/<name>.jpg``,
``components/template_gallery.py``): thumbnails our own PDF engine renders from a sample CV,
for every template the registry holds, however many there are."""

from __future__ import annotations

import io
import itertools
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from starlette.testclient import TestClient

from cloudcv import api
from cloudcv.i18n import LANGS
from cloudcv.i18n.printed import printed
from cloudcv.services.core.errors import DomainError, Invalid
from cloudcv.services.cv import gallery
from cloudcv.services.cv.pdf import registry


@pytest.fixture(autouse=True)
def fresh():
    gallery.clear()
    gallery.version.cache_clear()
    yield
    gallery.clear()
    gallery.version.cache_clear()


def _image(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG"
    return img.convert("L")


def _differing(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels that differ by more than JPEG noise."""
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 40 else 0)
    return ImageStat.Stat(diff).mean[0] / 255


# ---- the sample CV

def test_the_sample_prints_its_headings_and_labels_in_its_own_language():
    for lang in LANGS:
        doc = gallery.sample(lang, registry.names()[0])
        assert doc.lang == lang and doc.name and doc.photo
        headings = {s.key: s.heading for s in doc.sections}
        for key in ("profile", "work", "education", "skills", "languages", "other"):
            assert headings[key] == printed(f"cv.section.{key}", lang)
        assert doc.contact[0].label == printed("cv.email", lang)
        assert doc.contact_heading == printed("cv.contact", lang)
        assert doc.page_label == printed("cv.page_label", lang)
    nl, en = gallery.sample("nl"), gallery.sample("en")
    assert nl.headline != en.headline and "heden" in nl.sections[1].items[0].period
    assert gallery.sample("xx").lang == "nl"


def test_the_portrait_is_the_same_jpeg_every_time():
    once, again = gallery.photo_jpeg.__wrapped__(), gallery.photo_jpeg.__wrapped__()
    assert once == again
    assert Image.open(io.BytesIO(once)).size == (300, 400)


def test_the_sample_is_printed_in_the_family_its_template_is_designed_in():
    for tpl in registry.templates().values():
        doc = gallery.sample("nl", tpl.name)
        assert doc.template == tpl.name
        assert doc.typography.font == (tpl.font or "dejavu")


# ---- thumbnails

def test_every_registered_template_gets_a_thumbnail_of_its_own():
    names = registry.names()
    assert names, "the registry holds no template"
    images = {}
    for name in names:
        data = gallery.thumbnail(name, "nl")
        img = _image(data)
        assert img.size == gallery.SIZE
        inked = sum(img.histogram()[:230]) / (img.width * img.height)  # not page white
        assert ImageStat.Stat(img).stddev[0] > 10 and inked > 0.03, f"{name}: the thumbnail is blank"
        images[name] = img
    for a, b in itertools.combinations(names, 2):
        assert _differing(images[a], images[b]) > 0.002, f"{a} and {b} look the same"


def test_languages_differ_and_anything_else_is_dutch():
    name = registry.names()[0]
    nl, en = gallery.thumbnail(name, "nl"), gallery.thumbnail(name, "en")
    assert _differing(_image(nl), _image(en)) > 0.001
    assert gallery.thumbnail(name, "de") == nl
    assert gallery.thumbnail(name, "<script>") == nl


def test_the_cache_answers_without_rendering_again(monkeypatch):
    calls = []
    real = gallery.render

    def counting(name, lang):
        calls.append((name, lang))
        return real(name, lang)

    monkeypatch.setattr(gallery, "render", counting)
    name = registry.names()[-1]
    first = gallery.thumbnail(name, "nl")
    assert gallery.thumbnail(name, "nl") is first
    assert gallery.cached(name, "nl") is first
    assert calls == [(name, "nl")]
    gallery.thumbnail(name, "en")
    assert calls == [(name, "nl"), (name, "en")]


def test_concurrent_callers_wait_for_one_render(monkeypatch):
    calls = []
    lock = threading.Lock()

    def slow(name, lang):
        with lock:
            calls.append(name)
        time.sleep(0.05)
        return b"jpeg"

    monkeypatch.setattr(gallery, "render", slow)
    name = registry.names()[0]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: gallery.thumbnail(name, "nl"), range(8)))
    assert got == [b"jpeg"] * 8 and calls == [name]


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(gallery, "render", lambda name, lang: f"{name}/{lang}".encode())
    monkeypatch.setattr(gallery, "CACHE_MAX", 1)
    name = registry.names()[0]
    gallery.thumbnail(name, "nl")
    gallery.thumbnail(name, "en")
    assert gallery.cached(name, "nl") is None and gallery.cached(name, "en") == f"{name}/en".encode()
    assert len(gallery._cache) == 1


def test_an_unknown_name_is_refused_and_never_cached():
    for bad in ("nope", "../etc", "ATS", "", None, 3):
        with pytest.raises(Invalid):
            gallery.thumbnail(bad, "nl")
        with pytest.raises(Invalid):
            gallery.render(bad, "nl")
    assert gallery._cache == {} and gallery._key_locks == {}


def test_warm_up_fills_the_cache_for_every_template_and_language():
    started = time.perf_counter()
    count = gallery.warm_up()
    took = time.perf_counter() - started
    assert count == len(registry.names()) * len(LANGS)
    assert all(gallery.cached(n, lang) for n in registry.names() for lang in LANGS)
    print(f"\ngallery warm-up: {count} thumbnails in {took * 1000:.0f} ms "
          f"({took * 1000 / count:.1f} ms each)")


# ---- the version in the URL

def test_the_version_covers_every_template_module_and_the_engine():
    files = set(gallery.sources())
    for tpl in registry.templates().values():
        assert Path(sys.modules[tpl.build.__module__].__file__).resolve() in files
    pdf_dir = Path(gallery.__file__).resolve().parent / "pdf"
    assert pdf_dir / "engine.py" in files and pdf_dir / "canvas.py" in files
    assert any(f.suffix == ".ttf" for f in files)
    assert len(gallery.version()) == 12 and gallery.version() == gallery.version()


def test_the_version_changes_when_a_template_changes(monkeypatch):
    before = gallery.version()
    tpl = registry.templates()[registry.names()[0]]
    target = Path(sys.modules[tpl.build.__module__].__file__).resolve()
    real = gallery._source
    monkeypatch.setattr(gallery, "_source",
                        lambda path: real(path) + (b"\n# moved a line\n" if path == target else b""))
    assert gallery.version() == before  # read once per process ...
    gallery.version.cache_clear()
    assert gallery.version() != before  # ... and again after a change
    monkeypatch.setattr(gallery, "_source", real)
    gallery.version.cache_clear()
    assert gallery.version() == before


# ---- the route

@pytest.fixture
def client():
    with TestClient(api.api) as c:
        yield c


def test_the_route_serves_the_thumbnail_publicly_and_immutably(client):
    name = registry.names()[0]
    r = client.get(f"/api/template/{name}.jpg", params={"lang": "nl", "v": gallery.version()})
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/jpeg"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.content == gallery.thumbnail(name, "nl")
    assert "set-cookie" not in r.headers
    # the page's images are same-origin: the CSP's img-src 'self' covers them
    img_src = next(d for d in r.headers["content-security-policy"].split("; ")
                   if d.startswith("img-src"))
    assert "'self'" in img_src.split()


def test_the_route_allowlists_the_language(client):
    name = registry.names()[0]
    v = gallery.version()
    en = client.get(f"/api/template/{name}.jpg", params={"lang": "en", "v": v})
    assert en.status_code == 200 and en.content == gallery.thumbnail(name, "en")
    for odd in ("de", "EN", "<script>alert(1)</script>", "../nl", ""):
        r = client.get(f"/api/template/{name}.jpg", params={"lang": odd, "v": v})
        assert r.status_code == 200 and r.content == gallery.thumbnail(name, "nl"), odd
    assert client.get(f"/api/template/{name}.jpg").content == gallery.thumbnail(name, "nl")


def test_an_old_or_missing_version_is_not_cached_for_good(client):
    name = registry.names()[0]
    for params in ({}, {"v": "0" * 12}):
        r = client.get(f"/api/template/{name}.jpg", params=params)
        assert r.status_code == 200 and "immutable" not in r.headers["cache-control"]
        again = client.get(f"/api/template/{name}.jpg", params=params,
                           headers={"if-none-match": r.headers["etag"]})
        assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("path", [
    "/api/template/nope.jpg", "/api/template/..%2Fetc.jpg", "/api/template/..%2F..%2Fetc%2Fpasswd.jpg",
    "/api/template/ATS.jpg", "/api/template/.jpg", "/api/template/%00.jpg",
    "/api/template/ats.png", "/api/template/ats",
])
def test_unknown_names_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert not r.headers.get("content-type", "").startswith("image/")


def test_the_route_renders_off_the_event_loop_on_the_render_pool(client, monkeypatch):
    seen = []
    real = api.pools.run_on

    async def spying(kind, fn, *args, **kwargs):
        seen.append((kind, fn))
        return await real(kind, fn, *args, **kwargs)

    monkeypatch.setattr(api.pools, "run_on", spying)
    name = registry.names()[0]
    assert client.get(f"/api/template/{name}.jpg").status_code == 200
    assert seen == [("render", gallery.thumbnail)]
    assert client.get(f"/api/template/{name}.jpg").status_code == 200
    assert len(seen) == 1  # a hit is answered from the cache, on the loop


def test_domain_errors_of_the_render_are_404_not_500(client, monkeypatch):
    def broken(name, lang):
        raise Invalid("error.template_unknown", field="template")

    monkeypatch.setattr(gallery, "thumbnail", broken)
    assert issubclass(Invalid, DomainError)
    assert client.get(f"/api/template/{registry.names()[0]}.jpg").status_code == 404


# ---- the editor's gallery, as compiled

def test_the_gallery_compiles_every_template_with_its_image_and_both_labels():
    from cloudcv.components.template_gallery import template_gallery
    from cloudcv.pages.editor import template_cards

    page = str(template_gallery())
    assert 'id:"cv-template"' in page
    assert len(template_cards()) == len(registry.names())
    width, height = gallery.SIZE
    assert page.count('alt:""') == len(registry.names())
    assert page.count('loading:"lazy"') == len(registry.names())
    assert page.count(f'width:"{width}"') == page.count(f'height:"{height}"') == len(registry.names())
    last = -1
    for tpl in registry.templates().values():
        at = page.index(f'id:"template-{tpl.name}"')
        assert at > last
        last = at
        for lang in LANGS:
            assert f"/api/template/{tpl.name}.jpg?lang={lang}&v={gallery.version()}" in page
            # Reflex writes non-ASCII letters as \u escapes, as json.dumps does
            assert json.dumps(tpl.labels[lang]) in page or f'"{tpl.labels[lang]}"' in page
