"""Grading a long responses file on every core: chunks of rows go to worker processes and
come back in input order.

``quizbot grade`` reads and writes rows in one process; grading is most of the work and
is spread over workers forked from it (they inherit the loaded packs, nothing is sent but
the rows' question ids and responses). Each chunk is shared out by question, so each
worker prepares and caches only its own questions. A short file is graded in-process:
starting workers costs more than it saves below some thousands of rows. One chunk is out
at a time, so memory stays flat however long the file is, and a worker is sent a chunk
only when it is idle (no two processes can block each other on a full pipe).

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
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

Job = TypeVar("Job")
Done = TypeVar("Done")

# Rows a chunk holds once workers grade: enough that sending it costs little beside
# grading it, few enough that the rows waiting for it stay in the processor's caches
# (10,000 cost this process twice the time of 1,000 a row).
CHUNK_ROWS = 1_000
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
        share: Callable[[Job], int] | None = None,
    ) -> None:
        self.work = work
        self.share = share
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
            self.pool = _Pool(self.work, self.workers, self.share)
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
    """Worker processes each taking their share of every chunk, by ``share`` of a job
    (batch grading shares by question: the same question always goes to the same
    worker, which prepares and caches only its own), or in turn when there is none.

    One chunk is out at a time: the next is sent as soon as the last one is back (while
    the workers grade a chunk, this process writes the one before and reads the next),
    and a worker is sent nothing while it may still be sending, so no two processes
    can wait on each other's full pipe.
    """

    def __init__(
        self,
        work: Callable[[list[Job]], list[Done]],
        count: int,
        share: Callable[[Job], int] | None,
    ) -> None:
        context = multiprocessing.get_context("fork")
        self.share = share
        self.links: list[Connection] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []
        for _ in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, work), daemon=True)
            process.start()
            theirs.close()  # so that a worker's death reads as the end of its pipe
            self.links.append(ours)
            self.processes.append(process)
        # The chunk out: its size and, per worker, where its jobs stand in the chunk.
        self.out: tuple[int, list[list[int]]] | None = None

    def put(self, jobs: list[Job]) -> list[list[Done]]:
        finished = self.finish()
        count = len(self.links)
        places: list[list[int]] = [[] for _ in range(count)]
        shares: list[list[Job]] = [[] for _ in range(count)]
        for at, job in enumerate(jobs):
            worker = (at if self.share is None else self.share(job)) % count
            places[worker].append(at)
            shares[worker].append(job)
        self.out = (len(jobs), places)
        for link, share in zip(self.links, shares, strict=True):
            link.send(share)
        return finished

    def finish(self) -> list[list[Done]]:
        if self.out is None:
            return []
        size, places = self.out
        self.out = None
        done: list[Done | None] = [None] * size
        for link, where in zip(self.links, places, strict=True):
            for at, value in zip(where, self._receive(link), strict=True):
                done[at] = value
        return [done]  # type: ignore[list-item]  # every place is filled

    def _receive(self, link: Connection) -> list[Done]:
        try:
            answer = link.recv()
        except EOFError:
            raise RuntimeError("a grading worker process ended unexpectedly") from None
        if isinstance(answer, BaseException):
            raise answer
        result: list[Done] = answer
        return result

    def close(self) -> None:
        busy = self.out is not None
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
