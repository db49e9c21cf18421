"""The converted Phoenix dictionaries under the hand-written knowledge base, and looking actors up by any name.

The converted file ships in the repository (``data/kb/phoenix/``); the conversion test reads the dictionaries
from ../shared and skips without them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import redline.cli.actors  # noqa: F401  (registers `redline actors`)
from redline.actors import ActorResolver
from redline.actors.lookup import country_code, list_people, lookup, office_holders
from redline.cli.main import cli
from redline.errors import KnowledgeBaseError
from redline.kb import load_kb
from redline.kb.phoenix import LAST_UPDATE, PHOENIX, PHOENIX_DIR, read_phoenix

ROOT = Path(__file__).resolve().parents[1]
PETRARCH = ROOT.parent / "shared" / "data" / "petrarch2"


@pytest.fixture(scope="module")
def kb():
    return load_kb(env=False)


def test_phoenix_people_load_lazily_with_dated_roles(kb):
    assert len(kb.imported) > 15_000
    karzai = kb.person("Hamid Karzai")
    assert karzai is not None and karzai.source == PHOENIX
    (role,) = [r for r in karzai.roles if r.country == "AFG"]
    assert role.sector == "GOV" and role.start == dt.date(2001, 12, 22)
    assert role.end == LAST_UPDATE and "2016" in (role.note or "")  # open-ended in the dictionaries: capped


def test_hand_written_people_stay_on_top(kb):
    lavrov = kb.person("lavrov-sergei")
    assert lavrov.source == "people_russia_belarus.yaml"
    assert {r.source for r in lavrov.roles} == {"people_russia_belarus.yaml"}  # no dictionary roles added
    assert lavrov.alias_sources and set(lavrov.alias_sources.values()) == {PHOENIX}  # but its spellings are
    assert kb.person("Sergey Viktorovich Lavrov") is lavrov


def test_phoenix_resolves_people_groups_and_role_nouns_on_dates(kb):
    resolver = ActorResolver(kb)

    def one(text: str, date: str):
        return resolver.context(date).resolve(text)

    karzai = one("Afghan President Hamid Karzai", "2010-05-01")
    assert karzai.kb_id == "px-hamid-karzai" and (karzai.country, karzai.sector) == ("AFG", "GOV")
    assert one("Hamid Karzai", "2020-05-01").sector == "ELI"  # after the dictionaries end: not a current holder
    assert one("Chinese fishermen", "2012-01-01").sector == "AGR"
    hezbollah = one("Hezbollah", "2012-01-01")
    assert (hezbollah.country, hezbollah.sector) == ("LBN", "REB")
    # an imported role noun that is also a surname is read as a role only in lower case
    assert one("the dean", "2016-10-01").sector == "EDU"
    assert one("Howard Dean", "2016-10-01").sector != "EDU"


def test_load_time_and_format_check(tmp_path, monkeypatch):
    bad = tmp_path / "phoenix.tsv.gz"
    bad.write_bytes(gzip.compress(b"# something else\n"))
    with pytest.raises(KnowledgeBaseError, match="not format"):
        read_phoenix(bad)
    bad.write_bytes(gzip.compress(b"# redline phoenix 1\n@people\ntoo\tfew\n"))
    with pytest.raises(KnowledgeBaseError, match="tab-separated"):
        read_phoenix(bad)


@pytest.mark.parametrize(
    ("query", "date", "what"),
    [
        ("Russia", None, ("country", "RUS")),
        ("RUS", None, ("country", "RUS")),
        ("Kremlin", None, ("country", "RUS")),
        ("the Kremlin", None, ("country", "RUS")),
        ("Russian", None, ("country", "RUS")),
        ("Lavrov", None, ("person", "lavrov-sergei")),
        ("lavrov-sergei", None, ("person", "lavrov-sergei")),
        ("Sergey Lavrov", None, ("person", "lavrov-sergei")),
        ("NATO", None, ("organisation", "nato")),
        ("North Atlantic Treaty Organization", None, ("organisation", "nato")),
        ("NATO Secretary General", "2025-06-01", ("person", "rutte-mark")),
        ("NATO Secretary General", "2019-06-01", ("person", "stoltenberg-jens")),
        ("Russian foreign minister", "2003-06-01", ("person", "ivanov-igor")),
        ("US Secretary of State", "2010-06-01", ("person", "clinton-hillary")),
        ("State Duma", None, ("institution", "state-duma")),
    ],
)
def test_lookup_by_name_alias_title_and_code(kb, query, date, what):
    found = lookup(kb, query, dt.date.fromisoformat(date) if date else None)
    assert found is not None
    kind, ident = what
    target = getattr(found, kind)
    assert target is not None, found
    assert (target.code if kind == "country" else target.id) == ident


def test_lookup_of_a_description_is_a_role_without_a_person(kb):
    found = lookup(kb, "a Russian diplomat", dt.date(2021, 12, 20))
    assert found.person is None and found.actor.country == "RUS" and found.actor.sector == "GOV"
    assert lookup(kb, "Nobody Atall") is None


def test_country_and_organisation_leaders_on_a_date(kb):
    russia = lookup(kb, "Russia", dt.date(2010, 6, 1))
    leaders = {office: person.id for office, person, _ in russia.leaders}
    assert leaders["president"] == "medvedev-dmitry" and leaders["prime-minister"] == "putin-vladimir"
    assert [p.id for p, _ in office_holders(kb, "NATO", "secretary general", dt.date(2012, 1, 1))] == [
        "rasmussen-anders-fogh"
    ]
    assert country_code(kb, "Russian Federation") == "RUS" and country_code(kb, "the Atlantic Alliance") == "NATO"


def test_list_people_by_country_name_and_title(kb):
    found = {p.id for p, _ in list_people(kb, country="Russia", role="foreign minister", day=dt.date(2010, 1, 1))}
    assert found == {"lavrov-sergei"}  # the office, not the deputy's


def test_cli_show_marks_where_facts_come_from():
    runner = CliRunner()
    shown = runner.invoke(cli, ["actors", "show", "NATO Secretary General", "--date", "2025-06-01"])
    assert shown.exit_code == 0, shown.output
    assert "Mark Rutte" in shown.stdout and "on 2025-06-01: Secretary General" in shown.stdout
    karzai = runner.invoke(cli, ["actors", "show", "Hamid Karzai"])
    assert "(phoenix)" in karzai.stdout and "2001-12-22 .. 2016-12-31" in karzai.stdout
    lavrov = runner.invoke(cli, ["actors", "show", "Lavrov"])
    assert "Sergey V. Lavrov (phoenix)" in lavrov.stdout
    kremlin = runner.invoke(cli, ["actors", "show", "Kremlin", "--date", "2021-12-20"])
    assert "Russia  [RUS]" in kremlin.stdout and "Vladimir Putin" in kremlin.stdout
    listed = runner.invoke(cli, ["actors", "list", "--country", "Russian Federation", "--date", "2021-12-20"])
    assert "lavrov-sergei" in listed.stdout
    assert runner.invoke(cli, ["actors", "list", "--country", "Atlantis"]).exit_code != 0


@pytest.mark.slow
def test_conversion_reproduces_the_shipped_file(tmp_path):
    if not PETRARCH.is_dir():
        pytest.skip("../shared/data/petrarch2 is not present")
    script = ROOT / "scripts" / "convert_phoenix_actors.py"
    done = subprocess.run(
        [sys.executable, str(script), str(PETRARCH), "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    fresh = gzip.decompress((tmp_path / "phoenix.tsv.gz").read_bytes())
    shipped = gzip.decompress((PHOENIX_DIR / "phoenix.tsv.gz").read_bytes())
    assert fresh == shipped
    assert (tmp_path / "LICENSE").read_text() == (PHOENIX_DIR / "LICENSE").read_text()
