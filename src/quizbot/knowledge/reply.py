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


@dataclass(frozen=True)
class Reply:
    """The answer to a free question. No findings means "I don't know"."""

    findings: tuple[Finding, ...]
    suggestions: tuple[str, ...]  # topic titles the packs can talk about

    @property
    def known(self) -> bool:
        return bool(self.findings)

    def render(self) -> str:
        """Plain text: each answer followed by its source, or a "don't know" with topics.

        Pack text is untrusted: control characters come out as visible escapes, and
        a title or citation stays on its one line whatever it holds.
        """
        if not self.findings:
            if self.suggestions:
                return (
                    "I don't know that one. I can tell you about: "
                    + ", ".join(safe_line(title) for title in self.suggestions)
                    + "."
                )
            return "I don't know that one."
        blocks = []
        for finding in self.findings:
            block = safe_text(finding.text)
            if finding.source:
                block += "\nSource: " + safe_line(finding.source)
            blocks.append(block)
        return "\n\n".join(blocks)
