"""Flags: negation, future and hypothetical marks on a coded event, and PLOVER's rules that follow from them.

* future: a future auxiliary, a future wrapper or an intent noun above the event ("will impose", "plans to impose",
  "has plans to impose", "talks are expected to resume");
* hypothetical: a condition ("if ...", "unless ...", "in case of ...", "should X ..."), "otherwise", or a modal of
  possibility ("could", "might", "may");
* negated: a negation on the event, or on a wrapper or intent noun above it ("did *not* intend to deploy", "has
  *no* plans to deploy");
* PLOVER's future rules: a promised cooperative act is AGREE, a promised retreat CONCEDE, a declared or
  conditioned future attack THREATEN; a refused cooperation ("will not accept") is REJECT.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline import tree
from redline.events import syntax
from redline.events.rules import codes, threats
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Token
from redline.events.rules.voice import voice_of
from redline.records import Quote


def set_flags(kit: Kit, item: Coded, quotes: Sequence[Quote]) -> None:
    """Mark the event negated, future and hypothetical, find its voice, and apply PLOVER's mood rules."""
    head = item.head
    if not item.speech:
        item.negated = item.negated or syntax.negated(head, kit.negation) or syntax.cleft_negated(head)
    top = head if syntax.is_verbal(head) or head.pos_ == "ADJ" else syntax.governing_verb(head)
    top = _through_wrappers(kit, item, top)
    if syntax.is_future(top, kit.future_aux) and item.type != "AGREE":
        item.future = True
    if _purpose(top) and item.type in kit.types("material_conflict"):
        item.future = True  # "positioned operatives *to carry out* an attack": intended, not done
    if _possible(kit, top):
        item.hypothetical = True
    if item.head.pos_ in ("NOUN", "PROPN") and top.lemma_.lower() in kit.words("scheduled_verbs"):
        item.future = True  # "talks are expected to resume in the spring"
    condition = syntax.conditional_clause(top, kit.marks)
    if condition is None and item.content_head is not None:
        condition = syntax.conditional_clause(syntax.governing_verb(item.content_head), kit.marks)
    if condition is not None:
        item.hypothetical = True
        if any(c.dep_ == "mark" and c.lower_ == "unless" for c in condition.children):
            item.unless = True
    if any(child.lower_ in kit.words("otherwise_adverbs") for child in top.children):
        item.hypothetical = True
    if item.voice is None:
        item.voice = voice_of(kit, top, quotes)
    if item.negated:
        _negation_rules(kit, item)
    _future_rules(kit, item)
    if condition is not None and not item.recipients and item.type == "THREATEN":
        # "will strike if the government does not improve its offer": a threat (declared, or a conditioned
        # future act made one above) is aimed at whoever the condition is about
        party = threats.condition_party(kit, condition, item.actor)
        if party is not None:
            item.recipients = [party]


def _through_wrappers(kit: Kit, item: Coded, top: Token) -> Token:
    """Climb from the event's verb through future and aspect wrappers ("plans to begin to ..."), marking the
    event future (and declared) on a future wrapper; a prepared attack is a mobilisation."""
    wrappers = kit.future_lemmas | kit.aspect_lemmas

    def wrapped(current: Token) -> bool:
        # "decided on Monday to expel": an infinitive the parser read as a purpose clause is the complement
        complement = current.dep_ == "xcomp" or (current.dep_ == "advcl" and syntax.is_to_infinitive(current))
        return complement and current.head.lemma_.lower() in wrappers

    current = top
    for _ in range(12):
        holder = syntax.intent_noun(current)
        if holder is not None and syntax.is_verbal(holder.head):
            _intended(kit, item, holder)
            current = holder.head
            continue
        if not wrapped(current) or tree.is_root(current):
            return current
        lemma = current.head.lemma_.lower()
        if syntax.negated(current.head, kit.negation) and not item.speech:
            item.negated = True  # "did not intend to deploy": the act is denied, not planned
        if lemma in kit.future_lemmas and _decision_taken(kit, current.head, item):
            item.rule.append("decision taken")  # "has decided to suspend the treaty": the suspension is done
        elif lemma in kit.future_lemmas:
            item.future = True
            if lemma in kit.words("declaring_lemmas"):
                item.declared = True
            if lemma == "prepare" and item.type == "ASSAULT" and not item.speech:
                item.rule.append("prepared ASSAULT->MOBILIZE")
                item.type, item.mode, item.future = "MOBILIZE", None, False
        current = current.head
    return top


def _decision_taken(kit: Kit, verb: Token, item: Coded) -> bool:
    """A state's decision already taken ("decided to suspend the treaty", "has decided to expel") is the
    administrative act itself, as the decision puts it in force; a plan or an intention stays future, and so does a
    decided attack or deployment, which still has to be carried out."""
    if verb.lemma_.lower() not in kit.words("decision_verbs") or item.type not in ("SANCTION", "REJECT"):
        return False
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    return verb.tag_ == "VBD" or perfect


