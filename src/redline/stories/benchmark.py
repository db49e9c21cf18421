"""What the stories stage costs as the store grows: the time to place 100 new articles into stores of 0, 1k and 5k.

The stores are synthesised from real report text (the bundled examples, paragraphs recombined as ``redline
bench`` does), spread over days like a news stream (``per_day`` articles a day), each article with events and
quotes drawn from its own sentences: the same sentence always gets the same actor, type and speaker, so reports
of one act recur across articles and days as in real coverage. Parsing and coding are not rerun (only the
stories stage is measured), so a 5k store builds in minutes on a laptop. Embeddings are real (USE-multilingual)
and cached in the store, as in a real run.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from redline.records import Actor, Article, Event, Quote, Report, Span, Speaker

if TYPE_CHECKING:
    from redline.store import Store

ACTORS = (
    Actor(text="Russia", name="Russia", country="RUS", kb_id="RUS"),
    Actor(text="NATO", name="NATO", country="NATO", kb_id="NATO"),
    Actor(text="the United States", name="United States", country="USA", kb_id="USA"),
    Actor(text="Ukraine", name="Ukraine", country="UKR", kb_id="UKR"),
    Actor(
        text="Sergei Ryabkov", name="Sergei Ryabkov", country="RUS", sector="GOV", role="deputy minister", kb_id="p1"
    ),
    Actor(
        text="Jens Stoltenberg",
        name="Jens Stoltenberg",
        country="NATO",
        sector="GOV",
        role="secretary general",
        kb_id="p2",
    ),
    Actor(
        text="Antony Blinken", name="Antony Blinken", country="USA", sector="GOV", role="secretary of state", kb_id="p3"
    ),
)
NEW_FIRST = 1_000_000  # the added articles: the same texts on top of every base
TYPES = ("THREATEN", "REQUEST", "REJECT", "CONSULT", "ACCUSE", "AGREE")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


@dataclass(slots=True)
class Synthetic:
    """One synthetic article with what the earlier stages would have stored for it."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def _pick(text: str, choices: Sequence, salt: str) -> object:
    digest = hashlib.sha1(f"{salt}\0{text}".encode()).digest()
    return choices[digest[0] % len(choices)]


def synthesise(
    examples: Sequence[Article], count: int, *, first: int = 0, per_day: int = 100, start: date = date(2022, 1, 1)
) -> list[Synthetic]:
    """Articles ``first`` .. ``first + count - 1`` (ids and texts follow ``first``) of a stream of ``per_day``
    articles a day from ``start``."""
    rng = random.Random(first)
    paragraphs = [p for a in examples for p in a.text.split("\n\n") if len(p.split()) >= 12]
    items = []
    for n in range(first, first + count):
        lead = examples[n % len(examples)]
        body = lead.text.split("\n\n")[:3] + rng.sample(paragraphs, 3)
        day = (start + timedelta(days=(n - first) // per_day)).isoformat()
        article = Article(
            id=f"syn-{n:06d}",
            text="\n\n".join(body),
            source=f"synthetic#{n}",
            title=f"{lead.title or 'Report'} ({n})",
            published=f"{day}T12:00:00",
            outlet=f"outlet{n % 40}.example",
            language="en",
            title_language="en",
            content_hash=f"syn-{n}",
        )
        items.append(_coded(article, day))
    return items


def _coded(article: Article, day: str) -> Synthetic:
    """Events and quotes of an article, from its own sentences (deterministic per sentence)."""
    item = Synthetic(article)
    sentences = [s for s in _SENTENCE.split(article.text.replace("\n\n", " ")) if len(s.split()) >= 8]
    for index, sentence in enumerate(sentences[:8]):
        start = article.text.find(sentence[:40])
        actor, recipient = _pick(sentence, ACTORS, "actor"), _pick(sentence, ACTORS, "recipient")
        item.events.append(
            Event(
                id=f"ev-{article.id}-{index}",
                event_type=str(_pick(sentence, TYPES, "type")),
                article_id=article.id,
                text=sentence,
                trigger=Span(sentence.split()[1], max(start, 0), max(start, 0) + 5),
                actor=[actor],  # type: ignore[list-item]
                recipient=[recipient] if recipient != actor else [],  # type: ignore[list-item]
                date=day,
                quad=3,
                intensity=-4.0,
                confidence=0.7,
                sentence_index=index,
                reports=[
                    Report(article.id, article.outlet, sentence, max(start, 0), max(start, 0) + len(sentence), day)
                ],
            )
        )
        if index % 2 == 0:
            speaker = _pick(sentence, ACTORS[4:], "speaker")
            item.quotes.append(
                Quote(
                    id=f"q-{article.id}-{index}",
                    article_id=article.id,
                    text=sentence,
                    kind="indirect",
                    cue="said",
                    speaker=Speaker(
                        mention=speaker.text, name=speaker.name, country=speaker.country, kb_id=speaker.kb_id
                    ),  # type: ignore[attr-defined]
                    sentence_index=index,
                    start=max(start, 0),
                    end=max(start, 0) + len(sentence),
                )
            )
    return item


def store_items(store: Store, items: Sequence[Synthetic]) -> None:
    """Write articles with their events and quotes, as the earlier stages would leave them."""
    with store.atomic():
        for item in items:
            store.add_article(item.article)
            store.add_events(item.article.id, item.events)
            store.add_quotes(item.article.id, item.quotes)


def time_stories(store: Store) -> float:
    """Seconds the stories stage takes over the store's pending articles."""
    from redline.pipeline import run_stages

    started = time.perf_counter()
    run_stages(store, only=["stories"])
    return time.perf_counter() - started


def incremental_cost(
    examples: Sequence[Article],
    workdir: Path,
    *,
    bases: Sequence[int] = (0, 1000, 5000),
    new: int = 100,
    per_day: int = 100,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[int, dict[str, float]]:
    """For each base size: seconds to build it (stories stage over the whole base) and to add ``new`` articles of
    the next day on top. The new articles are the same texts whatever the base (their numbers follow it)."""
    results: dict[int, dict[str, float]] = {}
    for base in bases:
        path = workdir / f"stories-{base}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        from redline.store import Store

        with Store(path) as store:
            store_items(store, synthesise(examples, base, per_day=per_day))
            built = time_stories(store) if base else 0.0
            progress(f"base {base}: built in {built:.1f}s")
            next_day = date(2022, 1, 1) + timedelta(days=-(-base // per_day))
            fresh = synthesise(examples, new, first=NEW_FIRST, per_day=per_day, start=next_day)
            store_items(store, fresh)
            added = time_stories(store)
            progress(f"base {base}: {new} new articles in {added:.2f}s")
            results[base] = {"build_seconds": built, "add_seconds": added, "stories": float(len(store.stories()))}
    return results
