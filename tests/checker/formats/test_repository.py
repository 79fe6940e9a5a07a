"""Paths relative to the repository's root, from any working folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.formats.repository import RepositoryPath, anchor_path, repository_path


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "repo" / "infra" / "prod").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo" / "infra")
    return tmp_path / "repo"


def test_relative_and_absolute_paths_inside_the_repository(repository: Path) -> None:
    assert repository_path("prod/main.tf", repository) == RepositoryPath("infra/prod/main.tf", True)
    assert repository_path("../ci.yaml", repository) == RepositoryPath("ci.yaml", True)
    shown = str(repository / "modules" / "a.tf")
    assert repository_path(shown, repository) == RepositoryPath("modules/a.tf", True)


def test_a_file_outside_keeps_its_form_relative_to_the_working_folder(repository: Path) -> None:
    outside = str(repository.parent / "cache" / "module.tf")
    assert repository_path(outside, repository) == RepositoryPath("../../cache/module.tf", False)


def test_a_linked_working_folder_or_root_still_matches(repository: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(repository, target_is_directory=True)
    assert repository_path("prod/main.tf", link) == RepositoryPath("infra/prod/main.tf", True)


def test_without_a_root_the_path_stays_as_shown(repository: Path) -> None:
    assert repository_path("/abs/main.tf", None) == RepositoryPath("/abs/main.tf", False)


def test_an_anchor_is_relative_to_the_root_else_as_shown(repository: Path) -> None:
    assert anchor_path("assaymark.yaml", repository) == RepositoryPath("assaymark.yaml", True)
    assert anchor_path("./ci/assaymark.yaml", repository) == RepositoryPath(
        "ci/assaymark.yaml", True
    )
    outside = str(repository.parent / "assaymark.yaml")
    assert anchor_path(outside, repository) == RepositoryPath("../../assaymark.yaml", False)
    assert anchor_path("assaymark.yaml", None) == RepositoryPath("assaymark.yaml", False)
