"""Atomic file writes: a temporary file in the target's folder, then a rename.

An interrupted write (an exception, a kill, a full disk) leaves the previous
file as it was, never a partial one.  And a write never destroys what was not
ours: :func:`output_path`, which every writer calls first, refuses an empty
path, a device, FIFO or socket, a folder where a file is written (and a file
where a folder is), the current folder or one of its ancestors, and an
existing folder that is neither empty nor a previous output of the same
kind (the caller says how to recognise one); a symbolic link is written
through (the file it points to is replaced, the link stays), a dangling one
refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO

from ptce_graph.errors import OutputError

__all__ = ["atomic_write", "write_bytes_atomic", "atomic_directory", "output_path", "folder_holding_only"]

_SPECIAL = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}


def output_path(
    path: str | os.PathLike[str],
    *,
    folder: bool = False,
    replaces: Callable[[Path], bool] | None = None,
    previous: str = "output of this command",
    consequence: str = "it would be replaced as a whole",
) -> Path:
    """The real path to write ``path`` to, after checking that writing destroys nothing not ours.

    ``folder`` says whether the output is a folder (written as a whole) or a
    file.  An existing folder must be empty, or ``replaces(folder)`` must
    recognise it as a previous output of the same kind (``previous`` names
    that kind in the message, ``consequence`` what writing would do to it).  Symbolic links are
    resolved: the file or folder they point to is written, the link stays.
    Raises :class:`OutputError`, saying why and what to do.
    """
    text = os.fspath(path)
    if not str(text).strip():
        raise OutputError("the output path is empty; give a file or folder name")
    given = Path(text)
    try:
        return _checked_output(given, folder=folder, replaces=replaces, previous=previous, consequence=consequence)
    except OSError as exc:  # a name too long, a folder that cannot be read...: said, never a traceback
        raise OutputError(f"{given}: cannot be examined ({exc.strerror or exc})") from None


def _checked_output(given: Path, *, folder: bool, replaces: Callable[[Path], bool] | None, previous: str,
                    consequence: str) -> Path:
    """:func:`output_path`'s checks; an :class:`OSError` of the file system is the caller's to say."""
    if given.is_symlink() and not given.exists():
        raise OutputError(f"{given}: a symbolic link to nothing ({os.readlink(given)}); give a real path")
    real = Path(os.path.realpath(given))
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        mode = None
    kind = None if mode is None else _SPECIAL.get(stat.S_IFMT(mode))
    if kind is not None:
        raise OutputError(f"{given} is {kind}; ptce_graph writes "
                          + ("folders of regular files" if folder else
                             "regular files (leave -o out for standard output)"))
    cwd = Path(os.path.realpath(os.getcwd()))
    if folder and (real == cwd or real in cwd.parents):
        raise OutputError(
            f"{given}: the output folder would replace the folder you are working in"
            + ("" if real == cwd else " (or one that holds it)")
            + "; give a new folder name"
        )
    if mode is not None and stat.S_ISDIR(mode):
        if not folder:
            raise OutputError(f"{given} is a folder; give a file name")
        if any(real.iterdir()) and replaces is None:
            raise OutputError(f"{given}: the folder is not empty; {consequence}, so choose a new or empty folder")
        if any(real.iterdir()) and not (replaces is not None and replaces(real)):
            raise OutputError(
                f"{given}: the folder is not empty and is not a previous {previous}; "
                f"{consequence}, so choose a new or empty folder"
            )
    elif mode is not None and folder:
        raise OutputError(f"{given} exists and is not a folder; give a folder name")
    if not real.parent.is_dir():
        raise OutputError(f"{given}: folder {real.parent} does not exist")
    return real


def folder_holding_only(names: Collection[str], *, required: str) -> Callable[[Path], bool]:
    """A test for :func:`output_path`: a folder holding ``required`` and only files named in ``names``."""
    allowed = set(names)

    def previous(folder: Path) -> bool:
        entries = list(folder.iterdir())
        return (folder / required).is_file() and all(e.name in allowed and e.is_file() for e in entries)

    return previous


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file that replaces ``path`` only when the block succeeds."""
    target = output_path(path)
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=".part", dir=folder)
    try:
        handle: IO
        handle = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    try:
        with atomic_write(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


@contextlib.contextmanager
def atomic_directory(
    path: str | os.PathLike[str],
    *,
    replaces: Callable[[Path], bool] | None = None,
    previous: str = "output of this command",
    consequence: str = "it would be replaced as a whole",
) -> Iterator[Path]:
    """Build a folder beside ``path`` and swap it in when the block succeeds.

    Used for spreadsheet bundles and reports: either every file of the new
    folder is in place, or the old folder is untouched.  An existing folder is
    replaced only when empty or when ``replaces`` recognises it as a previous
    output (see :func:`output_path`).
    """
    target = output_path(path, folder=True, replaces=replaces, previous=previous, consequence=consequence)
    parent = target.parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), suffix=".part", dir=parent))
    except OSError as exc:  # a name too long, a folder not writable
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        yield tmp
        # mkdtemp makes a private folder: give it the mode of the one it replaces, or a new folder's.
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o777 & ~_umask())
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), suffix=".old", dir=parent))
            os.rmdir(old)
            os.replace(target, old)
            os.replace(tmp, target)
            _rmtree(old)
        else:
            os.replace(tmp, target)
    except OSError as exc:  # writing the files or swapping the folder: a full disk, a name too long
        _rmtree(tmp)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _rmtree(tmp)
        raise


def _temporary_prefix(target: Path) -> str:
    """``.name.``: a temporary beside the target says whose it is; a long name is cut, so that any name the
    file system takes (255 bytes) can be written."""
    name = target.name
    while len(os.fsencode(name)) > 100:
        name = name[:-1]
    return f".{name}."


def _umask() -> int:
    """The process's umask (reading it means setting it: put it back at once)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
