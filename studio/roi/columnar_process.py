"""A producer run in a forked process, its messages read back in order (``columnar``'s SQLite
rows).

On a helper thread, the conversion of a block (pyarrow, numpy, building the tuples) and
SQLite's ``executemany`` of the previous one take turns holding the GIL: the writing ran
~25 % slower than alone. In a child process the conversion has its own interpreter; the
importing thread only reads each block's rows back, ``marshal`` (C, no Python per value),
and writes them.

A message is a header (pickled: counts, rejected rows, an exception, the end) and, for a
block, its rows. Only where forking is safe (``import_workers.may_fork``); elsewhere the
thread does the work.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from typing import Any

# how a block's rows travel: marshal for the plain values of stage rows, pickle for any other;
# _DONE: the producer returned (the iterator ends)
_NONE, _MARSHAL, _PICKLE, _DONE = 0, 1, 2, 3
Send = Callable[[Any, "list[tuple[Any, ...]] | None"], None]


class Ended(Exception):
    """The child process ended without its last message (killed, out of memory)."""


def run(produce: Callable[[Send], None]) -> Iterator[tuple[Any, list[tuple[Any, ...]] | None]]:
    """``produce(send)`` in a forked child; yields each (header, rows) it sent, in order, and
    ends when ``produce`` returns. Closing the iterator early ends the child."""
    context = multiprocessing.get_context("fork")
    receive, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, produce), name="import-columns",
                            daemon=True)  # fmt: skip
    child.start()
    sending.close()  # the child's end: EOF here when the child is gone
    # Each block read back is ~8,000 new tuples, alive until written: ~1,400 young-generation
    # passes per million rows, and full ones over the importer's whole heap (0.15-0.3 s of
    # an import, gc.callbacks). They are in no cycle; reference counting frees them. The
    # collector is back when the iterator ends, if it was on (a caller's choice stands).
    collecting = gc.isenabled()
    gc.disable()
    try:
        while True:
            try:
                header, how = pickle.loads(receive.recv_bytes())
                rows = None
                if how == _DONE:
                    return
                if how == _MARSHAL:
                    rows = marshal.loads(receive.recv_bytes())
                elif how == _PICKLE:
                    rows = pickle.loads(receive.recv_bytes())
            except EOFError:
                raise Ended("the import's conversion process ended without a word") from None
            yield header, rows
    finally:
        if collecting:
            gc.enable()
        if child.is_alive():
            child.terminate()
        child.join()
        receive.close()


def _child(sending: Any, produce: Callable[[Send], None]) -> None:
    # the objects inherited from the importing process are never freed here: keeping the
    # collector off them keeps their pages shared rather than copied
    gc.freeze()

    def send(header: Any, rows: list[tuple[Any, ...]] | None) -> None:
        data, how = b"", _NONE
        if rows is not None:
            try:
                data, how = marshal.dumps(rows), _MARSHAL
            except ValueError:  # a value marshal does not take (a date, a Decimal)
                data, how = pickle.dumps(rows, pickle.HIGHEST_PROTOCOL), _PICKLE
        sending.send_bytes(_header(header, how))
        if how != _NONE:
            sending.send_bytes(data)

    try:
        produce(send)
        sending.send_bytes(pickle.dumps((None, _DONE)))
    finally:
        sending.close()


def _header(header: Any, how: int) -> bytes:
    try:
        return pickle.dumps((header, how))
    except Exception:
        if not isinstance(header, BaseException):
            raise
        # an error that does not pickle still reaches the importer, as its name and message
        return pickle.dumps((RuntimeError(f"{type(header).__name__}: {header}"), how))
