"""The number reader: one number from a key or response, and every number in a text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizbot.lexicon.numbers import find_numbers, read_chinese, read_number

READS: list[tuple[str, str, bool, bool]] = [
    # text, value, percent, scaled
    ("900 million", "900000000", False, True),
    ("900,000,000", "900000000", False, False),
    ("900 000 000", "900000000", False, False),
    ("nearly 900 million people", "900000000", False, True),
    ("more than 40 billion times", "40000000000", False, True),
    ("832 poor counties", "832", False, False),
    ("70.4 percent", "70.4", True, False),
    ("70.4%", "70.4", True, False),
    ("98 per cent", "98", True, False),
    ("5.9 percentage points", "5.9", True, False),
    ("1997", "1997", False, False),
    ("since 1997", "1997", False, False),
    ("twice", "2", False, False),
    ("twice a year", "2", False, False),
    ("once", "1", False, False),
    ("seventy point four", "70.4", False, False),
    ("three hundred and forty-two million", "342000000", False, True),
    ("nine hundred million", "900000000", False, True),
    ("a million", "1000000", False, True),
    ("twenty one", "21", False, False),
    ("forty two thousand three hundred", "42300", False, True),
    ("one thousand million", "1000000000", False, True),
    ("900 milion", "900000000", False, True),
    ("900 millon", "900000000", False, True),
    ("2 bilion", "2000000000", False, True),
    ("900m", "900000000", False, True),
    ("40bn", "40000000000", False, True),
    ("1.2k", "1200", False, True),
    ("85.4 mn", "85400000", False, True),
    ("九亿", "900000000", False, True),
    ("三点四二亿", "342000000", False, True),
    ("3.42亿", "342000000", False, True),
    ("九百万", "9000000", False, True),
    ("900万", "9000000", False, True),
    ("一亿二千万", "120000000", False, True),
    ("二〇二〇", "2020", False, False),
    ("十五", "15", False, False),
    ("一百零五", "105", False, False),
    ("近九亿人", "900000000", False, True),
    ("百分之七十点四", "70.4", True, False),
    ("5.9个百分点", "5.9", True, False),
    ("９００ million", "900000000", False, True),
    ("-5", "-5", False, False),
    ("about 0.5", "0.5", False, False),
    ("approximately 989 million internet users", "989000000", False, True),
]


@pytest.mark.parametrize(("text", "value", "percent", "scaled"), READS)
def test_read_number(text: str, value: str, percent: bool, scaled: bool) -> None:
    reading = read_number(text)
    assert reading is not None, text
    assert reading.value == Decimal(value)
    assert reading.percent is percent
    assert reading.scaled is scaled


@pytest.mark.parametrize(
    "text",
    [
        "4G",
        "5G",
        "Route 66",
        "COVID-19",
        "1990s",
        "1st",
        "G20",
        "Hohhot",
        "",
        "   ",
        "milion",
        "one of the most authoritative",
        "900 million or 800 million",
        "1,2",
        "hundred",
        "mp3",
        "Guizhou 2020",
        "the 20th century",
        "\x00\x01",
        "🙂",
        "点",
    ],
)
def test_not_one_number(text: str) -> None:
    assert read_number(text) is None


def test_scale_names_are_kept_for_feedback() -> None:
    assert read_number("900 million") is not None
    assert read_number("900 million").scale == "million"  # type: ignore[union-attr]
    assert read_number("9亿").scale == "亿"  # type: ignore[union-attr]


def test_find_numbers_reads_every_number_in_order() -> None:
    found = find_numbers("342 million in 2020, not 346 million; 70.4% and 九亿")
    assert [f.reading.value for f in found] == [
        Decimal(342000000),
        Decimal(2020),
        Decimal(346000000),
        Decimal("70.4"),
        Decimal(900000000),
    ]
    assert found[0].text == "342 million"
    assert found[3].reading.percent


def test_find_numbers_skips_words_with_digits() -> None:
    assert find_numbers("4G and 5G, COVID-19, mp3 in the 1990s") == []


def test_list_of_numbers_is_several_numbers() -> None:
    assert [f.reading.value for f in find_numbers("1,2,3")] == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "value"),
    [("九", 9), ("十", 10), ("二十", 20), ("两千", 2000), ("一万二千", 12000), ("万亿", 10**12)],
)
def test_read_chinese(text: str, value: int) -> None:
    assert read_chinese(text) == value


def test_read_chinese_refuses_nonsense() -> None:
    assert read_chinese("九九百") is None
    assert read_chinese("点") is None


def test_huge_input_is_cut_and_never_raises() -> None:
    text = "9" * 100_000 + " million " + "nine " * 20_000
    assert find_numbers(text) == find_numbers(text[:4000])
    assert read_number(text) == read_number(text[:4000])


@pytest.mark.parametrize("text", ["900-million", "nearly 900-million people", "900-milion"])
def test_a_hyphen_before_a_scale_word_joins_it_to_the_number(text: str) -> None:
    reading = read_number(text)
    assert reading is not None
    assert reading.value == Decimal("900000000") and reading.scaled


@pytest.mark.parametrize("text", ["covid-19", "19-covid", "mp-3"])
def test_a_hyphen_before_another_word_is_still_a_glued_word(text: str) -> None:
    assert read_number(text) is None


# --- issue 9: spaced 万/亿, Chinese numbers in parts, years as people say them


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.42 亿", "342000000"),
        ("3.42亿", "342000000"),
        ("3.42 亿人", "342000000"),
        ("1.5 亿", "150000000"),
        ("15000 万", "150000000"),
        ("一亿 五千万", "150000000"),
        ("about 3.42 亿", "342000000"),
        ("9亿3千万", "930000000"),
        ("九亿三千万", "930000000"),
    ],
)
def test_spaced_and_compound_chinese_numbers_are_one_number(text: str, value: str) -> None:
    reading = read_number(text)
    assert reading is not None and reading.value == Decimal(value)
    assert len(find_numbers(text)) == 1


def test_a_bigger_chinese_number_after_another_stays_two() -> None:
    assert [f.reading.value for f in find_numbers("三亿 两亿")] == [Decimal("3e8"), Decimal("2e8")]


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("twenty twenty", "2020"),
        ("nineteen ninety-seven", "1997"),
        ("nineteen ninety seven", "1997"),
        ("Twenty twenty-one", "2021"),
        ("nineteen oh five", "1905"),
        ("nineteen hundred", "1900"),
        ("in twenty ten", "in 2010"),
        ("forty fifty million", "forty fifty million"),  # 4050 is no year
        ("twenty", "twenty"),
    ],
)
def test_spoken_years(said: str, digits: str) -> None:
    from quizbot.lexicon.numbers import spoken_years

    assert spoken_years(said) == digits
