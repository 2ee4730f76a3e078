"""The grader's fast paths give exactly the verdicts of its full path."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from grading_helpers import q, tol
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from test_grading_properties import QUESTIONS

from quizbot.grading import canonical, choices, grade, grader, guards, normalize, prepared, text
from quizbot.grading.canonical import canonical_responses
from quizbot.lexicon import numbers
from quizbot.lexicon.truth import FALSE_WORDS, TRUE_WORDS
from quizbot.packs.model import Question

NUMBER = q("number", "900 million", prompt="How many registered in 2020?")
NUMBER_RESPONSES = [
    "900 million", "900,000,000", "900m", "900 M", "about 900 million people", "904",
    "904 million", "900", "9000 million", "2020", "90 million", "0.9 billion", "1.2k",
    "40 bn", "900 users", "nearly 900 million", "more than 900 million people", "1,234.5",
]  # fmt: skip


@pytest.mark.parametrize("question", QUESTIONS, ids=[f"{q.type}:{q.answer}" for q in QUESTIONS])
def test_canonical_responses_get_the_full_graders_verdict(question: Question) -> None:
    for response in canonical_responses(question):
        for said in (response, response.upper(), f"  {response.title()} "):
            assert grade(question, said) == grader._grade(question, said, None), said


@pytest.mark.parametrize("response", NUMBER_RESPONSES)
def test_one_number_responses_get_the_full_path_verdict(
    response: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = grader._grade(NUMBER, response, None)
    monkeypatch.setattr(grader, "_SIMPLE_NUMBER", re.compile(r"(?!)"))
    assert grader._grade(NUMBER, response, None) == fast


@pytest.mark.parametrize("text", NUMBER_RESPONSES)
def test_plain_numbers_read_as_the_tokenizer_reads_them(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = numbers.find_numbers(text)
    monkeypatch.setattr(numbers, "_PLAIN_NUMBER", re.compile(r"(?!)()()"))
    assert numbers.find_numbers(text) == fast


# --- generated responses: the fast paths against the full path ---------------------

NUMBER_QUESTIONS = [
    NUMBER,
    q("number", "904", prompt="How many in 2019?", tolerance=tol("0.01", relative=True)),
    q("number", "3.5 billion", prompt="How many?"),
    q("number", "12,000", prompt="How many schools in 3 provinces?"),
    q("number", "1997", prompt="When was it returned?"),
    q("number", "400万", prompt="How many?"),
]
_LEADS = ["", "I think ", "i believe ", "maybe ", "Perhaps ", "probably ", "it's ", "its ",
          "It is ", "the answer is ", "um ", "uh ", "I guess ", "about ", "I think about ",
          "more than ", "maybe nearly ", "not ", "I think not ", "so "]  # fmt: skip
_DIGITS = st.one_of(
    st.integers(0, 10**13).map(str),
    st.integers(0, 10**13).map(lambda n: f"{n:,}"),
    st.decimals(0, 10**6, places=2, allow_nan=False).map(str),
    st.sampled_from(["904", "900", "1997", "2019", "2020", "12,000", "3.5", "400", "4", "0"]),
)
_SCALES = ["", " million", "million", " billion", " thousand", "m", " m", " M", "k", "bn",
           " bn", " K", "M"]  # fmt: skip
_NOUNS = ["", " people", " users", " times", " People", " schools", " or so", "!"]


@given(
    question=st.sampled_from(NUMBER_QUESTIONS),
    lead=st.sampled_from(_LEADS),
    digits=_DIGITS,
    scale=st.sampled_from(_SCALES),
    noun=st.sampled_from(_NOUNS),
)
@settings(max_examples=600, deadline=None)
def test_generated_one_number_responses_get_the_full_path_verdict(
    question: Question, lead: str, digits: str, scale: str, noun: str
) -> None:
    response = f"{lead}{digits}{scale}{noun}"
    fast = grader._grade(question, response, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grader, "_SIMPLE_NUMBER", re.compile(r"(?!)"))
        assert grader._grade(question, response, None) == fast, response


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
@settings(max_examples=500)
def test_plain_ascii_is_cleaned_as_the_regexes_clean_it(text: str) -> None:
    assert normalize.clean(text) == normalize.collapse_spaces(text)


def _word_cost_plurals_first(key: str, said: str, allowed: int) -> int | None:
    """word_cost as it was written before the edit distance went first."""
    if key == said:
        return 0
    if allowed <= 0 or re.search(r"\d", key + said):
        return None
    if text._plural_of(said, key) or text._plural_of(key, said):
        return 1
    distance = OSA.distance(key, said, score_cutoff=allowed)
    return distance if distance <= allowed else None


_WORDS = st.text(alphabet="abceisyz1", min_size=0, max_size=8)


@given(key=_WORDS, said=_WORDS, allowed=st.integers(0, 2))
@settings(max_examples=1000)
def test_word_cost_is_the_plurals_first_cost(key: str, said: str, allowed: int) -> None:
    assert text.word_cost(key, said, allowed) == _word_cost_plurals_first(key, said, allowed)


@pytest.mark.parametrize(
    ("key", "said"), [("city", "cities"), ("box", "boxes"), ("cat", "cats"), ("bus", "buses")]
)
def test_word_cost_counts_a_plural_as_one_slip(key: str, said: str) -> None:
    for allowed in (1, 2):
        assert (
            text.word_cost(key, said, allowed) == 1 == _word_cost_plurals_first(key, said, allowed)
        )


@given(
    st.lists(
        st.sampled_from(
            [
                "Hohhot",
                " or ",
                "/",
                "either ",
                "或",
                "还是",
                " ",
                "x",
                ",",
                "or",
                "  ",
                " OR ",
                "\tor\n",
                "Either\t",
                "ı",
                "eıther ",
                "或者",
            ]
        ),
        max_size=8,
    ).map("".join)
)
@settings(max_examples=500)
def test_alternatives_are_split_as_the_regex_splits_them(response: str) -> None:
    by_regex = [p.strip() for p in guards._ALTERNATIVES.split(response)]
    assert guards.split_alternatives(response) == [p for p in by_regex if normalize.words(p)]


_KEY_TEXTS = ["WeChat Work", "artificial intelligence", "city", "Inner Mongolia", "5G network",
              "the Yellow River", "Hohhot", "big data", "cloud computing", "ox"]  # fmt: skip
_SAID_WORDS = st.lists(
    st.sampled_from(["wechat", "wechta", "work", "wokr", "wechatwork", "cities", "citys", "city",
                     "inner", "mongolia", "innermongolia", "mongolai", "5g", "5", "g", "4g",
                     "network", "networks", "yellow", "river", "rivers", "hohhot", "hohot",
                     "big", "data", "bigdata", "cloud", "computing", "clod", "ox", "oxen", "app",
                     "artificial", "intelligence", "artifical", "inteligence", "ai"]),
    min_size=1,
    max_size=5,
).map(tuple)  # fmt: skip


@given(key=st.sampled_from(_KEY_TEXTS), said=_SAID_WORDS)
@settings(max_examples=1500)
def test_the_edit_bound_turns_away_only_what_the_alignment_would(
    key: str, said: tuple[str, ...]
) -> None:
    form = text.make_form(key)
    assert form is not None
    quick = text.match_form(form, said)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "_too_far", lambda form, joined: False)
        assert text.match_form(form, said) == quick


# --- a lead before a canonical response ("I think B", "maybe true") ----------------

CHOICES = [
    q("choice", "Hohhot", options=("Baotou", "Hohhot", "Ordos")),
    q("choice", "B", options=("A", "B", "C", "D")),  # options that are letters themselves
    q("choice", "Ordos", options=("Baotou", "Hohhot", "Ordos"), reject=("b",)),
    q("choice", "Maybe", options=("Maybe", "Yes", "No"), reject=("maybe",)),
    q("choice", "Eight", options=(*(f"Option {n}" for n in range(7)), "Eight")),
    q("choice", "Nine", options=(*(f"Option {n}" for n in range(8)), "Nine")),
    q("choice", "It is B", options=("It is A", "It is B"), prompt="Which is it?"),
]
TRUEFALSE = [q("truefalse", "true"), q("truefalse", "false"), q("truefalse", "对")]


def _lead_responses(question: Question) -> list[str]:
    """Every lead before every canonical response, in a few spellings."""
    said = []
    for response in canonical.canonical_responses(question):
        for lead in canonical.LEADS:
            for spelling in ("{} {}", "{} {} ", "{}  {}", "{}, {}"):
                said.append(spelling.format(lead, response))
                said.append(spelling.format(lead.title(), response.upper()))
    return said


@pytest.mark.parametrize("question", CHOICES + TRUEFALSE, ids=lambda q: f"{q.type}:{q.answer}")
def test_a_lead_before_a_canonical_response_gets_the_full_graders_verdict(
    question: Question,
) -> None:
    for response in _lead_responses(question):
        assert grade(question, response) == grader._grade(question, response, None), response


def test_the_lead_fast_path_is_taken_for_letters_and_truth_words() -> None:
    """The equivalence above is not vacuous: these take the fast path (and the ninth
    option's question, where "i think" reads as the letter I, does not)."""
    for question, response in [(CHOICES[0], "I think B"), (TRUEFALSE[0], "maybe true")]:
        table, lead_proof = prepared.canonical_verdicts(question)
        rest = canonical.without_lead(canonical.key_of(response))
        assert rest in lead_proof and rest in table
    assert not prepared.canonical_verdicts(CHOICES[5])[1]
    assert "b" not in prepared.canonical_verdicts(CHOICES[1])[1]  # "B" is an answer's words


@pytest.mark.parametrize("lead", canonical.LEADS)
def test_read_truth_reads_a_truth_word_the_same_after_any_lead(lead: str) -> None:
    """true/false verdicts depend on read_truth alone: checked for every lead and word."""
    truth = [w for w in (*TRUE_WORDS, *FALSE_WORDS) if w.isascii()] + ["not true", "not false"]
    for word in truth:
        for said in (word, word.upper()):
            assert choices.read_truth(f"{lead} {said}") == choices.read_truth(said), said
            assert not guards.is_dont_know(f"{lead} {said}")


# --- the fuzzy truth words --------------------------------------------------------


@given(st.text(alphabet="truefalscoightwn", min_size=0, max_size=10))
@settings(max_examples=1000)
def test_fuzzy_truth_words_are_read_as_without_the_length_filter(word: str) -> None:
    close = {
        v for k, v in choices._FUZZY_TRUTH.items() if OSA.distance(word, k, score_cutoff=1) <= 1
    }
    read = choices._truth_of(word)
    if word not in TRUE_WORDS and word not in FALSE_WORDS and len(word) >= 4:
        assert read == (close.pop() if len(close) == 1 else None)


_DIGIT_WORDS = st.lists(
    st.sampled_from(["wechat", "work", "5g", "5", "g", "4g", "2100", "21", "00", "meeting", "0",
                     "tencent", "tencentmeeting0", "meeting2100", "app", "77", "wechta"]),
    min_size=1,
    max_size=5,
).map(tuple)  # fmt: skip


@given(
    key=st.sampled_from(["WeChat Work", "5G network", "Tencent Meeting 2100", "Meeting 0", "4G"]),
    said=_DIGIT_WORDS,
)
@settings(max_examples=1500)
def test_a_stray_digit_word_turns_away_only_what_the_alignment_would(
    key: str, said: tuple[str, ...]
) -> None:
    form = text.make_form(key)
    assert form is not None
    quick = text.match_form(form, said)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "_stray_digits", lambda form, said: False)
        patch.setattr(text, "_too_far", lambda form, joined: False)
        assert text.match_form(form, said) == quick


