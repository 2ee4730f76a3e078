"""One student practises alone in a browser: `quizbot play` served by textual-serve."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from browser_helpers import ServerProcess, StudentPage, free_port, wait_for_port

PACK = Path(__file__).parent / "data" / "capitals.yaml"
ANSWERS = {
    "Guangdong": "Guangzhou",
    "Hubei": "Wuhan",
    "Sichuan": "Chengdu",
}

# Until `quizbot serve` exists: textual-serve's own server on `quizbot play`.
SERVE_PLAY = """
import sys
from textual_serve.server import Server
port, data, pack = sys.argv[1:]
command = f"{sys.executable} -m quizbot play --pack {pack} --data-dir {data}"
Server(command, host="127.0.0.1", port=int(port)).serve()
"""


def test_a_student_answers_a_question_in_the_browser(
    tmp_path: Path,
    start_server: Callable[[list[str]], ServerProcess],
    new_tab: Callable[[], StudentPage],
) -> None:
    port = free_port()
    server = start_server(
        [sys.executable, "-c", SERVE_PLAY, str(port), str(tmp_path / "data"), str(PACK)]
    )
    wait_for_port(port, server.process)
    tab = new_tab()
    tab.open(f"http://127.0.0.1:{port}/")
    tab.wait_for("Capitals for the browser tests", "Enter for all topics")
    tab.type_line("")
    screen = tab.wait_for("What is the capital of")
    province = next(name for name in ANSWERS if f"capital of {name}" in screen)
    tab.type_line(ANSWERS[province])
    tab.wait_for(f"Correct — {ANSWERS[province]}.")
    # Markup typed in an answer comes back as typed, never as styling.
    tab.type_line("[b]Shenzhen[/b]")
    tab.wait_for("[b]Shenzhen[/b]", "Not quite", "not “[b]Shenzhen")
