"""Article metadata: publication date, outlet (the original one behind an aggregator) and languages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit

DATE_LANGUAGES = ["en", "de", "fr", "es", "ru", "it", "pt", "pl", "uk"]
LANGUAGES = [
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ru",
    "uk",
    "ar",
    "fa",
    "tr",
    "zh",
    "ja",
    "ko",
    "sv",
    "da",
    "no",
    "fi",
    "cs",
    "sk",
    "ro",
    "hu",
    "el",
    "bg",
    "sr",
    "hr",
    "sl",
    "lt",
    "lv",
    "et",
    "be",
    "he",
    "hi",
    "ur",
    "id",
    "th",
    "vi",
]
TITLE_CONFIDENCE = 0.9  # a title is called another language than its body only above this probability
ABSOLUTE = re.compile(r"\b\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
MAX_DATE_CHARS = 120
HOST_PREFIXES = ("www.", "www2.", "m.", "amp.", "mobile.")


def parse_date(text: str | None) -> str | None:
    """ISO 8601 from a date string in any common form; date only when no time is given; None if unsure.

    A leading place name ('Madrid, 21 dic 2021 - 09:15 CET') is dropped when the whole string does not parse.
    Strings longer than any date line are not dates (and would cost dateparser time for nothing).
    """
    if not text:
        return None
    text = str(text).strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    if re.fullmatch(r"\d{10}(\.\d+)?", text):  # epoch seconds
        return _epoch(float(text))
    iso = _iso(text)
    if iso:
        return iso
    if not ABSOLUTE.search(text):  # "yesterday", "2 hours ago": relative to a now we must never invent
        return None
    cleaned = re.sub(r"^(published|posted|updated|last updated|date)\s*(on|at)?\s*[:\-]?\s*", "", text, flags=re.I)
    cleaned = cleaned.split("|")[0].strip()
    parsed = _dateparser(cleaned)
    place, _, rest = cleaned.partition(", ")
    if parsed is None and rest and not re.search(r"\d", place):
        cleaned = rest
        parsed = _dateparser(cleaned)
    if parsed is None:
        return None
    if TIME.search(cleaned):
        return parsed.isoformat(timespec="seconds").replace("+00:00", "Z")
    return parsed.strftime("%Y-%m-%d")


NAMED_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12][0-9]|3[01])(?![0-9])")


def date_in_name(name: str | None) -> str | None:
    """The day a file name or URL path gives ("outlet_2016-09-20_slug.txt", ".../2021/12/17/story.html",
    "20211217-report.json"): how scrapers and news sites name what they save. A fallback for an article whose
    text and metadata carry no date (the last such date in the name: the folder may be a collection's)."""
    if not name:
        return None
    path = str(name)
    if re.match(r"^[a-z]+://", path, flags=re.I):  # a URL's path: not its host, query or fragment
        path = re.sub(r"^[a-z]+://[^/]+|[?#].*$", "", path, flags=re.I)
    for match in reversed(list(NAMED_DATE.finditer(path))):
        year, _sep, month, day = match.groups()
        try:
            return datetime(int(year), int(month), int(day)).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def _epoch(seconds: float) -> str | None:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def _dateparser(text: str) -> datetime | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if re.search(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b", text):
        settings["DATE_ORDER"] = "DMY"
    try:
        return dateparser.parse(text, languages=DATE_LANGUAGES, settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, RecursionError):
        return None


def _iso(text: str) -> str | None:
    """Fast path for ISO dates (keeps the offset when given)."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?", text)
    if not match:
        return None
    day, time, _, zone = match.groups()
    try:
        datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        return None
    if not time:
        return day
    time = time if time.count(":") == 2 else time + ":00"
    return f"{day}T{time}{zone or ''}"


def host(url: str | None) -> str | None:
    """Outlet key of a URL: its host, lowercased, without www./m./amp."""
    if not url:
        return None
    netloc = urlsplit(url if "://" in url else f"http://{url}").hostname
    if not netloc:
        return None
    netloc = netloc.lower()
    for prefix in HOST_PREFIXES:
        if netloc.startswith(prefix):
            netloc = netloc[len(prefix) :]
    return netloc or None


def outlet_name(name: str | None) -> str | None:
    """An outlet given by name (or domain) in a field or credit line, normalised for counting."""
    if not name:
        return None
    name = name.strip()
    if re.fullmatch(r"(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?", name, re.I):
        return host(name)
    return re.sub(r"\s+", " ", name)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def language(text: str | None) -> tuple[str | None, float]:
    """ISO 639-1 code and probability (None for text too short to tell)."""
    sample = (text or "")[:3000]
    if len(re.findall(r"\w+", sample)) < 2:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def languages(title: str | None, body: str) -> tuple[str | None, str | None, bool]:
    """(body language, title language, translated): a confident title language other than the body's.

    Short titles are noisy, so a title gets its own language only when the identifier is sure of it;
    otherwise it is taken to share the body's.
    """
    body_lang, _ = language(body)
    title_lang, prob = language(title)
    if title_lang is None or (title_lang != body_lang and prob < TITLE_CONFIDENCE):
        title_lang = body_lang if title else None
    translated = bool(title_lang and body_lang and title_lang != body_lang)
    return body_lang, title_lang, translated
