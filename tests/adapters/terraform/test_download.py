"""Downloading remote modules as `terraform init` does: the registry protocol, version
constraints, git and archive sources, and the cache.

Everything runs against the loopback registry of tests/registry.py and git repositories in
tmp_path; a guard makes any connection to another host fail the test.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import socket
import tarfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.base import AdapterError
from adapters.terraform import download
from adapters.terraform.download import (
    GitPackage,
    LocalAddress,
    ModuleDownloader,
    ModuleDownloadError,
    RegistryAddress,
    RemoteAddress,
    Version,
    VersionConstraint,
    default_cache,
    parse_address,
)
from tests.conftest import DATA, Run
from tests.registry import Registry, Served, git, make_repository, tls_context

FIXTURE = DATA / "terraform" / "download-module"
TAGS = ("v1.0.0", "v1.2.0", "v2.0.0", "v2.1.0-beta.1")
MODULE = "acme/storage/aws"
_ENVIRONMENT = (
    "ASSAYMARK_MODULE_CACHE",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "GIT_DIR",
    "GIT_SSH_COMMAND",
    *(f"{name}_proxy" for name in ("http", "https", "all", "no")),
    *(f"{name}_PROXY" for name in ("HTTP", "HTTPS", "ALL", "NO")),
)


def _is_loopback(host: str) -> bool:
    return host == "localhost" or host.startswith("127.") or host == "::1"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME, XDG, Terraform's CLI configuration and git's configuration in tmp_path; no proxy;
    no connection but to loopback."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(tmp_path / "no-terraformrc"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    connect = socket.create_connection

    def loopback_only(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert _is_loopback(address[0]), f"a test tried to reach {address[0]}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", loopback_only)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository of the fixture module, tagged v1.0.0, v1.2.0, v2.0.0, v2.1.0-beta.1."""
    return make_repository(tmp_path / "repository", FIXTURE, TAGS)


@pytest.fixture
def registry(tmp_path: Path, repository: Path) -> Iterator[Registry]:
    """The loopback registry offering acme/storage/aws at every tag, with the CLI
    configuration pointing registry.terraform.io's modules.v1 at it."""
    with Registry() as served:
        served.publish(MODULE, repository, TAGS)
        (tmp_path / "no-terraformrc").unlink(missing_ok=True)
        served.cli_config(tmp_path / "no-terraformrc")
        yield served


@pytest.fixture
def downloader(tmp_path: Path) -> ModuleDownloader:
    return ModuleDownloader(tmp_path / "cache")


def version_of(folder: Path) -> str:
    """The version a downloaded package's version.tf names."""
    found = re.search(r'module_version = "([^"]+)"', (folder / "version.tf").read_text())
    assert found is not None
    return found[1]


def files_in(cache: Path) -> list[Path]:
    return [path for path in cache.rglob("*") if not path.is_dir()]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def fails(call: Callable[[], object]) -> str:
    with pytest.raises(ModuleDownloadError) as raised:
        call()
    return str(raised.value)


# --- Version constraints ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraint", "version", "allowed"),
    [
        ("1.2.0", "1.2.0", True),
        ("= 1.2", "1.2.0", True),
        ("= 1.2", "1.2.1", False),
        ("!= 1.2.0", "1.2.0", False),
        ("!= 1.2.0", "1.3.0", True),
        ("> 1.2.0", "1.2.0", False),
        (">= 1.2.0", "1.2.0", True),
        ("< 2", "1.99.0", True),
        ("<= 2", "2.0.0", True),
        ("~> 1.0", "1.9.3", True),
        ("~> 1.0", "2.0.0", False),
        ("~> 1.0", "0.9.0", False),
        ("~> 1.0.4", "1.0.10", True),
        ("~> 1.0.4", "1.1.0", False),
        ("~> 1.0.4", "1.0.3", False),
        ("~> 1.0.7", "1.0.7.5", True),
        # As go-version, which Terraform uses: a single segment leaves nothing pinned.
        ("~> 1", "7.0.0", True),
        (">= 1.2.0, < 2.0.0", "1.5.0", True),
        (">= 1.2.0, < 2.0.0", "2.0.0", False),
        (">= 1.0, != 1.2.0, < 2", "1.2.0", False),
        ("v1.2.0", "1.2.0", True),
        (">=1.2", "v1.3.0", True),
        ("1.2.0", "1.2.0+build.7", True),
        # Pre-releases: only when named exactly.
        (">= 1.0", "2.1.0-beta.1", False),
        ("~> 2.1.0-beta.1", "2.1.0-beta.2", False),
        ("= 2.1.0-beta.1", "2.1.0-beta.1", True),
        ("2.1.0-beta.1", "2.1.0-beta.1", True),
        ("2.1.0-beta.1", "2.1.0", False),
        (">= 2.1.0-beta.1", "2.1.0", True),
    ],
)
def test_constraint_matches_as_terraform_does(constraint: str, version: str, allowed: bool) -> None:
    assert VersionConstraint.parse(constraint).allows(Version.parse(version)) is allowed


