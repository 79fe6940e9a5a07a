"""assaymark's native Terraform checks beside checkov's, on the same corpora.

For each corpus (the two example stacks and a synthetic repository of 1,000 files, generated
as benchmarks/scan_synthetic.py does) it runs, each in a fresh process, assaymark's native scan
and checkov alone (from its own environment, offline), and prints wall time and peak memory of
each and their ratio. Then, for the controls that hold both a native check and mapped checkov
checks, it lists every resource where the two verdicts disagree, grouped by control.

Usage: python benchmarks/compare_checkov.py [--checkov-path DIR] [--files 1000] [--show 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from scan_synthetic import generate, measure, parser_in_use

from adapters.checkov import CheckovAdapter, default_home
from checker.models import Status, worst

REPO = Path(__file__).resolve().parent.parent
ASSAYMARK = str(Path(sys.executable).parent / "assaymark")


def checkov_command(home: Path, folder: Path) -> list[str]:
    """checkov alone, as the adapter runs it."""
    return CheckovAdapter([folder], home).command(folder)


def verdict(findings: list[dict[str, Any]]) -> str:
    """The status that decides a set of findings, as a control combines them."""
    return str(worst([Status(finding["status"]) for finding in findings]))


def disagreements(home: Path, folder: Path) -> dict[str, list[str]]:
    """Per control, the resources where the native verdict and checkov's differ."""
    done = subprocess.run(
        [ASSAYMARK, "scan", "terraform", str(folder), "--checkov", "--checkov-path", str(home),
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    report = json.loads(done.stdout)
    found: dict[str, list[str]] = defaultdict(list)
    for control in report["controls"]:
        # Root modules reuse addresses: a resource is its address in its file's folder.
        verdicts: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for finding in control["findings"]:
            folder = str(Path(finding["location"].get("file", "")).parent)
            verdicts[(folder, finding["resource"])][finding["source"]].append(finding)
        for (folder, resource), by_source in sorted(verdicts.items()):
            if {"terraform", "checkov"} - set(by_source):
                continue
            native, theirs = verdict(by_source["terraform"]), verdict(by_source["checkov"])
            if native != theirs:
                reasons = "; ".join(f["message"] for f in by_source["terraform"])
                checks = "; ".join(
                    f["message"] for f in by_source["checkov"] if f["status"] == theirs
                )
                found[control["id"]].append(
                    f"{folder}/{resource}: ours {native} ({reasons[:160]}); {checks[:240]}"
                )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkov-path", type=Path, default=None)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--show", type=int, default=5, help="disagreements shown per control")
    parser.add_argument(
        "--timings-only", action="store_true", help="skip the list of disagreeing verdicts"
    )
    args = parser.parse_args()
    home = args.checkov_path or default_home()
    os.environ["BC_SKIP_MAPPING"] = "TRUE"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; python-hcl2's grammar on {parser_in_use()}; "
        f"checkov from {home}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = Path(scratch) / "synthetic"
        generate(synthetic, args.files)
        corpora = {
            "examples/terraform/insecure": REPO / "examples" / "terraform" / "insecure",
            "examples/terraform/compliant": REPO / "examples" / "terraform" / "compliant",
            f"synthetic, {args.files} files": synthetic,
        }
        # Cold: nothing cached, but from compiled bytecode as an installed package runs.
        cold = {**os.environ, "ASSAYMARK_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": ""}
        for name, folder in corpora.items():
            json_run = [ASSAYMARK, "scan", "terraform", str(folder), "--format", "json",
                        "--output", os.devnull]  # fmt: skip
            ours, our_memory, _ = measure(json_run, cold)
            text, _, _ = measure([ASSAYMARK, "scan", "terraform", str(folder)], cold)
            theirs, their_memory, _ = measure(checkov_command(home, folder))
            print(
                f"{name}: ours {ours:.2f} s ({text:.2f} s with the text report), "
                f"{our_memory:.0f} MiB; checkov {theirs:.2f} s, {their_memory:.0f} MiB; "
                f"ours/checkov: time {ours / theirs:.3f}, memory {our_memory / their_memory:.2f} "
                f"(checkov {theirs / ours:.1f}x slower; {theirs / text:.1f}x against the text run)"
            )
            if args.timings_only:
                continue
            found = disagreements(home, folder)
            total = sum(len(items) for items in found.values())
            print(f"  verdicts that disagree on topics both cover: {total}")
            for control, items in sorted(found.items()):
                print(f"  {control}: {len(items)}")
                for item in items[: args.show]:
                    print(f"    {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
