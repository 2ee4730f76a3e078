"""Building the knowledge base's index: the fast paths give what the plain ones give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizbot.knowledge.build import read_blanks
from quizbot.knowledge.documents import _split, _statement_terms, statement_terms
from quizbot.knowledge.words import normalise
from quizbot.packs import cloze

# Words that take every branch of a statement's terms: concept phrases (one word and
# several), names whose words are not indexed, hyphenated words, stop words, years,
# months, numbers, "and" between two nouns that share a concept, and plain words.
_VOCABULARY = """
    online education healthcare and medicine people using the internet users work from home
    remote working China Internet Network Information Center CNNIC WeChat Work live-streaming
    e-commerce x-y 2020 December end of percent 98% 1,000 5.9 reached Guizhou villages
    penetration rate poverty alleviation health code QR of in
"""
VOCABULARY = _VOCABULARY.split()
SEPARATORS = (" ", " ", " ", ", ", ". ", " - ", "'s ", " (", ") ", ": ")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14))
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    return text + draw(st.sampled_from((".", "", "?")))


@settings(max_examples=300, deadline=None)
@given(sentences())
def test_a_statements_terms_are_the_same_by_the_fast_path(text: str) -> None:
    words = _split(normalise(text))
    terms, dated, shared = _statement_terms(words)  # reads every word: the fast path can run
    fast_terms, fast_dated, fast_shared = statement_terms(text)
    assert set(fast_terms) == set(terms)
    assert (fast_dated, fast_shared) == (dated, shared)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcxyz019 -.,%'_;:()!?\"/&", max_size=60))
def test_the_fast_split_finds_the_words_the_pattern_finds(text: str) -> None:
    from quizbot.knowledge.words import WORD, split_words

    plain = normalise(text)
    expected = split_words(plain) if "'" in plain else WORD.findall(plain)
    assert _split(plain) == expected


def test_known_sentences_take_the_fast_path_to_the_same_terms() -> None:
    text = "Online healthcare and education reached 98% of villages in Guizhou in December 2020."
    statement_terms(text)  # the words are read once
    terms, dated, shared = statement_terms(text)
    assert {"~telemedicine", "guizhou", "98", "percent"} <= set(terms)
    assert dated
    assert shared == {"~online-education"}
    name = "The China Internet Network Information Center (CNNIC) said so."
    statement_terms(name)
    terms = statement_terms(name)[0]
    assert "~cnnic" in terms and "internet" not in terms  # a name's own words are not indexed


def test_blanks_are_read_with_their_forms() -> None:
    assert read_blanks("About {{900 million|900m}} people, {{ 40 billion }} times.") == (
        "About 900 million people, 40 billion times.",
        (("900 million", "900m"), ("40 billion",)),
    )
    assert read_blanks("no blanks") == ("no blanks", ())
    # A named blank's name is not part of the sentence (it was, before).
    assert read_blanks("{{#users: 342 million|342m}} used it.") == (
        "342 million used it.",
        (("342 million", "342m"),),
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab {}|#:\n", max_size=30))
def test_blanks_are_read_as_the_cloze_reader_reads_them(text: str) -> None:
    plain, forms = read_blanks(text)
    assert plain == cloze.plain_text(text)
    assert forms == tuple(blank.forms for blank in cloze.blanks(text))
