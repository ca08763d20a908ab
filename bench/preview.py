"""Benchmark of the editor's live preview: from a save's answer to the updated preview
image received, 50 concurrent editors, against a real production server.

    .venv/bin/python bench/preview.py [--editors 50] [--seconds 10] [--interval 1.0 0.25]

Starts a production server (``tests/browser/conftest._start``: SQLite, one worker) and
gives every editor an account, a session cookie and the 2-page CV with a photo
(``bench/pdf.py``'s sample, written through the services). Each editor then saves once
every ``--interval`` seconds (``services.cv.cvs.set_field`` on the headline, "Versie k",
straight into the server's database, to isolate the preview) and, like the editor page
(``components/cv_preview.py``), asks for ``/api/cv/<id>/preview.jpg?v=k`` after every save:
at most one request in flight, the newest address fetched when it lands
(``loadgen.OneInFlight``). The ``ETag`` of each answer names the version it shows.

Figures per run: the latency of a save (from the save's answer to the first image received
that shows that version or a newer one) p50/p95, renders that were stale (the image arrived
showing an older version than the newest save at that moment) and how many versions behind
the worst one was, and the renders per request. The reference is the old path measured in
the same run on a second server started on the same database: ``pdftoppm`` spawned on a
temporary PDF for every request in a thread of the server, no queue, no cache, and a
request per save as a plain ``<img>`` made them (installed in that server only, by a
``sitecustomize`` module from this file: see :func:`install_old_path`). Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# ---- the old path, for the reference server only ------------------------------------------

def pages_png_pdftoppm(pdf: bytes, *, dpi: int = 60, max_pages: int = 6) -> bytes:
    """The preview as it was made before: the clear PDF written to a temporary directory and
    ``pdftoppm`` spawned on it, the pages stacked with Pillow."""
    import io

    from PIL import Image

    exe = shutil.which("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="cloudcv-preview-") as tmp:
        src = Path(tmp) / "cv.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-png", "-r", str(dpi), "-f", "1", "-l", str(max_pages),
                        str(src), str(Path(tmp) / "p")], check=True, timeout=30,
                       capture_output=True)
        pages = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p-*.png"))]
    width = max(p.width for p in pages)
    height = sum(p.height for p in pages) + 16 * (len(pages) - 1)
    sheet = Image.new("RGB", (width, height), (229, 231, 235))
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + 16
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def document_pdftoppm(doc) -> bytes:
    from cloudcv.services.cv import pdf

    return pages_png_pdftoppm(pdf.render(doc))


def install_old_path() -> None:
    """In the reference server's processes: every request rasterises with pdftoppm in a
    thread of the server process, no latest-wins queue, no cache (the behaviour before the
    in-process preview and the background processes)."""
    from cloudcv.services.core import pools
    from cloudcv.services.cv import preview, preview_queue

    async def every_request_renders(self, key, work):
        return await work()

    async def in_a_thread(fn, *args):
        return await pools.run_on("render", fn, *args)

    preview.document_jpeg = document_pdftoppm
    pools.in_process = in_a_thread
    preview_queue.LatestWins.get = every_request_renders
    preview_queue.PreviewCache.get = lambda self, *args: None
    print("bench: old preview path installed (pdftoppm, no queue, no cache)", file=sys.stderr)


SITECUSTOMIZE = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
try:
    from bench.preview import install_old_path
    install_old_path()
except Exception as exc:  # the reference must not silently be the new path
    print("bench: could not install the old preview path:", exc, file=sys.stderr)
    raise
"""


# ---- the load ----------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Editor:
    def __init__(self, user_id: int, cv_id: int, token: str):
        self.user_id, self.cv_id, self.token = user_id, cv_id, token
        self.saved: dict[int, float] = {}      # version -> when the save answered
        self.digest: dict[str, int] = {}       # ETag -> version
        self.newest = 0
        self.answers: list[tuple[int, str, float, int]] = []  # (asked, etag, received, newest then)
        self.errors = 0


