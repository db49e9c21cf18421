"""Convert the public CAMEO verb dictionary and codebook into Redline's event data (run once; output committed).

Inputs (read from ``../shared``, never copied):

* ``data/petrarch2/CAMEO.2.0.txt`` — PETRARCH2's CAMEO verb pattern dictionary (MIT, Open Event Data Alliance);
* ``docs/cameo_codes_goldstein.csv`` — the CAMEO codebook with Goldstein scores (andybega/icews, MIT);
* ``gold/PLOVER_GSR_CAMEO.json`` and ``docs/PLOVER_MANUAL.tex`` — for the CAMEO -> PLOVER mapping.

Outputs (``src/redline/data/events/cameo/``):

* ``verbs.yaml`` — every verb block: its verbs (lemma, particles, irregular forms, own code) and its patterns
  (words after and before the verb, prepositional groups, where the target is, the CAMEO code or none);
* ``codes.yaml`` — every CAMEO code: name, root, Goldstein score and its PLOVER type and mode;
* ``LICENSE`` — the MIT notices of both sources and what was converted.

CAMEO -> PLOVER: the manual's table of cue categories (01 dropped; 02 appeals, which Redline codes as REQUEST when
appeals are on; 03 AGREE; 04 CONSULT; 05 SUPPORT; 06 COOPERATE; 07 AID; 081-083 CONCEDE, 084-087 RETREAT;
09 and 11 ACCUSE; 10 REQUEST; 12 REJECT; 13 THREATEN; 14 PROTEST; 15 MOBILIZE; 16 SANCTION; 17 COERCE; 18-20
ASSAULT). The PLOVER gold records are the CAMEO manual's own examples (the gold and the codebook share those
sentences): where one is the example of a code and has the same type, its mode is the code's mode. Where the gold
types the example otherwise it codes another event of the sentence (the gold example of 1124 "accuse of war
crimes" is coded for the prime minister's resignation), so the table stands; those codes are printed. One
reading follows the manual's mode definitions instead of the table: 191 "impose blockade, restrict movement" is
COERCE restrict ("restrict movement of people or goods ... blockades").

Usage: .venv/bin/python scripts/convert_cameo_verbs.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "redline" / "data" / "events" / "cameo"

ROOT_TYPES = {
    "01": None,
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT", "YIELD": "CONCEDE"}
# PLOVER v0.5 modes of the gold -> the v0.8 modes Redline scores (data/events/plover.yaml); others are dropped.
MODES = {
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "riot-org": "riot",
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "assassinate": "targeted",
    "confiscate": "seize",
    "ban": "restrict",
    "detain": "arrest",
    "host": "visit",
}
AUXILIARIES = {"is", "was", "be", "are", "were", "been", "has", "have", "had", "will", "would"}
GOLD_MATCH = 0.6  # word overlap (Jaccard) at which a gold record is taken as a codebook example
MANUAL_READINGS = {"191": ("COERCE", "restrict"), "055": ("CONCEDE", None)}
# 055 "apologize": the PLOVER manual codes expressions of regret as CONCEDE (its root, 05, is SUPPORT)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


# ------------------------------------------------------------------------------------------------ codes
def _mode(plover_type: str, mode: str | None, known: dict[str, set[str]]) -> str | None:
    if not mode:
        return None
    mode = MODES.get(mode, mode)
    return mode if mode in known.get(plover_type, set()) else None


def _root_type(code: str) -> str | None:
    if code.startswith("08"):
        return "CONCEDE" if len(code) == 2 or code[:3] in ("080", "081", "082", "083") else "RETREAT"
    return ROOT_TYPES.get(code[:2])


def convert_codes(shared: Path, known_modes: dict[str, set[str]]) -> dict[str, dict[str, Any]]:
    """Every CAMEO code with name, root, Goldstein score and its PLOVER reading."""
    with (shared / "docs" / "cameo_codes_goldstein.csv").open(encoding="utf-8", errors="replace") as handle:
        rows = list(csv.DictReader(handle))
    records = json.loads((shared / "gold" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    gold = [r for r in records if r.get("text")]
    gold_words = [(_words(r["text"]), r) for r in gold]
    codes: dict[str, dict[str, Any]] = {}
    for row in rows:
        code = row["code"].strip()
        plover_type, mode, how = _root_type(code), None, "manual"
        example = row.get("example") or ""
        if example and example != "NA" and plover_type is not None:
            words = _words(example)
            best = max(gold_words, key=lambda g: len(words & g[0]) / max(1, len(words | g[0])))
            overlap = len(words & best[0]) / max(1, len(words | best[0]))
            if overlap >= GOLD_MATCH:
                gold_type = RENAMED.get(best[1]["event"], best[1]["event"])
                if gold_type == plover_type:
                    mode, how = _mode(gold_type, best[1].get("mode"), known_modes), "manual+gold mode"
                else:
                    print(f"  {code} {row['name']!r}: table {plover_type}, its gold example coded {gold_type}")
        if code in MANUAL_READINGS:
            plover_type, mode = MANUAL_READINGS[code]
            how = "manual mode definition"
        if plover_type == "ASSAULT" and code.startswith("20"):
            mode = "unconventional"
        if plover_type == "ACCUSE" and code.startswith("09"):
            mode = "investigate"
        codes[code] = {
            "name": row["name"].strip(),
            "root": row["root_code"].strip(),
            "goldstein": float(row["goldstein"]),
            "plover": plover_type,
            "mode": mode,
            "appeal": code.startswith("02"),
            "from": how,
        }
    return codes


# ------------------------------------------------------------------------------------------------ verbs
def _synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.split()[0][1:].rstrip("_")
            sets[current] = []
        elif text.startswith("+") and current is not None:
            sets[current].append(text[1:].strip().rstrip("_").lower().replace("_", " "))
        elif not text:
            continue
        else:
            current = None
    return sets


def _code(text: str) -> str | None:
    """The CAMEO code of a pattern or verb: ``[042]``, ``[042:043]`` (the source's code first), ``[---]`` none;
    ``[:173]`` (only the target's code: the subject undergoes the act) is returned as ``:173``."""
    found = re.search(r"\[([^\]]*)\]", text)
    if not found:
        return None
    source, _, target = found[1].partition(":")
    source, target = source.strip().rstrip("!?"), target.strip().rstrip("!?")
    if source.startswith("-"):
        return None
    if not source and target:
        return ":" + target
    return source or None


def _verb(line: str) -> dict[str, Any] | None:
    """A verb line: ``[+]WORD[_PARTICLE] {forms} [code]``."""
    text = line.split("#", 1)[0].strip()
    code_text = re.search(r"\[[^\]]*\]", text)
    own = _code(text) if code_text else None
    null = bool(code_text) and own is None
    text = re.sub(r"\[[^\]]*\]", "", text)
    forms_text = re.search(r"\{([^}]*)\}", text)
    text = re.sub(r"\{[^}]*\}", "", text).strip()
    if not text:
        return None
    words = text.lstrip("+").lower().split("_")
    words = [w for w in words if w]
    if not words or words[0] in AUXILIARIES:
        return None
    verb: dict[str, Any] = {"lemma": words[0]}
    if len(words) > 1:
        verb["prt"] = words[1:]
    forms = []
    if forms_text:
        for form in re.split(r"[\s,]+", forms_text[1]):
            form = form.strip().lstrip("+").lower()
            if form:
                forms.append(form.split("_")[0])
    forms = sorted({f for f in forms if f != words[0]})
    if forms:
        verb["forms"] = forms
    if own:
        verb["code"] = own.lstrip(":")
    if null:
        verb["code"] = None
    return verb


def _slot(word: str, synsets: dict[str, list[str]]) -> list[str]:
    word = word.strip().rstrip("_")
    if word.startswith("&"):
        return sorted({w.split()[-1] for w in synsets.get(word[1:], [])})
    return [word.lower()]


def _phrase(tokens: list[str], synsets: dict[str, list[str]]) -> tuple[list[list[str]], list[dict[str, Any]], str]:
    """Slots (alternative words, each required), prepositional groups and the target spec of a pattern side."""
    slots: list[list[str]] = []
    groups: list[dict[str, Any]] = []
    target = ""
    depth_words: list[str] | None = None
    for raw in tokens:
        token = raw.strip("{}")
        if not token:
            continue
        if raw.startswith("("):
            depth_words = [raw[1:]]
            if raw.endswith(")"):
                depth_words[-1] = depth_words[-1][:-1]
                groups.append(_group(depth_words, synsets))
                if "+" in depth_words:
                    target = depth_words[0].lower()
                depth_words = None
            continue
        if depth_words is not None:
            closing = raw.endswith(")")
            depth_words.append(raw.rstrip(")").strip("{}"))
            if closing:
                groups.append(_group(depth_words, synsets))
                if "+" in depth_words:
                    target = depth_words[0].lower()
                depth_words = None
            continue
        if token in ("+",):
            target = target or "dobj"
            continue
        if token in ("$", "%") or token.startswith("*"):
            continue
        alternatives = _slot(token, synsets)
        if alternatives:
            slots.append(alternatives)
    return slots, groups, target


def _group(words: list[str], synsets: dict[str, list[str]]) -> dict[str, Any]:
    prep = words[0].lower().strip("{}")
    inner = [w for w in words[1:] if w and w not in ("+", "$", "%")]
    return {"prep": prep, "words": [s for w in inner if (s := _slot(w.strip("{}"), synsets))]}


def _pattern(line: str, synsets: dict[str, list[str]]) -> dict[str, Any] | None:
    text = line.split("#", 1)[0].strip()[1:]
    code = _code(text)
    text = re.sub(r"\[[^\]]*\]", "", text)
    if "*" not in text:
        return None
    before_text, after_text = text.split("*", 1)
    before, before_groups, _ = _phrase(before_text.split(), synsets)
    after, groups, target = _phrase(after_text.split(), synsets)
    pattern: dict[str, Any] = {"code": code.lstrip(":") if code else None}
    if code and code.startswith(":"):
        pattern["undergoes"] = True  # the subject is the recipient ("X appeared before the court")
    if after:
        pattern["after"] = after
    if groups:
        pattern["groups"] = groups
    if before:
        pattern["before"] = before
    if before_groups:
        pattern["groups"] = groups + before_groups
    if target:
        pattern["target"] = target
    if not (after or groups or before):
        return None
    return pattern


def convert_verbs(shared: Path) -> list[dict[str, Any]]:
    """Verb blocks of the dictionary: name, default code, verbs, patterns."""
    lines = (shared / "data" / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    synsets = _synsets(lines[:start])
    blocks: list[dict[str, Any]] = []
    for line in lines[start + 1 : end]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("---"):
            name = stripped.strip("- ").split("[")[0].strip()
            code = _code(stripped)
            blocks.append({"name": name, "code": code.lstrip(":") if code else None, "verbs": [], "patterns": []})
        elif stripped.startswith("- ") and blocks:
            pattern = _pattern(stripped, synsets)
            if pattern is not None:
                blocks[-1]["patterns"].append(pattern)
        elif blocks:
            verb = _verb(stripped)
            if verb is not None:
                blocks[-1]["verbs"].append(verb)
    return [b for b in blocks if b["verbs"]]


UNLISTED_MODES = {"176": ("COERCE", "cyber")}  # CAMEO 176 "attack cybernetically", added after the codebook


def add_unlisted(codes: dict[str, dict[str, Any]], blocks: list[dict[str, Any]]) -> None:
    """Codes the dictionary uses but the codebook lacks: named as such, scored like their nearest parent."""
    used = {b.get("code") for b in blocks}
    used |= {p.get("code") for b in blocks for p in b["patterns"]}
    used |= {v.get("code") for b in blocks for v in b["verbs"]}
    for code in sorted(c for c in used if c and c not in codes):
        parent = next((code[:n] for n in (3, 2) if code[:n] in codes), None)
        base = codes[parent] if parent else {"goldstein": 0.0, "plover": _root_type(code), "mode": None}
        plover, mode = UNLISTED_MODES.get(code, (base["plover"], None))
        print(f"  {code}: not in the codebook; scored as {parent}")
        codes[code] = {
            "name": f"(not in the codebook; under {parent})",
            "root": code[:2],
            "goldstein": base["goldstein"],
            "plover": plover,
            "mode": mode,
            "appeal": code.startswith("02"),
            "from": "parent code",
        }


LICENSE_HEADER = """Data in this folder is converted by scripts/convert_cameo_verbs.py from two MIT-licensed sources.

verbs.yaml: from CAMEO.2.0.txt, the CAMEO verb pattern dictionary of PETRARCH2
(https://github.com/openeventdata/petrarch2), a composite of the TABARI CAMEO dictionaries and WordNet synonym
sets. Its notice: "Copyright (c) 2015 Open Event Data Alliance"; the repository's LICENSE: "Copyright (c) 2014
Open Event Data". Dictionary development was funded by the U.S. National Science Foundation (grants listed in the
original file).

codes.yaml: code names, root codes and Goldstein scores from cameo-codes.csv of andybega/icews
(https://github.com/andybega/icews, data-raw/cameo-codes.csv), MIT; example sentences were not copied. The PLOVER
type of each code follows the PLOVER manual's CAMEO translation table (openeventdata/PLOVER).

Both licences are the MIT License:

"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    shared = Path(args.shared)
    plover = yaml.safe_load((ROOT / "src" / "redline" / "data" / "events" / "plover.yaml").read_text(encoding="utf-8"))
    known_modes = {name: set((spec.get("modes") or {}).keys()) for name, spec in plover["types"].items()}
    print("CAMEO codes whose gold example codes another event (the table stands):")
    codes = convert_codes(shared, known_modes)
    blocks = convert_verbs(shared)
    add_unlisted(codes, blocks)
    OUT.mkdir(parents=True, exist_ok=True)
    generated = "# Generated by scripts/convert_cameo_verbs.py from {} (MIT; see LICENSE). Do not edit.\n"
    with (OUT / "verbs.yaml").open("w", encoding="utf-8") as handle:
        handle.write(generated.format("PETRARCH2's CAMEO.2.0.txt"))
        options = {"sort_keys": False, "allow_unicode": True, "width": 120}
        yaml.safe_dump({"blocks": blocks}, handle, default_flow_style=None, **options)
    with (OUT / "codes.yaml").open("w", encoding="utf-8") as handle:
        handle.write(generated.format("andybega/icews cameo-codes.csv"))
        yaml.safe_dump({"codes": codes}, handle, sort_keys=False, allow_unicode=True, width=120)
    licence = (shared / "data" / "petrarch2" / "LICENSE").read_text(encoding="utf-8")
    (OUT / "LICENSE").write_text(LICENSE_HEADER + licence, encoding="utf-8")
    patterns = sum(len(b["patterns"]) for b in blocks)
    verbs = sum(len(b["verbs"]) for b in blocks)
    print(f"{len(blocks)} verb blocks, {verbs} verbs, {patterns} patterns; {len(codes)} codes -> {OUT}")


if __name__ == "__main__":
    main()
