"""The live AWS source: boto3 collectors, read-only, every account and region."""

from adapters.aws.adapter import Account, AwsAdapter, Organization, least_privilege_policy

__all__ = ["Account", "AwsAdapter", "Organization", "least_privilege_policy"]
