"""The database source: PostgreSQL and MySQL/MariaDB grants, row-level security, sensitive
data, settings and schema drift, read from the catalog in a read-only transaction."""

from adapters.db.adapter import DatabaseAdapter, DatabaseTarget
from adapters.db.drift import load_expectations
from adapters.db.engine import CollectOptions, Dsn, dsn_from_environment, parse_dsn
from adapters.db.sensitive import DataMap, load_data_map

__all__ = [
    "CollectOptions",
    "DataMap",
    "DatabaseAdapter",
    "DatabaseTarget",
    "Dsn",
    "dsn_from_environment",
    "load_data_map",
    "load_expectations",
    "parse_dsn",
]
