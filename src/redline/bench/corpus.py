"""The benchmark corpus: articles recombined from the bundled examples, so `redline bench` needs nothing outside
the repo and every run of the same size measures the same texts (seeded)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from redline.ingest import parse_input
from redline.ingest.sources import expand
from redline.records import Article


def example_articles(folder: Path) -> list[Article]:
    """Every article the example folder's inputs yield (the raw material of the synthetic corpus)."""
    return [a for raw in expand([str(folder)]) for a in parse_input(raw) if isinstance(a, Article)]


def synthesise(articles: list[Article], count: int, *, seed: int = 7, prefix: str = "bench") -> list[dict[str, str]]:
    """``count`` distinct articles recombined from the examples' paragraphs (each a plausible report).

    ``seed`` and ``prefix`` give another, disjoint set of texts and ids: the incremental figure adds such a set
    to a store built from the first one.
    """
    rng = random.Random(seed)
    paragraphs = [(a, p) for a in articles for p in a.text.split("\n\n") if len(p.split()) >= 12]
    rows = []
    for n in range(count):
        lead = rng.choice(articles)
        body = [p for p in lead.text.split("\n\n")][:3] + [p for _, p in rng.sample(paragraphs, 4)]
        rng.shuffle(body[1:])
        rows.append(
            {
                "id": f"{prefix}-{n}",
                "title": f"{lead.title or 'Report'} ({prefix} {n})",
                "text": "\n\n".join(body),
                "published": lead.published or "2022-01-10",
                "url": f"https://{prefix}.example.org/{n}",
            }
        )
    return rows


def write_corpus(rows: list[dict[str, str]], path: Path) -> Path:
    """Rows as JSON Lines, the form `redline run` ingests and the baseline reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def long_text(articles: list[Article], size: int) -> str:
    """One article of exactly ``size`` characters of real report prose (the examples' paragraphs, cycled).

    Parse linearity is measured on such texts: real sentences, not a repeated word, so the parser does the
    work it does on news.
    """
    paragraphs = [p for a in articles for p in a.text.split("\n\n") if p.strip()]
    parts: list[str] = []
    length = 0
    index = 0
    while length < size:
        paragraph = paragraphs[index % len(paragraphs)]
        parts.append(paragraph)
        length += len(paragraph) + 2
        index += 1
    return "\n\n".join(parts)[:size]
