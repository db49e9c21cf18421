"""Wrappers: a frame whose pattern takes an event as complement ("refused to *meet*", "threatened to *cut off
electricity*", "agreed to *a ceasefire*") recodes that complement with the tables in ``cues.yaml``.

The complement is a to-infinitive, a that-clause or an event noun; it is coded first (recursively: "said it was
ready to *begin* talks") and then not coded again on its own. "plan to", "is expected to" and "begin to" are
transparent (the first marks the event future). Complements of considering ("is weighing sanctions") and of
speech ("declined to comment") are not events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redline import tree
from redline.events import syntax
from redline.events.rules import arguments, codes, frames, threats
from redline.events.rules import recipients as recipients_module
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Frame, Token

MAX_DEPTH = 4  # wrappers inside wrappers ("said it was ready to agree to begin talks")
COMPLEMENT_PREPS = ("to", "on", "upon", "for", "of", "against", "about", "from", "with", "in", "into")


@dataclass(slots=True)
class SentenceState:
    """The frames of one sentence, what each codes (memoised) and the frames a wrapper has taken as content."""

    frames: dict[int, Frame]
    memo: dict[int, Coded | None] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Content:
    """A wrapper's complement: what kind it is, its token, its event (if it codes one) and clause flags."""

    what: str = ""  # frame, noun, clause, speech, consider ("" when there is no complement)
    token: Token | None = None
    coded: Coded | None = None
    classes: frozenset[str] = frozenset()
    future: bool = False
    negated: bool = False


def evaluate(kit: Kit, frame: Frame, state: SentenceState, depth: int = 0) -> Coded | None:
    """The event a frame codes (a plain one, or a wrapper over its complement), memoised per token."""
    key = frame.token.i
    if key in state.memo:
        return state.memo[key]
    state.memo[key] = None  # guards against cycles in odd parses
    result = wrap(kit, frame, state, depth) if frame.entry.wrap is not None else frames.plain(kit, frame)
    state.memo[key] = result
    return result


def wrap(kit: Kit, frame: Frame, state: SentenceState, depth: int) -> Coded | None:
    """One event at the wrapper, recoded from its complement; the wrapper's subject acts."""
    entry, token = frame.entry, frame.token
    kind = entry.wrap or ""
    force = {"request": "demand", "appeal": "appeal"}.get(kind, "")
    if entry.pos == "noun" and not (token.dep_ == "dobj" and token.head.lemma_.lower() in kit.words("signal_verbs")):
        return None  # "its readiness to talk" counts only when signalled, expressed, confirmed ...
    if kind == "appeal" and kit.appeals:
        kind = "request"
    content = _content(kit, frame, kind, state, depth)
    if content is None:
        return None
    if kind in ("refuse", "request") and _denies_fact(kit, token, content):
        return None
    if kind in ("appeal", "request") and _a_question(kit, token, content):
        return None
    if "complement" in entry.needs and content.token is None:
        return None
    if kind == "allege":
        row: dict[str, Any] = {}
        result_type, result_mode, keep = entry.type, entry.mode, False
    else:
        found_row = _row(kit, kind, token, content, state)
        if found_row is None:
            return None
        row = found_row
        keep = bool(row.get("keep")) or bool(row.get("keep_self"))
        result_type, result_mode = row.get("type"), row.get("mode")
        if row.get("keep_self"):
            result_type, result_mode = entry.type, entry.mode
    if keep and content.coded is not None and kind != "allege":
        inner = content.coded
        inner.negated = inner.negated or bool(row.get("negate"))
        inner.future = inner.future or content.future
        inner.rule.append(f"under {entry.name}")
        if kind == "future" or content.future:
            inner.future = True
        return inner
    if result_type is None:
        return None
    if kind == "intent" and content.what == "clause" and content.coded is None:
        return None  # "agreed (that) there was a need ...": agreeing with an opinion, not to an act
    if result_mode == "from_content":
        result_mode = derived_mode(kit, kind, content.coded, content.token if content.what == "noun" else None)
    coded = _wrapped(kit, frame, kind, row, content, result_type, result_mode)
    if coded is not None and kind == "intent" and content.coded is not None:
        codes.promise(kit, coded, content.coded)  # "agreed to lift the curfew": CAMEO's intent to yield
    if coded is not None and coded.type == "REQUEST":
        coded.force = force
    return coded


