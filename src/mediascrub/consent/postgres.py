"""The consent gallery in a PostgreSQL database: one register for every site and watcher.

``--gallery postgresql://user@host/db`` (or ``$MEDIASCRUB_GALLERY``, or
``consent.gallery`` in the policy file). The database must exist (an
administrator creates it and the roles); the first ``mediascrub gallery add``
creates the tables in it. Driver: psycopg 3 (``pip install "mediascrub[postgres]"``).

Passwords: put them in ``~/.pgpass`` (or the file named by ``$PGPASSFILE``,
mode 0600), which libpq reads by itself; a password written in the URL also
works, but the URL is then shown everywhere (``policy show``, reports, error
messages) with the password replaced by ``***``. TLS and the like: the URL's
libpq parameters (``?sslmode=verify-full``) or the ``PG*`` environment variables.

Schema: the same tables as the SQLite gallery, plus ``mediascrub_gallery``, one
row holding the schema version and a change counter. Migrations are numbered
and run in one transaction under an advisory lock, so two processes starting
at once migrate once. A newer schema is refused untouched; a database holding
other tables but no gallery is refused too (use an empty database, or a schema
of its own: ``?options=-csearch_path%3Dmediascrub``).

Several writers (any number of processes on any number of machines): every
write transaction first increments the change counter, which locks its row
until commit, so writers take turns and each sees everything committed before
it. No withdrawal is lost; two withdrawals at once give one "withdrew" and one
"no consent left". Readers (the watchers) read the counter before each photo
and reload the gallery only when it has moved.

Roles: the role that runs ``gallery`` commands owns the tables (it created
them); watchers need only ``SELECT`` (``GRANT SELECT ON ALL TABLES IN SCHEMA
public TO watcher``), and they open the gallery read-only anyway.

Forgetting: ``forget`` deletes the person's rows (cascading to their consent
records, purposes and encodings; the log of changes keeps only that someone was forgotten),
then ``VACUUM FULL`` rewrites the five tables (the log of changes too, whose lines
about the person lose their name and details) and their indexes into new files,
so the deleted rows are not in the database's files any more. It needs to be
run by the tables' owner. What PostgreSQL keeps elsewhere, and how to handle it:

* the write-ahead log (``pg_wal``) holds the rows until its segments are
  recycled after the next checkpoints (minutes, at most ``max_wal_size``);
  a superuser can hurry it with ``CHECKPOINT``;
* WAL archives (``archive_command``), base backups and replicas' WAL hold them
  for as long as they are kept: set a retention period and record it in your
  privacy notice; a restored backup must have the forgotten people removed
  again (keep a list of forgotten reference ids, not names, to replay);
* a transaction left open elsewhere can keep old row versions alive:
  ``forget`` then waits a little and, if they are still held, says so;
* the server log holds statement parameters (names) only with
  ``log_statement = 'all'`` or similar: leave that off.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from ..errors import GalleryError
from ..policy import redact_url
from .encodings import ENCODING_SIZE
from .store import READABLE_FROM, SCHEMA_VERSION, Actor, Gallery

META_TABLE = "mediascrub_gallery"
APPLICATION = "mediascrub-gallery"
_LOCK_KEY = 0x6D536372  # advisory lock held while migrating ("mScr")
_TABLES = ("people", "consent_records", "consent_purposes", "encodings", "changes")
_HELD_RE = re.compile(r"(\d+) dead row versions cannot be removed yet")

BOOTSTRAP = f"""CREATE TABLE {META_TABLE} (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    application TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    generation BIGINT NOT NULL DEFAULT 0,
    created TEXT NOT NULL
)"""

# Each entry upgrades the schema from version i to i + 1 (index i); the same tables as consent/sqlite.py.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE people (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL,
            reference_id TEXT,
            created TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX people_name ON people (lower(name))",
        """CREATE TABLE consent_records (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            evidence TEXT NOT NULL,
            given TEXT NOT NULL,
            expires TEXT,
            withdrawn TEXT,
            basis TEXT NOT NULL CHECK (basis IN ('consent', 'best-interests')),
            assessment TEXT,
            recorded TEXT NOT NULL,
            CHECK (basis = 'consent' OR (assessment IS NOT NULL AND assessment <> ''))
        )""",
        """CREATE TABLE consent_purposes (
            record_id BIGINT NOT NULL REFERENCES consent_records(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            PRIMARY KEY (record_id, purpose)
        )""",
        f"""CREATE TABLE encodings (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            vector BYTEA NOT NULL CHECK (octet_length(vector) = {ENCODING_SIZE * 8}),
            source TEXT,
            sha256 TEXT,
            added TEXT NOT NULL
        )""",
        # raw bytes in the table itself: never compressed or moved out to a TOAST table
        "ALTER TABLE encodings ALTER COLUMN vector SET STORAGE PLAIN",
        "CREATE INDEX encodings_person ON encodings(person_id)",
        "CREATE INDEX consent_person ON consent_records(person_id)",
    ],
    [  # 2: the register's log of changes (store.Gallery._log); no foreign key: lines outlive the person, without their name
        """CREATE TABLE changes (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            person_id BIGINT,
            person TEXT,
            reference_id TEXT,
            actor TEXT NOT NULL,
            via TEXT NOT NULL,
            detail TEXT
        )""",
        "CREATE INDEX changes_person ON changes(person_id)",
    ],
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def _driver() -> Any:
    try:
        import psycopg
    except ImportError:
        raise GalleryError(
            'a PostgreSQL gallery needs the psycopg driver: pip install "mediascrub[postgres]" (or psycopg[binary])'
        ) from None
    return psycopg


def _hide(text: str, url: str) -> str:
    """An error message with the URL's password (if any) taken out, wherever it appears."""
    import urllib.parse

    text = text.replace(url, redact_url(url))
    try:
        password = urllib.parse.urlsplit(url).password
    except ValueError:
        password = None
    if password:
        for form in {password, urllib.parse.unquote(password)}:
            if form:
                text = text.replace(form, "***")
    return " ".join(text.split())


class PostgresGallery(Gallery):
    """The gallery in a PostgreSQL database (``Gallery.open("postgresql://...")``)."""

    _NAME_MATCH = "lower(name) = lower(?)"

    def __init__(self, conn: Any, url: str, readonly: bool, notes: list[str]) -> None:
        super().__init__(redact_url(url), readonly, notes)
        self._conn = conn
        self._url = url

    # -- opening

    @classmethod
    def _connect(cls, url: str, readonly: bool) -> Any:
        psycopg = _driver()
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="mediascrub")
        except psycopg.Error as exc:
            raise GalleryError(f"cannot connect to the gallery {redact_url(url)}: {_hide(str(exc), url)}") from None
        except ValueError as exc:  # a malformed URL
            raise GalleryError(f"the gallery URL {redact_url(url)} is not valid: {_hide(str(exc), url)}") from None
        if readonly:
            conn.execute("SET default_transaction_read_only = on")
        return conn

    @classmethod
    def connect(cls, url: str, *, create: bool = False, readonly: bool = False) -> PostgresGallery:
        conn = cls._connect(url, readonly)
        shown = redact_url(url)
        try:
            with _pg_errors(shown, url, "open"):
                cls._check_and_migrate(conn, shown, create=create, readonly=readonly)
        except BaseException:
            conn.close()
            raise
        return cls(conn, url, readonly, [])

    @staticmethod
    def _schema_state(conn: Any) -> tuple[int | None, int]:
        """(schema version or None when there is no gallery, number of other tables in the schema)."""
        if conn.execute("SELECT to_regclass(%s)", (META_TABLE,)).fetchone()[0] is None:
            others = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]
            return None, int(others)
        row = conn.execute(f"SELECT application, schema_version FROM {META_TABLE} WHERE id = 1").fetchone()
        if row is None or row[0] != APPLICATION:
            raise GalleryError("the table mediascrub_gallery is not a mediascrub gallery's; nothing was changed")
        return int(row[1]), 0

    @classmethod
    def _check_and_migrate(cls, conn: Any, shown: str, *, create: bool, readonly: bool) -> None:
        version, others = cls._schema_state(conn)
        if version is None:
            if others:
                raise GalleryError(
                    f"the database {shown} holds {others} other table(s) and no mediascrub gallery; use an empty database "
                    "or a schema of its own (?options=-csearch_path%3Dmediascrub); nothing was changed"
                )
            if not create or readonly:
                raise GalleryError(f"no consent gallery in {shown}; enrol someone with `mediascrub gallery add`, or check --gallery")
        elif version > SCHEMA_VERSION:
            raise GalleryError(
                f"the gallery {shown} was written by a newer mediascrub (schema {version}; this version "
                f"understands up to {SCHEMA_VERSION}). Upgrade mediascrub; nothing was changed"
            )
        elif version == SCHEMA_VERSION:
            return
        elif readonly and version >= READABLE_FROM:
            return  # readers use it as it is; the next writer upgrades it
        elif readonly:
            raise GalleryError(f"the gallery {shown} uses an older schema ({version}); run `mediascrub gallery list` once to upgrade it")
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            version, others = cls._schema_state(conn)  # someone may have done it while we waited
            if version is None:
                if others:
                    raise GalleryError(f"the database {shown} holds other tables and no mediascrub gallery; nothing was changed")
                conn.execute(BOOTSTRAP)
                from .store import now_text

                conn.execute(
                    f"INSERT INTO {META_TABLE} (id, application, schema_version, created) VALUES (1, %s, 0, %s)", (APPLICATION, now_text())
                )
                version = 0
            for step in range(version, SCHEMA_VERSION):
                for sql in MIGRATIONS[step]:
                    conn.execute(sql)
            conn.execute(f"UPDATE {META_TABLE} SET schema_version = %s, generation = generation + 1 WHERE id = 1", (SCHEMA_VERSION,))

    # -- the dialect

    def _close(self) -> None:
        self._conn.close()

    @property
    def schema_version(self) -> int:
        with self._guard("read"):
            return int(self._conn.execute(f"SELECT schema_version FROM {META_TABLE} WHERE id = 1").fetchone()[0])

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s"), tuple(params))

    @contextmanager
    def _write_tx(self) -> Iterator[None]:
        with self._conn.transaction():
            # Locks the counter row until commit: writers take turns, each seeing all that came before.
            self._conn.execute(f"UPDATE {META_TABLE} SET generation = generation + 1 WHERE id = 1")
            yield

    def _write(self) -> AbstractContextManager[None]:
        return self._write_tx()

    @contextmanager
    def _snapshot_tx(self) -> Iterator[None]:
        if self._conn.info.transaction_status != 0:  # already inside a transaction (psycopg.pq.TransactionStatus.IDLE == 0)
            yield
            return
        with self._conn.transaction():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def _snapshot(self) -> AbstractContextManager[None]:
        return self._snapshot_tx()

    def _guard(self, what: str) -> AbstractContextManager[None]:
        return _pg_errors(self.location, self._url, what)

    def _change_token(self) -> object:
        return int(self._conn.execute(f"SELECT generation FROM {META_TABLE} WHERE id = 1").fetchone()[0])

    def index(self) -> Any:
        """As :meth:`Gallery.index`; a connection lost since the last photo (server restart) is made again once."""
        if self._conn.closed or self._conn.broken:
            self._reconnect()
        try:
            return super().index()
        except GalleryError:
            if not (self._conn.closed or self._conn.broken):
                raise
            self._reconnect()
            return super().index()

    def _reconnect(self) -> None:
        try:
            self._conn.close()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is replaced anyway
            pass
        self._conn = self._connect(self._url, self.readonly)
        self._index = None

    def _check_can_erase(self) -> None:
        row = self._exec(
            "SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE')) OR "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
            "FROM pg_class c WHERE c.oid IN ('people'::regclass, 'consent_records'::regclass, "
            "'consent_purposes'::regclass, 'encodings'::regclass, 'changes'::regclass)"
        ).fetchone()
        if not row or not row[0]:
            raise GalleryError(
                f"forget must be run as the role that owns the gallery's tables in {self.location} (it rewrites them "
                "so no trace remains); nothing was changed"
            )

    def forget(self, name: str, *, actor: Actor | None = None) -> None:
        self._check_writable()
        with self._guard("write"):
            self._check_can_erase()
        super().forget(name, actor=actor)

    def _erase(self) -> None:
        messages: list[str] = []

        def collect(diag: Any) -> None:
            messages.append(f"{diag.message_primary or ''} {diag.message_detail or ''}")

        self._conn.add_notice_handler(collect)
        try:
            for attempt in range(5):
                messages.clear()
                self._conn.execute(f"VACUUM (FULL, VERBOSE) {', '.join(_TABLES)}")
                held = sum(int(m.group(1)) for text in messages for m in _HELD_RE.finditer(text))
                if held == 0:
                    return
                time.sleep(0.2 * (attempt + 1))
            self.notes.append(
                f"{held} erased row version(s) are still held by a transaction open elsewhere on {self.location}; "
                "they go once it ends: run `VACUUM FULL people, consent_records, consent_purposes, encodings, changes` then"
            )
        finally:
            self._conn.remove_notice_handler(collect)


