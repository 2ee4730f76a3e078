"""Grading a long responses file on every core: chunks of rows go to worker processes and
come back in input order.

``quizbot grade`` reads and writes rows in one process; grading is most of the work and
is spread over workers forked from it (they inherit the loaded packs, nothing is sent but
the rows' question ids and responses). A short file is graded in-process: starting workers
costs more than it saves below some thousands of rows (``bench/bench_grade.py`` measures
where). Each worker has at most one chunk at a time, so memory stays flat however long
the file is, and a chunk is sent only when its worker is idle (no two processes can block
each other on a full pipe).

Hidden settings for tests and measurements (environment variables):
``QUIZBOT_GRADE_WORKERS`` (workers; 0 or 1 grades in-process), ``QUIZBOT_GRADE_CHUNK``
(rows a chunk) and ``QUIZBOT_GRADE_POOL_AFTER`` (rows graded in-process before workers start,
when the size of the input is not known).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

Job = TypeVar("Job")
Done = TypeVar("Done")

# Rows a chunk holds once workers grade: large enough that sending it costs little
# beside grading it, small enough that the first rows come out soon.
CHUNK_ROWS = 10_000
# Rows graded in this process before workers start, when the input's size is unknown
# (a pipe): below this, starting them costs more than they save (bench/README.md).
POOL_AFTER_ROWS = 40_000
# A file at least this big gets workers from its first chunk: started early, before this
# process has built up caches of its own, they fork a small process (its pages are shared
# copy-on-write, and each page either side writes to afterwards is copied once).
POOL_FILE_BYTES = 1_000_000
# In-process, rows are still graded a chunk at a time (the same loop), in small chunks
# so that a pipe reader sees rows as soon as they are graded.
LOCAL_CHUNK_ROWS = 256
# No more workers than this, however many cores there are.
MAX_WORKERS = 8


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip().isdigit() else default


def worker_count() -> int:
    """How many worker processes to use: one per core this process may run on, or 0."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0  # workers inherit the packs by fork; elsewhere grade in-process
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    workers = _setting("QUIZBOT_GRADE_WORKERS", min(cores, MAX_WORKERS))
    return workers if workers >= 2 else 0


class Chunks(Generic[Job, Done]):
    """Runs ``work`` on chunks of jobs, in-process at first and in forked workers once
    ``pool_after`` jobs have been seen (or at once); ``put`` and ``finish`` give back the finished
    chunks, always in the order they were put."""

    def __init__(
        self,
        work: Callable[[list[Job]], list[Done]],
        *,
        workers: int | None = None,
        chunk: int | None = None,
        pool_after: int | None = None,
        at_once: bool = False,
    ) -> None:
        self.work = work
        self.workers = worker_count() if workers is None else workers
        if chunk is None:
            chunk = _setting("QUIZBOT_GRADE_CHUNK", CHUNK_ROWS)
        if pool_after is None:
            pool_after = _setting("QUIZBOT_GRADE_POOL_AFTER", POOL_AFTER_ROWS)
        self.pool_chunk = max(1, chunk)
        self.pool_after = 0 if at_once else pool_after
        self.seen = 0
        self.pool: _Pool[Job, Done] | None = None

    @property
    def size(self) -> int:
        """How many jobs the next chunk should hold."""
        return self.pool_chunk if self.pool is not None else LOCAL_CHUNK_ROWS

    def put(self, jobs: list[Job]) -> list[list[Done]]:
        """Hand over a chunk; returns the chunks finished meanwhile, oldest first."""
        self.seen += len(jobs)
        if self.pool is None and self.workers >= 2 and self.seen > self.pool_after:
            # The objects alive now stay out of the cycle collector's sweeps, which would
            # otherwise write to (and so copy) every page of them in each worker.
            gc.freeze()
            self.pool = _Pool(self.work, self.workers)
        if self.pool is None:
            return [self.work(jobs)] if jobs else []
        return self.pool.put(jobs)

    def finish(self) -> list[list[Done]]:
        """Every chunk not given back yet, oldest first."""
        return self.pool.finish() if self.pool is not None else []

    def close(self) -> None:
        """End the workers (at once, when chunks are still out: the run failed)."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None
            gc.unfreeze()


class _Pool(Generic[Job, Done]):
    """Worker processes taking chunks in turn: chunk n goes to worker n mod the count,
    so reading the answers in the same turn keeps the input order."""

    def __init__(self, work: Callable[[list[Job]], list[Done]], count: int) -> None:
        context = multiprocessing.get_context("fork")
        self.links: list[Connection] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []
        for _ in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, work), daemon=True)
            process.start()
            theirs.close()  # so that a worker's death reads as the end of its pipe
            self.links.append(ours)
            self.processes.append(process)
        self.sent = 0  # chunks sent
        self.out: deque[int] = deque()  # the workers holding a chunk, in the order sent

    def put(self, jobs: list[Job]) -> list[list[Done]]:
        worker = self.sent % len(self.links)
        finished = []
        if worker in self.out:
            # The worker is busy: take back every chunk up to its, in order.
            while worker in self.out:
                finished.append(self._receive())
        self.links[worker].send(jobs)
        self.out.append(worker)
        self.sent += 1
        return finished

    def finish(self) -> list[list[Done]]:
        return [self._receive() for _ in range(len(self.out))]

    def _receive(self) -> list[Done]:
        worker = self.out.popleft()
        try:
            answer = self.links[worker].recv()
        except EOFError:
            raise RuntimeError("a grading worker process ended unexpectedly") from None
        if isinstance(answer, BaseException):
            raise answer
        result: list[Done] = answer
        return result

    def close(self) -> None:
        busy = bool(self.out)
        for link in self.links:
            if not busy:
                with contextlib.suppress(OSError):
                    link.send(None)  # done: the worker returns
            link.close()
        for process in self.processes:
            if busy:
                process.terminate()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()


def _serve(link: Connection, work: Callable[[Sequence[object]], object]) -> None:
    """A worker: grade each chunk received and send its results back, until told to stop."""
    # Interrupts and termination are the parent's to handle: it ends the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
    while True:
        try:
            jobs = link.recv()
        except EOFError:
            return
        if jobs is None:
            return
        try:
            answer: object = work(jobs)
        except Exception as error:  # passed back to the parent, which raises it
            answer = error
        link.send(answer)
