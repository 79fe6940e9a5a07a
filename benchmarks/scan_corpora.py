"""assaymark's Terraform evaluation on real public code: terraform-aws-modules' `examples/`.

For each corpus (by default terraform-aws-modules' s3-bucket, rds, vpc, security-group, eks and
ecs) it extracts the newest commit of a mirrored repository (a bare git directory, as the
search tool's `fetch` leaves it in /work/.mirror/OWNER+NAME/repo) into a temporary folder, then
runs the installed `assaymark scan terraform EXAMPLES --format json` in a fresh process and
times it (wall; CPU and peak memory of the process and its children, from os.wait4). A run
that exits 3 with no JSON report crashed ("internal error" on standard error): it is counted
and the benchmark goes on. An untimed second run writes an evidence bundle, whose snapshot
gives the root modules and the resources (the JSON report does not count resources). Last,
each root module is scanned on its own, to count the roots that crash; when the whole run
crashed, the error causes are read from the roots that did not.

Error findings (status `error`) and source errors (the report's `errors`) are sorted into causes
by the message patterns of CAUSES below, the first that matches winning; `--show N` prints N
distinct messages per cause and corpus, to read one by one.

With `--download-modules` the registry modules the examples call are served from the mirrors by
a Terraform module registry on loopback (127.0.0.1, a free port), named to assaymark through a
Terraform CLI configuration file (TF_CLI_CONFIG_FILE) with a fresh ASSAYMARK_MODULE_CACHE per
corpus: the timed run downloads, the untimed ones after it find the cache filled. The registry's
downloads and misses (modules not mirrored) are listed. An assaymark without that option is
reported as such. Nothing but loopback and the
local mirrors is touched, and nothing extracted or downloaded is kept.

Fetch the corpora and the modules they call first (fetch github:terraform-aws-modules/NAME for
terraform-aws-s3-bucket, -rds, -vpc, -security-group, -eks, -ecs, and for --download-modules
also -kms, -alb, -autoscaling, -iam, -lambda, -sns and -key-pair, which the examples and the
modules they call use). A corpus is a name in
terraform-aws-modules (`vpc` for terraform-aws-modules/terraform-aws-vpc) or an OWNER/NAME.

Usage: python benchmarks/scan_corpora.py [--mirrors DIR] [--download-modules] [--show N]
       [CORPUS ...]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ASSAYMARK = str(Path(sys.executable).parent / "assaymark")
DEFAULT_CORPORA = ["s3-bucket", "rds", "vpc", "security-group", "eks", "ecs"]
DEFAULT_OWNER = "terraform-aws-modules"
EXIT_NOT_EVALUATED = 3
EXIT_USAGE = 2

# Why an item could not be evaluated, by its message: the first pattern that matches names the
# cause. Messages nest ("x could not be resolved: `expr` (reason)"), so the causes that explain
# others (a module not downloaded, a variable without a value) come before the ones they lead to
# (a value known only after apply).
CAUSES: tuple[tuple[str, str], ...] = (
    ("internal error", r"internal error"),
    (
        "module not downloaded",
        r"not downloaded|modules are not followed|not a local path|cannot be downloaded",
    ),
    ("variable without value", r"no value given|could not be read"),
    ("cycle", r"depends on itself|refers to itself|\bcycle\b"),
    (
        "missing attribute/key",
        r"has no attribute|has no key|is out of range|no such (?:output|variable|local|module"
        r"|data source)|unknown name|cannot be indexed|cannot read '",
    ),
    (
        "type mismatch",
        r"not a bool|needs numbers|cannot interpolate a null|needs a map or a set"
        r"|only a list can be expanded",
    ),
    ("function not evaluated", r"function [\w:]+\(\) is not evaluated"),
    (
        "unsupported construct",
        r"is not evaluated|are not evaluated|are not rendered|not a valid expression"
        r"|unterminated interpolation",
    ),
    ("chosen at run time", r"chosen at run time|has count or for_each: index it"),
    ("provider region unknown", r"sets no region|no provider configuration"),
    ("limit exceeded", r"assaymark evaluates"),
    ("target not in scan", r"which is not in the scan"),
    ("read by a provider when planning", r"read from the provider when planning"),
    ("known after apply", r"known only after apply"),
    ("other", r""),
)
CAUSE_PATTERNS = [(cause, re.compile(pattern)) for cause, pattern in CAUSES]


def classify(message: str) -> str:
    """The cause of an error message: the first entry of CAUSES whose pattern matches."""
    return next(cause for cause, pattern in CAUSE_PATTERNS if pattern.search(message))


@dataclass
class Run:
    """One assaymark process: its exit code, report (None if no JSON came out) and cost."""

    code: int
    report: dict[str, Any] | None
    stderr: str
    wall: float
    cpu: float
    peak_mib: float

    @property
    def crashed(self) -> bool:
        """Exit 3 without a report: assaymark hit an internal error."""
        return self.code == EXIT_NOT_EVALUATED and self.report is None

    @property
    def unsupported_download(self) -> bool:
        """A usage error naming --download-modules: this assaymark has no such option."""
        return self.code == EXIT_USAGE and "download-modules" in self.stderr

    @property
    def problem(self) -> str:
        """The line of standard error that says what went wrong."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        named = [line for line in lines if "internal error" in line or "error:" in line]
        return (named or lines or [f"exit {self.code}"])[-1]