@contextmanager
def _pg_errors(shown: str, url: str, what: str) -> Iterator[None]:
    """Turn psycopg's errors during an operation into GalleryError naming the gallery (never its password)."""
    psycopg = _driver()
    errors = psycopg.errors
    try:
        yield
    except GalleryError:
        raise
    except errors.UniqueViolation:
        raise GalleryError(f"that person was enrolled in {shown} by someone else a moment ago; nothing was changed") from None
    except errors.ReadOnlySqlTransaction:
        raise GalleryError(f"the gallery {shown} was opened read-only") from None
    except errors.InsufficientPrivilege as exc:
        reason = _hide(exc.diag.message_primary or str(exc), url)
        raise GalleryError(f"the database role may not {what} the gallery {shown} ({reason}); nothing was changed") from None
    except psycopg.OperationalError as exc:
        raise GalleryError(
            f"lost the connection to the gallery {shown} while trying to {what} it ({_hide(str(exc), url)}); "
            "a change may or may not have been saved: check with `mediascrub gallery show`"
        ) from None
    except psycopg.Error as exc:
        raise GalleryError(f"cannot {what} the gallery {shown}: {_hide(str(exc), url)}; nothing was changed") from None


__all__ = ["PostgresGallery", "MIGRATIONS", "META_TABLE"]
