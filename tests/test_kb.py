"""The knowledge base: shipped data loads, covers what it promises, and user files merge or fail clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from redline import kb as kb_module
from redline.errors import KnowledgeBaseError
from redline.kb import ENV_VAR, default_kb, fold, load_kb, parse_day, phrase_key, tokenize

RESOURCES = Path(__file__).resolve().parent / "resources"
COVERED = ["USA", "RUS", "CHN", "GBR", "FRA", "UKR", "DEU", "POL", "EST", "LVA", "LTU", "BLR"]
EUROPE = ["ALB", "AND", "AUT", "BEL", "BGR", "BIH", "BLR", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN",
          "FRA", "GBR", "GRC", "HRV", "HUN", "IRL", "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MCO", "MDA", "MKD",
          "MLT", "MNE", "NLD", "NOR", "POL", "PRT", "ROU", "RUS", "SMR", "SRB", "SVK", "SVN", "SWE", "UKR", "VAT",
          "TUR", "GEO", "ARM", "AZE"]  # fmt: skip


@pytest.fixture(scope="module")
def kb():
    return load_kb(env=False)


def test_every_iso_country_is_loaded_with_extra_codes(kb):
    assert {c.alpha_3 for c in pycountry.countries} <= set(kb.countries)
    assert {"KOS", "WST", "SUN"} <= set(kb.countries)
    assert kb.countries["RUS"].name == "Russia"
    assert kb.countries["PRI"].part_of == "USA"


@pytest.mark.parametrize("code", [*EUROPE, "USA", "CHN", "ISR", "IRN", "IRQ", "SYR", "SAU", "JPN", "IND", "PAK"])
def test_european_and_major_states_have_adjectives_and_capitals(kb, code):
    country = kb.countries[code]
    assert country.adjectives, code
    assert code in {"BEL", "SMR", "MCO", "VAT", "SGP"} or country.capital, code


@pytest.mark.parametrize(
    ("phrase", "kind", "code"),
    [("Britain", "country", "GBR"), ("US", "country", "USA"), ("U.S.", "country", "USA"),
     ("Belarusian", "demonym", "BLR"), ("Kyiv", "metonym", "UKR"), ("Kiev", "metonym", "UKR"),
     ("the Kremlin", "metonym", "RUS"), ("the Pentagon", "metonym", "USA"), ("Downing Street", "metonym", "GBR"),
     ("the Elysee", "metonym", "FRA"), ("Western", "demonym", "WST")],
)  # fmt: skip
def test_overlay_phrases_are_in_the_lexicon(kb, phrase, kind, code):
    keys = phrase_key(phrase)
    found = [e for n, entries in kb.lookup(keys, 0) if n == len(keys) for e in entries]
    assert any(e.kind == kind and e.country == code for e in found), found


@pytest.mark.parametrize("code", COVERED)
def test_leaders_foreign_and_defence_ministers_2014_to_now(kb, code):
    """Every covered state has a head of state or government, foreign and defence minister on each sampled day."""
    days = [dt.date(year, month, 1) for year in range(2014, 2026) for month in (1, 6)] + [dt.date(2025, 12, 1)]
    for day in days:
        assert kb.holders(code, "foreign-minister", day), (code, day)
        assert kb.holders(code, "defence-minister", day), (code, day)
        assert any(kb.holders(code, office, day) for office in ("president", "prime-minister", "chancellor")), day


@pytest.mark.parametrize(
    ("country", "office", "day", "name"),
    [("NATO", "secretary-general", "2014-09-30", "Anders Fogh Rasmussen"),
     ("NATO", "secretary-general", "2014-10-01", "Jens Stoltenberg"),
     ("NATO", "secretary-general", "2024-10-01", "Mark Rutte"),
     ("UN", "secretary-general", "2016-06-01", "Ban Ki-moon"),
     ("UN", "secretary-general", "2022-06-01", "António Guterres"),
     ("EU", "high-representative", "2022-06-01", "Josep Borrell"),
     ("EU", "high-representative", "2025-06-01", "Kaja Kallas"),
     ("DEU", "chancellor", "2021-06-01", "Angela Merkel"),
     ("DEU", "chancellor", "2022-06-01", "Olaf Scholz"),
     ("DEU", "chancellor", "2025-06-01", "Friedrich Merz"),
     ("USA", "foreign-minister", "2021-12-20", "Antony Blinken"),
     ("USA", "foreign-minister", "2025-06-01", "Marco Rubio"),
     ("GBR", "prime-minister", "2022-10-01", "Liz Truss"),
     ("UKR", "defence-minister", "2022-03-01", "Oleksii Reznikov")],
)  # fmt: skip
def test_office_holders_by_date(kb, country, office, day, name):
    holders = kb.holders(country, office, dt.date.fromisoformat(day))
    assert [p.name for p, _ in holders][:1] == [name]


def test_eu_presidents_are_told_apart_by_body(kb):
    day = dt.date(2021, 12, 20)
    assert kb.holders("EU", "president", day, "european-commission")[0][0].name == "Ursula von der Leyen"
    assert kb.holders("EU", "president", day, "european-council")[0][0].name == "Charles Michel"


def test_every_dev_corpus_person_is_known(kb):
    for name in ["Konstantin Gavrilov", "Sergei Ryabkov", "Maria Zakharova", "Vladimir Putin", "Joe Biden",
                 "Jake Sullivan", "Donald Trump", "Dmitry Peskov", "Yuri Ushakov", "Alexander Grushko",
                 "Alexander Lukashevich", "Wendy Sherman", "Antony Blinken", "Lloyd Austin", "Ned Price",
                 "John Kirby", "Jen Psaki", "Olaf Scholz", "Annalena Baerbock", "Emmanuel Macron", "Zbigniew Rau",
                 "Volodymyr Zelensky", "Dmytro Kuleba", "Oleksii Reznikov", "Sergei Shoigu", "Sergei Lavrov",
                 "Valery Gerasimov", "Alexander Lukashenko", "Josep Borrell", "Ursula von der Leyen",
                 "Charles Michel", "Jens Stoltenberg"]:  # fmt: skip
        assert kb.person(name) is not None, name


def test_roles_are_ordered_and_dated(kb):
    for person in kb.people.values():
        starts = [r.start for r in person.roles if r.start]
        assert starts == sorted(starts), person.id
        for role in person.roles:
            assert role.sector in kb.sectors, (person.id, role.title)
            assert role.end is None or role.start is None or role.start <= role.end


def test_person_lookup_by_id_name_alias_and_unique_surname(kb):
    assert kb.person("lavrov-sergei").name == "Sergei Lavrov"
    assert kb.person("Sergej Lawrow").id == "lavrov-sergei"
    assert kb.person("Zelensky").id == "zelensky-volodymyr"
    assert kb.person("Nobody Atall") is None


def test_tokens_and_keys_fold_accents_possessives_and_abbreviations():
    assert [t for t, _, _ in tokenize("Russia’s U.S.-led d'Orsay")] == ["Russia", "’s", "U.S.", "-", "led", "d'Orsay"]
    assert phrase_key("Zajárova") == ("zajarova",)
    assert fold("Łukasz Błaszczak") == "lukasz blaszczak"


def test_parse_day_reads_iso_dates_and_prefixes():
    assert parse_day("2021-12-20T15:16:00Z") == dt.date(2021, 12, 20)
    assert parse_day("2021-12") == dt.date(2021, 12, 1)
    assert parse_day("2021") == dt.date(2021, 1, 1)
    assert parse_day("last Tuesday") is None
    assert parse_day(None) is None


def test_user_file_adds_people_institutions_and_roles():
    kb = load_kb([RESOURCES / "actors_extension.yaml"], env=False)
    sobyanin = kb.person("Sergey Sobyanin")
    assert sobyanin is not None and sobyanin.roles[0].title == "Mayor of Moscow"
    ryabkov = kb.person("ryabkov-sergei")
    assert "S. A. Ryabkov" in ryabkov.aliases
    assert ryabkov.roles[0].title == "Director of the Department of European Cooperation"
    assert ryabkov.roles_on(dt.date(2021, 12, 13))[0].title == "Deputy Foreign Minister"
    assert kb.institutions["moscow-city-duma"].sector == "LEG"
    assert str(RESOURCES / "actors_extension.yaml") in kb.files


def test_bad_user_file_names_file_and_entry():
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([RESOURCES / "actors_bad.yaml"], env=False)
    message = str(info.value)
    assert "actors_bad.yaml" in message and "petrovsky-ivan" in message and "XYZ" in message


@pytest.mark.parametrize(
    ("text", "needle"),
    [("people:\n  - {id: x-y, name: X Y, country: RUS, roles: [{title: Envoy, start: 2020-13-01}]}\n", "YYYY-MM-DD"),
     ("people:\n  - {id: x-y, name: X Y, country: RUS, roles: [{title: Envoy, start: soon}]}\n", "start"),
     ("people:\n  - {id: x-y, name: X Y, country: ZZZ}\n", "ZZZ"),
     ("people:\n  - {id: x-y, name: X Y, country: RUS, hobby: chess}\n", "hobby"),
     ("people:\n  - {id: x-y, name: X Y, country: RUS, roles: [{title: Envoy, start: 2020-01-02, end: 2019-01-01}]}\n",
      "before"),
     ("people:\n  - {id: X Y, name: X Y, country: RUS}\n", "slug"),
     ("people: [unclosed\n", "YAML"),
     ("- just a list\n", "top level"),
     ("planets: []\n", "planets")],
)  # fmt: skip
def test_malformed_entries_raise_clear_errors(tmp_path, text, needle):
    path = tmp_path / "actors_mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([path], env=False)
    assert needle in str(info.value)
    assert "actors_mine.yaml" in str(info.value)


def test_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="not found"):
        load_kb([tmp_path / "absent.yaml"], env=False)


def test_env_variable_files_merge_and_default_kb_is_cached(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    plain = default_kb()
    assert default_kb() is plain
    assert plain.person("sobyanin-sergei") is None
    monkeypatch.setenv(ENV_VAR, str(RESOURCES / "actors_extension.yaml"))
    extended = default_kb()
    assert extended is not plain
    assert extended.person("sobyanin-sergei") is not None


def test_plover_country_folds_organisations(kb):
    assert kb.plover_country("RUS") == "RUS"
    assert kb.plover_country("NATO") == "IGO"
    assert kb.plover_country("UN") == "UNO"
    assert kb.plover_country("EU") == "EUR"
    assert kb.plover_country(None) is None
    assert kb_module.CAMEO_COUNTRY_ALIASES["JAP"] == "JPN"


def test_default_kb_reloads_an_edited_user_file_and_keeps_few_bases(monkeypatch, tmp_path):
    import os

    from redline.kb import load as kb_load

    path = tmp_path / "mine.yaml"
    path.write_text("people:\n  - {id: doe-jane, name: Jane Doe, country: USA}\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    first = default_kb()
    assert first.person("doe-jane") is not None and first.person("roe-richard") is None
    path.write_text(
        "people:\n  - {id: doe-jane, name: Jane Doe, country: USA}\n"
        "  - {id: roe-richard, name: Richard Roe, country: GBR}\n",
        encoding="utf-8",
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a later modification time, whatever the clock
    second = default_kb()
    assert second is not first and second.person("roe-richard") is not None
    assert len(kb_load._CACHE) <= kb_load.CACHE_SIZE
