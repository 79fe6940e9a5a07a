"""Known platforms' roles: which ones API users share, and which powers are the platform's design.

A preset (`--preset supabase`) says what a platform's own documentation says about its roles,
so a scan neither misses the roles its users reach the database through nor reports the
powers the platform gives its own roles on purpose (Supabase's service_role bypasses
row-level security: that is what it is for, and its key never leaves the server side).

The presets are facts about platforms, not waivers: a power that is intended is still shown
(`db.role` keeps `bypass_rls`), and listed in `intended_powers` so that the privileged-roles
control can leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from adapters.base import AdapterError
from adapters.db.catalog import PUBLIC
from adapters.db.engine import CollectOptions

#: The administrator powers a role can hold, as `db.role` names them.
POWERS = ("superuser", "bypass_rls", "create_role")


@dataclass(frozen=True)
class Preset:
    """A platform's roles: the untrusted ones, and the powers its own roles hold by design."""

    name: str
    #: Roles that anonymous or signed-in API users share; each must exist on the server.
    untrusted_roles: tuple[str, ...]
    #: Role name -> the powers (of `POWERS`) the platform gives it on purpose.
    intended_powers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


SUPABASE = Preset(
    name="supabase",
    untrusted_roles=("anon", "authenticated"),
    intended_powers={"service_role": ("bypass_rls",)},
)

#: Every preset by name.
PRESETS: Mapping[str, Preset] = {preset.name: preset for preset in (SUPABASE,)}
#: The names `--preset` accepts.
PRESET_NAMES = tuple(PRESETS)


def preset_named(name: str | None) -> Preset | None:
    """The preset of that name (None for None); an unknown name is refused."""
    if name is None:
        return None
    preset = PRESETS.get(name)
    if preset is None:
        raise AdapterError(f"unknown preset {name!r}; use {', '.join(PRESET_NAMES)}")
    return preset


def intended_powers(options: CollectOptions, role: str) -> tuple[str, ...]:
    """The powers the chosen preset gives `role` by design (none without a preset)."""
    preset = preset_named(options.preset)
    return tuple(preset.intended_powers.get(role, ())) if preset else ()


def untrusted_roles(options: CollectOptions) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The untrusted roles to check, and those of them that must exist on the server.

    Roles named with `--untrusted-role`, and a preset's roles, must exist: a misspelt name, or
    a preset that does not fit the database, would otherwise check nothing. The default roles
    are checked where they exist and skipped where they do not. PUBLIC always exists.
    """
    preset = preset_named(options.preset)
    from_preset = preset.untrusted_roles if preset else ()
    wanted = tuple(dict.fromkeys((*options.untrusted_roles, *from_preset)))
    required = (*(options.untrusted_roles if options.roles_named else ()), *from_preset)
    return wanted, tuple(name for name in dict.fromkeys(required) if name.upper() != PUBLIC)
