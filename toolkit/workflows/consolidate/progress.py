"""A progress bar while files are read: on a terminal only, so logs and pipes stay clean."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.safetext import printable
from toolkit.workflows.consolidate.messages import say

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


class Progress:
    """``with Progress(total, lang) as bar: bar.advance(name)``; does nothing when not enabled."""

    def __init__(self, total: int, lang: str, *, enabled: bool | None = None):
        self.total, self.lang = total, lang
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        if enabled is None or enabled:
            from rich.console import Console

            console = Console(stderr=True)
            if enabled or console.is_terminal:
                from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
                from rich.progress import Progress as RichProgress

                self._bar = RichProgress(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    TextColumn("{task.fields[name]}", markup=False),
                    console=console,
                    transient=True,
                )

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task(say("run.reading", self.lang), total=self.total, name="")
        return self

    def advance(self, name: str = "") -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, name=printable(name)[:40])

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