@dataclass
class Item:
    """An error finding or a source error, with the cause it was sorted into."""

    kind: str  # "finding" or "source"
    cause: str
    message: str
    where: str


@dataclass
class Result:
    """What one corpus gave."""

    corpus: str
    commit: str
    roots: int = 0
    resources: int | None = None
    resources_lower_bound: bool = False
    crashed_roots: list[str] = field(default_factory=list)
    whole: Run | None = None
    items: list[Item] = field(default_factory=list)
    items_from_roots: bool = False
    left_out: list[str] = field(default_factory=list)
    note: str = ""


def run_assaymark(arguments: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Run assaymark in a fresh process; its wall and CPU seconds and peak memory with it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [ASSAYMARK, *arguments], stdout=out, stderr=err, env=env, cwd=cwd
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read().decode(errors="replace")
    try:
        report = json.loads(stdout) if stdout.strip() else None
    except ValueError:
        report = None
    return Run(
        code=process.returncode,
        report=report if isinstance(report, dict) else None,
        stderr=stderr,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
    )


def mirror_of(mirrors: Path, corpus: str) -> Path:
    """The bare git directory a corpus name stands for."""
    owner, _, name = corpus.rpartition("/")
    if not owner:
        owner, name = DEFAULT_OWNER, f"terraform-aws-{corpus}"
    return mirrors / f"{owner}+{name}" / "repo"


def git(git_dir: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    """A git command on a bare mirror (read-only)."""
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *arguments], capture_output=True, check=False
    )


def describe(git_dir: Path) -> str:
    """The newest commit as a tag-relative name (v6.6.0, v7.2.0-1-gfa183b6)."""
    done = git(git_dir, "describe", "--tags", "--always", "HEAD")
    return done.stdout.decode().strip() or "?"


UNREADABLE = re.compile(r"for '([^']+)'|'HEAD:([^']+)'")


def extract(git_dir: Path, dest: Path, attempts: int = 20) -> list[str]:
    """Write the newest commit's tree into `dest`; return the paths left out.

    A mirror may lack a blob (terraform-aws-rds lacks examples/s3-import-mysql/backup.zip): when
    `git archive` fails naming paths, it is run again without them.
    """
    excluded: list[str] = []
    for _ in range(attempts):
        spec = ["--", ".", *(f":(exclude,literal){path}" for path in excluded)] if excluded else []
        done = git(git_dir, "archive", "--format=tar", "HEAD", *spec)
        if done.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
                archive.extractall(dest, filter="data")
            return excluded
        stderr = done.stderr.decode(errors="replace")
        named = {a or b for a, b in UNREADABLE.findall(stderr)} - set(excluded)
        if not named:
            raise SystemExit(f"git archive of {git_dir} failed: {stderr.strip()}")
        excluded.extend(sorted(named))
    raise SystemExit(f"git archive of {git_dir} still fails without {len(excluded)} paths")


RELATIVE_SOURCE = re.compile(r'^\s*source\s*=\s*"(\.\.?/[^"]*)"', re.MULTILINE)


def static_roots(folder: Path) -> list[Path]:
    """Root modules found without assaymark: folders with `.tf` files no other one calls."""
    folders = sorted(
        {path.parent for path in folder.rglob("*.tf") if ".terraform" not in path.parts}
    )
    called = {
        (module / source).resolve()
        for module in folders
        for path in module.glob("*.tf")
        for source in RELATIVE_SOURCE.findall(path.read_text(encoding="utf-8", errors="replace"))
    }
    return [module for module in folders if module.resolve() not in called]


def snapshot_of(bundle: Path) -> dict[str, Any] | None:
    """The Terraform snapshot of an evidence bundle, if the run wrote one."""
    path = bundle / "snapshot" / "terraform.json"
    if not path.is_file():
        return None
    snapshot: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return snapshot


