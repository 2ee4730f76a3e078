"""Batch grading in worker processes: the same bytes as in one process, in input order."""

from __future__ import annotations

import io
import multiprocessing
import random

import pytest
from grading_helpers import q

from quizbot.batch import BatchError, GradeSummary, grade_rows
from quizbot.batch_pool import Chunks
from quizbot.packs.model import Pack

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers need fork"
)

PACK = Pack(
    id="pool",
    title="Pool",
    questions=(
        q("text", "Hohhot", id="capital", prompt="Capital of Inner Mongolia?"),
        q("number", "900 million", id="users", prompt="How many users in 2020?"),
        q("choice", "Kunming", id="city", options=("Chengdu", "Kunming", "Lhasa")),
        q("truefalse", "true", id="tf"),
        q("list", "Guizhou, Yunnan", id="provinces", answers=(("Guizhou",), ("Yunnan",))),
    ),
)
RESPONSES = {
    "capital": ["Hohhot", "hohot", "Baotou", "not Hohhot", "I think it's Hohhot", "=1+1", ""],
    "users": ["900 million", "904", "900,000,000", "about 9 million", "2020", "lots"],
    "city": ["B", "maybe A", "Kunming", "(c)", "E", "Chengdu or Kunming"],
    "tf": ["true", "no", "I think T", "not really", "对"],
    "provinces": ["Guizhou, Yunnan", "Guizhou", "Guizhou\nYunnan", "Tibet; Guizhou", "all"],
    "helth": ["900 million"],  # an unknown id: an error row
}


def responses_file(rows: int, seed: int = 3) -> str:
    """A class's responses: repeated answers, odd cells, extra cells, multi-line cells."""
    rng = random.Random(seed)
    lines = ["student,question,response,note"]
    for n in range(rows):
        question = rng.choice(list(RESPONSES))
        response = rng.choice(RESPONSES[question]).replace('"', '""')
        extra = rng.choice(["", "", "7a", "7b,late", "x\ry"])
        if "\r" in extra:
            extra = f'"{extra}"'
        lines.append(f's{n},{question},"{response} {n % 17 or ""}",{extra}')
    return "\n".join(lines) + "\n"


def graded(
    text: str, fmt: str, monkeypatch: pytest.MonkeyPatch, *, workers: int
) -> tuple[str, GradeSummary]:
    monkeypatch.setenv("QUIZBOT_GRADE_WORKERS", str(workers))
    monkeypatch.setenv("QUIZBOT_GRADE_CHUNK", "7")
    monkeypatch.setenv("QUIZBOT_GRADE_POOL_AFTER", "0")
    out = io.StringIO()
    summary = grade_rows((PACK,), io.StringIO(text, newline=""), out, fmt)  # type: ignore[arg-type]
    return out.getvalue(), summary


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_workers_write_the_same_bytes_as_one_process(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = responses_file(3_000)
    alone, alone_summary = graded(text, fmt, monkeypatch, workers=0)
    pooled, pooled_summary = graded(text, fmt, monkeypatch, workers=2)
    assert pooled == alone
    assert pooled_summary == alone_summary
    assert alone_summary.rows == 3_000 and alone_summary.errors > 0


def test_rows_before_a_bad_line_are_written_by_workers_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = responses_file(200)
    text = good + 'x,capital,"never closed\n'
    outputs = []
    for workers in (0, 2):
        monkeypatch.setenv("QUIZBOT_GRADE_WORKERS", str(workers))
        monkeypatch.setenv("QUIZBOT_GRADE_CHUNK", "7")
        monkeypatch.setenv("QUIZBOT_GRADE_POOL_AFTER", "0")
        out = io.StringIO()
        with pytest.raises(BatchError) as error:
            grade_rows((PACK,), io.StringIO(text, newline=""), out, "csv")
        assert error.value.line == len(io.StringIO(good, newline="").readlines()) + 1
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\ns199,") == 1


def _square_all(jobs: list[int]) -> list[int]:
    return [n * n for n in jobs]


def test_chunks_come_back_in_order_with_one_chunk_out_at_most() -> None:
    chunks: Chunks[int, int] = Chunks(
        _square_all, workers=3, chunk=5, pool_after=0, share=lambda n: n // 3
    )
    done: list[int] = []
    sizes = [5, 1, 5, 3, 5, 5, 2, 5, 5, 4, 5]
    start = 0
    try:
        for size in sizes:
            for finished in chunks.put(list(range(start, start + size))):
                done.extend(finished)
            start += size
            assert chunks.pool is not None
            assert chunks.pool.out is not None and chunks.pool.out[0] == size  # one chunk out
        for finished in chunks.finish():
            done.extend(finished)
    finally:
        chunks.close()
    assert done == [n * n for n in range(start)]


def _fail_on_seven(jobs: list[int]) -> list[int]:
    if 7 in jobs:
        raise ValueError("seven")
    return jobs


def test_a_workers_exception_is_raised_here_and_the_workers_end() -> None:
    chunks: Chunks[int, int] = Chunks(_fail_on_seven, workers=2, chunk=2, pool_after=0)
    pool = None
    with pytest.raises(ValueError, match="seven"):
        try:
            for start in range(0, 20, 2):
                chunks.put([start, start + 1])
                pool = chunks.pool
            chunks.finish()
        finally:
            chunks.close()
    assert pool is not None
    assert not any(process.is_alive() for process in pool.processes)


def test_a_short_input_of_unknown_size_is_graded_in_this_process() -> None:
    chunks: Chunks[int, int] = Chunks(_square_all, workers=2, pool_after=100)
    assert chunks.put(list(range(50))) == [_square_all(list(range(50)))]
    assert chunks.pool is None
    try:
        assert chunks.put(list(range(60))) == []  # past 100 jobs: a worker has it
        assert chunks.pool is not None
        assert chunks.finish() == [_square_all(list(range(60)))]
    finally:
        chunks.close()


def test_an_observer_sees_the_same_rows_in_the_same_order_with_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = responses_file(500)
    seen: dict[int, list[tuple[str, str, str]]] = {}
    for workers in (0, 2):
        monkeypatch.setenv("QUIZBOT_GRADE_WORKERS", str(workers))
        monkeypatch.setenv("QUIZBOT_GRADE_CHUNK", "7")
        monkeypatch.setenv("QUIZBOT_GRADE_POOL_AFTER", "0")
        calls = seen[workers] = []
        grade_rows(
            (PACK,),
            io.StringIO(text, newline=""),
            io.StringIO(),
            "csv",
            observe=lambda *row: calls.append(row),  # noqa: B023 (called before the loop ends)
        )
    assert seen[2] == seen[0]
    assert len(seen[0]) == 500 - text.count(",helth,")  # unknown questions are not passed
    assert {verdict for _, _, verdict in seen[0]} == {"correct", "partial", "incorrect"}
