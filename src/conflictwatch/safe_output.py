"""Output files written in full or not at all.

Any command that writes a file (``extract -o``, an export) goes through
:class:`SafeOutput`:

- :func:`check_output` refuses, before anything is read or written, an output
  that is one of the inputs, a folder, or a path in a folder that does not exist
  or cannot be written, each with a one-line :class:`~conflictwatch.errors.OutputError`;
- the data goes to a temporary file beside the target (same folder, so same file
  system), which is flushed to disk and renamed onto the target only when the
  command commits: an interrupted or failed run leaves an existing file as it was;
- the new file keeps the mode of the file it replaces (or gets the usual one,
  under the umask); a symbolic link is followed, so the link stays and its target
  is replaced; a target that is not a regular file (``/dev/null``, a named pipe)
  is written directly, since it cannot be replaced.

Usage::

    check_output(path, inputs)
    with SafeOutput(path) as out:   # commits on leaving the block normally
        out.write(...)              # an exception (Ctrl-C included) discards
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import OutputError

__all__ = ["SafeOutput", "check_output", "STDOUT"]

STDOUT = "-"
"""The output path that means standard output."""


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_output(path: str, inputs: Sequence[str] = ()) -> None:
    """Refuse an output path that cannot or may not be written.

    ``inputs`` are the files the command reads (``-`` for standard input is
    ignored). Raises :class:`~conflictwatch.errors.OutputError` with a one-line
    message that names the path and says what to do.
    """
    if path == STDOUT:
        return
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name, "
                          f"e.g. {p / 'results.jsonl'}")
    folder = _folder_of(p)
    if not folder.exists():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist; "
                          f"create it first (mkdir -p {folder}) or choose another path")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is not a folder; choose another path")
    if p.exists():
        for source in inputs:
            if source == STDOUT:
                continue
            try:
                same = os.path.samefile(p, source)
            except OSError:
                same = False
            if same:
                raise OutputError(f"the output {path} is also an input; write to another file "
                                  "(writing it would destroy the input)")
        if p.is_file() and not os.access(p, os.W_OK):
            raise OutputError(f"cannot write {path}: the file is read-only; "
                              "choose another path or change its permissions")
    real_folder = _folder_of(Path(os.path.realpath(p)))
    if not os.access(real_folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: no permission to write in {real_folder}; "
                          "choose a folder you can write to")


class SafeOutput:
    """A file that appears, complete, only when the writing commits.

    ``SafeOutput(path)`` (or ``"-"`` for standard output) opens a temporary file
    beside ``path`` on :meth:`open` (or entering a ``with`` block) and returns a
    text stream (``binary=True``: a byte stream); :meth:`commit` flushes it to disk
    and renames it onto ``path``; :meth:`discard` removes it. Leaving a ``with``
    block commits, or discards when an exception (``KeyboardInterrupt`` included)
    is on its way out. Errors raise :class:`~conflictwatch.errors.OutputError`.
    """

    def __init__(self, path: str, binary: bool = False, encoding: str = "utf-8", newline: str = "") -> None:
        self.path = path
        self.binary = binary
        self.encoding = encoding
        self.newline = newline
        self._stream: IO[Any] | None = None
        self._temp: Path | None = None
        self._target: Path | None = None

    @property
    def temp_path(self) -> Path | None:
        """The temporary file while one is open (``None`` for stdout or a device)."""
        return self._temp

    def open(self) -> IO[Any]:
        """Open the temporary file (or standard output) and return its stream."""
        if self.path == STDOUT:
            self._stream = sys.stdout.buffer if self.binary else sys.stdout
            return self._stream
        target = Path(os.path.realpath(self.path))
        if target.exists() and not target.is_file():
            # A device or a named pipe cannot be replaced: write to it directly.
            self._stream = self._open_direct(target)
            return self._stream
        folder = _folder_of(target)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
        for _ in range(100):
            temp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue
            except OSError as exc:
                raise OutputError(f"cannot write {self.path}: {_reason(exc)} in {folder}; "
                                  "choose a folder you can write to") from exc
            break
        else:  # pragma: no cover - a hundred random names taken
            raise OutputError(f"cannot write {self.path}: no free temporary name in {folder}")
        self._temp, self._target = temp, target
        try:
            if mode is not None:
                os.chmod(fd, mode)
            if self.binary:
                self._stream = os.fdopen(fd, "wb")
            else:
                self._stream = os.fdopen(fd, "w", encoding=self.encoding, newline=self.newline)
        except BaseException:
            os.close(fd)
            self._remove_temp()
            raise
        return self._stream

    def _open_direct(self, target: Path) -> IO[Any]:
        try:
            if self.binary:
                return open(target, "wb")  # noqa: SIM115 - closed by commit/discard
            return open(target, "w", encoding=self.encoding, newline=self.newline)  # noqa: SIM115
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {_reason(exc)}; choose another path") from exc

    def commit(self) -> None:
        """Make the output final: flush it to disk and rename it onto the target."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        if self.path == STDOUT:
            stream.flush()
            return
        try:
            stream.flush()
            if self._temp is not None:
                os.fsync(stream.fileno())
            stream.close()
            if self._temp is not None and self._target is not None:
                os.replace(self._temp, self._target)
                self._temp = None
                _sync_folder(_folder_of(self._target))
        except OSError as exc:
            _close_quietly(stream)
            self._remove_temp()
            raise OutputError(f"writing {self.path} failed ({_reason(exc)}); "
                              "an existing file there was left as it was") from exc

    def discard(self) -> None:
        """Drop what was written; an existing target stays as it was."""
        stream, self._stream = self._stream, None
        if stream is not None and self.path != STDOUT:
            _close_quietly(stream)
        self._remove_temp()

    def _remove_temp(self) -> None:
        temp, self._temp = self._temp, None
        if temp is not None:
            try:
                temp.unlink()
            except FileNotFoundError:
                pass

    def __enter__(self) -> IO[Any]:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def _reason(exc: OSError) -> str:
    """An OS error's reason in lower case ("permission denied")."""
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def _close_quietly(stream: IO[Any]) -> None:
    try:
        stream.close()
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
