"""Speech cues in a parsed sentence: the verb that reports speech, its speaker, what it reports, and to whom.

A cue is a speech verb outside any direct quotation ("said", "told", "warned", "unveiled", ...), "according
to X", or the "X was quoted as saying" / "his office quoted him as saying" construction. For each cue:

- ``subject``: the head of the speaker's noun phrase. The verb's own subject; else, for a coordinated or
  participial cue ("... and said", "adding that", "Stressing that ..., the president said"), the subject of the
  speech verb it hangs from (a repeated verb, "said ... and said", inherits from the outer one even when the
  parser attached it inside the first clause); for "quoted as saying", the person quoted (object of an active
  "quoted", subject of a passive one); for "according to X", X. Passive cues ("it was announced") have none
  and are skipped.
- ``content``: the reported clause (the verb's ``ccomp``), without "that" and edge punctuation, cut before a
  coordinated cue of the same speaker so two statements never overlap. A parenthetical cue after a clause it
  does not govern ("The US was pulling Kiev ..., she said, in a move ...") reports the clause before it.
- ``clause``: the attribution itself (speaker, verb and their adjuncts), used to attach adjacent quotations.
- ``audience``: whom the speaker addressed ("told news agency RIA", "Speaking to Rossiya 24 TV", "said in an
  interview with X").

Naming verbs ("called the plan „a serious step“", "described the meeting as “useful”"), and speech verbs
without a reported clause ("warned of “a high price”"), are cues only for the quotations in their complement
(``quotes_only``): without a quotation there they report nothing of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from redline.quotes import lexicon as lex
from redline.quotes.misparses import inserted_participle, participle_read_as_finite, stranded_subject
from redline.quotes.phrases import relative_antecedent
from redline.tree import appositive_subject, climb, is_root, misread_verb, same, verb_read_as_noun

EDGE = frozenset({",", ";", ":", "—", "–", "-", "and", "but", "or", "that", "while", "as"})
CLAUSE_DEPS = frozenset(
    {"nsubj", "aux", "neg", "advmod", "prep", "npadvmod", "dobj", "dative", "prt", "agent", "nsubjpass", "advcl"}
)


@dataclass(slots=True)
class Cue:
    """One attribution in a sentence; offsets are characters in the article text."""

    token: Token
    lemma: str
    subject: Token | None
    content: tuple[int, int] | None
    clause: tuple[int, int]
    audience: str | None = None
    quotes_only: bool = False  # ``content`` counts only when a quotation sits in it
    adjacent: bool = True  # quotations right next to the attribution are this speaker's


def cue_lemma(token: Token, quoted: Callable[[int], bool]) -> str | None:
    """The cue a token starts ("say", "according to"), or None."""
    if quoted(token.idx):
        return None
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return "according to"
    if token.lower_ == "words" and token.dep_ == "pobj" and token.head.lower_ == "in" and _words_owner(token):
        return "in the words of"
    if not (token.tag_.startswith("VB") or verb_read_as_noun(token)):
        return None
    if lemma not in lex.SPEECH_VERBS and lemma not in lex.NAMING_VERBS:
        return None
    particle = lex.PARTICLE_VERBS.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
        return None
    if any(c.dep_ == "auxpass" for c in token.children):
        return None
    bare_participle = token.tag_ == "VBN" and not any(c.dep_ == "aux" for c in token.children)
    if bare_participle and token.dep_ != "ROOT" and not (participle_read_as_finite(token) and speaker_like(token.head)):
        return None  # "Asked about it, ..." or "the deal announced on Monday": not the speaker's cue
    return lemma


def find_cues(sent: Span, quoted: Callable[[int], bool]) -> list[Cue]:
    """All cues of a sentence, in text order."""
    lemmas = {token.i: lemma for token in sent if (lemma := cue_lemma(token, quoted))}
    cues: list[Cue] = []
    subjects = {i: _unquoted_subject(sent.doc[i], subject_of(sent.doc[i], lemmas), quoted) for i in lemmas}
    for i, lemma in lemmas.items():
        token = sent.doc[i]
        if lemma == "according to":
            cue = _according(token)
        elif lemma == "in the words of":
            cue = _source_phrase(token.head, _words_owner(token), lemma)
        elif subjects[i] is None or not can_say(subjects[i], lemma):
            continue  # no speaker in the syntax ("This suggests that", imperative, misparse): not an attribution
        elif lemma == "call" and (demand := _call_for(token)) is not None:
            # "called for increased defense spending", "called on Republicans to unendorse him": a demand
            clause = _clause(token, subjects[i], demand, quoted)
            cue = Cue(token, "call for", subjects[i], demand, clause, None)
        elif lemma in lex.NAMING_VERBS:
            content = _complement(token)
            clause = _clause(token, subjects[i], content, quoted)
            quotes_only = not _predicated_object(token)  # "called climate change a hoax" says it unquoted
            if quotes_only and (said := _said_object(token, lemma)) is not None:
                content, quotes_only = _span_of(said), False
            cue = Cue(token, lemma, subjects[i], content, clause, None, quotes_only=quotes_only, adjacent=False)
        else:
            content = _content(token, lemmas, subjects)
            clause = _clause(token, subjects[i], content, quoted)
            cue = Cue(token, lemma, subjects[i], content, clause, _audience(token))
            if content is None:  # "warned of “a high price”": only a quotation in the complement is reported
                said = _said_object(token, lemma)
                cue.content, cue.quotes_only = (_complement(token), True) if said is None else (_span_of(said), False)
        if cue is not None:
            cues.append(cue)
    return cues


def can_say(subject: Token, lemma: str) -> bool:
    """Whether ``subject`` is the source of the cue ``lemma``: a speaker-like subject, or, for verbs only
    speakers do ("said", "announced"), any noun phrase that is not a non-agent ("the bank said")."""
    if speaker_like(subject):
        return True
    if subject.lower_ in lex.RELATIVE_PRONOUNS and subject.head.dep_ == "relcl" and not is_root(subject.head):
        subject = relative_antecedent(subject)  # "an architect who said ...": the one the relative clause is about
    if lemma not in lex.OPEN_SUBJECT_VERBS or subject.pos_ not in ("NOUN", "PROPN"):
        return False
    if misread_verb(subject):
        return False
    return subject.lemma_.lower() not in lex.NON_AGENTS and subject.lower_ not in lex.NON_AGENTS


def _unquoted_subject(verb: Token, subject: Token | None, quoted: Callable[[int], bool]) -> Token | None:
    """In “…,” X said, the speaker is X, between the closing quotation mark and the verb; a subject the parse
    finds inside the quotation ("There is ...") or in a quoted title after the verb ("on “Fox and Friends”") is a
    misparse."""
    if subject is not None and not quoted(subject.idx):
        return subject
    doc = verb.doc
    if verb.i >= 2 and (doc[verb.i - 1].is_quote or doc[verb.i - 1].text in (",", "—", "–")):
        # “…,” underlined the Spanish minister / “…” — declared the minister: an inverted speaker the parser read
        # as the object (translations); a subject it found inside the quotation is none
        inverted = [c for c in verb.rights if c.dep_ in ("dobj", "attr") and speaker_like(c)]
        if inverted:
            return inverted[0]
    for j in range(verb.i - 1, max(verb.sent.start, verb.i - 15) - 1, -1):
        if doc[j].is_quote and doc[j].text not in ("'", "‘"):
            if any(_clause_word(t) for t in doc[j + 1 : verb.i]):
                return subject  # a scare quote inside the clause ("the «invasion» of Russia into Ukraine ... and")
            between = [t for t in doc[j + 1 : verb.i] if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"]
            return between[0] if between else subject
    return subject


def _clause_word(token: Token) -> bool:
    """A word no speaker's name phrase holds (a verb, a conjunction, a preposition other than "of"); a capitalised
    one is a name the tagger misread ("Tulsa police Chief Chuck Jordan said", "Tulsa" as a verb)."""
    if token.text[:1].isupper():
        return False
    return token.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") or (token.pos_ == "ADP" and token.lower_ != "of")


def speaker_like(token: Token) -> bool:
    """Whether a subject can speak: a pronoun, a name, or a noun for people, offices, organisations or documents."""
    low = token.lower_
    if low in lex.RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and not is_root(token.head):
        return speaker_like(relative_antecedent(token))
    if low in lex.PRONOUN_GENDER or low in lex.ORG_PRONOUNS or low in lex.UNRESOLVED_PRONOUNS:
        return True
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = token.lemma_.lower()
    nouns = (lex.ROLE_WORDS, lex.ORG_NOUNS, lex.DOCUMENT_NOUNS, lex.PEOPLE_NOUNS)
    if any(lemma in words or low in words for words in nouns):
        return True
    return any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_) for c in token.children)


def subject_of(token: Token, cues: dict[int, str], depth: int = 0) -> Token | None:
    """Head of the speaker's noun phrase for the cue verb ``token`` (see the module docstring)."""
    if depth > 6:
        return None
    subjects = [child for child in token.children if child.dep_ == "nsubj"]
    if subjects:
        # several subjects come from a misparse (a run-in heading: "THE BORROWING ... Mr. McKinley said"): the
        # speaker-like one nearest before the verb is the speaker ("His counterpart, X, for her part insisted")
        ranked = [c for c in subjects if speaker_like(c)] or subjects
        before = [child for child in ranked if child.i < token.i]
        return before[-1] if before else ranked[0]
    quoted = _quoted_person(token)
    if quoted is not None:
        return quoted
    inserted = inserted_participle(token)
    if inserted is not None:
        return inserted
    stranded = stranded_subject(token)
    if stranded is not None:
        return stranded
    if participle_read_as_finite(token):
        return token.head
    head = token.head
    if head.i == token.i:
        return None
    participle = token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "pcomp", "conj")
    if token.dep_ == "pcomp" and head.pos_ == "ADP":
        # "aside from saying he wants ...", "by saying ...": the doer of the verb the phrase hangs on
        holder = head.head
        while holder.pos_ not in ("VERB", "AUX") and not is_root(holder) and holder.dep_ in ("advmod", "prep"):
            holder = holder.head
        if holder.dep_ == "xcomp" and not is_root(holder) and not any(c.dep_ == "nsubj" for c in holder.children):
            holder = holder.head  # "refuses to discuss ..., aside from saying": the one who refuses
        return subject_of(holder, cues, depth + 1)
    if token.dep_ != "conj" and not participle:
        return None
    if head.i in cues:
        return subject_of(head, cues, depth + 1)
    outer = next((a for a in token.ancestors if a.i in cues and a.i != token.i), None)
    if outer is not None and (participle or cues[outer.i] == cues.get(token.i)):
        return subject_of(outer, cues, depth + 1)
    inner = subject_of(head, cues, depth + 1)
    if outer is not None and inner is None and token.dep_ == "conj":
        return subject_of(outer, cues, depth + 1)  # "X declared that ... passed, and called on ...": X calls
    if outer is not None and inner is not None and not speaker_like(inner):
        # "Peskov said the moves were raising tension, and insisted that ...": the coordination belongs to the
        # outer cue, whose speaker insists; the moves say nothing
        return subject_of(outer, cues, depth + 1)
    return inner


