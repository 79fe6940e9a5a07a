"""Shared helpers: test data paths and running the command line in-process."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli.main import main
from checker.formats import FORMATS

if TYPE_CHECKING:
    from tests.installing import Clone

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


@dataclass(frozen=True)
class Run:
    """What one command-line run printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Standard output read as JSON."""
        return json.loads(self.out)


def report_text(path: Path) -> str:
    """What a written report says: its text, or the text of the pages of a PDF."""
    content = path.read_bytes()
    if not content.startswith(b"%PDF"):
        return content.decode("utf-8")
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


#: The formats that write text, which a test can read from standard output.
TEXT_FORMATS = tuple(sorted(name for name, kind in FORMATS.items() if not kind.binary))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `assaymark ARGS...` in-process through `main`, as the console script does."""

    def invoke(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="session")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Clone:
    """The checkout as a fresh clone would hold it (uncommitted changes included), committed."""
    from tests.installing import make_clone

    return make_clone(tmp_path_factory.mktemp("clone") / "assaymark")


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache for this run: the hooks' environment is installed once, as for a user."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The runs of the tests keep their cache (outlines, validated controls) in a folder of
    their own, never in the user's."""
    folder = tmp_path_factory.mktemp("assaymark-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSAYMARK_CACHE", str(folder))
        yield folder


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a test changed another project's objects on a database server, and
    remove what `tests.shared_server` planted."""
    from tests import shared_server

    changed = shared_server.remove()
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        for line in changed:
            if reporter is not None:
                reporter.write_line(f"shared server: {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
