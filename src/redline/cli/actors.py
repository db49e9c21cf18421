"""`redline actors list/show` (browse the knowledge base) and `redline eval actors` (score against PLOVER gold)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from redline.actors import ActorResolver
from redline.cli.main import cli, evaluate
from redline.errors import RedlineError
from redline.evaluate.actors import GOLD_NAME, ActorScore, read_gold, score_actors
from redline.kb import KnowledgeBase, Person, Role, default_kb, fold, load_kb, parse_day

REPO_ROOT = Path(__file__).resolve().parents[3]


def _kb(files: tuple[str, ...]) -> KnowledgeBase:
    try:
        return load_kb(files) if files else default_kb()
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    day = parse_day(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    return day


def _current(person: Person, day: dt.date | None) -> Role | None:
    """The role shown for a person: held on ``day``, or with no day the ongoing (else latest) one."""
    if day is not None:
        active = person.roles_on(day)
        return active[-1] if active else None
    ongoing = [r for r in person.roles if r.end is None]
    return (ongoing or person.roles or [None])[-1]


def _loose(text: str) -> str:
    """Text for a forgiving "contains": case, accents and hyphens ignored ("Secretary-General")."""
    return " ".join(fold(text).replace("-", " ").split())


def _dates(role: Role) -> str:
    start = role.start.isoformat() if role.start else "?"
    end = role.end.isoformat() if role.end else "present"
    return f"{start} .. {end}"


kb_option = click.option(
    "--kb",
    "kb_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actor YAML file to merge (repeatable; also $REDLINE_ACTORS).",
)
date_option = click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Show roles held on this date.")


@cli.group()
def actors() -> None:
    """Browse the actor knowledge base: people, their dated roles, organisations."""


@actors.command("list")
@click.option("--country", help="Only people whose role (or nationality) is this code: RUS, USA, NATO, EU...")
@click.option("--role", "role_text", help="Only people whose role title contains this text.")
@date_option
@kb_option
def list_people(country: str | None, role_text: str | None, date_text: str | None, kb_files: tuple[str, ...]) -> None:
    """List known people with the role each holds (on --date, else now)."""
    kb = _kb(kb_files)
    day = _day(date_text)
    shown = 0
    for person in kb.iter_people():
        role = _current(person, day)
        if day is not None and role is None and (role_text or country):
            continue
        if country and country.upper() not in {person.country, role.country if role else None}:
            continue
        if role_text:
            titles = [role.title] if day is not None and role else [r.title for r in person.roles]
            if not any(_loose(role_text) in _loose(t) for t in titles):
                continue
        where = role.country if role else person.country
        title = role.title if role else "-"
        sector = role.sector if role and role.sector else "-"
        click.echo(f"{person.id:<32} {person.name:<30} {where:<5} {sector:<4} {title}")
        shown += 1
    click.echo(f"{shown} people", err=True)


@actors.command("show")
@click.argument("key", metavar="ID_OR_NAME")
@date_option
@kb_option
def show(key: str, date_text: str | None, kb_files: tuple[str, ...]) -> None:
    """Show a person (roles with dates), an organisation, an institution or a country."""
    kb = _kb(kb_files)
    day = _day(date_text)
    person = kb.person(key)
    if person is not None:
        _show_person(person, day)
        return
    org = kb.organisation(key)
    if org is not None:
        click.echo(f"{org.name}  [{org.id}]")
        click.echo(f"  code {org.code}  class {org.kind}  sector {org.sector or '-'}")
        click.echo(f"  aliases: {', '.join(org.aliases)}")
        return
    inst = kb.institution(key)
    if inst is not None:
        click.echo(f"{inst.name}  [{inst.id}]")
        click.echo(f"  country {inst.country}  sector {inst.sector_on(day) or '-'}")
        click.echo(f"  aliases: {', '.join(inst.aliases)}")
        return
    code = key.upper()
    if code in kb.countries:
        country = kb.countries[code]
        click.echo(f"{country.name}  [{country.code}]")
        metonyms = [f"{text} ({sector})" for text, sector in country.metonyms.items()]
        for label, values in (("names", country.aliases), ("adjectives", country.adjectives), ("metonyms", metonyms)):
            if values:
                click.echo(f"  {label}: {', '.join(values)}")
        if country.capital:
            click.echo(f"  capital: {country.capital}")
        return
    raise click.ClickException(f"no person, organisation, institution or country matches {key!r}")


def _show_person(person: Person, day: dt.date | None) -> None:
    click.echo(f"{person.name}  [{person.id}]  {person.country}  ({person.source})")
    if person.aliases:
        click.echo(f"  also: {', '.join(person.aliases)}")
    for role in person.roles:
        mark = "*" if day is not None and role.active(day) else " "
        note = f"  ({role.note})" if role.note else ""
        click.echo(f" {mark} {_dates(role):<24} {role.country:<5} {role.sector or '-':<4} {role.title}{note}")
    if day is not None:
        current = person.roles_on(day)
        click.echo(f"  on {day.isoformat()}: " + ("; ".join(r.title for r in current) if current else "no office"))


def default_gold() -> Path:
    """../shared/gold/PLOVER_GSR_CAMEO.json from the working directory, else beside the repository."""
    here = Path("../shared/gold") / GOLD_NAME
    return here if here.exists() else REPO_ROOT.parent / "shared" / "gold" / GOLD_NAME


@evaluate.command("actors")
@click.argument("gold_path", metavar="[GOLD]", required=False, type=click.Path(dir_okay=False))
@click.option("--dates", "use_dates", is_flag=True, help="Resolve roles on the gold records' dates (placeholders).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--misses", "show_misses", type=int, default=0, help="Also list up to N mentions resolved wrongly.")
@kb_option
def eval_actors(
    gold_path: str | None, use_dates: bool, as_json: bool, show_misses: int, kb_files: tuple[str, ...]
) -> None:
    """Score actor country and sector against GOLD (default ../shared/gold/PLOVER_GSR_CAMEO.json)."""
    path = Path(gold_path) if gold_path else default_gold()
    if not path.exists():
        raise click.ClickException(f"gold file not found: {path}")
    try:
        scores = score_actors(read_gold(path), ActorResolver(_kb(kb_files)), use_dates=use_dates)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(scores.as_dict(), indent=2))
        return
    for line in score_table(scores, path.name):
        click.echo(line)
    for row in scores.misses()[:show_misses]:
        got = f"{row.country or '-'}/{row.sector or '-'}"
        want = f"{row.gold.code}/{row.gold.sector or '-'}"
        click.echo(f"  miss {row.gold.record_id:<28} {row.gold.actor_text[:40]!r:<44} gold {want:<12} got {got}")


def score_table(scores: ActorScore, name: str) -> list[str]:
    """The printed report: one row per measure."""
    rows = [
        ("coverage", scores.covered, scores.total, scores.coverage),
        ("country", scores.country_correct, scores.total, scores.country_accuracy),
        ("sector", scores.sector_correct, scores.sector_total, scores.sector_accuracy),
        ("both", scores.both_correct, scores.total, scores.both_accuracy),
    ]
    lines = [
        f"actors vs {name}: {scores.total} gold mentions",
        f"{'measure':<10} {'right':>6} {'of':>6} {'accuracy':>9}",
    ]
    lines += [f"{label:<10} {right:>6} {total:>6} {value:>9.3f}" for label, right, total, value in rows]
    return lines