def _best_match_by_match_form(forms: tuple[text.Form, ...], said: tuple[str, ...]) -> object:
    """best_match as it was: every form through match_form."""
    found = None
    for form in forms:
        match = text.match_form(form, said)
        if match is not None and (found is None or match.slips < found.slips):
            found = match
    return found


@given(
    keys=st.lists(st.sampled_from([*_KEY_TEXTS, "Hohot", "cities", "Lhasa"]), min_size=1),
    said=_SAID_WORDS,
)
@settings(max_examples=1500)
def test_best_match_compares_one_word_as_match_form_does(
    keys: list[str], said: tuple[str, ...]
) -> None:
    forms = tuple(f for f in (text.make_form(k) for k in keys) if f is not None)
    assert text.best_match(forms, said) == _best_match_by_match_form(forms, said)


_RESPONSE_WORDS = st.lists(
    st.sampled_from(["i", "think", "the", "its", "a", "city", "cities", "which", "app", "name",
                     "hohhot", "wechat", "work", "maybe", "right", "我觉得是是北京", "是北京", "吧",
                     "北京吧", "three", "ok"]),
    max_size=6,
).map(tuple)  # fmt: skip


@given(said=_RESPONSE_WORDS)
@settings(max_examples=1500)
def test_trimming_prompt_words_is_dropping_them_then_the_filler(said: tuple[str, ...]) -> None:
    said = normalize.strip_filler(said)  # as the grader has them
    prompt = text.without_prompt_words  # the long way: drop, then strip again
    for prompt_words in (frozenset({"which", "app", "city", "cities"}), frozenset({"name"})):
        key_words = frozenset({"work"})
        assert text.trim_prompt_words(said, prompt_words, key_words) == normalize.strip_filler(
            prompt(said, prompt_words, key_words)
        )