def _quoted_person(token: Token) -> Token | None:
    """The person of "X was quoted as saying" / "his office quoted him as saying", when ``token`` is "saying"."""
    head = token.head
    if head.lower_ == "as" and not is_root(head):
        head = head.head
    if head.lemma_.lower() not in lex.QUOTING_VERBS or head.i == token.i:
        return None
    for dep in ("dobj", "nsubjpass"):
        for child in head.children:
            if child.dep_ == dep:
                return child
    return None


def _content(token: Token, cues: dict[int, str], subjects: dict[int, Token | None]) -> tuple[int, int] | None:
    doc = token.doc
    own = subjects.get(token.i)
    appositive = appositive_subject(token)  # "X did Y, a step the US says ...": Y is no one's words
    clauses = [
        c
        for c in token.children
        if c.dep_ == "ccomp"
        and _reported(c, token)
        and not (own is not None and c.left_edge.i <= own.i <= c.i)
        and not (appositive is not None and c.i < appositive.i)
    ]
    if not clauses:  # "told a meeting ... that the army had ...": a reported clause parsed as a relative one
        clauses = _misattached_that_clauses(token)
    if not clauses:  # "said after the convention he would not accept": a reported clause parsed as an adverbial
        clauses = [c for c in token.children if c.dep_ == "advcl" and c.i > token.i and _finite_unmarked(c)]
    if clauses:
        first = min(_clause_start(c) for c in clauses)
        last = max(c.right_edge.i for c in clauses)
        for i in sorted(cues):
            if not first < i <= last or i == token.i or cues[i] == "according to" or own is None:
                continue
            # A coordinated statement (same speaker, or "while X insisted ...") is its own quote; a cue in a
            # reported clause ("said Lavrov told him that ...") stays part of what is reported.
            if same(subjects.get(i), own) or doc[i].dep_ in ("advcl", "conj", "parataxis"):
                last = min(last, doc[i].left_edge.i - 1)
    elif (infinitive := _infinitive(token)) is not None:
        first, last = infinitive
    elif (relative := _relative_content(token)) is not None:
        first, last = relative
    elif (
        token.dep_ in ("parataxis", "ccomp", "advcl", "conj")
        and token.head.i < token.i
        and token.head.i not in cues
        and any(c.dep_ == "nsubj" for c in token.children)
        and doc[_left_of_clause(token) - 1].is_punct
    ):
        first = token.head.left_edge.i
        last = _left_of_clause(token) - 1
    elif _parenthetical(token, cues):  # "Back home, Mr. Clarke said, he decided to ...": the clause after it
        first = _right_of_clause(token) + 1
        last = token.head.right_edge.i
    else:
        return None
    while first <= last and (doc[first].is_space or (doc[first].lower_ in EDGE and doc[first].dep_ != "nsubj")):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].lower_ in EDGE or doc[last].text in ".…"):
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def _said_object(token: Token, lemma: str) -> Token | None:
    """The noun-phrase object that is itself what was said: "cited *his endorsements*", "denied *the charges*";
    not a pronoun ("denied it", "what he cited"), whose words are elsewhere."""
    if lemma not in lex.OBJECT_CONTENT_VERBS:
        return None
    for child in token.children:
        if child.dep_ == "dobj" and child.i > token.i and child.pos_ in ("NOUN", "PROPN") and child.tag_ != "WP":
            return child
    return None


