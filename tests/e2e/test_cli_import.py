"""``quizbot import``: Quizlet, GIFT, CSV and Aiken files become packs that validate and play."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from quizbot.packs.cloze import GAP
from quizbot.packs.loader import load_pack
from quizbot.packs.model import Pack

Run = Callable[..., subprocess.CompletedProcess[str]]
DATA = Path(__file__).resolve().parents[1] / "data" / "authoring"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): .+$")


def _imported(run_quizbot: Run, tmp_path: Path, source: Path, *options: str) -> Pack:
    out = tmp_path / "pack.yaml"
    result = run_quizbot("import", str(source), "-o", str(out), *options)
    assert "Traceback" not in result.stderr
    assert out.exists(), result.stderr
    check = run_quizbot("validate", str(out))
    assert check.returncode == 0, check.stdout
    loaded = load_pack(out)
    assert loaded.pack is not None
    return loaded.pack


def _problem_lines(stderr: str) -> dict[int, str]:
    found = {}
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match and not line.startswith("imported"):
            found[int(match.group("line"))] = line
    return found


def _plays(run_quizbot: Run, pack: Path) -> str:
    result = run_quizbot(
        "play", "--plain", "--pack", str(pack), "--round", "3", "--seed", "2",
        input="\nI do not know\nI do not know\nquit\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "[1/3]" in result.stdout
    return result.stdout


def test_a_quizlet_export_imports_into_a_pack_that_validates_and_plays(
    run_quizbot: Run, tmp_path: Path
) -> None:
    source = DATA / "quizlet-export.txt"
    result = run_quizbot("import", str(source), "-o", str(tmp_path / "pack.yaml"))
    assert result.returncode == 1  # some cards were skipped, and said so
    problems = _problem_lines(result.stderr)
    assert sorted(problems) == [21, 22, 23, 24, 25]
    assert "no tab" in problems[21]
    assert "no term" in problems[22]
    assert "no definition" in problems[23]
    assert "U+001B" in problems[24]
    assert "line 1" in problems[25]
    assert "\x1b" not in result.stderr
    pack = _imported(run_quizbot, tmp_path, source)
    assert len(pack.questions) >= 20
    hohhot = next(q for q in pack.questions if q.answer == "Hohhot")
    assert hohhot.prompt == "In which city is the Telemedicine Center of Inner Mongolia?"
    users = next(q for q in pack.questions if q.answer == "989 million")
    assert users.type == "number"
    text = (tmp_path / "pack.yaml").read_text(encoding="utf-8")
    assert "# Imported by 'quizbot import'" in text
    assert "quizlet-export.txt line 1" in text  # each question says where it came from
    _plays(run_quizbot, tmp_path / "pack.yaml")


def test_a_gift_file_imports_every_convertible_kind(run_quizbot: Run, tmp_path: Path) -> None:
    source = DATA / "moodle-questions.gift"
    result = run_quizbot("import", str(source), "-o", str(tmp_path / "pack.yaml"))
    assert result.returncode == 1
    problems = _problem_lines(result.stderr)
    for line, words in {
        61: "matching", 63: "essay", 65: "no answers", 67: "no '}'", 69: "no option",
        71: "not a number", 19: "partly-right",
    }.items():  # fmt: skip
        assert words in problems[line], problems
    pack = _imported(run_quizbot, tmp_path, source)
    assert len(pack.questions) >= 20
    by_id = {q.id: q for q in pack.questions}
    assert {t.title for t in pack.topics} >= {"Health codes", "Villages and schools"}
    users = by_id["health-code-users"]
    assert (users.type, users.answer, str(users.tolerance)) == ("number", "900000000", "50000000")
    ranged = by_id["health-code-uses"]
    assert (ranged.answer, str(ranged.tolerance)) == ("40", "5")
    assert (by_id["report-twice"].type, by_id["report-twice"].answer) == ("truefalse", "false")
    assert by_id["report-twice"].explanation == "Right: twice a year, since 1997."
    choice = by_id["remote-work-app"]
    assert choice.type == "choice"
    assert choice.options == ("WeChat", "WeChat Work", "DingTalk", "Feishu")
    assert choice.answer == "WeChat Work"
    assert choice.reject[0].feedback == "The ordinary WeChat app is far bigger."
    city = by_id["telemedicine-city"]
    assert city.accept == ("呼和浩特",)
    assert (city.reject[0].answer, city.reject[0].feedback) == (
        "Baotou", "Baotou is another city of Inner Mongolia.",
    )  # fmt: skip
    assert city.explanation == "The centre is in Hohhot, the regional capital."
    listed = by_id["technologies"]
    assert (listed.type, listed.answers) == ("list", (("big data",), ("AI",)))
    missing_word = next(q for q in pack.questions if GAP in q.prompt)
    assert (
        missing_word.prompt
        == f"China's internet users reached {GAP} by December 2020, the report said."
    )
    assert by_id["guizhou"].prompt.startswith("Which hilly province")  # HTML tags dropped
    assert by_id["escaped"].prompt == "What does the symbol {} mean in GIFT : a set of answers?"
    assert by_id["escaped"].answer == "braces = curly brackets"
    assert by_id["two-lines"].prompt == "Which city hosts the telemedicine centre of the region?"
    _plays(run_quizbot, tmp_path / "pack.yaml")


def test_a_csv_with_a_header_imports_every_column(run_quizbot: Run, tmp_path: Path) -> None:
    source = tmp_path / "questions.csv"
    source.write_text(
        "prompt,answer,type,accept,reject,options,topic,hint,explanation,unit,tolerance,"
        "difficulty,tags,colour\n"
        "Where is the telemedicine centre?,Hohhot,,呼和浩特,Baotou,,Places,A capital,,,,1,"
        "geo|cities,red\n"
        "How long did it take?,8 minutes,,,,,,,,,0.5,,,\n"
        "Which app?,WeChat Work,choice,,,WeChat|WeChat Work,Apps,,,,,,,\n"
        "Two technologies?,big data;AI|artificial intelligence,list,,,,,,,,,,,\n"
        "Published twice a year?,yes,truefalse,,,,,,,,,,,\n"
        "A broken row,maybe,truefalse,,,,,,,,,,,\n"
        ",no prompt,,,,,,,,,,,,\n"
        "Which?,Nothing,choice,,,A|B,,,,,,,,\n"
        '"A prompt with a comma, and quotes","\'=1+1",,,,,,,,,,,,\n',
        encoding="utf-8",
    )
    result = run_quizbot("import", str(source), "-o", str(tmp_path / "pack.yaml"))
    problems = _problem_lines(result.stderr)
    assert "colour" in problems[1]
    assert sorted(problems) == [1, 7, 8, 9], result.stderr
    pack = _imported(run_quizbot, tmp_path, source)
    by_prompt = {q.prompt: q for q in pack.questions}
    centre = by_prompt["Where is the telemedicine centre?"]
    assert centre.accept == ("呼和浩特",)
    assert centre.reject[0].answer == "Baotou"
    assert (centre.hint, centre.difficulty, centre.tags) == ("A capital", 1, ("geo", "cities"))
    assert pack.topic(centre.topic) is not None
    assert by_prompt["How long did it take?"].type == "number"
    assert by_prompt["Which app?"].options == ("WeChat", "WeChat Work")
    assert by_prompt["Two technologies?"].answers == (
        ("big data",),
        ("AI", "artificial intelligence"),
    )
    assert by_prompt["Published twice a year?"].answer == "true"
    assert by_prompt["A prompt with a comma, and quotes"].answer == "=1+1"


def test_aiken_multiple_choice_imports(run_quizbot: Run, tmp_path: Path) -> None:
    source = tmp_path / "quiz.txt"
    source.write_text(
        "Which city hosts the telemedicine centre?\nA. Baotou\nB. Hohhot\nC) Ordos\nANSWER: B\n\n"
        "Which app grew to 400 million users?\nA. WeChat Work\nB. DingTalk\nANSWER: D\n\n"
        "A question with no answer line\nA. yes\nB. no\n",
        encoding="utf-8",
    )
    result = run_quizbot("import", str(source), "-o", str(tmp_path / "pack.yaml"))
    assert sorted(_problem_lines(result.stderr)) == [7, 12]
    pack = _imported(run_quizbot, tmp_path, source, "--format", "aiken", "--pack-id", "aiken",
                     "--title", "An Aiken quiz")  # fmt: skip
    assert (pack.id, pack.title) == ("aiken", "An Aiken quiz")
    [question] = pack.questions
    assert (question.answer, question.options) == ("Hohhot", ("Baotou", "Hohhot", "Ordos"))


def test_import_errors_are_one_line_and_write_nothing(run_quizbot: Run, tmp_path: Path) -> None:
    out = tmp_path / "pack.yaml"
    missing = run_quizbot("import", str(tmp_path / "nope.txt"), "-o", str(out))
    assert missing.returncode == 1
    assert len(missing.stderr.splitlines()) == 1
    assert "nope.txt" in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("only junk here\n", encoding="utf-8")
    nothing = run_quizbot("import", str(empty), "-o", str(out))
    assert nothing.returncode == 1
    assert "nothing could be imported" in nothing.stderr
    assert not out.exists()
    bad_id = run_quizbot("import", str(DATA / "quizlet-export.txt"), "-o", str(out),
                         "--pack-id", "no spaces")  # fmt: skip
    assert bad_id.returncode == 2
    binary = tmp_path / "cards.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in run_quizbot("import", str(binary), "-o", str(out)).stderr
    for result in (missing, nothing, bad_id):
        assert "Traceback" not in result.stderr


def test_an_authors_own_pack_is_never_overwritten(run_quizbot: Run, tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text("# my pack, with my comments\npack: mine\ntitle: Mine\n", encoding="utf-8")
    source = DATA / "quizlet-export.txt"
    refused = run_quizbot("import", str(source), "-o", str(own))
    assert refused.returncode == 1
    assert "exists and was not written by quizbot" in refused.stderr
    assert own.read_text(encoding="utf-8").startswith("# my pack")
    out = tmp_path / "imported.yaml"
    run_quizbot("import", str(source), "-o", str(out))
    again = run_quizbot("import", str(source), "-o", str(out))  # its own output: replaced
    assert "imported 22 questions" in again.stderr


def test_a_hostile_file_name_makes_a_valid_pack_and_safe_output(
    run_quizbot: Run, tmp_path: Path
) -> None:
    source = tmp_path / "cards\x1b[31m\nevil: key.txt"
    source.write_text("Hohhot\tWhich city?\n", encoding="utf-8")
    out = tmp_path / "pack.yaml"
    result = run_quizbot("import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert run_quizbot("validate", str(out)).returncode == 0
    assert "evil" not in [line.split(":")[0] for line in out.read_text().splitlines()]


def test_a_pack_the_loader_would_refuse_is_reported_at_the_source_line_and_not_written(
    run_quizbot: Run, tmp_path: Path
) -> None:
    source = tmp_path / "qs.csv"
    source.write_text(
        "prompt,answer,type,unit\nHow far?,8 km,number,km\nHow heavy?,5 km,number,kg\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.yaml"
    result = run_quizbot("import", str(source), "-o", str(out))
    assert result.returncode == 1
    assert f"{source}:3:1: the answer '5 km'" in result.stderr
    assert "no pack written" in result.stderr
    assert not out.exists()
