"""Terraform evaluated as Terraform evaluates it: on demand, typed, and known where it is known.

Each construct has a fixture where assaymark must decide, and one where it must stay unknown.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from adapters.terraform import TerraformAdapter
from adapters.terraform import adapter as terraform_adapter
from adapters.terraform.adapter import ModuleLoader
from adapters.terraform.module import ModuleInstance
from adapters.terraform.values import EvalFailure
from checker.models import Reference, Resource, Snapshot, Unresolved
from tests.conftest import DATA, Run

EVALUATION = DATA / "terraform" / "evaluation"


def collect(*folders: str) -> Snapshot:
    return TerraformAdapter([EVALUATION / folder for folder in folders]).collect()


def by_address(snapshot: Snapshot) -> dict[str, Resource]:
    return {resource.address: resource for resource in snapshot.resources}


# -- one root's failure is that root's error -------------------------------------------------


def _break_root(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    """Make evaluating one root module raise, as a bug of assaymark's own would."""
    original = terraform_adapter.ResourceCollector._variables

    def broken(self: terraform_adapter.ResourceCollector, instance: ModuleInstance) -> None:
        if instance.directory.name == folder:
            raise TypeError("'Unresolved' object is not iterable")
        original(self, instance)

    monkeypatch.setattr(terraform_adapter.ResourceCollector, "_variables", broken)


def test_an_internal_error_in_one_root_leaves_the_other_roots_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _break_root(monkeypatch, "types")
    snapshot = collect("types", "cycle")
    addresses = {resource.address for resource in snapshot.resources}
    assert "aws_s3_bucket.logs" in addresses
    assert not any("types/" in resource.location.file for resource in snapshot.resources)
    (error,) = [e for e in snapshot.errors if "internal error" in e.message]
    assert error.location.file == "tests/data/terraform/evaluation/types"
    assert "TypeError: 'Unresolved' object is not iterable" in error.message


def test_an_internal_error_in_one_resource_is_its_error_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = terraform_adapter.decoded_user_data

    def broken(resource_type: str, values: dict[str, object]) -> dict[str, object]:
        if resource_type == "aws_ebs_volume":
            raise KeyError("principals")
        return original(resource_type, values)

    monkeypatch.setattr(terraform_adapter, "decoded_user_data", broken)
    resources = by_address(collect("types"))
    volume = resources["aws_ebs_volume.data[0]"]
    assert isinstance(volume.unresolved, EvalFailure)
    assert "internal error (KeyError: 'principals')" in volume.unresolved.reason
    assert resources['aws_sqs_queue.jobs["refunds"]'].unresolved is None


def test_a_crashing_root_exits_3_with_the_others_in_the_report(
    monkeypatch: pytest.MonkeyPatch, run: Callable[..., Run]
) -> None:
    _break_root(monkeypatch, "types")
    result = run(
        "scan", "terraform", EVALUATION / "types", EVALUATION / "cycle", "--format", "json"
    )
    assert result.code == 3, result.err
    report = result.json()
    assert any("root module" in error["message"] for error in report["errors"])
    assert "Traceback" not in result.err
    assert any(
        finding["resource"] == "aws_s3_bucket.logs"
        for control in report["controls"]
        for finding in control["findings"]
    )


# -- evaluated on demand, each value once, cycles named ----------------------------------------


def test_modules_feeding_each_other_are_evaluated() -> None:
    resources = by_address(collect("feeding"))
    cache = resources["module.cache.aws_elasticache_replication_group.this"].attributes
    assert cache["security_group_ids"] == [
        Reference(
            "module.service.aws_security_group.this",
            "id",
            "tests/data/terraform/evaluation/feeding",
        )
    ]
    assert cache["at_rest_encryption_enabled"] is True
    parameter = resources["module.service.aws_ssm_parameter.cache_url"].attributes
    assert parameter["value"] == "rediss://payments.cache.internal:6379"


