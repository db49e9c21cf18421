"""`redline serve`: the JSON API and the dashboard on uvicorn; loopback unless a token guards it.

The server answers only for the host names it knows (the Host header check that defeats DNS rebinding):
the loopback names, the address it is bound to, and any ``--allow-host``. A token-guarded server bound to a
wildcard address (0.0.0.0, ::) answers for any name unless ``--allow-host`` narrows it: the token guards it.
"""

from __future__ import annotations

import ipaddress

import click

from redline.cli.main import cli, require_db
from redline.errors import RedlineError
from redline.store import DEFAULT_DB

TOKEN_ENV = "REDLINE_TOKEN"
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to expose the API beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"refusing to serve on {host}, which other machines can reach, without a token: "
            f"pass --token or set {TOKEN_ENV} (clients then send 'Authorization: Bearer <token>'), "
            "or bind 127.0.0.1"
        )


def served_hosts(host: str, token: str | None, extra: tuple[str, ...]) -> frozenset[str] | None:
    """The Host header names the server answers for; None for any (a token-guarded wildcard bind)."""
    from redline.api.guard import LOOPBACK_NAMES

    bound = host.strip("[]").lower()
    names = {name.strip("[]").lower().rstrip(".") for name in extra}
    if bound in WILDCARDS:
        return LOOPBACK_NAMES | names if names or not token else None
    return LOOPBACK_NAMES | names | {bound}


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file (must exist).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token", envvar=TOKEN_ENV, default=None, help=f"Require 'Authorization: Bearer TOKEN' (or ${TOKEN_ENV})."
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Also answer for this host name (repeatable), e.g. a name in /etc/hosts or behind a proxy.",
)
def serve(db_path: str, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...]) -> None:
    """Serve the JSON API (/api, docs at /docs) and the dashboard (/) over a database."""
    import uvicorn

    from redline.api import create_app

    check_bind(host, token)
    require_db(db_path)
    hosts = served_hosts(host, token, allow_hosts)
    try:
        app = create_app(db_path, token=token or None, hosts=hosts, port=port or None)
    except RedlineError as exc:
        raise click.ClickException(str(exc)) from exc
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Redline on http://{shown}:{port}/  (API docs: /docs)" + ("  token required" if token else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning")


__all__ = ["check_bind", "is_loopback", "serve", "served_hosts"]
