"""Every YAML file assaymark reads refuses alias bombs quickly, with the file and line named."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"

BOMB = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def timed(run: RunCli, *args: str | Path) -> Run:
    started = time.process_time()
    result = run(*args)
    assert time.process_time() - started < 1.0
    return result


@pytest.mark.parametrize("kind", ["control", "waivers", "config"])
def test_an_alias_bomb_is_refused_in_under_a_second_naming_the_file(
    run: RunCli, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.yaml"
    if kind == "control":
        path.write_text(
            (DATA / "policies" / "valid" / "versioning.yaml").read_text()
            + "\n"
            + BOMB.replace("a: &a", "x_bomb_a: &a"),
            encoding="utf-8",
        )
        result = timed(run, "policies", "validate", path)
    elif kind == "waivers":
        path.write_text(BOMB, encoding="utf-8")
        result = timed(run, "scan", "terraform", COMPLIANT, "--waivers", path)
    else:
        path.write_text(f"terraform: {{paths: [{COMPLIANT}]}}\n{BOMB}\n", encoding="utf-8")
        result = timed(run, "run", "--config", path)
    assert result.code == 2
    assert f"{path}" in result.out + result.err
    assert "alias bomb" in result.out + result.err


def test_ordinary_anchors_and_aliases_still_load(tmp_path: Path) -> None:
    from checker.waivers import load_waivers

    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n"
        "  - &base\n"
        "    control: pci-10.3.3-s3-versioning\n"
        "    resource: aws_s3_bucket.cache\n"
        "    justification: Rebuilt nightly\n"
        "    approver: cso@example.com\n"
        "    ticket: RISK-1\n"
        "    expires: 2099-12-31\n"
        "  - <<: *base\n"
        "    resource: aws_s3_bucket.scratch\n",
        encoding="utf-8",
    )
    assert [w.resource for w in load_waivers(path)] == [
        "aws_s3_bucket.cache",
        "aws_s3_bucket.scratch",
    ]
