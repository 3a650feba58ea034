"""``mediascrub desk``: the page staff work in (add photos, check held files, the consent register, history)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import ExitCode, GalleryOpt, NoBrowserOpt, PolicyOpt, PortOpt


def desk(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The posting folder: safe copies are put here.")] = None,
    quarantine: Annotated[
        Path | None,
        typer.Option("--quarantine", help="Folder for files someone must check (listed under To check). "
                     "Default: a private folder in mediascrub's state folder."),
    ] = None,
    port: PortOpt = 0,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on. Anything but 127.0.0.1 needs --tls-cert, --tls-key and users.")
    ] = "127.0.0.1",
    no_browser: NoBrowserOpt = False,
    link: Annotated[bool, typer.Option("--link", help="Ask the desk already running for --out for a new one-time sign-in link.")] = False,
    link_for: Annotated[str | None, typer.Option("--for", help="With --link: whom the link is for (shown in the records).")] = None,
    add_user: Annotated[
        str | None, typer.Option("--add-user", metavar="NAME", help="Add a person to the password file (or change their password).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="With --add-user: read the password from standard input instead of asking.")
    ] = False,
    users: Annotated[
        Path | None,
        typer.Option("--users", help="Password file: people sign in with their name and password instead of a link. "
                     "Default for --add-user and --host: desk-users.txt in mediascrub's state folder."),
    ] = None,
    tls_cert: Annotated[Path | None, typer.Option("--tls-cert", help="HTTPS certificate (PEM), with --tls-key.")] = None,
    tls_key: Annotated[Path | None, typer.Option("--tls-key", help="HTTPS private key (PEM, readable by you only).")] = None,
    public_url: Annotated[
        str | None,
        typer.Option("--public-url", help="Behind a reverse proxy: the address people use, e.g. https://desk.example.org "
                     "(its host is accepted, cookies are HTTPS-only, sign-in needs passwords)."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", min=0, max=64, help="Files cleaned at once (worker processes); 0: one less than the cores.")
    ] = 0,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Your name, for the records (sign-in links). Default: your login name.")
    ] = None,
    keep_enrolment_photos: Annotated[
        Path | None,
        typer.Option("--keep-enrolment-photos", help="Keep the photos used to enrol people in this folder (0700). "
                     "Default: they are deleted once their face numbers are made."),
    ] = None,
    report: Annotated[
        list[Path] | None,
        typer.Option("--report", metavar="FILE", help="Run reports (scrub --report) to include in 'left visible in'."),
    ] = None,
    policy_file: PolicyOpt = None,
    gallery: GalleryOpt = None,
    purpose: Annotated[str | None, typer.Option("--purpose", help="What the photos are for; consent must cover it.")] = None,
) -> None:
    """Open the desk: a page where staff add photos and videos and get safe copies, check held files,
    keep the consent register and see today's history.

    Prints the page's address (with a one-time sign-in link) and opens your browser. Another person
    signs in with a new link: the button on the page, or `mediascrub desk --link --out OUT` from a
    second terminal. On an agency server, people sign in with their own passwords (`--add-user NAME`),
    over HTTPS (`--tls-cert/--tls-key`) or behind a reverse proxy (`--public-url`). Stop with Ctrl-C.
    """
    from .app import build_policy, fail, run_guarded

    if add_user is not None:
        raise typer.Exit(run_guarded(_add_user, add_user, users, password_stdin))
    if out is None:
        fail("--out is required: the posting folder the desk puts safe copies in", ExitCode.USAGE)
    if link:
        raise typer.Exit(run_guarded(_print_link, out, link_for))

    def work() -> int:
        import getpass

        from ..consent.gallery import Gallery, gallery_exists, resolve_gallery
        from ..errors import UsageError
        from ..review.users import LOOPBACK, USERS_FILENAME, PasswordFile, check_exposure
        from ..run.batch import check_output_location
        from ..run.destinations import check_private_folder
        from ..run.statedir import state_base, state_dir_for

        name = (reviewer or "").strip() or getpass.getuser()
        exposed = host not in LOOPBACK
        users_file = users if users is not None else (state_base() / USERS_FILENAME if (exposed or public_url) else None)
        password_file = PasswordFile(users_file) if users_file is not None else None
        check_exposure(host, tls_cert, tls_key, password_file, public_url)
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out} is a file, not a folder")
        out.mkdir(parents=True, exist_ok=True)
        state = state_dir_for(out)
        held = quarantine if quarantine is not None else state / "desk-held"
        if held.is_symlink() or (held.exists() and not held.is_dir()):
            raise UsageError(f"{held} is not a folder")
        check_private_folder(held, "--quarantine")  # 0700, as scrub and watch make it: it holds unsafe originals
        check_output_location([held], out, "--out")
        policy, _ = build_policy(policy_file, gallery=gallery, purpose=purpose)
        location, _ = resolve_gallery(policy.consent.gallery or None)
        if not gallery_exists(location):  # an empty register now, so the cleaning workers see people enrolled later
            Gallery.open(location, create=True).close()
        workers = jobs or max(1, (os.cpu_count() or 2) - 1)
        import threading
        import webbrowser

        from ..review.desk import open_desk

        server = open_desk(
            out=out, held=held, state=state, policy=policy, gallery=location, user=name, host=host, port=port, workers=workers,
            users_file=users_file, tls_cert=tls_cert, tls_key=tls_key, public_url=public_url,
            keep_enrolment_photos=keep_enrolment_photos, reports=list(report or []),
        )
        url = server.address()
        typer.echo(url)
        if exposed:
            typer.echo(f"listening on {host} over HTTPS; people sign in with their name and password ({users_file})", err=True)
        typer.echo(f"desk for {out} (files to check: {held}); stop with Ctrl-C", err=True)
        if not server.desk.passwords:
            typer.echo(f"another person: the page's 'New sign-in link' button, or: mediascrub desk --link --out {out}", err=True)
        if not no_browser:
            threading.Timer(0.5, webbrowser.open, [url]).start()
        try:
            server.run()
        except KeyboardInterrupt:
            server.close()
        typer.echo("desk stopped; the files it held for cleaning were deleted", err=True)
        return int(ExitCode.OK)

    raise typer.Exit(run_guarded(work))


def _add_user(name: str, users: Path | None, from_stdin: bool) -> int:
    import getpass

    from ..errors import UsageError
    from ..review.users import USERS_FILENAME, PasswordFile, check_user_name
    from ..run.statedir import state_base

    name = check_user_name(name)
    path = users if users is not None else state_base() / USERS_FILENAME
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"New password for {name}: ")
        if getpass.getpass("The same password again: ") != password:
            raise UsageError("the two passwords differ; nothing was changed")
    new = PasswordFile(path).set_password(name, password)
    typer.echo(f"{'added' if new else 'changed the password of'} {name} in {path}")
    return int(ExitCode.OK)


def _print_link(out: Path, user: str | None) -> int:
    from ..review.links import ask_for_link
    from ..run.statedir import state_dir_for

    typer.echo(ask_for_link(state_dir_for(out), user))
    return int(ExitCode.OK)
