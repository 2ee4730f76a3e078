"""What a learner's line means: the answer/command/question rule and the menu's language."""

from __future__ import annotations

import pytest

from quizbot.knowledge import looks_like_question
from quizbot.tutor.intents import (
    PHRASES,
    normalise,
    parse_slash,
    phrase_intent,
    read_question_line,
)
from quizbot.tutor.menu_intents import match_choice, read_length, read_menu_line

TOPICS = [
    ("health-codes", "Health codes"),
    ("remote-work", "Remote work and WeChat Work"),
    ("online-services", "Online education and medicine"),
]


def never(_: str) -> bool:
    return False


def always(_: str) -> bool:
    return True


def during(line: str, could_be_answer: bool = False) -> tuple[str, str]:
    intent = read_question_line(
        line,
        could_be_answer=always if could_be_answer else never,
        looks_like_question=looks_like_question,
    )
    return intent.kind, intent.name


def menu(line: str) -> tuple[str, str | None, int | None, bool, str]:
    intent = read_menu_line(line, TOPICS, looks_like_question=looks_like_question)
    return intent.kind, intent.topic, intent.length, intent.start, intent.name


# -- rule 1: a slash always makes a command ----------------------------------


@pytest.mark.parametrize(
    ("line", "name", "arg"),
    [
        ("/hint", "hint", ""),
        ("/HINT  ", "hint", ""),
        ("/topic  remote work ", "topic", "remote work"),
        ("/explain", "why", ""),
        ("/exit", "quit", ""),
        ("/pack digital-china", "pack", "digital-china"),
        ("/next", "skip", ""),
    ],
)
def test_slash_lines_are_commands(line: str, name: str, arg: str) -> None:
    intent = parse_slash(line)
    assert (intent.kind, intent.name, intent.arg) == ("command", name, arg)


def test_a_slash_command_wins_even_when_it_could_be_an_answer() -> None:
    assert during("/help", could_be_answer=True) == ("command", "help")


def test_an_unknown_slash_command_is_reported_not_graded() -> None:
    assert during("/frobnicate") == ("unknown_command", "frobnicate")


def test_slash_easier_is_chat() -> None:
    assert during("/easier") == ("chat", "easier")


# -- rule 2: during a question a line is an answer, with two exceptions ------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("hint", "hint"),
        ("Skip", "skip"),
        ("I don't know", "skip"),
        ("help", "help"),
        ("why?", "why"),
        ("quit", "quit"),
        ("repeat", "repeat"),
        ("score", "score"),
    ],
)
def test_bare_command_words_are_commands_when_they_cannot_be_answers(line: str, name: str) -> None:
    assert during(line) == ("command", name)


@pytest.mark.parametrize("line", ["help", "skip", "hint", "no", "yes"])
def test_bare_command_words_are_answers_when_they_could_be(line: str) -> None:
    assert during(line, could_be_answer=True) == ("answer", "")


def test_command_words_with_typos_are_answers_during_a_question() -> None:
    # A typo'd command would otherwise swallow a real answer like "hind".
    assert during("hnit") == ("answer", "")
    assert during("quiz") == ("answer", "")


def test_round_changing_words_need_their_slash_during_a_question() -> None:
    assert during("review") == ("answer", "")
    assert during("new round") == ("answer", "")
    assert during("/new") == ("command", "new")


@pytest.mark.parametrize(
    "line",
    [
        "how many people use online education?",
        "who is Han Lei",
        "tell me about telemedicine",
        "what's the penetration rate?",
    ],
)
def test_clear_questions_are_questions_when_they_are_not_answers(line: str) -> None:
    assert during(line)[0] == "question"


def test_a_clear_question_that_is_a_right_answer_is_an_answer() -> None:
    assert during("what is Hohhot?", could_be_answer=True)[0] == "answer"


@pytest.mark.parametrize("line", ["342 million?", "Hohhot?", "is it Hohhot?", "maybe 70.4%?"])
def test_a_possible_answer_with_a_question_mark_is_an_answer(line: str) -> None:
    assert during(line, could_be_answer=True) == ("answer", "")


@pytest.mark.parametrize(
    "line",
    [
        "what is the capital of France?",
        "Paris?",
        "中国有多少网民？",
        "online education or remote work?",
    ],
)
def test_a_line_ending_with_a_question_mark_that_is_no_answer_is_a_question(line: str) -> None:
    assert during(line) == ("question", "")


def test_greetings_and_thanks_are_chat_unless_they_could_be_answers() -> None:
    assert during("thanks!") == ("chat", "thanks")
    assert during("你好") == ("chat", "greeting")
    assert during("hello", could_be_answer=True) == ("answer", "")


def test_empty_line_during_a_question() -> None:
    assert during("   ") == ("empty", "")


