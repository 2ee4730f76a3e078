"""``quizbot draft``'s rules: header, boilerplate, blanks, proposed questions; and the
acceptance check on the seed articles (every figure of the built-in pack is a blank)."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from quizbot.authoring.draft import blank_spans, draft_pack, read_article, sentences
from quizbot.lexicon.numbers import read_number
from quizbot.packs import cloze
from quizbot.packs.builtin import load_builtin_packs
from quizbot.packs.loader import load_pack
from quizbot.packs.model import Pack

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "authoring"
# A worktree lives elsewhere than the main checkout: QUIZBOT_SEEDS may point at them.
SEEDS = Path(os.environ.get("QUIZBOT_SEEDS") or ROOT.parent / "shared" / "seeds")


def _blanks(sentence: str, common: frozenset[str] = frozenset()) -> list[str]:
    return [sentence[s.start : s.end] for s in blank_spans(sentence, common, frozenset())]


def _drafted(tmp_path: Path, article: Path) -> Pack:
    drafted = draft_pack(article.read_text(encoding="utf-8"), str(article))
    path = tmp_path / "draft.yaml"
    path.write_text(drafted.yaml, encoding="utf-8")
    result = load_pack(path)
    assert result.problems == []
    assert result.pack is not None
    return result.pack


def test_the_header_gives_the_source() -> None:
    article = read_article((DATA / "article-broadband.txt").read_text(encoding="utf-8"))
    assert article.title == "Fibre reaches the last mountain villages of Lakeside Province"
    assert (article.publisher, article.author, article.date) == (
        "Harbor Herald", "Chen Mei", "2022-03-15",
    )  # fmt: skip
    other = read_article((DATA / "article-clinic.txt").read_text(encoding="utf-8"))
    assert other.title == "Remote clinics cut waiting times across Riverbend"
    assert (other.publisher, other.author, other.date) == (
        "riverbend-news.example",
        "",
        "2021-11-08",
    )


@pytest.mark.parametrize("name", ["article-broadband.txt", "article-clinic.txt"])
def test_boilerplate_is_dropped(name: str) -> None:
    article = read_article((DATA / name).read_text(encoding="utf-8"))
    body = "\n".join(text for _, text in article.paragraphs)
    for boilerplate in (
        "Share", "Copyright", "[Photo", "Global Edition", "Home /", "Registration", "Most Viewed",
        "BACK TO THE TOP", "Rural broadband doubles", "Dr Zhou Lan, director",
        "Local schools benefit too",
    ):  # fmt: skip
        assert boilerplate not in body
    assert len(article.paragraphs) >= 5


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It invested 4.5 billion yuan in the project in 2019.", ["4.5 billion yuan", "2019"]),
        ("Nearly 85 percent of them were chronic.", ["85 percent"]),
        ("It rose by 5.9 percentage points to 70.4%.", ["5.9 percentage points", "70.4%"]),
        ("They trained 12,000 villagers and opened 150 centres.", ["12,000", "150"]),
        ("Classes are held twice a week.", ["twice"]),
        ("The COVID-19 pandemic sped up 4G roll-outs.", ["COVID-19", "4G"]),
        ("Experts met in Hohhot, Feb 14, 2020, at noon.", ["Hohhot", "Feb 14, 2020"]),
        ("The China Internet Network Information Center said so.",
         ["China Internet Network Information Center"]),
        ("Demand for online healthcare has grown since then.", []),
        ("Zhang Xiao, the center's deputy director, spoke on Wednesday.", ["Zhang Xiao"]),
        ("One of the most authoritative reports is out.", []),
    ],
)  # fmt: skip
def test_figures_and_names_become_blanks(sentence: str, expected: list[str]) -> None:
    assert _blanks(sentence) == expected


def test_a_name_in_most_sentences_is_the_subject_not_a_blank() -> None:
    assert _blanks("Users in China rose.", frozenset({"China"})) == []


def test_sentences_are_split_after_quotes_too() -> None:
    text = '"It will grow," Han said. Nearly 70 percent joined. The end came in 2020.'
    assert sentences(text) == ['"It will grow," Han said.', "Nearly 70 percent joined.",
                               "The end came in 2020."]  # fmt: skip


def test_a_draft_validates_and_has_every_figure_of_the_article(tmp_path: Path) -> None:
    pack = _drafted(tmp_path, DATA / "article-broadband.txt")
    blanks = {b.answer for fact in pack.facts for b in cloze.blanks(fact.text)}
    assert blanks >= {
        "3,200", "4.5 billion yuan", "2019", "300 Mbps", "62.5 percent", "48 percent",
        "820 million yuan", "150", "12,000", "2024", "twice", "Li Wei", "Harbor Telecom Group",
    }  # fmt: skip
    [source] = pack.sources
    assert (source.title, source.publisher, source.author) == (
        "Fibre reaches the last mountain villages of Lakeside Province", "Harbor Herald",
        "Chen Mei",
    )  # fmt: skip
    assert all(fact.source == source.id for fact in pack.facts)
    authored = [q for q in pack.questions if not q.is_cloze]
    assert authored, "some questions are proposed"
    for q in authored:
        assert q.fact is not None and q.explanation
        if q.type == "choice":
            # Wrong options are of the answer's kind: a percentage among percentages.
            kinds = {("percent" in o) for o in q.options}
            assert len(kinds) == 1, q.options
            assert len(set(q.options)) == 3
        if q.type == "truefalse":
            assert q.answer == "false"


def test_the_yaml_says_it_is_a_draft_and_where_each_fact_came_from() -> None:
    article = DATA / "article-clinic.txt"
    drafted = draft_pack(article.read_text(encoding="utf-8"), "article-clinic.txt")
    assert drafted.yaml.startswith("# A draft made by 'quizbot draft'")
    assert "# article-clinic.txt line 12" in drafted.yaml
    assert drafted.facts == 5


def _figure_values(answers: list[str]) -> set[Decimal]:
    values = set()
    for answer in answers:
        reading = read_number(answer)
        if reading is not None:
            values.add(reading.value)
    return values


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the repository")
def test_on_each_seed_article_the_blanks_hold_every_figure_of_the_built_in_pack(
    tmp_path: Path,
) -> None:
    builtin = next(iter(load_builtin_packs()))
    articles = sorted(SEEDS.glob("*.txt"))
    assert articles
    checked = 0
    for article in articles:
        pack = _drafted(tmp_path, article)
        [source] = pack.sources
        theirs = [s.id for s in builtin.sources if s.title == source.title]
        assert theirs, f"{article.name}: title {source.title!r} is no source of the built-in pack"
        wanted = _figure_values(
            [b.answer for f in builtin.facts if f.source in theirs for b in cloze.blanks(f.text)]
        )
        found = _figure_values([b.answer for f in pack.facts for b in cloze.blanks(f.text)])
        assert wanted <= found, f"{article.name}: missing {sorted(wanted - found)}"
        checked += len(wanted)
    assert checked >= 20


def test_wrong_options_are_the_nearest_figures_of_the_article() -> None:
    from quizbot.authoring.draft import _nearest

    pool = ["900 million", "346 million", "215 million", "342 million", "989 million"]
    assert _nearest("342 million", pool)[:2] == ["346 million", "215 million"]
    assert _nearest("Guizhou", ["Hohhot", "Guizhou", "Yunnan"]) == ["Hohhot", "Yunnan"]
