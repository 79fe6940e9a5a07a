"""What a catalog becomes: resources, and the library's verdicts on them, without a server."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from adapters.db.catalog import PUBLIC, Catalog, DefaultPrivilege, Policy, Role
from adapters.db.resources import build_resources
from adapters.db.sensitive import DataMap
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Resource, Snapshot, Status, Unresolved, worst
from checker.policy import load_controls
from tests.adapters.db.catalogs import leaky_catalog

LIBRARY = {control.id: control for control in load_controls([builtin_policy_dir()])}
DB_CONTROLS = sorted(i for i, c in LIBRARY.items() if c.checks_for(["db"]))


def by_address(catalog: Catalog, data_map: DataMap | None = None) -> dict[str, Resource]:
    return {r.address: r for r in build_resources(catalog, data_map)}


def verdicts(catalog: Catalog, control_id: str) -> dict[str, tuple[str, str]]:
    """Each resource's status and message (several checks on one resource: the worst status,
    the messages joined with ` | `)."""
    snapshot = Snapshot("db", tuple(build_resources(catalog)))
    (result,) = evaluate([LIBRARY[control_id]], [snapshot]).results
    found: dict[str, tuple[str, str]] = {}
    for finding in result.findings:
        status, message = str(finding.status), finding.message
        if finding.resource in found:
            before = found[finding.resource]
            status = str(worst([Status(before[0]), finding.status]))
            message = f"{before[1]} | {message}"
        found[finding.resource] = (status, message)
    return found


def test_every_database_control_has_only_db_checks_and_the_library_covers_the_issue() -> None:
    assert len(DB_CONTROLS) >= 15
    for control_id in DB_CONTROLS:
        assert {check.source for check in LIBRARY[control_id].checks} == {"db"}


def test_a_privilege_reached_through_a_group_role_names_role_object_privilege_and_path() -> None:
    found = verdicts(leaky_catalog(), "pci-7.2.2-db-sensitive-columns-untrusted")
    status, message = found["payments.cards.pan"]
    assert status == "fail"
    assert "anon can SELECT payments.cards.pan" in message
    assert "granted SELECT on payments.cards to catalog_readers, which anon is a member of" in (
        message
    )
    assert "through web_readers" in message
    assert "PUBLIC can SELECT payments.cards.pan (granted SELECT on payments.cards to PUBLIC" in (
        message
    )
    # The tokenized column is no card number.
    assert "payments.cards.pan_token" not in found


def test_an_always_true_policy_exposes_rows_and_a_bound_policy_does_not() -> None:
    found = verdicts(leaky_catalog(), "pci-7.2.2-db-sensitive-columns-untrusted")
    status, message = found["customers.customers.email"]
    assert status == "fail"
    assert "authenticated can SELECT customers.customers.email" in message
    assert "policy everyone is USING (true)" in message
    assert found["customers.addresses.address"][0] == "pass"


def test_rls_control_flags_always_true_policies_for_untrusted_roles() -> None:
    found = verdicts(leaky_catalog(), "pci-7.2.2-db-rls-untrusted-tables")
    assert found["customers.customers"][0] == "fail"
    assert "everyone: SELECT TO authenticated USING (true)" in found["customers.customers"][1]
    assert found["customers.addresses"][0] == "pass"
    # RLS off on a card table that untrusted roles reach.
    assert found["payments.cards"][0] == "fail"
    assert "rls_enabled is false" in found["payments.cards"][1]


def test_a_view_owned_by_a_superuser_bypasses_rls_unless_it_runs_as_the_invoker() -> None:
    resources = by_address(leaky_catalog())
    assert resources["customers.directory"].attributes["bypasses_rls"] is True
    assert resources["customers.safe_directory"].attributes["bypasses_rls"] is False
    found = verdicts(leaky_catalog(), "pci-7.2.2-db-views-rls-bypass")
    assert found["customers.directory"][0] == "fail"
    assert "anon" in found["customers.directory"][1]
    assert found["customers.safe_directory"][0] == "pass"


def test_a_table_owner_bypasses_rls_only_when_it_is_not_forced() -> None:
    catalog = leaky_catalog()
    relations = catalog.relations
    assert not isinstance(relations, Unresolved)
    view = replace(relations[3], owner="app")
    owned = replace(catalog, relations=(*relations[:3], view))
    assert by_address(owned)["customers.directory"].attributes["bypasses_rls"] is True
    forced = replace(owned, relations=(relations[0], replace(relations[1], rls_forced=True), view))
    assert by_address(forced)["customers.directory"].attributes["bypasses_rls"] is False


def test_security_definer_functions_open_to_public_and_without_search_path_fail() -> None:
    found = verdicts(leaky_catalog(), "pci-7.2.2-db-security-definer-functions")
    status, message = found["payments.lookup(text)"]
    assert status == "fail"
    assert "PUBLIC can EXECUTE payments.lookup(text) (granted EXECUTE on payments.lookup" in (
        message
    )
    assert found["payments.safe_lookup(text)"][0] == "pass"


def test_public_grants_and_default_privileges_to_public_fail() -> None:
    found = verdicts(leaky_catalog(), "pci-7.2.1-db-public-grants")
    assert found["payments.cards"] == (
        "fail",
        "privileges are granted to PUBLIC: public_privileges: SELECT",
    )
    assert found["default:app:payments:table"][0] == "fail"
    assert found["customers.customers"][0] == "pass"
    assert found["schema:payments"][0] == "pass"


def test_server_settings_roles_and_audit() -> None:
    catalog = leaky_catalog()
    assert verdicts(catalog, "pci-4.2.1-db-tls")["setting:ssl"][0] == "fail"
    hashing = verdicts(catalog, "pci-8.3.2-db-password-hashing")
    assert hashing["setting:password_encryption"][0] == "fail"
    assert hashing["role:reporting"][0] == "fail"
    assert hashing["role:app"][0] == "pass"
    admins = verdicts(catalog, "pci-7.2.1-db-privileged-roles")
    assert admins["role:reporting"][0] == "fail"
    assert "role:postgres" not in admins
    expiry = verdicts(catalog, "pci-8.3.9-db-login-role-expiry")
    assert expiry == {
        "role:reporting": (
            "fail",
            "the login role's password never expires: valid_until is absent",
        ),
        "role:app": ("pass", "valid_until is present"),
    }
    logging = verdicts(catalog, "pci-10.2.1-db-connection-logging")
    assert logging["setting:log_connections"][0] == "fail"
    assert logging["setting:log_disconnections"][0] == "pass"
    assert logging["setting:log_line_prefix"][0] == "fail"
    assert verdicts(catalog, "pci-10.2.1-db-audit-logging")["database:ledger"][0] == "fail"


def test_the_data_map_adds_and_removes_sensitive_columns() -> None:
    data_map = DataMap(
        tables={},
        columns={"customers.customers.nickname": "personal"},
        ignore=frozenset({"payments.cards.pan"}),
    )
    resources = by_address(leaky_catalog(), data_map)
    assert resources["customers.customers.nickname"].attributes["classified_by"] == "data map"
    assert "payments.cards.pan" not in resources


def test_unreadable_effective_privileges_make_exposure_checks_errors_not_passes() -> None:
    why = Unresolved("effective privileges", "permission denied for function has_table_privilege")
    found = verdicts(leaky_catalog(access=why), "pci-7.2.2-db-sensitive-columns-untrusted")
    assert {status for status, _ in found.values()} == {"error"}
    assert "permission denied" in found["payments.cards.pan"][1]


def test_unreadable_password_storage_is_an_error_for_the_hashing_check() -> None:
    catalog = leaky_catalog()
    assert not isinstance(catalog.roles, Unresolved)
    why = Unresolved("how role passwords are stored (pg_authid)", "needs superuser")
    roles = tuple(replace(role, password=why) for role in catalog.roles)
    found = verdicts(replace(catalog, roles=roles), "pci-8.3.2-db-password-hashing")
    assert found["role:app"][0] == "error"
    assert "pg_authid" in found["role:app"][1]


def test_an_unreachable_database_makes_every_database_control_an_error() -> None:
    why = Unresolved("connection to db.internal:5432", "connection refused")
    catalog = Catalog.unreachable("postgresql", "db.internal:5432", "ledger", why)
    snapshot = Snapshot("db", tuple(build_resources(catalog)))
    report = evaluate([LIBRARY[i] for i in DB_CONTROLS], [snapshot])
    statuses = {r.control.id: r.status for r in report.results}
    # Without an expectations file there is no drift to check: not applicable, never a pass.
    drift = statuses.pop("pci-6.5.1-db-schema-drift")
    assert drift is Status.NOT_APPLICABLE
    assert set(statuses.values()) == {Status.ERROR}
    assert report.exit_code == 3


def test_mysql_accounts_anonymous_empty_password_remote_root_and_any_host() -> None:
    accounts = (
        Role("''@%", login=True, user="", host="%", password="empty"),
        Role("root@%", login=True, user="root", host="%", superuser=True, password="x"),
        Role("root@localhost", login=True, user="root", host="localhost", superuser=True),
        Role("app@10.20.%", login=True, user="app", host="10.20.%", password="ed25519"),
        Role("readers", login=False, user="readers", host="", is_role=True),
    )
    catalog = leaky_catalog(
        engine="mariadb",
        roles=accounts,
        settings={"require_secure_transport": "OFF", "tls_version": "TLSv1.1,TLSv1.2"},
        untrusted_roles=("''@%",),
    )

    def statuses(control: str) -> dict[str, str]:
        return {address: status for address, (status, _) in verdicts(catalog, control).items()}

    assert statuses("pci-8.2.1-db-anonymous-accounts")["role:''@%"] == "fail"
    assert statuses("pci-8.2.1-db-anonymous-accounts")["role:app@10.20.%"] == "pass"
    empty = statuses("pci-8.3.1-db-empty-passwords")
    assert empty["role:''@%"] == "fail"
    assert empty["role:app@10.20.%"] == "pass"
    assert "role:readers" not in empty
    assert statuses("pci-2.2.2-db-remote-root") == {
        "role:root@%": "fail",
        "role:root@localhost": "pass",
    }
    any_host = statuses("pci-7.2.1-db-any-host-accounts")
    assert any_host["role:root@%"] == "fail"
    assert any_host["role:app@10.20.%"] == "pass"
    tls = statuses("pci-4.2.1-db-tls")
    assert tls == {"setting:require_secure_transport": "fail", "setting:tls_version": "fail"}


def test_sampled_card_numbers_fail_and_unsampled_columns_are_out_of_scope() -> None:
    from adapters.db.catalog import Sample

    samples: dict[str, Any] = {
        "payments.cards.pan": Sample(100, 3, ("411111******1111",)),
        "customers.customers.nickname": Sample(100, 0),
    }
    found = verdicts(leaky_catalog(samples=samples), "pci-3.5.1-db-pan-in-clear")
    assert found["payments.cards.pan"][0] == "fail"
    assert found["customers.customers.nickname"][0] == "pass"
    assert "customers.customers.email" not in found


def test_untrusted_roles_are_marked_and_memberships_closed() -> None:
    resources = by_address(leaky_catalog())
    anon = resources["role:anon"].attributes
    assert anon["untrusted"] is True
    assert anon["member_of_all"] == ["web_readers", "catalog_readers"]
    assert resources["role:app"].attributes["untrusted"] is False
    assert PUBLIC in resources["database:ledger"].attributes["untrusted_roles"]


def test_a_power_a_preset_intends_is_not_reported_and_the_others_still_are() -> None:
    catalog = leaky_catalog()
    assert not isinstance(catalog.roles, Unresolved)
    service = Role("service_role", login=False, bypass_rls=True, intended_powers=("bypass_rls",))
    overreach = Role(
        "platform_admin",
        login=False,
        bypass_rls=True,
        create_role=True,
        intended_powers=("bypass_rls",),
    )
    found = verdicts(
        replace(catalog, roles=(*catalog.roles, service, overreach)),
        "pci-7.2.1-db-privileged-roles",
    )
    assert found["role:service_role"][0] == "pass"
    status, message = found["role:platform_admin"]
    assert status == "fail"
    assert "create_role is true" in message
    assert "bypass_rls is true" not in message
    resources = by_address(replace(catalog, roles=(service,)))
    assert resources["role:service_role"].attributes["intended_powers"] == ["bypass_rls"]


def test_unreadable_policies_leave_exposure_unresolved_only_where_it_rests_on_them() -> None:
    why = Unresolved("row-level security policies (pg_policy)", "permission denied")
    resources = by_address(leaky_catalog(policies=why))
    email = resources["customers.customers.email"].attributes["exposed_to"]
    assert isinstance(email, Unresolved)
    assert email.reason == "permission denied"
    assert isinstance(resources["customers.customers"].attributes["open_policies"], Unresolved)
    # No row-level security on the cards table: what anon reads does not rest on policies.
    assert resources["payments.cards.pan"].attributes["exposed_to"]
    found = verdicts(leaky_catalog(policies=why), "pci-7.2.2-db-sensitive-columns-untrusted")
    assert found["customers.customers.email"][0] == "error"
    assert found["payments.cards.pan"][0] == "fail"


def test_policies_are_open_when_they_bind_no_row_to_the_caller() -> None:
    def exposure(*policies: Policy) -> Any:
        catalog = leaky_catalog(policies=policies)
        return by_address(catalog)["customers.customers.email"].attributes["exposed_to"]

    def policy(using: str, name: str = "p", *, permissive: bool = True) -> Policy:
        return Policy(
            "customers.customers", name, "SELECT", ("authenticated",), using, None, permissive
        )

    for using in (
        "(auth.uid() IS NOT NULL)",
        "(( SELECT auth.uid() AS uid) IS NOT NULL)",
        "(auth.role() = 'authenticated'::text)",
        "(auth.role() = ANY (ARRAY['anon'::text, 'authenticated'::text]))",
        "((auth.jwt() ->> 'role'::text) = 'authenticated'::text)",
        "(CURRENT_USER = 'authenticated'::name)",
        "((customer_id = 7) OR true)",
        "(true AND (auth.uid() IS NOT NULL))",
    ):
        assert exposure(policy(using)), using
    for using in (
        "(customer_id = auth.uid())",
        "(auth.role() = 'service_role'::text)",
        "((auth.uid() IS NOT NULL) AND (customer_id = auth.uid()))",
        "(note = 'a or true'::text)",
    ):
        assert exposure(policy(using)) == [], using
    restricted = policy("(customer_id = auth.uid())", "own", permissive=False)
    assert exposure(policy("true"), restricted) == []
    restricted_by_nothing = policy("(auth.uid() IS NOT NULL)", "own", permissive=False)
    assert exposure(policy("true"), restricted_by_nothing)


def test_default_privileges_to_untrusted_roles_fail_like_those_to_public() -> None:
    defaults = (
        DefaultPrivilege("app", "public", "table", "anon", ("SELECT", "INSERT")),
        DefaultPrivilege("app", "public", "sequence", "catalog_readers", ("USAGE",)),
        DefaultPrivilege("app", "public", "function", "reporting", ("EXECUTE",)),
    )
    found = verdicts(leaky_catalog(default_privileges=defaults), "pci-7.2.1-db-public-grants")
    assert found["default:app:public:table"] == (
        "fail",
        "objects created later will grant PUBLIC or untrusted roles privileges: "
        "untrusted_grants: anon: SELECT, INSERT",
    )
    assert "catalog_readers: USAGE (held by anon)" in found["default:app:public:sequence"][1]
    assert found["default:app:public:function"][0] == "pass"


def test_user_editable_claims_in_policies_are_reported() -> None:
    policies = (
        Policy(
            "customers.customers",
            "admins",
            "SELECT",
            ("authenticated",),
            "(((auth.jwt() -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text)",
            None,
        ),
        Policy(
            "customers.addresses",
            "tenants",
            "ALL",
            ("authenticated",),
            "((auth.jwt() -> 'app_metadata'::text) ->> 'tenant'::text) = tenant",
            None,
        ),
    )
    found = verdicts(leaky_catalog(policies=policies), "pci-7.2.2-db-policies-user-editable-claims")
    assert found["customers.customers"][0] == "fail"
    assert "admins: SELECT TO authenticated" in found["customers.customers"][1]
    assert found["customers.addresses"][0] == "pass"
    assert "customers.directory" not in found


def test_lockout_and_interactive_timeout_are_judged_where_the_server_has_the_setting() -> None:
    def statuses(settings: dict[str, Any], control: str) -> dict[str, str]:
        catalog = leaky_catalog(engine="mariadb", settings=settings)
        return {address: status for address, (status, _) in verdicts(catalog, control).items()}

    lockout, timeout = "pci-8.3.4-db-account-lockout", "pci-8.2.8-db-interactive-timeout"
    # MariaDB's defaults: never locked out, eight hours idle.
    defaults = {"max_password_errors": "4294967295", "interactive_timeout": "28800"}
    assert statuses(defaults, lockout) == {"setting:max_password_errors": "fail"}
    assert statuses(defaults, timeout) == {"setting:interactive_timeout": "fail"}
    hardened = {"max_password_errors": "9", "interactive_timeout": "900"}
    assert statuses(hardened, lockout) == {"setting:max_password_errors": "pass"}
    assert statuses(hardened, timeout) == {"setting:interactive_timeout": "pass"}
    # Blocked only after more wrong passwords than the limit: 10 allows an eleventh attempt.
    assert statuses({"max_password_errors": "10"}, lockout) == {
        "setting:max_password_errors": "fail"
    }
    # MySQL has no max_password_errors (SHOW VARIABLES leaves it out): not judged.
    assert statuses({"max_password_errors": None}, lockout) == {}
    unread = Unresolved("server variables (SHOW GLOBAL VARIABLES)", "permission denied")
    assert statuses({"max_password_errors": unread}, lockout) == {
        "setting:max_password_errors": "error"
    }