_ASCII_BITS = st.sampled_from(
    ["Tencent", "NOT", "isn't", "Can", " not", "cannot", "DONT", "sure", "I'm not sure", "NO IDEA",
     "know", "Hohhot", "(", ")", ",", " ", "2", "_", "n", "t", "'", "never", "Neither", "nor",
     "certain", "x", "but", "."]
)  # fmt: skip


@given(st.one_of(st.lists(_ASCII_BITS, max_size=8).map("".join), st.text(max_size=20)))
@settings(max_examples=2000)
def test_the_quick_negation_check_turns_away_only_what_the_regex_would(response: str) -> None:
    if guards._MAY_NEGATE.search(response) is not None:
        assert guards._may_negate(response), response


def test_every_dont_know_phrase_but_the_question_mark_is_found_by_its_words() -> None:
    # is_dont_know looks phrases up by the response's words: that finds each phrase
    # only if its words, joined, are the phrase itself.
    for phrase in guards._DONT_KNOW - {"?"}:
        assert " ".join(normalize.words(phrase)) == phrase
        assert len(normalize.words(phrase)) <= guards._DONT_KNOW_WORDS
        assert guards.is_dont_know(phrase.upper() + "!")
    assert guards.is_dont_know(" ? ")
    assert not guards.is_dont_know("??") and not guards.is_dont_know("Hohhot?")