def _relative_content(token: Token) -> tuple[int, int] | None:
    """Token range of what a cue inside a relative clause says of the antecedent: "his donations, which he said
    *were accompanied by leverage*" (the relative pronoun, before the cue, is the reported clause's subject)."""
    if token.dep_ != "relcl":
        return None
    for clause in token.children:
        if clause.dep_ != "ccomp" or clause.i < token.i:
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.lower_ in lex.RELATIVE_PRONOUNS and c.i < token.i for c in subjects):
            return token.i + 1, clause.right_edge.i
    return None


def _span_of(token: Token) -> tuple[int, int]:
    """Character span of a token's subtree."""
    doc = token.doc
    return doc[token.left_edge.i].idx, doc[token.right_edge.i].idx + len(doc[token.right_edge.i])


def _infinitive(token: Token) -> tuple[int, int] | None:
    """Token range of what a demand, promise or threat says in an infinitive: "urged *Republicans to join ...*",
    "vowed *to punish ...*" (the one addressed is part of it, as in "urged X to do Y")."""
    if token.lemma_.lower() not in lex.INFINITIVE_VERBS:
        return None
    for clause in token.rights:
        if clause.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        addressed = [c for c in token.children if c.dep_ == "dobj" and token.i < c.i < clause.i]
        first = addressed[0].left_edge.i if addressed else clause.left_edge.i
        return first, clause.right_edge.i
    return None


