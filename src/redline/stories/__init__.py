"""Stories and events, two levels kept apart.

A *story* is a crisis or topic thread: articles over days, outlets and languages (``cluster_articles`` places
new articles online). An *event* is one act: the reports of one actor doing one type of thing to one recipient
within a few days, with compatible content (``update_story`` links the new articles' quotes into statements and
places their event reports into acts, each act one canonical event with all its reports).
"""

from redline.stories.canonical import canonical_event, outlet_count, report_count
from redline.stories.cluster import StoryParams
from redline.stories.embed import Embed, cached_embedder, embed_texts
from redline.stories.merge import MergedEvent, MergeParams, merge_events
from redline.stories.online import cluster_articles
from redline.stories.statements import QuoteParams, link_quotes
from redline.stories.update import UpdateResult, update_story

__all__ = [
    "Embed",
    "MergeParams",
    "MergedEvent",
    "QuoteParams",
    "StoryParams",
    "UpdateResult",
    "cached_embedder",
    "canonical_event",
    "cluster_articles",
    "embed_texts",
    "link_quotes",
    "merge_events",
    "outlet_count",
    "report_count",
    "update_story",
]
