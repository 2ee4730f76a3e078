"""The domain core and the non-TUI commands never import Textual (start-up stays fast)."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "quizbot",
    "quizbot.cli",
    "quizbot.packs.loader",
    "quizbot.packs.builtin",
    "quizbot.authoring.validate",
    "quizbot.grading",
    "quizbot.knowledge",
    "quizbot.tutor",
    "quizbot.progress.store",
    "quizbot.progress.stats",
    "quizbot.plain",
    "quizbot.batch",
    "quizbot.cli_authoring",
    "quizbot.authoring.checks",
    "quizbot.authoring.listing",
    "quizbot.authoring.starter",
    "quizbot.authoring.trying",
    "quizbot.authoring.editing",
    "quizbot.authoring.commands",
    "quizbot.authoring.importers",
    "quizbot.authoring.exporters.gift",
    "quizbot.authoring.exporters.anki",
    "quizbot.authoring.exporters.flat",
    "quizbot.authoring.exporters.printable",
    "quizbot.authoring.draft",
    "quizbot.cli_classroom",
    "quizbot.classroom.drill",
    "quizbot.classroom.session",
    "quizbot.classroom.setup",
    "quizbot.classroom.report",
    "quizbot.classroom.wording",
    "quizbot.classroom.class_room",
    "quizbot.classroom.class_files",
    "quizbot.classroom.class_host",
    "quizbot.classroom.class_student",
    "quizbot.cli_class",  # class host --plain, class join --plain, serve
    "quizbot.serving",
    "quizbot.lightserve",  # class host --light: one process for every student tab
    "quizbot.qrtext",
    "quizbot.report",
    "quizbot.grade_report",
    "quizbot.quiz.wrong_answers",
]


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_importing_quizbot_is_cheap() -> None:
    code = "import sys, quizbot; print(len([m for m in sys.modules if m.startswith('quizbot')]))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "1"
