"""The desk's accounts, for an agency server: a password file with Argon2 hashes, and slowed sign-in.

The password file holds one ``name:hash`` line per person (``mediascrub desk --add-user NAME``), the
hash in Argon2id's standard encoded form (argon2-cffi's defaults: salt, cost and parameters in the
hash itself, so stronger settings later still read older lines). It is created 0600 and refused when
others can read or write it. Names are what the audit logs show as who published, rejected or
enrolled. Nobody's password is ever stored or logged.

Sign-in is slowed per name and per address (:class:`SignInLimiter`): after a few wrong passwords each
further try has to wait, doubling up to a quarter of an hour; a right password clears that name's
count. A name that does not exist costs the same Argon2 work as one that does (no way to tell them apart
by time).
"""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, UsageError

USERS_FILENAME = "desk-users.txt"
NAME_RE = re.compile(r"^[^\x00-\x1f\x7f:]{1,64}$")
MIN_PASSWORD = 10


def _hasher():  # type: ignore[no-untyped-def]
    try:
        from argon2 import PasswordHasher
    except ImportError:  # pragma: no cover - argon2-cffi is a dependency
        raise ConfigError("passwords need the argon2-cffi package: pip install argon2-cffi") from None
    return PasswordHasher()


def check_user_name(name: str) -> str:
    clean = " ".join(name.split())
    if not NAME_RE.match(clean):
        raise UsageError("a user name must be 1 to 64 characters, with no ':' and no control characters")
    return clean


class PasswordFile:
    """``name:argon2-hash`` lines; read again whenever the file changes (users added while the desk runs)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, str] = {}
        self._written: dict[str, str] = {}  # casefolded name -> the name as written (what the records show)
        self._lock = threading.Lock()
        self._dummy: str | None = None

    def _check_private(self) -> None:
        st = self.path.stat()
        if stat.S_IMODE(st.st_mode) & 0o077:
            raise ConfigError(f"the password file {self.path} can be read or changed by other users: chmod 600 {self.path}")
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise ConfigError(f"the password file {self.path} belongs to another user")

    def users(self) -> dict[str, str]:
        with self._lock:
            try:
                st = self.path.stat()
            except FileNotFoundError:
                self._users, self._written, self._stamp = {}, {}, None
                return {}
            stamp = (st.st_mtime_ns, st.st_size)
            if stamp != self._stamp:
                self._check_private()
                users: dict[str, str] = {}
                written: dict[str, str] = {}
                for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), start=1):
                    if not line.strip() or line.startswith("#"):
                        continue
                    name, sep, hashed = line.rpartition(":$argon2")
                    if not sep or not name:
                        raise ConfigError(f"the password file {self.path}, line {n}: expected NAME:ARGON2-HASH")
                    users[name.casefold()] = f"$argon2{hashed}"
                    written[name.casefold()] = name
                self._users, self._written, self._stamp = users, written, stamp
            return dict(self._users)

    def verify(self, name: str, password: str) -> str | None:
        """The account's name as written when ``password`` is right; None otherwise (same cost either way)."""
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        ph = _hasher()
        users = self.users()
        key = " ".join(name.split()).casefold()
        hashed = users.get(key)
        if hashed is None:
            if self._dummy is None:
                self._dummy = ph.hash(os.urandom(16).hex())
            hashed = self._dummy
        try:
            ph.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if key not in users:
            return None
        with self._lock:  # the name as written in the file just read (the match ignores case)
            return self._written.get(key, name)

    def set_password(self, name: str, password: str) -> bool:
        """Add ``name`` or change their password; True when the name was new. Written atomically, 0600."""
        name = check_user_name(name)
        if len(password) < MIN_PASSWORD:
            raise UsageError(f"the password must be at least {MIN_PASSWORD} characters")
        hashed = _hasher().hash(password)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lines: list[str] = []
        new = True
        if self.path.exists():
            self._check_private()
            for line in self.path.read_text(encoding="utf-8").splitlines():
                if line.rpartition(":$argon2")[0].casefold() == name.casefold():
                    new = False
                    continue
                lines.append(line)
        lines.append(f"{name}:{hashed}")
        from ..media.image import atomic_write

        atomic_write(self.path, ("\n".join(lines) + "\n").encode("utf-8"), mode=0o600)
        return new


