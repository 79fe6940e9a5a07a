"""AWS Backup: vaults with the key that encrypts their recovery points, their Vault Lock and
tags, and backup plans with their rules and resource selections."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from adapters.aws.collectors.kms_keys import DESCRIBE_KEY, KeyManagers
from checker.models import Resource, Unresolved


class BackupCollector(Collector):
    """Backup vaults and backup plans, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "backup:ListBackupVaults",
        "backup:ListTags",
        "backup:ListBackupPlans",
        "backup:GetBackupPlan",
        "backup:ListBackupSelections",
        DESCRIBE_KEY,
    )
    resource_types: ClassVar[tuple[str, ...]] = ("backup.vault", "backup.plan")

    def collect(self, calls: Calls) -> list[Resource]:
        return self._vaults(calls) + self._plans(calls)

    def _vaults(self, calls: Calls) -> list[Resource]:
        """Vaults, each with `KmsKeyManager`: who manages the key named by EncryptionKeyArn.

        A vault always names a key (AWS Backup's own aws/backup key when none was chosen), so
        only the key's manager tells whether the account controls it. The vault's lock
        (`Locked`, `MinRetentionDays`, `MaxRetentionDays`, `LockDate`) comes with the list
        itself; its tags take one ListTags call per vault.
        """
        vaults = calls.paginate("backup", "ListBackupVaults", "BackupVaultList")
        if isinstance(vaults, Unresolved):
            return [self.unlisted(calls, vaults, "backup.vault")]
        keys = KeyManagers(calls)
        resources = []
        for vault in vaults:
            attributes = dict(vault)
            manager = keys.of(vault.get("EncryptionKeyArn"))
            if manager is not None:
                attributes["KmsKeyManager"] = manager
            arn = vault["BackupVaultArn"]
            listed = calls.call("backup", "ListTags", ResourceArn=arn)
            tags = listed if isinstance(listed, Unresolved) else dict(listed.get("Tags") or {})
            resources.append(make_resource(calls, "backup.vault", arn, attributes, tags))
        return resources

    def _plans(self, calls: Calls) -> list[Resource]:
        """Plans, each with its rules (`BackupPlan.Rules`) and its selections."""
        plans = calls.paginate("backup", "ListBackupPlans", "BackupPlansList")
        if isinstance(plans, Unresolved):
            return [self.unlisted(calls, plans, "backup.plan")]
        resources = []
        for plan in plans:
            plan_id = plan["BackupPlanId"]
            attributes = dict(plan)
            got = calls.call("backup", "GetBackupPlan", BackupPlanId=plan_id)
            attributes["BackupPlan"] = got if isinstance(got, Unresolved) else got["BackupPlan"]
            attributes["BackupSelectionsList"] = calls.paginate(
                "backup", "ListBackupSelections", "BackupSelectionsList", BackupPlanId=plan_id
            )
            resources.append(make_resource(calls, "backup.plan", plan["BackupPlanArn"], attributes))
        return resources
