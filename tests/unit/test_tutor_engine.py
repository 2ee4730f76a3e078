"""Conversation scripts: lines in, the tutor's messages out (fake grader, fixed clock, seed)."""

from __future__ import annotations

import pytest
from tutor_fakes import (
    Clock,
    FakeKnowledge,
    FakeStore,
    garden_pack,
    kinds,
    last_question,
    make_tutor,
    right_answer,
    second_pack,
)

from quizbot.packs.model import Pack, Question, Topic
from quizbot.tutor import Tutor
from quizbot.tutor.messages import BotMessage


def start_round(tutor: Tutor, line: str = "") -> BotMessage:
    tutor.start()
    return last_question(tutor.respond(line))


def play_until(tutor: Tutor, question: BotMessage, wanted: str) -> BotMessage:
    """Answer right until the question with id ``wanted`` is on screen."""
    pack = garden_pack()
    for _ in range(20):
        if question.question_id == wanted:
            return question
        messages = tutor.respond(right_answer(pack, question))
        if messages[-1].kind == "summary":
            messages = tutor.respond("")
        question = last_question(messages)
    raise AssertionError(f"{wanted} never came")


def test_start_greets_and_shows_the_menu() -> None:
    messages = make_tutor().start()
    assert kinds(messages) == ["greeting", "menu"]
    assert "hint" in messages[0].text and "/help" in messages[0].text
    menu = messages[1].text
    assert "1) Robot facts" in menu and "2) Tools and weather" in menu
    assert "10 questions" in menu
    assert "Packs" not in menu  # only one pack loaded


def test_the_menu_lists_packs_when_several_are_loaded() -> None:
    menu = make_tutor([garden_pack(), second_pack()]).start()[1].text
    assert "garden: Garden Robots (playing)" in menu
    assert "kitchen: Kitchen Machines" in menu


def test_enter_starts_a_round_on_all_topics() -> None:
    tutor = make_tutor(round_length=6)
    tutor.start()
    messages = tutor.respond("")
    assert kinds(messages) == ["info", "question"]
    assert "6 questions on all topics" in messages[0].text
    question = messages[1]
    assert question.progress is not None
    assert (question.progress.asked, question.progress.total) == (0, 6)
    assert question.question_id is not None
    status = tutor.status
    assert status.stage == "question" and status.topic_title is None
    assert status.pack_title == "Garden Robots"


def test_quiz_me_on_a_topic_with_a_typo() -> None:
    tutor = make_tutor()
    tutor.start()
    messages = tutor.respond("quiz me on robt facts")
    assert "on Robot facts" in messages[0].text
    assert "That's all there are on it" in messages[0].text  # 3 questions, not 10
    assert tutor.status.topic_title == "Robot facts"
    assert tutor.status.progress is not None and tutor.status.progress.total == 3


def test_round_length_then_topic_number() -> None:
    tutor = make_tutor()
    tutor.start()
    reply = tutor.respond("2 questions")
    assert kinds(reply) == ["info"] and "2 questions" in reply[0].text
    assert tutor.status.stage == "menu"
    reply = tutor.respond("1")
    assert "A round of 2 questions on Robot facts" in reply[0].text


def test_each_question_type_is_asked_in_its_form() -> None:
    tutor = make_tutor(round_length=6)
    question = start_round(tutor)
    seen: dict[str, BotMessage] = {}
    pack = garden_pack()
    for _ in range(6):
        assert question.question_id is not None
        seen[question.question_id] = question
        messages = tutor.respond(right_answer(pack, question))
        if messages[-1].kind == "summary":
            break
        question = last_question(messages)
    assert seen["robot-fact#1"].text.startswith("Fill in the blank: The robots were built in")
    assert seen["q-tf"].text.startswith("True or false? ")
    assert "(Name any 2.)" in seen["q-list"].text
    choice = seen["q-choice"]
    assert sorted(choice.options) == ["Help", "Hose", "Rake", "Spade"]
    assert seen["q-text"].text == "Which city has the robot museum?"
    assert seen["q-text"].options == ()


