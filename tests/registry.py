"""A Terraform module registry on 127.0.0.1 for tests, and the git repositories behind it.

It serves service discovery, the versions and download endpoints of the module registry
protocol, and files (archives) under /files/; optionally over TLS with a certificate made for
127.0.0.1. Nothing leaves loopback: the packages it names are git repositories in tmp_path.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_GIT_IDENTITY = (
    "-c",
    "user.name=Registry Test",
    "-c",
    "user.email=registry@example.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "tag.gpgsign=false",
)


def git(folder: Path, *arguments: str) -> str:
    """Run git in `folder` (never a shell) and return what it printed."""
    done = subprocess.run(
        ["git", *_GIT_IDENTITY, *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.strip()


def make_repository(folder: Path, fixture: Path, tags: Iterable[str]) -> Path:
    """A git repository in `folder` with the files of `fixture`, and one commit and tag per tag
    in `tags`; each commit's version.tf names its version, so tests can tell which they got."""
    folder.mkdir(parents=True)
    git(folder, "init", "--quiet", "--initial-branch=main")
    for source in sorted(fixture.rglob("*")):
        target = folder / source.relative_to(fixture)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.write_bytes(source.read_bytes())
    for tag in tags:
        number = tag.removeprefix("v")
        (folder / "version.tf").write_text(f'locals {{\n  module_version = "{number}"\n}}\n')
        git(folder, "add", "--all")
        git(folder, "commit", "--quiet", "-m", f"Release {number}")
        git(folder, "tag", tag)
    return folder


def tls_context(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context with a self-signed certificate for 127.0.0.1, and the certificate's
    file (for SSL_CERT_FILE, so that clients trust it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_file = folder / "registry-cert.pem"
    key_file = folder / "registry-key.pem"
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate_file, key_file)
    return context, certificate_file


@dataclass
class Served:
    """A file the registry serves, with extra `headers`; `truncate` sends half of it, then
    hangs up."""

    body: bytes
    truncate: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class Registry:
    """A module registry on 127.0.0.1 (port 0: the system picks a free one).

    `modules` maps "NAMESPACE/NAME/PROVIDER" to versions, each with the X-Terraform-Get value
    its download answers (None: a 204 without the header). `files` maps a path to a file.
    `requests` lists the paths asked for, in order.
    """

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.modules: dict[str, dict[str, str | None]] = {}
        self.files: dict[str, Served] = {}
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def host(self) -> str:
        """The registry's hostname as a module source names it: 127.0.0.1:PORT."""
        return f"127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        """The registry's base URL."""
        return f"{self.scheme}://{self.host}"

    @property
    def modules_url(self) -> str:
        """The base URL of the module registry protocol (its `modules.v1`)."""
        return f"{self.url}/v1/modules/"

    def start(self) -> Registry:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()

    def __enter__(self) -> Registry:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def publish(self, module: str, repository: Path, tags: Iterable[str]) -> None:
        """Offer `module` at each tag of a local git repository (tag v1.2.0 is version 1.2.0)."""
        versions = self.modules.setdefault(module, {})
        for tag in tags:
            versions[tag.removeprefix("v")] = f"git::{repository.as_uri()}?ref={tag}"

    def cli_config(self, path: Path, host: str = "registry.terraform.io") -> Path:
        """Write a Terraform CLI configuration sending `host`'s modules.v1 here."""
        services = f'  services = {{\n    "modules.v1" = "{self.modules_url}"\n  }}\n'
        path.write_text(f'host "{host}" {{\n{services}}}\n')
        return path


def _handler(registry: Registry) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read `registry.requests` instead."""

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            registry.requests.append(path)
            if path == "/.well-known/terraform.json":
                self._json({"modules.v1": "/v1/modules/"})
            elif path.startswith("/v1/modules/"):
                self._module(path.removeprefix("/v1/modules/").split("/"))
            elif path in registry.files:
                self._file(registry.files[path])
            else:
                self._status(404)

        def _module(self, parts: list[str]) -> None:
            versions = registry.modules.get("/".join(parts[:3]))
            if versions is None:
                self._status(404)
            elif parts[3:] == ["versions"]:
                listed = [{"version": version} for version in versions]
                self._json({"modules": [{"versions": listed}]})
            elif len(parts) == 5 and parts[4] == "download" and parts[3] in versions:
                self.send_response(204)
                location = versions[parts[3]]
                if location is not None:
                    self.send_header("X-Terraform-Get", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._status(404)

        def _file(self, served: Served) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(served.body)))
            for name, value in served.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if served.truncate:
                self.wfile.write(served.body[: len(served.body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(served.body)

        def _json(self, document: object) -> None:
            body = json.dumps(document).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _status(self, code: int) -> None:
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler
