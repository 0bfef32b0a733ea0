"""`govreport indicators`: the canonical indicator table (id, name, unit, aliases), as text or JSON."""

from __future__ import annotations

import json

import click


@click.command("indicators")
@click.option("--json", "as_json", is_flag=True, help="one JSON array of {id, name, unit, direction, aliases, notes}")
@click.argument("query", required=False)
def indicators_command(as_json: bool, query: str | None) -> None:
    """List the canonical indicators; QUERY keeps those whose id, name or an alias contains it."""
    from govreport.lexicons import indicators

    rows = [ind for ind in indicators().values()
            if not query or query in ind.id or any(query in a for a in (ind.name, *ind.aliases))]
    if as_json:
        click.echo(json.dumps([{"id": i.id, "name": i.name, "unit": i.default_unit, "direction": i.direction,
                                "aliases": list(i.aliases), "notes": i.notes} for i in rows],
                              ensure_ascii=False, indent=1))
        return
    for i in rows:
        click.echo(f"{i.id}\t{i.name}\t{i.default_unit}\t{'|'.join(a for a in i.aliases if a != i.name)}")


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    group.add_command(indicators_command)
