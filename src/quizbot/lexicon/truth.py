"""The words that say true or false, for the pack loader (a truefalse key) and the grader
(an answer): one list, kept below both."""

from __future__ import annotations

TRUE_WORDS = frozenset(
    {
        "true", "t", "yes", "y", "correct", "right", "yep", "yeah", "yup",
        "对", "是", "是的", "对的", "正确", "真", "没错", "对啊", "是啊",
    }
)  # fmt: skip
FALSE_WORDS = frozenset(
    {
        "false", "f", "no", "n", "wrong", "incorrect", "nope", "nah",
        "错", "不对", "不是", "错的", "错误", "假", "否",
    }
)  # fmt: skip

__all__ = ["FALSE_WORDS", "TRUE_WORDS"]
