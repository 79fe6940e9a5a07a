"""Reading YAML that someone else wrote: bounded in what it may expand to.

An alias repeats the node its anchor names, so a few lines of aliases of aliases can stand
for billions of nodes (the "billion laughs" attack). Every YAML file assaymark reads from its
users (controls, including those inside a bundle being replayed, waivers, configuration, data
maps, expectations) is measured on its parser events before anything is built from it.
"""

from __future__ import annotations

from typing import Any

import yaml

# Far above any real control or configuration file (the whole built-in library is ~10,000).
MAX_NODES = 100_000

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_problem(error: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line a YAML error points at (None when it points nowhere) and what is wrong."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return (mark.line + 1 if mark is not None else None), problem


class ExpansionError(yaml.MarkedYAMLError):
    """The YAML expands, through its aliases, to more nodes than assaymark reads."""


def check_expansion(text: str, limit: int = MAX_NODES) -> None:
    """Raise ExpansionError if `text` stands for more than `limit` nodes once aliases expand.

    Parse errors are raised as the YAMLError they are.
    """
    if "&" not in text:  # without an anchor there is no alias, and nothing to expand
        return
    sizes: dict[str, int] = {}
    open_collections: list[list[Any]] = []  # [size so far, anchor]
    total = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            open_collections.append([1, event.anchor])
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            size, anchor = open_collections.pop()
            if anchor:
                sizes[anchor] = size
        else:
            continue
        if open_collections:
            open_collections[-1][0] += size
        total += size if not open_collections else 0
        if total > limit or (open_collections and open_collections[-1][0] > limit):
            raise ExpansionError(
                problem=f"its aliases expand to more than {limit:,} nodes; "
                "assaymark reads no YAML that large (an alias bomb?)",
                problem_mark=event.start_mark,  # type: ignore[arg-type]
            )
