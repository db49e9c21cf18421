"""Quotes of one parsed article: direct, indirect and mixed speech with its speaker, in reading order.

The article is read sentence by sentence, so that every speaker is resolved against what came before it:

1. Quotation marks are paired on the characters first (:mod:`redline.quotes.marks`).
2. Each sentence's cues (:mod:`redline.quotes.cues`) report a clause. A clause made only of quotations is a
   *direct* quote (each quotation becomes one record, however many sentences it runs over); a clause with words
   of its own and a quotation inside is *mixed* ("said the two sides had a “frank discussion”"); a clause with
   no quotation is *indirect*. A quotation right before or after the attribution (“…,” he said, “…”) is direct
   speech of the same speaker, so a quote split by its cue gives two records with one speaker.
3. A quotation no cue claims is attributed once its closing sentence has been read: to the speaker of the
   previous quote in the same paragraph (continuation); when it opens a paragraph, to the speaker attributed in
   the sentence just before, or else to that sentence's main-clause subject when it is the only person the
   sentence names ("Kuleba was blunt."); otherwise its speaker is unknown. Short quotations embedded in a
   sentence without a cue (fewer than six words: scare quotes, titles) are not quotes.
4. A line "Name: claim" (a person or organisation, then a colon, then at least three words) is a headline-style
   statement of that speaker. Other headline-like lines (short, alone on their line, no closing punctuation:
   "Biden warns Putin of 'severe' costs") paraphrase the article and give no quotes.
5. Lede rule: an unnamed role ("a top Russian diplomat has warned", "Ukraine's foreign minister said") speaking
   before anyone is named is the person named as a speaker within the next two sentences, if role and place
   agree; else it stays unknown.

Offsets are characters in the article's cleaned text (``doc.text``); ``text`` is ``article.text[start:end]``,
except that the re-opening marks of a quotation's later paragraphs are left out.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from redline.nlp import LONGEST_SENTENCE
from redline.quotes import lexicon as lex
from redline.quotes.cues import Cue, find_cues, speaker_like
from redline.quotes.discourse import Discourse, Resolution
from redline.quotes.marks import SPEAKER_LABEL, QuoteSpan, find_quote_spans, paragraph_breaks, strip_gaps
from redline.quotes.nominal import nominal_cues
from redline.records import Actor, Quote, Speaker

LONGEST_QUOTE = 2 * LONGEST_SENTENCE
"""Longer "quotes" are a parse running a cue over a page without punctuation, not anything anyone said."""
_DATELINE = re.compile(r"[A-Z][A-Z .,'/-]{1,40}(?:\([^)\n]{1,40}\))?\s*[-–—]{1,2}\s+")
_BEFORE = re.compile(r"[ \t,—–-]*")
_AFTER = re.compile(r"[ \t,—–-]*(:\s*)?")
_PARTICLE = r"(?:de|da|del|della|di|du|des|la|le|van|von|der|den|ter|dos|das|bin|ibn|al|el)"
_SIGNATURE = re.compile(
    rf"[^\S\n]*[―—–-]{{1,2}}[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+(?:[A-Z][\w.'’-]*|{_PARTICLE})){{0,5}})"
    r"[^\S\n]*[.,]?[^\S\n]*(?=\n|$)"
)
"""A quotation signed after a dash, to the end of its line (“…” ― Carla Sanchez): testimonials, epigraphs.

