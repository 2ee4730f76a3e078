"""Conversation scripts for the fixes of issue 10: nothing a learner types costs a question."""

from __future__ import annotations

from tutor_fakes import (
    Clock,
    FakeStore,
    garden_pack,
    kinds,
    last_question,
    make_tutor,
    right_answer,
    second_pack,
)

from quizbot.progress.schedule import QuestionState
from quizbot.quiz import letter
from quizbot.tutor import Tutor
from quizbot.tutor.commands import COMMANDS, help_text
from quizbot.tutor.messages import BotMessage

NOW = 1_700_000_000.0


def play_to(tutor: Tutor, wanted: str) -> BotMessage:
    """Start a round on all topics and answer right until question ``wanted`` is open."""
    tutor.start()
    question = last_question(tutor.respond(""))
    for _ in range(12):
        if question.question_id == wanted:
            return question
        messages = tutor.respond(right_answer(garden_pack(), question))
        if messages[-1].kind == "summary":
            messages = tutor.respond("")
        question = last_question(messages)
    raise AssertionError(f"{wanted} never came")


def test_back_to_the_question_shows_all_of_it_with_its_options() -> None:
    tutor = make_tutor()
    question = play_to(tutor, "q-choice")
    for line in ("thanks", "/why", "/score", "tell me about robots"):
        back = tutor.respond(line)[-1]
        assert back.text == f"Back to the question: {question.text}", line
        assert back.options == question.options and len(back.options) == 4


def test_a_long_question_is_never_cut_when_it_comes_back() -> None:
    pack = garden_pack()
    long_prompt = "Which city, " + "after a long and winding description, " * 4 + "has it?"
    questions = tuple(
        q if q.id != "q-text" else type(q)(**{**q.__dict__, "prompt": long_prompt})
        for q in pack.questions
    )
    tutor = make_tutor([type(pack)(**{**pack.__dict__, "questions": questions, "_by_id": {}})])
    play_to(tutor, "q-text")
    back = tutor.respond("hello")[-1]
    assert back.text == f"Back to the question: {long_prompt}"


def test_review_after_a_restart_uses_the_progress_store() -> None:
    missed = QuestionState(NOW + 86_400, 1.0, 5.0, 2, 1, NOW - 3_600, 0.0)  # missed last time
    due = QuestionState(NOW - 60, 3.0, 5.0, 3, 0, NOW - 86_400 * 3, 1.0)  # due again
    fresh = QuestionState(NOW + 86_400 * 5, 9.0, 3.0, 4, 0, NOW - 3_600, 1.0)  # neither
    store = FakeStore({"garden/q-text": missed, "garden/q-tf": due, "garden/q-list": fresh})
    tutor = make_tutor(store=store, clock=Clock(NOW))  # a new session: no round played yet
    tutor.start()
    reply = tutor.respond("review")
    assert "review 2 questions" in reply[0].text
    assert tutor.status.topic_title == "Review"
    asked = {last_question(reply).question_id}
    asked.add(last_question(tutor.respond("/skip")).question_id)
    assert asked == {"q-text", "q-tf"}


def test_review_with_nothing_to_review_says_so() -> None:
    tutor = make_tutor(store=FakeStore())
    tutor.start()
    assert "Nothing to review" in tutor.respond("review")[0].text


def test_enter_at_the_menu_means_all_topics_even_after_a_topic_round() -> None:
    tutor = make_tutor(round_length=1)
    tutor.start()
    assert "on Robot facts" in tutor.respond("1")[0].text
    assert tutor.respond("/skip")[-1].kind == "summary"
    tutor.respond("5 questions")
    reply = tutor.respond("")
    assert "on all topics" in reply[0].text
    assert tutor.status.topic_title is None


def test_new_mid_round_sums_up_the_round_first() -> None:
    tutor = make_tutor(round_length=4)
    question = play_to(tutor, "q-text")
    tutor.respond(right_answer(garden_pack(), question))
    reply = tutor.respond("/new")
    assert kinds(reply) == ["summary", "info", "question"]
    assert reply[0].report is not None and reply[0].report.progress.asked >= 1
    assert tutor.status.progress is not None and tutor.status.progress.asked == 0


def test_pack_mid_round_sums_up_and_the_same_pack_keeps_the_round() -> None:
    tutor = make_tutor([garden_pack(), second_pack()], round_length=4)
    tutor.start()
    question = last_question(tutor.respond(""))
    tutor.respond(right_answer(garden_pack(), question))
    reply = tutor.respond("/pack garden")
    assert reply[0].text == "You're already playing Garden Robots."
    assert reply[-1].text.startswith("Back to the question:")
    assert tutor.status.stage == "question"
    assert tutor.status.progress is not None and tutor.status.progress.asked == 1
    reply = tutor.respond("/pack kitchen")
    assert kinds(reply) == ["summary", "info", "menu"]
    assert tutor.status.pack_title == "Kitchen Machines"


def test_help_lists_every_command_of_the_one_list_and_says_what_happens() -> None:
    tutor = make_tutor()
    tutor.start()
    text = tutor.respond("/help")[0].text
    for command in COMMANDS:
        assert command.usage in text and command.does in text
    assert "whatever you type" not in text  # no promise the next line breaks
    assert "stays" in text and "open" in text
    assert all(len(line) <= 60 for line in help_text().splitlines())  # a bubble at 80x24


def test_topics_during_a_fill_in_question_shows_the_menu_and_keeps_the_question() -> None:
    tutor = make_tutor()
    play_to(tutor, "robot-fact#1")
    reply = tutor.respond("topics")
    assert kinds(reply) == ["menu", "info"]
    assert tutor.status.stage == "question"
    assert tutor.status.progress is not None