@given(
    st.one_of(
        st.text(alphabet="abcz0189 .,_-'`/", max_size=30),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
    )
)
@settings(max_examples=3000)
def test_ascii_words_are_found_as_the_general_pattern_finds_them(cleaned: str) -> None:
    folded = cleaned.casefold()
    assert normalize._ASCII_WORD.findall(folded) == normalize._WORD.findall(folded)


# The list separator as the contract words it, without the lookahead that speeds it up.
_PLAIN_SEPARATOR = re.compile(
    r"(\s*(?:[;/\n&、，；]|(?<!\d),|,(?!\d{3}(?!\d))|\band\b)\s*)", re.IGNORECASE
)


@given(st.one_of(st.text(alphabet="aAndb ,;/&\n\t1、，.", max_size=30), st.text(max_size=30)))
@settings(max_examples=3000)
def test_the_list_separator_splits_as_the_plain_pattern_does(response: str) -> None:
    assert prepared.LIST_SEPARATOR.split(response) == _PLAIN_SEPARATOR.split(response)


_DECIMALS = st.builds(
    lambda digits, power, sign: Decimal(sign * digits).scaleb(power),
    st.integers(0, 10**30),
    st.integers(-8, 14),
    st.sampled_from([1, -1]),
)


@given(_DECIMALS, _DECIMALS)
@settings(max_examples=3000)
def test_scale_steps_are_found_as_by_dividing(a: Decimal, b: Decimal) -> None:
    for big, small in ((a, b), (a, a.scaleb(6)), (b.scaleb(9), b), (a, a / 7)):
        by_dividing = grader._SCALE_STEPS.get(big / small, 0) if small else 0
        assert grader._powers_of_ten(big, small) == by_dividing
        every_scale = next(
            (name for power, name in grader._SCALE_NAMES.items() if small.scaleb(power) == big),
            "",
        )
        assert grader._missing_scale(small, big, None) == every_scale


@given(st.one_of(st.text(alphabet="or eithOR/\n\t x", max_size=20), st.text(max_size=20)))
@settings(max_examples=2000)
def test_the_quick_alternative_check_turns_away_only_what_the_regex_would(response: str) -> None:
    if guards._MAY_ALTERNATE.search(response) is not None:
        assert guards._may_alternate(response), response


