"""The progress bar draws only on a terminal, only when work is long, and erases itself."""

from __future__ import annotations

import io

from ptce_graph.progress import Progress, progress


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    assert list(progress(range(50), "x", stream=stream, delay=0, rate=1e9)) == list(range(50))
    assert stream.getvalue() == ""


def test_draws_on_a_terminal_and_erases_itself() -> None:
    stream = _TTY()
    with Progress(4, "poles", stream=stream, delay=0, rate=1e9) as bar:
        for _ in range(4):
            bar.advance()
    text = stream.getvalue()
    assert "poles  4/4" in text and "100%" in text
    assert text.endswith("\r\033[K")


def test_quick_work_draws_nothing() -> None:
    stream = _TTY()
    list(progress(range(10), "x", stream=stream, delay=60))
    assert stream.getvalue() == ""


def test_environment_switch(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("PTCE_NO_PROGRESS", "1")
    assert Progress(3, stream=_TTY()).enabled is False