def test_a_policy_referring_to_its_own_module_output_is_rendered() -> None:
    resources = by_address(collect("feeding"))
    policy = resources["module.statements.aws_s3_bucket_policy.this[0]"].attributes["policy"]
    (statement,) = policy["Statement"]
    assert statement["Effect"] == "Deny"
    assert statement["Action"] == ["s3:*"]
    assert statement["Resource"] == [
        Reference(
            "module.statements.aws_elasticache_replication_group.this",
            "arn",
            "tests/data/terraform/evaluation/feeding",
        )
    ]


def test_a_genuine_cycle_is_an_error_naming_its_values() -> None:
    resources = by_address(collect("cycle"))
    bucket = resources["aws_s3_bucket.data"].attributes["bucket"]
    assert isinstance(bucket, Unresolved)
    assert "local.bucket_name -> local.prefix -> local.bucket_name" in str(bucket)
    assert resources["aws_s3_bucket.logs"].attributes["bucket"] == "payments-logs"


# -- Terraform's types ---------------------------------------------------------------------------


def test_optional_attributes_take_their_defaults() -> None:
    resources = by_address(collect("types"))
    queues = {a for a in resources if a.startswith("aws_sqs_queue.jobs")}
    assert queues == {'aws_sqs_queue.jobs["refunds"]', 'aws_sqs_queue.jobs["settlement"]'}
    refunds = resources['aws_sqs_queue.jobs["refunds"]'].attributes
    assert refunds["kms_master_key_id"] == "alias/jobs"
    assert refunds["sqs_managed_sse_enabled"] is False
    assert refunds["message_retention_seconds"] == 345600
    settlement = resources['aws_sqs_queue.jobs["settlement"]'].attributes
    assert settlement["message_retention_seconds"] == 1209600


def test_strings_convert_to_numbers_and_bools_as_in_terraform() -> None:
    resources = by_address(collect("types"))
    assert {"aws_ebs_volume.data[0]", "aws_ebs_volume.data[1]"} <= set(resources)
    assert resources["aws_ebs_volume.data[1]"].attributes["encrypted"] is True
    assert "aws_ebs_volume.flag_on[0]" in resources
    assert not any(address.startswith("aws_ebs_volume.flagged[") for address in resources)


def test_a_count_of_an_unknown_value_stays_an_error_of_that_resource() -> None:
    resources = by_address(collect("types"))
    undecided = resources["aws_ebs_volume.undecided"]
    assert isinstance(undecided.unresolved, Unresolved)
    assert "var.unknown_count" in str(undecided.unresolved)


# -- references to configured arguments ----------------------------------------------------------


def test_a_written_argument_is_known_through_a_reference() -> None:
    resources = by_address(collect("references"))
    rule = resources["aws_security_group_rule.db_from_vpc"].attributes
    assert rule["cidr_blocks"] == ["10.20.0.0/16"]
    assert rule["description"] == "from ledger"


def test_what_the_provider_computes_stays_known_only_after_apply() -> None:
    resources = by_address(collect("references"))
    cidr = resources["aws_security_group_rule.db_from_endpoint"].attributes["cidr_blocks"]
    (only,) = cidr
    assert isinstance(only, Unresolved)
    assert "aws_db_instance.ledger.endpoint" in str(only)


def test_splats_over_counted_resources_and_whole_modules() -> None:
    root = ModuleLoader().root(EVALUATION / "references", {})
    assert root.local("log_buckets") == "payments-logs-0,payments-logs-1"
    assert isinstance(root.local("log_ids"), Unresolved)
    assert root.local("network") == ["10.20.0.0/16"]


# -- partial evaluation ----------------------------------------------------------------------------


def _verdicts(run: Callable[..., Run], folder: str, *controls: str) -> dict[str, str]:
    selection = [part for control in controls for part in ("--control", control)]
    result = run("scan", "terraform", EVALUATION / folder, *selection, "--format", "json")
    for secret in ("Aa1234321Bb", "tok-9f8e7d6c5b4a"):
        assert secret not in result.out + result.err
    return {
        finding["resource"]: finding["status"]
        for control in result.json()["controls"]
        for finding in control["findings"]
    }


