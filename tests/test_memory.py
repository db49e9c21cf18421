"""The per-article discourse memory shared by the actor resolver, the quote extractor and the event coder."""

from __future__ import annotations

import pytest

from redline.actors import ActorResolver, ArticleMemory, Referent
from redline.kb import load_kb
from redline.quotes import extract_quotes
from redline.records import Actor


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_kb(env=False))


def test_pronoun_takes_the_main_subject_of_the_nearest_sentence():
    memory = ArticleMemory()
    lavrov, blinken = Referent("Sergei Lavrov", gender="m"), Referent("Antony Blinken", gender="m")
    memory.mention(blinken, 0, 0, subject=True, main=True)
    memory.mention(lavrov, 40, 1, subject=True, main=True)
    memory.mention(blinken, 60, 1, subject=False, main=False)
    assert memory.pronoun(90, 2, kind="person", gender="m") is lavrov
    # a woman's pronoun finds no compatible candidate (both are men)
    assert memory.pronoun(90, 2, kind="person", gender="f") is None
    # the reported clause of the cue being attributed is not a candidate
    assert memory.pronoun(90, 2, kind="person", gender="m", exclude=(30, 50)) is blinken


def test_coordinated_subjects_leave_a_pronoun_unresolved():
    memory = ArticleMemory()
    memory.mention(Referent("A B"), 0, 0, subject=True, main=True, coordinated=True)
    assert memory.pronoun(30, 1, kind="person", gender=None) is None


def test_pronoun_does_not_reach_beyond_its_window():
    memory = ArticleMemory()
    memory.mention(Referent("Far Away", gender="f"), 0, 0, subject=True, main=True)
    assert memory.pronoun(500, 10, kind="person", gender="f") is None


def test_actor_level_memory_has_the_event_coder_semantics():
    memory = ArticleMemory()
    assert memory.antecedent("he") is None
    putin = Actor(text="Putin", name="Vladimir Putin", country="RUS")
    nato = Actor(text="NATO", name="NATO", country="NATO")
    memory.add(Actor(text="someone"), person=True)  # nothing known: not remembered
    memory.add(putin, person=True)
    assert memory.antecedent("they") is putin  # no group yet: "they" falls back to the last person
    memory.add(nato, person=False)
    assert memory.antecedent("He") is putin and memory.antecedent("it") is nato and memory.antecedent("they") is nato
    assert memory.antecedent("we") is None


def test_one_memory_per_article_is_shared_by_quotes_and_actors(resolver, nlp):
    text = (
        "Russian Deputy Foreign Minister Sergei Ryabkov spoke on Monday.\n\n"
        "“We will not accept this,” Ryabkov said. The diplomat added that talks would go on."
    )
    ctx = resolver.context("2021-12-13")
    quotes = extract_quotes(nlp(text), "a", actors=ctx)
    assert {q.speaker.kb_id for q in quotes} == {"ryabkov-sergei"}
    # what the quote extractor read and what the actor resolver named live in the same memory
    assert any(r.name == "Sergei Ryabkov" for r in ctx.memory.referents)
    assert ctx.memory.remembered("ryabkov") is not None
    assert ctx.memory.mentions and ctx.memory.people
