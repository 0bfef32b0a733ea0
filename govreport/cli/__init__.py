"""The `govreport` command: thin commands over the library and the store's named queries."""

from __future__ import annotations

import click

from govreport import __version__
from govreport.cli import extract_cmd, indicators_cmd, store_cmds, text_cmds, web_cmds


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govreport")
def cli() -> None:
    """Chinese government work reports → structured, source-linked data."""


for _module in (extract_cmd, store_cmds, text_cmds, web_cmds, indicators_cmd):
    _module.register(cli)


def main() -> None:
    cli(prog_name="govreport")
