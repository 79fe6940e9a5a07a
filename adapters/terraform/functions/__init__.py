"""Terraform's built-in functions, evaluated before apply wherever Terraform could evaluate them.

Each implementation receives the evaluated arguments. By default an unknown value anywhere in
an argument makes the call unknown, as Terraform's functions do when they need the whole value;
the functions that only carry values along or read part of them (`length`, `element`, `merge`,
`lookup`, `concat`, ...) keep the unknowns inside collections. A function whose result cannot be
known before apply (`uuid`, `timestamp`, `bcrypt`, ...) is `Unresolved` with the reason, as is a
call of a function assaymark does not know. What a call may build is bounded by `limits.py`, and
files are read only inside the calling module's folder and the root module's folder.

Sets are lists here, ordered as Terraform orders them: strings and numbers sorted, others in
the order first seen. docs/terraform-functions.md lists every built-in function and what
assaymark does with it.

The functions are grouped in the modules of this package, which register them into `FUNCTIONS`
as they are imported; `registry.py` holds the registry and the helpers that the groups share.
"""

from __future__ import annotations

# Each module registers its functions when it is imported: all of them are imported here, once.
from adapters.terraform.functions import (  # noqa: F401
    after_apply,
    collections,
    crypto,
    dates,
    encoding,
    errors,
    files,
    networks,
    numbers,
    paths,
    regex,
    sets,
    text,
    types,
    values,
    yaml_encoding,
)
from adapters.terraform.functions.registry import FUNCTIONS, Function

__all__ = ["FUNCTIONS", "Function"]