def _call_for(token: Token) -> tuple[int, int] | None:
    """What "call for" / "call on X to" demands, as characters: the object of "for", or "X to do Y"."""
    doc = token.doc
    for prep in token.children:
        if prep.dep_ not in ("prep", "prt") or prep.lower_ not in ("for", "on", "upon"):
            continue
        if prep.lower_ == "for" and any(c.dep_ == "dobj" and c.i < prep.i for c in token.children):
            continue  # "called a meeting for Tuesday", "called an election for May": set a date, demanded nothing
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            obj = next((c for c in token.children if c.dep_ == "pobj" and c.i > prep.i), None)
        if obj is None:
            continue
        last = obj.right_edge.i
        if prep.lower_ != "for":
            action = next((c for c in token.children if c.dep_ == "xcomp" and c.i > obj.i), None)
            if action is None:
                continue  # "called on the region's leaders" without a demand is a visit, not a statement
            last = action.right_edge.i
        while last > obj.left_edge.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        first = obj.left_edge.i
        return doc[first].idx, doc[last].idx + len(doc[last])
    return None


def _clause_start(clause: Token) -> int:
    """Where a reported clause starts: its left edge, unless it was parsed as an adverbial whose leading phrase
    belongs to the cue ("said after the convention he would ..."): then its "that" or its subject."""
    if clause.dep_ != "advcl":
        return clause.left_edge.i
    starts = [c.left_edge.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "mark")]
    return min(starts) if starts else clause.left_edge.i


