"""The AWS Backup collector against moto's server: vaults judged by who manages their key, and
plans by their rules and selections (moto does not implement ListBackupSelections, so the tests
that need selections answer that call themselves)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from adapters.aws.collectors.backup import BackupCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [BackupCollector()]
ENCRYPTION = "pci-3.5.1-backup-encryption"
BACKUPS = "gdpr-art32-data-store-backups"
BACKUP_ROLE = "arn:aws:iam::123456789012:role/backup"


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant backup vaults in one region: the good one encrypts its
    recovery points with a customer-managed key, the bad one with AWS Backup's own.

    No backup plan is seeded: moto cannot list a plan's selections, so every plan would be an
    error rather than a verdict."""
    key = client("kms").create_key(Description="backup vault")["KeyMetadata"]["Arn"]
    backup = client("backup")
    backup.create_backup_vault(BackupVaultName="ledger-vault-good", EncryptionKeyArn=key)
    backup.create_backup_vault(BackupVaultName="ledger-vault-bad")


def _vault_arns(client: Callable[[str], Any]) -> dict[str, str]:
    vaults = client("backup").list_backup_vaults()["BackupVaultList"]
    return {vault["BackupVaultName"]: vault["BackupVaultArn"] for vault in vaults}


def _selections(by_plan: dict[str, list[dict[str, Any]]]) -> Callable[..., Any]:
    """A ListBackupSelections answer for each plan ID, in place of moto's missing one."""

    def answer(params: dict[str, Any], **_: Any) -> Any:
        plan_id = str(params["url_path"]).strip("/").split("/")[2]
        return SimpleNamespace(status_code=200), {"BackupSelectionsList": by_plan[plan_id]}

    return answer


def _aws_managed_key(params: dict[str, Any], **_: Any) -> Any:
    """DescribeKey as AWS answers it for its own aws/backup key, which moto does not know."""
    key_id = str(params["body"])
    if "aws-backup-managed" not in key_id:
        return None
    metadata = {"KeyId": "aws-backup-managed", "KeyManager": "AWS", "KeyState": "Enabled"}
    return SimpleNamespace(status_code=200), {"KeyMetadata": metadata}


def _plan(client: Callable[[str], Any], name: str, rules: int = 1) -> tuple[str, str]:
    """A plan with `rules` rules into the good vault: its ID and ARN."""
    created = client("backup").create_backup_plan(
        BackupPlan={
            "BackupPlanName": name,
            "Rules": [
                {
                    "RuleName": f"daily-{number}",
                    "TargetBackupVaultName": "ledger-vault-good",
                    "ScheduleExpression": "cron(0 3 * * ? *)",
                    "Lifecycle": {"DeleteAfterDays": 35},
                }
                for number in range(rules)
            ],
        }
    )
    return created["BackupPlanId"], created["BackupPlanArn"]


def test_vaults_are_judged_by_who_manages_their_key(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _vault_arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, ENCRYPTION) == {
        arns["ledger-vault-good"]: Status.PASS,
        arns["ledger-vault-bad"]: Status.FAIL,
    }
    vault = next(r for r in snapshot.resources if r.address == arns["ledger-vault-good"])
    assert vault.attributes["KmsKeyManager"] == "CUSTOMER"


def test_a_vault_under_the_aws_managed_key_fails(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    managed = "arn:aws:kms:eu-west-1:123456789012:key/aws-backup-managed"
    client("backup").create_backup_vault(
        BackupVaultName="ledger-vault-awskey-bad", EncryptionKeyArn=managed
    )
    arns = _vault_arns(client)
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.kms.DescribeKey": _aws_managed_key})
    assert verdicts_of(report, ENCRYPTION) == {arns["ledger-vault-awskey-bad"]: Status.FAIL}


def test_a_vault_whose_key_cannot_be_described_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _vault_arns(client)
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.kms.DescribeKey": _denied})
    statuses = verdicts_of(report, ENCRYPTION)
    assert statuses[arns["ledger-vault-good"]] is Status.ERROR
    # No key named, nothing to describe: AWS Backup's own key, a failure whatever KMS says.
    assert statuses[arns["ledger-vault-bad"]] is Status.FAIL


def _denied(**_: Any) -> Any:
    error = {"Code": "AccessDeniedException", "Message": "not allowed"}
    return SimpleNamespace(status_code=400), {
        "Error": error,
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }


def test_plans_pass_with_a_rule_and_a_selection(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    selected_id, selected = _plan(client, "payments-good")
    unselected_id, unselected = _plan(client, "payments-unassigned-bad")
    by_plan: dict[str, list[dict[str, Any]]] = {
        selected_id: [
            {
                "SelectionId": "5a1e0000-0000-4000-8000-000000000001",
                "SelectionName": "volumes",
                "BackupPlanId": selected_id,
                "IamRoleArn": BACKUP_ROLE,
            }
        ],
        unselected_id: [],
    }
    hooks = {"before-call.backup.ListBackupSelections": _selections(by_plan)}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, BACKUPS) == {selected: Status.PASS, unselected: Status.FAIL}
    plan = next(r for r in snapshot.resources if r.address == selected)
    assert [rule["RuleName"] for rule in plan.attributes["BackupPlan"]["Rules"]] == ["daily-0"]


def test_plans_are_errors_where_selections_cannot_be_listed(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    _, plan = _plan(client, "payments-good")
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, BACKUPS) == {plan: Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == BACKUPS]
    assert "backup:ListBackupSelections" in result.findings[0].message
    assert not any(r.unresolved for r in snapshot.resources)


LOCK = "gdpr-art32-backup-vault-lock"
CARDHOLDER = {"DataClassification": "cardholder"}


def _seed_locks(client: Callable[[str], Any]) -> dict[str, str]:
    """Tagged vaults: one locked for 35 days, one locked for a day, one unlocked; and an
    untagged, unlocked one the lock control does not judge."""
    backup = client("backup")
    for name in ("locked-good", "short-lock-bad", "unlocked-bad"):
        backup.create_backup_vault(BackupVaultName=name, BackupVaultTags=CARDHOLDER)
    backup.create_backup_vault(BackupVaultName="sandbox")
    backup.put_backup_vault_lock_configuration(
        BackupVaultName="locked-good", MinRetentionDays=35, MaxRetentionDays=365
    )
    backup.put_backup_vault_lock_configuration(
        BackupVaultName="short-lock-bad", MinRetentionDays=1, ChangeableForDays=3
    )
    return _vault_arns(client)


def test_tagged_vaults_are_judged_by_their_lock(endpoint: str) -> None:
    reset(endpoint)
    arns = _seed_locks(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, LOCK) == {
        arns["locked-good"]: Status.PASS,
        arns["short-lock-bad"]: Status.FAIL,
        arns["unlocked-bad"]: Status.FAIL,
    }
    vault = next(r for r in snapshot.resources if r.address == arns["locked-good"])
    assert vault.tags == CARDHOLDER
    assert (vault.attributes["Locked"], vault.attributes["MinRetentionDays"]) == (True, 35)


def test_unreadable_tags_error_only_the_scoped_lock_control(endpoint: str) -> None:
    reset(endpoint)
    arns = _seed_locks(client_for(endpoint))
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.backup.ListTags": _denied})
    assert verdicts_of(report, LOCK) == dict.fromkeys(arns.values(), Status.ERROR)
    # The encryption control has no scope: it is judged whatever the tags.
    assert Status.ERROR not in verdicts_of(report, ENCRYPTION).values()
