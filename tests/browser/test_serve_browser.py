"""One student practises alone in a browser: `quizbot serve` (quizbot play, over textual-serve)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from browser_helpers import ServerProcess, StudentPage, free_port, quizbot_argv, wait_for_port

PACK = Path(__file__).parent / "data" / "capitals.yaml"
ANSWERS = {
    "Guangdong": "Guangzhou",
    "Hubei": "Wuhan",
    "Sichuan": "Chengdu",
}


def test_a_student_answers_a_question_in_the_browser(
    tmp_path: Path,
    start_server: Callable[[list[str]], ServerProcess],
    new_tab: Callable[[], StudentPage],
) -> None:
    port = free_port()
    server = start_server(
        quizbot_argv("serve", "--pack", str(PACK), "--port", str(port),
                     "--data-dir", str(tmp_path / "data"))
    )  # fmt: skip
    assert server.wait_for_line(r"^Address: (\S+)").group(1) == f"http://127.0.0.1:{port}/"
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
