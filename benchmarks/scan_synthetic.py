"""Scan time and peak memory of `assaymark scan terraform` on synthetic repositories.

Generates repositories of 100 and 1,000 `.tf` files (about 10 resources each, in root modules
of 10 files with variables, locals, count, for_each and a local module), then scans each in a
fresh process and prints wall time and peak resident memory. As a reference it also times
python-hcl2 merely parsing the same files (`hcl2.load`), so the figures read as a ratio
against the parse-only floor measured side by side on the same machine. Last, the same scan
writing and signing an evidence bundle, and what that adds in percent.

Usage: python benchmarks/scan_synthetic.py [--sizes 100 1000] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES_PER_ROOT = 10

RESOURCES = """
resource "aws_s3_bucket" "data_{n}" {{
  bucket = "${{local.prefix}}-data-{n}"
  tags   = merge(local.tags, {{ DataClassification = "cardholder" }})
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "data_{n}" {{
  bucket = aws_s3_bucket.data_{n}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data_{n}.arn
    }}
  }}
}}

resource "aws_s3_bucket_versioning" "data_{n}" {{
  bucket = aws_s3_bucket.data_{n}.id
  versioning_configuration {{
    status = var.versioning
  }}
}}

resource "aws_s3_bucket_public_access_block" "data_{n}" {{
  bucket                  = aws_s3_bucket.data_{n}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = {n} % 2 == 0
}}

resource "aws_kms_key" "data_{n}" {{
  description         = "key {n}"
  enable_key_rotation = true
}}

resource "aws_security_group" "app_{n}" {{
  name = "app-{n}"
  dynamic "ingress" {{
    for_each = var.ports
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = {n} % 3 == 0 ? ["0.0.0.0/0"] : ["10.0.0.0/8"]
    }}
  }}
}}

resource "aws_db_instance" "ledger_{n}" {{
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  storage_encrypted       = {n} % 4 != 0
  publicly_accessible     = false
  backup_retention_period = var.backup_days
  deletion_protection     = true
}}

resource "aws_sqs_queue" "jobs_{n}" {{
  for_each                = toset(["settlement", "refunds"])
  name                    = "${{local.prefix}}-${{each.key}}-{n}"
  sqs_managed_sse_enabled = true
}}

resource "aws_cloudwatch_log_group" "audit_{n}" {{
  name              = "/audit/{n}"
  retention_in_days = var.log_days
}}
"""

ROOT = """
provider "aws" {{
  region = "eu-west-1"
}}

variable "versioning" {{
  default = "Enabled"
}}

variable "ports" {{
  default = [443, 5432]
}}

variable "backup_days" {{
  default = 14
}}

variable "log_days" {{
  default = {log_days}
}}

locals {{
  prefix = "pay-{root}"
  tags   = {{ Stack = "pay-{root}" }}
}}

module "archive" {{
  source = "../modules/archive"
  name   = "${{local.prefix}}-archive"
}}
"""

ARCHIVE_MODULE = """
variable "name" {}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}
"""


def generate(folder: Path, files: int, files_per_root: int = FILES_PER_ROOT) -> None:
    """Write a repository of `files` Terraform files under `folder`, in root modules of
    `files_per_root` files each."""
    modules = folder / "modules" / "archive"
    modules.mkdir(parents=True)
    (modules / "main.tf").write_text(ARCHIVE_MODULE, encoding="utf-8")
    written = 1
    root_number = 0
    while written < files:
        root = folder / f"stack_{root_number:04d}"
        root.mkdir()
        log_days = 365 if root_number % 2 else 30
        (root / "main.tf").write_text(ROOT.format(root=root_number, log_days=log_days), "utf-8")
        written += 1
        for file_number in range(files_per_root - 1):
            if written >= files:
                break
            text = RESOURCES.format(n=file_number)
            (root / f"resources_{file_number}.tf").write_text(text, encoding="utf-8")
            written += 1
        root_number += 1


def parser_in_use() -> str:
    """Which lexer and parser run python-hcl2's grammar in this environment."""
    from adapters.terraform.hcl_parser import PASSED_OVER, parser

    used = "lark-cython" if parser().options._plugins else "Lark (pure Python)"
    return "; ".join([used, *(f"passed over {reason}" for reason in PASSED_OVER)])


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit code of a command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        stderr = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} exited {code}: {stderr}")
    return elapsed, usage.ru_maxrss / 1024, code


PARSE_ONLY = (
    "import sys, pathlib, hcl2\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.tf')):\n"
    "    with path.open() as f: hcl2.load(f, with_meta=True)\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--out", type=Path, help="keep the generated repositories here")
    args = parser.parse_args()
    assaymark = str(Path(sys.executable).parent / "assaymark")
    base = args.out or Path(tempfile.mkdtemp(prefix="assaymark-bench-"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; python-hcl2's grammar on {parser_in_use()}"
    )
    print(
        f"{'files':>6} {'resources':>9} {'scan s':>7} {'peak MiB':>8} "
        f"{'parse-only s':>12} {'scan/parse':>10} {'s per 100 files':>15} "
        f"{'with bundle s':>13} {'bundle adds':>11}"
    )
    results: list[tuple[int, float]] = []
    try:
        for size in args.sizes:
            folder = base / f"repo_{size}"
            if folder.exists():
                shutil.rmtree(folder)
            generate(folder, size)
            resources = sum(p.read_text().count('\nresource "') for p in folder.rglob("*.tf"))
            scan = [assaymark, "scan", "terraform", str(folder), "--format", "json"]
            seconds, peak, _ = measure(scan)
            parse_seconds, _, _ = measure([sys.executable, "-c", PARSE_ONLY, str(folder)])
            key = base / "bench.key"
            if not key.exists():
                keygen = [assaymark, "keygen", "--out", str(base / "bench")]
                subprocess.run(keygen, check=True, stdout=subprocess.DEVNULL)
            bundle = ["--evidence", str(base / f"bundle_{size}"), "--sign-key", str(key)]
            bundled, _, _ = measure([*scan, *bundle])
            results.append((size, seconds))
            print(
                f"{size:>6} {resources:>9} {seconds:>7.2f} {peak:>8.0f} {parse_seconds:>12.2f} "
                f"{seconds / parse_seconds:>10.2f} {100 * seconds / size:>15.3f} "
                f"{bundled:>13.2f} {100 * (bundled - seconds) / seconds:>10.0f}%"
            )
    finally:
        if args.out is None:
            shutil.rmtree(base, ignore_errors=True)
    if len(results) > 1:
        (small, small_s), (large, large_s) = results[0], results[-1]
        print(f"growth: {large / small:.0f}x the files took {large_s / small_s:.1f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