def test_a_right_answer_gets_verdict_explanation_and_next_question() -> None:
    clock = Clock()
    store = FakeStore()
    tutor = make_tutor(clock=clock, store=store)
    question = start_round(tutor)
    clock.advance(12)
    messages = tutor.respond(right_answer(garden_pack(), question))
    assert kinds(messages) == ["verdict", "explanation", "question"]
    verdict = messages[0]
    assert verdict.verdict is not None and verdict.verdict.verdict == "correct"
    assert verdict.text.startswith("Correct! ")
    assert verdict.progress is not None and verdict.progress.correct == 1
    assert messages[1].source == "“Robots in the garden”, Garden Weekly, 2024-05-01"
    assert messages[2].progress is not None and messages[2].progress.asked == 1
    [record] = store.records
    assert (record.pack, record.question, record.verdict, record.score) == (
        "garden",
        question.question_id,
        "correct",
        1.0,
    )
    assert record.seconds == 12 and record.time == clock.now


def test_a_wrong_answer_says_the_right_one() -> None:
    tutor = make_tutor()
    question = start_round(tutor)
    question = play_until(tutor, question, "q-number")
    messages = tutor.respond("346 million")
    verdict = messages[0]
    assert verdict.verdict is not None and verdict.verdict.verdict == "incorrect"
    assert verdict.text.startswith("Not quite.")
    assert "The answer is 342 million." in verdict.text


def test_choice_letters_follow_the_shown_order() -> None:
    store = FakeStore()
    tutor = make_tutor(store=store)
    question = play_until(tutor, start_round(tutor), "q-choice")
    letter = "ABCD"[question.options.index("Rake")]
    messages = tutor.respond(letter.lower())
    assert messages[0].verdict is not None and messages[0].verdict.correct
    wrong = "ABCD"[question.options.index("Spade")]
    assert wrong != letter


def test_a_wrong_choice_shows_the_shown_letter_of_the_answer() -> None:
    tutor = make_tutor()
    question = play_until(tutor, start_round(tutor), "q-choice")
    letter = "ABCD"[question.options.index("Rake")]
    messages = tutor.respond("Hose")
    assert f"{letter}) Rake" in messages[0].text
    assert messages[0].verdict is not None and messages[0].verdict.expected == f"{letter}) Rake"


def test_help_is_an_answer_when_it_is_an_option_and_a_command_otherwise() -> None:
    tutor = make_tutor()
    play_until(tutor, start_round(tutor), "q-choice")
    messages = tutor.respond("help")
    assert messages[0].kind == "verdict"  # "Help" is one of the options
    if tutor.status.stage != "question":
        tutor.respond("")
    if tutor.command("repeat")[0].question_id == "q-choice":
        tutor.respond("/skip")
    messages = tutor.respond("help")
    assert kinds(messages) == ["info"] and "/hint" in messages[0].text


def test_yes_and_no_are_answers_to_true_or_false() -> None:
    tutor = make_tutor()
    play_until(tutor, start_round(tutor), "q-tf")
    messages = tutor.respond("no")
    assert messages[0].kind == "verdict"
    assert messages[0].verdict is not None and messages[0].verdict.verdict == "incorrect"
    assert "The answer is True." in messages[0].text


def test_a_partial_list_answer() -> None:
    tutor = make_tutor()
    play_until(tutor, start_round(tutor), "q-list")
    messages = tutor.respond("red")
    assert messages[0].verdict is not None and messages[0].verdict.verdict == "partial"
    assert messages[0].text.startswith("Partly right.")
    assert messages[0].progress is not None and messages[0].progress.score == 0.5


def test_hint_once_then_half_credit() -> None:
    store = FakeStore()
    tutor = make_tutor(store=store)
    question = play_until(tutor, start_round(tutor), "q-text")
    assert tutor.status.hint_available
    hint = tutor.command("hint")
    assert kinds(hint) == ["hint"] and "It is in France." in hint[0].text
    assert "half credit" in hint[0].text
    assert not tutor.status.hint_available
    again = tutor.respond("/hint")
    assert "already" in again[0].text and "France" in again[0].text
    messages = tutor.respond("Lyon")
    verdict = messages[0]
    assert verdict.verdict is not None and verdict.verdict.score == 0.5
    assert "hint" in verdict.text and "0.5 of 1" in verdict.text
    # The history keeps the grader's score; the schedule weighs the hint itself.
    assert store.records[-1].hint_used and store.records[-1].score == 1.0
    assert question.question_id == "q-text"


