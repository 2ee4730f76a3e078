"""Reading responses files in the encodings spreadsheets write, with errors at their line."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizbot.textinput import DecodeProblem, check_encoding, decoded_lines

TEXT = "question,response\r\nos-education,3.42亿\r\nhohhot,呼和浩特\r\n"


def lines_of(data: bytes, encoding: str | None = None) -> list[str]:
    return list(decoded_lines(io.BytesIO(data), encoding))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its byte order mark, as Excel's "Unicode text"
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be", "utf-32"],
)
def test_a_byte_order_mark_decides_else_utf8(data: bytes) -> None:
    assert lines_of(data) == TEXT.splitlines(keepends=True)


def test_gb18030_needs_to_be_named_and_the_error_says_so() -> None:
    data = ("question,response\n" + "hohhot,Hohhot\n" * 500_000 + "hohhot,呼和浩特\n").encode(
        "gb18030"
    )
    with pytest.raises(DecodeProblem) as caught:
        lines_of(data)
    assert (caught.value.line, caught.value.column) == (500_002, 8)
    assert "--encoding gb18030" in str(caught.value)
    assert lines_of(data, "gb18030")[-1] == "hohhot,呼和浩特\n"


def test_a_bad_byte_in_a_named_encoding_or_utf16_names_its_line() -> None:
    with pytest.raises(DecodeProblem) as caught:
        lines_of(b"a\nb\n\xff\xfe\n", "gb18030")
    assert caught.value.line == 3 and "--encoding" in str(caught.value)
    broken = "a\nbb\n".encode("utf-16") + b"\x00\xd8A\x00\n\x00"  # a lone surrogate
    with pytest.raises(DecodeProblem) as caught:
        lines_of(broken)
    assert caught.value.line == 3 and caught.value.column is None
    with pytest.raises(DecodeProblem) as caught:
        lines_of(b"a\nb\xe4\xbd")  # cut in the middle of a character
    assert caught.value.line == 2


def test_old_mac_line_ends_and_a_missing_last_line_end() -> None:
    assert lines_of(b"a,b\rc,d\re,f") == ["a,b\r", "c,d\r", "e,f"]
    assert lines_of(b"a\r\nb") == ["a\r\n", "b"]
    assert lines_of(b"") == []


def test_encoding_names() -> None:
    assert check_encoding("GBK") == "gbk"
    for bad in ("rot13", "no-such-codec"):
        with pytest.raises(LookupError):
            check_encoding(bad)


@given(st.text(), st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-16-le"]))
def test_any_text_comes_back_whole_in_the_lines_csv_expects(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates
        return
    if encoding == "utf-16-le" and data.startswith(codecs.BOM_UTF16_LE):
        return  # a text starting with U+FEFF is not what this encoding can tell apart
    got = list(decoded_lines(io.BytesIO(data), encoding))
    assert got == io.StringIO(text, newline="").readlines()  # as open(newline="") splits
