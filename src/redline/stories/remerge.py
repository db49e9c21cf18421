"""Re-merge one story's events and quotes after new articles joined it (only the stories that changed).

Quotes are linked first, so events coded from linked quotes merge as one statement. Every event of the story is
written back through ``set_merge`` (singletons too: they then carry the story id and their single report).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline.stories.embed import Embed
from redline.stories.merge import MergeParams, merge_events
from redline.stories.statements import QuoteParams, link_quotes

if TYPE_CHECKING:
    from redline.store import Store


@dataclass(slots=True)
class RemergeResult:
    """What a re-merge wrote: canonical events, events folded into them, statements and linked quotes."""

    events: int = 0
    merged: int = 0
    statements: int = 0
    linked_quotes: int = 0


def remerge_story(
    store: Store,
    story_id: str,
    *,
    embed: Embed,
    merge_params: MergeParams | None = None,
    quote_params: QuoteParams | None = None,
) -> RemergeResult:
    """Link the story's quotes into statements and merge its events, in one transaction."""
    result = RemergeResult()
    article_ids = store.story_article_ids(story_id)
    if not article_ids:
        return result
    meta = store.article_outlets(article_ids)
    published = {article_id: value[1] for article_id, value in meta.items()}
    with store.atomic():
        groups = link_quotes(store.quotes(article_ids=article_ids), embed, published=published, params=quote_params)
        statements: dict[str, str] = {}
        for statement_id, quote_ids in groups.items():
            store.set_statement(quote_ids, statement_id)
            statements.update(dict.fromkeys(quote_ids, statement_id))
            result.linked_quotes += len(quote_ids) if len(quote_ids) > 1 else 0
        result.statements = len(groups)
        merged = merge_events(
            store.events(article_ids=article_ids),
            embed=embed,
            outlets=meta,
            statements=statements,
            story_id=story_id,
            params=merge_params,
        )
        for item in merged:
            store.set_merge(item.canonical, item.member_ids)
            result.merged += len(item.member_ids)
        result.events = len(merged)
    return result
