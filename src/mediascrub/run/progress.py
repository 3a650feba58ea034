"""A progress bar for batches (used by the CLI only; the core never prints).

Shows done/total, counts of published / quarantined / failed / skipped and an
ETA. It draws only when stderr is a terminal; otherwise it does nothing, so
logs and pipes get the plain per-file lines alone.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import IO, Any

from ..findings import Report, Status
from ..report import safe_name


class BatchProgress:
    """``with BatchProgress(total, enabled) as bar: bar.advance(report)``."""

    def __init__(self, total: int, *, enabled: bool = True, stream: IO[str] | None = None) -> None:
        self.total = total
        self.counts: Counter[Status] = Counter()
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0 and bool(getattr(self.stream, "isatty", lambda: False)())
        self._progress: Any = None
        self._task: Any = None
        self._clips: dict[str, Any] = {}

    def _label(self) -> str:
        c = self.counts
        parts = [
            f"[green]{c[Status.PUBLISHED]} published[/]",
            f"[yellow]{c[Status.QUARANTINED]} quarantined[/]",
            f"[red]{c[Status.FAILED]} failed[/]",
        ]
        if c[Status.SKIPPED]:
            parts.append(f"{c[Status.SKIPPED]} skipped")
        return ", ".join(parts)

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            console = Console(file=self.stream)
            self._progress = Progress(
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task(self._label(), total=self.total)
        return self

    def advance(self, report: Report) -> None:
        self.counts[report.status] += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=self._label())

    def frames(self, name: str, done: int, total: int) -> None:
        """A clip's own bar: frames done of ``total`` (all passes) with its ETA; gone when the clip is done."""
        if self._progress is None:
            return
        task = self._clips.get(name)
        if task is None:
            task = self._clips[name] = self._progress.add_task(f"  {safe_name(name)}", total=total or None)
        self._progress.update(task, completed=done, total=total or None)
        if total and done >= total:
            self._progress.remove_task(task)
            del self._clips[name]

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)
            self._progress = None


def summary_table(counts: Counter[str], seconds: float, *, stream: IO[str] | None = None) -> None:
    """Print a small table of the outcome (plain text when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    processed = sum(counts.get(s.value, 0) for s in (Status.PUBLISHED, Status.QUARANTINED, Status.FAILED))
    table = Table(title="mediascrub summary", title_justify="left")
    table.add_column("Result")
    table.add_column("Files", justify="right")
    styles = {Status.PUBLISHED: "green", Status.QUARANTINED: "yellow", Status.FAILED: "red", Status.SKIPPED: "dim"}
    words = {
        Status.PUBLISHED: "published (safe copies written)",
        Status.QUARANTINED: "quarantined (not published)",
        Status.FAILED: "failed (not published)",
        Status.SKIPPED: "skipped (already done, same content and settings)",
    }
    for status, word in words.items():
        table.add_row(f"[{styles[status]}]{word}[/]", str(counts.get(status.value, 0)))
    rate = f", {processed / seconds:.2f} files/s" if seconds > 0 and processed else ""
    table.caption = f"{seconds:.1f} s{rate}"
    Console(file=stream or sys.stderr, highlight=False).print(table)
