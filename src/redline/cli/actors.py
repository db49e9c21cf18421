"""`redline actors list/show` (browse the knowledge base) and `redline eval actors` (score against PLOVER gold)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from redline.actors import ActorResolver
from redline.actors.lookup import country_code, lookup
from redline.actors.lookup import list_people as find_people
from redline.cli.main import cli, evaluate
from redline.errors import RedlineError
from redline.evaluate.actors import GOLD_NAME, ActorScore, read_gold, score_actors
from redline.kb import Country, KnowledgeBase, Person, Role, default_kb, load_kb, parse_day

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
@click.option("--country", help="Only people acting for this country or organisation: a code, name or adjective.")
@click.option("--role", "role_text", help="Only people with this role: a title (foreign minister) or any text in it.")
@date_option
@kb_option
def list_people(country: str | None, role_text: str | None, date_text: str | None, kb_files: tuple[str, ...]) -> None:
    """List known people with the role each holds (on --date, else now)."""
    kb = _kb(kb_files)
    day = _day(date_text)
    if country and country_code(kb, country) is None:
        raise click.ClickException(f"no country or organisation matches {country!r}")
    shown = 0
    for person, role in find_people(kb, country=country, role=role_text, day=day):
        where = role.country if role else person.country
        title = (role.title or "-") if role else "-"
        sector = role.sector if role and role.sector else "-"
        click.echo(f"{person.id:<32} {person.name:<30} {where:<5} {sector:<4} {title}")
        shown += 1
    click.echo(f"{shown} people", err=True)


@actors.command("show")
@click.argument("key", metavar="QUERY")
@date_option
@kb_option
def show(key: str, date_text: str | None, kb_files: tuple[str, ...]) -> None:
    """Show what QUERY names: an id, code, name, alias, metonym or title ("NATO Secretary General" --date D)."""
    kb = _kb(kb_files)
    day = _day(date_text)
    found = lookup(kb, key, day)
    if found is None:
        raise click.ClickException(f"no person, organisation, institution or country matches {key!r}")
    if found.how == "mention" and found.actor is not None and found.person is None:
        actor = found.actor
        click.echo(f"{key!r} reads as: country {actor.country or '-'}, sector {actor.sector or '-'}, role "
                   f"{actor.role or '-'} (no one person{' on ' + day.isoformat() if day else ''})")  # fmt: skip
    if found.person is not None:
        _show_person(found.person, day)
    elif found.organisation is not None:
        org = found.organisation
        click.echo(f"{org.name}  [{org.id}]")
        click.echo(f"  code {org.code}  class {org.kind}  sector {org.sector or '-'}")
        click.echo(f"  aliases: {', '.join(org.aliases)}")
    elif found.institution is not None:
        inst = found.institution
        click.echo(f"{inst.name}  [{inst.id}]  ({inst.source or 'hand-written'})")
        click.echo(f"  country {inst.country}  sector {inst.sector_on(day) or '-'}")
        if inst.aliases:
            click.echo(f"  aliases: {', '.join(inst.aliases)}")
    elif found.country is not None:
        _show_country(found.country, key if found.how not in ("name", "code") else None)
    for office, person, role in found.leaders:
        click.echo(f"  {office:<20} {person.name:<28} {_dates(role):<24} ({role.source or '-'})")


def _show_country(country: Country, via: str | None) -> None:
    click.echo(f"{country.name}  [{country.code}]" + (f"  (as {via!r})" if via else ""))
    metonyms = [f"{text} ({sector})" for text, sector in country.metonyms.items()]
    for label, values in (("names", country.aliases), ("adjectives", country.adjectives), ("metonyms", metonyms)):
        if values:
            click.echo(f"  {label}: {', '.join(values)}")
    if country.capital:
        click.echo(f"  capital: {country.capital}")


def _show_person(person: Person, day: dt.date | None) -> None:
    click.echo(f"{person.name}  [{person.id}]  {person.country}  ({person.source})")
    if person.aliases:
        marked = [f"{a} ({person.alias_sources[a]})" if a in person.alias_sources else a for a in person.aliases]
        click.echo(f"  also: {', '.join(marked)}")
    for role in person.roles:
        mark = "*" if day is not None and role.active(day) else " "
        note = f"  ({role.note})" if role.note else ""
        title = role.title or "-"
        where = f"  [{role.source}]" if role.source and role.source != person.source else ""
        click.echo(f" {mark} {_dates(role):<24} {role.country:<5} {role.sector or '-':<4} {title}{note}{where}")
    if day is not None:
        current = person.roles_on(day)
        titles = "; ".join(r.title or f"{r.country} {r.sector}" for r in current)
        click.echo(f"  on {day.isoformat()}: " + (titles or "no office"))


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