def _denies_fact(kit: Kit, token: Token, content: Content) -> bool:
    """ "denied that its troops crossed", "denied supplying drones": a denial of a fact (a that-clause or a
    gerund) is no refusal of anything (CAMEO's "deny responsibility", no PLOVER event); "denied *them entry*"
    and "denied the request" still refuse."""
    if token.lemma_.lower() not in kit.deny_lemmas or content.token is None:
        return False
    for obj in syntax.children(token, "dobj"):
        intended = syntax.children(obj, "acl") + [g for p in syntax.children(obj, "prep") for g in p.children]
        denial = token.lemma_.lower() == "deny" or any(c.pos_ in ("VERB", "AUX") for c in intended)
        if obj.lemma_.lower() in syntax.INTENT_NOUNS and denial:
            return True  # "denies any plan to invade": a denied intention ("rejected a peace plan" refuses one)
    clause = syntax.first_child(token, "ccomp")
    if clause is None:
        clause = next((c for c in token.children if c.dep_ in ("xcomp", "pcomp") and c.tag_ == "VBG"), None)
    return clause is not None and any(tree.same(content.token, t) for t in clause.subtree)


def _wrapped(
    kit: Kit, frame: Frame, kind: str, row: dict[str, Any], content: Content, result_type: str, result_mode: Any
) -> Coded | None:
    """The wrapper's own event, with its actor and recipients."""
    entry, token = frame.entry, frame.token
    actor, how = arguments.subject(kit, token)
    if how == "passive" and token.lemma_.lower() not in kit.words("stance_passives"):
        actor, how = None, ""  # "was accused of ...": the subject is the one accused
    if kind == "unacceptable":
        judged = actor
        actor, how = _evaluator(kit, token)
        party = _judged_party(kit, judged) if judged is not None else None
        recipients: list[Token] | None = [party] if party is not None and not tree.same(party, actor) else []
    else:
        recipients = _wrapper_recipients(kit, frame, kind, row, content, actor)
    inner_placed = content.coded is not None and content.coded.type in recipients_module.PLACED_TYPES
    if recipients is not None and not recipients and (result_type in recipients_module.PLACED_TYPES or inner_placed):
        # "lifted a curfew in Montenegro"; "threatened to impose a curfew in Algiers": the threat aims at the place
        if result_type in recipients_module.PLACED_TYPES or content.coded is None:
            place = recipients_module.place_target(token, content.token, result_type)
        else:
            place = recipients_module.place_target(content.coded.head, content.coded.last, content.coded.type)
        recipients = [place] if place is not None else []
    if recipients is None or ("recipient" in entry.needs and not recipients):
        return None
    inner = content.coded
    rule = [entry.name]
    if inner is not None:
        rule.append(f"[{inner.type}{':' + inner.mode if inner.mode else ''} {' '.join(inner.rule[:1])}]")
    elif content.classes:
        rule.append(f"[{'/'.join(sorted(content.classes))}]")
    last = inner.first if inner is not None else (content.token if content.token is not None else token)
    conf = entry.conf
    if inner is not None:
        conf = min(kit.weight("wrapper_cap"), (entry.conf + inner.conf) / 2 + kit.weight("wrapper_bonus"))
    return Coded(
        type=result_type,
        mode=result_mode or None,
        head=token,
        first=token,
        last=last,
        rule=rule,
        conf=conf,
        actor=actor,
        actor_how=how,
        recipients=recipients,
        reciprocal=entry.reciprocal and _mutual_wrapper(kit, frame, recipients),
        future=content.future and result_type not in ("AGREE", "ACCUSE"),
        context=set(entry.context) | (inner.context if inner is not None else set()),
        classes=content.classes,
        content_head=content.token,
        content_actor=inner.actor if inner is not None and inner.actor_how in ("subj", "agent") else None,
        speaker_acts=kind == "unacceptable" and actor is None,
    )


