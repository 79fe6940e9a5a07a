"""`assaymark sources`: the sources assaymark reads, and the access each one needs."""

from __future__ import annotations

import click

from adapters.registry import SOURCES, adapter_class


@click.command("sources")
def sources() -> int:
    """List the sources and the read-only permissions each collector needs."""
    for source in SOURCES:
        adapter = adapter_class(source)
        click.echo(f"{source}: {(adapter.__doc__ or '').strip().splitlines()[0]}")
        for permission in adapter.permissions:
            click.echo(f"  {permission}")
    return 0
