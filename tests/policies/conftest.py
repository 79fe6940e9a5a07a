"""The moto server of the AWS tests, for the tests that hold controls against an account."""

from tests.adapters.aws.conftest import endpoint

__all__ = ["endpoint"]