def test_skip_records_skipped_and_shows_the_answer() -> None:
    store = FakeStore()
    tutor = make_tutor(store=store)
    play_until(tutor, start_round(tutor), "q-text")
    before = len(store.records)
    messages = tutor.respond("I don't know")
    assert kinds(messages)[:2] == ["info", "explanation"]
    assert messages[0].text == "Skipped. The answer is Lyon."
    assert store.records[before].verdict == "skipped" and store.records[before].score == 0


def test_repeat_why_and_score() -> None:
    tutor = make_tutor()
    first = start_round(tutor)
    assert tutor.respond("why")[0].text.startswith("I'll explain once you've answered")
    repeated = tutor.respond("/repeat")
    assert repeated == [first]
    second = last_question(tutor.respond(right_answer(garden_pack(), first)))
    why = tutor.command("why")
    assert kinds(why) == ["explanation", "info"]
    assert why[0].source is not None
    assert why[1].text.startswith("Back to the question:")
    assert why[1].question_id == second.question_id
    score = tutor.command("score")
    assert "1 right of 1 answered" in score[0].text
    assert score[0].progress is not None and score[0].progress.correct == 1


def test_a_learners_question_is_answered_and_the_round_goes_on() -> None:
    knowledge = FakeKnowledge()
    store = FakeStore()
    tutor = make_tutor(knowledge=knowledge, store=store)
    question = start_round(tutor)
    messages = tutor.respond("tell me about the robot museum")
    assert kinds(messages) == ["answer", "info"]
    assert messages[0].text == "Robots love gardens."
    assert messages[0].source == "“Robots in the garden”, Garden Weekly, 2024-05-01"
    assert messages[1].text.startswith("Back to the question: ")
    assert knowledge.asked == ["tell me about the robot museum"]
    assert store.records == []
    assert tutor.status.stage == "question"
    assert tutor.status.progress is not None and tutor.status.progress.asked == 0
    assert tutor.command("repeat") == [question]


def test_an_unsure_number_with_a_question_mark_is_graded() -> None:
    tutor = make_tutor()
    play_until(tutor, start_round(tutor), "q-number")
    messages = tutor.respond("342 million?")
    assert messages[0].kind == "verdict"
    assert messages[0].verdict is not None and messages[0].verdict.correct


def test_the_round_summary_and_review() -> None:
    clock = Clock()
    tutor = make_tutor(clock=clock, round_length=3)
    question = start_round(tutor)
    missed = question.question_id
    clock.advance(100)
    messages = tutor.respond("zzz wrong")
    question = last_question(messages)
    clock.advance(50)
    question = last_question(tutor.respond(right_answer(garden_pack(), question)))
    clock.advance(45)
    messages = tutor.respond("/skip")
    summary = messages[-1]
    assert summary.kind == "summary"
    assert "You got 1 of 3 right (1 point) in 3 min 15 s." in summary.text
    assert "(skipped)" in summary.text and "Missed:" in summary.text
    assert "review" in summary.text
    assert tutor.status.stage == "finished_round"
    assert summary.progress is not None and summary.progress.asked == 3
    report = summary.report
    assert report is not None and report.seconds == 195
    assert [m.outcome for m in report.missed].count("skipped") == 1
    assert all(m.expected and m.prompt for m in report.missed)
    review = tutor.respond("review")
    assert "review the 2 you missed" in review[0].text
    assert tutor.status.topic_title == "Review"
    ids = {review[1].question_id}
    question = review[1]
    messages = tutor.respond(right_answer(garden_pack(), question))
    ids.add(last_question(messages).question_id)
    assert missed in ids and question.question_id in ids


def test_enter_after_a_round_starts_another() -> None:
    tutor = make_tutor(round_length=1)
    question = start_round(tutor)
    end = tutor.respond(right_answer(garden_pack(), question))
    assert "A perfect round!" in end[-1].text
    assert kinds(tutor.respond("")) == ["info", "question"]
    assert tutor.status.stage == "question"


