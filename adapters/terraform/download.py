"""Downloading the remote modules a configuration calls, as `terraform init` does.

Registry addresses go through the module registry protocol (with the host overrides of
Terraform's CLI configuration), git sources through the `git` command, archives over https.
Each resolved package (a source at one exact version or ref) is a folder of the cache, written
beside and renamed in whole: a run never sees half a module, and a second run needs no network.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import json
import os
import re
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

from hcl2.api import loads as hcl_loads
from lark.exceptions import LarkError

from adapters.base import AdapterError

#: Seconds any one network read or connection may take.
HTTP_TIMEOUT = 30.0
#: Seconds a whole archive download may take (a slow drip of bytes is not a timeout).
DOWNLOAD_DEADLINE = 600.0
#: Seconds a git clone and checkout may take.
GIT_TIMEOUT = 600.0
#: Bytes of a service discovery or versions document.
MAX_DOCUMENT_BYTES = 1 << 20
#: Bytes of a downloaded archive.
MAX_ARCHIVE_BYTES = 256 << 20
#: Bytes and entries an archive may unpack to.
MAX_PACKAGE_BYTES = 1 << 30
MAX_PACKAGE_ENTRIES = 100_000
#: X-Terraform-Get answers that point at yet another X-Terraform-Get answer.
MAX_INDIRECTIONS = 3
#: Seconds after which an unfinished download folder in the cache is from a killed run.
STALE_PARTIAL = 24 * 3600.0

DEFAULT_REGISTRY = "registry.terraform.io"
_USER_AGENT = "assaymark (module downloader)"
_PARTIAL = ".partial-"
_ARCHIVE_KINDS = ("tar.gz", "tgz", "tar.bz2", "tbz2", "tar.xz", "txz", "tar", "zip")
_TAR_MODES = {"tar.gz": "r:gz", "tgz": "r:gz", "tar.bz2": "r:bz2", "tbz2": "r:bz2"}
_TAR_MODES |= {"tar.xz": "r:xz", "txz": "r:xz", "tar": "r:"}
_HASHES = frozenset({"md5", "sha1", "sha256", "sha512"})
# Variables a git hook (pre-commit) sets for its own repository: a clone must not inherit them.
_GIT_LOCAL_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_QUARANTINE_PATH",
    "GIT_SHALLOW_FILE",
    "GIT_GRAFT_FILE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_REPLACE_REF_BASE",
    "GIT_NO_REPLACE_OBJECTS",
)


class ModuleDownloadError(AdapterError):
    """Why a module source could not be downloaded (message names the source and the cause)."""


class _Failure(Exception):
    """The cause of a failed download; `fetch` adds the source it was for."""


class _HttpStatus(_Failure):
    """A registry or server answered an HTTP error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


# --- Redaction -------------------------------------------------------------------------------

_USERINFO = re.compile(r"(://)[^/@\s]*@")
_PARAMETER = re.compile(r"([?&])([^=&\s#'\"]+)=([^&\s#'\"]*)")
_SHOWN_PARAMETERS = frozenset({"ref", "archive", "depth"})


def _redact(text: str) -> str:
    """`text` without URL passwords or user names, and without query values other than refs
    (presigned archive URLs carry signatures, git sources may carry an `sshkey`)."""
    text = _USERINFO.sub(r"\1", text)
    return _PARAMETER.sub(
        lambda m: m[0] if m[2] in _SHOWN_PARAMETERS else f"{m[1]}{m[2]}=***", text
    )


# --- Versions and constraints ----------------------------------------------------------------

