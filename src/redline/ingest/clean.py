"""Line-level cleaning of scraped article text: what a reader would not call the article goes, with its rule.

Every input format ends here as plain lines. A line is classified by small named rules (navigation junk and
breadcrumbs, date line, title repeat, photo credit, lead-ins to related links, related headlines, disclaimer,
trailer, byline, site boilerplate); removed lines are kept as ``Removed(text, rule)`` so a user can audit each
decision. Metadata the junk carries (a date line, a "LINK: https://…" naming the original article) is
collected on the way out.

Related links are recognised by what makes them links, not by their wording: a lead-in ("Read also:", "Mehr
zum Thema", "Читайте также", and their machine translations) with or without its headline (``read_more``); a
lead-in alone heading a list of headlines (``related_header``, then ``related_list`` for each one); a short
headline-shaped line with no sentence role, doubled or standing between prose paragraphs
(``related_headline``).

Cleaning is linear in the text's length: every pass is one sweep, and lines too long to be junk skip the rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from redline.ingest import patterns as P
from redline.ingest.apostrophes import dropped_apostrophes, repair_apostrophes
from redline.ingest.lines import (
    ends_sentence,
    is_breadcrumb,
    is_date_line,
    is_headline_like,
    is_kicker,
    is_nav_junk,
    is_prose,
    is_title_like,
    key,
    lead_in,
    words,
)
from redline.records import Removed

__all__ = [
    "Cleaned",
    "clean_lines",
    "dropped_apostrophes",
    "is_date_line",
    "is_nav_junk",
    "key",
    "normalise",
    "repair_apostrophes",
    "unwrap",
    "words",
]

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
SURROGATES = re.compile(r"[\ud800-\udfff]")
MAX_JUNK_CHARS = 2000  # a line longer than this is never junk (and never pays for the junk patterns)
JUNK_MAX_WORDS = 60
WRAP_MAX_WIDTH = 100


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
    """NFC, one kind of line break, no control or zero-width characters, NBSPs or lone surrogates; one space
    between words, no trailing blanks."""
    if SURROGATES.search(text):
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    text = CONTROLS.sub("", LINE_BREAKS.sub("\n", text)).replace("\u00a0", " ").replace("\t", " ")
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def unwrap(text: str) -> str:
    """Join hard-wrapped paragraphs (plain-text feeds and e-mails wrap prose at ~70-80 characters)."""
    blocks = re.split(r"\n[ \n]*\n", text)
    out = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        out.append(" ".join(line.strip() for line in lines) if _hard_wrapped(lines) else block)
    return "\n\n".join(out)


def _hard_wrapped(lines: list[str]) -> bool:
    """A block is one wrapped paragraph when most of its lines are *full*: they do not end a sentence, and the
    next line's first word would not have fitted on them (that is why the line was broken there).

    A block with a repeated line or a date line is a page header (title, its repeat, the date), and a list of
    headlines has lines of any length with room to spare: neither is joined.
    """
    if len(lines) < 3 or any(P.SIGNATURE.match(line) for line in lines):
        return False
    width = max(len(line) for line in lines)
    if width > WRAP_MAX_WIDTH:
        return False
    full = 0
    for line, following in pairwise(lines):
        first_word = following.split(" ", 1)[0]
        if not ends_sentence(line) and len(line) >= 0.6 * width and len(line) + 1 + len(first_word) > width:
            full += 1
    if full < 0.6 * (len(lines) - 1):
        return False
    keys = [key(line) for line in lines]
    return len(set(keys)) == len(keys) and not any(is_date_line(line) for line in lines)


def join_continuations(lines: list[str]) -> list[str]:
    """A line that does not end a sentence, followed by one starting in lower case, is one wrapped line."""
    joined: list[list[str]] = []
    for line in lines:
        if joined and line[:1].islower() and not ends_sentence(joined[-1][-1]) and len(joined[-1][-1]) >= 30:
            joined[-1].append(line)
        else:
            joined.append([line])
    return [" ".join(parts) for parts in joined]


class _Page:
    """The lines of one text with what rules need to know about their neighbours, computed once (linear)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.keys = [key(line) for line in lines]
        self.doubled = {k for k, n in Counter(self.keys).items() if n > 1 and k}
        headline = [len(line) <= MAX_JUNK_CHARS and is_headline_like(line) for line in lines]
        self.prose_before: list[bool] = []
        last: str | None = None
        for line, is_headline in zip(lines, headline, strict=True):
            self.prose_before.append(last is not None and is_prose(last))
            if not is_headline:
                last = line
        self.prose_after: list[bool] = [False] * len(lines)
        following: str | None = None
        for index in range(len(lines) - 1, -1, -1):
            self.prose_after[index] = following is None or _closes(following)
            if not headline[index]:
                following = lines[index]

    def between_prose(self, index: int) -> bool:
        """An inline headline sits between paragraphs of prose (or closes the article after prose)."""
        return self.prose_before[index] and self.prose_after[index]


def _closes(line: str) -> bool:
    return is_prose(line) or bool(P.TRAILER.match(line)) or bool(P.BARE_URL.match(line))


