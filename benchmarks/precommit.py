"""The pre-commit hook after a one-file change, beside checkov's `checkov -f FILE`.

Generates a git repository of 1,000 `.tf` files in one root module (as
benchmarks/scan_synthetic.py writes them), with a `.pre-commit-config.yaml` that runs the
assaymark-terraform hook of .pre-commit-hooks.yaml (its entry, files and arguments) with this
environment's `assaymark`. It runs the hook once to fill the cache, changes one file, and times
`pre-commit run --files FILE` (the median of several runs, the cache warm), then the same with
an empty cache, then checkov on the changed file alone (`checkov -f FILE`, offline, from its own
environment), and prints each and the ratios.

Usage: python benchmarks/precommit.py [--files 1000] [--runs 5] [--checkov-path DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from scan_synthetic import generate

from adapters.checkov import default_home
from adapters.checkov.install import executable

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHANGED = Path("stack_0000") / "resources_5.tf"


def hook_config() -> dict[str, object]:
    """A local hook with the published hook's entry, files and arguments."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = dict(next(h for h in hooks if h["id"] == "assaymark-terraform"))
    words = shlex.split(str(hook["entry"]))
    hook["entry"] = shlex.join([str(BIN / words[0]), *words[1:]])
    hook["language"] = "system"
    return {"repos": [{"repo": "local", "hooks": [hook]}]}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, exit code and output of a command."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done.returncode, done.stdout + done.stderr


def median(command: list[str], cwd: Path, env: dict[str, str], runs: int) -> tuple[float, str]:
    """The median wall time of `runs` runs, and the last run's output."""
    times = []
    output = ""
    for _ in range(runs):
        seconds, code, output = run(command, cwd, env)
        if code not in (0, 1):
            raise SystemExit(f"{shlex.join(command)} exited {code}:\n{output[-3000:]}")
        times.append(seconds)
    return statistics.median(times), output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checkov-path", type=Path, default=None)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.files} files in one root module"
    )
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch) / "repo"
        generate(repo, args.files, files_per_root=args.files)
        (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(hook_config()))
        env = {
            **os.environ,
            "ASSAYMARK_CACHE": str(Path(scratch) / "cache"),
            "PRE_COMMIT_HOME": str(Path(scratch) / "pre-commit"),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            # As installed packages run: from their compiled bytecode.
            "PYTHONDONTWRITEBYTECODE": "",
        }
        for step in (["init", "-q"], ["add", "-A"], ["-c", "user.name=b", "-c",
                     "user.email=b@example.com", "commit", "-qm", "start"]):  # fmt: skip
            subprocess.run(["git", *step], cwd=repo, env=env, check=True)
        hook = [str(BIN / "pre-commit"), "run", "--files", str(CHANGED)]
        run(hook, repo, env)  # fills the cache, as the commits before this one did
        changed = repo / CHANGED
        changed.write_text(changed.read_text().replace("retention_in_days = var.log_days",
                                                       "retention_in_days = 7"))  # fmt: skip
        subprocess.run(["git", "add", str(CHANGED)], cwd=repo, env=env, check=True)
        warm, output = median(hook, repo, env, args.runs)
        shutil.rmtree(Path(scratch) / "cache")
        cold_env = {**env, "ASSAYMARK_NO_CACHE": "1"}
        cold, _ = median(hook, repo, cold_env, max(1, args.runs // 2))
        checkov_bin = executable((args.checkov_path or default_home()).resolve())
        checkov_env = {**env, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": ""}
        checkov, _ = median(
            [str(checkov_bin), "-f", str(CHANGED), "--quiet", "--compact", "--skip-download",
             "--framework", "terraform"],
            repo, checkov_env, max(1, args.runs // 2),
        )  # fmt: skip
    summary = [line for line in output.splitlines() if line.strip()][-3:]
    print(f"pre-commit run, one file changed, cache warm: {warm:.2f} s")
    print(f"pre-commit run, one file changed, no cache:   {cold:.2f} s")
    print(f"checkov -f FILE on the same change:           {checkov:.2f} s")
    print(f"ratios: warm/checkov {warm / checkov:.2f} (checkov {checkov / warm:.1f}x slower); "
          f"cold/checkov {cold / checkov:.2f}")  # fmt: skip
    print("hook output (last lines):")
    print("\n".join(f"  {line}" for line in summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
