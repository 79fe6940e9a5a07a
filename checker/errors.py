"""The errors the engine raises; the CLI maps each kind to an exit code and a clean message."""

from __future__ import annotations


class AssaymarkError(Exception):
    """Base of every error assaymark reports to its user without a traceback."""

    exit_code = 2


class UsageError(AssaymarkError):
    """The command line or a configuration file asks for something that cannot be done."""


class OutputError(AssaymarkError):
    """The controls were evaluated but a report, bundle or key could not be written whole.

    Exit 3: nobody can rely on results that were not delivered. Nothing half-written is left.
    """

    exit_code = 3


class PolicyError(AssaymarkError):
    """A control file is invalid. The message names the file, the control and the field."""


class PolicyLoadError(AssaymarkError):
    """One or more control files are invalid; `problems` holds one message per error."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the control files")
        self.problems = problems
