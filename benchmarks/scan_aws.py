"""Scan time and API calls of `assaymark scan aws` against a local moto server.

Seeds N S3 buckets and N/2 security groups (spread over two regions) in moto's server on
127.0.0.1, scans, and prints wall time and the calls per action. Run it at two sizes to see
calls grow linearly with resources; as a reference it also times one plain boto3 listing pass
over the same buckets side by side (ListBuckets plus one GetBucketEncryption each), and counts
the calls made twice with the same parameters in the same region (only the credential report's
generation, which IAM answers "in progress" until the report is ready, is polled). The time
includes botocore's retries, with backoff, of the few actions moto's server does not implement.

Usage: python benchmarks/scan_aws.py [--buckets 1000] [--workers 8]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import socket
import sys
import threading
import time
from collections import Counter
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from adapters.aws import Account, AwsAdapter

REGIONS = ("eu-west-1", "eu-central-1")


def _session() -> boto3.Session:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGIONS[0]
    )


class RequestLog:
    """Every request the scan sends, by operation, region and parameters."""

    def __init__(self) -> None:
        self.sent: Counter[tuple[str, ...]] = Counter()
        self._lock = threading.Lock()

    def session(self) -> boto3.Session:
        """A session whose clients report each request here, with the parameters the caller
        gave, before it is built."""
        session = _session()
        session.events.register("before-parameter-build", self._note)
        return session

    def _note(self, model: Any, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        key = (
            model.service_model.service_name,
            model.name,
            str(context.get("client_region")),
            json.dumps(params, sort_keys=True, default=str),
        )
        with self._lock:
            self.sent[key] += 1

    def repeated(self) -> list[tuple[tuple[str, ...], int]]:
        """The requests sent more than once, most repeated first."""
        return [(key, count) for key, count in self.sent.most_common() if count > 1]


def seed(endpoint: str, buckets: int) -> None:
    """Create the buckets and security groups."""
    session = _session()
    for index in range(buckets):
        region = REGIONS[index % len(REGIONS)]
        s3 = session.client("s3", region_name=region, endpoint_url=endpoint)
        s3.create_bucket(
            Bucket=f"bench-{index:05d}", CreateBucketConfiguration={"LocationConstraint": region}
        )
    for index in range(buckets // 2):
        region = REGIONS[index % len(REGIONS)]
        ec2 = session.client("ec2", region_name=region, endpoint_url=endpoint)
        ec2.create_security_group(GroupName=f"bench-{index:05d}", Description="bench")


def plain_listing(endpoint: str) -> float:
    """The reference: the cheapest pass a tool could make over the same buckets."""
    started = time.perf_counter()
    s3 = _session().client("s3", endpoint_url=endpoint)
    unencrypted = 0
    for bucket in s3.list_buckets()["Buckets"]:
        try:
            s3.get_bucket_encryption(Bucket=bucket["Name"])
        except s3.exceptions.ClientError:
            unencrypted += 1  # the seeded buckets have no encryption: the expected answer
    assert unencrypted >= 0
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buckets", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # moto's server logs every request, and a traceback for each action it does not implement.
    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; moto server on loopback"
        )
        started = time.perf_counter()
        seed(endpoint, args.buckets)
        print(
            f"seeded {args.buckets} buckets and {args.buckets // 2} security groups "
            f"in {time.perf_counter() - started:.1f}s"
        )
        requests = RequestLog()
        adapter = AwsAdapter(
            [Account()], REGIONS, endpoint, workers=args.workers, session_factory=requests.session
        )
        started = time.perf_counter()
        snapshot = adapter.collect()
        seconds = time.perf_counter() - started
        reference = plain_listing(endpoint)
        counts = Counter(snapshot.metadata["calls"])
        per_bucket = sum(n for a, n in counts.items() if a.startswith("s3:Get")) / args.buckets
        print(
            f"scan: {seconds:.1f}s for {len(snapshot.resources)} resources, "
            f"{sum(counts.values())} calls, {len(snapshot.errors)} errors"
        )
        print(
            f"reference (ListBuckets + GetBucketEncryption per bucket): {reference:.1f}s; "
            f"scan/reference {seconds / reference:.1f}x for {per_bucket:.0f} reads per bucket"
        )
        repeated = requests.repeated()
        print(f"requests sent more than once with the same parameters: {len(repeated)}")
        for (service, operation, region, *_), count in repeated[:10]:
            print(f"  {service} {operation} in {region}: {count} times")
        for action, count in sorted(counts.items()):
            print(f"  {action:<45} {count:>6}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
