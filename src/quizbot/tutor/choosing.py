"""Choosing what to play, and the small talk between rounds.

A topic, a round length, a pack, "easier" or "harder", Enter for all topics; "hi" and
"thanks"; a line the tutor did not understand. Starting the chosen round is the round
driver's job (:mod:`.rounds`).
"""

from __future__ import annotations

import re

from quizbot.tutor import profile, rounds, wording
from quizbot.tutor.intents import Intent, normalise
from quizbot.tutor.menu import menu
from quizbot.tutor.menu_intents import ALL_WORDS, match_choice
from quizbot.tutor.messages import BotMessage
from quizbot.tutor.session import MAX_ROUND, Session, info

GOODBYE_SAID = "We've said goodbye. Type /new to play again."


def choose(session: Session, intent: Intent) -> list[BotMessage]:
    """A round length and/or a topic chosen at the menu; start the round if asked."""
    messages: list[BotMessage] = []
    if intent.length is not None:
        session.round_length = max(1, min(MAX_ROUND, intent.length))
        profile.remember(session, round_length=session.round_length)
        if not intent.start:
            # Back at the menu: Enter now means all topics.
            session.stage, session.topic = "menu", None
            messages.append(
                info(
                    f"Rounds now have {session.round_length} questions. Pick a topic, or "
                    "press Enter for all topics."
                )
            )
    if intent.topic is not None:
        session.topic = intent.topic or None
        if session.topic is not None:
            profile.remember(session, last_topic=f"{session.pack.id}/{session.topic}")
    if intent.start:
        messages += rounds.start_round(session)
    return messages


def choose_topic(session: Session, arg: str) -> list[BotMessage]:
    """``/topic N``: a new round on topic N (its number or name), or all topics."""
    if not arg.strip():
        return [menu(session)]
    if normalise(arg) in ALL_WORDS:
        session.topic = None
        return rounds.new_round(session)
    topic = match_choice(arg, session.topics(), cutoff=60.0)
    if topic is None:
        return [info(_no_such_topic(session, arg)), menu(session)]
    session.topic = topic
    profile.remember(session, last_topic=f"{session.pack.id}/{topic}")
    return rounds.new_round(session)


def _no_such_topic(session: Session, arg: str) -> str:
    count = len(session.topics())
    wanted = re.sub(r"^(?:topic|number|no|#)\s*", "", normalise(arg))
    if wanted.isdigit():
        said = f"There is no topic {wanted}"
    else:
        said = f"I have no topic like “{wording.short(arg, 40)}”"
    title = session.pack.title
    if count == 0:
        return f"{said}: {title} has no topics."
    return f"{said}; {title} has {count} topic{'s' if count != 1 else ''}."


def choose_pack(session: Session, arg: str) -> list[BotMessage]:
    """``/pack ID``: switch packs (the round so far is summed up); the list without an id."""
    if not arg.strip():
        return [BotMessage("menu", "\n".join(wording.pack_list(session.packs, session.pack)))]
    packs = session.packs
    pack_id = match_choice(arg, [(p.id, p.title) for p in packs], cutoff=70.0)
    if pack_id is None:
        return [info(f"I have no pack like “{arg.strip()}”."), *choose_pack(session, "")]
    chosen = next(p for p in packs if p.id == pack_id)
    if chosen is session.pack:
        return [info(f"You're already playing {chosen.title}."), *session.back_to_question()]
    stopped = rounds.stop_round(session)
    if session.finished is not None:
        session.previous = session.finished
    session.pack, session.topic, session.finished = chosen, None, None
    return [*stopped, info(f"Now playing {session.pack.title}."), menu(session)]


def chat(session: Session, name: str) -> list[BotMessage]:
    """ "hi", "thanks", "easier", "harder"."""
    if name in ("easier", "harder"):
        return set_difficulty(session, name)
    text = "Hello!" if name == "greeting" else "You're welcome!"
    if session.stage == "question":
        return [info(text), *session.back_to_question()]
    if session.stage == "finished_round":
        return [info(f"{text} Press Enter for another round, or type review.")]
    return [info(f"{text} Pick a topic, or press Enter to start.")]


def set_difficulty(session: Session, wish: str) -> list[BotMessage]:
    """Lean the questions easier or harder (the opposite wish goes back to the usual mix);
    mid-round, the questions not yet asked are chosen again."""
    opposite = "harder" if wish == "easier" else "easier"
    if session.difficulty == opposite:
        session.difficulty = None
        text = "OK, back to the usual mix of questions."
    else:
        session.difficulty = "easier" if wish == "easier" else "harder"
        text = f"OK, {wish} questions from now on."
    round_ = session.quiz.round
    if session.open_question() is not None and round_ is not None and not round_.review:
        rounds.choose_again(session)
        return [info(text), *session.back_to_question()]
    return [info(text)]


def empty(session: Session) -> list[BotMessage]:
    """Enter alone: start a round (at the menu, on all topics); a reminder mid-question."""
    if session.stage == "question":
        return [info("Type your answer, or /hint, /skip, /help."), *session.back_to_question()]
    if session.stage == "ended":
        return [info(GOODBYE_SAID)]
    if session.stage == "menu":
        session.topic = None  # Enter at the menu means all topics, always
    return rounds.start_round(session)


def unclear(session: Session, text: str) -> list[BotMessage]:
    if session.stage == "ended":
        return [info(GOODBYE_SAID)]
    return [
        info(
            f"I didn't catch “{wording.short(text, 60)}”. Type a topic's number or name, "
            "press Enter to start, ask me a question, or type /help."
        )
    ]
