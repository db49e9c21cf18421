"""Repairs for parses that lose a reporting verb's subject. Each names the structural sign that the parse is
wrong (a finite verb with no subject, a participle that introduces a quotation), so the speaker is found from
the sentence's shape, never from its words."""

from __future__ import annotations

from spacy.tokens import Token

INTRODUCERS = frozenset({":", '"', "“", "«", "„"})


def stranded_subject(token: Token) -> Token | None:
    """A finite reporting verb with no subject whose left neighbour is a name the parser hung on a phrase
    before it ("In a meeting with the board of the Washington Post *Trump* said that ..."): every finite clause has
    a subject, and a name right before the verb is the one it lost."""
    if token.tag_ not in ("VBD", "VBZ", "VBP") or token.i == 0 or token.dep_ not in ("ROOT", "ccomp"):
        return None
    before = token.doc[token.i - 1]
    if before.ent_type_ not in ("PERSON", "ORG") and before.tag_ not in ("NNP", "NNPS"):
        return None
    if before.dep_ != "pobj" or before.head.i > token.i:
        return None
    return before


def inserted_participle(token: Token) -> Token | None:
    """The speaker of "X, asked about Y, said ...", parsed with X as the subject of "asked", not of "said"."""
    for child in token.lefts:
        if child.dep_ in ("ccomp", "advcl") and child.tag_ in ("VBN", "VBD"):
            subject = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
            between = token.doc[child.right_edge.i + 1 : token.i]
            if subject is not None and any(t.is_punct for t in between):
                return subject
    return None


def participle_read_as_finite(token: Token) -> bool:
    """A past-tense reporting verb the parser read as a participle on its long subject ("the official
    representative of the Ministry ..., Zhao Lijian, *underlined* at the briefing: “...”"). A true reduced
    relative ("the points underlined at the briefing") has no colon or quotation right after it and often an
    agent ("quoted by Reuters"); one that introduces the quotation, or hangs on a noun the parser made the root of
    a sentence with no verb, is the sentence's main verb."""
    if token.tag_ != "VBN" or token.dep_ != "acl" or token.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.i < token.head.i or any(c.dep_ in ("agent", "auxpass", "aux", "nsubj") for c in token.children):
        return False
    if token.head.dep_ == "ROOT":
        return True  # a sentence has a main verb: under a root noun, the participle is it
    after = token.right_edge.i + 1
    return after < len(token.doc) and token.doc[after].text in INTRODUCERS