def test_known_text_beside_an_unknown_interpolation_decides(run: Callable[..., Run]) -> None:
    verdicts = _verdicts(run, "partial", "pci-8.6.2-user-data-secrets")
    assert verdicts["aws_instance.wordpress"] == "fail"
    assert verdicts["aws_instance.worker"] == "error"


def test_a_json_heredoc_with_an_unknown_arn_keeps_its_known_statement(
    run: Callable[..., Run],
) -> None:
    verdicts = _verdicts(run, "partial", "pci-4.2.1-s3-tls-only")
    assert verdicts["aws_s3_bucket.statements"] == "pass"
    assert verdicts["aws_s3_bucket.exports"] == "error"


def test_a_partly_known_string_keeps_its_known_pieces_in_order() -> None:
    resources = by_address(collect("partial"))
    user_data = resources["aws_instance.worker"].attributes["user_data"]
    assert isinstance(user_data, Unresolved)
    assert user_data.known_parts == (
        '#!/bin/bash\necho "DB_HOST=',
        None,
        '" >> /etc/worker.env\n',
    )


# -- dynamic blocks and for_each over unknown values -------------------------------------------


def test_a_dynamic_block_over_a_known_list_is_expanded() -> None:
    resources = by_address(collect("dynamic"))
    (statement,) = resources["aws_s3_bucket_policy.known"].attributes["policy"]["Statement"]
    assert statement["Principal"] == {"AWS": ["arn:aws:iam::111122223333:role/reporting"]}


def test_a_dynamic_block_over_an_unknown_value_is_an_error_never_a_crash() -> None:
    resources = by_address(collect("dynamic"))
    assert isinstance(resources["aws_s3_bucket_policy.unknown"].attributes["policy"], Unresolved)
    merged = resources["aws_s3_bucket_policy.merged"].attributes["policy"]
    known, written = merged["Statement"]
    assert known["Principal"] == {"AWS": ["arn:aws:iam::111122223333:role/reporting"]}
    assert written["Sid"] == "Write"
    assert isinstance(written["Principal"], Unresolved)
    group = resources["aws_security_group.ingress"].attributes
    assert isinstance(group["ingress"], Unresolved)
    assert isinstance(group["egress"], EvalFailure)


# -- where a finding comes from -------------------------------------------------------------------


def test_a_finding_in_a_shared_module_names_the_root_it_was_evaluated_for(
    run: Callable[..., Run],
) -> None:
    shared = EVALUATION / "shared"
    control = ("--control", "pci-3.5.1-rds-storage-encrypted")
    report = run("scan", "terraform", shared, *control, "--format", "json").json()
    (result,) = report["controls"]
    roots = {finding["root"]: finding["status"] for finding in result["findings"]}
    assert roots == {
        "tests/data/terraform/evaluation/shared/one": "pass",
        "tests/data/terraform/evaluation/shared/two": "fail",
    }
    text = run("scan", "terraform", shared, *control).out
    assert (
        "module.database.aws_db_instance.this (root tests/data/terraform/evaluation/shared/two)"
        in (" ".join(text.split()))
    )
    sarif = run("scan", "terraform", shared, *control, "--format", "sarif").json()
    (failure,) = sarif["runs"][0]["results"]
    assert "shared/two" in failure["message"]["text"]


def test_a_destination_named_after_an_unknown_says_what_is_unknown(
    run: Callable[..., Run],
) -> None:
    report = run(
        "scan", "terraform", EVALUATION / "partial",
        "--control", "gdpr-art44-s3-replication-region", "--format", "json",
    ).json()  # fmt: skip
    (finding,) = report["controls"][0]["findings"]
    assert finding["status"] == "error"
    assert "random_pet.this.id is known only after apply" in finding["message"]
    assert "not in the scan" not in finding["message"]


def test_a_data_source_is_known_where_written_and_read_when_planning_otherwise() -> None:
    root = ModuleLoader().root(EVALUATION / "references", {})
    assert root.local("deployer_name") == "payments-deployer"
    cidr = root.local("default_cidr")
    assert isinstance(cidr, Unresolved)
    assert "read from the provider when planning" in cidr.reason


# -- data "template_file" ----------------------------------------------------------------------


