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
