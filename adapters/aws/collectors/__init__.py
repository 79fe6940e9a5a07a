"""The AWS collectors, one small module per service."""