def test_no_constraint_allows_any_release_but_no_pre_release() -> None:
    anything = VersionConstraint.parse(None)
    assert anything.allows(Version.parse("0.0.1"))
    assert not anything.allows(Version.parse("3.0.0-rc.1"))


def test_versions_order_as_semantic_versions() -> None:
    texts = ["1.10.0", "1.2.0", "1.2.0-beta.10", "1.2.0-beta.2", "1.2.0-alpha", "0.9"]
    ordered = [str(v) for v in sorted(Version.parse(text) for text in texts)]
    assert ordered == ["0.9", "1.2.0-alpha", "1.2.0-beta.2", "1.2.0-beta.10", "1.2.0", "1.10.0"]
    assert Version.parse("1.2") == Version.parse("1.2.0") == Version.parse("v1.2.0+meta")


def test_newest_is_the_highest_allowed_version() -> None:
    versions = [Version.parse(text) for text in ("1.0.0", "1.2.0", "1.3.0-rc.1", "2.0.0")]
    assert str(VersionConstraint.parse("~> 1.0").newest(versions)) == "1.2.0"
    assert VersionConstraint.parse("> 2.0.0").newest(versions) is None


@pytest.mark.parametrize("text", ["", ">", ">> 1.0", "~> 1.x", "1.0 2.0", "1.0,", "=", "one"])
def test_invalid_constraints_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        VersionConstraint.parse(text)


# --- Source addresses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("./modules/vpc", LocalAddress("./modules/vpc")),
        ("acme/storage/aws", RegistryAddress("registry.terraform.io", "acme", "storage", "aws")),
        (
            "Example.com:8443/acme/storage/aws//modules/bucket",
            RegistryAddress("example.com:8443", "acme", "storage", "aws", "modules/bucket"),
        ),
        (
            "github.com/acme/network//vpc?ref=v1.2.0",
            RemoteAddress(GitPackage("https://github.com/acme/network.git", "v1.2.0"), "vpc"),
        ),
        # Four parts on github.com are a repository and a folder, never a registry module.
        (
            "github.com/acme/network/aws",
            RemoteAddress(GitPackage("https://github.com/acme/network.git"), "aws"),
        ),
        (
            "git@github.com:acme/network.git//vpc?ref=v2",
            RemoteAddress(GitPackage("git@github.com:acme/network.git", "v2"), "vpc"),
        ),
        (
            "git::https://example.com/network.git//modules/vpc?ref=main&depth=1",
            RemoteAddress(GitPackage("https://example.com/network.git", "main"), "modules/vpc"),
        ),
        (
            "git::ssh://git@example.com/network.git",
            RemoteAddress(GitPackage("ssh://git@example.com/network.git")),
        ),
        (
            "https://example.com/network.tar.gz//*?checksum=sha256:" + "a" * 64,
            RemoteAddress(
                download.ArchivePackage(
                    "https://example.com/network.tar.gz", "tar.gz", "sha256:" + "a" * 64
                ),
                "*",
            ),
        ),
        (
            "https://example.com/get?archive=zip&token=x",
            RemoteAddress(download.ArchivePackage("https://example.com/get?token=x", "zip")),
        ),
        (
            "https://example.com/modules/network",
            RemoteAddress(download.HttpPackage("https://example.com/modules/network")),
        ),
    ],
)
def test_source_addresses_read_as_terraform_reads_them(source: str, expected: object) -> None:
    assert parse_address(source) == expected