def test_more_questions_and_another_round() -> None:
    tutor = make_tutor(round_length=1)
    tutor.respond(right_answer(garden_pack(), start_round(tutor)))
    assert kinds(tutor.respond("more questions")) == ["info", "question"]
    tutor.respond("/skip")
    assert kinds(tutor.respond("another round")) == ["info", "question"]


def test_greetings_and_thanks() -> None:
    tutor = make_tutor()
    tutor.start()
    assert tutor.respond("hello")[0].text.startswith("Hello!")
    start_round(tutor)
    thanks = tutor.respond("thanks")
    assert kinds(thanks) == ["info", "info"]
    assert thanks[0].text == "You're welcome!"
    assert tutor.status.progress is not None and tutor.status.progress.asked == 0


def test_easier_and_harder_change_the_questions_to_come() -> None:
    tutor = make_tutor(round_length=3)
    tutor.start()
    assert "easier" in tutor.respond("easier")[0].text
    asked = []
    question = last_question(tutor.respond(""))
    for _ in range(3):
        asked.append(question.question_id)
        messages = tutor.respond(right_answer(garden_pack(), question))
        if messages[-1].kind == "summary":
            break
        question = last_question(messages)
    assert set(asked) == {"q-text", "q-choice", "q-tf"}
    assert "usual mix" in tutor.respond("harder")[0].text


def test_harder_mid_round_replaces_the_questions_to_come() -> None:
    tutor = make_tutor(round_length=2)
    tutor.start()
    tutor.respond("easier")
    first = last_question(tutor.respond(""))
    reply = tutor.respond("make it harder")
    assert kinds(reply) == ["info", "info"]
    reply = tutor.respond("/harder")
    assert "harder questions from now on" in reply[0].text
    second = last_question(tutor.respond(right_answer(garden_pack(), first)))
    assert second.question_id in ("q-number", "q-list", "robot-fact#1")


def test_topics_topic_and_pack_commands() -> None:
    tutor = make_tutor([garden_pack(), second_pack()])
    tutor.start()
    assert tutor.topics() == [("robots", "Robot facts"), ("tools", "Tools and weather")]
    assert kinds(tutor.respond("what topics are there?")) == ["menu"]
    reply = tutor.command("topic", "tools")
    assert "on Tools and weather" in reply[0].text
    assert tutor.status.topic_title == "Tools and weather"
    reply = tutor.command("topic", "volcanoes")
    assert "no topic like" in reply[0].text
    reply = tutor.command("pack", "kitchen")
    assert reply[0].text == "Now playing Kitchen Machines."
    assert tutor.status.pack_title == "Kitchen Machines" and tutor.status.stage == "menu"
    assert tutor.topics() == [("ovens", "Ovens")]
    assert "no pack like" in tutor.command("pack", "zoo")[0].text


def test_quit_says_goodbye_and_ends() -> None:
    tutor = make_tutor(store=FakeStore())
    start_round(tutor)
    messages = tutor.respond("quit")
    assert kinds(messages) == ["goodbye"]
    assert "saved" in messages[0].text
    assert tutor.status.stage == "ended"
    assert "goodbye" in tutor.respond("Lyon")[0].text.lower()


def test_a_progress_error_is_a_warning_and_the_round_goes_on() -> None:
    store = FakeStore()
    store.fail = True
    tutor = make_tutor(store=store)
    question = start_round(tutor)
    messages = tutor.respond(right_answer(garden_pack(), question))
    assert kinds(messages) == ["verdict", "explanation", "warning", "question"]
    assert "disk full" in messages[2].text
    store.fail = False
    messages = tutor.respond(right_answer(garden_pack(), last_question(messages)))
    assert "warning" not in kinds(messages)
    assert len(store.records) == 1


def test_recording_happens_before_the_feedback_is_returned() -> None:
    seen: list[int] = []

    class WatchingStore(FakeStore):
        def record(self, rec: object) -> None:
            seen.append(len(tutor_messages))
            super().record(rec)  # type: ignore[arg-type]

    store = WatchingStore()
    tutor = make_tutor(store=store)
    tutor_messages: list[BotMessage] = []
    question = start_round(tutor)
    tutor_messages.extend(tutor.respond(right_answer(garden_pack(), question)))
    assert seen == [0]