def _a_question(kit: Kit, token: Token, content: Content) -> bool:
    """ "asked how Washington would react", "Asked about the pipeline, he said ...": a question (or the speaker
    being asked one) requests nothing."""
    if token.lemma_.lower() not in kit.words("question_verbs"):
        return False
    if token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and syntax.first_child(token, "nsubj") is None:
        return True  # a passive participle: the one asked is the sentence's subject, the asker unnamed
    return content.token is not None and syntax.is_question_clause(content.token)


def _evaluator(kit: Kit, token: Token) -> tuple[Token | None, str]:
    """Who finds something unacceptable: "unacceptable *to Moscow*", else nobody in the clause (the one whose
    statement it is: the speaker the sentence reports)."""
    for prep in ("to", "for"):
        target = syntax.prep_object(token, prep)
        party = arguments.actorish(kit, target) if target is not None else None
        if party is not None:
            return party, "subj"
    return None, ""


def _judged_party(kit: Kit, judged: Token) -> Token | None:
    """The party whose act or stance is found unacceptable: the doer of an act ("any eastward *movement of
    NATO*", "*Ukraine's* membership", "*US* deployments"), or a party named itself."""
    doer, _ = arguments.noun_actor(judged)
    if doer is not None:
        return arguments.actorish(kit, doer)
    party = arguments.actorish(kit, judged) or arguments.act_doer(kit, judged)  # "sanctions imposed *by X*"
    if party is None and (inner := syntax.prep_object(judged, "of")) is not None:
        party = arguments.actorish(kit, inner)  # "the deployment of *US missiles*": whoever deploys them
    return party


def _mutual_wrapper(kit: Kit, frame: Frame, recipients: list[Token]) -> bool:
    """A reciprocal wrapper ("agree") is mutual only with a party of its own ("X agreed *with Y* to ...", "X and
    Y agreed to ..."): "the union agreed to resume talks *with the ministry*" is the union's agreement alone,
    the ministry being the other side of the talks, not of the agreeing."""
    return not recipients or bool(arguments.recipients(kit, frame, frame.entry.recipient))


def _content(kit: Kit, frame: Frame, kind: str, state: SentenceState, depth: int) -> Content | None:
    """The complement of a wrapper, coded; None when the complement cancels the wrapper (an option considered,
    a comment refused)."""
    entry, token = frame.entry, frame.token
    complement = _complement(kit, frame, state.frames, xcomp_only="complement" in entry.needs)
    if complement is None:
        return Content()
    what, target, future, negated = complement
    content = Content(what=what, token=target, future=future, negated=negated)
    clause = tree.climb(target, lambda c: c.head.i != token.i, limit=8)
    if clause.head.i == token.i:
        for inner in clause.subtree:
            if inner.i in state.frames and inner.i != token.i and inner.i != target.i:
                state.consumed.add(inner.i)
    if what == "consider":
        return None
    if what == "frame" and depth < MAX_DEPTH:
        state.consumed.add(target.i)
        content.coded = evaluate(kit, state.frames[target.i], state, depth + 1)
        if content.coded is not None:
            content.classes = content.coded.classes
    elif what == "noun":
        content.coded, content.classes = noun_content(kit, target)
    elif what == "speech" and kind in ("refuse", "fail"):
        return None
    return content


def _class_row(kit: Kit, table: Any, found: frozenset[str]) -> dict[str, Any] | None:
    for name in kit.lexicon.classes:
        if name in found and name in table.by_class:
            return table.by_class[name]
    return None