def _misattached_that_clauses(token: Token) -> list[Token]:
    """Clauses "that ..." with their own subject hung on the verb's object (the audience) as relative clauses;
    a true relative "that" is the clause's subject or object, not its marker."""
    if token.lemma_.lower() not in lex.TELLING_VERBS:
        return []
    found = []
    for obj in token.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < token.i:
            continue
        for clause in obj.subtree:
            if clause.dep_ != "relcl":
                continue
            marker = next((c for c in clause.children if c.lower_ == "that" and c.dep_ == "mark"), None)
            if marker is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                found.append(clause)
    return found


def _finite_unmarked(clause: Token) -> bool:
    """A finite clause with its own subject and no subordinator but "that" ("if", "when", "because" make it an
    adverbial): a statement."""
    participle = clause.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)
    if not clause.tag_.startswith("VB") or participle:
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    subordinated = any(
        (c.dep_ == "mark" and c.lower_ != "that") or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in clause.children
    )
    return has_subject and not subordinated


def _parenthetical(token: Token, cues: dict[int, str]) -> bool:
    """A cue set off by commas inside the clause it reports ("X, Mr. Clarke said, Y")."""
    doc = token.doc
    after = _right_of_clause(token) + 1
    return (
        token.dep_ == "parataxis"
        and token.head.i > token.i
        and token.head.i not in cues
        and any(c.dep_ == "nsubj" for c in token.children)
        and _left_of_clause(token) > 0
        and doc[_left_of_clause(token) - 1].is_punct
        and after < len(doc)
        and doc[after].is_punct
    )


def _complement(token: Token) -> tuple[int, int] | None:
    """What a naming verb says of its object: "the plan „a serious step“", "the meeting as “useful”"."""
    parts = [c for c in token.rights if c.dep_ in ("dobj", "oprd", "prep", "attr", "acomp", "ccomp", "xcomp")]
    if not parts:
        return None
    doc = token.doc
    last = max(c.right_edge.i for c in parts)
    first = token.i + 1
    while last > first and (doc[last].is_space or doc[last].text in ".,;"):
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _predicated_object(token: Token) -> bool:
    """Whether a naming verb says something of its object in its own words: "called *her vote a mistake*",
    "called *climate change a hoax*", "described *the talks as useful*" (object + predicate). Without a predicate
    ("called a meeting", "described the scene") only a quotation in the complement is what was said."""
    if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in token.children):
        return False  # "over what it called “provocative” remarks": the quoted word is all it said
    if any(c.dep_ == "oprd" for c in token.children):
        return True
    objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
    as_phrase = any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i for t in (token, *objects) for c in t.children
    )
    if as_phrase and objects:  # not "he qualifies as a natural-born citizen": nothing is named
        return True  # "described the meeting as useful", "cited his remarks as examples of his disrespect"
    for obj in objects:
        if any(c.dep_ in ("dobj", "attr", "oprd") and c.i > obj.i for c in obj.children):
            return True  # "climate change a hoax": the predicate noun parsed under the object
        following = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
        if following is not None and following.tag_ == "JJ" and following.head.i in (obj.i, token.i):
            return True
    return False


def _reported(clause: Token, verb: Token) -> bool:
    """A clause after its cue is reported; one before it only when punctuation separates them ("…, she said")."""
    if clause.i > verb.i:
        return True
    left = _left_of_clause(verb)
    between = verb.doc[clause.right_edge.i + 1 : left]
    return any(t.is_punct or t.is_quote for t in between) or (
        left == clause.right_edge.i + 1 and (clause.right_edge.is_punct or clause.right_edge.is_quote)
    )


def _right_of_clause(token: Token) -> int:
    return max([token.i] + [c.right_edge.i for c in token.children if c.dep_ not in ("punct", "ccomp")])


def _left_of_clause(token: Token) -> int:
    return min([token.i] + [c.left_edge.i for c in token.children if c.dep_ not in ("punct", "ccomp")])


