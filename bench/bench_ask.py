"""Benchmark `quizbot ask`: precision/recall on the built-in packs, index build and ask time."""

from __future__ import annotations

import random
import statistics
import time

from quizbot.knowledge import KnowledgeBase
from quizbot.knowledge.evaluation import TABLE, evaluate
from quizbot.packs.model import Fact, Pack, Source, Topic

FACTS = 10_000
QUESTIONS = (
    "how many ppl use online educaton",
    "whats the penetration rate",
    "who is han lei",
    "tell me about telemedicine",
    "how many people work from home",
    "What is the tallest mountain in Africa?",
    "zorblat quendix maraviloso",
)


def generated_pack(facts: int, seed: int = 7) -> Pack:
    """A pack of made-up but word-like facts, with a large vocabulary and numbers."""
    rng = random.Random(seed)
    syllables = [a + b for a in "bcdfghjklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ai")]
    words = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(20_000)})
    common = ["people", "internet", "users", "online", "education", "report", "percent"]
    sources = tuple(
        Source(f"s{i}", f"Report {i}", "Publisher", date="2021-02-04") for i in range(20)
    )
    topics = tuple(Topic(f"t{i}", f"Topic {i}") for i in range(50))
    out = []
    for i in range(facts):
        body = rng.choices(words, k=rng.randint(8, 18)) + rng.choices(common, k=3)
        rng.shuffle(body)
        text = (
            " ".join(body) + f" reached {{{{{rng.randint(1, 999)} million}}}} in {2000 + i % 22}."
        )
        out.append(Fact(f"f{i}", text.capitalize(), f"t{i % 50}", f"s{i % 20}"))
    return Pack("generated", "Generated", sources=sources, topics=topics, facts=tuple(out))


def main() -> None:
    try:
        from quizbot.packs.builtin import load_builtin_packs

        packs = list(load_builtin_packs())
    except Exception as error:  # the bench still times the index without them
        print(f"built-in packs not loaded: {error}")
        packs = []
    if packs:
        started = time.perf_counter()
        kb = KnowledgeBase(packs)
        built = time.perf_counter() - started
        facts = sum(len(p.facts) for p in packs)
        print(
            f"built-in packs: {len(packs)} packs, {facts} facts, "
            f"index built in {built * 1e3:.1f} ms"
        )
        scores = evaluate(kb, TABLE)
        print(
            f"table: {scores.cases} questions ({scores.in_scope} in scope): "
            f"precision {scores.precision:.3f}, recall {scores.recall:.3f}, "
            f"out-of-scope declined {scores.rejection:.3f}"
        )
        for case, said in scores.failures:
            print(f"  MISS {case.question!r} expected {case.expect!r}: {said.splitlines()[0][:90]}")

    pack = generated_pack(FACTS)
    builds = []
    for _ in range(3):
        started = time.perf_counter()
        kb = KnowledgeBase([pack])
        builds.append(time.perf_counter() - started)
    print(
        f"generated pack: {FACTS} facts, index built in {min(builds) * 1e3:.0f} ms "
        f"(best of 3; median {statistics.median(builds) * 1e3:.0f} ms)"
    )
    timings = []
    for _ in range(20):
        for question in QUESTIONS:
            started = time.perf_counter()
            kb.ask(question)
            timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(
        f"ask over {FACTS} facts: median {statistics.median(timings) * 1e3:.2f} ms, "
        f"p95 {p95 * 1e3:.2f} ms, max {timings[-1] * 1e3:.2f} ms ({len(timings)} asks; "
        "the max is usually a garbage-collector pause)"
    )


if __name__ == "__main__":
    main()