Spaces are any but a line break: web text pads such signatures with no-break spaces."""


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    cue: str | None
    resolution: Resolution | None
    audience: str | None
    cue_sentence: int
    cue_paragraph: int
    gaps: tuple[tuple[int, int], ...] = ()


def quote_id(article_id: str, start: int, end: int) -> str:
    """Stable id of a quote: the same article span always gets the same id."""
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def extract_quotes(doc: Doc, article_id: str, *, actors: Any = None) -> list[Quote]:
    """Every quote of a parsed article, in text order.

    :param doc: the article's cached parse (its text is the article's cleaned text).
    :param article_id: id written into each record (and hashed into its id).
    :param actors: an actor-resolver context for the article's date (``ActorResolver().context(date)``), used to
        fill the speaker's country, sector, role and knowledge-base id; None leaves those to the text.
    """
    if actors is not None and hasattr(actors, "read_dateline"):
        actors.read_dateline(doc.text)
    return _Reader(doc, actors).read(article_id)


class _Reader:
    """The state of one article's reading: quotations, paragraphs, referents and what was found so far."""

    def __init__(self, doc: Doc, actors: Any) -> None:
        self.doc = doc
        self.text = doc.text
        self.spans: list[QuoteSpan] = find_quote_spans(self.text)
        self.opens = [span.open for span in self.spans]
        self.sentences: list[Span] = list(doc.sents)
        self.sentence_starts = [sent.start_char for sent in self.sentences]
        self.paragraph_starts = [0] + [end for _, end in paragraph_breaks(self.text)]
        self.discourse = Discourse(doc, self.quoted, actors)
        self.claimed: set[int] = set()
        self.found: list[_Found] = []

    # -- positions ----------------------------------------------------------------------------------------------

    def quoted(self, offset: int) -> bool:
        index = bisect_right(self.opens, offset) - 1
        return index >= 0 and self.spans[index].contains(offset)

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def sentence(self, offset: int) -> int:
        return max(bisect_right(self.sentence_starts, offset) - 1, 0)

    # -- reading ------------------------------------------------------------------------------------------------

    def read(self, article_id: str) -> list[Quote]:
        waiting = 0  # quotations before this index have been attributed or dropped
        for index, sent in enumerate(self.sentences):
            cues = [] if self._title_like(sent) or len(sent.text) > LONGEST_SENTENCE else self._cues(sent)
            main_verbs = {sent.root.i} | {c.i for c in sent.root.children if c.dep_ == "conj"}
            main_verbs |= {cue.token.i for cue in cues}
            self.discourse.observe(sent, index, main_verbs)
            for cue in cues:
                self._attribute(cue, index)
            self._headline(sent, index)
            while waiting < len(self.spans) and self.spans[waiting].close <= sent.end_char:
                if waiting not in self.claimed:
                    self._standalone(waiting, index)
                waiting += 1
        self._lede()
        return self._records(article_id)

    def _cues(self, sent: Span) -> list[Cue]:
        """The sentence's speech verbs and its speech nouns with an owner, in text order."""
        cues = find_cues(sent, self.quoted)
        taken = [cue.content for cue in cues if cue.content is not None]
        for cue in nominal_cues(sent, self.quoted):
            if cue.content is not None and not any(s < cue.content[1] and cue.content[0] < e for s, e in taken):
                cues.append(cue)
        return sorted(cues, key=lambda cue: cue.token.i)

    def _title_like(self, sent: Span) -> bool:
        """A headline or caption: a line of its own, short, without closing punctuation (a paraphrase, not speech)."""
        text = sent.text.strip()
        paragraph = self.paragraph(sent.start_char)
        if self.text[self.paragraph_starts[paragraph] : sent.start_char].strip():
            return False
        end = self.text.find("\n", sent.start_char + len(sent.text.rstrip()))
        rest = self.text[sent.end_char : end if end >= 0 else len(self.text)]
        return not rest.strip() and len(text.split()) <= 20 and text[-1:] not in '.?!…"”’»:'

    def _attribute(self, cue: Cue, index: int) -> None:
        resolution = None
        if cue.subject is not None:
            resolution = self.discourse.resolve(cue.subject, index, exclude=cue.content)
        paragraph = self.paragraph(cue.token.idx)

        def add(start: int, end: int, kind: str, gaps: tuple[tuple[int, int], ...] = ()) -> None:
            found = _Found(start, end, kind, cue.lemma, resolution, cue.audience, index, paragraph, gaps)
            self.found.append(found)

        if cue.content is not None:
            start, end = cue.content
            inside = [i for i, span in enumerate(self.spans) if span.open < end and span.close > start]
            if cue.quotes_only and (not inside or self.claimed.intersection(inside)):
                pass  # a complement without a quotation of its own reports nothing
            elif inside and not self._residue(start, end, inside):
                for i in inside:
                    if i not in self.claimed:
                        self.claimed.add(i)
                        add(self.spans[i].start, self.spans[i].end, "direct", self.spans[i].gaps)
            elif inside:
                self.claimed.update(inside)
                start = min([start] + [self.spans[i].open for i in inside])
                end = max([end] + [self.spans[i].close for i in inside])
                add(start, end, "mixed")
            else:
                dateline = _DATELINE.match(self.text, start, end)
                add(dateline.end() if dateline else start, end, "indirect")
        for i in self._adjacent(cue.clause) if cue.adjacent else ():
            self.claimed.add(i)
            add(self.spans[i].start, self.spans[i].end, "direct", self.spans[i].gaps)

    def _residue(self, start: int, end: int, inside: list[int]) -> bool:
        """Whether the clause has words outside its quotations (mixed speech)."""
        cursor = start
        for i in sorted(inside, key=lambda k: self.spans[k].open):
            span = self.spans[i]
            if any(c.isalnum() for c in self.text[cursor : max(cursor, span.open)]):
                return True
            cursor = max(cursor, span.close)
        return any(c.isalnum() for c in self.text[cursor:end])

    def _adjacent(self, clause: tuple[int, int]) -> list[int]:
        """Unclaimed quotations touching the attribution: just before it, or just after it (after , or :)."""
        start, end = clause
        hits = []
        before = bisect_right(self.opens, start) - 1
        if before >= 0 and before not in self.claimed:
            span = self.spans[before]
            if span.close <= start and _BEFORE.fullmatch(self.text[span.close : start]):
                hits.append(before)
        after = bisect_right(self.opens, end - 1)
        if after < len(self.spans) and after not in self.claimed:
            span = self.spans[after]
            gap = self.text[end : span.open]
            match = _AFTER.fullmatch(gap)
            if match and ("\n" not in gap or match.group(1)):
                hits.append(after)
        return hits

    def _standalone(self, i: int, index: int) -> None:
        """A quotation no cue claimed: a continuation, a scare quote (dropped) or a quote of unknown speaker."""
        span = self.spans[i]
        start_sentence = self.sentence(span.open)
        sent = self.sentences[start_sentence]
        paragraph = self.paragraph(span.open)
        line_start = max(sent.start_char, self.paragraph_starts[paragraph])
        opens_paragraph = not any(c.isalnum() for c in self.text[self.paragraph_starts[paragraph] : span.open])
        signed = self._signed(span, index, paragraph)
        if signed is not None:
            self.claimed.add(i)
            self.found.append(signed)
            return
        embedded = any(c.isalnum() for c in self.text[line_start : span.open]) or self._text_follows(span)
        if embedded and len(span.text(self.text).split()) < lex.SCARE_WORDS:
            return
        labelled = self._labelled(span, index, paragraph) if opens_paragraph else None
        if labelled is not None:
            self.claimed.add(i)
            self.found.append(labelled)
            return
        resolution = self._colon_speaker(span, index)
        cue = None
        last = next((f for f in reversed(self.found) if f.resolution is not None), None)
        continues = (
            resolution is None
            and last is not None
            and (
                (last.cue_paragraph == paragraph and start_sentence - last.cue_sentence <= lex.CONTINUATION_SENTENCES)
                or (opens_paragraph and last.cue_sentence == start_sentence - 1)
            )
        )
        if continues and last is not None:
            resolution, cue = last.resolution, last.cue
        elif opens_paragraph and start_sentence > 0:
            resolution = self._previous_subject(start_sentence - 1, span.open)
        self.claimed.add(i)
        self.found.append(_Found(span.start, span.end, "direct", cue, resolution, None, index, paragraph, span.gaps))

    def _colon_speaker(self, span: QuoteSpan, index: int) -> Resolution | None:
        """ "Peskov contradicted the reports: „France is ...“": a quotation a colon introduces is said by the subject
        of the clause before the colon, whatever its verb (translated copy uses many: reacted, contradicted)."""
        before = self.text[: span.open].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None or not len(colon):
            return None
        sent = colon[0].sent
        verbs = [t for t in sent[: colon[0].i - sent.start] if t.pos_ == "VERB" and not self.quoted(t.idx)]
        subjects = [c for v in reversed(verbs) for c in v.children if c.dep_ == "nsubj" and c.i < v.i]
        subject = subjects[0] if subjects else None  # the clause right before the colon (the parser may hang it
        if subject is None or not speaker_like(subject) or self.quoted(subject.idx):  # on the quotation's verb)
            return None
        resolution = self.discourse.resolve(subject, index)
        return resolution if resolution.referent is not None else None

    def _labelled(self, span: QuoteSpan, index: int, paragraph: int) -> _Found | None:
        """A transcript turn ("WALLACE: Let's start ..."): the label's speaker said the rest of the quotation."""
        label = SPEAKER_LABEL.match(self.text, span.start)
        if label is None or label.end() >= span.end or label.group(1).lower() in lex.HEADLINE_LABELS:
            return None
        name = self.doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
        referent = self.discourse.name_at(name) if name is not None and len(name) else None
        if referent is None:
            return None
        resolution = Resolution(label.group(1), label.start(1), label.end(1), referent)
        gaps = tuple(g for g in span.gaps if g[0] >= label.end())
        return _Found(label.end(), span.end, "direct", None, resolution, None, index, paragraph, gaps)

    def _signed(self, span: QuoteSpan, index: int, paragraph: int) -> _Found | None:
        """A quotation followed on its line by a dash and a name: that person said it."""
        signature = _SIGNATURE.match(self.text, span.close)
        if signature is None:
            return None
        start, end = signature.span(1)
        if self.text[end - 1] == "." and len(self.text[start:end].split()[-1]) > 2:
            end -= 1  # the full stop after "Carla Sanchez." (an initial keeps its own: "Edwin G.")
        name = self.doc.char_span(start, end, alignment_mode="expand")
        referent = self.discourse.name_at(name) if name is not None and len(name) else None
        if referent is None:
            return None
        resolution = Resolution(self.text[start:end], start, end, referent)
        return _Found(span.start, span.end, "direct", None, resolution, None, index, paragraph, span.gaps)

    def _text_follows(self, span: QuoteSpan) -> bool:
        """Whether narrative words follow the quotation in its sentence (it sits inside a sentence)."""
        sent = self.sentences[self.sentence(max(span.close - 1, 0))]
        rest = self.text[span.close : sent.end_char]
        rest = rest.split("\n", 1)[0]
        return any(c.isalnum() for c in rest)

    def _previous_subject(self, sentence: int, before: int) -> Resolution | None:
        """The one person the sentence before is about ("Kuleba was blunt." then a quotation), if only one."""
        named = [m for m in self.discourse.mentions if m.sentence == sentence and m.start < before and not m.locative]
        if len({id(m.referent) for m in named}) != 1 or not any(m.main and m.referent.kind == "person" for m in named):
            return None  # "Lavrov met Blinken." names two participants: a quotation after it is anyone's
        return Resolution(None, -1, -1, named[-1].referent)

    def _headline(self, sent: Span, index: int) -> None:
        """ "Lavrov: The West is ..." at the start of a line: a statement of the named speaker."""
        paragraph = self.paragraph(sent.start_char)
        if self.text[self.paragraph_starts[paragraph] : sent.start_char].strip():
            return
        tokens = [t for t in sent if not t.is_space]
        colon = next((k for k, t in enumerate(tokens[:6]) if t.text == ":"), None)
        if not colon:
            return
        name = tokens[:colon]
        if name[0].lower_ in lex.DETERMINERS_DEFINITE and len(name) > 1 and name[1].lower_ in lex.HEADLINE_LABELS:
            return  # a rubric ("The Latest: ..."), not a speaker
        if name[0].lower_ in lex.HEADLINE_LABELS or any(not t.text[:1].isupper() for t in name if t.is_alpha):
            return
        if len(name) == 1 and name[0].is_upper:
            return
        line_end = self.text.find("\n", tokens[colon].idx)
        line_end = len(self.text) if line_end < 0 else line_end
        start, end = tokens[colon].idx + 1, line_end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if len(self.text[start:end].split()) < 3 or self.quoted(tokens[0].idx):
            return
        head = name[-1]
        referent = self.discourse.name_at(self.doc[name[0].i : head.i + 1])
        if referent is None:
            return
        mention = self.text[name[0].idx : head.idx + len(head)]
        resolution = Resolution(mention, name[0].idx, head.idx + len(head), referent)
        inside = [i for i, span in enumerate(self.spans) if start <= span.open and span.close <= end]
        kind = "indirect"
        gaps: tuple[tuple[int, int], ...] = ()
        if len(inside) == 1 and not self._residue(start, end, inside):
            span = self.spans[inside[0]]
            start, end, kind, gaps = span.start, span.end, "direct", span.gaps
        self.claimed.update(inside)
        self.found.append(_Found(start, end, kind, None, resolution, None, index, paragraph, gaps))

    def _lede(self) -> None:
        """An indefinite speaker before anyone is named becomes the next named speaker when role and place fit."""
        for k, found in enumerate(self.found):
            resolution = found.resolution
            if resolution is None or resolution.referent is None:
                continue
            nominal = resolution.nominal
            if not resolution.referent.anonymous or nominal is None:
                return
            for later in self.found[k + 1 :]:
                if later.cue_sentence > found.cue_sentence + 2:
                    break
                referent = later.resolution.referent if later.resolution is not None else None
                if referent is not None and not referent.anonymous:
                    if self.discourse.compatible(referent, nominal):
                        unnamed = resolution.referent
                        self.discourse.merge(unnamed, referent)
                        for other in self.found:
                            resolved = other.resolution
                            if resolved is not None and resolved.referent is unnamed:  # same object (a referent)
                                resolved.referent = referent
                    break
            return

    # -- records --------------------------------------------------------------------------------------------------

    def _records(self, article_id: str) -> list[Quote]:
        quotes: dict[tuple[int, int], Quote] = {}
        for found in sorted(self.found, key=lambda f: (f.start, f.end)):
            found.start, found.end = whole_words(self.text, found.start, found.end)
            key = (found.start, found.end)
            if key in quotes or found.end <= found.start or found.end - found.start > LONGEST_QUOTE:
                continue
            quotes[key] = Quote(
                id=quote_id(article_id, found.start, found.end),
                article_id=article_id,
                text=strip_gaps(self.text, found.start, found.end, found.gaps),
                kind=found.kind,
                cue=found.cue,
                speaker=self._speaker(found.resolution),
                sentence_index=self.sentence(found.start),
                start=found.start,
                end=found.end,
                audience=found.audience,
            )
        return list(quotes.values())

    def _speaker(self, resolution: Resolution | None) -> Speaker:
        if resolution is None:
            return Speaker()
        referent = resolution.referent
        if referent is None:
            return Speaker(mention=resolution.mention)
        while referent.same_as is not None:  # an unnamed office holder the article later named
            referent = referent.same_as
        actor = self.discourse.enrich(referent)
        if referent.anonymous:
            if actor is None:
                return Speaker(mention=resolution.mention)
            return Speaker(mention=resolution.mention, country=actor.country, sector=actor.sector, role=actor.role)
        name = referent.name
        # A person's canonical name; an organisation's too, unless the knowledge base only knows it as its country
        # ("the Kremlin" -> Russia, "the Pentagon" -> United States): then the text's name is kept.
        if (
            actor is not None
            and actor.kb_id
            and actor.name
            and (referent.kind == "person" or actor.kb_id.upper() != (actor.country or "").upper())
        ):
            name = actor.name
        return Speaker(
            mention=resolution.mention or referent.name,
            name=name,
            country=actor.country if actor is not None else None,
            sector=actor.sector if actor is not None else None,
            # The article's words first; the knowledge base's role only when it is the one held on the article's date.
            role=self._role(
                referent.role or (actor.role if actor is not None and self.discourse.dated else None), actor
            ),
            kb_id=actor.kb_id if actor is not None else None,
        )

    def _role(self, role: str | None, actor: Actor | None) -> str | None:
        """The role without the country or organisation it belongs to, which ``country`` already says ("NATO
        Secretary General" with country NATO is "Secretary General": never printed twice)."""
        if not role or actor is None or not actor.country:
            return role
        names = {actor.country.lower()}
        kb = getattr(self.discourse.enrichment.actors, "kb", None)
        if kb is not None and (name := kb.country_name(actor.country)):
            names.add(name.lower())
        lowered = role.lower()
        for name in sorted(names, key=len, reverse=True):
            if lowered.startswith(name + " ") and len(role) > len(name) + 1:
                return role[len(name) + 1 :].lstrip("'’s ").strip() or role
        return role


HYPHENS = "-\u2010\u2011"


def _inside_word(text: str, at: int) -> bool:
    """Whether offset ``at`` falls inside a written word: between letters or digits, or at a hyphen joining them
    (the tokenizer splits "de-escalate" into three tokens, and a parse may end a span on any of them)."""
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if before.isalnum() and after.isalnum():
        return True
    if after in HYPHENS and before.isalnum():
        return at + 1 < len(text) and text[at + 1].isalnum()
    return before in HYPHENS and after.isalnum() and at >= 2 and text[at - 2].isalnum()


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened so that it neither starts nor ends inside a written word ("Russia to de" becomes "Russia
    to de-escalate")."""
    while _inside_word(text, end):
        end += 1
    while _inside_word(text, start):
        start -= 1
    return start, end
