"""Commands registered on the `govreport` group (see the issue that owns them)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