@dataclass
class _Tries:
    failures: int = 0
    last: float = 0.0


@dataclass
class SignInLimiter:
    """Wrong passwords slow down sign-in, per name and per client address.

    ``free`` wrong tries are allowed; each one after that must wait ``base * 2**(n - free)`` seconds
    after the last (at most ``ceiling``). Counts fade after ``forget_after`` seconds without a try.
    """

    free: int = 5
    base: float = 1.0
    ceiling: float = 900.0
    forget_after: float = 3600.0
    _tries: dict[str, _Tries] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _keys(self, name: str, address: str) -> list[str]:
        return [f"name:{' '.join(name.split()).casefold()}", f"addr:{address}"]

    def wait_needed(self, name: str, address: str, now: float | None = None) -> float:
        """Seconds before another try is allowed (0: try now)."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        with self._lock:
            for key in self._keys(name, address):
                t = self._tries.get(key)
                if t is None:
                    continue
                if now - t.last > self.forget_after:
                    del self._tries[key]
                    continue
                if t.failures >= self.free:
                    delay = min(self.ceiling, self.base * 2 ** (t.failures - self.free))
                    wait = max(wait, t.last + delay - now)
        return max(0.0, wait)

    def failed(self, name: str, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in self._keys(name, address):
                t = self._tries.setdefault(key, _Tries())
                t.failures += 1
                t.last = now
            if len(self._tries) > 100_000:  # bounded memory under a flood of made-up names
                oldest = sorted(self._tries.items(), key=lambda kv: kv[1].last)[: len(self._tries) // 2]
                for key, _ in oldest:
                    del self._tries[key]

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._tries.pop(self._keys(name, "")[0], None)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def check_exposure(host: str, tls_cert: Path | None, tls_key: Path | None, users: PasswordFile | None,
                   public_url: str | None = None) -> None:
    """Refuse (UsageError) a desk that other machines could reach without HTTPS and personal passwords.

    On loopback (the default) a one-time link is enough: only this computer can connect. Listening on
    any other address needs ``--tls-cert``/``--tls-key`` and a password file with at least one person.
    Behind a reverse proxy (``--public-url``) the desk stays on loopback (the proxy does HTTPS), but the
    people reaching it through the proxy still sign in with their own passwords.
    """
    if (tls_cert is None) != (tls_key is None):
        raise UsageError("give both --tls-cert and --tls-key (the certificate and its private key)")
    for path in (tls_cert, tls_key):
        if path is not None and not Path(path).is_file():
            raise UsageError(f"{path} is not a file")
    if tls_key is not None and stat.S_IMODE(Path(tls_key).stat().st_mode) & 0o077:
        raise UsageError(f"the private key {tls_key} can be read by other users: chmod 600 {tls_key}")
    exposed = host not in LOOPBACK
    if not (exposed or public_url):
        return
    has_users = users is not None and bool(users.users())
    if exposed and tls_cert is None:
        raise UsageError(
            f"--host {host} lets other machines reach the desk, which shows photos before they are cleaned: "
            "it needs HTTPS (--tls-cert FILE --tls-key FILE) and personal passwords (mediascrub desk --add-user NAME); "
            "nothing was started"
        )
    if not has_users:
        where = f" in {users.path}" if users is not None else ""
        raise UsageError(
            f"{'--host ' + host if exposed else '--public-url'} lets other people reach the desk: they must sign in with "
            f"their own password, but there are no users{where} yet (add them with mediascrub desk --add-user NAME); "
            "nothing was started"
        )


__all__ = ["PasswordFile", "SignInLimiter", "USERS_FILENAME", "check_user_name", "MIN_PASSWORD", "check_exposure", "LOOPBACK"]
