"""Opening the files the library reads: regular files only, and not too large.

A path may name a named pipe, a device or a folder, or a symbolic link to
one. Opening a named pipe waits for a writer that may never come, and
``/dev/zero`` never ends. So a file is opened without waiting, and what the
open descriptor itself is, not what the path named a moment before, decides
whether it is read.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Final

from tmall_service._values.errors import RuleBookError

__all__ = ["DEFAULT_MAX_BYTES", "byte_count", "check_paths", "open_regular", "open_shops"]

DEFAULT_MAX_BYTES: Final = 1024**3
"""The largest shop file read unless told otherwise: 1 GiB, tens of millions of rows."""

_UNITS: Final = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
_SIZE: Final = re.compile(r"([0-9]+)([KMG]?)", re.IGNORECASE)
_KINDS: Final[tuple[tuple[Callable[[int], bool], str], ...]] = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_SHOP_FILES: Final = "shops are read from a CSV, Parquet or Excel .xlsx file"
_RAISE_LIMIT: Final = "raise the limit with --max-bytes"


def byte_count(text: str) -> int:
    """A number of bytes from the command line: ``5000000``, ``500K``, ``200M`` or ``2G``.

    K, M and G are binary units: 1024, 1024² and 1024³ bytes.

    >>> byte_count("2G")
    2147483648
    >>> byte_count("1500")
    1500
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match[1]) == 0:
        msg = f"{text!r} is not a number of bytes such as 5000000, 500M or 2G"
        raise argparse.ArgumentTypeError(msg)
    return int(match[1]) * _UNITS[match[2].upper()]


def _refusal(
    path: Path, descriptor: int, *, expected: str, max_bytes: int | None, remedy: str
) -> str | None:
    """Why the open *descriptor* of *path* is not to be read, or ``None``."""
    try:
        status = os.fstat(descriptor)
    except OSError as error:
        return f"{path}: cannot be read: {error.strerror or error}"
    if stat.S_ISDIR(status.st_mode):
        # The words the system uses, as when a folder cannot be opened at all.
        return f"{path}: cannot be read: {os.strerror(errno.EISDIR)}"
    if not stat.S_ISREG(status.st_mode):
        kind = next((f" ({name})" for test, name in _KINDS if test(status.st_mode)), "")
        return f"{path}: not a regular file{kind}; {expected}"
    if max_bytes is not None and status.st_size > max_bytes:
        return f"{path}: larger than {max_bytes} bytes ({status.st_size} bytes); {remedy}"
    return None


def open_regular(
    path: Path, *, expected: str, max_bytes: int | None = None, remedy: str = ""
) -> io.BufferedReader:
    """*path* opened for reading bytes, if it is a regular file of at most *max_bytes*.

    Anything else raises :class:`~tmall_service.RuleBookError` naming the
    file: *expected* says what should have been there, *remedy* what to do
    about a file over the limit.
    """
    try:
        descriptor = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as error:
        msg = f"{path}: cannot be read: {error.strerror or error}"
        raise RuleBookError(msg) from None
    try:
        # What the descriptor is decides, not what the path named a moment before.
        problem = _refusal(path, descriptor, expected=expected, max_bytes=max_bytes, remedy=remedy)
        if problem is None:
            return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    os.close(descriptor)
    raise RuleBookError(problem)


def open_shops(path: Path, max_bytes: int | None = None) -> io.BufferedReader:
    """A shop file opened for reading bytes, as :func:`open_regular` allows."""
    return open_regular(path, expected=_SHOP_FILES, max_bytes=max_bytes, remedy=_RAISE_LIMIT)


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths lead to one file, however each is spelt."""
    try:
        return one.samefile(other)
    except OSError:
        pass  # one of them is not there yet: compare where each would be
    try:
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False  # a loop of links: writing to it fails with its own message


def check_paths(args: argparse.Namespace, source: Path | None = None) -> None:
    """Refuse a command's files before anything is read or written.

    The input (*source*, by default the command's file) must be a regular
    file within ``--max-bytes``; ``--output`` and ``--rejects``, where given,
    must be neither the input nor each other, or writing the one would
    destroy the other.
    """
    source = Path(args.file) if source is None else source
    open_shops(source, args.max_bytes).close()
    output, rejects = getattr(args, "output", None), getattr(args, "rejects", None)
    for option, target, what in (
        ("--output", output, "the results"),
        ("--rejects", rejects, "the rejected rows"),
    ):
        if target and _same_file(Path(target), source):
            msg = f"{option} {target} is the input file {source}; {what} must go to another file"
            raise RuleBookError(msg)
    if output and rejects and _same_file(Path(rejects), Path(output)):
        msg = (
            f"--rejects {rejects} is the --output file {output}; "
            "the rejected rows must go to another file"
        )
        raise RuleBookError(msg)
