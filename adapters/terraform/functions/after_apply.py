"""Functions whose result is known only after apply."""

from __future__ import annotations

from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import register
from checker.models import Unresolved

_AFTER_APPLY = {
    "uuid": ((0, 0), "uuid() makes a new random id on every run"),
    "timestamp": ((0, 0), "timestamp() is the time Terraform applies the plan"),
    "plantimestamp": ((0, 0), "plantimestamp() is the time Terraform makes the plan"),
    "bcrypt": ((1, 2), "bcrypt() salts its hash at random on every run"),
    "rsadecrypt": ((2, 2), "rsadecrypt() needs a private key, and its result is a secret"),
}


def _after_apply(name: str, arity: tuple[int, int | None], reason: str) -> None:
    @register(name, arity=arity)
    def unknown(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
        return Unresolved("", reason, not_null=True)


for _name, (_arity, _reason) in _AFTER_APPLY.items():
    _after_apply(_name, _arity, _reason)
