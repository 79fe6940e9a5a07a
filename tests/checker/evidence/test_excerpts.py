"""Source excerpts in a bundle's evidence show the code a finding is about, never a secret.

Every secret here is fake, made up for the tests.
"""

from __future__ import annotations

from pathlib import Path

from checker.evidence.bundle import _Excerpts
from checker.models import Finding, Location, Status
from checker.redaction import MASK


def excerpt(path: Path, resource: str, text: str) -> list[str]:
    """The excerpt lines a finding on `resource`, spanning the whole file, gets."""
    path.write_text(text, encoding="utf-8")
    lines = text.count("\n")
    location = Location(file=str(path), line=1, end_line=lines)
    finding = Finding("terraform", resource, Status.FAIL, "a finding", location)
    shown = _Excerpts([path.parent]).excerpt(finding)
    assert shown is not None
    return list(shown["lines"].values())


def test_a_sensitive_variable_shows_its_settings_but_no_default(tmp_path: Path) -> None:
    lines = excerpt(
        tmp_path / "variables.tf",
        "var.settings",
        'variable "settings" {\n'
        '  description = "Upstream settings"\n'
        "  type        = map(string)\n"
        "  sensitive   = true\n"
        "  default = {\n"
        '    "endpoint" = "fake-upstream-value"\n'
        '    region     = "fake-region-value"\n'
        "  }\n"
        "}\n",
    )
    assert lines == [
        'variable "settings" {',
        '  description = "Upstream settings"',
        "  type        = map(string)",
        "  sensitive   = true",
        f"  default = {MASK}",
        f"    {MASK}",
        f"    region     = {MASK}",
        "  }",
        "}",
    ]


def test_settings_a_finding_is_about_stay_readable(tmp_path: Path) -> None:
    lines = excerpt(
        tmp_path / "main.tf",
        "aws_instance.web",
        'resource "aws_instance" "web" {\n'
        "  metadata_options {\n"
        '    http_tokens = "optional"\n'
        "  }\n"
        "  user_data = <<-EOT\n"
        "    -----BEGIN OPENSSH PRIVATE KEY-----\n"
        "    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
        "    -----END OPENSSH PRIVATE KEY-----\n"
        "    export STRIPE_KEY=fake-stripe-key-value\n"
        "  EOT\n"
        "}\n",
    )
    assert lines[2] == '    http_tokens = "optional"'
    assert lines[5:9] == [
        f"    -----BEGIN OPENSSH PRIVATE KEY----- {MASK}",
        f"    {MASK}",
        "    -----END OPENSSH PRIVATE KEY-----",
        f"    export STRIPE_KEY={MASK}",
    ]


def test_only_files_under_the_scanned_folders_are_excerpted(tmp_path: Path) -> None:
    scanned, elsewhere = tmp_path / "infra", tmp_path / "home"
    scanned.mkdir()
    elsewhere.mkdir()
    (scanned / "main.tf").write_text('resource "aws_s3_bucket" "b" {}\n', encoding="utf-8")
    (elsewhere / "notes.txt").write_text("private notes\n", encoding="utf-8")
    (scanned / "link.tf").symlink_to(elsewhere / "notes.txt")
    excerpts = _Excerpts([scanned])

    def shown(file: Path) -> object:
        location = Location(file=str(file), line=1, end_line=1)
        return excerpts.excerpt(Finding("db", "setting:x", Status.FAIL, "m", location))

    assert shown(scanned / "main.tf") is not None
    assert shown(elsewhere / "notes.txt") is None
    assert shown(scanned / "link.tf") is None, "a link out of the scanned folders"
    assert shown(scanned / ".." / "home" / "notes.txt") is None


def test_a_snapshot_from_elsewhere_copies_no_local_file_into_the_bundle(tmp_path: Path) -> None:
    import json

    from checker.cli.main import main
    from checker.serialization import SNAPSHOT_FORMAT

    secret = tmp_path / "secret.txt"
    secret.write_text("fake-local-secret-for-tests\n", encoding="utf-8")
    snapshot = {
        "format": SNAPSHOT_FORMAT,
        "source": "db",
        "resources": [
            {
                "type": "db.setting",
                "address": "setting:ssl",
                "attributes": {"setting": "ssl", "value": "off"},
                "location": {"file": str(secret), "line": 1},
            }
        ],
    }
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    bundle = tmp_path / "bundle"
    main(
        ["scan", "db", "--snapshot", str(path), "--evidence", str(bundle), "--output", "/dev/null"]
    )
    evidence = [file.read_text() for file in (bundle / "controls").rglob("evidence.json")]
    assert any("setting:ssl" in text for text in evidence), "a finding on the planted resource"
    for file in bundle.rglob("*"):
        if file.is_file():
            assert "fake-local-secret-for-tests" not in file.read_text(errors="replace"), file