def _clause(
    token: Token, subject: Token | None, content: tuple[int, int] | None, quoted: Callable[[int], bool]
) -> tuple[int, int]:
    """Character span of the attribution: subject, verb and adjuncts, without the reported clause or quotes."""
    indices = {token.i}
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and not (child.dep_ == "advcl" and child.lemma_.lower() in lex.SPEECH_VERBS):
            indices.update(t.i for t in child.subtree)
    if subject is not None and abs(subject.i - token.i) < 40:
        indices.update(t.i for t in subject.subtree)
        indices.add(subject.head.i)
    if content is not None:
        indices = {i for i in indices if i == token.i or not content[0] <= token.doc[i].idx < content[1]}
    tokens = [t for i in indices if not (t := token.doc[i]).is_space and (i == token.i or not quoted(t.idx))]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return start, end


def _audience(token: Token) -> str | None:
    """Whom the statement was addressed to, as the text says it."""
    doc = token.doc
    parts: list[Token] = []
    lemma = token.lemma_.lower()
    for child in token.children:
        if (child.dep_ in ("dobj", "dative", "iobj") and lemma in lex.TELLING_VERBS) or (
            child.dep_ == "npadvmod" and child.ent_type_ == "PERSON" and parts
        ):
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ in lex.AUDIENCE_PREPOSITIONS:
            parts.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "in":
            parts.extend(_interview_partner(child))
        elif child.dep_ == "advcl" and child.lemma_.lower() in lex.OCCASION_VERBS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in lex.AUDIENCE_PREPOSITIONS:
                    parts.extend(c for c in prep.children if c.dep_ == "pobj")
    if not parts:
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(p.right_edge.i for p in parts)
    ccomp = [c for c in token.children if c.dep_ == "ccomp"]
    if ccomp and start < ccomp[0].left_edge.i <= end:
        end = ccomp[0].left_edge.i - 1
    span = doc[start : end + 1]
    text = span.text.strip().strip(",;:").strip()
    return text or None


def _interview_partner(prep: Token) -> list[Token]:
    for pobj in prep.children:
        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.AUDIENCE_NOUNS:
            for inner in pobj.children:
                if inner.dep_ == "prep" and inner.lower_ in lex.AUDIENCE_PREPOSITIONS:
                    return [c for c in inner.children if c.dep_ == "pobj"]
    return []


def _words_owner(token: Token) -> Token | None:
    """X of "in X's words" / "in the words of X"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _according(token: Token) -> Cue | None:
    """ "According to X, ..." or "..., according to X": X is the speaker of the rest of the clause."""
    to = token.doc[token.i + 1]
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
    if speaker is None:
        speaker = next((c for c in token.children if c.dep_ == "pobj"), None)
    if speaker is not None and speaker.lemma_.lower() in lex.SOURCE_WORDS | lex.DOCUMENT_NOUNS:
        speaker = _words_owner(speaker) or speaker  # "according to the words of the minister": the minister
    return _source_phrase(token, speaker, "according to")


def _source_phrase(token: Token, speaker: Token | None, lemma: str) -> Cue | None:
    """A phrase naming the source of its clause ("according to X", "in his words"): X said the rest.

    When the clause is itself an attribution ("…,” Peskov told reporters, according to Interfax), the phrase
    only names where the report came from, and is not a quote of its own.
    """
    if speaker is None:
        return None
    doc = token.doc
    head = climb(token.head, lambda t: t.pos_ not in ("VERB", "AUX"))
    if head.lemma_.lower() in lex.SPEECH_VERBS and any(c.dep_ == "ccomp" or c.is_quote for c in head.subtree):
        return None
    phrase_first = token.left_edge.i
    phrase_last = token.right_edge.i
    if head.i == token.i and is_root(token):
        # "According to X, the move reeks of fear": the parser made the phrase the sentence's root and hung the
        # clause on it; the phrase ends at the comma after X
        comma = next((t.i for t in doc[speaker.i : token.sent.end] if t.text == ","), None)
        if comma is None:
            return None
        phrase_first, phrase_last = token.i, comma - 1
        head = token.sent.root
    region_first, region_last = head.left_edge.i, head.right_edge.i
    while region_last > region_first and (doc[region_last].is_space or doc[region_last].text in ".!?…"):
        region_last -= 1
    if phrase_first <= region_first:
        first, last = phrase_last + 1, region_last
    elif phrase_last >= region_last:
        first, last = region_first, phrase_first - 1
    else:
        first, last = region_first, region_last
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and ((doc[last].is_punct and doc[last].text not in "”\"»’'") or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    clause = (doc[phrase_first].idx, doc[phrase_last].idx + len(doc[phrase_last]))
    content = (doc[first].idx, doc[last].idx + len(doc[last]))
    return Cue(token, lemma, speaker, content, clause)