@pytest.mark.parametrize(
    ("source", "version", "cause"),
    [
        ("acme/storage", None, "not a module source address"),
        ("/etc/terraform/module", None, "not a module source address"),
        ("s3::https://s3.amazonaws.com/bucket/vpc.zip", None, "s3:: sources are not supported"),
        ("bucket.s3.amazonaws.com/vpc.zip", None, "S3 and GCS module sources are not supported"),
        ("git::ftp://example.com/network.git", None, "git sources are https://"),
        ("git::http://example.com/network.git", None, "http only for loopback hosts"),
        ("git::git://example.com/network.git", None, "git sources are https://"),
        ("http://example.com/network.zip", None, "is not an https URL"),
        ("file:///srv/modules/network", None, "file:// sources are not supported"),
        ("github.com/acme", None, "github.com/OWNER/REPOSITORY"),
        ("acme/storage/aws//../../etc", None, "climbs out of the package"),
        ("git::https://example.com/n.git?ref=--upload-pack=touch", None, "is not a git ref"),
        ("https://example.com/network?archive=rar", None, "not a supported archive"),
        ("https://example.com/network.zip?checksum=crc32:00", None, "checksum= must be"),
        ("acme/storage/aws", ">> 1.0", "is not a version constraint"),
        ("acme/storage/aws", "", "is not a version constraint"),
        ("git::https://example.com/network.git", "~> 1.0", "only registry modules take a version"),
        ("./modules", "1.0.0", "only registry modules take a version"),
    ],
)
def test_bad_sources_fail_before_any_network(
    downloader: ModuleDownloader, tmp_path: Path, source: str, version: str | None, cause: str
) -> None:
    message = fails(lambda: downloader.fetch(source, version, base=tmp_path))
    assert cause in message
    assert message.startswith("module source ")
    assert not (tmp_path / "cache").exists()


def test_the_error_is_an_adapter_error_that_names_the_source(
    downloader: ModuleDownloader, tmp_path: Path
) -> None:
    with pytest.raises(AdapterError, match=r"'acme/storage'"):
        downloader.fetch("acme/storage", None, base=tmp_path)


@pytest.mark.parametrize(
    "source",
    [
        "git::http://alice:hunter2@127.0.0.1:{port}/network.git?ref=v1",
        "git::https://example.com/network.git?sshkey=c2VjcmV0LWtleQ",
        "http://127.0.0.1:{port}/network.zip?X-Amz-Signature=0ddba11",
        "https://bob:pa55@127.0.0.1:{port}/network.tar.gz",
    ],
)
def test_secrets_in_sources_never_reach_messages(
    downloader: ModuleDownloader, tmp_path: Path, source: str
) -> None:
    address = source.format(port=closed_port())
    message = fails(lambda: downloader.fetch(address, None, base=tmp_path))
    for secret in ("hunter2", "alice", "c2VjcmV0LWtleQ", "0ddba11", "pa55", "bob"):
        assert secret not in message, message


# --- Registry modules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        ("~> 1.0", "1.2.0"),
        (">= 2.0", "2.0.0"),
        (None, "2.0.0"),
        ("< 1.2", "1.0.0"),
        ("~> 1.0.0", "1.0.0"),
        (">= 1.0, != 1.2.0, < 2", "1.0.0"),
        ("= 2.1.0-beta.1", "2.1.0-beta.1"),
    ],
)
def test_registry_module_at_the_newest_version_the_constraint_allows(
    registry: Registry,
    downloader: ModuleDownloader,
    tmp_path: Path,
    constraint: str | None,
    expected: str,
) -> None:
    folder = downloader.fetch(MODULE, constraint, base=tmp_path)
    assert version_of(folder) == expected
    assert (folder / "main.tf").is_file()
    assert not (folder / ".git").exists()
    assert (tmp_path / "cache") in folder.parents
    assert "/v1/modules/acme/storage/aws/versions" in registry.requests