# -- rule 3: outside a question -----------------------------------------------


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        ("quiz me on remote work", "remote-work"),
        ("quiz me on remot wrok", "remote-work"),
        ("Quizz me about health codes", "health-codes"),
        ("2", "remote-work"),
        ("Health codes", "health-codes"),
        ("helth codes", "health-codes"),
        ("ask me about online education", "online-services"),
    ],
)
def test_choosing_a_topic(line: str, topic: str) -> None:
    assert menu(line)[:2] == ("choose", topic)
    assert menu(line)[3] is True


def test_enter_and_all_mean_all_topics() -> None:
    assert menu("")[0] == "empty"
    assert menu("all")[:2] == ("choose", "")
    assert menu("quiz me on everything")[:2] == ("choose", "")


@pytest.mark.parametrize(
    ("line", "length"),
    [
        ("5 questions", 5),
        ("round of 20", 20),
        ("ten questions", 10),
        ("a 7-question round", 7),
        ("3 qs", 3),
    ],
)
def test_round_length(line: str, length: int) -> None:
    assert read_length(line) == length
    kind, topic, got, start, _ = menu(line)
    assert (kind, topic, got, start) == ("choose", None, length, False)


def test_topic_and_length_together_start_a_round() -> None:
    assert menu("quiz me on remote work, 5 questions")[:4] == ("choose", "remote-work", 5, True)
    assert menu("5 questions on health codes")[:4] == ("choose", "health-codes", 5, True)


def test_unknown_topic_is_not_a_random_topic() -> None:
    # It goes to /topic, which says there is no such topic and shows the menu.
    intent = read_menu_line("quiz me on volcanoes", TOPICS, looks_like_question=never)
    assert (intent.kind, intent.name, intent.arg) == ("command", "topic", "volcanoes")
    assert match_choice("volcanoes", TOPICS) is None
    assert match_choice("9", TOPICS) is None


@pytest.mark.parametrize(
    ("line", "kind", "name"),
    [
        ("hi", "chat", "greeting"),
        ("Hello!", "chat", "greeting"),
        ("你好", "chat", "greeting"),
        ("thank you", "chat", "thanks"),
        ("easier", "chat", "easier"),
        ("make it harder", "chat", "harder"),
        ("more questions", "command", "new"),
        ("another round", "command", "new"),
        ("what topics are there?", "command", "topics"),
        ("review", "command", "review"),
        ("reveiw", "command", "review"),
        ("halp", "command", "help"),
        ("quit", "command", "quit"),
    ],
)
def test_menu_phrases(line: str, kind: str, name: str) -> None:
    assert menu(line)[0] == kind
    assert menu(line)[4] == name


def test_quit_is_never_guessed_from_a_typo() -> None:
    assert phrase_intent("quiz", typos=True) != phrase_intent("quit", typos=True)
    assert phrase_intent("qiut", typos=True) is None


def test_a_question_between_rounds_goes_to_the_knowledge_base() -> None:
    assert menu("who is Han Lei?")[0] == "question"
    assert menu("tell me about telemedicine")[0] == "question"


def test_gibberish_between_rounds_is_unclear() -> None:
    assert menu("zxqv blorp")[0] == "unclear"


# -- review findings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("hint please", "hint"),
        ("give me a clue", "hint"),
        ("can I get a hint?", "hint"),
        ("Could you give me a hint, please?", "hint"),
        ("skip please", "skip"),
        ("next question", "skip"),
        ("i dunno", "skip"),
        ("dunno", "skip"),
        ("no clue", "skip"),
    ],
)
def test_polite_ways_of_asking_for_a_hint_or_a_skip(line: str, name: str) -> None:
    assert during(line) == ("command", name)
    # ... and still an answer when the grader could accept them.
    assert during(line, could_be_answer=True) == ("answer", "")


@pytest.mark.parametrize("line", ["how many people?", "tell me about health codes", "谁是韩磊？"])
def test_lines_that_start_like_questions_are_still_questions(line: str) -> None:
    assert during(line) == ("question", "")


@pytest.mark.parametrize(
    "line",
    ["do you know who Han Lei is?", "i'd like to know how many people use the internet"],
)
def test_questions_between_rounds_are_not_misread_as_topic_choices(line: str) -> None:
    assert menu(line)[0] == "question"


def test_a_length_and_a_topic_in_the_same_request() -> None:
    assert menu("give me 5 questions about health codes")[:4] == (
        "choose",
        "health-codes",
        5,
        True,
    )
    assert menu("i want 3 questions on remote work")[:4] == ("choose", "remote-work", 3, True)


def test_an_unknown_topic_number_goes_to_the_topic_command() -> None:
    intent = read_menu_line("9", TOPICS, looks_like_question=looks_like_question)
    assert (intent.kind, intent.name, intent.arg) == ("command", "topic", "9")


def test_every_phrase_can_match_a_normalised_line() -> None:
    unmatchable = [p for ps in PHRASES.values() for p in ps if normalise(p) != p]
    assert unmatchable == []
