"""`assaymark`: the entry point, and the one handler that turns errors into exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from checker import __version__
from checker.cli.policies import policies
from checker.cli.scan import scan
from checker.errors import AssaymarkError, PolicyLoadError
from checker.results import EXIT_NOT_EVALUATED, EXIT_USAGE

EXIT_INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assaymark")
def cli() -> None:
    """Check Terraform, AWS and databases against PCI DSS v4.0 and GDPR controls.

    Exit codes: 0 all evaluated controls passed (or are waived, not applicable or manual);
    1 a control failed; 2 usage, configuration or policy error; 3 something could not be
    evaluated.
    """


cli.add_command(scan)
cli.add_command(policies)


def _error(message: str) -> None:
    click.echo(f"assaymark: error: {message}", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; no error escapes as a traceback."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="assaymark",
                          standalone_mode=False)  # fmt: skip
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.exceptions.Abort:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except PolicyLoadError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        _error(f"{len(exc.problems)} problem(s) in the control files; nothing was evaluated")
        return exc.exit_code
    except AssaymarkError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: fail closed, exit 3
        if os.environ.get("ASSAYMARK_DEBUG"):
            traceback.print_exc()
        _error(
            f"internal error ({type(exc).__name__}: {exc}); nothing can be trusted from this run. "
            "Set ASSAYMARK_DEBUG=1 for the traceback and report it."
        )
        return EXIT_NOT_EVALUATED
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
