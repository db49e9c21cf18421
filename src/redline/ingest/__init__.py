"""Ingest: files, folders, globs, stdin and URLs in; cleaned, deduplicated articles with metadata out.

One bad input never stops a batch: whatever goes wrong while reading, decoding, parsing or cleaning one input
(a decode error, a field of the wrong type, nesting too deep to parse) is caught here, at the one place where
an input meets the batch, and the input is quarantined with a reason naming it. Re-ingesting adds nothing: an
article's id comes from where it came from and its bytes.

Quarantine reasons: not_found, not_a_file, unreadable, empty, binary, undecodable, too_large, too_deep, bad_json,
bad_field, no_text, html_no_text, feed_empty, bad_feed, unsupported_url, blocked_address, too_many_redirects,
timeout, unreachable, error.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from redline.errors import IngestError
from redline.ingest import dedup, meta
from redline.ingest.clean import clean_lines, repair_apostrophes
from redline.ingest.fetch import Fetcher, FetchPolicy
from redline.ingest.formats import decode, sniff, split
from redline.ingest.html import extract, html_to_text
from redline.ingest.items import Item
from redline.ingest.linking import DuplicateLinker
from redline.ingest.raw import MAX_ARTICLE_CHARS, MAX_BYTES, RawInput
from redline.ingest.sources import expand
from redline.ingest.words import count_words
from redline.progress import Progress, no_progress
from redline.records import Article, Failure

if TYPE_CHECKING:
    from redline.store import Store

LOGGER = logging.getLogger(__name__)

MIN_WORDS = 15  # an article needs at least this many words of text after cleaning (any script: see ``words``)

__all__ = [
    "IngestResult",
    "build_article",
    "ingest_articles",
    "ingest_paths",
    "parse_input",
    "private_hosts_allowed",
]

# Default for ``allow_private_hosts`` when a caller (``redline run`` through the pipeline) does not pass it.
_ALLOW_PRIVATE_HOSTS: ContextVar[bool] = ContextVar("allow_private_hosts", default=False)


@contextmanager
def private_hosts_allowed(allowed: bool = True) -> Iterator[None]:
    """Within the block, ingest may fetch from loopback and private hosts unless told otherwise."""
    token = _ALLOW_PRIVATE_HOSTS.set(allowed)
    try:
        yield
    finally:
        _ALLOW_PRIVATE_HOSTS.reset(token)


@dataclass
class IngestResult:
    """What one ingest did: new article ids, already-stored ones, and failures (quarantined)."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True unless there were inputs and none of them could be ingested."""
        return bool(self.added or self.skipped or not self.failed)


def article_id(key: str, raw: str) -> str:
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return hashlib.sha256(f"{key}\n{digest}".encode()).hexdigest()[:16]


def parse_input(raw: RawInput, *, fetcher: Fetcher | None = None) -> Iterator[Article | Failure]:
    """Every article (or failure) in one raw input; never raises for bad content.

    ``fetcher`` fetches the pages behind an online feed's teasers (by default one refusing private hosts).
    """
    if raw.error is not None:
        yield _failure(raw.source, raw.error, raw.data)
        return
    try:
        text = decode(raw)
        items = split(raw, text, sniff(raw, text), fetcher=fetcher)
    except Exception as exc:  # the per-input boundary: whatever one input does, the batch goes on
        yield _failure(raw.source, _as_ingest_error(exc, raw.source), raw.data)
        return
    if not items:  # '[]', '{"articles": []}': accounted for, not silently dropped
        yield _failure(raw.source, IngestError("empty", f"{raw.source} holds no articles"), raw.data)
        return
    for item in items:
        if isinstance(item, IngestError):
            yield _failure(item.input_id or raw.source, item, b"")
            continue
        try:
            yield build_article(item)
        except Exception as exc:  # the per-item boundary, for the same reason
            yield _failure(item.source, _as_ingest_error(exc, item.source), item.raw.encode("utf-8", "replace"))


def _as_ingest_error(exc: Exception, source: str) -> IngestError:
    """An IngestError as it is; anything else becomes one that names the input and what went wrong."""
    if isinstance(exc, IngestError):
        exc.input_id = exc.input_id or source
        return exc
    if isinstance(exc, RecursionError):
        return IngestError("too_deep", f"{source} is nested too deeply to parse", input_id=source)
    if isinstance(exc, MemoryError):
        return IngestError("too_large", f"{source} needs more memory than is available to parse", input_id=source)
    LOGGER.warning("%s: unexpected %s while ingesting: %s", source, type(exc).__name__, exc)
    LOGGER.debug("%s: traceback", source, exc_info=exc)
    return IngestError("error", f"{source}: {type(exc).__name__}: {exc}", input_id=source)


