"""An address as a QR code drawn with block characters (two rows of modules a line), for
the class host's screen. segno makes the code; nothing here draws to a terminal."""

from __future__ import annotations

BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_lines(text: str, *, border: int = 1) -> list[str]:
    """Dark modules as blocks on a light background: shown light on dark, so the code is
    drawn inverted (phones read both), every line the same width."""
    import segno

    matrix = [[bool(m) for m in row] for row in segno.make(text, error="l", micro=False).matrix]
    size = len(matrix) + 2 * border
    light = [[False] * size for _ in range(border)]
    rows = light + [[False] * border + row + [False] * border for row in matrix] + light
    if len(rows) % 2:
        rows.append([False] * size)
    # Light squares as blocks: on a dark screen they show as the paper a code is printed on.
    return [
        "".join(
            BLOCKS[(not top, not bottom)] for top, bottom in zip(rows[i], rows[i + 1], strict=True)
        )
        for i in range(0, len(rows), 2)
    ]