def test_a_template_file_with_static_template_and_vars_is_rendered(
    run: Callable[..., Run],
) -> None:
    verdicts = _verdicts(run, "templates", "pci-8.6.2-user-data-secrets")
    assert verdicts["aws_instance.known"] == "fail"
    assert verdicts["aws_instance.partly_known"] == "fail"
    assert verdicts["aws_instance.unknown"] == "error"


def test_a_for_expression_over_resource_instances_reads_their_written_arguments() -> None:
    root = ModuleLoader().root(EVALUATION / "references", {})
    assert root.local("by_name_buckets") == ["payments-audit", "payments-exports"]
    arns = root.local("by_name_arns")
    assert all(isinstance(arn, Reference) for arn in arns)


# -- data "cloudinit_config" -------------------------------------------------------------------


def test_a_cloudinit_archive_is_rendered_as_the_provider_frames_it() -> None:
    root = ModuleLoader().root(EVALUATION / "cloudinit", {})
    rendered = root.data_source("cloudinit_config", "web", None)["rendered"]
    assert base64.b64decode(rendered).decode() == (
        'Content-Type: multipart/mixed; boundary="MIMEBOUNDARY"\n'
        "MIME-Version: 1.0\r\n\r\n"
        "--MIMEBOUNDARY\r\n"
        "Content-Transfer-Encoding: 7bit\r\n"
        "Content-Type: text/x-shellscript\r\n"
        "Mime-Version: 1.0\r\n\r\n"
        "#!/bin/bash\nexport DB_PASSWORD='Aa1234321Bb'\n"
        "\r\n--MIMEBOUNDARY\r\n"
        'Content-Disposition: attachment; filename="settings.cfg"\r\n'
        "Content-Transfer-Encoding: 7bit\r\n"
        "Content-Type: text/cloud-config\r\n"
        "Mime-Version: 1.0\r\n\r\n"
        "timezone: Europe/Berlin\n"
        "\r\n--MIMEBOUNDARY--\r\n"
    )


def test_cloudinit_user_data_is_judged_where_it_can_be(run: Callable[..., Run]) -> None:
    verdicts = _verdicts(run, "cloudinit", "pci-8.6.2-user-data-secrets")
    assert verdicts["aws_launch_template.web"] == "fail"
    assert verdicts["aws_launch_template.compressed"] == "error"
    assert verdicts["aws_instance.unknown"] == "error"


def test_a_secret_read_through_a_reference_stays_secret(run: Callable[..., Run]) -> None:
    result = run(
        "scan", "terraform", EVALUATION / "references",
        "--control", "pci-8.6.2-user-data-secrets", "--format", "json",
    )  # fmt: skip
    assert "Zq8!reporting-db-pass" not in result.out + result.err
    resources = by_address(collect("references"))
    user_data = resources["aws_instance.reporter"].attributes["user_data"]
    assert "PGHOST=reporting" in user_data
    assert "Zq8!reporting-db-pass" not in user_data


def test_a_keyed_policy_document_renders_each_instance_with_its_own_values() -> None:
    root = ModuleLoader().root(EVALUATION / "dynamic", {})
    assert root.local("exports_sid") == "exports"
    assert root.local("per_bucket_actions") == [["s3:PutObject"], ["s3:GetObject"]]


def test_the_partition_and_region_follow_from_the_provider_configuration() -> None:
    resources = by_address(collect("provider-data-sources"))
    monitoring = resources["aws_iam_role_policy_attachment.monitoring"].attributes["policy_arn"]
    assert monitoring == "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
    admin = resources["aws_iam_role_policy_attachment.admin"].attributes["policy_arn"]
    assert admin == "arn:aws-cn:iam::aws:policy/AdministratorAccess"
    assert (
        resources["aws_cloudwatch_log_group.x"].attributes["name"]
        == "/x/eu-west-1/amazonaws.com.cn"
    )
    # A provider whose region is not known leaves its partition unknown too.
    unknown = resources["aws_cloudwatch_log_group.elsewhere"].attributes["name"]
    assert isinstance(unknown, Unresolved)
