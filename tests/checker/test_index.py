"""Lookups between resources stay within one root module or account."""

from __future__ import annotations

from checker.index import ResourceIndex
from checker.models import Location, Reference, Resource, Unresolved

SSE = "aws_s3_bucket_server_side_encryption_configuration"


def resource(kind: str, address: str, namespace: str, **attributes: object) -> Resource:
    return Resource("terraform", kind, address, attributes, Location(), namespace=namespace)


def test_an_unknown_link_in_another_root_leaves_this_root_decided() -> None:
    bucket = resource("aws_s3_bucket", "aws_s3_bucket.data", "live")
    linked = resource(
        SSE, f"{SSE}.data", "live", bucket=Reference("aws_s3_bucket.data", "id", "live")
    )
    unknown = Unresolved("var.bucket", "no value")
    elsewhere = resource(SSE, f"{SSE}.other", "staging", bucket=unknown)
    nearby = resource(SSE, f"{SSE}.near", "live", bucket=unknown)
    index = ResourceIndex([bucket, linked, elsewhere, nearby])
    found, undecided = index.linked_to(bucket, (SSE,), "bucket")
    assert found == [linked]
    # The unknown one in the same root may point at the bucket; the other root's cannot.
    assert [candidate for candidate, _ in undecided] == [nearby]