def build_article(item: Item) -> Article:
    """Clean one item and resolve its metadata."""
    title, published, url, outlet_hint, site_removed = item.title, item.published, item.url, item.outlet, []
    given_title = title
    body = item.body
    page_language = item.language
    if item.is_html and item.format == "html":
        page = extract(body, url=item.url)
        if not page.text.strip():
            raise IngestError("html_no_text", f"{item.source}: the page has no article text", input_id=item.source)
        body, site_removed = page.text, page.removed
        given_title, title = title, page.title or title  # the page's own headline is the one it repeats
        published = published or page.published
        url = page.url or url
        outlet_hint = outlet_hint or page.sitename
        page_language = page_language or page.language
    elif item.is_html:
        body = html_to_text(body)
    cleaned = clean_lines(body, title=title)
    text, repairs = repair_apostrophes(cleaned.text)
    if count_words(text) < MIN_WORDS:
        if item.is_html and item.format == "html":
            raise IngestError("html_no_text", f"{item.source}: the page has no article text", input_id=item.source)
        raise IngestError(
            "empty", f"{item.source}: fewer than {MIN_WORDS} words of article text after cleaning", input_id=item.source
        )
    published_iso = (
        meta.parse_date(published)
        or meta.parse_date(cleaned.date_line)
        or next(filter(None, map(meta.parse_date, cleaned.caption_dates)), None)
        or meta.date_in_name(url)
        or meta.date_in_name(item.source)
    )
    original_url = cleaned.source_urls[-1] if cleaned.source_urls else None
    outlet = (
        meta.host(original_url)
        or meta.outlet_name(cleaned.source_names[-1] if cleaned.source_names else None)
        or meta.host(url)
        or meta.outlet_name(outlet_hint)
        or cleaned.wire_agency
    )
    language, title_language, translated = meta.languages(given_title or cleaned.title, text)
    if page_language and not language:
        language = page_language
    return Article(
        id=article_id(item.key, item.raw),
        text=text,
        source=item.source,
        title=_scrub(given_title or cleaned.title),
        published=published_iso,
        outlet=_scrub(outlet),
        url=_scrub(url or original_url),
        language=_scrub(language),
        title_language=title_language,
        translated=translated or (cleaned.translation_note and language is not None),
        removed=site_removed + cleaned.removed + repairs,
        raw=_scrub(item.raw) or "",
        content_hash=dedup.content_hash(text),
        format=item.format,
    )


def _scrub(value: str | None) -> str | None:
    """Text SQLite can store: lone surrogates (from JSON escapes like \\ud800) become U+FFFD."""
    if value is None:
        return None
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _failure(source: str, error: IngestError, data: bytes) -> Failure:
    binary = error.reason in ("binary", "not_a_file")
    excerpt = data[:32].hex(" ") if binary else data[:200].decode("utf-8", "replace")
    return Failure(source=source, reason=error.reason, stage="ingest", detail=error.message, raw_excerpt=excerpt)


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    *,
    progress: Progress = no_progress,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_ARTICLE_CHARS,
    allow_private_hosts: bool | None = None,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Ingest every input named by ``paths`` into ``store``; failures are quarantined, not raised.

    URLs (and an online feed's teaser links) on loopback, private, link-local, multicast or reserved
    addresses are refused unless ``allow_private_hosts`` (default: the enclosing
    :func:`private_hosts_allowed` block, else False). ``fetcher`` replaces the HTTP client (tests).
    """
    result = IngestResult()
    linker = DuplicateLinker(store)
    if allow_private_hosts is None:
        allow_private_hosts = _ALLOW_PRIVATE_HOSTS.get()
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchPolicy(allow_private_hosts=allow_private_hosts, max_bytes=max_bytes))
    progress("ingest", total=None)
    try:
        for raw in expand(list(paths), max_bytes=max_bytes, fetcher=fetcher):
            for outcome in parse_input(raw, fetcher=fetcher):
                if not isinstance(outcome, Failure) and len(outcome.text) > max_chars:
                    outcome = _too_long(outcome, max_chars)
                if isinstance(outcome, Failure):
                    store.quarantine(outcome)
                    result.failed.append(outcome)
                else:
                    _store_article(outcome, linker, result)
                progress("ingest", advance=1)
    finally:
        if own:
            fetcher.close()
    return result


def _too_long(article: Article, max_chars: int) -> Failure:
    """An article over the text cap (see ``MAX_ARTICLE_CHARS``): quarantined with its size, never parsed."""
    message = f"text of {len(article.text):,} characters is over the {max_chars:,} limit (--max-article-chars)"
    LOGGER.warning("%s: %s", article.source, message)
    return Failure(
        source=article.source, reason="too_long", stage="ingest", detail=message, raw_excerpt=article.text[:200]
    )


def ingest_articles(articles: Sequence[Article], store: Store) -> IngestResult:
    """Store already-built articles (the API's POST path) with the same duplicate linking."""
    result = IngestResult()
    linker = DuplicateLinker(store)
    for article in articles:
        _store_article(article, linker, result)
    return result


def _store_article(article: Article, linker: DuplicateLinker, result: IngestResult) -> None:
    (result.added if linker.add(article) else result.skipped).append(article.id)
