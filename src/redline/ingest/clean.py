"""Line-level cleaning of scraped article text: what a reader would not call the article goes, with its rule.

Every input format ends here as plain lines. A line is classified by small named rules (navigation junk,
date line, title repeat, photo credit, read-more, related headline, disclaimer, trailer, byline, site
boilerplate); removed lines are kept as ``Removed(text, rule)`` so a user can audit each decision.
Metadata the junk carries (a date line, a "LINK: https://…" naming the original article) is collected
on the way out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from redline.ingest import patterns as P
from redline.records import Removed

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
TITLE_MAX_WORDS = 30
HEADLINE_MAX_WORDS = 20
PROSE_MIN_WORDS = 25


@dataclass
class Cleaned:
    """What cleaning found: body paragraphs, the title and date lines, and credits naming the source."""

    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    date_line: str | None = None
    source_urls: list[str] = field(default_factory=list)
    source_names: list[str] = field(default_factory=list)
    translation_note: bool = False
    caption_dates: list[str] = field(default_factory=list)
    wire_agency: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def normalise(text: str) -> str:
    """NFC, no zero-width characters or NBSPs, one space between words, no trailing blanks."""
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def unwrap(text: str) -> str:
    """Join hard-wrapped paragraphs (plain-text feeds and e-mails wrap prose at ~70-80 characters).

    A blank-line-separated block is wrapped when most of its non-final lines are long and do not end a
    sentence; a block of one-line paragraphs (each ending with punctuation) is left as it is.
    """
    blocks = re.split(r"\n\s*\n", text)
    out = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) >= 3 and not any(P.SIGNATURE.match(line) for line in lines):
            width = max(len(line) for line in lines)
            inner = lines[:-1]
            open_lines = sum(1 for line in inner if not P.TERMINAL.search(line) and len(line) >= 0.6 * width)
            if width <= 100 and open_lines >= 0.6 * len(inner):
                block = " ".join(line.strip() for line in lines)
        out.append(block)
    return "\n\n".join(out)


def join_continuations(lines: list[str]) -> list[str]:
    """A line that does not end a sentence, followed by one starting in lower case, is one wrapped line."""
    joined: list[str] = []
    for line in lines:
        if joined and line[:1].islower() and not P.TERMINAL.search(joined[-1]) and len(joined[-1]) >= 30:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def key(line: str) -> str:
    """Comparison key: lowercase letters and digits only (so 'Title' ≈ 'TITLE.' ≈ 'Title ')."""
    return re.sub(r"[\W_]+", "", line.casefold())


def words(line: str) -> list[str]:
    return re.findall(r"[\w'’-]+", line)


def is_prose(line: str) -> bool:
    """Reads like a paragraph: ends as a sentence does, or is too long to be a headline."""
    return bool(P.TERMINAL.search(line)) or len(words(line)) >= PROSE_MIN_WORDS


def is_nav_junk(line: str) -> bool:
    """A run of menu/icon words: many tokens, almost no function words, no sentence punctuation."""
    tokens = words(line)
    if len(tokens) < 6 or P.TERMINAL.search(line):
        return False
    lowered = [t.lower() for t in tokens]
    stop_ratio = sum(t in P.STOPWORDS or t in P.FOREIGN_FUNCTION_WORDS for t in lowered) / len(tokens)
    icon_words = sum("icon" in t for t in lowered)
    lower_ratio = sum(t.islower() for t in tokens) / len(tokens)
    separators = len(P.NAV_SEPARATORS.findall(line))
    if icon_words >= 3 or separators >= max(3, len(tokens) // 3):
        return True
    return len(tokens) >= 10 and stop_ratio < 0.1 and lower_ratio > 0.6


def is_date_line(line: str) -> bool:
    """A line that is only a date/time (with labels like 'Updated:'), e.g. '14:07, 13 December 2021'.

    A short label set off by a dash or bar counts as a label too ('WEEKLY BRIEFING -- Friday, 14 January 2022').
    """
    if len(line) > 80 or not P.DATE_HINT.search(line):
        return False
    if _only_date(line):
        return True
    parts = [part for part in re.split(r"\s+(?:--|[|–—-])\s+", line) if part]
    dated = [part for part in parts if P.DATE_HINT.search(part) and _only_date(part)]
    return len(parts) > 1 and len(dated) == 1 and all(len(words(p)) <= 5 for p in parts if p not in dated)


def _only_date(text: str) -> bool:
    leftover = P.DATE_WORDS.sub(" ", P.DATE_LABEL.sub("", text))
    return len(words(leftover)) <= 1


def is_title_like(line: str) -> bool:
    """A headline: a few words, not ending as a sentence or clause does (a quote or '?' may end it)."""
    return 3 <= len(words(line)) <= TITLE_MAX_WORDS and not line.endswith((".", ",", ";", ":"))


def is_headline_like(line: str) -> bool:
    """A short title-like line inside the body: no sentence end, starts like a headline."""
    tokens = words(line)
    return (
        1 <= len(tokens) <= HEADLINE_MAX_WORDS
        and not is_prose(line)
        and not line.endswith((":", ",", "-", "–"))
        and (line[0].isupper() or line[0].isdigit() or line[0] in "'‘\"“«")
    )


def clean_lines(text: str, *, title: str | None = None) -> Cleaned:
    """Clean scraped text. ``title`` is a known title (from HTML/JSON); otherwise the header gives it."""
    out = Cleaned(title=title.strip() if title else None)
    lines = join_continuations([line for line in unwrap(normalise(text)).split("\n") if line])
    seen_prose = False
    doubled = {k for k, n in Counter(key(line) for line in lines).items() if n > 1 and k}
    previous_key = ""
    in_signature = False
    for index, line in enumerate(lines):
        if in_signature or P.SIGNATURE.match(line):
            in_signature = True
            out.removed.append(Removed(text=line, rule="signature"))
            continue
        rule = _classify(
            line, out, seen_prose=seen_prose, index=index, lines=lines, doubled=doubled, previous_key=previous_key
        )
        previous_key = key(line)
        if rule is None:
            if not seen_prose:
                line = _strip_dateline(line, out)
            out.paragraphs.append(line)
            seen_prose = seen_prose or is_prose(line)
        elif rule:
            out.removed.append(Removed(text=line, rule=rule))
    out.paragraphs = _drop_repeated_paragraphs(out)
    return out


def _classify(
    line: str, out: Cleaned, *, seen_prose: bool, index: int, lines: list[str], doubled: set[str], previous_key: str
) -> str | None:
    """The rule that removes ``line``; None keeps it; '' consumes it silently (the title)."""
    line_key = key(line)
    if not line_key:
        return "punctuation"
    if P.BARE_URL.match(line):
        out.source_urls.append(P.URL.search(line).group(0))  # type: ignore[union-attr]
        return "source_url"
    if P.TRAILER.match(line):
        _collect_credit(line, out)
        return "trailer"
    if is_nav_junk(line):
        return "navigation"
    if not seen_prose and out.date_line is None and is_date_line(line):
        out.date_line = line
        return "date_line"
    if out.title and (line_key == key(out.title) or (line_key.startswith(key(out.title)) and len(line_key) > 3)):
        if line_key != key(out.title) and P.PHOTO_CREDIT.search(line):
            return "title_repeat+photo_credit"
        return "title_repeat"
    if P.DISCLAIMER.search(line) and len(words(line)) <= 60:
        _collect_credit(line, out)
        if re.search(r"translat", line, re.I):
            out.translation_note = True
        return "disclaimer"
    if P.READ_MORE.match(line):
        return "read_more"
    if P.PHOTO_CREDIT.search(line) and len(words(line)) <= 60:
        out.caption_dates.extend(
            m.group(0)
            for m in re.finditer(rf"\b({P.MONTHS})\.? \d{{1,2}}, \d{{4}}|\b\d{{1,2}} ({P.MONTHS}) \d{{4}}", line, re.I)
        )
        return "photo_credit"
    if P.SITE_BOILERPLATE.search(line) and len(words(line)) <= 25:
        return "site_boilerplate"
    if (not seen_prose and P.BYLINE.match(line)) or (P.CREDIT_LINE.match(line) and len(words(line)) <= 30):
        return "byline"
    if not seen_prose and out.title is None and len(words(line)) < 3 and not is_prose(line):
        return "section_label"
    if not seen_prose and out.title is None and is_title_like(line):
        out.title = line
        return ""
    if (
        seen_prose
        and is_headline_like(line)
        and not P.BULLET.match(line)
        and (line_key in doubled or _between_prose(index, lines))
    ):
        return "related_headline"
    if seen_prose and line_key == previous_key:
        return "repeated_line"
    return None


def _strip_dateline(line: str, out: Cleaned) -> str:
    """'MOSCOW, December 21. /TASS/. Russia…' → 'Russia…'; the wire agency is noted as a credit."""
    match = P.DATELINE.match(line)
    if match is None or not (match.group("slash") or match.group("paren") or len(match.group("place")) > 3):
        return line
    rest = line[match.end() :]
    if not rest[:1].isupper() or len(words(rest)) < 5:
        return line
    out.removed.append(Removed(text=line[: match.end()].strip(), rule="dateline"))
    agency = match.group("slash") or match.group("paren")
    if agency:
        out.wire_agency = agency.strip()
    return rest


def _between_prose(index: int, lines: list[str]) -> bool:
    """An inline headline sits between paragraphs of prose (or closes the article after prose)."""
    before = next((ln for ln in reversed(lines[:index]) if not is_headline_like(ln)), None)
    after = next((ln for ln in lines[index + 1 :] if not is_headline_like(ln)), None)
    before_ok = before is not None and is_prose(before)
    after_ok = after is None or is_prose(after) or bool(P.TRAILER.match(after)) or bool(P.BARE_URL.match(after))
    return before_ok and after_ok


def _collect_credit(line: str, out: Cleaned) -> None:
    """A trailer or credit naming the original article: keep its URL or outlet name."""
    urls = P.URL.findall(line)
    if urls:
        out.source_urls.extend(u.rstrip(".,;") for u in urls)
        return
    match = re.match(r"^(source|via|original|original article)\s*[:：]\s*(.+)$", line, re.I)
    if match is None:
        match = re.search(
            r"(?:first|originally) (?:published|appeared) (?:on|in|at|by) (?:the )?([A-Z][\w .&'-]{1,40})", line
        )
        name = match.group(1) if match else None
    else:
        name = match.group(2)
    if name:
        out.source_names.append(name.strip(" .").strip())


def _drop_repeated_paragraphs(out: Cleaned) -> list[str]:
    """A paragraph scraped twice (not back-to-back) is kept once."""
    kept, seen = [], set()
    for paragraph in out.paragraphs:
        k = key(paragraph)
        if k in seen and len(k) > 40:
            out.removed.append(Removed(text=paragraph, rule="repeated_paragraph"))
            continue
        seen.add(k)
        kept.append(paragraph)
    return kept


DEMONYM_ENDINGS = ("an", "ese", "ish", "ist", "at", "ite", "ic", "er", "ee")


def dropped_apostrophes(text: str) -> bool:
    """The scraper lost apostrophes: none in the text, yet forms like 'couldnt' or 'Russias' occur."""
    if re.search(r"\w['’]\w", text):
        return False
    contractions = re.findall(r"\b(" + "|".join(P.CONTRACTIONS) + r")\b", text, re.I)
    return bool(contractions) or len(_possessive_candidates(text)) >= 2


def _possessive_candidates(text: str) -> set[str]:
    names = set(re.findall(r"\b[A-Z][A-Za-z]+\b", text))
    return {
        word
        for word in re.findall(r"\b[A-Z][A-Za-z]*[a-zA-Z]s\b", text)
        if word[:-1] in names
        and len(word) > 3
        and word[:-1].lower() not in P.STOPWORDS
        and not word.endswith("ss")
        and not word[:-1].lower().endswith(DEMONYM_ENDINGS)
    }


def repair_apostrophes(text: str) -> tuple[str, list[Removed]]:
    """Restore apostrophes a scraper dropped: 'Russias' → "Russia's" (when 'Russia' occurs too), 'couldnt'.

    Only in texts with no apostrophe at all, and never on demonym plurals ('Americans', 'Russians').
    """
    if not dropped_apostrophes(text):
        return text, []
    candidates = _possessive_candidates(text)
    repairs: list[Removed] = []

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in P.CONTRACTIONS:
            new = P.CONTRACTIONS[lower]
            new = new[0].upper() + new[1:] if word[0].isupper() else new
        elif word in candidates:
            new = word[:-1] + "'s"
        else:
            return word
        repairs.append(Removed(text=word, rule=f"apostrophe_repair:{new}"))
        return new

    pattern = r"\b(?i:" + "|".join(P.CONTRACTIONS) + r")\b|\b[A-Z][A-Za-z]*[a-zA-Z]s\b"
    return re.sub(pattern, fix, text), repairs
