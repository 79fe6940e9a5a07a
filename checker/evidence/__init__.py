"""Evidence bundles: writing, verifying, replaying and comparing them."""