def test_commands_without_a_question_say_so() -> None:
    tutor = make_tutor()
    tutor.start()
    for name in ("hint", "skip", "repeat"):
        assert "no question" in tutor.command(name)[0].text
    assert "Nothing to review" in tutor.command("review")[0].text
    assert "don't know the command" in tutor.respond("/dance")[0].text


def test_unclear_lines_between_rounds_get_a_way_forward() -> None:
    tutor = make_tutor()
    tutor.start()
    reply = tutor.respond("zxqv blorp")
    assert kinds(reply) == ["info"] and "/help" in reply[0].text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_seed_replays_the_same_conversation(seed: int) -> None:
    script = [
        "hi",
        "",
        "Lyon",
        "/hint",
        "b",
        "342 million?",
        "why",
        "red, blue",
        "/skip",
        "no",
        "",
        "/score",
        "review",
        "true",
    ]

    def play() -> list[BotMessage]:
        tutor = make_tutor(seed=seed, clock=Clock(), round_length=5)
        out = tutor.start()
        for line in script:
            out += tutor.respond(line)
        return out

    first, second = play(), play()
    assert first == second
    orders = {tuple(m.question_id for m in play() if m.kind == "question")}
    assert len(orders) == 1


def test_different_seeds_give_different_orders() -> None:
    def order(seed: int) -> tuple[str | None, ...]:
        tutor = make_tutor(seed=seed, round_length=6)
        tutor.start()
        out = tutor.respond("")
        for _ in range(6):
            out += tutor.respond("/skip")
        return tuple(m.question_id for m in out if m.kind == "question")

    assert len({order(s) for s in range(6)}) > 1


def test_status_before_start() -> None:
    status = make_tutor().status
    assert status.stage == "menu"
    assert status.progress is None and not status.hint_available


def test_a_tutor_needs_a_pack() -> None:
    with pytest.raises(ValueError, match="at least one pack"):
        Tutor([])


@pytest.mark.parametrize("line", ["x" * 100_000, "\x00\x1b[31m", "🙂" * 500, "what " * 5000])
def test_strange_lines_never_break_the_conversation(line: str) -> None:
    tutor = make_tutor()
    tutor.start()
    assert tutor.respond(line)
    start_round(tutor)
    reply = tutor.respond(line)
    assert reply[0].kind in ("verdict", "answer")
    assert tutor.status.stage in ("question", "finished_round")


# -- review findings -------------------------------------------------------------------


def test_a_finding_that_gives_the_open_answer_away_is_held_back() -> None:
    knowledge = FakeKnowledge(
        [("The robots were built in a shed.", "robot-fact"), ("Gnomes guard the shed.", None)]
    )
    tutor = make_tutor(knowledge=knowledge)
    play_until(tutor, start_round(tutor), "robot-fact#1")  # the cloze of robot-fact
    reply = tutor.respond("tell me about the robots")
    assert kinds(reply) == ["answer", "info"]
    assert reply[0].text == "Gnomes guard the shed."  # the other finding is kept
    assert "built" not in reply[0].text


def test_a_finding_with_the_expected_answer_in_it_is_held_back() -> None:
    knowledge = FakeKnowledge([("The robot museum opened in LYON in 2019.", "museum-fact")])
    tutor = make_tutor(knowledge=knowledge)
    play_until(tutor, start_round(tutor), "q-text")
    reply = tutor.respond("tell me about the robot museum")
    assert kinds(reply) == ["info", "info"]
    assert "once you've answered this question" in reply[0].text and "/hint" in reply[0].text
    assert "Lyon" not in reply[0].text.title()
    assert tutor.status.stage == "question"
    # Between rounds the same finding is told in full.
    tutor.command("skip")
    for _ in range(10):
        if tutor.status.stage != "question":
            break
        tutor.command("skip")
    assert "LYON" in tutor.respond("tell me about the robot museum")[0].text


