"""Writes the validated data of the built-in control library that ships with it.

Run `python -m checker.shipped` (or `make validated-controls`) after changing a built-in
control file or the control schema: each file is parsed and validated as a scan would, and
its data is stored under the key a scan looks it up by (`checker.policy.validation_key`).
"""

from __future__ import annotations

import json
import sys

from checker.errors import PolicyLoadError
from checker.library import builtin_policy_dir
from checker.policy import SHIPPED_VALIDATION, control_files, parse_and_validate, validation_key


def builtin_entries() -> dict[str, object]:
    """Each built-in control file's data by its validation key; PolicyLoadError lists every
    file that does not pass."""
    entries: dict[str, object] = {}
    problems: list[str] = []
    for path in control_files([builtin_policy_dir()]):
        text = path.read_text(encoding="utf-8")
        data, found = parse_and_validate(path, text)
        problems.extend(found)
        if data is not None and json.loads(json.dumps(data)) == data:
            entries[validation_key(text)] = data
    if problems:
        raise PolicyLoadError(problems)
    return dict(sorted(entries.items()))


def render(entries: dict[str, object]) -> str:
    """The file's text: one entry per line, so that a changed control changes one line."""
    lines = [
        f"  {json.dumps(key)}: {json.dumps(data, sort_keys=True)}" for key, data in entries.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main() -> int:
    """Rewrite the shipped file from the built-in library; 1 if a control file is invalid."""
    try:
        entries = builtin_entries()
    except PolicyLoadError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    SHIPPED_VALIDATION.write_text(render(entries), encoding="utf-8")
    print(f"{SHIPPED_VALIDATION}: {len(entries)} control files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