_VERSION = re.compile(
    r"v?(?P<release>\d{1,20}(?:\.\d{1,20}){0,9})"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
_CONDITION = re.compile(r"\s*(?P<op>!=|>=|<=|~>|=|>|<)?\s*(?P<version>\S+)\s*")
_PADDED = 10


@dataclass(frozen=True, eq=False)
class Version:
    """A module version number: numeric segments as written, a pre-release; build metadata is
    ignored when comparing. Versions with fewer segments compare as if padded with zeros."""

    segments: tuple[int, ...]
    prerelease: str
    text: str

    @classmethod
    def parse(cls, text: str) -> Version:
        """The version `text` names (`1.2.0`, `v1.2`, `2.0.0-beta.1`); ValueError if none."""
        found = _VERSION.fullmatch(text.strip())
        if found is None:
            raise ValueError(f"{text[:60]!r} is not a version number")
        segments = tuple(int(part) for part in found["release"].split("."))
        return cls(segments, found["pre"] or "", text.strip())

    @property
    def release(self) -> tuple[int, ...]:
        """The numeric segments padded with zeros, for comparisons."""
        return self.segments + (0,) * (_PADDED - len(self.segments))

    def _key(self) -> tuple[tuple[int, ...], tuple[tuple[int, int, str], ...]]:
        if not self.prerelease:
            # A release sorts after each of its pre-releases.
            return self.release, ((2, 0, ""),)
        identifiers = tuple(
            (0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in self.prerelease.split(".")
        )
        return self.release, identifiers

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Version) -> bool:
        return self._key() <= other._key()

    def __str__(self) -> str:
        return self.text


def _same_release_line(version: Version, bound: Version) -> bool:
    """Whether an ordering condition may consider `version` at all: a pre-release only against a
    bound that is a pre-release of the same release, as Terraform's go-version does."""
    if not version.prerelease:
        return True
    return bool(bound.prerelease) and version.release == bound.release


@dataclass(frozen=True)
class Condition:
    """One comparison of a constraint, such as `>= 1.2.0`."""

    operator: str
    version: Version

    def allows(self, version: Version) -> bool:
        """Whether `version` meets this condition."""
        bound, op = self.version, self.operator
        if op == "=":
            return version == bound
        if op == "!=":
            return version != bound
        if not _same_release_line(version, bound):
            return False
        if op == "~>":
            return self._pessimistic(version)
        comparisons: dict[str, Callable[[], bool]] = {
            ">": lambda: bound < version,
            ">=": lambda: bound <= version,
            "<": lambda: version < bound,
            "<=": lambda: version <= bound,
        }
        return comparisons[op]()

    def _pessimistic(self, version: Version) -> bool:
        bound = self.version
        if bound.prerelease and not version.prerelease:
            return False
        # Only the rightmost segment written may grow: `~> 1.2` is 1.x from 1.2, `~> 1.2.0`
        # is 1.2.x; `~> 1` has nothing left of its last segment, so it is `>= 1`, as in Terraform.
        fixed = len(bound.segments) - 1
        return bound <= version and version.release[:fixed] == bound.release[:fixed]


@dataclass(frozen=True)
class VersionConstraint:
    """A Terraform version constraint: comma-separated conditions that must all hold.

    As in `terraform init`, a pre-release is chosen only when a condition names it exactly.
    """

    conditions: tuple[Condition, ...]
    text: str

    @classmethod
    def parse(cls, text: str | None) -> VersionConstraint:
        """The constraint `text` states (None: any release); ValueError if it is not one."""
        if text is None:
            return cls((), "")
        conditions = []
        for part in text.split(","):
            found = _CONDITION.fullmatch(part)
            if found is None:
                raise ValueError("a condition is empty")
            conditions.append(Condition(found["op"] or "=", Version.parse(found["version"])))
        return cls(tuple(conditions), text)

    def allows(self, version: Version) -> bool:
        """Whether `version` meets every condition."""
        if version.prerelease and not any(
            c.operator == "=" and c.version == version for c in self.conditions
        ):
            return False
        return all(condition.allows(version) for condition in self.conditions)

    def newest(self, versions: Iterable[Version]) -> Version | None:
        """The newest of `versions` the constraint allows, if any."""
        return max((v for v in versions if self.allows(v)), default=None)


# --- Source addresses ------------------------------------------------------------------------

_LABEL = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?")
_PROVIDER = re.compile(r"[0-9a-z]{1,64}")
_HOST_LABEL = r"[0-9A-Za-z](?:[0-9A-Za-z-]{0,61}[0-9A-Za-z])?"
_HOSTNAME = re.compile(rf"{_HOST_LABEL}(?:\.{_HOST_LABEL})*(?::\d{{1,5}})?")
# Older Terraform read these as shorthands for their git repositories; they are never registries.
_SHORTHAND_HOSTS = frozenset({"github.com", "bitbucket.org"})
_FORCED = re.compile(r"(?P<getter>[A-Za-z0-9]+)::(?P<rest>.+)", re.DOTALL)
_SCP = re.compile(r"[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:(?!//)\S+")
_REF = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/+@-]{0,254}")
_COMMIT = re.compile(r"[0-9a-fA-F]{7,40}")
_CLOUD_STORAGE = re.compile(r"[^/]*(amazonaws\.com|googleapis\.com)/", re.IGNORECASE)


@dataclass(frozen=True)
class LocalAddress:
    """A `./` or `../` path, relative to the calling module's folder."""

    path: str


@dataclass(frozen=True)
class RegistryAddress:
    """A module on a registry: `[HOST/]NAMESPACE/NAME/PROVIDER[//SUBDIR]`."""

    host: str
    namespace: str
    name: str
    provider: str
    subdir: str = ""

    @property
    def module(self) -> str:
        """The module's full address, host included."""
        return f"{self.host}/{self.namespace}/{self.name}/{self.provider}"


@dataclass(frozen=True)
class GitPackage:
    """A git repository at a ref (a tag, branch or commit; None: the default branch)."""

    url: str
    ref: str | None = None
    kind = "git"

    @property
    def key(self) -> str:
        """What identifies the package in the cache."""
        return f"git::{self.url}?ref={self.ref or ''}"


@dataclass(frozen=True)
class ArchivePackage:
    """A `.zip` or `.tar.*` archive at an https URL, with an optional `TYPE:HEX` checksum."""

    url: str
    archive: str
    checksum: str | None = None
    kind = "archive"

    @property
    def key(self) -> str:
        """What identifies the package in the cache."""
        return f"{self.archive}::{self.url}"


@dataclass(frozen=True)
class HttpPackage:
    """An https URL that names its package in an X-Terraform-Get header."""

    url: str
    kind = "http"

    @property
    def key(self) -> str:
        """What identifies the package in the cache."""
        return self.url


Package = GitPackage | ArchivePackage | HttpPackage


@dataclass(frozen=True)
class RemoteAddress:
    """A package to download, and the folder of it that holds the module."""

    package: Package
    subdir: str = ""


Address = LocalAddress | RegistryAddress | RemoteAddress


def parse_address(source: str) -> Address:
    """What a module `source` names, as Terraform reads it; ModuleDownloadError if nothing."""
    try:
        return _parse_address(source)
    except _Failure as exc:
        raise ModuleDownloadError(f"module source {_redact(source)!r}: {exc}") from None


