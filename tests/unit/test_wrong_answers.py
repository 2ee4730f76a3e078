"""The bounded tally behind ``quizbot grade --report``, and that grouping its counted
forms gives the very groups ``quizbot report`` gives for the responses themselves."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizbot.grading import grade
from quizbot.packs.model import Question, Reject
from quizbot.quiz.wrong_answers import (
    MAX_FORM_CHARS,
    MAX_FORMS,
    AnswerTally,
    group_counted,
    group_wrong,
)

PROVINCE = Question(
    "p", "text", "Which province is Zhengzhou in?", "Henan", reject=(Reject("Hebei"),)
)
EMPTY = "(empty)"


def test_the_tally_counts_right_partial_and_wrong() -> None:
    tally = AnswerTally()
    for response, verdict in [
        ("Henan", "correct"),
        ("Hubei", "incorrect"),
        (" Hubei ", "incorrect"),
        ("", "incorrect"),
        ("Henan, Hubei", "partial"),
    ]:
        tally.add(response, verdict, empty=EMPTY)
    assert (tally.answered, tally.correct, tally.partial, tally.wrong) == (5, 1, 1, 4)
    assert tally.forms == {"Hubei": 2, EMPTY: 1, "Henan, Hubei": 1}
    assert tally.share_correct == 0.2


def test_forms_past_the_cap_are_counted_as_others_and_kept_ones_stay_exact() -> None:
    tally = AnswerTally(max_forms=2)
    for response in ["a1", "a2", "a3", "a1", "a4", "a2", "a1"]:
        tally.add(response, "incorrect", empty=EMPTY)
    assert tally.forms == {"a1": 3, "a2": 2}
    assert tally.others == 2
    assert tally.wrong == 7


def test_a_million_different_answers_keep_a_bounded_tally() -> None:
    tally = AnswerTally()
    for n in range(200_000):
        tally.add(f"answer {n}", "incorrect", empty=EMPTY)
    tally.add("x" * (MAX_FORM_CHARS + 1), "incorrect", empty=EMPTY)
    tally.add("y" * 1_000_000, "incorrect", empty=EMPTY)
    assert len(tally.forms) == MAX_FORMS
    assert tally.others == 200_000 - MAX_FORMS + 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Hubei", "hubei", "Hebei", "Hubai", " Henan", "", "Anhui"])))
def test_grouping_the_counted_forms_is_grouping_the_responses(responses: list[str]) -> None:
    tally = AnswerTally()
    for response in responses:
        tally.add(response, "incorrect", empty=EMPTY)
    assert group_counted(PROVINCE, tally.forms, grade, empty=EMPTY) == group_wrong(
        PROVINCE, responses, grade, empty=EMPTY
    )


USERS = Question("users", "number", "How many people used it in 2020?", "300 million")


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from([PROVINCE, USERS]),
    st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["342 million", "3.42亿", ""])),
             max_size=10),
)  # fmt: skip
def test_every_response_is_in_exactly_one_group(question: Question, responses: list[str]) -> None:
    groups = group_wrong(question, responses, grade, empty=EMPTY)
    assert sum(g.count for g in groups) == len(responses)
    forms = [f for g in groups for f in g.forms]
    assert len(forms) == len(set(forms)) == len({r.strip() or EMPTY for r in responses})
    assert [g.count for g in groups] == sorted((g.count for g in groups), reverse=True)


USERS = Question(
    "u",
    "number",
    "How many people used online education at the end of 2020?",
    "342 million",
    reject=(Reject("346 million", "That is remote work."),),
)


def test_a_number_written_another_way_joins_its_reject_s_group() -> None:
    # "346m" is the rejected 346 million written short: one misconception, one group;
    # 215 million stays apart (seen first as "346m": the reject must not split them).
    groups = group_wrong(
        USERS, ["346m", "346 million", "346,000,000", "215 million"], grade, empty=EMPTY
    )
    assert [(g.count, set(g.forms)) for g in groups] == [
        (3, {"346m", "346 million", "346,000,000"}),
        (1, {"215 million"}),
    ]