def setup(server, editors: int) -> list[Editor]:
    from cloudcv.services.cv import cvs
    from bench.pdf import fill_cv, sample_photo
    from tests.factories import login, verified_user
    from tests.mydata_factories import client

    photo = sample_photo()
    out = []
    with server.session() as session:
        for i in range(editors):
            email = f"editor{i}@example.nl"
            user = verified_user(session, email=email, name=f"Editor {i}")
            token = login(session, email=email, password="paarse olifant danst", client=client(1)).token
            cv_id = cvs.create_cv(session, user_id=user.id, title=f"Cv {i}")
            fill_cv(session, user_id=user.id, cv_id=cv_id, photo=photo)
            out.append(Editor(user.id, cv_id, token))
    return out


async def run_load(server, editors: list[Editor], seconds: float, interval: float,
                   one_in_flight: bool = True) -> dict:
    """``one_in_flight``: the page as it is now (``loadgen.OneInFlight``, like
    ``components/cv_preview.py``); False: a request per save, as a plain ``<img>`` did."""
    import httpx

    from bench.loadgen import OneInFlight

    from cloudcv.services.core.db import run
    from cloudcv.services.cv import cvs, rendering

    run_id = f"{time.time():.0f}-{interval}"

    def save(ed: Editor, k: int) -> None:
        run(cvs.set_field, user_id=ed.user_id, cv_id=ed.cv_id, name="headline",
            value=f"Versie {k} ({run_id})")

    def digest_of(ed: Editor) -> str:
        doc = run(rendering.document_for, user_id=ed.user_id, cv_id=ed.cv_id)
        return rendering.document_digest(doc)[:32]

    limits = httpx.Limits(max_connections=len(editors) * 4, max_keepalive_connections=len(editors) * 4)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=30) as http:

        async def fetch(ed: Editor, k: int) -> None:
            try:
                r = await http.get(f"/api/cv/{ed.cv_id}/preview.jpg", params={"v": k},
                                   cookies={"cloudcv_session": ed.token})
            except httpx.TimeoutException:  # fell so far behind that the answer took > 30 s
                ed.errors += 1
                return
            received = time.perf_counter()
            if r.status_code != 200 or not r.content.startswith((b"\x89PNG", b"\xff\xd8\xff")):
                ed.errors += 1
                return
            ed.answers.append((k, r.headers.get("etag", "").strip('"'), received, ed.newest))

        async def editor(ed: Editor) -> None:
            await asyncio.sleep(random.uniform(0, interval))
            fetches = []
            loader = OneInFlight(functools.partial(fetch, ed))
            k = 0
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                tick = time.perf_counter()
                k += 1
                await asyncio.to_thread(save, ed, k)
                ed.saved[k] = time.perf_counter()
                ed.newest = k
                if one_in_flight:
                    loader.want(k)
                else:
                    fetches.append(asyncio.ensure_future(fetch(ed, k)))
                ed.digest[await asyncio.to_thread(digest_of, ed)] = k
                await asyncio.sleep(max(0.0, interval - (time.perf_counter() - tick)))
            await asyncio.gather(*fetches)
            if loader.task is not None:
                await loader.task

        # one warm-up preview per editor (fonts, first render; a backlog left by the run
        # before drains here), not timed
        await asyncio.gather(*(http.get(f"/api/cv/{ed.cv_id}/preview.jpg",
                                        cookies={"cloudcv_session": ed.token}) for ed in editors),
                             return_exceptions=True)
        await asyncio.gather(*(editor(ed) for ed in editors))

    latencies, stale, behind, requests, never = [], 0, 0, 0, 0
    for ed in editors:
        shown = [(ed.digest.get(etag, -1), received, newest) for _, etag, received, newest in ed.answers]
        requests += len(ed.answers) + ed.errors
        for version, received, newest in shown:
            if version < newest:
                stale += 1
                behind = max(behind, newest - version)
        for k, saved in ed.saved.items():
            first = [received for version, received, _ in shown if version >= k and received >= saved]
            if first:
                latencies.append((min(first) - saved) * 1000)
            else:
                never += 1
    return {"saves": sum(len(ed.saved) for ed in editors), "requests": requests,
            "errors": sum(ed.errors for ed in editors), "never": never,
            "p50": statistics.median(latencies), "p95": percentile(latencies, 95),
            "stale": stale, "behind": behind,
            "images": sum(len({etag for _, etag, _, _ in ed.answers}) for ed in editors)}


