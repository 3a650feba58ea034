"""A live desk in a thread (real uvicorn, real sockets, real worker processes) for the desk tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mediascrub.policy import Policy
from mediascrub.review.desk import DeskServer, open_desk


@contextmanager
def live_desk(tmp_path: Path, *, policy: Policy | None = None, user: str = "Ann Tester", gallery: Path | str | None = None,
              users_file: Path | None = None, public_url: str | None = None, tls: tuple[Path, Path] | None = None,
              workers: int = 1, reports: list[Path] | None = None, factory: Any = None) -> Iterator[DeskServer]:
    from _review_util import serving

    from mediascrub.consent.gallery import Gallery
    from mediascrub.review.links import LinkDesk
    from mediascrub.review.server import create_app
    from mediascrub.run.statedir import state_dir_for

    out, held = tmp_path / "out", tmp_path / "held"
    out.mkdir(parents=True, exist_ok=True)
    held.mkdir(exist_ok=True, mode=0o700)
    where = gallery if gallery is not None else tmp_path / "gallery.sqlite"
    if isinstance(where, Path) and not where.exists():
        Gallery.open(where, create=True).close()
    import dataclasses

    base = policy or Policy()
    policy = dataclasses.replace(base, consent=dataclasses.replace(base.consent, gallery=str(where)))
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    server = open_desk(out=out, held=held, state=state_dir_for(out), policy=policy, gallery=where, user=user, workers=workers,
                       users_file=users_file, public_url=public_url, tls_cert=tls[0] if tls else None, tls_key=tls[1] if tls else None,
                       reports=reports, temp_parent=temp, factory=factory)
    if not server.desk.passwords:
        server.links = LinkDesk(server.desk.config.state, server.station.base_url(), server.new_link, poll=0.1)
    ssl = {"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}
    try:
        with serving(create_app(server.station), server.sock, **ssl):
            yield server
    finally:
        server.close()
        server.sock.close()


def _unsure(frame: Any, findings: Any, ctx: Any) -> Any:
    """A stage that leaves one thing for a person to decide (an uncertain face in the top left corner)."""
    from mediascrub.findings import Action, Box, Finding, Kind

    return [*findings, Finding(kind=Kind.FACE, label="face", action=Action.REVIEW, reason="uncertain-face",
                               box=Box(4, 4, 60, 60), score=0.5, own_patch=True)]


def unsure_pipeline(policy: Policy) -> Any:
    """The desk's cleaning workers' pipeline for tests of held uploads: every photo is held for a person
    (no models needed). A module-level function: the workers are spawned."""
    from mediascrub.pipeline import Pipeline
    from mediascrub.stages import OnClips, RegisteredStage, StageList

    pipeline = Pipeline(policy)
    pipeline.stages = StageList(per_frame=(RegisteredStage("unsure", _unsure, OnClips.PHOTOS_ONLY),))
    return pipeline


def signed_in(server: DeskServer, **kw: Any) -> Any:
    """An httpx client holding a desk session (signed in with a fresh link)."""
    import httpx

    base = server.station.base_url()
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=120, **kw)
    r = client.get(server.new_link().removeprefix(base))
    assert r.status_code == 303 and server.station.cookie_name in r.cookies, r.text
    return client


def csrf_of(client: Any) -> str:
    import re

    page = client.get("/add").text
    m = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert m, page[:500]
    return m.group(1)