def clean_lines(text: str, *, title: str | None = None) -> Cleaned:
    """Clean scraped text. ``title`` is a known title (from HTML/JSON); otherwise the header gives it."""
    out = Cleaned(title=title.strip() if title else None)
    page = _Page(join_continuations([line for line in unwrap(normalise(text)).split("\n") if line]))
    seen_prose = in_signature = in_related_list = False
    for index, line in enumerate(page.lines):
        if in_signature or P.SIGNATURE.match(line):
            in_signature = True
            out.removed.append(Removed(text=line, rule="signature"))
            continue
        if in_related_list and _related_item(line):
            out.removed.append(Removed(text=line, rule="related_list"))
            continue
        rule = _classify(line, out, page, index, seen_prose=seen_prose)
        in_related_list = rule == "related_header"
        if rule is None:
            if not seen_prose:
                line = _strip_dateline(line, out)
            out.paragraphs.append(line)
            seen_prose = seen_prose or is_prose(line)
        elif rule:
            out.removed.append(Removed(text=line, rule=rule))
    out.paragraphs = _drop_repeated_paragraphs(out)
    return out


def _related_item(line: str) -> bool:
    """An entry of a list of related links: a headline, a bulleted headline, or another lead-in."""
    if len(line) > MAX_JUNK_CHARS:
        return False
    bullet = P.BULLET.match(line)
    rest = line[bullet.end() :].strip() if bullet else line
    return is_headline_like(rest) or lead_in(line) is not None


def _classify(line: str, out: Cleaned, page: _Page, index: int, *, seen_prose: bool) -> str | None:
    """The rule that removes ``line``; None keeps it; '' consumes it silently (the title)."""
    line_key = page.keys[index]
    if not line_key:
        return "punctuation"
    if len(line) > MAX_JUNK_CHARS:
        return None
    if P.BARE_URL.match(line):
        out.source_urls.append(P.URL.search(line).group(0))  # type: ignore[union-attr]
        return "source_url"
    if P.TRAILER.match(line):
        _collect_credit(line, out)
        return "trailer"
    if is_nav_junk(line) or is_breadcrumb(line):
        return "navigation"
    if not seen_prose and out.date_line is None and is_date_line(line):
        out.date_line = line
        return "date_line"
    rule = _title_repeat(line, line_key, out)
    if rule is None:
        rule = _credit_or_link(line, out, header=not seen_prose and out.title is None)
    if rule is None:
        rule = _header_or_headline(line, line_key, out, page, index, seen_prose=seen_prose)
    if rule is None and seen_prose and index and line_key == page.keys[index - 1]:
        rule = "repeated_line"
    return rule


def _title_repeat(line: str, line_key: str, out: Cleaned) -> str | None:
    if not out.title:
        return None
    title_key = key(out.title)
    if line_key == title_key or (line_key.startswith(title_key) and len(line_key) > 3):
        if line_key != title_key and P.PHOTO_CREDIT.search(line):
            return "title_repeat+photo_credit"
        return "title_repeat"
    return None


def _credit_or_link(line: str, out: Cleaned, *, header: bool) -> str | None:
    """Disclaimers, lead-ins to related links, photo credits, site boilerplate and bylines.

    ``header``: no title and no prose yet, where 'WATCH: Putin and Macron hold talks' is the title itself.
    """
    short = len(words(line)) <= JUNK_MAX_WORDS
    if short and P.DISCLAIMER.search(line):
        _collect_credit(line, out)
        if re.search(r"translat", line, re.I):
            out.translation_note = True
        return "disclaimer"
    link = lead_in(line)
    if link is not None and not (header and link[1] and is_kicker(link[0])):
        return "read_more" if link[1] else "related_header"
    if short and P.PHOTO_CREDIT.search(line):
        out.caption_dates.extend(
            m.group(0)
            for m in re.finditer(rf"\b({P.MONTHS})\.? \d{{1,2}}, \d{{4}}|\b\d{{1,2}} ({P.MONTHS}) \d{{4}}", line, re.I)
        )
        return "photo_credit"
    if P.SITE_BOILERPLATE.search(line) and len(words(line)) <= 25:
        return "site_boilerplate"
    return None


def _header_or_headline(
    line: str, line_key: str, out: Cleaned, page: _Page, index: int, *, seen_prose: bool
) -> str | None:
    """Bylines, section labels and the title above the text; related headlines inside it."""
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
        and (line_key in page.doubled or page.between_prose(index))
    ):
        return "related_headline"
    return None


def dateline_length(line: str) -> int:
    """Characters of the wire dateline that opens ``line`` ("MOSCOW, Jan 5 (Reuters) - ", "AUSTIN, Texas — "), or
    0: a place in capitals, then a date, a state, an agency or a dash, before a sentence of at least five words."""
    match = P.DATELINE.match(line)
    if match is None or not (match.group("slash") or match.group("paren") or len(match.group("place")) > 3):
        return 0
    rest = line[match.end() :]
    if not rest[:1].isupper() or len(words(rest)) < 5:
        return 0
    return match.end()


def _strip_dateline(line: str, out: Cleaned) -> str:
    """'MOSCOW, December 21. /TASS/. Russia…' → 'Russia…'; the wire agency is noted as a credit."""
    length = dateline_length(line)
    match = P.DATELINE.match(line) if length else None
    if match is None:
        return line
    out.removed.append(Removed(text=line[: match.end()].strip(), rule="dateline"))
    agency = match.group("slash") or match.group("paren")
    if agency:
        out.wire_agency = agency.strip()
    return line[length:]


def _collect_credit(line: str, out: Cleaned) -> None:
    """A trailer or credit naming the original article: keep its URL or outlet name."""
    urls = P.URL.findall(line)
    if urls:
        out.source_urls.extend(u.rstrip(".,;") for u in urls)
        return
    match = P.CREDIT_SOURCE.match(line)
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
