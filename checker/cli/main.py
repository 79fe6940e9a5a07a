"""`assaymark`: the entry point, and the one handler that turns errors into exit codes."""

from __future__ import annotations

import gc
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click

from checker import __version__
from checker.errors import AssaymarkError, PolicyLoadError
from checker.results import EXIT_NOT_EVALUATED, EXIT_USAGE

EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def _error(message: str) -> None:
    click.echo(f"assaymark: error: {message}", err=True)


def exit_code_for(exc: Exception) -> int:
    """Report an error as one clean message and return the exit code it calls for."""
    if isinstance(exc, PolicyLoadError):
        for problem in exc.problems:
            click.echo(problem, err=True)
        _error(f"{len(exc.problems)} problem(s) in the control files; nothing was evaluated")
        return exc.exit_code
    if isinstance(exc, AssaymarkError):
        _error(str(exc))
        return exc.exit_code
    # A bug of ours: fail closed (exit 3), never a pass, and no traceback unless asked for.
    if os.environ.get("ASSAYMARK_DEBUG"):
        traceback.print_exception(exc)
    _error(
        f"internal error ({type(exc).__name__}: {exc}); nothing can be trusted from this run. "
        "Set ASSAYMARK_DEBUG=1 for the traceback and report it."
    )
    return EXIT_NOT_EVALUATED


class StyledUsageError(click.UsageError):
    """click's usage error, shown as assaymark shows its own errors: the usage line and the
    hint from click, then `assaymark: error: ...`."""

    def show(self, file: Any = None) -> None:
        lines = []
        if self.ctx is not None:
            lines.append(self.ctx.get_usage())
            names = self.ctx.command.get_help_option_names(self.ctx)
            if names:
                lines.append(f"Try '{self.ctx.command_path} {max(names, key=len)}' for help.")
        lines.append(f"assaymark: error: {self.format_message()}")
        click.echo("\n".join(lines), file=file, err=file is None)


def _styled(exc: click.UsageError) -> click.UsageError:
    if isinstance(exc, StyledUsageError | click.exceptions.NoArgsIsHelpError):
        return exc
    return StyledUsageError(exc.format_message(), exc.ctx)


#: Each command and where it is defined. A command's module is imported when it runs (or help
#: lists it): the pre-commit hook's scan does not load what evidence, policies or AWS need.
COMMANDS = {
    "scan": "checker.cli.scan:scan",
    "collect": "checker.cli.db:collect",
    "policies": "checker.cli.policies:policies",
    "evidence": "checker.cli.evidence:evidence",
    "keygen": "checker.cli.evidence:keygen",
    "run": "checker.cli.run:run",
    "export": "checker.cli.run:export",
    "aws": "checker.cli.aws:aws",
    "db": "checker.cli.db:db",
    "checkov": "checker.cli.checkov:checkov",
    "sources": "checker.cli.sources:sources",
    "baseline": "checker.cli.baseline:baseline",
    "attest": "checker.cli.attest:attest",
}


class AssaymarkGroup(click.Group):
    """The root command: every command returns an exit code, every error becomes one."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, name = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _styled(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            # Subcommands parse their options here: one style for every usage error.
            raise _styled(exc) from None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            raise click.exceptions.Abort() from None
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None
        except Exception as exc:
            raise click.exceptions.Exit(exit_code_for(exc)) from exc


@click.group(cls=AssaymarkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assaymark")
def cli() -> None:
    """Check Terraform, AWS and databases against PCI DSS v4.0 and GDPR controls.

    Exit codes: 0 all evaluated controls passed (or are waived, not applicable or manual);
    1 a control failed; 2 usage, configuration or policy error; 3 something could not be
    evaluated.
    """


@cli.result_callback()
def _exit_with(code: int | None, **_: Any) -> None:
    raise click.exceptions.Exit(int(code or 0))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    try:
        # Without standalone mode click returns the code that Exit carried.
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="assaymark",
            standalone_mode=False,
        )
    except click.UsageError as exc:
        _styled(exc).show()
        return EXIT_USAGE
    except click.ClickException as exc:
        _error(exc.format_message())
        return EXIT_USAGE
    except (click.exceptions.Abort, KeyboardInterrupt):
        _error("interrupted")
        return EXIT_INTERRUPTED
    return int(code or 0)


def command() -> int:
    """The `assaymark` program: `main`, with the garbage collector set for a short-lived run."""
    # A scan builds millions of small objects that live until the end (syntax trees, resources,
    # findings). With the default thresholds the collector walks them again and again (a third
    # of a 1,000-file scan), then once more at exit; they are freed with the process anyway.
    gc.set_threshold(50_000, 50, 1_000)
    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(command())