def test_a_question_the_facts_cannot_answer_is_not_graded_and_stays_open() -> None:
    store = FakeStore()
    tutor = make_tutor(knowledge=FakeKnowledge([]), store=store)
    play_until(tutor, start_round(tutor), "q-text")
    before = len(store.records)
    for line in ("what about Paris?", "what is the capital of France?", "中国有多少网民？"):
        reply = tutor.respond(line)
        assert kinds(reply) == ["info", "info"]
        assert "can't answer that" in reply[0].text and "still open" in reply[0].text
        assert reply[1].text.startswith("Back to the question: Which city has the robot museum?")
    assert len(store.records) == before and tutor.status.stage == "question"
    assert tutor.respond("Lyon")[0].verdict is not None


def test_polite_hint_and_skip_requests_are_commands() -> None:
    tutor = make_tutor()
    play_until(tutor, start_round(tutor), "q-text")
    assert kinds(tutor.respond("can I get a hint?")) == ["hint"]
    reply = tutor.respond("skip please")
    assert reply[0].text.startswith("Skipped.")


def two_topic_pack() -> Pack:
    return Pack(
        id="words",
        title="Words",
        topics=(Topic("cities", "Cities"), Topic("asking", "Asking")),
        questions=(
            Question("q1", "text", "Where?", "Oslo", pack="words", topic="cities"),
            Question(
                "q2", "text", "Which word asks for a reason?", "why", pack="words", topic="asking"
            ),
        ),
    )


def test_a_grade_made_for_one_question_is_never_reused_for_another() -> None:
    tutor = make_tutor([two_topic_pack()])
    tutor.start()
    tutor.respond("quiz me on cities")
    # "why" is graded for q1 (wrong, so it is the /why command) ...
    assert "once you've answered" in tutor.respond("why")[0].text
    tutor.command("topic", "asking")
    # ... and graded again for q2, where it is the right answer.
    reply = tutor.respond("why")
    assert reply[0].kind == "verdict"
    assert reply[0].verdict is not None and reply[0].verdict.verdict == "correct"


def test_hinted_partial_credit_shows_two_decimals() -> None:
    tutor = make_tutor()
    play_until(tutor, start_round(tutor), "q-list")
    tutor.command("hint")
    reply = tutor.respond("red")
    assert "earns 0.25 of 0.5" in reply[0].text


def test_unknown_topics_get_the_topic_commands_reply() -> None:
    tutor = make_tutor()
    tutor.start()
    for line, said in (
        ("quiz me on cats", "I have no topic like “cats”"),
        ("9", "There is no topic 9"),
    ):
        reply = tutor.respond(line)
        assert kinds(reply) == ["info", "menu"], line
        assert reply[0].text.startswith(said) and "Garden Robots has 2 topics" in reply[0].text
        assert reply == tutor.command("topic", line.removeprefix("quiz me on "))


def test_a_length_and_a_topic_together() -> None:
    tutor = make_tutor()
    tutor.start()
    reply = tutor.respond("give me 2 questions about robot facts")
    assert "A round of 2 questions on Robot facts." in reply[0].text


def test_a_question_between_rounds_is_not_read_as_a_topic() -> None:
    knowledge = FakeKnowledge()
    tutor = make_tutor(knowledge=knowledge)
    tutor.start()
    reply = tutor.respond("do you know who Han Lei is?")
    assert kinds(reply) == ["answer"]
    assert knowledge.asked == ["do you know who Han Lei is?"]


def test_score_after_switching_packs_tells_the_last_round() -> None:
    tutor = make_tutor([garden_pack(), second_pack()])
    play_until(tutor, start_round(tutor), "q-text")
    tutor.respond("Lyon")
    tutor.command("pack", "kitchen")
    text = tutor.command("score")[0].text
    assert text.startswith("No round yet in Kitchen Machines.")
    assert "Garden Robots" in text and "answered" in text


def test_the_greeting_names_the_profile_and_quit_closes_the_store() -> None:
    assert make_tutor().start()[0].text.startswith("Hi! ")
    assert make_tutor(profile="mei").start()[0].text.startswith("Hi mei! ")
    store = FakeStore()
    tutor = make_tutor(store=store)
    tutor.start()
    tutor.respond("quit")
    assert store.closed
