"""CAMEO codes of coded events: the code GDELT and ICEWS users compare with.

CAMEO separates what PLOVER folds into one type: a promise of a material act is its own verbal code ("agreed to
lift the curfew", 0351, next to "lifted the curfew", 0813), and a demand is not an appeal ("demanded the release",
1053, next to "urged the release", 0253). The coder keeps PLOVER's type and records which of these it saw.
"""

from __future__ import annotations

from redline.events import syntax
from redline.events.cameo import CameoCode
from redline.events.rules import frames
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded

PROMISABLE = frozenset({"CONCEDE", "RETREAT", "AID", "COOPERATE"})
"""Material cooperation a promise can commit to (PLOVER: a promised concession stays CONCEDE, a promised retreat
is CONCEDE, promised aid or cooperation AGREE)."""


def cameo_code(kit: Kit, item: Coded) -> CameoCode | None:
    """The CAMEO code of an event: its own code, read as the promise of the act when it is one, and as a demand
    or an appeal as its verb asks."""
    code = own_code(kit, item)
    promised = item.promised or (item.future and item.type in PROMISABLE)
    if promised:
        intended = kit.cameo.intent(item.promised_code or (code.code if code is not None else None))
        if intended is not None:
            return intended
    if code is not None and item.force:
        return kit.cameo.with_force(code, item.force)
    return code


def own_code(kit: Kit, item: Coded) -> CameoCode | None:
    """The dictionary's code for the trigger when that code reads as the event's PLOVER type (and mode), else the
    most general code of the type and mode."""
    candidates: list[str | None] = [item.cameo]
    if syntax.is_verbal(item.head):
        found = kit.cameo.match(item.head, frames.lemmas(item.head))
        candidates.append(found.code if found is not None else None)
    for candidate in candidates:
        code = kit.cameo.code(candidate)
        if code is not None and code.plover == item.type and (item.mode is None or code.mode in (None, item.mode)):
            return code
    return kit.cameo.default(item.type, item.mode)


def promise(kit: Kit, item: Coded, act: Coded | None = None) -> None:
    """Mark ``item`` as the promise of ``act`` (default: of itself, before PLOVER's future rules retype it), when
    that act is material cooperation."""
    promised = act if act is not None else item
    if promised.type not in PROMISABLE or promised.negated:
        return
    own = own_code(kit, item) if act is None else cameo_code(kit, act)
    item.promised = True
    item.promised_code = own.code if own is not None else None
