"""The `govreport` command: thin commands over the library and the store's named queries."""

from __future__ import annotations

import errno
import sys

import click

from govreport import __version__
from govreport.cli import (
    corrections_cmd,
    extract_cmd,
    fix_cmd,
    indicators_cmd,
    panel_cmd,
    store_cmds,
    text_cmds,
    web_cmds,
)
from govreport.cli.common import error_line, internal_error_line
from govreport.errors import GovReportError

#: the exit code of an internal error (a bug): EX_SOFTWARE of sysexits.h
EXIT_INTERNAL = 70


class _Group(click.Group):
    """Any exception a command lets out is one line on stderr, never a traceback: a GovReportError
    exits 2, anything else (a bug) exits 70. Click's own usage errors keep their exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except GovReportError as exc:
            error_line(None, exc)
            ctx.exit(2)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # stdout closed early (| head): click handles it
                raise
            internal_error_line(exc)
            ctx.exit(EXIT_INTERNAL)
        except Exception as exc:
            internal_error_line(exc)
            ctx.exit(EXIT_INTERNAL)
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govreport")
def cli() -> None:
    """Chinese government work reports → structured, source-linked data."""


for _module in (extract_cmd, store_cmds, text_cmds, web_cmds, indicators_cmd, fix_cmd, corrections_cmd, panel_cmd):
    _module.register(cli)


def main() -> None:
    try:
        cli(prog_name="govreport")
    except Exception as exc:  # outside a command (parsing, start-up): still one line
        internal_error_line(exc)
        sys.exit(EXIT_INTERNAL)
