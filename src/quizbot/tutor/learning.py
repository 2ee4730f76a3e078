"""Words for learning over weeks: the modes' round intros, the exam's clock, disputes."""

from __future__ import annotations

from quizbot.quiz.modes import ExamRules

MODE_WORDS = {
    "review": "review",
    "new": "unseen",
    "unseen": "unseen",
    "weak": "weak",
    "exam": "exam",
}


def clock_text(seconds: float) -> str:
    """Time left as m:ss (never negative)."""
    whole = max(0, int(seconds + 0.999))  # 0.2 s left still shows 0:01
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def mode_intro(mode: str, count: int, rules: ExamRules) -> str:
    noun = "question" if count == 1 else "questions"
    if mode == "weak":
        return f"Weak spots: {count} {noun} you are least likely to remember, weakest first."
    if mode == "unseen":
        return f"New questions: {count} {noun} you have never seen."
    if mode == "exam":
        minutes = max(1, round(rules.time_limit / 60))
        return (
            f"Exam: {count} {noun} in {minutes} minutes. No hints, and no verdicts until"
            " the end; the time left is shown with each question."
        )
    return f"Let's review {count} {noun} you missed or that are due again."


def exam_result_line(correct: int, total: int, timed_out: bool) -> str:
    head = "Time is up! " if timed_out else ""
    return f"{head}Exam result: {correct} of {total} right. It is saved with your progress."