def _parse_address(source: str) -> Address:
    if source.startswith(("./", "../", ".\\", "..\\")):
        return LocalAddress(source)
    registry = _registry_address(source)
    if registry is not None:
        return registry
    remote = _remote_address(source)
    if remote is None:
        raise _Failure(
            "not a module source address (registry NAMESPACE/NAME/PROVIDER, git::URL, "
            "github.com/ORG/REPO, an https archive, or a ./ or ../ path)"
        )
    return remote


def _split_subdir(source: str) -> tuple[str, str]:
    """`source` without its `//subdir` (the query string stays with the URL), and the subdir."""
    stop = source.find("?")
    stop = len(source) if stop < 0 else stop
    scheme = source.find("://", 0, stop)
    offset = scheme + 3 if scheme >= 0 else 0
    at = source.find("//", offset, stop)
    if at < 0:
        return source, ""
    return source[:at] + source[stop:], _clean_subdir(source[at + 2 : stop])


def _clean_subdir(text: str) -> str:
    """A subdirectory as a relative POSIX path; one that climbs out of its package is refused."""
    parts = [part for part in text.replace("\\", "/").split("/") if part not in ("", ".")]
    if ".." in parts:
        raise _Failure(f"the subdirectory {text!r} climbs out of the package")
    return "/".join(parts)


def _registry_address(source: str) -> RegistryAddress | None:
    if "::" in source or "://" in source or "?" in source:
        return None
    text, subdir = _split_subdir(source)
    parts = text.split("/")
    host = DEFAULT_REGISTRY
    if len(parts) == 4:
        host = parts.pop(0).lower()
        if host in _SHORTHAND_HOSTS or not _HOSTNAME.fullmatch(host):
            return None
    if len(parts) != 3:
        return None
    namespace, name, provider = parts
    if not (_LABEL.fullmatch(namespace) and _LABEL.fullmatch(name)):
        return None
    if not _PROVIDER.fullmatch(provider):
        return None
    return RegistryAddress(host, namespace, name, provider, subdir)


def _remote_address(source: str) -> RemoteAddress | None:
    forced = _FORCED.fullmatch(source)
    if forced is not None:
        return _forced_address(forced["getter"].lower(), forced["rest"])
    text, subdir = _split_subdir(source)
    if text.startswith(("github.com/", "bitbucket.org/")):
        return _shorthand_address(text, subdir)
    if _SCP.fullmatch(text.partition("?")[0]):
        return RemoteAddress(_git_package(text), subdir)
    scheme = urllib.parse.urlsplit(text).scheme.lower()
    if scheme in ("http", "https"):
        return RemoteAddress(_http_package(text), subdir)
    if scheme:
        raise _Failure(f"{scheme}:// sources are not supported (prefix git sources with git::)")
    if _CLOUD_STORAGE.match(text):
        raise _Failure("S3 and GCS module sources are not supported")
    return None


def _forced_address(getter: str, rest: str) -> RemoteAddress:
    text, subdir = _split_subdir(rest)
    if getter == "git":
        return RemoteAddress(_git_package(text), subdir)
    if getter in ("http", "https"):
        return RemoteAddress(_http_package(text), subdir)
    raise _Failure(f"{getter}:: sources are not supported (only registry, git and archive ones)")


def _shorthand_address(text: str, subdir: str) -> RemoteAddress:
    path, _, query = text.partition("?")
    host, *parts = path.split("/")
    if len(parts) < 2 or not all(parts[:2]):
        raise _Failure(f"{host} sources name a repository: {host}/OWNER/REPOSITORY")
    repository = parts[1] if parts[1].endswith(".git") else f"{parts[1]}.git"
    inner = "/".join(part for part in (*parts[2:], subdir) if part)
    url = f"https://{host}/{parts[0]}/{repository}" + (f"?{query}" if query else "")
    return RemoteAddress(_git_package(url), _clean_subdir(inner))


def _git_package(text: str) -> GitPackage:
    base, _, query = text.partition("?")
    ref: str | None = None
    kept: list[tuple[str, str]] = []
    for key, value in urllib.parse.parse_qsl(query, keep_blank_values=True):
        if key == "ref":
            ref = value
        elif key == "sshkey":
            raise _Failure("the sshkey argument is not supported: load the key into an ssh agent")
        elif key != "depth":  # every clone is as shallow as its ref allows
            kept.append((key, value))
    url = base + (f"?{urllib.parse.urlencode(kept)}" if kept else "")
    _check_git_url(url)
    if ref is not None and not _REF.fullmatch(ref):
        raise _Failure(f"{ref[:60]!r} is not a git ref")
    return GitPackage(url, ref or None)


def _check_git_url(url: str) -> None:
    if _SCP.fullmatch(url.partition("?")[0]):
        return
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file" and parts.path:
        return
    if scheme in ("https", "ssh") and parts.hostname:
        return
    if scheme == "http" and _is_loopback(parts.hostname):
        return
    raise _Failure(
        f"git sources are https://, ssh://, file:// or USER@HOST:PATH URLs, not "
        f"{_redact(url)!r} (http only for loopback hosts)"
    )


def _http_package(url: str) -> ArchivePackage | HttpPackage:
    parts = urllib.parse.urlsplit(url)
    archive: str | None = None
    checksum: str | None = None
    kept: list[tuple[str, str]] = []
    for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
        if key == "archive":
            archive = value.lower()
        elif key == "checksum":
            checksum = _checked_checksum(value)
        else:
            kept.append((key, value))
    clean = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(kept)))
    _check_url(clean)
    if archive is None:
        archive = next((k for k in _ARCHIVE_KINDS if parts.path.lower().endswith(f".{k}")), None)
    if archive is None:
        return HttpPackage(clean)
    if archive not in _ARCHIVE_KINDS:
        raise _Failure(
            f"archive={archive!r} is not a supported archive ({', '.join(_ARCHIVE_KINDS)})"
        )
    return ArchivePackage(clean, archive, checksum)


