"""Grouping matched pieces into mentions: "Russian" + "Deputy Foreign Minister" + "Sergei Ryabkov" is one mention.

Pieces join when nothing but modifiers ("top", "new") stands between them, or a possessive ("Russia's
minister"), or "of" after a title ("the head of the Russian delegation"); never across a line break, so headlines
and bylines stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from redline.actors.matching import Comp
from redline.actors.tokens import Tok
from redline.actors.words import MODIFIERS, NATION, PERSONISH, TITLE


@dataclass(slots=True)
class Group:
    """Adjacent pieces read as one mention; ``of_at`` is the index of the first piece after "of"."""

    comps: list[Comp]
    of_at: int | None = None

    @property
    def i(self) -> int:
        return self.comps[0].i

    @property
    def j(self) -> int:
        return self.comps[-1].j

    def kinds(self) -> set[str]:
        return {c.kind for c in self.comps}

    def names_someone(self) -> bool:
        return any(c.kind in PERSONISH for c in self.comps)


def group(toks: list[Tok], comps: list[Comp], text: str) -> list[Group]:
    """Adjacent pieces joined into mentions (never across a line break: headlines and bylines stay apart)."""
    groups: list[Group] = []
    for comp in comps:
        if comp.kind == "region":
            continue
        if groups:
            current = groups[-1]
            prev = current.comps[-1]
            gap = [t.key for t in toks[prev.j : comp.i]]
            broken = "\n" in text[toks[prev.j - 1].end : toks[comp.i].start]
            how = False if broken else _joins(current, prev, comp, gap)
            if how:
                if how == "of" and current.of_at is None:
                    current.of_at = len(current.comps)
                current.comps.append(comp)
                continue
        groups.append(Group([comp]))
    return groups


def _joins(current: Group, prev: Comp, comp: Comp, gap: list[str]) -> str | bool:
    pk, ck = prev.kind, comp.kind
    if pk in PERSONISH or pk == "uorg":
        return False
    core = [g for g in gap if g not in MODIFIERS]
    if core in (["'s"], ["'"]):
        return pk in NATION and (ck in TITLE or ck in PERSONISH or ck in ("institution", "uorg"))
    if core in (["of"], ["of", "the"]):
        return "of" if pk in TITLE and ck in NATION and current.of_at is None else False
    if core:
        return False
    if pk == "former":
        return ck in TITLE or ck in PERSONISH or ck in NATION
    if pk in NATION:
        if ck in TITLE or ck in PERSONISH:
            return True
        if ck in ("institution", "uorg") or (ck in ("org", "metonym") and (comp.entry.body or comp.entry.generic)):
            return pk not in ("org", "institution")
        return False
    if pk in TITLE:
        if gap and ck not in TITLE:
            return ck in PERSONISH
        return ck in TITLE or ck in PERSONISH or (ck in ("institution", "org") and pk == "role")
    return False
