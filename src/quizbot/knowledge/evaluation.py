"""Scoring the knowledge base on a table of learner questions: precision and recall."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizbot.knowledge.index import KnowledgeBase


@dataclass(frozen=True)
class Case:
    """A question as a learner types it; ``expect`` must be in the answer, None = don't know."""

    question: str
    expect: str | None


@dataclass(frozen=True)
class Scores:
    """How the knowledge base did on a table of cases."""

    cases: int
    in_scope: int
    answered: int  # cases it claimed to know
    correct: int  # in-scope cases answered with the expected text
    rejected: int  # out-of-scope cases it rightly did not answer
    failures: tuple[tuple[Case, str], ...]  # each failed case and what was said

    @property
    def precision(self) -> float:
        """Of the answers given, the share that were right."""
        return self.correct / self.answered if self.answered else 1.0

    @property
    def recall(self) -> float:
        """Of the questions it should answer, the share answered right."""
        return self.correct / self.in_scope if self.in_scope else 1.0

    @property
    def rejection(self) -> float:
        """Of the out-of-scope questions, the share it declined."""
        out = self.cases - self.in_scope
        return self.rejected / out if out else 1.0


def evaluate(kb: KnowledgeBase, cases: Sequence[Case]) -> Scores:
    """Ask every case and count what came back."""
    answered = correct = rejected = 0
    failures: list[tuple[Case, str]] = []
    for case in cases:
        reply = kb.ask(case.question)
        said = reply.render()
        answered += reply.known
        if case.expect is None:
            if reply.known:
                failures.append((case, said))
            else:
                rejected += 1
        elif reply.known and case.expect.casefold() in said.casefold():
            correct += 1
        else:
            failures.append((case, said))
    in_scope = sum(case.expect is not None for case in cases)
    return Scores(len(cases), in_scope, answered, correct, rejected, tuple(failures))


# Questions about the built-in packs, typed as learners type them: lower case, typos,
# no question mark, their own words. Each expects a piece of the right answer.
BUILTIN_CASES: tuple[Case, ...] = (
    Case("how many ppl use online educaton", "342 million"),
    Case("How many people used online education services at the end of 2020?", "342 million"),
    Case("how many students study online", "342 million"),
    Case("online learning users", "342 million"),
    Case("how many people use online medical services", "215 million"),
    Case("how many ppl use online medicine", "215 million"),
    Case("how many people see a doctor online", "215 million"),
    Case("tell me about telemedicine", "telemedicine"),
    Case("telemedecine in poor counties", "county-level hospitals"),
    Case("whats the penetration rate", "70.4 percent"),
    Case("internet penetration", "70.4 percent"),
    Case("what share of the population is online", "70.4 percent"),
    Case("how much did the penetration rate go up", "5.9 percentage points"),
    Case("how many internet users in china", "989 million"),
    Case("how many netizens are there", "989 million"),
    Case("how much did the number of internet users grow since march", "85.4 million"),
    Case("who is han lei", "editor-in-chief"),
    Case("Who is Zhang Xiao?", "deputy director"),
    Case("who is zhang yangfei", "Zhang Yangfei"),
    Case("what is cnnic", "China Internet Network Information Center"),
    Case("when did the cnnic report start", "1997"),
    Case("how often is the cnnic report published", "twice a year"),
    Case("how many people work from home", "346 million"),
    Case("how many ppl are working remotly", "346 million"),
    Case("remote work growth in the second half of the year", "73.6 percent"),
    Case("how many people registered for the health code", "900 million"),
    Case("how many times was the qr code used", "40 billion"),
    Case("what is the health code", "health"),
    Case("how many users does wechat work have", "400 million"),
    Case("wechat work users at the end of 2019", "60 million"),
    Case("how many poor villages have optical fibre", "98 percent"),
    Case("how many poor counties have e-commerce", "832"),
    Case("how many counties got online shopping", "832"),
    Case("how many schools have internet", "99.7 percent"),
    Case("what percentage of schools have internet access", "96 percent"),
    Case("tell me about live streaming", "live"),
    Case("how did livestreaming help farmers", "live"),
    Case("what percent of netizens took part in poverty alleviation", "70 percent"),
    Case("how many internet users participated in the anti-poverty campaign", "70 percent"),
    Case("what is guizhou known for", "big data"),
    Case("where is the telemedicine center of inner mongolia", "Hohhot"),
    Case("what did the pandemic do to digital transformation", "accelerated"),
    Case("how many villages have 4g", "4G"),
)

OUT_OF_SCOPE: tuple[Case, ...] = tuple(
    Case(question, None)
    for question in (
        "What is the tallest mountain in Africa?",
        "How many people live in Sydney?",
        "what is the boiling point of water?",
        "who won the world cup?",
        "How many people live in China?",
        "how many people",
        "who is the president of france",
        "how many internet users are there in Japan",
        "what is the capital of australia",
        "what time is it",
        "tell me a joke",
        "how many people died of covid",
        "Who is Xi Jinping?",
        "what is the gdp of china",
        "how many users does tiktok have",
        "who invented the internet",
        "how fast is 5g",
        "what is the largest city in china",
        "when did covid start",
        "how many hospitals are in beijing",
        "what is the population of shanghai",
        "how do I cook rice",
    )
)

TABLE: tuple[Case, ...] = BUILTIN_CASES + OUT_OF_SCOPE