def _purpose(top: Token) -> bool:
    """An infinitive of purpose on another verb ("sent agents *to stage* a provocation"): what someone means to
    do. (When that other verb is itself an event, the purpose is no event of its own: see filters.)"""
    if top.dep_ != "advcl" or tree.is_root(top) or not syntax.is_verbal(top.head):
        return False
    return syntax.is_to_infinitive(top) and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in top.children)


def _intended(kit: Kit, item: Coded, holder: Token) -> None:
    """An act held as a plan or intention ("has plans to send troops") is future, like "plans to send"; with
    "no plans" / "no intention", or a negated "have", it is denied, like "did not intend to deploy"."""
    item.future = True
    denied = any(c.dep_ == "det" and c.lower_ == "no" for c in holder.children)
    if (denied or syntax.negated(holder.head, kit.negation)) and not item.speech:
        item.negated = True


def _possible(kit: Kit, top: Token) -> bool:
    """A modal of possibility on the clause ("sanctions could include ...", "violence might erupt"), or the
    reproach of what was not done ("Russia *should have been* consulted")."""
    current = top
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in kit.words("possibility_aux") for c in current.children):
            return True
        if _should_have(current):
            return True
        if current.dep_ not in ("xcomp", "conj") or tree.is_root(current):
            return False
        current = current.head
    return False


def _should_have(verb: Token) -> bool:
    auxes = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
    advice = [c.i for c in auxes if c.lower_ in ("should", "ought")]
    return bool(advice) and any(c.lemma_.lower() == "have" and c.i > advice[0] for c in auxes)


def _future_rules(kit: Kit, item: Coded) -> None:
    """PLOVER: promised cooperation is AGREE, a promised retreat CONCEDE, a declared future attack THREATEN."""
    if not item.future or item.type in ("AGREE", "THREATEN", "REQUEST", "ACCUSE"):
        return
    if item.negated:
        return  # "will not attack": a denial, not a threat
    explicit_actor = item.actor is not None and item.actor_how in ("subj", "agent")
    if item.unless and item.type in ("RETREAT", "AID", "COOPERATE", "SANCTION") and explicit_actor:
        item.rule.append(f"future {item.type} unless ...->THREATEN")
        item.type, item.mode = "THREATEN", "relations"
        return
    if item.type in ("RETREAT", "COOPERATE", "AID") and explicit_actor:
        codes.promise(kit, item)  # CAMEO codes the promise by the act promised ("will release" 0353)
    if item.type == "CONSULT" or (item.type in ("SUPPORT", "COOPERATE", "AID") and explicit_actor):
        # PLOVER: references to future meetings are AGREE
        item.rule.append(f"future {item.type}->AGREE")
        item.type, item.mode = "AGREE", None
    elif item.type == "RETREAT" and explicit_actor:
        item.rule.append("future RETREAT->CONCEDE")
        item.type, item.mode = "CONCEDE", None
    elif (item.type in kit.types("material_conflict") or (item.type == "REJECT" and explicit_actor)) and (
        item.hypothetical or (_declared(kit, item) and item.type not in ("MOBILIZE", "REJECT"))
    ):
        table = kit.lexicon.cues.get("threat_modes", {})
        mode = table.get(f"{item.type}:{item.mode}") or table.get(item.type)
        item.rule.append(f"future {item.type}->THREATEN")
        item.type, item.mode = "THREATEN", mode


def _declared(kit: Kit, item: Coded) -> bool:
    """The actor states its own future act (first person, or a pronoun for the speaker)."""
    if item.actor is None:
        return False
    if item.declared:
        return True
    if kit.first(item.actor):
        return True
    return item.voice is not None and item.voice.speaker is not None and kit.third(item.actor)


def _negation_rules(kit: Kit, item: Coded) -> None:
    """A refused cooperation ("will not accept refugees", "would not meet their demands") is REJECT, and so is
    a refused sanction ("Belgrade would never impose sanctions on Russia") and a withheld permission ("did not
    allow the observers to enter")."""
    refusable = kit.types("cooperative") | {"SANCTION"}
    # "did not allow the delegation to enter": a permission withheld is a refusal, whatever its tense
    withheld = item.type in ("CONCEDE", "RETREAT") and item.head.lemma_.lower() in kit.words("permission_verbs")
    if withheld or (
        item.type in refusable
        and (item.future or any(c.lower_ in kit.words("refusal_aux") for c in item.head.children))
    ):
        table = kit.lexicon.cues.get("request_modes", {})
        mode = table.get(f"{item.type}:{item.mode}") or table.get(item.type)
        item.rule.append(f"negated {item.type}->REJECT")
        item.type, item.mode, item.negated = "REJECT", mode, False
        item.future = False
