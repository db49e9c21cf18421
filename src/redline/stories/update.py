"""Bring one story up to date after new articles joined it: link their quotes, then place their event reports.

Quotes are linked first, so events coded from linked quotes merge as one statement. Only what the new articles
can join is read (quotes of nearby days, acts of nearby days of the same kinds), so the cost follows the new
articles, not the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline.stories.embed import Embed
from redline.stories.incremental import place_reports
from redline.stories.merge import MergeParams
from redline.stories.statements import QuoteParams, link_new_quotes

if TYPE_CHECKING:
    from redline.store import Store


@dataclass(slots=True)
class UpdateResult:
    """What an update wrote: reports placed, acts founded, reports that joined an earlier act, quotes linked."""

    reports: int = 0
    founded: int = 0
    joined: int = 0
    quotes: int = 0


def update_story(
    store: Store,
    story_id: str,
    article_ids: Sequence[str],
    *,
    embed: Embed,
    merge_params: MergeParams | None = None,
    quote_params: QuoteParams | None = None,
) -> UpdateResult:
    """Link and merge what ``article_ids`` (just placed in ``story_id``) bring, in one transaction."""
    result = UpdateResult()
    if not article_ids:
        return result
    outlets = store.article_outlets(article_ids)
    with store.atomic():
        days = dict(store.story_days(article_ids))
        statements = link_new_quotes(store, story_id, article_ids, embed=embed, days=days, params=quote_params)
        result.quotes = len(statements)
        proxies = {article_id: day for article_id, day in days.items() if day}
        placed = place_reports(
            store,
            story_id,
            store.events(article_ids=article_ids),
            embed=embed,
            statements=statements,
            outlets=outlets,
            proxy_days=proxies,
            params=merge_params,
        )
        result.reports, result.founded, result.joined = placed.reports, placed.founded, placed.joined
    return result
