"""Property tests: cleaning and format parsing return (quickly) on any input and raise nothing but RedlineErrors.

Inputs: random Unicode, soups of real words with random line breaks and punctuation, very long lines,
headline-shaped fragments with lead-ins, digits, currency and quotes, random bytes, and random JSON in every
shape a JSON or JSONL input can take.
"""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from redline.errors import RedlineError
from redline.ingest import fields, meta, parse_input
from redline.ingest.clean import clean_lines
from redline.ingest.raw import RawInput
from redline.ingest.words import count_words
from redline.records import Article, Failure

FAST = settings(deadline=timedelta(seconds=3), max_examples=80)
WORD_SOURCE = (
    "Russia NATO Ukraine said the minister talks Geneva would not security guarantees troops border Kremlin "
    "Read more: Related Photo: Source: LINK: By Reuters AFP „Wir Лавров заявил 俄罗斯 北约 ロシア รัสเซีย"
    " Updated 12 December 2021 14:07 $200 €1.2bn 5% «Это» 'quote' \"dead end\" — | › • ... ? !"
)
REAL_WORDS = WORD_SOURCE.split(" ")
LEAD_INS = ["Read also:", "Also Read |", "More on the subject", "Lesen Sie auch:", "Читайте также:", "RELATED", "►"]

words = st.sampled_from(REAL_WORDS)
separators = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", ", ", "\t", "\r\n", "\u00a0", "\u200b"])
soup = st.lists(st.tuples(words, separators), max_size=300).map(lambda pairs: "".join(w + s for w, s in pairs))
headline = st.builds(
    lambda lead, parts, end: f"{lead} {' '.join(parts)}{end}",
    st.sampled_from(["", *LEAD_INS]),
    st.lists(words, min_size=1, max_size=14),
    st.sampled_from(["", ".", "?", '"', "»", ":", "…"]),
)
page = st.lists(st.one_of(soup, headline, st.text(max_size=200)), max_size=30).map("\n".join)
long_line = st.builds(
    lambda parts, n: " ".join(parts) * n, st.lists(words, min_size=1, max_size=8), st.integers(1, 3000)
)
KEYS = [alias for names in fields.FIELDS.values() for alias in names] + ["articles", "x"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=60) | soup,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    max_leaves=30,
)


def check_cleaned(text: str) -> None:
    cleaned = clean_lines(text)
    assert all(isinstance(p, str) and p for p in cleaned.paragraphs)
    assert not any(ch in cleaned.text for ch in "\x00\r\u200b")
    assert all(r.rule for r in cleaned.removed)


@FAST
@given(st.text())
def test_cleaning_random_unicode(text: str) -> None:
    check_cleaned(text)


@FAST
@given(page)
def test_cleaning_soups_headlines_and_lead_ins(text: str) -> None:
    check_cleaned(text)


@settings(deadline=timedelta(seconds=10), max_examples=20)
@given(long_line, st.integers(1, 5))
def test_cleaning_very_long_lines(line: str, copies: int) -> None:
    check_cleaned("\n".join([line] * copies))


@FAST
@given(st.text(max_size=300))
def test_dates_words_and_languages_never_raise(text: str) -> None:
    assert meta.parse_date(text) is None or isinstance(meta.parse_date(text), str)
    assert count_words(text) >= 0
    meta.languages(text[:40], text)


def outcomes(data: bytes, name: str) -> list[Article | Failure]:
    found = list(parse_input(RawInput(source=name, key=name, data=data)))
    assert found and all(isinstance(o, (Article, Failure)) for o in found)
    assert all(o.source.startswith(name) for o in found)
    return found


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["in.txt", "in.json", "in.jsonl", "in.html", "in.rss", "in"]))
def test_parsing_random_bytes(data: bytes, name: str) -> None:
    outcomes(data, name)


@FAST
@given(page, st.sampled_from(["in.txt", "in.html", "in.md"]))
def test_parsing_random_text(text: str, name: str) -> None:
    outcomes(text.encode("utf-8", "surrogatepass"), name)


@FAST
@given(json_values)
def test_parsing_random_json(value: object) -> None:
    outcomes(json.dumps(value).encode(), "in.json")
    lines = value if isinstance(value, list) else [value]
    outcomes("\n".join(json.dumps(item) for item in lines).encode(), "in.jsonl")


@FAST
@given(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8))
def test_field_readers_raise_only_redline_errors(obj: dict) -> None:
    for reader in (
        lambda: fields.text_value(obj, "text", "x"),
        lambda: fields.text_value(obj, "html", "x"),
        lambda: fields.string_value(obj, "title", "x"),
        lambda: fields.string_value(obj, "outlet", "x"),
        lambda: fields.date_value(obj, "x"),
    ):
        try:
            value = reader()
        except RedlineError as exc:
            assert exc.message.startswith("field ")
        else:
            assert value is None or isinstance(value, str)
