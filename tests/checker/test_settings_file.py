"""Settings files (configuration, waivers, data maps): bad input is a message, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.errors import UsageError
from checker.settings_file import read_settings
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"
WAIVER = """waivers:
  - control: pci-10.3.3-s3-versioning
    resource: aws_s3_bucket.cache
    justification: Rebuilt nightly
    approver: cso@example.com
    ticket: RISK-1
    expires: {expires}
"""


def test_invalid_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_bytes(b"waivers:\n  - control: caf\xe9\n")
    with pytest.raises(UsageError) as raised:
        read_settings(path, "--waivers")
    assert str(raised.value) == f"--waivers {path}:2: not UTF-8 text (byte 25)"


@pytest.mark.parametrize("expires", ["2027-02-30", "2027-13-01", "tomorrow", "2027-02-28T10:00:00"])
def test_an_impossible_expiry_is_an_error_naming_the_waiver(
    run: RunCli, tmp_path: Path, expires: str
) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVER.format(expires=expires), encoding="utf-8")
    result = run("scan", "terraform", COMPLIANT, "--waivers", path)
    assert result.code == 2
    assert "expires must be a date (YYYY-MM-DD)" in result.err
    assert "internal error" not in result.err


def test_a_real_date_still_loads(tmp_path: Path) -> None:
    from checker.waivers import load_waivers

    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVER.format(expires="2028-02-29"), encoding="utf-8")
    assert load_waivers(path)[0].expires.isoformat() == "2028-02-29"


def test_yaml_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "assaymark.yaml"
    path.write_text("terraform:\n  paths: [a\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"assaymark.yaml:3: not valid YAML"):
        read_settings(path, "--config")
