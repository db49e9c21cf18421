"""Duplicate links depend on the set of articles only: not on arrival order, not on concurrent writers.

The corpus is built from reports in ``examples/text``: a report with an exact copy (other site chrome), a
reworded copy, an undated copy and an earlier-dated copy that arrives last; and a chain of three excerpts of
another report where neighbours are near duplicates but the two ends are not (similarity is not transitive).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from redline.ingest import dedup, ingest_articles, ingest_paths, linking, parse_input
from redline.ingest.clean import clean_lines
from redline.ingest.linking import relink_all
from redline.ingest.sources import read_file
from redline.records import Article
from redline.store import Store

TEXTS = EXAMPLES / "text"


def paragraphs(name: str) -> list[str]:
    return clean_lines((TEXTS / name).read_text()).paragraphs


def write_corpus(folder: Path) -> list[Path]:
    """The files, sorted by name; see the module docstring."""
    law = paragraphs("2021-12-10_moscow-wants-nato-pledge-in-law.txt")
    talks = paragraphs("atlanticpost_nato-russia-talks-end-without-breakthrough.txt")
    hackers = paragraphs("kyivwire_hackers-deface-government-websites.txt")
    title = "Moscow wants NATO pledge on no eastward growth written into law"
    reworded = [p.replace("Moscow", "the Kremlin").replace("alliance", "bloc") for p in law[:-1]]
    files = {
        "law_base.txt": f"{title}\n10 Dec, 2021 18:32\n\n" + "\n\n".join(law),
        "law_exact.txt": f"Home | World | Europe | Opinion\n{title}\n10 Dec, 2021 18:32\n\n" + "\n\n".join(law),
        "law_reworded.txt": "Russia asks for guarantees in treaty form\n11 Dec, 2021\n\n" + "\n\n".join(reworded),
        "law_undated.txt": f"{title}\n\n" + "\n\n".join(law[1:]),
        "law_early.txt": f"{title}\n09 Dec, 2021 23:50\n\n" + "\n\n".join(law[:-2]),
        "chain_1.txt": "Talks end without breakthrough\n10 Jan, 2022\n\n" + "\n\n".join(talks[0:4]),
        "chain_2.txt": "Talks end without breakthrough\n12 Jan, 2022\n\n" + "\n\n".join(talks[1:5]),
        "chain_3.txt": "Talks end without breakthrough\n11 Jan, 2022\n\n" + "\n\n".join(talks[2:6]),
        "hackers.txt": "Hackers deface government websites\n14 Jan, 2022\n\n" + "\n\n".join(hackers),
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    return sorted(folder / name for name in files)


def links(store: Store) -> dict[str, str | None]:
    """Each article (by file name) and the file name of its original."""
    articles = store.articles()
    name = {a.id: Path(a.source).name for a in articles}
    return {name[a.id]: name.get(a.duplicate_of) if a.duplicate_of else None for a in articles}


EXPECTED = {
    "law_early.txt": None,  # the earliest publication of the report is the original, though it arrives last
    "law_base.txt": "law_early.txt",
    "law_exact.txt": "law_early.txt",
    "law_reworded.txt": "law_early.txt",
    "law_undated.txt": "law_early.txt",
    "chain_1.txt": None,
    "chain_3.txt": None,  # not similar to chain_1, so an original in its own right
    "chain_2.txt": "chain_1.txt",  # similar to both; the earlier original wins
    "hackers.txt": None,
}


def test_the_corpus_has_the_shape_the_tests_rely_on(tmp_path: Path) -> None:
    files = {p.name: p for p in write_corpus(tmp_path)}
    text = {name: next(parse_input(read_file(path))).text for name, path in files.items()}
    sig = {name: dedup.signature(body) for name, body in text.items()}
    threshold = dedup.THRESHOLD
    assert sig["chain_1.txt"].jaccard(sig["chain_2.txt"]) >= threshold
    assert sig["chain_2.txt"].jaccard(sig["chain_3.txt"]) >= threshold
    assert sig["chain_1.txt"].jaccard(sig["chain_3.txt"]) < threshold
    assert dedup.content_hash(text["law_base.txt"]) == dedup.content_hash(text["law_exact.txt"])
    assert sig["law_early.txt"].jaccard(sig["law_reworded.txt"]) >= threshold


def test_links_do_not_depend_on_arrival_order(tmp_path: Path) -> None:
    files = write_corpus(tmp_path)
    orders = [files, files[::-1], random.Random(3).sample(files, len(files))]
    results = []
    for n, order in enumerate(orders):
        with Store(tmp_path / f"db{n}.db") as store:
            ingest_paths([str(path) for path in order], store)
            results.append((links(store), sorted(a.id for a in store.articles())))
    assert results[0] == results[1] == results[2]
    assert results[0][0] == EXPECTED


def test_an_earlier_original_arriving_later_repoints_every_link(tmp_path: Path, store: Store) -> None:
    files = write_corpus(tmp_path)
    ingest_paths([str(p) for p in files if p.name != "law_early.txt"], store)
    before = links(store)
    first = before["law_reworded.txt"]  # of the two copies dated alike, the one with the smaller id
    assert first in ("law_base.txt", "law_exact.txt") and before[first] is None
    ingest_paths([str(tmp_path / "law_early.txt")], store)
    assert links(store) == EXPECTED
    assert relink_all(store) == {}  # nothing left to correct: the incremental links are the from-scratch ones


def test_articles_stored_before_band_keys_are_banded_and_found(tmp_path: Path, store: Store) -> None:
    """An older database kept no band keys (and signed only some articles): the first insert bands them, and a new
    copy still finds its original among them through the stored keys."""
    articles = {Path(a.source).name: a for a in articles_of(tmp_path)}
    for name, article in articles.items():
        if name != "law_early.txt":
            store.add_article(article)  # no signature, no band keys: as an older version left them
    relink_all(store)
    assert len(store.unbanded()) == len(articles) - 1
    ingest_articles([articles["law_early.txt"]], store)
    assert store.unbanded() == [] and links(store) == EXPECTED
    signed = store.signatures_of(a.id for a in articles.values())
    assert all(stored is not None for _, stored in signed.values())  # rebuilt from the texts once


def test_stored_lookup_finds_what_an_in_memory_index_finds(tmp_path: Path, store: Store) -> None:
    ingest_paths([str(p) for p in write_corpus(tmp_path)], store)
    stored = dedup.StoredSimilarity(store)
    whole = linking.whole_index(store)
    for article in store.articles():
        assert sorted(stored.similar(article.id)) == sorted(whole.similar(article.id)), article.source


def articles_of(folder: Path) -> list[Article]:
    return [a for path in write_corpus(folder) for a in parse_input(read_file(path)) if isinstance(a, Article)]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(9)))
def test_any_insertion_order_gives_the_from_scratch_links(order: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        articles = articles_of(Path(folder))
        with Store(Path(folder) / "redline.db") as store:
            ingest_articles([articles[i] for i in order], store)
            assert relink_all(store) == {}
            assert links(store) == EXPECTED


# One ingest per writer, so each builds its index once, before the other has written anything; a pause after each
# input spreads the writes so that the two interleave.
WRITER = """
import sys, time
from pathlib import Path
from redline.ingest import ingest_paths
from redline.store import Store

def pause(stage, *, advance=0, total=None):
    if advance:
        time.sleep(0.1)

db, go, *paths = sys.argv[1:]
while not Path(go).exists():
    time.sleep(0.01)
with Store(db) as store:
    ingest_paths(paths, store, progress=pause)
"""


def test_two_processes_ingesting_at_once_link_every_copy(tmp_path: Path) -> None:
    """Each writer loads its index before the other has written anything; links still come out whole."""
    files = write_corpus(tmp_path)
    db, go = tmp_path / "shared.db", tmp_path / "go"
    Store(db).close()
    halves = [files[0::2], files[1::2]]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(go), *map(str, half)], stderr=subprocess.PIPE)
        for half in halves
    ]
    time.sleep(0.5)
    go.touch()
    errors = [writer.communicate(timeout=300)[1].decode() for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    with Store(db) as store:
        assert links(store) == EXPECTED
        assert len(store.articles()) == len(files)
        assert json.dumps(store.quarantined()) == "[]"
