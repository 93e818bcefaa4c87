"""Soundtracks this process has already encoded, kept to be used again.

A batch renders one template for many products: the same music, trimmed and faded to the
same length, is encoded to the same AAC for every video (~0.3 CPU-s of a 15 s video's ~6,
spent in an ffmpeg process of its own). A worker keeps the few soundtracks it made last, in
memory, and the next video with the same soundtrack gets those bytes instead of a new
encode. The soundtrack's ffmpeg command is ``bitexact`` (the same command gives the same
bytes), so a video is the same file whether its soundtrack was made or reused.

What makes two soundtracks the same: the whole ffmpeg command (filters, durations, bitrate,
the ffmpeg binary) with each input file named by its contents, not its path — a template's
music stored at a new temporary path each time is still the same music, and a file changed
in place is not. An input that is not a file (generated silence) stays as written; an input
too big to read for a digest (a long clip's sound) turns reuse off for that video.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections import OrderedDict
from pathlib import Path

KEEP_BYTES = 32 * 1024 * 1024  # a 15 s AAC soundtrack is ~0.25 MB, a 5-minute one ~5 MB
KEEP_COUNT = 16
DIGEST_LIMIT = 64 * 1024 * 1024  # inputs read for their digest at most (music, voice-over)
FILE = "file:"

_lock = threading.Lock()
_kept: OrderedDict[str, bytes] = OrderedDict()  # key → the encoded soundtrack, newest last
_digests: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) → digest of contents


def _after_fork_in_child() -> None:
    """A forked worker starts with its own, empty, memory of soundtracks, and a lock no
    thread of the parent can be holding."""
    global _lock
    _lock = threading.Lock()
    _kept.clear()
    _digests.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def _digest(path: str) -> str | None:
    """The contents' digest of the file at ``path``; None when it cannot or should not be
    read (missing, not a regular file, bigger than DIGEST_LIMIT). Read outside the lock: a
    long voice-over being digested holds up no other render's lookup."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > DIGEST_LIMIT:
        return None
    known = (path, info.st_size, info.st_mtime_ns)
    with _lock:
        if known in _digests:
            return _digests[known]
    try:
        with open(path, "rb") as source:
            value = hashlib.file_digest(source, lambda: hashlib.blake2b(digest_size=20))
    except OSError:
        return None
    digest = value.hexdigest()
    with _lock:
        if len(_digests) >= 1024:  # a long-lived worker sees many voice-overs: forget, not grow
            _digests.clear()
        _digests[known] = digest
    return digest


def key(args: list[str]) -> str | None:
    """What identifies the soundtrack ``args`` (an ffmpeg command) makes; None when it cannot
    be told (an input file unreadable or too big to digest): such a soundtrack is not kept."""
    parts: list[str] = []
    for before, arg in zip(["", *args], args, strict=False):
        if before == "-i" and arg.startswith(FILE):
            digest = _digest(arg.removeprefix(FILE))
            if digest is None:
                return None
            arg = f"{FILE}<{digest}>"
        parts.append(arg)
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()


def reuse(name: str, into: Path) -> bool:
    """Write the kept soundtrack ``name`` to ``into``; False when none is kept."""
    with _lock:
        data = _kept.get(name)
        if data is None:
            return False
        _kept.move_to_end(name)
    into.write_bytes(data)
    return True


def keep(name: str, made: Path) -> None:
    """Remember the soundtrack just encoded to ``made``, dropping the oldest beyond the limits."""
    try:
        data = made.read_bytes()
    except OSError:
        return
    if len(data) > KEEP_BYTES:
        return
    with _lock:
        _kept[name] = data
        _kept.move_to_end(name)
        while len(_kept) > KEEP_COUNT or sum(map(len, _kept.values())) > KEEP_BYTES:
            _kept.popitem(last=False)


def forget() -> None:
    """Drop every kept soundtrack (tests; a worker told to free memory)."""
    with _lock:
        _kept.clear()
        _digests.clear()
