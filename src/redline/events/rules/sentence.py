"""One sentence: frames found, wrappers recoded, unasserted events filtered, speech acts added, flags set, and
one event kept per clause (the most confident)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redline.events.rules import build, filters, flags, frames, speech, verbal, wrappers
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded
from redline.records import Quote


def code_sentence(kit: Kit, sent: Any, quotes: Sequence[Quote]) -> list[Coded]:
    """The events a sentence asserts, before their actors are resolved."""
    state = wrappers.SentenceState(frames=frames.frames_of(kit, sent))
    for index in sorted(state.frames):
        wrappers.evaluate(kit, state.frames[index], state)
    coded = [state.memo[i] for i in sorted(state.memo) if i not in state.consumed]
    coded = [item for item in coded if item is not None and filters.asserted(kit, item, state.frames)]
    coded = [item for item in coded if not speech.to_blame(item.head)]  # its speaker accuses (speech acts)
    coded = [item for item in coded if not speech.laid_on_someone(kit, item, quotes)]  # likewise
    coded += speech.speech_acts(kit, sent, coded, quotes)
    for item in coded:
        verbal.recode_verbal_attack(kit, item)
        flags.set_flags(kit, item, quotes)
    return build.one_per_clause(coded)
