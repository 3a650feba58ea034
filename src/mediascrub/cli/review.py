"""``mediascrub review``: the local review station for held files, and its audit log."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from .common import ExitCode, GalleryOpt, NoBrowserOpt, PolicyOpt, PortOpt


def review(
    held: Annotated[
        Path | None,
        typer.Argument(help="The folder of held files (the --quarantine folder of scrub or watch).", show_default=False, metavar="HELD"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for the cleaned copies the reviewer publishes.")] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="A run report (scrub --report): list every file of that run, published or not.")
    ] = None,
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="Your name, for the audit log. Default: your login name.")] = None,
    port: PortOpt = 0,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on. Anything but 127.0.0.1 lets other machines reach the originals.")
    ] = "127.0.0.1",
    no_browser: NoBrowserOpt = False,
    log: Annotated[bool, typer.Option("--log", help="Print the review audit log kept in --out, then exit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --log: print the raw JSON lines.")] = False,
    policy_file: PolicyOpt = None,
    gallery: GalleryOpt = None,
    purpose: Annotated[str | None, typer.Option("--purpose", help="What the photos are for; consent must cover it.")] = None,
) -> None:
    """Open the review station: a local web page to resolve held files.

    Prints the page's address (with a one-time sign-in token) as its first line and opens
    your browser. For each held file the page shows what was found; you can hide more
    (draw a box or ellipse), dismiss false alarms, then publish (the same cleaning and
    checks as scrub, from the held original) or reject. Every decision goes to an audit
    log in --out (see --log). Use the same --policy and --gallery as the run. Stop with Ctrl-C.
    """
    from .app import build_policy, fail, run_guarded

    if out is None:
        fail("--out is required: the folder the review station publishes into (and keeps its audit log in)", ExitCode.USAGE)
    if log:
        raise typer.Exit(run_guarded(_print_log, out, as_json))
    if held is None:
        fail("name the folder of held files: mediascrub review HELD --out OUT", ExitCode.USAGE)

    def work() -> int:
        import getpass
        import threading
        import webbrowser

        from ..errors import UsageError
        from ..review.middleware.trustedhost import LOOPBACK_NAMES
        from ..review.server import bind_socket, serve
        from ..review.station import Station
        from ..review.types import StationConfig
        from ..run.batch import check_output_location

        if held.is_symlink() or not held.is_dir():
            raise UsageError(f"{held} is not a folder")
        check_output_location([held], out)
        if os.path.realpath(held).startswith(os.path.realpath(out) + os.sep):
            raise UsageError("the held folder must not be inside --out: the originals there are not safe to publish")
        policy, _ = build_policy(policy_file, gallery=gallery, purpose=purpose)
        name = (reviewer or "").strip() or getpass.getuser()
        config = StationConfig(held=held, out=out, policy=policy, reviewer=name, report=report, host=host, port=port)
        try:
            sock = bind_socket(host, port)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
        config.port = sock.getsockname()[1]
        station = Station(config)
        url = station.url()
        try:
            typer.echo(url)
            if host not in LOOPBACK_NAMES:
                typer.echo(f"warning: listening on {host}: anyone who can reach this machine and has the token can see the originals",
                           err=True)
            typer.echo(f"reviewing {held} -> {out} as {name}; stop with Ctrl-C", err=True)
            if not no_browser:
                threading.Timer(0.5, webbrowser.open, [url]).start()
            serve(station, sock)
        except KeyboardInterrupt:
            station.close()
        typer.echo("review station stopped", err=True)
        return int(ExitCode.OK)

    raise typer.Exit(run_guarded(work))


def _print_log(out: Path, as_json: bool) -> int:
    from ..review.audit import audit_path, describe_entry, read_audit

    path = audit_path(out)
    if not path.exists():
        typer.echo(f"no review audit log in {out} yet", err=True)
        return int(ExitCode.OK)
    for rec in read_audit(path):
        if as_json:
            typer.echo(json.dumps(rec, ensure_ascii=False))
        else:
            for line in describe_entry(rec):
                typer.echo(line)
    return int(ExitCode.OK)
