"""What the knowledge base answers: findings with their sources, or topic suggestions."""

from __future__ import annotations

from dataclasses import dataclass


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
        """Plain text: each answer followed by its source, or a "don't know" with topics."""
        if not self.findings:
            if self.suggestions:
                return (
                    "I don't know that one. I can tell you about: "
                    + ", ".join(self.suggestions)
                    + "."
                )
            return "I don't know that one."
        blocks = []
        for finding in self.findings:
            block = finding.text
            if finding.source:
                block += "\nSource: " + finding.source
            blocks.append(block)
        return "\n\n".join(blocks)
