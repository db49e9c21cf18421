"""Stories: online clustering of articles across outlets and languages, and cross-report merging of their events.

``cluster_articles`` places new articles into stories incrementally; ``remerge_story`` then links the story's
quotes into statements and merges its events into canonical events with all their reports.
"""

from redline.stories.cluster import StoryParams
from redline.stories.embed import Embed, cached_embedder, embed_texts
from redline.stories.merge import MergedEvent, MergeParams, merge_events, outlet_count, report_count
from redline.stories.online import cluster_articles
from redline.stories.remerge import RemergeResult, remerge_story
from redline.stories.statements import QuoteParams, link_quotes

__all__ = [
    "Embed",
    "MergeParams",
    "MergedEvent",
    "QuoteParams",
    "RemergeResult",
    "StoryParams",
    "cached_embedder",
    "cluster_articles",
    "embed_texts",
    "link_quotes",
    "merge_events",
    "outlet_count",
    "remerge_story",
    "report_count",
]
