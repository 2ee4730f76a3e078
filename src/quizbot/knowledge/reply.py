"""What the knowledge base answers: findings with their sources, or topic suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from quizbot.safetext import safe_line, safe_text


@dataclass(frozen=True)
class Finding:
    """One statement that answers the question, with where it comes from."""

    text: str
    source: str | None  # the citation line: title, publisher, date
    fact_id: str | None
    pack: str
    score: float  # 0..1: the share of the question's weight this statement matched
    # The figure or name that answers the question (a blank of the fact), said first.
    answer: str | None = None

    @property
    def said(self) -> str:
        """The answer, then the sentence that says it (without the source line)."""
        if self.answer and self.answer != self.text:
            return f"{self.answer}\n{self.text}"
        return self.text


@dataclass(frozen=True)
class Reply:
    """The answer to a free question. No findings means "I don't know"."""

    findings: tuple[Finding, ...]
    suggestions: tuple[str, ...]  # topic titles the packs can talk about
    # A line computed from the findings ("342 million is 4 million fewer than ..."),
    # said before them; comparisons have one.
    lead: str | None = None
    # Two findings fit about equally and say different things: both are shown, labelled.
    ambiguous: bool = False
    chinese: bool = False  # the question was in Chinese: say "I don't know" in Chinese

    @property
    def known(self) -> bool:
        return bool(self.findings)

    def render(self) -> str:
        """Plain text: the answer first, then its sentence and source; or a "don't know".

        Pack text is untrusted: control characters come out as visible escapes, and
        a title or citation stays on its one line whatever it holds.
        """
        if not self.findings:
            if self.chinese:
                topics = "、".join(safe_line(title) for title in self.suggestions)
                return f"这个我不知道。我可以讲：{topics}。" if topics else "这个我不知道。"
            if self.suggestions:
                return (
                    "I don't know that one. I can tell you about: "
                    + ", ".join(safe_line(title) for title in self.suggestions)
                    + "."
                )
            return "I don't know that one."
        blocks = []
        if self.lead:
            blocks.append(safe_text(self.lead))
        elif self.ambiguous:
            blocks.append("Two facts fit that question; which did you mean?")
        for number, finding in enumerate(self.findings, 1):
            label = f"{number}) " if self.ambiguous else ""
            block = label + finding_block(finding)
            blocks.append(block)
        return "\n\n".join(blocks)


def finding_block(finding: Finding) -> str:
    """One finding: its answer, the sentence that says it, and the source."""
    lines = [safe_text(finding.said)]
    if finding.source:
        lines.append("Source: " + safe_line(finding.source))
    return "\n".join(lines)
