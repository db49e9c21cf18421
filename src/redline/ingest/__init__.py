"""Ingest: files, folders, globs, stdin and URLs in; cleaned, deduplicated articles with metadata out.

One bad input never stops a batch: it is quarantined with its reason. Re-ingesting adds nothing: an
article's id comes from where it came from and its bytes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from redline.errors import IngestError
from redline.ingest import dedup, meta
from redline.ingest.clean import clean_lines, repair_apostrophes
from redline.ingest.formats import Item, decode, sniff, split
from redline.ingest.html import extract, html_to_text
from redline.ingest.sources import MAX_BYTES, RawInput, expand
from redline.records import Article, Failure
from redline.registry import Progress, no_progress

LOGGER = logging.getLogger(__name__)

MIN_WORDS = 15  # an article needs at least this many words of text after cleaning

__all__ = ["IngestResult", "build_article", "ingest_paths", "parse_input"]


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


def parse_input(raw: RawInput) -> Iterator[Article | Failure]:
    """Every article (or failure) in one raw input; never raises for bad content."""
    if raw.error is not None:
        yield _failure(raw.source, raw.error, raw.data)
        return
    try:
        text = decode(raw)
        fmt = sniff(raw, text)
        items = split(raw, text, fmt)
    except IngestError as exc:
        yield _failure(raw.source, exc, raw.data)
        return
    for item in items:
        if isinstance(item, IngestError):
            yield _failure(item.input_id or raw.source, item, b"")
            continue
        try:
            yield build_article(item)
        except IngestError as exc:
            yield _failure(item.source, exc, item.raw.encode())
        except Exception as exc:
            LOGGER.exception("%s: unexpected error while cleaning", item.source)
            yield _failure(item.source, IngestError("error", f"{exc.__class__.__name__}: {exc}"), item.raw.encode())


def build_article(item: Item) -> Article:
    """Clean one item and resolve its metadata."""
    title, published, url, outlet_hint, site_removed = item.title, item.published, item.url, item.outlet, []
    given_title = title
    body = item.body
    page_language = item.language
    if item.is_html and item.format == "html":
        page = extract(body, url=item.url)
        if not page.text.strip():
            raise IngestError("html_no_text", "the page has no article text", input_id=item.source)
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
    if len(text.split()) < MIN_WORDS:
        if item.is_html and item.format == "html":
            raise IngestError("html_no_text", "the page has no article text", input_id=item.source)
        raise IngestError("empty", f"fewer than {MIN_WORDS} words of article text after cleaning", input_id=item.source)
    published_iso = (
        meta.parse_date(published)
        or meta.parse_date(cleaned.date_line)
        or next(filter(None, map(meta.parse_date, cleaned.caption_dates)), None)
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
        title=given_title or cleaned.title,
        published=published_iso,
        outlet=outlet,
        url=url or original_url,
        language=language,
        title_language=title_language,
        translated=translated or (cleaned.translation_note and language is not None),
        removed=site_removed + cleaned.removed + repairs,
        raw=item.raw,
        content_hash=dedup.content_hash(text),
        format=item.format,
    )


def _failure(source: str, error: IngestError, data: bytes) -> Failure:
    binary = error.reason == "binary"
    excerpt = data[:32].hex(" ") if binary else data[:200].decode("utf-8", "replace")
    return Failure(source=source, reason=error.reason, stage="ingest", detail=error.message, raw_excerpt=excerpt)


def ingest_paths(
    paths: Sequence[str],
    store,
    *,
    progress: Progress = no_progress,
    max_bytes: int = MAX_BYTES,
) -> IngestResult:
    """Ingest every input named by ``paths`` into ``store``; failures are quarantined, not raised."""
    result = IngestResult()
    near = dedup.NearDuplicates(store.minhashes())
    progress("ingest", total=None)
    for raw in expand(list(paths), max_bytes=max_bytes):
        for outcome in parse_input(raw):
            if isinstance(outcome, Failure):
                store.quarantine(outcome)
                result.failed.append(outcome)
            else:
                _store_article(outcome, store, near, result)
            progress("ingest", advance=1)
    return result


def ingest_articles(articles: Sequence[Article], store) -> IngestResult:
    """Store already-built articles (the API's POST path) with the same duplicate linking."""
    result = IngestResult()
    near = dedup.NearDuplicates(store.minhashes())
    for article in articles:
        _store_article(article, store, near, result)
    return result


def _store_article(article: Article, store, near: dedup.NearDuplicates, result: IngestResult) -> None:
    if store.has_article(article.id):
        result.skipped.append(article.id)
        return
    signature = dedup.signature(article.text)
    article.duplicate_of = store.first_with_hash(article.content_hash)
    if article.duplicate_of is None and signature is not None:
        article.duplicate_of = near.match(signature)
    first_copy = article.duplicate_of is None
    if store.add_article(article, minhash=dedup.to_bytes(signature) if signature is not None and first_copy else None):
        result.added.append(article.id)
        if signature is not None and first_copy:
            near.add(article.id, signature)
    else:
        result.skipped.append(article.id)
