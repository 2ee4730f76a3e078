"""GIFT's special characters survive export and import: a property over any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizbot.authoring.exporters.gift import to_gift
from quizbot.authoring.importers import import_text
from quizbot.packs.model import Pack, Question, Reject

# GIFT's own characters, backslashes, and letters from more than one script. A
# leading "[" (a format tag), "->" (matching) and "%" (a weight) mean something to
# Moodle itself and are left out.
WORD = st.text(alphabet="ab~=#{}:\\/é企业😀.,?", min_size=1, max_size=6)
TEXT = st.lists(WORD, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, st.lists(TEXT, max_size=2), st.one_of(st.none(), TEXT), TEXT)
def test_text_questions_round_trip_through_gift(
    prompt: str, answer: str, accept: list[str], feedback: str | None, wrong: str
) -> None:
    accept = [a for a in dict.fromkeys(accept) if a != answer]
    rejects = () if wrong in (answer, *accept) else (Reject(wrong, feedback),)
    question = Question(
        id="q", type="text", prompt=prompt, answer=answer, accept=tuple(accept), reject=rejects
    )
    gift = to_gift(Pack(id="p", title="P", questions=(question,))).content
    assert isinstance(gift, str)
    builder = import_text(gift, "x.gift", "gift")
    assert builder.problems == []
    [back] = builder.questions
    assert (back["prompt"], back["answer"], back.get("accept", [])) == (prompt, answer, accept)
    expected = [{"answer": r.answer, "feedback": r.feedback} if r.feedback else r.answer
                for r in rejects]  # fmt: skip
    assert back.get("reject", []) == expected


@settings(max_examples=100, deadline=None)
@given(TEXT, st.lists(TEXT, min_size=2, max_size=4, unique=True), st.data())
def test_choice_questions_round_trip_through_gift(
    prompt: str, options: list[str], data: st.DataObject
) -> None:
    answer = data.draw(st.sampled_from(options))
    question = Question(id="q", type="choice", prompt=prompt, answer=answer, options=tuple(options))
    gift = to_gift(Pack(id="p", title="P", questions=(question,))).content
    assert isinstance(gift, str)
    builder = import_text(gift, "x.gift", "gift")
    [back] = builder.questions
    assert (back["prompt"], back["answer"], back["options"]) == (prompt, answer, options)
