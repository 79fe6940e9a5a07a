"""Where the built-in control library and framework catalogs are found at run time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from checker.errors import UsageError
from checker.policy import CATALOG_FOLDER


def builtin_policy_dir() -> Path:
    """The built-in `policies/` folder: inside an installed wheel, or beside a checkout."""
    packaged = Path(str(resources.files("checker"))) / "policies"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "policies"
    if checkout.is_dir():
        return checkout
    raise UsageError(
        "the built-in control library is missing from this installation; reinstall assaymark"
    )


def requirement_order(requirement: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts 3.5.1 before 10.2.1 and Art.5 before Art.32."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.findall(r"\d+|\D+", requirement)
    )


@dataclass(frozen=True)
class Requirement:
    """One numbered requirement of a framework."""

    id: str
    title: str


@dataclass(frozen=True)
class Framework:
    """A framework catalog: the requirements that controls map to."""

    id: str
    title: str
    requirements: tuple[Requirement, ...]


def load_frameworks() -> dict[str, Framework]:
    """The framework catalogs shipped with the library, by framework id."""
    frameworks: dict[str, Framework] = {}
    for path in sorted((builtin_policy_dir() / CATALOG_FOLDER).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            requirements = tuple(
                Requirement(str(item["id"]), str(item["title"])) for item in data["requirements"]
            )
            frameworks[data["id"]] = Framework(data["id"], data["title"], requirements)
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise UsageError(f"{path}: framework catalog is invalid: {exc}") from exc
    return frameworks
