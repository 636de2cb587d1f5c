"""Work shared between this process and forked copies of it.

The items are cut into small pieces; whichever process is free takes the next piece,
so all end within one piece of each other (a busy core, a later start or the parent's
own work makes a process take fewer). Each child sends the result of every piece as
soon as it has it, and the parent reads them on a thread while it works: at the end
there is almost nothing left to read back, pickling and reading being on the serial
path otherwise. Forked, not spawned: the children inherit everything already loaded.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback


def _taken(pieces, fd: int):
    """The pieces this process takes, one at a time. Their numbers wait in a pipe
    written before the fork: a read of 4 bytes from a pipe is whole and goes to one
    reader only, so each piece is taken once, with no lock (and no import of
    multiprocessing, whose import alone is a hundredth of a second)."""
    while True:
        number = os.read(fd, 4)
        if not number:
            return
        yield pieces[int.from_bytes(number, "little")]


def _child(run, pieces, numbers: int, fd: int) -> None:
    """In the forked child: run every piece it takes, send each result; never returns."""
    code = 1
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                for piece in _taken(pieces, numbers):
                    pickle.dump(("piece", run(piece)), out, pickle.HIGHEST_PROTOCOL)
                pickle.dump(("done", None), out)
                code = 0
            except BaseException:  # noqa: BLE001 - any failure goes back to the parent
                pickle.dump(("error", traceback.format_exc()), out)
    finally:
        os._exit(code)  # no atexit handlers, no second flush of the parent's buffers


class _Reader(threading.Thread):
    """Reads one child's results while the parent works."""

    def __init__(self, pid: int, fd: int):
        super().__init__(daemon=True)
        self.pid, self.fd = pid, fd
        self.results: list = []
        self.error = "the worker process ended without sending its results"

    def run(self) -> None:
        with os.fdopen(self.fd, "rb") as stream:
            while True:
                try:
                    kind, value = pickle.load(stream)
                except EOFError:
                    return
                except Exception as exc:  # cut short: the child was killed mid-write
                    self.error = f"the worker process's results could not be read ({exc!r})"
                    return
                if kind == "piece":
                    self.results.append(value)
                elif kind == "done":
                    self.error = None
                else:
                    self.error = value


def in_processes(run, items: list, workers: int, piece: int) -> list:
    """[run(some items), …]: every item run exactly once, in this process or one of
    workers - 1 forked children, `piece` items at a time. A child's failure is raised
    here as RuntimeError with its traceback."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return [run(items)]
    # At most 1,024 numbers of 4 bytes: a pipe holds at least 4 KiB (one page, when the
    # user has many pipes), and they are written before anyone reads.
    piece = max(piece, -(-len(items) // 1024))
    pieces = [items[i:i + piece] for i in range(0, len(items), piece)]
    numbers, w = os.pipe()
    os.write(w, b"".join(i.to_bytes(4, "little") for i in range(len(pieces))))
    os.close(w)
    readers = []
    try:
        for _ in range(workers - 1):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                _child(run, pieces, numbers, w)
            os.close(w)
            readers.append(_Reader(pid, r))
        for reader in readers:  # threads only after the last fork
            reader.start()
        results = [run(item for p in _taken(pieces, numbers) for item in p)]
    except BaseException:
        for reader in readers:  # no one would wait for what they find
            os.kill(reader.pid, signal.SIGTERM)
            os.waitpid(reader.pid, 0)
        raise
    finally:
        os.close(numbers)
    for reader in readers:
        reader.join()
        os.waitpid(reader.pid, 0)
        if reader.error:
            raise RuntimeError(f"a worker process failed:\n{reader.error}")
        results += reader.results
    return results


class Background:
    """fn() computed in a forked child while this process goes on (the search index
    while MkDocs renders the pages: a second core otherwise idle). `result()` waits
    for it; where there is no fork, or `forked` is False (a process with threads, such
    as `mkdocs serve`, must not fork), fn runs there and then, in this process."""

    def __init__(self, fn, forked: bool = True):
        self.pid = None
        if not (forked and hasattr(os, "fork")):
            self.value = fn()
            return
        numbers = _one_number()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _child(lambda _: fn(), [None], numbers, w)
        os.close(w)
        os.close(numbers)
        self.pid, self.fd = pid, r

    def result(self):
        if self.pid is None:
            return self.value
        reader = _Reader(self.pid, self.fd)
        reader.run()  # here, not on a thread: there is nothing else to do meanwhile
        os.waitpid(self.pid, 0)
        self.pid = None
        if reader.error:
            raise RuntimeError(f"a background process failed:\n{reader.error}")
        self.value = reader.results[0]
        return self.value


def _one_number() -> int:
    """A pipe holding the number of one piece (0), for _child."""
    r, w = os.pipe()
    os.write(w, (0).to_bytes(4, "little"))
    os.close(w)
    return r