def _row(kit: Kit, kind: str, token: Token, content: Content, state: SentenceState) -> dict[str, Any] | None:
    """The row of the wrapper table that recodes the complement (None: no event)."""
    table = kit.lexicon.wrappers[kind]
    inner = content.coded
    if kind == "intent" and "threat_response" in content.classes and not _threat_promised(kit, content.token):
        content.classes = content.classes - {"threat_response"}
    row = _class_row(kit, table, content.classes) if content.what == "noun" else None
    if kind == "warn" and _someone_else_s_act(kit, token, inner):
        return {"keep": True}  # "the US warned that Russia could invade": Russia's possible act, no US threat
    if row is None and inner is not None and not content.negated:
        row = table.by_type.get(inner.type)
    if row is None:
        row = _class_row(kit, table, content.classes)
    if inner is not None and content.negated and kind == "intent":
        if inner.type not in kit.types("material_conflict"):
            return None
        row = {"type": "AGREE"}  # "pledged not to attack"
    if row is None and inner is not None and content.negated and kind == "threat":
        row = {"type": "THREATEN", "mode": "relations"}
    if row is None and inner is not None and kind == "fail":  # "failed to condemn", "avoided condemning"
        inner.negated = not content.negated
        row = {"keep": True}
    if row is None and kind == "warn" and syntax.prep_object(token, "against") is not None:
        row = {"type": "THREATEN"}  # "warned the West against crossing its red lines"
        for prep in syntax.children(token, "prep"):
            if prep.lower_ == "against":
                state.consumed.update(t.i for t in prep.subtree if t.i in state.frames)
    if row is None:
        row = table.default if not (inner is not None and table.keep) else {"keep": True}
    return row


def _someone_else_s_act(kit: Kit, warner: Token, inner: Coded | None) -> bool:
    """Whether what is warned of is another named party's act: a warning about it, not a threat by the warner
    (who threatens only with its own acts, or acts it leaves unnamed: "warned of a military response")."""
    if inner is None or inner.actor is None or inner.actor_how != "subj" or inner.actor.pos_ == "PRON":
        return False
    if inner.actor.ent_type_ not in ("GPE", "ORG", "NORP", "PERSON"):
        return False  # "the bloc would reimpose tariffs", the EU commissioner warned: the warner's own side
    subject, _ = syntax.subject(warner)
    return subject is None or not tree.same(subject, inner.actor)


HOSTILE_TARGETS = frozenset({"sanction", "attack"})
ANSWERED_CLASSES = frozenset({"proposal", "demand", "draft_demands", "appeal_request"})


def _promised_noun(token: Token | None) -> tuple[Token | None, list[Token]]:
    """The noun a commitment names and the "to" phrases of it or of the verb that carries it: "promised to deliver
    written *answers* to Russia's proposals" (the verb "deliver" holds the "to")."""
    if token is None:
        return None, []
    noun = token if token.pos_ in ("NOUN", "PROPN") else syntax.direct_object(token)
    holders = [token] if noun is None else [noun, token if noun.i != token.i else noun.head]
    targets = [syntax.prep_object(holder, "to") for holder in holders]
    return noun, [target for target in targets if target is not None]


def _threat_promised(kit: Kit, token: Token | None) -> bool:
    """Whether a promised response is a threat: one by itself ("retaliation", "a military response", "severe
    consequences") or a response to a hostile act ("vowed a response to the sanctions"). "Agreed on measures to
    lower tensions" and "promised written answers to Russia's proposals" commit to cooperation."""
    noun, targets = _promised_noun(token)
    if noun is None or threats.is_threat_noun(kit, noun):
        return True  # no noun to judge: the class stands as the lexicon gives it
    return any(kit.lexicon.classes_of(target) & HOSTILE_TARGETS for target in targets)


def _proposal_author(kit: Kit, token: Token) -> Token | None:
    """Whose proposal or demand a promised reply answers: the author of the "to" phrase's noun."""
    for target in _promised_noun(token)[1]:
        if kit.lexicon.classes_of(target) & ANSWERED_CLASSES:
            author, _ = arguments.noun_actor(target)
            return arguments.actorish(kit, author) if author is not None else None
    return None


