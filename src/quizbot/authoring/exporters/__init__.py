"""``quizbot export``: a loaded pack written in another tool's format."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizbot.packs.model import Pack


@dataclass
class Exported:
    """The file's content, how many questions it holds, and what could not be carried."""

    content: str | bytes
    count: int
    notes: list[str] = field(default_factory=list)


def export_pack(pack: Pack, fmt: str) -> Exported:
    """``pack`` in ``fmt`` (one of ``formats.EXPORT_FORMATS``)."""
    if fmt == "gift":
        from quizbot.authoring.exporters.gift import to_gift

        return to_gift(pack)
    if fmt == "anki":
        from quizbot.authoring.exporters.anki import to_anki

        return to_anki(pack)
    if fmt in ("quizlet", "csv"):
        from quizbot.authoring.exporters.flat import to_csv, to_quizlet

        return to_csv(pack) if fmt == "csv" else to_quizlet(pack)
    from quizbot.authoring.exporters.printable import to_html, to_markdown

    return to_html(pack) if fmt == "html" else to_markdown(pack)
