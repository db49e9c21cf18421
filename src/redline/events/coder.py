"""Code parsed text into PLOVER events with dependency-pattern rules that explain themselves.

Per sentence (the rules are in :mod:`redline.events.rules`, one module per job):

1. **Frames.** Each token whose lemma has patterns in ``verbs.yaml`` is tried against them (particles, object
   classes, subject classes); the first that matches is the token's frame.
2. **Wrappers.** A frame whose pattern wraps an event ("refused to *meet*", "threatened to *cut off electricity*",
   "agreed to *a ceasefire*") takes its complement (a to-infinitive, a that-clause or an event noun) and recodes
   it with the tables in ``cues.yaml``; the complement is not coded again. "plan to", "is expected to" and
   "begin to" are transparent (the first marks the event future).
3. **Speech acts.** In reported or quoted speech the speaker acts: "X said Y must ..." is X REQUEST Y; a military
   response, countermeasures or consequences promised for the future or on a condition are a THREATEN by the
   speaker ("Russia will make a military-technical response if NATO deploys ..." -> Russia THREATEN NATO,
   hypothetical); "Y has no veto over ..." is the speaker REJECT Y.
4. **Filters.** Conditions ("if NATO deploys"), purposes ("staged a rally *to demand* reforms"), allegations
   ("accused Russia of *massing troops*") and embedded mentions ("the chances of *resuming talks*") are not
   events. One event per clause is kept: the most confident.
5. **Flags and fields.** Negation, future and hypothetical flags; PLOVER's future rules (a promised
   cooperative act is AGREE, a promised retreat CONCEDE, a declared future attack THREATEN); actors and
   recipients resolved through the actor resolver (pronouns through the speaker or the previous sentences);
   date, location, contexts, intensity, quad and a confidence.

``Event.rule`` names the pattern that fired (``verbs#N lemma``), the wrapper and any recoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from redline.actors.memory import ArticleMemory
from redline.events.actors import ActorContext, actor_context
from redline.events.dates import parse_published
from redline.events.lexicon import Lexicon, load_lexicon
from redline.events.places import Gazetteer, load_gazetteer
from redline.events.rules import build, parties
from redline.events.rules.kit import Kit, make_kit
from redline.events.rules.sentence import code_sentence
from redline.nlp import LONGEST_SENTENCE
from redline.records import Event, Quote


class EventCoder:
    """The rule-based PLOVER coder. Stateless between documents; one instance serves a whole run."""

    def __init__(
        self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None, *, appeals: bool = False
    ) -> None:
        """:param appeals: code appeals ("called on X to ...", "urged X to ...") as REQUEST; by default they are
        not events (PLOVER's CAMEO translation table drops APPEAL), except calls for force or sanctions
        against someone, which are ACCUSE."""
        self.appeals = appeals
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = gazetteer or load_gazetteer()
        self.kit: Kit = make_kit(self.lexicon, self.gazetteer, appeals=appeals)

    def code(
        self,
        doc: Any,
        *,
        article_id: str | None = None,
        published: str | date | None = None,
        quotes: Sequence[Quote] = (),
        actors: ActorContext | None = None,
    ) -> list[Event]:
        """All events of a parsed text, in text order.

        :param doc: the spaCy ``Doc`` (offsets of the returned records are character offsets into ``doc.text``)
        :param article_id: the id the events carry (and their ids are derived from)
        :param published: publication date (ISO string or date): relative dates resolve against it
        :param quotes: stored quotes of the article; their speakers act in speech-act events
        :param actors: an actor context for the article (default: one for the publication date)
        """
        kit = self.kit
        pub = parse_published(published)
        ctx = actors if actors is not None else actor_context(pub)
        if hasattr(ctx, "read_dateline"):
            ctx.read_dateline(doc.text)
        shared = getattr(ctx, "memory", None)  # the article's one discourse memory, when the context keeps it
        memory = shared if isinstance(shared, ArticleMemory) else ArticleMemory()
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            if sent.end_char - sent.start_char > LONGEST_SENTENCE:
                continue
            where = build.Where(sent=sent, index=index, article_id=article_id, published=pub, ctx=ctx, memory=memory)
            parties.learn_organisations(sent, ctx)
            for item in code_sentence(kit, sent, quotes):
                events.extend(build.finish(kit, item, where))
            parties.remember(kit, sent, ctx, memory)
        return build.dedupe(build.recipients_from_context(kit, events))
