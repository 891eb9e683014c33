"""A progress bar on standard error, shown only on a terminal and only when work is long.

Registries of hundreds of poles take tens of seconds; a user at a terminal
wants to see it move, a script piping the output wants nothing on stderr but
warnings and errors.  So the bar draws only when stderr is a TTY, only after
the work has taken ``delay`` seconds, never more than ``rate`` times a second,
and erases itself at the end.  No dependency.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

__all__ = ["Progress", "progress"]

_T = TypeVar("_T")


class Progress:
    """Count work done; draw ``label  12/200 ▕█████     ▏ 6 %`` on a terminal."""

    def __init__(
        self,
        total: int | None,
        label: str = "",
        *,
        stream: IO[str] | None = None,
        enabled: bool | None = None,
        delay: float = 1.0,
        rate: float = 10.0,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.stream) and not os.environ.get("PTCE_NO_PROGRESS")
        self.enabled = enabled
        self.delay = delay
        self.interval = 1.0 / rate
        self.done = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < self.delay or now - self._last < self.interval:
            return
        self._last = now
        self._draw()

    def _draw(self) -> None:
        width = 24
        if self.total:
            share = min(1.0, self.done / self.total)
            filled = int(share * width)
            text = f"\r{self.label}  {self.done}/{self.total} ▕{'█' * filled}{' ' * (width - filled)}▏ {share:4.0%}"
        else:
            text = f"\r{self.label}  {self.done}"
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress(items: Iterable[_T], label: str = "", *, total: int | None = None, **options: object) -> Iterator[_T]:
    """Iterate over ``items`` with a progress bar (see :class:`Progress`)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(total, label, **options) as bar:  # type: ignore[arg-type]
        for item in items:
            yield item
            bar.advance()