def is_resource(entry: dict[str, Any]) -> bool:
    """A managed resource or data source, not a provider configuration or variable."""
    kind = str(entry.get("type", ""))
    return kind != "variable" and not kind.startswith("provider.")


def shown(location: dict[str, Any] | None, cwd: Path, tree: Path) -> str:
    """file:line of a location (relative to assaymark's working folder), relative to the tree."""
    if not location or "file" not in location:
        return "?"
    file = os.path.relpath(os.path.normpath(cwd / str(location["file"])), tree)
    return f"{file}:{location['line']}" if location.get("line") else file


def one_line(message: str, limit: int = 600) -> str:
    """A message on one line (heredocs and policies collapsed), cut at `limit` characters."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def items_of(report: dict[str, Any], cwd: Path, tree: Path) -> list[Item]:
    """The error findings and source errors of a report, classified."""
    found = [
        Item(
            "source",
            classify(error["message"]),
            error["message"],
            shown(error.get("location"), cwd, tree),
        )
        for error in report.get("errors", [])
    ]
    for control in report.get("controls", []):
        for finding in control.get("findings", []):
            if finding.get("status") == "error":
                message = str(finding.get("message", ""))
                where = f"{shown(finding.get('location'), cwd, tree)} {finding.get('resource', '')}"
                found.append(Item("finding", classify(message), message, where.strip()))
    return found


def scan_corpus(
    corpus: str, mirrors: Path, work: Path, env: dict[str, str], extra: list[str]
) -> Result:
    """Extract one corpus, scan its examples whole, then root by root."""
    git_dir = mirror_of(mirrors, corpus)
    if not (git_dir / "HEAD").is_file():
        return Result(corpus, "-", note=f"no mirror at {git_dir}: fetch it first")
    result = Result(corpus, describe(git_dir))
    tree = work / "tree"
    result.left_out = extract(git_dir, tree)
    examples = tree / "examples"
    if not examples.is_dir():
        result.note = "no examples/ folder"
        return result
    scan = ["scan", "terraform", str(examples), "--format", "json", *extra]
    result.whole = run_assaymark(scan, env, work)
    if result.whole.unsupported_download:
        result.note = "download-modules not supported by this assaymark"
        return result
    if result.whole.report is None and not result.whole.crashed:
        result.note = f"exit {result.whole.code}: {result.whole.problem}"
        return result

    inventory = run_assaymark([*scan, "--evidence", str(work / "bundle")], env, work)
    snapshot = snapshot_of(work / "bundle") if inventory.report is not None else None
    if snapshot is not None:
        roots = [Path(root) for root in snapshot["metadata"]["roots"]]
        result.resources = sum(map(is_resource, snapshot["resources"]))
    else:
        roots = static_roots(examples)
    result.roots = len(roots)

    per_root_resources = 0
    per_root_items: list[Item] = []
    for number, root in enumerate(roots):
        bundle = work / f"bundle_{number}"
        alone = run_assaymark(
            ["scan", "terraform", str(root), "--format", "json", *extra, "--evidence", str(bundle)],
            env,
            work,
        )
        name = os.path.relpath(work / root, tree)
        own = (work / root).resolve()
        if alone.report is None:
            result.crashed_roots.append(name)
            per_root_items.append(Item("source", classify(alone.problem), alone.problem, name))
            continue
        per_root_items.extend(items_of(alone.report, work, tree))
        root_snapshot = snapshot_of(bundle) or {"resources": []}
        # A root's own resources: a root scanned alone may hold nested roots of its own.
        per_root_resources += sum(
            is_resource(entry) and (work / str(entry.get("namespace"))).resolve() == own
            for entry in root_snapshot["resources"]
        )
    if result.whole.report is not None:
        result.items = items_of(result.whole.report, work, tree)
    else:
        result.items, result.items_from_roots = per_root_items, True
    if result.resources is None:
        result.resources = per_root_resources
        result.resources_lower_bound = bool(result.crashed_roots)
    return result


class Registry:
    """A Terraform module registry on loopback, serving modules from the local mirrors.

    `NS/NAME/PROVIDER` is the mirror of github.com/NS/terraform-PROVIDER-NAME; its versions are
    its tags vX.Y.Z, and a download points Terraform's go-getter at the mirror over git::file://.
    """

    SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    TAG = re.compile(r"^v?(\d+\.\d+\.\d+)$")

    def __init__(self, mirrors: Path) -> None:
        self.mirrors = mirrors.resolve()
        self.served: Counter[str] = Counter()
        self.missing: Counter[str] = Counter()
        self._tags: dict[Path, dict[str, str]] = {}
        self._lock = threading.Lock()
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                registry.answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/modules/"

    def tags(self, git_dir: Path) -> dict[str, str]:
        """Version → tag name of a mirror (empty when there is no such mirror)."""
        with self._lock:
            if git_dir not in self._tags:
                found: dict[str, str] = {}
                if (git_dir / "HEAD").is_file():
                    for tag in git(git_dir, "tag", "--list").stdout.decode().split():
                        if matched := self.TAG.match(tag):
                            found.setdefault(matched.group(1), tag)
                self._tags[git_dir] = found
            return self._tags[git_dir]

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        """Discovery, a module's versions, or where to download one version."""
        path = request.path.split("?", 1)[0]
        if path == "/.well-known/terraform.json":
            self.reply(request, 200, {"modules.v1": "/v1/modules/"})
            return
        parts = path.removeprefix("/v1/modules/").strip("/").split("/")
        if not path.startswith("/v1/modules/") or len(parts) not in (4, 5):
            self.reply(request, 404, {"errors": ["not found"]})
            return
        namespace, name, provider = parts[:3]
        module = f"{namespace}/{name}/{provider}"
        git_dir = self.mirrors / f"{namespace}+terraform-{provider}-{name}" / "repo"
        valid = all(self.SEGMENT.match(part) for part in parts[:3])
        tags = self.tags(git_dir) if valid else {}
        if len(parts) == 4 and parts[3] == "versions" and tags:
            versions = [{"version": version} for version in tags]
            self.reply(request, 200, {"modules": [{"versions": versions}]})
            return
        if len(parts) == 5 and parts[4] == "download" and parts[3] in tags:
            with self._lock:
                self.served[f"{module} {parts[3]}"] += 1
            request.send_response(204)
            request.send_header("X-Terraform-Get", f"git::file://{git_dir}?ref={tags[parts[3]]}")
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        missing = f"{module} {parts[3]}" if tags and len(parts) == 5 else module
        with self._lock:
            self.missing[missing] += 1
        problem = f"no version {parts[3]} of {module}" if tags else f"{module} is not mirrored"
        self.reply(request, 404, {"errors": [problem]})

    @staticmethod
    def reply(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        """Send a JSON answer."""
        data = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def cli_config(self) -> str:
        """A Terraform CLI configuration naming this registry for registry.terraform.io."""
        return (
            'host "registry.terraform.io" {\n'
            f'  services = {{\n    "modules.v1" = "{self.url}"\n  }}\n'
            "}\n"
        )

    @contextmanager
    def serving(self) -> Iterator[Registry]:
        """Serve from a background thread while the block runs."""
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            thread.join()


def clean_environment() -> dict[str, str]:
    """This environment without Terraform's variables (TF_VAR_*, TF_CLI_CONFIG_FILE...)."""
    return {key: value for key, value in os.environ.items() if not key.startswith("TF_")}


def counts_cell(count: int, flag: bool, mark: str) -> str:
    """A number, marked when it is only part of the truth."""
    return f"{count}{mark if flag else ''}"


def print_table(results: list[Result]) -> None:
    """The per-corpus table, then the error findings and source errors by cause."""
    header = (
        f"{'corpus':<15} {'commit':<18} {'roots':>5} {'resources':>9} {'crashed roots':>13} "
        f"{'run crashed':>11} {'error findings':>14} {'source errors':>13} "
        f"{'wall s':>7} {'CPU s':>6} {'peak MiB':>8}"
    )
    print(header)
    for result in results:
        run = result.whole
        if run is None or result.note.startswith(("download-modules", "exit ")):
            print(f"{result.corpus:<15} {result.commit:<18} {result.note}")
            continue
        findings = sum(item.kind == "finding" for item in result.items)
        sources = sum(item.kind == "source" for item in result.items)
        resources = counts_cell(result.resources or 0, result.resources_lower_bound, "+")
        print(
            f"{result.corpus:<15} {result.commit:<18} {result.roots:>5} {resources:>9} "
            f"{len(result.crashed_roots):>13} {'yes' if run.crashed else 'no':>11} "
            f"{counts_cell(findings, result.items_from_roots, '*'):>14} "
            f"{counts_cell(sources, result.items_from_roots, '*'):>13} "
            f"{run.wall:>7.2f} {run.cpu:>6.2f} {run.peak_mib:>8.0f}"
        )
    for result in results:
        if result.note and not result.note.startswith(("download-modules", "exit ")):
            print(f"  {result.corpus}: {result.note}")
        if result.left_out:
            left_out = ", ".join(result.left_out)
            print(f"  {result.corpus}: left out, unreadable in the mirror: {left_out}")
    if any(result.resources_lower_bound for result in results):
        print("  + resources of the roots that did not crash")
    if any(result.items_from_roots for result in results):
        print("  * the whole run crashed: summed over the roots scanned one by one")
    scanned = [result for result in results if result.items or result.roots]
    for kind, title in (("finding", "error findings"), ("source", "source errors")):
        by_cause: dict[str, Counter[int]] = defaultdict(Counter)
        for column, result in enumerate(scanned):
            for item in result.items:
                if item.kind == kind:
                    by_cause[item.cause][column] += 1
        if not by_cause:
            continue
        print(f"\n{title} by cause")
        print(f"{'cause':<24}" + "".join(f" {result.corpus:>14}" for result in scanned))
        for cause, _ in CAUSES:
            if cause in by_cause:
                row = "".join(f" {by_cause[cause][column]:>14}" for column in range(len(scanned)))
                print(f"{cause:<24}{row}")


def print_examples(results: list[Result], show: int) -> None:
    """Up to `show` distinct messages per corpus and cause, most frequent first."""
    for result in results:
        if not result.items:
            continue
        print(f"\n== {result.corpus}: examples (count, where, message)")
        for cause, _ in CAUSES:
            chosen = [item for item in result.items if item.cause == cause]
            if not chosen:
                continue
            messages = Counter((item.kind, item.message) for item in chosen)
            first_where: dict[tuple[str, str], str] = {}
            for item in chosen:
                first_where.setdefault((item.kind, item.message), item.where)
            print(f"-- {cause}: {len(chosen)} items, {len(messages)} distinct messages")
            for (kind, message), count in messages.most_common(show):
                where = first_where[(kind, message)]
                print(f"  {count:>4}x {kind:<7} {where}\n        {one_line(message)}")


def supports_download(env: dict[str, str]) -> bool:
    """Whether this assaymark's `scan terraform` has --download-modules."""
    done = subprocess.run(
        [ASSAYMARK, "scan", "terraform", "--help"], capture_output=True, text=True, env=env
    )
    return "--download-modules" in done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpora",
        nargs="*",
        default=DEFAULT_CORPORA,
        metavar="CORPUS",
        help="a terraform-aws-modules name (vpc) or OWNER/NAME [default: the six]",
    )
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=Path("/work/.mirror"),
        metavar="DIR",
        help="where the mirrors are (OWNER+NAME/repo) [default: /work/.mirror]",
    )
    parser.add_argument(
        "--download-modules",
        action="store_true",
        help="serve registry modules from the mirrors on loopback and let assaymark download them",
    )
    parser.add_argument(
        "--show", type=int, default=0, metavar="N", help="N example messages per cause and corpus"
    )
    args = parser.parse_args()
    env = clean_environment()
    version = subprocess.run([ASSAYMARK, "--version"], capture_output=True, text=True, env=env)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, "
        f"Python {platform.python_version()}; {version.stdout.strip()} ({ASSAYMARK})"
    )
    base = Path(tempfile.mkdtemp(prefix="assaymark-corpora-"))
    registry = Registry(args.mirrors) if args.download_modules else None
    extra = ["--download-modules"] if registry else []
    results: list[Result] = []
    try:
        if registry is not None:
            config = base / "terraform.rc"
            config.write_text(registry.cli_config(), encoding="utf-8")
            env["TF_CLI_CONFIG_FILE"] = str(config)
            supported = supports_download(env)
            print(
                f"modules: downloaded from a loopback registry at {registry.url} "
                f"serving {args.mirrors}"
                + ("" if supported else " (this assaymark has no --download-modules)")
            )
        else:
            print("modules: not downloaded (registry modules are reported as not evaluated)")
        serving: AbstractContextManager[object] = registry.serving() if registry else nullcontext()
        with serving:
            for number, corpus in enumerate(args.corpora):
                work = base / f"corpus_{number}"
                work.mkdir()
                if registry is not None:
                    env["ASSAYMARK_MODULE_CACHE"] = str(work / "module-cache")
                results.append(scan_corpus(corpus, args.mirrors, work, env, extra))
                shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print()
    print_table(results)
    if registry is not None:
        served = ", ".join(
            f"{module} ({count}x)" for module, count in sorted(registry.served.items())
        )
        missing = ", ".join(
            f"{module} ({count}x)" for module, count in sorted(registry.missing.items())
        )
        print(f"\nregistry downloads: {served or 'none'}")
        print(f"registry misses (not mirrored): {missing or 'none'}")
    if args.show:
        print_examples(results, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
