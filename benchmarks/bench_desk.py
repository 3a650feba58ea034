"""The desk under load: ``--n`` photos of 12 MP added through the page at once, in headless Chromium.

Figures printed:
1. time from choosing the files to the last result on the page (every card ready, held or not
   published), with the time to the first result and how many were made safe;
2. whether the page stays responsive while the photos are sent and cleaned, measured every
   ``--every`` seconds until the last result, from the same browser:
   - a click: from the browser's input event on the "New sign-in link" button until its dialog is open
    (the page's own work, measured in the page);
   - a page of the desk opened in a second tab (History: the server renders it from its journal);
   - the list the page polls (``/api/uploads``), fetched from the page;
   each as median and worst time.

The photos are real photos with people, signs and text (``--data``, default the evaluation set's
``text_pii`` photos, not used to tune anything here), enlarged to 4000x3000 and saved as JPEG
with GPS and camera data; without the data, generated photo-like pictures. Everything is written
under ``--work`` (default: a temp folder). Run it under ``nice``; the machine is shared.

    .venv/bin/python benchmarks/bench_desk.py --n 50

The desk runs its cleaning workers 10 steps of ``nice`` below itself (as it does for everyone), so the
benchmark itself, the desk's server and the browser are started at the usual priority.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
SIZE = (4000, 3000)


def gps_exif() -> bytes:
    import piexif

    return piexif.dump({
        "0th": {piexif.ImageIFD.Make: b"PhoneCam", piexif.ImageIFD.Model: b"PC-12"},
        "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((49, 1), (12, 1), (3456, 100)),
                piexif.GPSIFD.GPSLongitudeRef: b"W", piexif.GPSIFD.GPSLongitude: ((2, 1), (7, 1), (4321, 100))},
    })


def make_photos(folder: Path, n: int, data: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in data.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png")) if data.is_dir() else []
    exif = gps_exif()
    out = []
    for i in range(n):
        path = folder / f"IMG_{i:04d}.jpg"
        out.append(path)
        if path.exists():
            continue
        if sources:
            img = Image.open(sources[i % len(sources)]).convert("RGB")
            img = img.resize(SIZE, Image.Resampling.BICUBIC)
        else:
            rng = np.random.default_rng(i)
            small = rng.integers(30, 220, size=(SIZE[1] // 40, SIZE[0] // 40, 3)).astype(np.uint8)
            img = Image.fromarray(small).resize(SIZE, Image.Resampling.BICUBIC)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=90, exif=exif)
        path.write_bytes(buf.getvalue())
    return out


def timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "evaldata" / "text_pii")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=0, help="cleaning processes (0: the desk's default, cores - 1)")
    ap.add_argument("--every", type=float, default=10.0)
    args = ap.parse_args()

    import os
    import shutil

    import uvicorn
    from playwright.sync_api import sync_playwright

    from mediascrub.consent.gallery import Gallery
    from mediascrub.policy import Policy
    from mediascrub.review.desk import open_desk
    from mediascrub.review.server import create_app
    from mediascrub.run.statedir import state_dir_for

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-desk-"))
    os.environ.setdefault("MEDIASCRUB_STATE_DIR", str(work / "state"))
    t0 = time.perf_counter()
    photos = make_photos(work / "photos", args.n, args.data)
    print(f"{len(photos)} photos of {SIZE[0]}x{SIZE[1]} ({sum(p.stat().st_size for p in photos) / 1e6:.0f} MB) "
          f"from {'the evaluation photos in ' + str(args.data) if args.data.is_dir() else 'generated pictures'}, "
          f"made in {time.perf_counter() - t0:.0f} s", flush=True)
    out, held = work / "out", work / "held"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(held, ignore_errors=True)
    out.mkdir()
    held.mkdir(mode=0o700)
    gallery = work / "gallery.sqlite"
    if not gallery.exists():
        Gallery.open(gallery, create=True).close()
    policy = Policy()
    import dataclasses

    policy = dataclasses.replace(policy, consent=dataclasses.replace(policy.consent, gallery=str(gallery)))
    workers = args.workers or max(1, (os.cpu_count() or 2) - 1)
    server = open_desk(out=out, held=held, state=state_dir_for(out), policy=policy, gallery=gallery, user="Bench", workers=workers)
    uv = uvicorn.Server(uvicorn.Config(create_app(server.station), log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [server.sock]}, daemon=True)
    thread.start()
    while not uv.started:
        time.sleep(0.05)
    clicks: list[float] = []
    tabs: list[float] = []
    polls: list[float] = []
    try:
        with sync_playwright() as pw:
            exe = shutil.which("chromium") or shutil.which("chromium-browser")
            browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.set_default_timeout(300_000)
            page.goto(server.new_link())
            # the page's own long tasks (over 50 ms on its main thread), from now on
            page.evaluate("""() => { window.__long = [];
                new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(e.duration)))
                    .observe({entryTypes: ['longtask']}); }""")
            other = context.new_page()

            # a click's latency as the page lived it: from the browser's input event to the dialog it opens
            page.evaluate("""() => {
                const dlg = document.getElementById('link-dialog');
                document.addEventListener('click', e => { if (e.target.id === 'new-link') { window.__clickAt = e.timeStamp; } }, true);
                new MutationObserver(() => { if (dlg.open) { window.__opened = performance.now() - window.__clickAt; } })
                    .observe(dlg, {attributes: true, attributeFilter: ['open']}); }""")

            def probe(into: tuple[list[float], list[float], list[float]]) -> None:
                page.evaluate("() => { window.__opened = null; }")
                page.click("#new-link")
                page.wait_for_function("() => window.__opened !== null")
                into[0].append(page.evaluate("() => window.__opened") / 1000)
                page.keyboard.press("Escape")
                page.wait_for_selector("#link-dialog:not([open])", state="attached")
                into[1].append(timed(lambda: (other.goto(f"{server.station.base_url()}/history"), other.wait_for_selector("h1"))))
                into[2].append(page.evaluate(
                    "async () => { const t = performance.now(); await (await fetch('/api/uploads', {cache: 'no-store'})).json();"
                    " return (performance.now() - t) / 1000; }"))

            idle: tuple[list[float], list[float], list[float]] = ([], [], [])
            for _ in range(5):
                probe(idle)
            start = time.perf_counter()
            page.set_input_files("#files", [str(p) for p in photos])
            first: float | None = None
            next_probe = start + 2
            while True:
                done = int(page.get_attribute("body", "data-done") or 0)
                busy = page.get_attribute("body", "data-busy")
                if first is None and done >= 1:
                    first = time.perf_counter() - start
                if busy == "0" and done >= len(photos):
                    break
                if time.perf_counter() >= next_probe:
                    probe((clicks, tabs, polls))
                    next_probe = time.perf_counter() + args.every
                time.sleep(0.25)
            last = time.perf_counter() - start
            states = page.eval_on_selector_all("#results li.result", "els => els.map(e => e.dataset.state)")
            long_tasks = page.evaluate("() => window.__long")
            browser.close()
    finally:
        uv.should_exit = True
        thread.join(10)
        server.close()
        server.sock.close()
    ready = states.count("ready")
    print(f"workers: {workers} (cores: {os.cpu_count()}); load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"first result after {first:.1f} s; last result after {last:.1f} s ({last / len(photos):.1f} s a photo); "
          f"{ready} made safe, {states.count('held')} held for checking, {states.count('failed')} not published")

    def show(name: str, xs: list[float]) -> None:
        if xs:
            print(f"{name}: median {statistics.median(xs) * 1000:.0f} ms, worst {max(xs) * 1000:.0f} ms over {len(xs)} probes")

    print(f"the page's main thread: {len(long_tasks)} tasks over 50 ms, {sum(long_tasks) / 1000:.1f} s in all, "
          f"the longest {max(long_tasks, default=0):.0f} ms (from the start to the last result)")
    for when, (c, t, p) in (("before adding (idle desk)", idle), ("while sending and cleaning", (clicks, tabs, polls))):
        print(when)
        show("  a click until its dialog is open (the page)", c)
        show("  History opened in a second tab (a server page)", t)
        show("  the page's poll of /api/uploads", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