def test_no_version_satisfies_names_the_versions_available(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    message = fails(lambda: downloader.fetch(MODULE, "~> 3.0", base=tmp_path))
    assert "no version of registry.terraform.io/acme/storage/aws satisfies '~> 3.0'" in message
    assert "1.0.0, 1.2.0, 2.0.0, 2.1.0-beta.1" in message


def test_registry_subdir_is_a_folder_of_the_package(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    folder = downloader.fetch(f"{MODULE}//modules/bucket", "~> 1.0", base=tmp_path)
    assert folder.name == "bucket"
    assert (folder / "main.tf").is_file()
    assert version_of(folder.parent.parent) == "1.2.0"
    message = fails(lambda: downloader.fetch(f"{MODULE}//modules/nothing", "1.2.0", base=tmp_path))
    assert "the package has no folder 'modules/nothing'" in message


def test_local_calls_inside_a_package_stay_inside_it(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    root = downloader.fetch(MODULE, "1.0.0", base=tmp_path)
    assert downloader.fetch("./modules/bucket", None, base=root) == root / "modules" / "bucket"
    bucket = root / "modules" / "bucket"
    assert downloader.fetch("../..", None, base=bucket) == root
    message = fails(lambda: downloader.fetch("../../../../..", None, base=bucket))
    assert "leads outside the downloaded package" in message


def test_explicit_hostname_goes_through_https_service_discovery(
    tmp_path: Path, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context, certificate = tls_context(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    (tmp_path / "no-terraformrc").write_text("# no host overrides\n")
    with Registry(tls=context) as served:
        served.publish(MODULE, repository, TAGS)
        folder = ModuleDownloader(tmp_path / "cache").fetch(
            f"{served.host}/{MODULE}", "~> 2.0", base=tmp_path
        )
        assert served.requests[0] == "/.well-known/terraform.json"
    assert version_of(folder) == "2.0.0"


def test_service_discovery_is_never_plain_http(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    # The loopback registry speaks http only; discovery insists on https, so it cannot connect.
    message = fails(lambda: downloader.fetch(f"{registry.host}/{MODULE}", None, base=tmp_path))
    assert f"https://{registry.host}/.well-known/terraform.json cannot be reached" in message
    assert "/.well-known/terraform.json" not in registry.requests


def test_unreachable_registry(tmp_path: Path, downloader: ModuleDownloader) -> None:
    config = tmp_path / "no-terraformrc"
    config.write_text(
        'host "registry.terraform.io" {\n  services = {\n'
        f'    "modules.v1" = "http://127.0.0.1:{closed_port()}/v1/modules/"\n  }}\n}}\n'
    )
    message = fails(lambda: downloader.fetch(MODULE, "~> 1.0", base=tmp_path))
    assert "cannot be reached (connection refused)" in message


def test_unknown_module(registry: Registry, downloader: ModuleDownloader, tmp_path: Path) -> None:
    message = fails(lambda: downloader.fetch("acme/missing/aws", None, base=tmp_path))
    assert "the registry registry.terraform.io has no module " in message
    assert "registry.terraform.io/acme/missing/aws" in message


@pytest.mark.parametrize(
    ("location", "cause"),
    [
        (None, "has no X-Terraform-Get header"),
        ("acme/other/aws", "is not a git, archive or https source"),
        ("ftp://example.com/x.zip", "ftp:// sources are not supported"),
        ("http://example.com/x.zip", "is not an https URL"),
        ("/files/missing.zip", "answered HTTP 404"),
    ],
)
def test_bad_download_answers(
    registry: Registry,
    downloader: ModuleDownloader,
    tmp_path: Path,
    location: str | None,
    cause: str,
) -> None:
    registry.modules["acme/broken/aws"] = {"1.0.0": location}
    message = fails(lambda: downloader.fetch("acme/broken/aws", None, base=tmp_path))
    assert cause in message
    assert files_in(tmp_path / "cache") == []


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that takes connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_a_silent_server_times_out(
    downloader: ModuleDownloader,
    tmp_path: Path,
    silent_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(download, "HTTP_TIMEOUT", 0.2)
    source = f"http://127.0.0.1:{silent_port}/network.zip"
    assert "cannot be reached (no answer within 0.2 s)" in fails(
        lambda: downloader.fetch(source, None, base=tmp_path)
    )
    monkeypatch.setattr(download, "GIT_TIMEOUT", 1.0)
    source = f"git::http://127.0.0.1:{silent_port}/network.git"
    message = fails(lambda: downloader.fetch(source, None, base=tmp_path))
    assert "did not finish within 1 s" in message
    assert files_in(tmp_path / "cache") == []


def test_an_https_url_may_name_its_package_in_x_terraform_get(
    registry: Registry, repository: Path, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    location = f"git::{repository.as_uri()}//modules?ref=v1.2.0"
    registry.files["/files/network"] = Served(b"", headers={"X-Terraform-Get": location})
    folder = downloader.fetch(f"{registry.url}/files/network//bucket", None, base=tmp_path)
    assert folder.relative_to(folder.parents[1]).as_posix() == "modules/bucket"
    assert version_of(folder.parents[1]) == "1.2.0"
    registry.files["/files/loop"] = Served(b"", headers={"X-Terraform-Get": "/files/loop"})
    message = fails(lambda: downloader.fetch(f"{registry.url}/files/loop", None, base=tmp_path))
    assert "more than 3 X-Terraform-Get answers in a row" in message
    registry.files["/files/page"] = Served(b"<html></html>")
    message = fails(lambda: downloader.fetch(f"{registry.url}/files/page", None, base=tmp_path))
    assert "is neither an archive" in message


def test_cli_configuration_problems(tmp_path: Path, downloader: ModuleDownloader) -> None:
    message = fails(lambda: downloader.fetch(MODULE, None, base=tmp_path))
    assert "TF_CLI_CONFIG_FILE names" in message
    assert "which does not exist" in message
    (tmp_path / "no-terraformrc").write_text('host "registry.terraform.io" {\n')
    message = fails(lambda: ModuleDownloader(tmp_path / "cache").fetch(MODULE, None, base=tmp_path))
    assert "is not valid" in message
    (tmp_path / "no-terraformrc").write_text(
        'host "registry.terraform.io" {\n  services = {\n'
        '    "modules.v1" = "http://registry.example.com/v1/modules/"\n  }\n}\n'
    )
    message = fails(lambda: ModuleDownloader(tmp_path / "cache").fetch(MODULE, None, base=tmp_path))
    assert "http://registry.example.com/v1/modules/ is not an https URL" in message


def test_terraformrc_in_home_is_read_without_tf_cli_config_file(
    registry: Registry,
    downloader: ModuleDownloader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TF_CLI_CONFIG_FILE")
    registry.cli_config(tmp_path / "home" / ".terraformrc")
    assert version_of(downloader.fetch(MODULE, "~> 1.0", base=tmp_path)) == "1.2.0"


def test_json_cli_configuration(
    registry: Registry,
    downloader: ModuleDownloader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "terraformrc.json"
    config.write_text(
        '{"host": {"registry.terraform.io": {"services": '
        f'{{"modules.v1": "{registry.modules_url}"}}}}}}}}'
    )
    monkeypatch.setenv("TF_CLI_CONFIG_FILE", str(config))
    assert version_of(downloader.fetch(MODULE, "< 2", base=tmp_path)) == "1.2.0"


# --- Git sources -----------------------------------------------------------------------------


def test_git_source_at_a_tag_with_a_subdir(
    repository: Path, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    source = f"git::{repository.as_uri()}//modules/bucket?ref=v1.0.0"
    folder = downloader.fetch(source, None, base=tmp_path)
    assert folder.name == "bucket"
    assert version_of(folder.parent.parent) == "1.0.0"


def test_git_source_at_a_commit_falls_back_to_a_full_clone(
    repository: Path, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    commit = git(repository, "rev-parse", "v1.2.0^{commit}")
    folder = downloader.fetch(f"git::{repository.as_uri()}?ref={commit}", None, base=tmp_path)
    assert version_of(folder) == "1.2.0"
    short = downloader.fetch(f"git::{repository.as_uri()}?ref={commit[:10]}", None, base=tmp_path)
    assert version_of(short) == "1.2.0"


def test_git_source_without_ref_is_the_default_branch(
    repository: Path, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    folder = downloader.fetch(f"git::{repository.as_uri()}", None, base=tmp_path)
    assert version_of(folder) == "2.1.0-beta.1"


def test_git_failure_is_explained(
    repository: Path, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    message = fails(
        lambda: downloader.fetch(f"git::{repository.as_uri()}?ref=v9.9.9", None, base=tmp_path)
    )
    assert f"git clone of {repository.as_uri()} failed" in message
    assert "v9.9.9" in message
    assert files_in(tmp_path / "cache") == []


def test_git_package_linking_outside_is_refused(
    tmp_path: Path, downloader: ModuleDownloader
) -> None:
    repository = make_repository(tmp_path / "leaky", FIXTURE, ["v1.0.0"])
    (repository / "secrets.tf").symlink_to(tmp_path / "home" / ".gitconfig")
    git(repository, "add", "secrets.tf")
    git(repository, "commit", "--quiet", "-m", "Link out")
    message = fails(lambda: downloader.fetch(f"git::{repository.as_uri()}", None, base=tmp_path))
    assert "the package's link secrets.tf leads outside it: refused" in message
    assert files_in(tmp_path / "cache") == []


# --- The cache -------------------------------------------------------------------------------


def test_a_second_run_uses_the_cache_without_network(
    registry: Registry, repository: Path, tmp_path: Path
) -> None:
    first = ModuleDownloader(tmp_path / "cache").fetch(MODULE, "~> 1.0", base=tmp_path)
    direct = f"git::{repository.as_uri()}//modules/bucket?ref=v2.0.0"
    bucket = ModuleDownloader(tmp_path / "cache").fetch(direct, None, base=tmp_path)
    asked = len(registry.requests)
    registry.stop()
    shutil.rmtree(repository)
    again = ModuleDownloader(tmp_path / "cache")
    assert again.fetch(MODULE, "~> 1.0", base=tmp_path) == first
    assert again.fetch(f"{MODULE}//modules/bucket", ">= 1.1, < 2", base=tmp_path) == (
        first / "modules" / "bucket"
    )
    assert again.fetch(direct, None, base=tmp_path) == bucket
    assert len(registry.requests) == asked
    # A constraint no cached version meets needs the registry, which is gone.
    assert "cannot be reached" in fails(lambda: again.fetch(MODULE, ">= 2", base=tmp_path))


def test_an_interrupted_archive_download_leaves_nothing(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    registry.files["/files/cut.tar.gz"] = Served(tarball({"main.tf": b"# x\n" * 50_000}), True)
    source = f"http://{registry.host}/files/cut.tar.gz"
    message = fails(lambda: downloader.fetch(source, None, base=tmp_path))
    assert "was cut off" in message
    assert files_in(tmp_path / "cache") == []
    assert not list((tmp_path / "cache").rglob(".partial-*"))


def test_an_interrupted_clone_leaves_nothing(
    repository: Path,
    downloader: ModuleDownloader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(root: Path) -> None:
        assert (root / "main.tf").is_file()  # the clone is there: stop right after it
        raise KeyboardInterrupt

    monkeypatch.setattr(download, "_refuse_links_out", interrupted)
    with pytest.raises(KeyboardInterrupt):
        downloader.fetch(f"git::{repository.as_uri()}?ref=v1.0.0", None, base=tmp_path)
    assert files_in(tmp_path / "cache") == []
    monkeypatch.undo()
    folder = downloader.fetch(f"git::{repository.as_uri()}?ref=v1.0.0", None, base=tmp_path)
    assert version_of(folder) == "1.0.0"


def test_concurrent_fetches_store_the_package_once(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = f"git::{repository.as_uri()}?ref=v2.0.0"
    results: list[Path] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def run() -> None:
        start.wait()
        try:
            results.append(ModuleDownloader(tmp_path / "cache").fetch(source, None, base=tmp_path))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(set(results)) == 1
    assert len(list((tmp_path / "cache" / "git").iterdir())) == 1


def test_stale_partial_downloads_are_swept(
    repository: Path, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    folder = downloader.fetch(f"git::{repository.as_uri()}?ref=v1.0.0", None, base=tmp_path)
    parent = folder.parent.parent
    stale = parent / ".partial-killed"
    (stale / "package").mkdir(parents=True)
    fresh = parent / ".partial-running"
    fresh.mkdir()
    os.utime(stale, (0, 0))
    downloader.fetch(f"git::{repository.as_uri()}?ref=v1.2.0", None, base=tmp_path)
    assert not stale.exists()
    assert fresh.exists()


def test_default_cache_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_cache() == tmp_path / "xdg-cache" / "assaymark" / "modules"
    monkeypatch.setenv("ASSAYMARK_MODULE_CACHE", str(tmp_path / "mine"))
    assert default_cache() == tmp_path / "mine"
    monkeypatch.delenv("ASSAYMARK_MODULE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_cache() == tmp_path / "home" / ".cache" / "assaymark" / "modules"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache() == tmp_path / "home" / ".cache" / "assaymark" / "modules"


# --- Archives --------------------------------------------------------------------------------


def tarball(
    files: dict[str, bytes], extra: Callable[[tarfile.TarFile], None] | None = None
) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, body in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
        if extra is not None:
            extra(archive)
    return buffer.getvalue()


def zipball(files: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16) | 0
            archive.writestr(info, target)
    return buffer.getvalue()


def package_files(top: str) -> dict[str, bytes]:
    return {
        f"{top}/{path.relative_to(FIXTURE).as_posix()}": path.read_bytes()
        for path in FIXTURE.rglob("*.tf")
    }


def test_registry_archive_named_relative_to_the_download_url(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    registry.files["/files/storage-1.0.0.tar.gz"] = Served(tarball(package_files("acme-1a2b3c")))
    registry.files["/files/storage-2.0.0"] = Served(zipball(package_files("acme-4d5e6f")))
    registry.modules["acme/packed/aws"] = {
        "1.0.0": "/files/storage-1.0.0.tar.gz//*",
        "2.0.0": "../../../../../../files/storage-2.0.0//acme-4d5e6f?archive=zip",
    }
    old = downloader.fetch("acme/packed/aws//modules/bucket", "1.0.0", base=tmp_path)
    assert old.relative_to(old.parents[2]).as_posix() == "acme-1a2b3c/modules/bucket"
    assert (old / "main.tf").is_file()
    new = downloader.fetch("acme/packed/aws", "2.0.0", base=tmp_path)
    assert new.name == "acme-4d5e6f"
    assert (new / "modules" / "bucket" / "main.tf").is_file()
    assert not list(new.parent.parent.glob("*.download"))


def test_archive_checksums_are_verified(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    body = tarball({"main.tf": b"# module\n"})
    registry.files["/files/sum.tgz"] = Served(body)
    url = f"http://{registry.host}/files/sum.tgz"
    wrong = fails(
        lambda: downloader.fetch(f"{url}?checksum=sha256:{'0' * 64}", None, base=tmp_path)
    )
    assert "the archive's sha256 checksum is" in wrong
    right = f"{url}?checksum=sha256:{hashlib.sha256(body).hexdigest()}"
    assert (downloader.fetch(right, None, base=tmp_path) / "main.tf").is_file()


SYMLINK, HARDLINK = tarfile.SYMTYPE, tarfile.LNKTYPE


def _links(*pairs: tuple[str, str, bytes]) -> Callable[[tarfile.TarFile], None]:
    def add(archive: tarfile.TarFile) -> None:
        for name, target, kind in pairs:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = target
            archive.addfile(info)

    return add


def _device(archive: tarfile.TarFile) -> None:
    info = tarfile.TarInfo("console")
    info.type = tarfile.CHRTYPE
    archive.addfile(info)


@pytest.mark.parametrize(
    ("kind", "body", "cause"),
    [
        ("tar.gz", lambda: tarball({"../evil.tf": b"x"}), "points outside the package: refused"),
        ("tar.gz", lambda: tarball({"a/../../evil.tf": b"x"}), "points outside the package"),
        ("tar.gz", lambda: tarball({"/tmp/evil.tf": b"x"}), "points outside the package"),
        ("tar.gz", lambda: tarball({}, _links(("etc", "/etc", SYMLINK))), "leads outside"),
        ("tar.gz", lambda: tarball({}, _links(("up", "../../..", SYMLINK))), "leads outside"),
        # Each link alone stays inside; together, b climbs out through a.
        (
            "tar.gz",
            lambda: tarball({}, _links(("b", "a/..", SYMLINK), ("a", ".", SYMLINK))),
            "leads outside",
        ),
        (
            "tar.gz",
            lambda: tarball({}, _links(("a", ".", SYMLINK), ("a/b", "..", SYMLINK))),
            "leads outside",
        ),
        (
            "tar.gz",
            lambda: tarball({}, _links(("hard", "../../evil.tf", HARDLINK))),
            "points outside",
        ),
        ("tar.gz", lambda: tarball({"d/evil.tf": b"x"}, _links(("d", "..", SYMLINK))), "refused"),
        ("tar.gz", lambda: tarball({}, _device), "is a device or a pipe"),
        ("zip", lambda: zipball({"../evil.tf": b"x"}), "points outside the package: refused"),
        ("zip", lambda: zipball({"C:/evil.tf": b"x"}), "points outside the package: refused"),
        ("zip", lambda: zipball({}, {"etc": "/etc"}), "leads outside the package: refused"),
        ("zip", lambda: b"not an archive", "is not a valid zip archive"),
        ("tar.gz", lambda: b"not an archive", "is not a valid tar.gz archive"),
    ],
)
def test_hostile_archives_are_refused(
    registry: Registry,
    downloader: ModuleDownloader,
    tmp_path: Path,
    kind: str,
    body: Callable[[], bytes],
    cause: str,
) -> None:
    registry.files[f"/files/hostile.{kind}"] = Served(body())
    source = f"http://{registry.host}/files/hostile.{kind}"
    message = fails(lambda: downloader.fetch(source, None, base=tmp_path))
    assert cause in message
    assert not (tmp_path / "evil.tf").exists()
    assert not (tmp_path.parent / "evil.tf").exists()
    assert files_in(tmp_path / "cache") == []


def test_links_inside_an_archive_are_kept(
    registry: Registry, downloader: ModuleDownloader, tmp_path: Path
) -> None:
    body = tarball(
        {"shared/variables.tf": b'variable "name" {}\n'},
        _links(
            ("modules/bucket/variables.tf", "../../shared/variables.tf", SYMLINK),
            ("copy.tf", "shared/variables.tf", HARDLINK),
        ),
    )
    registry.files["/files/linked.tar.gz"] = Served(body)
    folder = downloader.fetch(f"http://{registry.host}/files/linked.tar.gz", None, base=tmp_path)
    assert (folder / "modules" / "bucket" / "variables.tf").read_text() == 'variable "name" {}\n'
    assert (folder / "copy.tf").read_text() == 'variable "name" {}\n'


def test_archive_size_is_bounded(
    registry: Registry,
    downloader: ModuleDownloader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry.files["/files/big.tar.gz"] = Served(tarball({"main.tf": b"#" * 4096}))
    registry.files["/files/many.zip"] = Served(zipball({f"{n}.tf": b"" for n in range(20)}))
    monkeypatch.setattr(download, "MAX_PACKAGE_BYTES", 1000)
    monkeypatch.setattr(download, "MAX_PACKAGE_ENTRIES", 10)
    big = fails(lambda: downloader.fetch(f"{registry.url}/files/big.tar.gz", None, base=tmp_path))
    assert "unpacks to more than 1,000 bytes" in big
    many = fails(lambda: downloader.fetch(f"{registry.url}/files/many.zip", None, base=tmp_path))
    assert "holds more than 10 entries" in many
    monkeypatch.setattr(download, "MAX_ARCHIVE_BYTES", 100)
    large = fails(lambda: downloader.fetch(f"{registry.url}/files/big.tar.gz", None, base=tmp_path))
    assert "is larger than 100 bytes" in large
    assert files_in(tmp_path / "cache") == []


# -- scan terraform --download-modules ---------------------------------------------------------


def _root_calling_the_registry(folder: Path) -> Path:
    folder.mkdir()
    (folder / "main.tf").write_text(
        'module "storage" {\n  source  = "acme/storage/aws"\n  version = "~> 1.0"\n'
        '  name    = "payments-exports"\n}\n',
        "utf-8",
    )
    return folder


def test_scan_downloads_modules_as_terraform_init_would(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Run]
) -> None:
    root = _root_calling_the_registry(tmp_path / "root")
    monkeypatch.setenv("ASSAYMARK_MODULE_CACHE", str(tmp_path / "modules-cache"))
    scan = ("scan", "terraform", root, "--control", "pci-10.3.3-s3-versioning", "--format", "json")

    without = run(*scan)
    assert without.code == 3
    assert "give --download-modules" in without.out

    downloaded = run(*scan, "--download-modules")
    assert downloaded.code == 1, downloaded.err
    failing = {
        finding["resource"]
        for control in downloaded.json()["controls"]
        for finding in control["findings"]
        if finding["status"] == "fail"
    }
    assert failing == {
        "module.storage.aws_s3_bucket.this",
        "module.storage.module.logs.aws_s3_bucket.this",
    }
    assert not list(root.rglob("version.tf")), "nothing is downloaded into the scanned tree"

    registry.stop()
    assert run(*scan, "--download-modules").code == 1, "the cache serves a second run offline"


def test_a_module_that_cannot_be_downloaded_is_that_modules_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Run]
) -> None:
    root = _root_calling_the_registry(tmp_path / "root")
    (tmp_path / "no-terraformrc").write_text(
        f'host "registry.terraform.io" {{\n  services = {{\n'
        f'    "modules.v1" = "http://127.0.0.1:{closed_port()}/v1/modules/"\n  }}\n}}\n',
        "utf-8",
    )
    monkeypatch.setenv("ASSAYMARK_MODULE_CACHE", str(tmp_path / "modules-cache"))
    result = run("scan", "terraform", root, "--download-modules", "--format", "json")
    assert result.code == 3
    (error,) = result.json()["errors"]
    assert "module source 'acme/storage/aws' cannot be downloaded" in error["message"]
    assert error["location"]["line"] == 1


def test_a_cache_inside_the_scanned_tree_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Run]
) -> None:
    root = _root_calling_the_registry(tmp_path / "root")
    monkeypatch.setenv("ASSAYMARK_MODULE_CACHE", str(root / ".cache"))
    result = run("scan", "terraform", root, "--download-modules")
    assert result.code == 2
    assert "is inside the scanned folder" in result.err