def _checked_checksum(value: str) -> str:
    kind, _, digest = value.partition(":")
    if kind.lower() not in _HASHES or not re.fullmatch(r"[0-9a-fA-F]{32,128}", digest):
        raise _Failure("checksum= must be md5, sha1, sha256 or sha512 followed by :HEX")
    return f"{kind.lower()}:{digest.lower()}"


# --- HTTP ------------------------------------------------------------------------------------


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if "@" in parts.netloc:
        # urllib would take the user name and password for part of the hostname.
        raise _Failure(f"{_redact(url)}: user names and passwords in https URLs are not supported")
    if scheme == "https" and parts.hostname:
        return
    if scheme == "http" and _is_loopback(parts.hostname):
        return
    raise _Failure(f"{_redact(url)} is not an https URL (http is allowed only for loopback hosts)")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a URL a request could have named itself."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        _check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _cause(exc: BaseException) -> str:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"no answer within {HTTP_TIMEOUT:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    return _redact(str(reason) or type(reason).__name__)


def _open(url: str, accept: str = "application/json") -> http.client.HTTPResponse:
    """An open answer from `url` (https, or http on loopback), after checked redirects."""
    _check_url(url)
    handlers: list[urllib.request.BaseHandler] = [_CheckedRedirects()]
    if _is_loopback(urllib.parse.urlsplit(url).hostname):
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": accept})
    try:
        return cast(http.client.HTTPResponse, opener.open(request, timeout=HTTP_TIMEOUT))
    except urllib.error.HTTPError as exc:
        exc.close()
        raise _HttpStatus(f"{_redact(url)} answered HTTP {exc.code}", exc.code) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _Failure(f"{_redact(url)} cannot be reached ({_cause(exc)})") from None


def _read(response: http.client.HTTPResponse, url: str, size: int) -> bytes:
    """Up to `size` bytes of an answer; _Failure if the connection breaks or times out."""
    try:
        return response.read(size)
    except (OSError, http.client.HTTPException) as exc:
        raise _Failure(f"the answer from {_redact(url)} was cut off ({_cause(exc)})") from None


def _check_complete(response: http.client.HTTPResponse, url: str) -> None:
    # read(n) returns b"" when the server hangs up early; what was promised is still owed.
    if response.length:
        raise _Failure(
            f"the answer from {_redact(url)} was cut off ({response.length:,} bytes short)"
        )


def _read_document(response: http.client.HTTPResponse, url: str) -> bytes:
    body = _read(response, url, MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise _Failure(f"{_redact(url)} answered more than {MAX_DOCUMENT_BYTES:,} bytes")
    _check_complete(response, url)
    return body


def _get_json(url: str) -> tuple[dict[str, Any], str]:
    """The JSON object at `url`, and the URL it finally came from."""
    with _open(url) as response:
        body = _read_document(response, url)
        final = response.geturl()
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise _Failure(f"{_redact(url)} did not answer JSON") from None
    if not isinstance(document, dict):
        raise _Failure(f"{_redact(url)} did not answer a JSON object")
    return document, final


def _save(url: str, path: Path) -> None:
    """Write what `url` answers to `path`, within MAX_ARCHIVE_BYTES and DOWNLOAD_DEADLINE."""
    deadline = time.monotonic() + DOWNLOAD_DEADLINE
    written = 0
    with _open(url, accept="*/*") as response, path.open("xb") as out:
        while chunk := _read(response, url, 1 << 16):
            written += len(chunk)
            if written > MAX_ARCHIVE_BYTES:
                raise _Failure(f"{_redact(url)} is larger than {MAX_ARCHIVE_BYTES:,} bytes")
            if time.monotonic() > deadline:
                raise _Failure(f"{_redact(url)} took longer than {DOWNLOAD_DEADLINE:g} s")
            out.write(chunk)
        _check_complete(response, url)


def _terraform_get(url: str) -> str:
    """The package address an https URL names in its X-Terraform-Get header."""
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    with _open(f"{url}{separator}terraform-get=1", accept="*/*") as response:
        location = response.headers.get("X-Terraform-Get")
    if not location:
        raise _Failure(
            f"{_redact(url)} is neither an archive ({', '.join(_ARCHIVE_KINDS)}) nor answers an "
            "X-Terraform-Get header"
        )
    return str(location)


# --- Terraform's CLI configuration -----------------------------------------------------------


def _cli_config_path() -> tuple[Path | None, bool]:
    """Terraform's CLI configuration file, and whether the user named it explicitly."""
    explicit = os.environ.get("TF_CLI_CONFIG_FILE")
    if explicit:
        return Path(explicit), True
    if os.name == "nt":
        appdata = os.environ.get("APPDATA")
        return (Path(appdata) / "terraform.rc" if appdata else None), False
    return Path.home() / ".terraformrc", False


def _module_services(config: Any, path: Path) -> dict[str, str]:
    """The `modules.v1` URL of each `host` block of a parsed CLI configuration."""
    blocks = config.get("host", []) if isinstance(config, dict) else []
    blocks = [blocks] if isinstance(blocks, dict) else blocks
    services: dict[str, str] = {}
    for block in blocks if isinstance(blocks, list) else []:
        for host, body in block.items() if isinstance(block, dict) else ():
            declared = body.get("services") if isinstance(body, dict) else None
            url = declared.get("modules.v1") if isinstance(declared, dict) else None
            if url is not None and not isinstance(url, str):
                raise _Failure(f"{path}: host {host!r} declares a modules.v1 that is not a URL")
            if url is not None:
                services[str(host).lower()] = url
    return services


def _read_host_overrides() -> dict[str, str]:
    """The registry hosts whose `modules.v1` Terraform's CLI configuration sets, by hostname."""
    path, explicit = _cli_config_path()
    if path is None or not path.exists():
        if explicit:
            raise _Failure(f"TF_CLI_CONFIG_FILE names {path}, which does not exist")
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        config = json.loads(text) if path.suffix == ".json" else hcl_loads(text)
    except OSError as exc:
        raise _Failure(
            f"Terraform's CLI configuration {path} cannot be read ({exc.strerror})"
        ) from None
    except (LarkError, ValueError, TypeError, KeyError, RecursionError) as exc:
        message = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise _Failure(f"Terraform's CLI configuration {path} is not valid ({message})") from None
    return _module_services(config, path)


# --- Git -------------------------------------------------------------------------------------


def _git_environment(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCAL_VARIABLES}
    env["GIT_TERMINAL_PROMPT"] = "0"
    # ext:: and other transports could run commands named by the (untrusted) source.
    http = urllib.parse.urlsplit(url).scheme.lower() == "http"
    env["GIT_ALLOW_PROTOCOL"] = "file:https:ssh" + (":http" if http else "")
    if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    env["LC_ALL"] = "C"
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    process.wait()


def _git(arguments: list[str], env: dict[str, str], what: str) -> None:
    """Run git with `arguments`; _Failure with git's last words if it fails or takes too long."""
    try:
        process = subprocess.Popen(
            ["git", *arguments],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=os.name == "posix",
        )
    except OSError as exc:
        raise _Failure(f"the git command cannot be run ({exc.strerror})") from None
    try:
        _, errors = process.communicate(timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise _Failure(f"{what} did not finish within {GIT_TIMEOUT:g} s") from None
    except BaseException:
        _stop(process)
        raise
    if process.returncode != 0:
        raise _Failure(f"{what} failed: {_git_says(errors, process.returncode)}")


def _git_says(errors: bytes, code: int) -> str:
    """The line of git's errors that says what went wrong (its first fatal one), redacted."""
    lines = [line.strip() for line in errors.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    chosen = fatal[0] if fatal else lines[-1] if lines else f"exit code {code}"
    return _redact(chosen)[:300]


def _clone(package: GitPackage, destination: Path) -> None:
    env = _git_environment(package.url)
    what = f"git clone of {_redact(package.url)}"
    shallow = ["clone", "--quiet", "--depth", "1"]
    if package.ref is None:
        _git([*shallow, "--", package.url, str(destination)], env, what)
    else:
        try:
            _git(
                [*shallow, "--branch", package.ref, "--", package.url, str(destination)], env, what
            )
        except _Failure:
            # --branch takes tags and branches only; a commit needs the whole history.
            if not _COMMIT.fullmatch(package.ref):
                raise
            shutil.rmtree(destination, ignore_errors=True)
            _git(
                ["clone", "--quiet", "--no-checkout", "--", package.url, str(destination)],
                env,
                what,
            )
            checkout = ["-C", str(destination), "checkout", "--quiet", "--detach", package.ref]
            _git(checkout, env, f"git checkout of {package.ref}")
    shutil.rmtree(destination / ".git", ignore_errors=True)
    _refuse_links_out(destination)


# --- Archives --------------------------------------------------------------------------------


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def _refuse_links_out(root: Path) -> None:
    """Refuse a package with a link that leads outside it (or more entries than we unpack)."""
    real_root = os.path.realpath(root)
    count = 0
    for folder, directories, files in os.walk(root):
        for name in (*directories, *files):
            count += 1
            path = Path(folder) / name
            if path.is_symlink() and not _inside(os.path.realpath(path), real_root):
                shown = path.relative_to(root).as_posix()
                raise _Failure(f"the package's link {shown} leads outside it: refused")
    if count > MAX_PACKAGE_ENTRIES:
        raise _Failure(f"the package holds more than {MAX_PACKAGE_ENTRIES:,} files and folders")


def _member_path(name: str) -> PurePosixPath | None:
    """Where an archive entry goes inside the package (None: the package itself)."""
    text = name.replace("\\", "/")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if "\x00" in text or text.startswith("/") or re.match(r"[A-Za-z]:", text) or ".." in parts:
        raise _Failure(f"the archive entry {name[:100]!r} points outside the package: refused")
    return PurePosixPath(*parts) if parts else None


class _Unpacking:
    """Writes an archive's entries under `root`: files and folders first, links last, each link
    checked to stay inside, and the whole bounded in entries and bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries = 0
        self.size = 0
        self.links: list[tuple[PurePosixPath, str, bool]] = []

    def _place(self, name: str) -> PurePosixPath | None:
        self.entries += 1
        if self.entries > MAX_PACKAGE_ENTRIES:
            raise _Failure(f"the archive holds more than {MAX_PACKAGE_ENTRIES:,} entries")
        return _member_path(name)

    def directory(self, name: str) -> None:
        """A folder entry."""
        relative = self._place(name)
        if relative is not None:
            (self.root / relative).mkdir(parents=True, exist_ok=True)

    def file(self, name: str, stream: IO[bytes]) -> None:
        """A regular file entry, copied from `stream` within the size bound."""
        relative = self._place(name)
        if relative is None:
            raise _Failure(f"the archive entry {name[:100]!r} is a file where the package is")
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            while chunk := stream.read(1 << 16):
                self.size += len(chunk)
                if self.size > MAX_PACKAGE_BYTES:
                    raise _Failure(f"the archive unpacks to more than {MAX_PACKAGE_BYTES:,} bytes")
                out.write(chunk)

    def link(self, name: str, target: str, *, hard: bool) -> None:
        """A link entry, made once every file and folder is in place."""
        relative = self._place(name)
        if relative is None or target.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", target):
            raise _Failure(f"the archive's link {name[:100]!r} leads outside the package: refused")
        self.links.append((relative, target, hard))

    def finish(self) -> None:
        """Make the links, refusing any that leads outside the package."""
        real_root = os.path.realpath(self.root)
        for relative, target, hard in self.links:
            path = self.root / relative
            if not _inside(os.path.realpath(path.parent), real_root):
                raise _Failure(f"the archive's link {relative} leads outside the package: refused")
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_symlink() or path.exists():
                raise _Failure(f"the archive's link {relative} is also another entry: refused")
            if hard:
                self._copy_hard_link(path, target, real_root)
                continue
            path.symlink_to(target)
            if not _inside(os.path.realpath(path), real_root):
                raise _Failure(f"the archive's link {relative} leads outside the package: refused")
        _refuse_links_out(self.root)

    def _copy_hard_link(self, path: Path, target: str, real_root: str) -> None:
        source = _member_path(target)
        original = self.root / source if source is not None else self.root
        if not (original.is_file() and _inside(os.path.realpath(original), real_root)):
            raise _Failure(f"the archive's hard link {target[:100]!r} names no file of the package")
        shutil.copyfile(original, path)


def _unpack_tar(archive: Path, mode: str, unpacking: _Unpacking) -> None:
    with tarfile.open(archive, mode) as tar:  # type: ignore[call-overload]
        for member in tar:
            if member.isdir():
                unpacking.directory(member.name)
            elif member.isreg():
                stream = tar.extractfile(member)
                assert stream is not None  # a regular member always has data
                with stream:
                    unpacking.file(member.name, stream)
            elif member.issym() or member.islnk():
                unpacking.link(member.name, member.linkname, hard=member.islnk())
            else:
                raise _Failure(f"the archive entry {member.name[:100]!r} is a device or a pipe")


def _unpack_zip(archive: Path, unpacking: _Unpacking) -> None:
    with zipfile.ZipFile(archive) as bundle:
        for info in bundle.infolist():
            mode = info.external_attr >> 16
            if info.is_dir():
                unpacking.directory(info.filename)
            elif (mode & 0o170000) == 0o120000:
                with bundle.open(info) as stream:
                    target = stream.read(4096).decode("utf-8", "replace")
                unpacking.link(info.filename, target, hard=False)
            else:
                with bundle.open(info) as stream:
                    unpacking.file(info.filename, stream)


def _unpack(archive: Path, kind: str, destination: Path) -> None:
    """Unpack `archive` into `destination`, refusing entries and links that lead outside it."""
    destination.mkdir()
    unpacking = _Unpacking(destination)
    try:
        if kind == "zip":
            _unpack_zip(archive, unpacking)
        else:
            _unpack_tar(archive, _TAR_MODES[kind], unpacking)
        unpacking.finish()
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise _Failure(f"the download is not a valid {kind} archive ({exc})") from None
    except OSError as exc:
        raise _Failure(f"the {kind} archive cannot be unpacked ({exc.strerror or exc})") from None


def _verify(path: Path, checksum: str) -> None:
    kind, _, expected = checksum.partition(":")
    digest = hashlib.new(kind)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 16):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise _Failure(f"the archive's {kind} checksum is {digest.hexdigest()}, not {expected}")


# --- Packages in folders ---------------------------------------------------------------------


def _resolve_subdir(package: Path, subdir: str) -> Path:
    """The folder `subdir` of a package (patterns such as `*` must match exactly one folder)."""
    target = package
    for part in subdir.split("/") if subdir else ():
        if not any(character in part for character in "*?["):
            target = target / part
            continue
        matches = sorted(path for path in target.glob(part) if path.is_dir())
        if len(matches) != 1:
            raise _Failure(f"the subdirectory {subdir!r} matches {len(matches)} folders, not one")
        target = matches[0]
    if not _inside(os.path.realpath(target), os.path.realpath(package)):
        raise _Failure(f"the subdirectory {subdir!r} leads outside the package")
    if not target.is_dir():
        raise _Failure(f"the package has no folder {subdir!r}")
    return target


def _join(*parts: str) -> str:
    return "/".join(part for part in parts if part)


def _slug(text: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", _redact(text).split("?")[0])[-60:].strip("._")
    return f"{readable}-{hashlib.sha256(text.encode()).hexdigest()[:20]}"


def _sweep_partials(folder: Path) -> None:
    """Remove download folders that a killed run left behind, long ago."""
    now = time.time()
    for child in folder.glob(f"{_PARTIAL}*"):
        with contextlib.suppress(OSError):
            if now - child.stat().st_mtime > STALE_PARTIAL:
                shutil.rmtree(child, ignore_errors=True)


def _cached_versions(folder: Path) -> list[Version]:
    versions = []
    for child in folder.iterdir() if folder.is_dir() else ():
        if child.name.startswith(".") or not (child / "entry.json").is_file():
            continue
        with contextlib.suppress(ValueError):
            versions.append(Version.parse(child.name))
    return versions


def _entry_folder(entry: Path) -> Path:
    """The module folder a cache entry records (its package, and the subdir inside)."""
    try:
        record = json.loads((entry / "entry.json").read_text(encoding="utf-8"))
        subdir = _clean_subdir(str(record["subdir"]))
    except (OSError, ValueError, KeyError, TypeError, _Failure):
        raise _Failure(f"the cache entry {entry} is damaged: remove it and run again") from None
    return _resolve_subdir(entry / "package", subdir)


def _version_list(versions: list[Version]) -> str:
    shown = [str(v) for v in sorted(versions)]
    if len(shown) > 20:
        return ", ".join(shown[-20:]) + f" (and {len(shown) - 20} older)"
    return ", ".join(shown)


# --- The downloader --------------------------------------------------------------------------


def default_cache() -> Path:
    """$ASSAYMARK_MODULE_CACHE, else $XDG_CACHE_HOME/assaymark/modules, else
    ~/.cache/assaymark/modules."""
    explicit = os.environ.get("ASSAYMARK_MODULE_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "assaymark" / "modules"
    return Path.home() / ".cache" / "assaymark" / "modules"


@dataclass(frozen=True)
class ModuleDownloader:
    """Fetches remote module sources into `cache` (a folder outside the scanned tree).

    A registry module already in the cache at a version the constraint allows is used as it is,
    as `terraform init` keeps an installed module; so is a git source at the same ref. Remove
    the cache folder to download newer ones.
    """

    cache: Path
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def fetch(self, source: str, version: str | None, *, base: Path) -> Path:
        """The local folder holding the module `source` (at a version satisfying the constraint
        `version`), downloading it into the cache first if it is not there. `base` is the folder
        of the calling module (for relative subpaths of an already downloaded package). Raises
        ModuleDownloadError."""
        try:
            return self._fetch(source, version, base)
        except _Failure as exc:
            raise ModuleDownloadError(
                f"module source {_redact(source)!r} cannot be downloaded: {exc}"
            ) from None

    def _fetch(self, source: str, version: str | None, base: Path) -> Path:
        address = _parse_address(source)
        if isinstance(address, RegistryAddress):
            try:
                constraint = VersionConstraint.parse(version)
            except ValueError as exc:
                raise _Failure(f"{version!r} is not a version constraint ({exc})") from None
            return self._registry_module(address, constraint)
        if version is not None:
            raise _Failure("only registry modules take a version: pin git sources with ?ref=")
        if isinstance(address, LocalAddress):
            return self._local(address, base)
        entry = self._store(
            self.cache / address.package.kind / _slug(address.package.key),
            lambda folder: self._download(address.package, folder),
            address.package.key,
        )
        return self._module_folder(entry, address.subdir)

    def _module_folder(self, entry: Path, subdir: str) -> Path:
        folder = _entry_folder(entry)
        relative = folder.relative_to(entry / "package").as_posix()
        return _resolve_subdir(
            entry / "package", _join("" if relative == "." else relative, subdir)
        )

    def _local(self, address: LocalAddress, base: Path) -> Path:
        target = Path(os.path.normpath(base / address.path))
        package = self._package_of(base)
        if package is not None and not _inside(os.path.realpath(target), os.path.realpath(package)):
            raise _Failure("the path leads outside the downloaded package that calls it")
        if not target.is_dir():
            raise _Failure(f"the folder {target} does not exist")
        return target

    def _package_of(self, folder: Path) -> Path | None:
        """The cached package `folder` is in, if it is in one."""
        cache = Path(os.path.realpath(self.cache))
        here = Path(os.path.realpath(folder))
        for candidate in (here, *here.parents):
            if candidate == cache or not _inside(str(candidate), str(cache)):
                return None
            if candidate.name == "package" and (candidate.parent / "entry.json").is_file():
                return candidate
        return None

    # Registry modules.

    def _registry_module(self, address: RegistryAddress, constraint: VersionConstraint) -> Path:
        folder = self.cache / "registry" / _slug(address.module)
        cached = constraint.newest(_cached_versions(folder))
        if cached is not None:
            return self._module_folder(folder / cached.text, address.subdir)
        api = self._modules_api(address.host)
        versions = self._versions(api, address)
        chosen = constraint.newest(versions)
        if chosen is None:
            raise _Failure(
                f"no version of {address.module} satisfies {constraint.text!r}; the registry "
                f"has {_version_list(versions)}"
            )
        entry = self._store(
            folder / chosen.text,
            lambda package: self._registry_package(api, address, chosen, package),
            f"{address.module} {chosen}",
        )
        return self._module_folder(entry, address.subdir)

    def _host_overrides(self) -> dict[str, str]:
        if "hosts" not in self._memo:
            self._memo["hosts"] = _read_host_overrides()
        return cast(dict[str, str], self._memo["hosts"])

    def _modules_api(self, host: str) -> str:
        """The base URL of a host's module registry: from the CLI configuration, else from the
        host's service discovery document."""
        key = f"api:{host}"
        if key not in self._memo:
            url = self._host_overrides().get(host)
            if url is None:
                url = _discover_modules(host)
            _check_url(url)
            self._memo[key] = url if url.endswith("/") else f"{url}/"
        return cast(str, self._memo[key])

    def _versions(self, api: str, address: RegistryAddress) -> list[Version]:
        path = f"{address.namespace}/{address.name}/{address.provider}/versions"
        url = urllib.parse.urljoin(api, path)
        try:
            document, _ = _get_json(url)
        except _HttpStatus as exc:
            if exc.status == 404:
                raise _Failure(
                    f"the registry {address.host} has no module {address.module}"
                ) from None
            raise
        try:
            listed = document["modules"][0]["versions"]
            texts = [entry["version"] for entry in listed]
        except (KeyError, IndexError, TypeError):
            raise _Failure(
                f"{_redact(url)} answered no versions list of the module registry protocol"
            ) from None
        versions = []
        for text in texts:
            with contextlib.suppress(ValueError, AttributeError):
                versions.append(Version.parse(text))
        if not versions:
            raise _Failure(f"the registry {address.host} lists no version of {address.module}")
        return versions

    def _registry_package(
        self, api: str, address: RegistryAddress, version: Version, package: Path
    ) -> str:
        path = f"{address.namespace}/{address.name}/{address.provider}"
        url = urllib.parse.urljoin(api, f"{path}/{urllib.parse.quote(version.text)}/download")
        with _open(url) as response:
            location = response.headers.get("X-Terraform-Get")
            body = _read_document(response, url)
        if not location:
            location = _json_location(body)
        if not location:
            raise _Failure(
                f"the registry's download answer for {address.module} {version} has no "
                "X-Terraform-Get header"
            )
        return self._download_location(str(location), url, package, 0)

    # Packages.

    def _download_location(self, location: str, origin: str, package: Path, depth: int) -> str:
        """Download the package an X-Terraform-Get answer names; the module's subdir in it."""
        try:
            target = _location_address(location, origin)
        except _Failure as exc:
            raise _Failure(f"X-Terraform-Get {_redact(location)!r} is not usable: {exc}") from None
        if not isinstance(target, RemoteAddress):
            raise _Failure(
                f"X-Terraform-Get {_redact(location)!r} is not a git, archive or https source"
            )
        inner = self._download(target.package, package, depth + 1)
        found = _resolve_subdir(package, _join(inner, target.subdir))
        relative = found.relative_to(package).as_posix()
        return "" if relative == "." else relative

    def _download(self, package: Package, folder: Path, depth: int = 0) -> str:
        """Download `package` into `folder` (which must not exist); the subdir of the module
        when an X-Terraform-Get answer named one."""
        if depth > MAX_INDIRECTIONS:
            raise _Failure(f"more than {MAX_INDIRECTIONS} X-Terraform-Get answers in a row")
        if isinstance(package, GitPackage):
            _clone(package, folder)
            return ""
        if isinstance(package, ArchivePackage):
            archive = folder.with_name(f"{folder.name}.download")
            _save(package.url, archive)
            if package.checksum:
                _verify(archive, package.checksum)
            _unpack(archive, package.archive, folder)
            archive.unlink()
            return ""
        return self._download_location(_terraform_get(package.url), package.url, folder, depth)

    def _store(self, entry: Path, download: Callable[[Path], str], origin: str) -> Path:
        """The cache entry `entry`, downloaded first if absent: into a folder beside it, renamed
        in whole once complete, so nobody ever sees half of it."""
        if (entry / "entry.json").is_file():
            return entry
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _sweep_partials(entry.parent)
            partial = Path(tempfile.mkdtemp(prefix=_PARTIAL, dir=entry.parent))
        except OSError as exc:
            raise _Failure(f"the module cache {self.cache} cannot be written ({exc})") from None
        try:
            subdir = download(partial / "package")
            record = {"source": _redact(origin), "subdir": subdir}
            (partial / "entry.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
            self._rename(partial, entry)
        except OSError as exc:
            raise _Failure(f"the module cache {self.cache} cannot be written ({exc})") from None
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        return entry

    @staticmethod
    def _rename(partial: Path, entry: Path) -> None:
        try:
            partial.rename(entry)
        except OSError:
            # Another run stored the same package first: theirs is as good as ours.
            if not (entry / "entry.json").is_file():
                raise


def _location_address(location: str, origin: str) -> Address:
    """What an X-Terraform-Get value names; one starting with /, ./ or ../ is an https URL
    relative to the answer that gave it."""
    if not location.startswith(("/", "./", "../")):
        return _parse_address(location)
    # The subdir goes aside first: resolving a URL drops the empty segment of its `//`.
    relative, subdir = _split_subdir(location)
    return RemoteAddress(_http_package(urllib.parse.urljoin(origin, relative)), subdir)


def _discover_modules(host: str) -> str:
    """The `modules.v1` URL in a host's service discovery document (always over https)."""
    url = f"https://{host}/.well-known/terraform.json"
    try:
        document, final = _get_json(url)
    except _HttpStatus as exc:
        raise _Failure(
            f"{host} is not a module registry (its service discovery answered HTTP {exc.status})"
        ) from None
    service = document.get("modules.v1")
    if not isinstance(service, str) or not service:
        raise _Failure(f"{host} is not a module registry (its service discovery has no modules.v1)")
    return urllib.parse.urljoin(final, service)


def _json_location(body: bytes) -> str | None:
    """The `location` of a download answer given as JSON instead of a header."""
    try:
        document = json.loads(body) if body.strip() else None
    except (ValueError, RecursionError):
        return None
    location = document.get("location") if isinstance(document, dict) else None
    return location if isinstance(location, str) and location else None
