"""Benchmark the grader: in-process rates, batch throughput, the whole ``quizbot grade``
command in one and two processes, and single grades per type.

Run: python bench/bench_grade.py [--in-process | --by-kind | --whole [--rows 100000,1000000]]
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizbot.authoring.yaml_writer import dump_pack
from quizbot.batch import grade_rows
from quizbot.grading import grade
from quizbot.grading import prepared as prepared_keys
from quizbot.grading.normalize import said_words, words
from quizbot.packs.model import Pack, Question, Reject

QUESTIONS = 10_000
RESPONSES = 100_000
CITIES = ["Hohhot", "Guiyang", "Chengdu", "Kunming", "Lhasa", "Urumqi", "Nanning", "Harbin"]
APPS = ["WeChat Work", "DingTalk", "Tencent Meeting", "Alipay", "Health Code", "Taobao Live"]


def make_pack(rng: random.Random) -> tuple[Pack, dict[str, list[str]]]:
    """A 10,000-question pack of every type, and a pool of likely responses per question."""
    questions: list[Question] = []
    pool: dict[str, list[str]] = {}
    for n in range(QUESTIONS):
        kind = n % 5
        qid = f"q{n}"
        if kind == 0:
            answer = rng.choice(APPS) + f" {n}" if n % 7 == 0 else rng.choice(APPS)
            question = Question(
                qid,
                "text",
                f"Which app is number {n}?",
                answer,
                accept=("企业微信",),
                reject=(Reject("WeChat"),),
            )
            pool[qid] = [
                answer,
                answer.lower(),
                answer.replace(" ", ""),
                answer[:-1],
                "WeChat",
                "I think it's " + answer,
                "no idea",
                "企业微信",
                "Baotou",
            ]
        elif kind == 1:
            value = rng.randint(1, 999)
            answer = f"{value} million"
            question = Question(qid, "number", f"How many users in {2000 + n % 20}?", answer)
            pool[qid] = [
                answer,
                f"{value},000,000",
                f"about {value} million people",
                f"{value}",
                f"{value + 4} million",
                f"{2000 + n % 20}",
                f"{value}m",
            ]
        elif kind == 2:
            options = tuple(rng.sample(CITIES, 4))
            question = Question(qid, "choice", "Which city?", options[1], options=options)
            pool[qid] = ["B", "b", "(B)", "A", options[1], options[2], "option B"]
        elif kind == 3:
            question = Question(qid, "truefalse", "Is it so?", rng.choice(["true", "false"]))
            pool[qid] = ["true", "false", "yes", "no", "对", "T", "not true"]
        else:
            items = tuple((c,) for c in rng.sample(CITIES, 3))
            question = Question(
                qid,
                "list",
                "Name three cities.",
                ", ".join(i[0] for i in items),
                answers=items,
                need=2,
            )
            pool[qid] = [
                ", ".join(i[0] for i in items),
                f"{items[0][0]} and {items[1][0]}",
                items[2][0],
                "Beijing, Shanghai",
                f"{items[0][0]}; Lhasa",
            ]
        questions.append(question)
    return Pack(id="bench", title="Benchmark", questions=tuple(questions)), pool


def write_responses(
    path: Path, pool: dict[str, list[str]], rng: random.Random, rows: int = RESPONSES
) -> None:
    ids = list(pool)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student", "question", "response"])
        for n in range(rows):
            qid = rng.choice(ids)
            writer.writerow([f"s{n % 300}", qid, rng.choice(pool[qid])])


def bare_copy(source: Path, target: Path) -> None:
    """Read and write the same rows with csv alone: the floor for any batch grader."""
    with (
        source.open(newline="", encoding="utf-8") as inp,
        target.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.reader(inp)
        writer = csv.writer(out)
        for row in reader:
            writer.writerow([*row, "correct", "1", "Correct — something."])


def single_grades(pack: Pack) -> None:
    samples = {
        "text": (pack.questions[0], "I think it's " + pack.questions[0].answer.lower()),
        "number": (pack.questions[1], "about " + pack.questions[1].answer + " people"),
        "choice": (pack.questions[2], "(B)"),
        "truefalse": (pack.questions[3], "that's true"),
        "list": (pack.questions[4], pack.questions[4].answer.replace(",", " and", 1)),
    }
    print("single grade, median of 2,000 (µs):")
    for kind, (question, response) in samples.items():
        grade(question, response)  # prepare the question once, as a session would
        times = []
        for _ in range(2000):
            words.cache_clear()  # time a fresh response, not a cached one
            said_words.cache_clear()
            start = time.perf_counter()
            grade(question, response)
            times.append(time.perf_counter() - start)
        print(f"  {kind:10} {statistics.median(times) * 1e6:8.1f}   ({response!r})")
    long_text = "Hohhot " * 15_000
    start = time.perf_counter()
    grade(pack.questions[0], long_text)
    print(f"  100,000-char response: {(time.perf_counter() - start) * 1e6:.0f} µs")
    number = next(q for q in pack.questions if q.type == "number")
    strange = {"990 repeated numbers": "1 " * 990, "a 990-word denial": "isn't " + "x " * 990}
    for label, response in strange.items():
        start = time.perf_counter()
        grade(number, response)
        print(f"  {label}: {(time.perf_counter() - start) * 1e6:.0f} µs")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def distinct_responses(pack: Pack, rng: random.Random, count: int) -> list[tuple[Question, str]]:
    """Mostly distinct responses, as a class writes them: right, near, wrong, padded, typed."""
    made: list[tuple[Question, str]] = []
    leads = ["", "I think ", "it's ", "maybe ", "the answer is ", "um ", "probably "]
    for n in range(count):
        question = pack.questions[rng.randrange(len(pack.questions))]
        lead = rng.choice(leads)
        answer = question.answer
        roll = rng.random()
        if question.type == "text":
            if roll < 0.4:
                said = answer if rng.random() < 0.5 else answer.lower()
            elif roll < 0.6:
                said = " ".join(_typo(w, rng) for w in answer.split())
            elif roll < 0.8:
                said = f"{rng.choice(APPS)} {rng.randrange(1000)}"
            else:
                said = f"{answer} app {n}"
        elif question.type == "number":
            value = int(answer.split()[0])
            if roll < 0.4:
                said = rng.choice([answer, f"{value}m", f"{value},000,000", f"about {answer}"])
            elif roll < 0.7:
                said = f"{value + rng.randint(-50, 50)} million"
            else:
                said = f"{rng.randint(1, 99_999)} {rng.choice(['people', 'users', ''])}"
        elif question.type == "choice":
            if roll < 0.5:
                said = rng.choice(["A", "B", "C", "D", "(b)", "option C", "b)"])
            else:
                said = rng.choice(question.options) + rng.choice(["", " city", f" {n}"])
        elif question.type == "truefalse":
            said = rng.choice(["true", "false", "yes", "no", "not true", "T", "对"])
            said += rng.choice(["", "", f" because {n}", ", I think"])
        else:
            cities = rng.sample(CITIES, rng.randint(1, 4))
            said = rng.choice([", ", " and ", "; ", "/"]).join(cities)
        made.append((question, lead + said))
    return made


def in_process(pack: Pack, pool: dict[str, list[str]], rng: random.Random) -> None:
    """grade() itself, on one core, without the batch's verdict cache.

    Two sets of 100,000 responses: the pool ``quizbot grade`` is measured on (about
    half the rows distinct) and one where nearly every response is distinct. The
    first pass also grades each question's canonical responses for the first time.
    Rates are per second of this process's CPU time: on a machine shared with other
    jobs, wall time measures the others too.
    """
    index = {q.id: q for q in pack.questions}
    ids = list(pool)
    pooled = []
    for _ in range(RESPONSES):
        qid = rng.choice(ids)
        pooled.append((index[qid], rng.choice(pool[qid])))
    sets = {"pool": pooled, "distinct": distinct_responses(pack, rng, RESPONSES)}
    for question in pack.questions:
        grade(question, "warm up")  # each question prepared once, as a batch does first
    for name, responses in sets.items():
        prepared_keys.forget_verdicts()  # a fresh start: nothing graded yet
        distinct = len({(q.id, r) for q, r in responses})
        rates = []
        for _ in range(3):
            words.cache_clear()
            said_words.cache_clear()
            start = time.process_time()
            for question, response in responses:
                grade(question, response)
            rates.append(len(responses) / (time.process_time() - start))
        print(
            f"grade() in-process, {name} ({distinct:,} of {len(responses):,} distinct): "
            f"first pass {rates[0]:,.0f}/s, best of 3 {max(rates):,.0f}/s"
        )


def by_kind(pack: Pack, rng: random.Random) -> None:
    """Where the distinct set's time goes: CPU µs a response by question type and
    reason, graded in the set's own order (each response timed on its own, so the
    timer's cost, under a microsecond, is in every figure)."""
    responses = distinct_responses(pack, rng, RESPONSES)
    for question in pack.questions:
        grade(question, "warm up")
    reasons = [grade(q, r).reason for q, r in responses]
    spent: dict[tuple[str, str], float] = {}
    count: dict[tuple[str, str], int] = {}
    clock = time.process_time
    for _ in range(2):
        prepared_keys.forget_verdicts()
        words.cache_clear()
        said_words.cache_clear()
        for (question, response), reason in zip(responses, reasons, strict=True):
            start = clock()
            grade(question, response)
            took = clock() - start
            kind = (question.type, reason)
            spent[kind] = spent.get(kind, 0.0) + took
            count[kind] = count.get(kind, 0) + 1
    total = sum(spent.values())
    print("by kind, distinct set, CPU µs a response (share of the time):")
    for kind in sorted(spent):
        print(
            f"  {kind[0]:10} {kind[1]:14} {count[kind] // 2:7,} "
            f"{spent[kind] / count[kind] * 1e6:6.1f} µs  {spent[kind] / total:6.1%}"
        )


