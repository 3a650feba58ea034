"""A live review station in a thread (real uvicorn, real sockets) for the review tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mediascrub.policy import Policy
from mediascrub.review.server import bind_socket, create_app
from mediascrub.review.station import Station
from mediascrub.review.types import StationConfig


def quiet_policy() -> Policy:
    """Faces and text off: stations that need no models (security tests)."""
    import dataclasses

    p = Policy()
    return dataclasses.replace(p, faces=dataclasses.replace(p.faces, enabled=False), text=dataclasses.replace(p.text, enabled=False))


@contextmanager
def live_station(held: Path, out: Path, *, policy: Policy | None = None, reviewer: str = "Ann Tester",
                 report: Path | None = None, host: str = "127.0.0.1", routes: Iterable[Any] = ()) -> Iterator[Station]:
    """A station served on a free port of ``host``; ``routes`` are added to its app (behind the guard)."""
    sock = bind_socket(host, 0)
    config = StationConfig(held=held, out=out, policy=policy or Policy(), reviewer=reviewer, report=report, host=host,
                           port=sock.getsockname()[1])
    station = Station(config)
    try:
        with serving(create_app(station, routes), sock):
            yield station
    finally:
        station.close()
        sock.close()


@contextmanager
def serving(app: Any, sock: Any, **config: Any) -> Iterator[None]:
    """``app`` served by uvicorn on ``sock`` in a thread, until the block ends (``config``: more uvicorn settings)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", **config))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(10)


def base_url(station: Station) -> str:
    return f"http://{station.config.host}:{station.config.port}"


def signed_in_client(station: Station) -> Any:
    """An httpx client holding the session cookie (signed in with the printed URL)."""
    import httpx

    client = httpx.Client(base_url=base_url(station), follow_redirects=False, timeout=60)
    r = client.get(station.url().removeprefix(base_url(station)))
    assert r.status_code == 303 and station.cookie_name in r.cookies
    return client


def wait_ready(client: Any, fid: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        doc = client.get(f"/api/file/{fid}").json()
        if doc["state"] != "detecting":
            return doc
        time.sleep(0.2)
    raise AssertionError("detection did not finish")


# --- a crowd photo with one face a person must decide on ------------------------------------------------


def crowd_pixels(seed: int = 3) -> Any:
    """A 1600x1000 'crowd': 40 faces from scikit-image's LFW subset (bundled with the package) on a
    photo-like background, and the astronaut's head (NASA, public domain) at the bottom right."""
    import cv2
    import numpy as np
    import skimage.data
    from _video_util import astronaut_face

    from conftest import photo_like

    faces = skimage.data.lfw_subset()[:100]
    width, height, side = 1600, 1000, 72
    canvas = photo_like(width, height, seed=seed)
    rng = np.random.default_rng(seed)
    for k in range(40):
        r, c = divmod(k, 10)
        g = cv2.resize((faces[k] * 255).astype(np.uint8), (side, side), interpolation=cv2.INTER_CUBIC)
        x, y = 40 + c * (side + 80) + int(rng.integers(0, 30)), 40 + r * (side + 120) + int(rng.integers(0, 30))
        canvas[y : y + side, x : x + side] = np.stack([g] * 3, -1)
    head = astronaut_face(220)
    h, w = head.shape[:2]
    canvas[height - h - 20 : height - 20, width - w - 60 : width - 60] = head
    return canvas


def crowd_photo(folder: Path, name: str = "crowd.jpg") -> Path:
    """The crowd as a JPEG with GPS and the rest of conftest's dirty metadata."""
    from conftest import dirty_jpeg

    path = folder / name
    path.write_bytes(dirty_jpeg(crowd_pixels()))
    return path


def crowd_policy(folder: Path) -> Policy:
    """A policy under which the crowd has exactly one face to decide: the astronaut is enrolled with
    consent for social media, and every face scoring 0.2 to 0.9 is a maybe-face (hidden without asking
    unless it may be her, in which case a person decides: stages/consent.py)."""
    import dataclasses
    import datetime as dt

    from _video_util import astronaut_face

    from mediascrub.consent.gallery import Gallery
    from mediascrub.consent.store import NewConsent
    from mediascrub.stages.consent import enrolment_faces

    p = Policy()
    gallery = folder / "consent.sqlite"
    if not gallery.exists():
        (face,) = enrolment_faces(astronaut_face(300), p)
        g = Gallery.open(gallery, create=True)
        g.add_person("Eileen Collins", [face.encoding], NewConsent("form-031", ("social-media",), dt.date.today()), today=dt.date.today())
        g.close()
    return dataclasses.replace(p, faces=dataclasses.replace(p.faces, threshold=0.9, review_band=0.7),
                               consent=dataclasses.replace(p.consent, gallery=str(gallery)))