def _wrapper_recipients(
    kit: Kit, frame: Frame, kind: str, row: dict[str, Any], content: Content, actor: Token | None
) -> list[Token] | None:
    """Recipients of a wrapper's event: the pattern's, else the complement's ("refused to meet *Kyiv*");
    None when a call for action against someone names nobody."""
    inner = content.coded
    if row.get("against"):
        targets = [r for r in (inner.recipients if inner is not None else []) if not tree.same(r, actor)]
        return targets or None
    found = arguments.recipients(kit, frame, frame.entry.recipient)
    clause = _that_clause(frame.token) if not found and kind == "allege" else None
    if clause is not None:
        return _accused_doer(kit, clause, content, actor)
    if not found and inner is not None:
        found = [r for r in inner.recipients if not tree.same(r, actor)]
    # "agreed to supply coal *to China*": the complement names the party even when it codes no event itself
    holder = content.token if content.token is not None else syntax.first_child(frame.token, "xcomp")
    if not found and holder is not None and kind in ("intent", "refuse", "request", "threat"):
        for prep in ("to", "with", "against", "on"):
            target = syntax.prep_object(holder, prep)
            if target is None or tree.same(target, actor):
                continue
            party = arguments.actorish(kit, target)
            if party is not None:
                found = [party]
                break
    if not found and inner is not None and kind == "request" and inner.actor_how == "object":
        found = [inner.actor] if inner.actor is not None else []
    if not found and content.what == "noun" and content.token is not None:
        target = recipients_module.response_target(kit, frame.entry.type or "REJECT", content.token)
        found = [target] if target is not None and not tree.same(target, actor) else []
    promised = content.token if content.token is not None else syntax.first_child(frame.token, "xcomp")
    if not found and kind == "intent" and promised is not None:
        author = _proposal_author(kit, promised)  # "promised answers to *Russia's* proposals"
        found = [author] if author is not None and not tree.same(author, actor) else []
    if not found and kind == "request" and content.token is not None and content.what in ("frame", "clause"):
        subject, how = syntax.subject(content.token)  # "demanded that Hamas renounce ...": Hamas is asked
        party = arguments.actorish(kit, subject) if subject is not None and how == "subj" else None
        found = [party] if party is not None and not tree.same(party, actor) else []
    return found


def _that_clause(token: Token) -> Token | None:
    """The "that" clause a verb governs ("denounced *that the authorities blocked the convoys*"), or None."""
    return next((c for c in syntax.children(token, "ccomp") if syntax.first_child(c, "mark") is not None), None)


def _accused_doer(kit: Kit, clause: Token, content: Content, actor: Token | None) -> list[Token]:
    """ "Amnesty denounced *that Egyptian police had tortured detainees*": the one condemned is who did it (the
    clause's act's actor, else its subject), never the victims or the place of the act."""
    inner = content.coded
    inside = inner is not None and clause.left_edge.i <= inner.head.i <= clause.right_edge.i
    doer = inner.actor if inside and inner is not None else None
    if doer is None:
        subject, how = syntax.subject(clause)
        doer = arguments.actorish(kit, subject) if subject is not None and how == "subj" else None
    return [doer] if doer is not None and not tree.same(doer, actor) else []


def derived_mode(kit: Kit, kind: str, content: Coded | None, noun: Token | None = None) -> str | None:
    """The mode of a threat or demand from the act it is about ("threatened *sanctions*" -> restrict)."""
    if noun is not None and content is None and "threat_response" in kit.lexicon.classes_of(noun):
        return threats.threat_mode(kit, noun)
    if content is None:
        return None
    table_name = "threat_modes" if kind in ("intent", "threat", "warn") else "request_modes"
    table = kit.lexicon.cues.get(table_name, {})
    if content.mode and f"{content.type}:{content.mode}" in table:
        return table[f"{content.type}:{content.mode}"]
    if table_name == "threat_modes" and content.type == "ASSAULT" and "territory" in content.classes:
        return "territory"
    return table.get(content.type)


def _complement(
    kit: Kit, frame: Frame, frames_by_token: dict[int, Frame], *, xcomp_only: bool = False
) -> tuple[str, Token, bool, bool] | None:
    """The event a wrapper governs: ``(kind, token, future, negated)`` with kind frame, noun, speech, consider,
    or clause (a that-clause that is no event)."""
    token = frame.token
    candidates: list[Token] = list(syntax.children(token, "xcomp"))
    if xcomp_only:
        for candidate in candidates:
            found = _complement_of(kit, candidate, frames_by_token, future=False, depth=0)
            if found is not None:
                return found
        return ("clause", candidates[0], False, False) if candidates else None
    candidates += [
        child
        for child in syntax.children(token, "advcl")
        if syntax.is_to_infinitive(child) and not any(c.dep_ == "mark" for c in child.children)
    ]
    ccomps = syntax.children(token, "ccomp")
    candidates += ccomps
    # the object before any prepositional phrase: "cut food *aid* to the refugees" stops the aid, not refugees
    if frame.obj is not None:
        candidates.append(frame.obj)
    candidates += [child for child in syntax.children(token, "dobj") if not tree.same(child, frame.obj)]
    for prep in syntax.children(token, "prep"):
        if prep.lower_ in COMPLEMENT_PREPS:
            candidates += syntax.children(prep, "pcomp", "pobj")
    for candidate in candidates:
        found = _complement_of(kit, candidate, frames_by_token, future=False, depth=0)
        if found is not None:
            return found
    if ccomps:
        return "clause", ccomps[0], False, False
    return None