# Runs ``quizbot grade`` and reports on stderr the CPU seconds of the process itself
# and of its workers (the children it waited for).
_MEASURED_GRADE = (
    "import resource, sys\n"
    "from quizbot.cli import main\n"
    "status = main(['grade', *sys.argv[1:]])\n"
    "me = resource.getrusage(resource.RUSAGE_SELF)\n"
    "them = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('cpu', me.ru_utime + me.ru_stime, them.ru_utime + them.ru_stime, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def _run_grade(args: list[str], workers: int) -> tuple[float, float, float]:
    """Run ``quizbot grade ARGS`` as a process: (wall seconds, CPU seconds of the
    process itself, CPU seconds of its workers)."""
    env = {**os.environ, "QUIZBOT_GRADE_WORKERS": str(workers)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED_GRADE, *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    line = next(x for x in done.stderr.splitlines() if x.startswith("cpu "))
    _, itself, workers_cpu = line.split()
    return wall, float(itself), float(workers_cpu)


def whole_command(pack: Pack, pool: dict[str, list[str]], rng: random.Random) -> None:
    """``quizbot grade`` over generated files, start-up and pack load included, in one
    process and with two workers; the two reports must be the same bytes.

    Wall time is what a user waits; on a machine shared with other work it also
    measures the queue for a core. So the CPU time of the process and of its workers
    is printed too, and the wall time two free cores would need at best: the larger of
    the process's own CPU time and half of all of it.
    """
    rows_list = [100_000, 1_000_000]
    if "--rows" in sys.argv:
        rows_list = [int(n) for n in sys.argv[sys.argv.index("--rows") + 1].split(",")]
    with tempfile.TemporaryDirectory() as folder:
        pack_file = Path(folder) / "bench.yaml"
        pack_file.write_text(dump_pack(pack), encoding="utf-8")
        for rows in rows_list:
            source = Path(folder) / f"responses-{rows}.csv"
            write_responses(source, pool, rng, rows)
            reports = []
            for workers in (0, 2):
                target = Path(folder) / f"graded-{rows}-{workers}.csv"
                wall, itself, helpers = _run_grade(
                    ["--pack", str(pack_file), str(source), "-o", str(target)], workers
                )
                best = max(itself, (itself + helpers) / 2)
                processes = "1 process" if not workers else f"{workers} workers"
                print(
                    f"quizbot grade, {rows:,} rows, {processes:>9}: {wall:6.2f} s wall = "
                    f"{rows / wall:7,.0f}/s; CPU {itself:5.2f} s itself + {helpers:5.2f} s "
                    f"workers; two free cores: >= {best:5.2f} s = <= {rows / best:7,.0f}/s"
                )
                reports.append(target.read_bytes())
                target.unlink()
            print(f"  reports identical: {reports[0] == reports[1]}")
            source.unlink()


def main() -> None:
    rng = random.Random(7)
    start = time.perf_counter()
    pack, pool = make_pack(rng)
    print(f"pack of {len(pack):,} questions built in {time.perf_counter() - start:.2f} s")
    if "--whole" in sys.argv:
        whole_command(pack, pool, rng)
        return
    if "--by-kind" in sys.argv:
        ids = list(pool)
        for _ in range(RESPONSES):  # the same distinct set as --in-process
            rng.choice(pool[rng.choice(ids)])
        by_kind(pack, rng)
        return
    in_process(pack, pool, rng)
    if "--in-process" in sys.argv:
        return
    whole_command(pack, pool, rng)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "responses.csv"
        write_responses(source, pool, rng)
        target = Path(folder) / "graded.csv"
        start = time.perf_counter()
        bare_copy(source, target)
        bare = time.perf_counter() - start
        for fmt in ("csv", "jsonl"):
            start = time.perf_counter()
            with (
                source.open(newline="", encoding="utf-8") as inp,
                target.open("w", newline="", encoding="utf-8") as out,
            ):
                summary = grade_rows([pack], inp, out, fmt)
            took = time.perf_counter() - start
            print(
                f"grade_rows {fmt:5}: {RESPONSES:,} responses in {took:.2f} s = "
                f"{RESPONSES / took:,.0f} responses/s  ({summary})"
            )
        print(f"bare csv read+write: {bare:.2f} s = {RESPONSES / bare:,.0f} rows/s")
    single_grades(pack)
    # Cold: every (question, response) pair new, nothing cached.
    sink = io.StringIO()
    rows = ["question,response"] + [f"q{n % QUESTIONS},answer number {n}" for n in range(20_000)]
    start = time.perf_counter()
    grade_rows([pack], io.StringIO("\n".join(rows)), sink, "csv")
    took = time.perf_counter() - start
    print(f"all-distinct responses: {20_000 / took:,.0f} responses/s")


if __name__ == "__main__":
    main()