_PLAIN_REASON = re.compile(r"\s*(?:[,;:.!?，；：。！？–—]|\s-|-\s|\bbecause\b|\bsince\b)")


@given(st.one_of(st.text(alphabet="absinceuse -,.;!?\t\nx–—。", max_size=25), st.text(max_size=25)))
@settings(max_examples=2000)
def test_a_reason_is_found_where_the_plain_pattern_finds_it(response: str) -> None:
    assert choices._REASON.split(response, maxsplit=1) == _PLAIN_REASON.split(response, maxsplit=1)


def _match_form_by_alignment(form: text.Form, said: tuple[str, ...]) -> object:
    """match_form as defined: the word-for-word and spacing checks, then every alignment."""
    n, m = len(form.words), len(said)
    if not n or not m or m > text.MAX_MERGE * n or n > text.MAX_MERGE * m:
        return None
    if said == form.words:
        return text.Match(form, 0, False)
    if "".join(said) == form.joined:
        return text.Match(form, 0, True)
    return text._align(form, said)


_ALIGN_KEYS = [*_KEY_TEXTS, "wechatwork", "Tencent Meeting 2100", "big cities", "ox cart",
               "artificial intelligence ai", "Inner Mongolia city", "5G", "Guiyang",
               "cloud computing platform"]  # fmt: skip
_OTHER_WORDS = ["a", "app", "city", "cities", "4g", "5", "g", "hohhot", "2100", "option", "c"]


def _near_words(key: str) -> list[str]:
    """Words a response to the key is made of: its words with a slip or two, a plural,
    run together in twos and threes, split in two, and a few others."""
    form = text.make_form(key)
    assert form is not None
    ws = form.words
    near = [*ws, *_OTHER_WORDS]
    for w in ws:
        near += [w + "s", w[:-1], w[1:], w[:-1] + "x", "x" + w, w[:1] + w[2:], w[:2] + w[3:]]
        near += [w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(len(w) - 1)]
        near += [w[:i] for i in range(1, len(w))] + [w[i:] for i in range(1, len(w))]
    for size in (2, 3):
        for i in range(len(ws) - size + 1):
            run = "".join(ws[i : i + size])
            near += [run, run[:-1], run[:1] + run[2:], run[:3] + run[4:], run + "s"]
    return sorted(set(w for w in near if w))


_KEY_AND_WORDS = st.sampled_from(_ALIGN_KEYS).flatmap(
    lambda key: st.tuples(
        st.just(key), st.lists(st.sampled_from(_near_words(key)), min_size=1, max_size=6)
    )
)


@given(key_and_words=_KEY_AND_WORDS)
@settings(max_examples=4000)
def test_match_form_matches_as_every_alignment_would(key_and_words: tuple[str, list[str]]) -> None:
    """Its shortcuts (one word against several, two against two, the letter counts, the
    digit and edit checks) give what aligning the words every way gives."""
    key, said = key_and_words
    form = text.make_form(key)
    assert form is not None
    assert text.match_form(form, tuple(said)) == _match_form_by_alignment(form, tuple(said))


@pytest.mark.parametrize(
    ("key", "said", "slips", "spacing"),
    [
        ("WeChat Work", ("wechta", "wokr"), 2, False),  # two against two: word by word
        ("Hohhot", ("hoh", "hot"), 0, True),  # one against two
        ("Guiyang", ("gui", "yanng"), 1, True),
        ("big cities", ("bigcitie",), 1, True),  # two against one: the slip in "cities"
        ("big cities", ("bgcities",), None, False),  # not in "big", which has none
        ("cloud computing platform", ("cloudcomputing", "plat", "form"), 0, True),
        ("cloud computing platform", ("cloudcomputng", "plat", "form"), 1, True),
        ("Inner Mongolia city", ("inner", "mongolai", "city"), 1, False),
    ],
)
def test_match_form_aligns_these_as_every_alignment_would(
    key: str, said: tuple[str, ...], slips: int | None, spacing: bool
) -> None:
    form = text.make_form(key)
    assert form is not None
    match = text.match_form(form, said)
    assert match == _match_form_by_alignment(form, said)
    assert (match.slips, match.spacing) == (slips, spacing) if match else slips is None