def test_slash_lines_read_the_same_with_a_space_after_the_slash() -> None:
    tutor = make_tutor()
    tutor.start()
    assert tutor.respond("/ score")[0].text == tutor.respond("/score")[0].text
    assert tutor.respond("/ stats")[0].kind == "stats"


def test_a_true_or_false_word_of_the_grader_is_an_answer_not_chat() -> None:
    tutor = make_tutor()
    play_to(tutor, "q-tf")
    # "yep" is one of the grader's true/false words (the tutor once had its own list).
    assert tutor.respond("yep?")[0].kind == "verdict"


def test_a_number_with_a_question_mark_is_an_answer_to_a_number_question() -> None:
    store = FakeStore()
    tutor = make_tutor(store=store)
    play_to(tutor, "q-number")
    reply = tutor.respond("about 300 million?")
    assert reply[0].kind == "verdict"
    assert store.records[-1].response == "about 300 million?"


def test_a_choice_letter_with_a_question_mark_is_an_answer() -> None:
    tutor = make_tutor()
    question = play_to(tutor, "q-choice")
    wrong = next(i for i, o in enumerate(question.options) if o != "Rake")
    assert tutor.respond(f"{letter(wrong)}?")[0].kind == "verdict"


def test_the_verdict_body_has_no_headline_for_fronts_that_label_it() -> None:
    tutor = make_tutor()
    question = play_to(tutor, "q-text")
    verdict = tutor.respond(right_answer(garden_pack(), question))[0]
    assert verdict.text == "Correct! Exactly."
    assert verdict.body == "exactly."  # worded to follow a label: "Correct: exactly."


def test_a_letter_with_no_option_keeps_the_question_and_records_nothing() -> None:
    # With the real grader (Tutor's default): "Z" names no option of four, so it is not
    # an answer at all.
    import random

    from tutor_fakes import FakeKnowledge

    store = FakeStore()
    tutor = Tutor(
        [garden_pack()], store=store, knowledge=FakeKnowledge(), clock=Clock(), rng=random.Random(7)
    )
    question = play_to(tutor, "q-choice")
    recorded = len(store.records)
    said = tutor.respond("Z")
    assert [m.kind for m in said] == ["info"]
    assert said[0].text == "There is no option Z. Please choose one of the options shown."
    assert len(store.records) == recorded
    assert tutor.respond("/repeat")[-1].question_id == question.question_id


def test_why_while_a_question_is_open_explains_the_previous_answer_once() -> None:
    tutor = make_tutor()
    cloze = play_to(tutor, "robot-fact#1")  # "The robots were built in _____."
    assert cloze.text.endswith("The robots were built in _____.")
    question = last_question(tutor.respond("/skip"))
    before = tutor.status.progress
    reply = tutor.respond("why?")
    assert kinds(reply) == ["explanation", "info"]
    why = reply[0]
    assert why.text.startswith("About the previous question")
    assert "Oslo" in why.text and why.source is not None
    said = "\n".join(m.text for m in reply[:-1])
    assert said.count("The robots were built in") == 1, said  # the fact said once
    # The open question stays open and comes back whole.
    assert reply[-1].text == f"Back to the question: {question.text}"
    assert reply[-1].options == question.options
    assert tutor.status.stage == "question" and tutor.status.progress == before


def test_why_names_the_previous_question_and_says_its_answer_once() -> None:
    pack = garden_pack()
    tutor = make_tutor([pack])
    play_to(tutor, "q-text")  # "Which city has the robot museum?"
    tutor.respond("Paris")
    why = tutor.respond("/why")[0]
    lines = why.text.split("\n")
    assert lines[0] == (
        "About the previous question, “Which city has the robot museum?”: the answer is Lyon."
    )
    assert lines[1:] == ["The robot museum is in Lyon."]


def test_why_after_the_round_is_about_the_last_question() -> None:
    tutor = make_tutor(round_length=1)
    tutor.start()
    question = last_question(tutor.respond(""))
    assert question.question_id == "q-list"
    assert tutor.respond("/skip")[-1].kind == "summary"
    reply = tutor.respond("/why")
    assert kinds(reply) == ["explanation"]  # no question to go back to
    assert reply[0].text.startswith(
        "About the last question, “Name two colours of the robots.”: the answer is"
    )


def test_why_without_an_explanation_says_the_answer_once() -> None:
    pack = garden_pack()
    bare = tuple(
        type(q)(**{**q.__dict__, "explanation": None}) if q.id == "q-text" else q
        for q in pack.questions
    )
    tutor = make_tutor([type(pack)(**{**pack.__dict__, "questions": bare, "_by_id": {}})])
    play_to(tutor, "q-text")
    tutor.respond("Paris")
    why = tutor.respond("/why")[0]
    assert why.text.count("Lyon") == 1, why.text
    assert why.source is not None


def test_a_round_ended_early_says_how_far_it_got_and_not_to_press_enter() -> None:
    tutor = make_tutor(round_length=4)
    tutor.start()
    question = last_question(tutor.respond(""))
    tutor.respond(right_answer(garden_pack(), question))
    reply = tutor.respond("/new")
    summary = reply[0]
    assert summary.kind == "summary"
    assert summary.text.startswith(
        "Round over early: you answered 1 of 4 questions and got 1 right (1 point) in"
    )
    assert "Press Enter" not in summary.text  # the next round is already under way
    assert "A perfect round" not in summary.text


def test_a_hint_asked_for_again_is_the_same_hint_at_no_extra_cost() -> None:
    tutor = make_tutor()
    play_to(tutor, "q-text")
    first = tutor.respond("/hint")[0]
    assert first.text == "It is in France. (A right answer now earns half credit.)"
    again = tutor.respond("hint please")[0]
    assert again.kind == "hint"
    assert again.text == "It is in France. (You already had this hint; it costs nothing more.)"
