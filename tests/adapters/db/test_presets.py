"""The platform presets: which roles are untrusted, which powers are intended, which roles must
exist."""

from __future__ import annotations

import pytest

from adapters.base import AdapterError
from adapters.db.engine import DEFAULT_UNTRUSTED_ROLES, CollectOptions
from adapters.db.presets import (
    POWERS,
    PRESET_NAMES,
    PRESETS,
    intended_powers,
    preset_named,
    untrusted_roles,
)


def test_supabase_distrusts_its_api_roles_and_intends_service_roles_bypass() -> None:
    supabase = PRESETS["supabase"]
    assert supabase.untrusted_roles == ("anon", "authenticated")
    assert dict(supabase.intended_powers) == {"service_role": ("bypass_rls",)}
    options = CollectOptions(preset="supabase")
    assert intended_powers(options, "service_role") == ("bypass_rls",)
    assert intended_powers(options, "postgres") == ()
    assert intended_powers(CollectOptions(), "service_role") == ()


def test_every_intended_power_is_one_the_roles_report() -> None:
    for preset in PRESETS.values():
        for powers in preset.intended_powers.values():
            assert set(powers) <= set(POWERS), preset.name


def test_the_command_line_offers_the_registrys_presets() -> None:
    # The CLI keeps its own copy: importing the registry would load the database adapter into
    # every command (adapters.db's package imports it).
    from checker.cli.database_options import PRESET_NAMES as OFFERED

    assert OFFERED == PRESET_NAMES


def test_an_unknown_preset_is_refused() -> None:
    assert preset_named(None) is None
    with pytest.raises(AdapterError, match="unknown preset 'firebase'; use supabase"):
        preset_named("firebase")


def test_named_roles_and_a_presets_roles_must_exist_and_the_default_ones_need_not() -> None:
    assert untrusted_roles(CollectOptions()) == (DEFAULT_UNTRUSTED_ROLES, ())
    named = CollectOptions(untrusted_roles=("web", "PUBLIC", "web"), roles_named=True)
    assert untrusted_roles(named) == (("web", "PUBLIC"), ("web",))
    with_preset = CollectOptions(untrusted_roles=("web",), roles_named=True, preset="supabase")
    assert untrusted_roles(with_preset) == (
        ("web", "anon", "authenticated"),
        ("web", "anon", "authenticated"),
    )
