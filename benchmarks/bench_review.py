"""Review station: how fast a queue of held photos lists, and the README screenshot.

Figures printed (``--n`` held photos, default 200, generated and seeded: 2000x1500 JPEGs):
1. first visit: the queue page in headless Chromium until every thumbnail has loaded
   (the thumbnails are made on this visit and cached beside the held files);
2. a second visit in the same browser (server cache and browser cache warm);
3. a visit from a new browser profile (server cache warm, browser cache empty).
An existing ``--work`` folder is reused (photos are generated only once); the thumbnail cache
is always removed first.

With ``--screenshot PATH`` it also writes the screenshot used in the README: the file
page for fixtures/examples/astronaut.png (licence-clean), with a box drawn by the reviewer.

Everything is written under ``--work`` (default: a temp folder), never into the repository
(except the screenshot you ask for). Debian's chromium is driven through Playwright.

    PYTHONPATH=src python benchmarks/bench_review.py
    PYTHONPATH=src python benchmarks/bench_review.py --n 40 --screenshot docs/review-list.png
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from mediascrub.policy import Policy
from mediascrub.review.server import bind_socket, create_app
from mediascrub.review.station import Station
from mediascrub.review.types import StationConfig

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]


def photo(seed: int, width: int = 2000, height: int = 1500) -> bytes:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    img = np.stack([128 + 100 * np.sin(x / (30 + seed % 17) + seed), 128 + 100 * np.cos(y / 23.0),
                    128 + 80 * np.sin((x + y) / 51.0)], axis=-1) + rng.normal(0, 6, (height, width, 3))
    buf = io.BytesIO()
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=88)
    return buf.getvalue()


class Running:
    def __init__(self, held: Path, out: Path) -> None:
        import uvicorn

        self.sock = bind_socket("127.0.0.1", 0)
        self.station = Station(StationConfig(held=held, out=out, policy=Policy(), reviewer="Ann Example",
                                             port=self.sock.getsockname()[1]))
        self.server = uvicorn.Server(uvicorn.Config(create_app(self.station), log_level="warning", access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Station:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self.station

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.station.close()


def browser(pw: Any, profile: Path, width: int = 1280, height: int = 860) -> Any:
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    return pw.chromium.launch_persistent_context(str(profile), executable_path=exe, headless=True, args=CHROMIUM_ARGS,
                                                 viewport={"width": width, "height": height})


def time_visit(page: Any, url: str, n: int) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(f"body[data-thumbs-loaded='{n}']", timeout=600_000)
    return time.perf_counter() - t0


def bench_queue(work: Path, n: int) -> None:
    from playwright.sync_api import sync_playwright

    held, out = work / "held", work / "out"
    held.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    made = 0
    for i in range(n):
        path = held / f"photo-{i:03d}.jpg"
        if not path.exists():
            path.write_bytes(photo(i))
            (held / f"photo-{i:03d}.jpg.reason.txt").write_text("needs a person to review: uncertain face (score 0.44)\n")
            made += 1
    print(f"{n} held photos (2000x1500 JPEG; {made} generated now in {time.perf_counter() - t0:.1f} s)")
    shutil.rmtree(held / ".mediascrub-review", ignore_errors=True)  # the first visit makes every thumbnail
    with Running(held, out) as station, sync_playwright() as pw:
        home = station.url().split("?")[0]
        ctx = browser(pw, work / "profile-1")
        page = ctx.new_page()
        page.goto("about:blank")
        first = time_visit(page, station.url(), n)  # sign in, list, every thumbnail made and loaded
        again = sorted(time_visit(page, home, n) for _ in range(5))
        ctx.close()
        shutil.rmtree(work / "profile-2", ignore_errors=True)
        ctx2 = browser(pw, work / "profile-2")
        page2 = ctx2.new_page()
        page2.goto("about:blank")
        # the printed token works once: give the new profile the session cookie instead
        ctx2.add_cookies([{"name": station.cookie_name, "value": station.session, "url": home}])
        fresh = time_visit(page2, home, n)  # server cache warm, browser cache empty
        ctx2.close()
    print(f"queue of {n} held photos in headless Chromium, until every thumbnail has loaded:")
    print(f"  first visit (sign-in; all {n} thumbnails made now):       {first:6.2f} s")
    print(f"  later visits, same browser (median of 5, best, worst):   {again[2]:6.2f} s ({again[0]:.2f}, {again[-1]:.2f})")
    print(f"  later visit from a new browser profile (no browser cache): {fresh:6.2f} s")


def make_screenshot(work: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    from mediascrub.review.queue import file_id

    held, out = work / "shot-held", work / "shot-out"
    shutil.rmtree(held, ignore_errors=True)
    held.mkdir(parents=True)
    shutil.copy(ROOT / "fixtures" / "examples" / "astronaut.png", held / "astronaut.png")
    reason = "needs a person to review: uncertain reading (score 0.50) of text that may be a number\n"
    (held / "astronaut.png.reason.txt").write_text(reason)
    with Running(held, out) as station, sync_playwright() as pw:
        ctx = browser(pw, work / "profile-shot", 1100, 730)
        page = ctx.new_page()
        page.goto(station.url())
        page.goto(station.url().split("?")[0] + f"file/{file_id('astronaut.png')}")
        page.wait_for_selector("body[data-state='ready']", timeout=300_000)
        page.wait_for_function("document.getElementById('photo').complete")
        page.click("#tool-ellipse")
        bb = page.locator("#overlay").bounding_box()
        s = bb["width"] / 512
        page.mouse.move(bb["x"] + 285 * s, bb["y"] + 355 * s)
        page.mouse.down()
        page.mouse.move(bb["x"] + 340 * s, bb["y"] + 395 * s, steps=5)
        page.mouse.up()
        png = page.screenshot()
        ctx.close()
    img = Image.open(io.BytesIO(png)).convert("RGB")
    img = img.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    target.parent.mkdir(parents=True, exist_ok=True)
    img.save(target, optimize=True)
    print(f"screenshot written: {target} ({target.stat().st_size // 1024} KB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="held photos in the queue (default 200)")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temp folder)")
    ap.add_argument("--screenshot", type=Path, default=None, help="also write the README screenshot here")
    ap.add_argument("--data", type=Path, default=None, help="accepted for symmetry with the other benchmarks; not read")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-review-"))
    if args.n:
        bench_queue(work, args.n)
    if args.screenshot is not None:
        make_screenshot(work, args.screenshot)


if __name__ == "__main__":
    main()