def _complement_of(
    kit: Kit, token: Token, frames_by_token: dict[int, Frame], *, future: bool, depth: int
) -> tuple[str, Token, bool, bool] | None:
    negated = syntax.negated(token, kit.negation)
    lemma = token.lemma_.lower()
    if token.i in frames_by_token:
        return "frame", token, future, negated
    if depth > 3:
        return None
    if syntax.is_verbal(token) or token.pos_ == "ADJ":
        if lemma in kit.speech_lemmas:
            return "speech", token, future, negated
        if lemma in kit.consider_lemmas:
            return "consider", token, future, negated
        if lemma in kit.future_lemmas or lemma in kit.aspect_lemmas or lemma in kit.words("light_verbs"):
            is_future = future or lemma in kit.future_lemmas
            inner = list(syntax.children(token, "xcomp", "ccomp", "dobj", "acomp", "attr"))
            for prep in syntax.children(token, "prep"):
                inner += syntax.children(prep, "pobj", "pcomp")
            for child in inner:
                found = _complement_of(kit, child, frames_by_token, future=is_future, depth=depth + 1)
                if found is not None:
                    return found
        for child in syntax.children(token, "dobj"):
            if frames.noun_event_classes(kit, child):
                return "noun", child, future, negated
        for child in syntax.children(token, "conj"):
            if child.i in frames_by_token:
                return "frame", child, future, negated
        return None
    if token.pos_ in ("NOUN", "PROPN") and frames.noun_event_classes(kit, token):
        return "noun", token, future, negated
    return None


def noun_content(kit: Kit, noun: Token) -> tuple[Coded | None, frozenset[str]]:
    """An event noun as a wrapper's content: "demanded *the withdrawal* of ...", "warned of *a response*"."""
    found_classes = frozenset(frames.classes(kit, noun) & set(kit.lexicon.classes))
    # "a proposal for a ceasefire", "calls for immediate economic aid", "an appeal to lay down arms"
    if found_classes & {"demand", "appeal_request", "proposal"}:
        nested = _requested(kit, noun)
        if nested is not None:
            return nested[0], found_classes | nested[1]
    found = frames.noun_type(kit, noun, found_classes)
    if found is None:
        return None, found_classes
    event_type, mode, name = found
    recipients = []
    for prep in ("of", "on", "against", "with", "to", "from", "into"):
        target = syntax.prep_object(noun, prep)
        if target is not None and syntax.is_actorish(target, kit.agent_words):
            recipients.append(target)
            break
    coded = Coded(
        type=event_type,
        mode=mode,
        head=noun,
        first=noun,
        last=noun,
        rule=[f"noun:{name}"],
        conf=kit.weight("noun_content"),
        recipients=recipients,
        classes=found_classes,
    )
    return coded, found_classes


def _requested(kit: Kit, noun: Token) -> tuple[Coded | None, frozenset[str]] | None:
    """What a demand, appeal or proposal noun asks for: its "for/of/to/on" event noun or its clause."""
    for prep in syntax.children(noun, "prep"):
        if prep.lower_ in ("for", "of", "to", "on"):
            for inner in syntax.children(prep, "pobj", "pcomp"):
                if frames.noun_event_classes(kit, inner):
                    return noun_content(kit, inner)
    for child in syntax.children(noun, "acl", "relcl"):
        frame = frames.match(kit, child)
        if frame is not None and frame.entry.wrap is None:
            content = frames.plain(kit, frame)
            if content is not None:
                return content, frozenset()
    return None