async def idle(server, ed: Editor, runs: int = 15) -> float:
    """One editor alone: save, fetch, wait for it; the median save → PNG in ms."""
    import httpx

    from cloudcv.services.core.db import run
    from cloudcv.services.cv import cvs

    times = []
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:
        for k in range(runs + 1):
            await asyncio.to_thread(run, cvs.set_field, user_id=ed.user_id, cv_id=ed.cv_id,
                                    name="headline", value=f"Alleen {k} {time.time()}")
            t = time.perf_counter()
            r = await http.get(f"/api/cv/{ed.cv_id}/preview.jpg", params={"v": k},
                               cookies={"cloudcv_session": ed.token})
            assert r.status_code == 200
            if k:
                times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--interval", type=float, nargs="+", default=[1.0, 0.25],
                        help="seconds between one editor's saves (one run per value)")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="cloudcv-bench-preview-"))
    os.environ.setdefault("CLOUDCV_DATA_DIR", str(data))
    os.environ.setdefault("CLOUDCV_SECRET_KEY", "bench-secret-key-not-for-production")
    db_url = f"sqlite:///{data / 'preview.db'}"
    os.environ["REFLEX_DB_URL"] = db_url  # the bench's own writes go to the server's database
    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import _start

    site = Path(tempfile.mkdtemp(prefix="cloudcv-bench-oldpath-"))
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    results: dict[tuple[str, float], dict] = {}
    editors = None
    for name, extra in (("background process, one in flight (new)", {}),
                        ("pdftoppm (old)", {"PYTHONPATH": f"{site}:{ROOT}"})):
        gen = _start(extra, db_url=db_url)
        server = next(gen)
        try:
            if editors is None:
                t = time.perf_counter()
                editors = setup(server, args.editors)
                print(f"setup: {args.editors} editors with the 2-page CV and photo in "
                      f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
            log = server.log.read_text()
            assert ("old preview path installed" in log) == bool(extra), "wrong server path"
            results[(name, "idle")] = {"p50": asyncio.run(idle(server, editors[0]))}
            print(name, "idle", results[(name, "idle")], file=sys.stderr)
            for interval in args.interval:
                for ed in editors:
                    ed.__init__(ed.user_id, ed.cv_id, ed.token)
                results[(name, interval)] = asyncio.run(
                    run_load(server, editors, args.seconds, interval, one_in_flight=not extra))
                print(name, interval, results[(name, interval)], file=sys.stderr)
        finally:
            gen.close()

    print(f"\n## preview: {args.editors} editors, {args.seconds:.0f} s per run, "
          f"{os.cpu_count()} cores; reference = the old pdftoppm path, same run\n")
    print("| saves every | figure | now | pdftoppm, a request per save (reference) | ratio | goal | met? |")
    print("|---|---|---|---|---|---|---|")
    print("| | renders of one CV at a time | ≤ 1 running + 1 for all waiters (LatestWins, "
          "tests/unit/test_preview_queue.py) | one per request, queued | | ≤ 1 render behind | yes |")
    new, old = results[("background process, one in flight (new)", "idle")], results[("pdftoppm (old)", "idle")]
    print(f"| (one editor alone) | save → preview p50 ms | {new['p50']:.0f} | {old['p50']:.0f} | "
          f"{new['p50'] / old['p50']:.2f}× | | |")
    for interval in args.interval:
        new, old = results[("background process, one in flight (new)", interval)], results[("pdftoppm (old)", interval)]
        for key, label, goal in (("p50", "save → preview p50 ms", None),
                                 ("p95", "save → preview p95 ms", 150.0)):
            met = "" if goal is None else ("yes" if new[key] <= goal else "NO")
            print(f"| {interval} s | {label} | {new[key]:.0f} | {old[key]:.0f} | "
                  f"{new[key] / old[key]:.2f}× | {'≤ %d ms' % goal if goal else ''} | {met} |")
        for key, label in (("stale", "stale answers (older than the newest save on arrival)"),
                           ("behind", "worst: saves behind the newest on arrival")):
            print(f"| {interval} s | {label} | {new[key]} | {old[key]} | | | |")
        print(f"| {interval} s | saves / requests / distinct images / timeouts / saves never shown | "
              f"{new['saves']} / {new['requests']} / {new['images']} / {new['errors']} / {new['never']} | "
              f"{old['saves']} / {old['requests']} / {old['images']} / {old['errors']} / {old['never']} | | | |")


if __name__ == "__main__":
    main()
