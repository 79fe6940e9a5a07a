"""Liquibase's own change types (createTable, addColumn, createIndex, ...) as the SQL Liquibase
generates for them on PostgreSQL and on MySQL/MariaDB, so that changelogs written with them can
be replayed and parsed like SQL.

What Liquibase does is followed where it decides what the database ends up with:

- Types: Liquibase's type names are mapped per engine as Liquibase maps them (`boolean` is
  BOOLEAN on PostgreSQL and TINYINT(1) on MySQL, `datetime` TIMESTAMP WITHOUT TIME ZONE and
  DATETIME, `clob` TEXT and LONGTEXT, `blob` OID and LONGBLOB, `uuid` UUID and CHAR(36), ...);
  a type it does not know is passed through as written.
- Names: quoted only where Liquibase quotes them (reserved words, characters other than
  letters, digits and `_`, a leading digit, and on PostgreSQL names in mixed case), so the
  server folds the others' case as it does for Liquibase. `schemaName` (PostgreSQL) and
  `catalogName` or `schemaName` (MySQL) qualify names.
- Generated names: a primary key without `primaryKeyName` is named `<table>_pkey` on
  PostgreSQL; other unnamed constraints are named by the server.
- Statements Liquibase writes differently per engine (MySQL's `MODIFY` and `CHANGE`, which
  restate the column's type, its explicit `NULL`, `DROP FOREIGN KEY` and `DROP KEY`) are
  written the same way, with the same consequences for what the column keeps.

Data changes (insert, update, delete, loadData, loadUpdateData) change rows, not the catalog
the replay is compared by: they are no SQL here, like tagDatabase, empty and output. A change
that cannot be written for the engine (an unknown change type, a required attribute missing,
a changelog parameter `${...}` still there, the changelog having substituted those it knows, a
`uuid` column on MySQL, where MariaDB 10.7+ has a UUID type and MySQL not) is None: not
replayable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

#: The engines SQL is written for, as `Engine.name` names them (MariaDB is `mysql`).
ENGINES = ("postgresql", "mysql")
#: The databases of each engine, by the short names Liquibase's `dbms` lists use.
DATABASES: Mapping[str, tuple[str, ...]] = {
    "postgresql": ("postgresql",),
    "mysql": ("mysql", "mariadb"),
}

_PARAMETER = "${"
_PG_PRIMARY_KEY_BYTES = 63 - len("_pkey")
# Changes that leave the catalog as it was.
_NO_SCHEMA = frozenset(
    {"tagDatabase", "empty", "output", "insert", "update", "delete", "loadData", "loadUpdateData"}
)
_PG_RESERVED = frozenset(
    """ALL ANALYSE ANALYZE AND ANY ARRAY AS ASC ASYMMETRIC AUTHORIZATION BINARY BOTH CASE CAST
    CHECK COLLATE COLLATION COLUMN CONCURRENTLY CONSTRAINT CREATE CROSS CURRENT_CATALOG
    CURRENT_DATE CURRENT_ROLE CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DEFAULT
    DEFERRABLE DESC DISTINCT DO ELSE END EXCEPT FALSE FETCH FOR FOREIGN FREEZE FROM FULL GRANT
    GROUP HAVING ILIKE IN INITIALLY INNER INTERSECT INTO IS ISNULL JOIN LATERAL LEADING LEFT
    LIKE LIMIT LOCALTIME LOCALTIMESTAMP NATURAL NOT NOTNULL NULL OFFSET ON ONLY OR ORDER OUTER
    OVERLAPS PLACING PRIMARY REFERENCES RETURNING RIGHT SELECT SESSION_USER SIMILAR SOME
    SYMMETRIC SYSTEM_USER TABLE TABLESAMPLE THEN TO TRAILING TRUE UNION UNIQUE USER USING
    VARIADIC VERBOSE WHEN WHERE WINDOW WITH""".split()  # noqa: SIM905 - a table of words
)
_MYSQL_RESERVED = frozenset(
    """ACCESSIBLE ADD ALL ALTER ANALYZE AND AS ASC ASENSITIVE BEFORE BETWEEN BIGINT BINARY BLOB
    BOTH BUCKETS BY CALL CASCADE CASE CHANGE CHAR CHARACTER CHECK COLLATE COLUMN CONDITION
    CONSTRAINT CONTINUE CONVERT CREATE CROSS CUBE CUME_DIST CURRENT_DATE CURRENT_ROLE
    CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DATABASES DAY_HOUR
    DAY_MICROSECOND DAY_MINUTE DAY_SECOND DEC DECIMAL DECLARE DEFAULT DELAYED DELETE DENSE_RANK
    DESC DESCRIBE DETERMINISTIC DISTINCT DISTINCTROW DIV DOUBLE DROP DUAL EACH ELSE ELSEIF EMPTY
    ENCLOSED ESCAPED EXCEPT EXISTS EXIT EXPLAIN FALSE FETCH FIRST_VALUE FLOAT FLOAT4 FLOAT8
    FOLLOWING FOR FORCE FOREIGN FROM FULLTEXT FUNCTION GENERATED GET GRANT GROUP GROUPING GROUPS
    HAVING HIGH_PRIORITY HOUR_MICROSECOND HOUR_MINUTE HOUR_SECOND IF IGNORE IN INDEX INFILE
    INNER INOUT INSENSITIVE INSERT INT INT1 INT2 INT3 INT4 INT8 INTEGER INTERSECT INTERVAL INTO
    IO_AFTER_GTIDS IO_BEFORE_GTIDS IS ITERATE JOIN JSON_TABLE KEY KEYS KILL LAG LAST_VALUE
    LATERAL LEAD LEADING LEAVE LEFT LIKE LIMIT LINEAR LINES LOAD LOCALTIME LOCALTIMESTAMP LOCK
    LONG LONGBLOB LONGTEXT LOOP LOW_PRIORITY MASTER_BIND MASTER_SSL_VERIFY_SERVER_CERT MATCH
    MAXVALUE MEDIUMBLOB MEDIUMINT MEDIUMTEXT MIDDLEINT MINUTE_MICROSECOND MINUTE_SECOND MOD
    MODIFIES NATURAL NOT NO_WRITE_TO_BINLOG NTH_VALUE NTILE NULL NUMERIC OF OFFSET ON OPTIMIZE
    OPTIMIZER_COSTS OPTION OPTIONALLY OR ORDER OUT OUTER OUTFILE OVER PARTITION PERCENT_RANK
    PERIOD PRECISION PRIMARY PROCEDURE PURGE RANGE RANK READ READS READ_WRITE REAL RECURSIVE
    REFERENCES REGEXP RELEASE RENAME REPEAT REPLACE REQUIRE RESIGNAL RESTRICT RETURN RETURNING
    REVOKE RIGHT RLIKE ROLE ROW ROWNUM ROWS ROW_NUMBER SCHEMA SCHEMAS SECOND_MICROSECOND SELECT
    SENSITIVE SEPARATOR SET SHOW SIGNAL SMALLINT SPATIAL SPECIFIC SQL SQLEXCEPTION SQLSTATE
    SQLWARNING SQL_BIG_RESULT SQL_CALC_FOUND_ROWS SQL_SMALL_RESULT SSL STARTING STORED
    STRAIGHT_JOIN SYSTEM TABLE TERMINATED THEN TINYBLOB TINYINT TINYTEXT TO TRAILING TRIGGER
    TRUE UNDO UNION UNIQUE UNLOCK UNSIGNED UPDATE USAGE USE USING UTC_DATE UTC_TIME
    UTC_TIMESTAMP VALUES VARBINARY VARCHAR VARCHARACTER VARYING VIRTUAL WHEN WHERE WHILE WINDOW
    WITH WRITE XOR YEAR_MONTH ZEROFILL""".split()  # noqa: SIM905 - a table of words
)
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?|\d{2}:\d{2}(:\d{2})?")
_NOW = frozenset(
    {"now()", "current_timestamp", "current_timestamp()", "current_datetime", "getdate()",
     "systimestamp", "sysdate", "localtimestamp"}
)  # fmt: skip

# Liquibase's type names and aliases, by the type that handles them.
_TYPE_FAMILIES: dict[str, tuple[str, ...]] = {
    "boolean": ("boolean", "bool", "bit", "java.sql.types.boolean", "java.lang.boolean"),
    "tinyint": ("tinyint", "java.sql.types.tinyint"),
    "smallint": ("smallint", "int2", "smallserial", "java.sql.types.smallint"),
    "mediumint": ("mediumint",),
    "int": ("int", "integer", "int4", "serial", "serial4", "java.sql.types.integer",
            "java.lang.integer"),
    "bigint": ("bigint", "int8", "bigserial", "serial8", "integer8", "java.sql.types.bigint",
               "java.math.biginteger", "java.lang.long"),
    "float": ("float", "real", "java.sql.types.float", "java.sql.types.real", "java.lang.float"),
    "double": ("double", "java.sql.types.double", "java.lang.double"),
    "decimal": ("decimal", "java.sql.types.decimal", "java.math.bigdecimal"),
    "number": ("number", "numeric", "java.sql.types.numeric"),
    "currency": ("currency", "money", "smallmoney"),
    "varchar": ("varchar", "varchar2", "character varying", "java.sql.types.varchar",
                "java.lang.string"),
    "char": ("char", "character", "bpchar", "java.sql.types.char"),
    "nvarchar": ("nvarchar", "nvarchar2", "national", "java.sql.types.nvarchar"),
    "nchar": ("nchar", "nchar2", "java.sql.types.nchar"),
    "clob": ("clob", "text", "longtext", "tinytext", "mediumtext", "longvarchar", "nclob",
             "ntext", "longnvarchar", "long varchar", "long nvarchar", "java.sql.types.clob",
             "java.sql.types.longvarchar", "java.sql.types.longnvarchar", "java.sql.types.nclob"),
    "blob": ("blob", "longblob", "tinyblob", "mediumblob", "binary", "varbinary", "longvarbinary",
             "image", "long binary", "long varbinary", "java.sql.types.blob",
             "java.sql.types.longblob", "java.sql.types.longvarbinary",
             "java.sql.types.varbinary", "java.sql.types.binary"),
    "date": ("date", "java.sql.types.date", "java.sql.date"),
    "time": ("time", "timetz", "java.sql.types.time", "java.sql.time"),
    "datetime": ("datetime", "smalldatetime", "datetime2", "java.sql.types.datetime",
                 "java.util.date"),
    "timestamp": ("timestamp", "timestamptz", "java.sql.types.timestamp",
                  "java.sql.types.timestamp_with_timezone", "java.sql.timestamp"),
    "uuid": ("uuid", "uniqueidentifier", "java.util.uuid"),
    "xml": ("xml",),
}  # fmt: skip
_FAMILY = {alias: family for family, aliases in _TYPE_FAMILIES.items() for alias in aliases}
_INTEGERS = frozenset({"tinyint", "smallint", "mediumint", "int", "bigint"})
_NUMERIC = _INTEGERS | {"float", "double", "decimal", "number", "currency"}
# Names of more than one word Liquibase reads as one type name.
_MULTIWORD = ("character varying", "long varchar", "long nvarchar", "long binary",
              "long varbinary", "bit varying")  # fmt: skip


class Untranslatable(Exception):
    """A change that cannot be written as SQL for the engine."""


@dataclass(frozen=True)
class ColumnSpec:
    """A `column` of a change: its attributes and those of its `constraints`, as written."""

    attributes: Mapping[str, str]
    constraints: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        """An attribute, None where it is not set (or blank)."""
        return _present(self.attributes.get(name))

    def constraint(self, name: str) -> str | None:
        """A constraint attribute, None where it is not set (or blank)."""
        return _present(self.constraints.get(name))

    def flag(self, name: str) -> bool:
        """Whether a constraint attribute (or else a column attribute) is true."""
        value = self.constraint(name) or self.get(name)
        return value is not None and value.lower() == "true"


@dataclass(frozen=True)
class ChangeSpec:
    """One Liquibase change: its type, attributes, columns and text (a view's query)."""

    name: str
    attributes: Mapping[str, str]
    columns: tuple[ColumnSpec, ...] = ()
    text: str | None = None


def _present(value: str | None) -> str | None:
    return value.strip() if value is not None and value.strip() else None


def is_change_type(name: str) -> bool:
    """Whether `name` is a change type written as SQL here (or one that needs none)."""
    return name in _WRITERS or name in _NO_SCHEMA


def translate(change: ChangeSpec, engine: str) -> str | None:
    """The SQL Liquibase generates for `change` on `engine` (postgresql or mysql), each
    statement ended by `;` on a line of its own; "" for a change that leaves the catalog as it
    was; None where it cannot be written."""
    if change.name in _NO_SCHEMA:
        return ""
    writer = _WRITERS.get(change.name)
    if writer is None or _mentions_parameter(change):
        return None
    try:
        statements = list(writer(_Writer(change, engine)))
    except Untranslatable:
        return None
    return "".join(f"{statement};\n" for statement in statements)


def _mentions_parameter(change: ChangeSpec) -> bool:
    texts = [*change.attributes.values(), change.text or ""]
    for column in change.columns:
        texts.extend(column.attributes.values())
        texts.extend(column.constraints.values())
    return any(_PARAMETER in text for text in texts)


def dbms_applies(dbms: str | None, engine: str) -> bool | None:
    """Whether a change or changeset limited to `dbms` (Liquibase's list: `postgresql`,
    `!h2`, `all`, `none`) runs on `engine`; None where MySQL and MariaDB differ, the engine
    `mysql` being either."""
    answers = {dbms_matches(dbms, name) for name in DATABASES[engine]}
    return answers.pop() if len(answers) == 1 else None


def dbms_matches(dbms: str | None, short_name: str) -> bool:
    """Whether Liquibase's list `dbms` takes in the database of `short_name` (`postgresql`,
    `mysql`, `mariadb`: one server, not an engine), as Liquibase's `DatabaseList` reads it."""
    listed = [part.strip().lower() for part in (dbms or "").split(",") if part.strip()]
    if not listed or "all" in listed:
        return True
    if "none" in listed or f"!{short_name}" in listed:
        return False
    wanted = [name for name in listed if not name.startswith("!")]
    return not wanted or short_name in wanted


# -- types


@dataclass(frozen=True)
class _Type:
    """A type as written, taken apart as Liquibase reads it."""

    written: str
    name: str
    parameters: tuple[str, ...]
    extra: str

    @property
    def family(self) -> str | None:
        return _FAMILY.get(self.name.lower())

    @property
    def serial(self) -> bool:
        """Whether the type itself asks for an auto-increment column."""
        return "serial" in self.name.lower() and self.family in _INTEGERS

    def with_parameters(self, name: str, parameters: Iterable[str] | None = None) -> str:
        chosen = self.parameters if parameters is None else tuple(parameters)
        return f"{name}({', '.join(chosen)})" if chosen else name

    def with_extra(self, text: str) -> str:
        return f"{text} {self.extra}" if self.extra else text


def _parse_type(written: str) -> _Type:
    text = re.sub(r"\s*\{.*\}\s*$", "", written.strip())
    parameters: tuple[str, ...] = ()
    match = re.search(r"\((.*?)\)", text)
    if match:
        parameters = tuple(part.strip() for part in match[1].split(",") if part.strip())
        text = (text[: match.start()] + text[match.end() :]).strip()
    text = text.strip('"`[]')
    lowered = text.lower()
    multiword = next((name for name in _MULTIWORD if lowered.startswith(name)), None)
    if multiword is not None:
        return _Type(written, text[: len(multiword)], parameters, text[len(multiword) :].strip())
    name, _, extra = text.partition(" ")
    return _Type(written, name, parameters, extra.strip())


def column_type(written: str, engine: str) -> str:
    """The type Liquibase writes for the type name `written` on `engine`."""
    parsed = _parse_type(written)
    family = parsed.family
    if family is None:
        return written.strip()
    render = _PG_TYPES.get(family) if engine == "postgresql" else _MYSQL_TYPES.get(family)
    return render(parsed) if render is not None else written.strip()


def _pg_boolean(parsed: _Type) -> str:
    return parsed.with_parameters("BIT") if parsed.name.lower() == "bit" else "BOOLEAN"


def _pg_float(parsed: _Type) -> str:
    return "REAL" if parsed.name.lower() == "real" else parsed.with_parameters("FLOAT")


def _pg_number(parsed: _Type) -> str:
    if parsed.parameters and parsed.parameters[0].isdigit() and int(parsed.parameters[0]) > 1000:
        return "numeric"
    return parsed.with_parameters("numeric")


def _pg_varchar(parsed: _Type) -> str:
    if len(parsed.parameters) != 1:
        return parsed.with_extra(parsed.with_parameters("VARCHAR"))
    size = re.sub(r"(?<=\d)\s*(?i:CHAR)$", "", parsed.parameters[0])
    return parsed.with_extra(f"VARCHAR({size})")


def _pg_char(parsed: _Type) -> str:
    if len(parsed.parameters) == 1:
        size = re.sub(r"(?<=\d)\s*(?i:CHAR)$", "", parsed.parameters[0])
        return parsed.with_extra(f"CHAR({size})")
    return parsed.with_extra(parsed.with_parameters("CHAR"))


def _time_zone(parsed: _Type) -> str:
    lowered = parsed.written.lower()
    aware = "tz" in lowered or "with time zone" in lowered
    return "WITH TIME ZONE" if aware else "WITHOUT TIME ZONE"


def _pg_timestamp(parsed: _Type) -> str:
    precision = parsed.parameters[-1] if parsed.parameters else None
    stem = f"TIMESTAMP({precision})" if precision else "TIMESTAMP"
    return f"{stem} {_time_zone(parsed)}"


def _pg_time(parsed: _Type) -> str:
    return f"{parsed.with_parameters('time', parsed.parameters[-1:])} {_time_zone(parsed)}"


def _pg_blob(parsed: _Type) -> str:
    return "OID" if parsed.name.lower().startswith("blob") else "BYTEA"


_PG_TYPES: dict[str, Callable[[_Type], str]] = {
    "boolean": _pg_boolean,
    "tinyint": lambda parsed: "SMALLINT",
    "smallint": lambda parsed: "SMALLINT",
    "mediumint": lambda parsed: parsed.with_parameters("MEDIUMINT"),
    "int": lambda parsed: "INTEGER",
    "bigint": lambda parsed: parsed.with_extra("BIGINT"),
    "float": _pg_float,
    "double": lambda parsed: "DOUBLE PRECISION",
    "decimal": lambda parsed: parsed.with_parameters("DECIMAL"),
    "number": _pg_number,
    "currency": lambda parsed: "DECIMAL",
    "varchar": _pg_varchar,
    "char": _pg_char,
    "nvarchar": lambda parsed: parsed.with_parameters("VARCHAR"),
    "nchar": lambda parsed: parsed.with_parameters("NCHAR"),
    "clob": lambda parsed: "TEXT",
    "blob": _pg_blob,
    "date": lambda parsed: "date",
    "time": _pg_time,
    "datetime": _pg_timestamp,
    "timestamp": _pg_timestamp,
    "uuid": lambda parsed: "UUID",
    "xml": lambda parsed: "XML",
}


def _mysql_boolean(parsed: _Type) -> str:
    if parsed.name.lower() == "bit" and parsed.parameters and parsed.parameters[0] != "1":
        return parsed.with_parameters("BIT")
    return "TINYINT(1)"


def _mysql_integer(name: str, keep_size: bool = False) -> Callable[[_Type], str]:
    def render(parsed: _Type) -> str:
        return parsed.with_extra(parsed.with_parameters(name) if keep_size else name)

    return render


def _mysql_double(parsed: _Type) -> str:
    extra = parsed.extra.upper()
    name = "DOUBLE PRECISION" if "PRECISION" in extra else "DOUBLE"
    extra = " ".join(extra.replace("PRECISION", "").split())
    text = parsed.with_parameters(name) if len(parsed.parameters) > 1 else name
    return f"{text} {extra}" if extra else text


def _mysql_clob(parsed: _Type) -> str:
    name = parsed.name.lower()
    if name in ("text", "tinytext", "mediumtext"):
        return name.upper()
    return "LONGTEXT CHARACTER SET utf8" if name == "nclob" else "LONGTEXT"


def _mysql_blob(parsed: _Type) -> str:
    name = parsed.name.lower()
    if name == "blob" or name == "java.sql.types.blob":
        return "BLOB"
    if name in ("varbinary", "java.sql.types.varbinary"):
        return parsed.with_parameters("VARBINARY")
    if name in ("tinyblob", "mediumblob"):
        return name.upper()
    if name == "binary":
        return parsed.with_parameters("BINARY")
    return "LONGBLOB"


def _mysql_fraction(name: str) -> Callable[[_Type], str]:
    def render(parsed: _Type) -> str:
        precision = parsed.parameters[:1]
        if precision and precision[0].isdigit() and int(precision[0]) > 6:
            precision = ("6",)
        return parsed.with_parameters(name, precision)

    return render


def _mysql_uuid(parsed: _Type) -> str:
    # MariaDB 10.7+ has a UUID type, MySQL not: which one is not known when reading the folder.
    raise Untranslatable("uuid on mysql")


_MYSQL_TYPES: dict[str, Callable[[_Type], str]] = {
    "boolean": _mysql_boolean,
    "tinyint": _mysql_integer("TINYINT", keep_size=True),
    "smallint": _mysql_integer("SMALLINT"),
    "mediumint": _mysql_integer("MEDIUMINT"),
    "int": _mysql_integer("INT"),
    "bigint": _mysql_integer("BIGINT"),
    "float": lambda parsed: (
        "REAL"
        if parsed.name.lower() == "real"
        else parsed.with_extra(parsed.with_parameters("FLOAT"))
    ),
    "double": _mysql_double,
    "decimal": lambda parsed: parsed.with_extra(parsed.with_parameters("DECIMAL")),
    "number": lambda parsed: parsed.with_extra(parsed.with_parameters("numeric")),
    "currency": lambda parsed: "DECIMAL",
    "varchar": lambda parsed: parsed.with_extra(parsed.with_parameters("VARCHAR")),
    "char": lambda parsed: parsed.with_extra(parsed.with_parameters("CHAR")),
    "nvarchar": lambda parsed: parsed.with_extra(parsed.with_parameters("NVARCHAR")),
    "nchar": lambda parsed: parsed.with_extra(parsed.with_parameters("NCHAR")),
    "clob": _mysql_clob,
    "blob": _mysql_blob,
    "date": lambda parsed: "date",
    "time": _mysql_fraction("time"),
    "datetime": _mysql_fraction("datetime"),
    "timestamp": _mysql_fraction("timestamp"),
    "uuid": _mysql_uuid,
    "xml": lambda parsed: "LONGTEXT",
}


# -- writing one change


def _string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class _Writer:
    """What the statements of one change are written with, on one engine."""

    def __init__(self, change: ChangeSpec, engine: str) -> None:
        self.change = change
        self.engine = engine
        self.postgres = engine == "postgresql"

    # attributes

    def get(self, name: str) -> str | None:
        return _present(self.change.attributes.get(name))

    def need(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise Untranslatable(f"{self.change.name} without {name}")
        return value

    def flag(self, name: str) -> bool:
        value = self.get(name)
        return value is not None and value.lower() == "true"

    # names

    def name(self, identifier: str) -> str:
        """An identifier, quoted where Liquibase quotes it."""
        reserved = _PG_RESERVED if self.postgres else _MYSQL_RESERVED
        mixed_case = self.postgres and identifier not in (identifier.lower(), identifier.upper())
        if (
            mixed_case
            or not _WORD.fullmatch(identifier)
            or identifier[0].isdigit()
            or identifier.upper() in reserved
        ):
            quote = '"' if self.postgres else "`"
            return quote + identifier.replace(quote, quote * 2) + quote
        return identifier

    def names(self, listed: str) -> str:
        return ", ".join(self.name(part.strip()) for part in listed.split(",") if part.strip())

    def qualified(self, name: str, prefix: str = "") -> str:
        """`name` in the schema (PostgreSQL) or database (MySQL) the change's attributes give,
        `prefix` naming which (`baseTable`, `referencedTable`)."""
        schema = self.get(f"{prefix}SchemaName" if prefix else "schemaName")
        catalog = self.get(f"{prefix}CatalogName" if prefix else "catalogName")
        container = schema if self.postgres else (catalog or schema)
        return f"{self.name(container)}.{self.name(name)}" if container else self.name(name)

    def table(self) -> str:
        return self.qualified(self.need("tableName"))

    # types and values

    def type_of(self, written: str | None) -> str:
        if written is None:
            raise Untranslatable(f"{self.change.name} without a type")
        return column_type(written, self.engine)

    def identity(self, column: ColumnSpec) -> str:
        """The auto-increment clause of a column."""
        if not self.postgres:
            return "AUTO_INCREMENT"
        generation = column.get("generationType") or "BY DEFAULT"
        options = []
        if column.get("startWith"):
            options.append(f"START WITH {column.get('startWith')}")
        if column.get("incrementBy"):
            options.append(f"INCREMENT BY {column.get('incrementBy')}")
        clause = f"GENERATED {generation.upper()} AS IDENTITY"
        return f"{clause} ({' '.join(options)})" if options else clause

    def boolean(self, value: str) -> str:
        truth = value.strip("'").lower() in ("true", "1", "t", "b'1'")
        if self.postgres:
            return "TRUE" if truth else "FALSE"
        return "1" if truth else "0"

    def function(self, value: str) -> str:
        return "NOW()" if value.strip().lower() in _NOW else value.strip()

    def default(self, column: ColumnSpec, type_written: str | None) -> str | None:
        """The DEFAULT of a column, as Liquibase writes the value for the column's type."""
        family = _parse_type(type_written).family if type_written else None
        value = column.get("defaultValue")
        if value is not None:
            if value.lower() == "null":
                return "NULL"
            if family == "boolean":
                return self.boolean(value)
            if family in _NUMERIC and _NUMBER.fullmatch(value):
                return value
            return _string(column.attributes["defaultValue"])
        return self.typed_default(column)

    def typed_default(self, column: ColumnSpec) -> str | None:
        if (numeric := column.get("defaultValueNumeric")) is not None:
            return numeric
        if (boolean := column.get("defaultValueBoolean")) is not None:
            return self.boolean(boolean)
        if (date := column.get("defaultValueDate")) is not None:
            return _string(date.replace("T", " ")) if _DATE.fullmatch(date) else self.function(date)
        if (computed := column.get("defaultValueComputed")) is not None:
            return self.function(computed)
        if (sequence := column.get("defaultValueSequenceNext")) is not None:
            if self.postgres:
                return f"nextval({_string(self.qualified(sequence))})"
            return f"NEXT VALUE FOR {self.qualified(sequence)}"
        return None

    def remarks(self, kind: str, target: str, remarks: str | None) -> Iterator[str]:
        """PostgreSQL's COMMENT ON for a table or column (MySQL has them inline)."""
        if remarks and self.postgres:
            yield f"COMMENT ON {kind} {target} IS {_string(remarks)}"


# -- the change types


def _create_table(writer: _Writer) -> Iterator[str]:
    table_name = writer.need("tableName")
    table = writer.table()
    if not writer.change.columns:
        raise Untranslatable("createTable without columns")
    parts: list[str] = []
    primary_key: list[str] = []
    primary_key_name: str | None = None
    foreign_keys: list[str] = []
    unnamed_unique: list[str] = []
    named_unique: dict[str, list[str]] = {}
    increments_from: str | None = None
    for column in writer.change.columns:
        name = column.get("name")
        if name is None:
            raise Untranslatable("a column without a name")
        parts.append(_table_column(writer, column))
        if column.flag("primaryKey"):
            primary_key.append(writer.name(name))
            primary_key_name = primary_key_name or column.constraint("primaryKeyName")
        if foreign_key := _inline_foreign_key(writer, column):
            foreign_keys.append(foreign_key)
        if column.flag("unique"):
            unique_name = column.constraint("uniqueConstraintName")
            if unique_name is None:
                unnamed_unique.append(f"UNIQUE ({writer.name(name)})")
            else:
                named_unique.setdefault(unique_name, []).append(writer.name(name))
        if _auto_increment(column) and column.get("startWith") and not writer.postgres:
            increments_from = column.get("startWith")
    if primary_key:
        key_name = primary_key_name or _default_primary_key_name(writer, table_name)
        parts.append(f"CONSTRAINT {writer.name(key_name)} PRIMARY KEY ({', '.join(primary_key)})")
    parts.extend(foreign_keys)
    parts.extend(unnamed_unique)
    parts.extend(
        f"CONSTRAINT {writer.name(unique)} UNIQUE ({', '.join(columns)})"
        for unique, columns in named_unique.items()
    )
    exists = "IF NOT EXISTS " if writer.flag("ifNotExists") else ""
    statement = f"CREATE TABLE {exists}{table} ({', '.join(parts)})"
    if increments_from:
        statement += f" AUTO_INCREMENT={increments_from}"
    if not writer.postgres and writer.get("remarks"):
        statement += f" COMMENT={_string(writer.need('remarks'))}"
    yield statement
    yield from writer.remarks("TABLE", table, writer.get("remarks"))
    for column in writer.change.columns:
        target = f"{table}.{writer.name(column.attributes['name'].strip())}"
        yield from writer.remarks("COLUMN", target, column.get("remarks"))


def _default_primary_key_name(writer: _Writer, table_name: str) -> str:
    if not writer.postgres:
        return f"PK_{table_name.upper()}"
    encoded = table_name.encode()
    if len(encoded) <= _PG_PRIMARY_KEY_BYTES:
        return f"{table_name}_pkey"
    # Liquibase cuts the name to PostgreSQL's 63 bytes, less the last character it kept.
    return encoded[:_PG_PRIMARY_KEY_BYTES].decode(errors="ignore")[:-1] + "_pkey"


def _auto_increment(column: ColumnSpec) -> bool:
    written = column.get("type")
    return column.flag("autoIncrement") or (written is not None and _parse_type(written).serial)


def _table_column(writer: _Writer, column: ColumnSpec) -> str:
    """A column of CREATE TABLE: type, default, auto-increment, nullability, remarks."""
    written = column.get("type")
    text = f"{writer.name(column.attributes['name'].strip())} {writer.type_of(written)}"
    if (default := writer.default(column, written)) is not None:
        text += f" DEFAULT {default}"
    if _auto_increment(column):
        text += f" {writer.identity(column)}"
    not_null = column.flag("primaryKey") or column.constraint("nullable") == "false"
    if not_null:
        text += " NOT NULL"
    elif not writer.postgres:
        text += " NULL"
    if not writer.postgres and column.get("remarks"):
        text += f" COMMENT {_string(column.attributes['remarks'].strip())}"
    return text


def _inline_foreign_key(writer: _Writer, column: ColumnSpec) -> str | None:
    references = column.constraint("references")
    referenced_table = column.constraint("referencedTableName")
    referenced_columns = column.constraint("referencedColumnNames")
    if references is None and not (referenced_table and referenced_columns):
        return None
    name = column.constraint("foreignKeyName")
    if name is None:
        raise Untranslatable("createTable with references requires foreignKeyName")
    listed = writer.names(referenced_columns or "")
    target = references or f"{_referenced(writer, column)}({listed})"
    column_name = writer.name(column.attributes["name"].strip())
    text = f"CONSTRAINT {writer.name(name)} FOREIGN KEY ({column_name}) REFERENCES {target}"
    if column.flag("deleteCascade"):
        text += " ON DELETE CASCADE"
    if writer.postgres:
        if column.flag("deferrable"):
            text += " DEFERRABLE"
        if column.flag("initiallyDeferred"):
            text += " INITIALLY DEFERRED"
    return text


def _referenced(writer: _Writer, column: ColumnSpec) -> str:
    """The table a column's constraints reference by `referencedTableName`."""
    table = writer.name(column.constraint("referencedTableName") or "")
    schema = column.constraint("referencedTableSchemaName")
    return f"{writer.name(schema)}.{table}" if schema else table


def _column_name(writer: _Writer, column: ColumnSpec) -> str:
    name = column.get("name")
    if name is None:
        raise Untranslatable("a column without a name")
    return writer.name(name)


def _add_column(writer: _Writer) -> Iterator[str]:
    table = writer.table()
    columns = writer.change.columns
    if not columns:
        raise Untranslatable("addColumn without columns")
    clauses = [_added_column(writer, column) for column in columns]
    if writer.postgres:
        for clause in clauses:
            yield f"ALTER TABLE {table}{clause}"
    else:
        yield f"ALTER TABLE {table}" + ",".join(clauses)
    for column in columns:
        yield from _added_constraints(writer, table, column)
        target = f"{table}.{_column_name(writer, column)}"
        yield from writer.remarks("COLUMN", target, column.get("remarks"))


def _added_column(writer: _Writer, column: ColumnSpec) -> str:
    name = column.get("name")
    if name is None:
        raise Untranslatable("a column without a name")
    written = column.get("type")
    text = f" ADD {writer.name(name)} {writer.type_of(written)}"
    if _auto_increment(column):
        text += f" {writer.identity(column)}"
    if (default := writer.default(column, written)) is not None:
        text += f" DEFAULT {default}"
    if column.flag("primaryKey") or column.constraint("nullable") == "false":
        text += " NOT NULL"
    elif not writer.postgres:
        text += " NULL"
    if column.flag("primaryKey"):
        text += " PRIMARY KEY"
    if not writer.postgres:
        if column.get("remarks"):
            text += f" COMMENT {_string(column.attributes['remarks'].strip())}"
        if column.get("afterColumn"):
            text += f" AFTER {writer.name(column.attributes['afterColumn'].strip())}"
        elif column.get("position") == "1":
            text += " FIRST"
    return text


def _added_constraints(writer: _Writer, table: str, column: ColumnSpec) -> Iterator[str]:
    name = writer.name(column.attributes["name"].strip())
    if column.flag("unique"):
        unique = column.constraint("uniqueConstraintName")
        named = f" CONSTRAINT {writer.name(unique)}" if unique else ""
        yield f"ALTER TABLE {table} ADD{named} UNIQUE ({name})"
    references = column.constraint("references")
    referenced_table = column.constraint("referencedTableName")
    if references is None and referenced_table is None:
        return
    key = column.constraint("foreignKeyName")
    if key is None:
        raise Untranslatable("addColumn with references requires foreignKeyName")
    if references is not None:
        match = re.fullmatch(r"\s*(.+?)\s*\((.*)\)\s*", references)
        if match is None:
            raise Untranslatable(f"references {references}")
        target = f"{match[1]} ({match[2]})"
    else:
        referenced_columns = writer.names(column.constraint("referencedColumnNames") or "")
        target = f"{_referenced(writer, column)} ({referenced_columns})"
    cascade = " ON DELETE CASCADE" if column.flag("deleteCascade") else ""
    yield (
        f"ALTER TABLE {table} ADD CONSTRAINT {writer.name(key)} "
        f"FOREIGN KEY ({name}) REFERENCES {target}{cascade}"
    )


def _column_names(writer: _Writer) -> list[str]:
    """The columns a change names: `columnName`, or its nested columns."""
    single = writer.get("columnName")
    if single is not None:
        return [single]
    named = [column.get("name") for column in writer.change.columns]
    if not named or any(name is None for name in named):
        raise Untranslatable(f"{writer.change.name} without columns")
    return [name for name in named if name is not None]


def _drop_column(writer: _Writer) -> Iterator[str]:
    table = writer.table()
    names = [writer.name(name) for name in _column_names(writer)]
    if writer.postgres or len(names) == 1:
        for name in names:
            yield f"ALTER TABLE {table} DROP COLUMN {name}"
    else:
        yield f"ALTER TABLE {table} " + ", ".join(f"DROP {name}" for name in names)


def _rename_column(writer: _Writer) -> Iterator[str]:
    table = writer.table()
    old, new = writer.name(writer.need("oldColumnName")), writer.name(writer.need("newColumnName"))
    written = writer.get("columnDataType")
    if writer.postgres or written is None:
        yield f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}"
    else:
        yield f"ALTER TABLE {table} CHANGE {old} {new} {writer.type_of(written)}"


def _rename_table(writer: _Writer) -> Iterator[str]:
    old = writer.qualified(writer.need("oldTableName"))
    if writer.postgres:
        yield f"ALTER TABLE {old} RENAME TO {writer.name(writer.need('newTableName'))}"
    else:
        yield f"ALTER TABLE {old} RENAME {writer.qualified(writer.need('newTableName'))}"


def _drop_table(writer: _Writer) -> Iterator[str]:
    cascade = " CASCADE" if writer.postgres and writer.flag("cascadeConstraints") else ""
    yield f"DROP TABLE {writer.table()}{cascade}"


def _modify_data_type(writer: _Writer) -> Iterator[str]:
    table, column = writer.table(), writer.name(writer.need("columnName"))
    new_type = writer.type_of(writer.get("newDataType"))
    if writer.postgres:
        using = f"USING ({column}::{new_type})"
        yield f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {new_type} {using}"
    else:
        yield f"ALTER TABLE {table} MODIFY {column} {new_type}"


def _set_nullable(writer: _Writer, nullable: bool) -> str:
    table, column = writer.table(), writer.name(writer.need("columnName"))
    if writer.postgres:
        return f"ALTER TABLE {table} ALTER COLUMN {column} {'DROP' if nullable else 'SET'} NOT NULL"
    # MySQL restates the column, so Liquibase needs its type.
    written = writer.type_of(writer.get("columnDataType"))
    return f"ALTER TABLE {table} MODIFY {column} {written} {'NULL' if nullable else 'NOT NULL'}"


def _add_not_null(writer: _Writer) -> Iterator[str]:
    filler = writer.get("defaultNullValue")
    if filler is not None and filler.lower() != "null":
        column = writer.name(writer.need("columnName"))
        written = writer.get("columnDataType")
        family = _parse_type(written).family if written else None
        value = writer.boolean(filler) if family == "boolean" else _string(filler)
        yield f"UPDATE {writer.table()} SET {column} = {value} WHERE {column} IS NULL"
    yield _set_nullable(writer, nullable=False)


def _drop_not_null(writer: _Writer) -> Iterator[str]:
    yield _set_nullable(writer, nullable=True)


def _add_primary_key(writer: _Writer) -> Iterator[str]:
    table, columns = writer.table(), writer.names(writer.need("columnNames"))
    name = writer.get("constraintName")
    if name is None or not writer.postgres:
        yield f"ALTER TABLE {table} ADD PRIMARY KEY ({columns})"
    else:
        yield f"ALTER TABLE {table} ADD CONSTRAINT {writer.name(name)} PRIMARY KEY ({columns})"


def _drop_primary_key(writer: _Writer) -> Iterator[str]:
    table = writer.table()
    name = writer.get("constraintName")
    if not writer.postgres:
        yield f"ALTER TABLE {table} DROP PRIMARY KEY"
    elif name is not None:
        yield f"ALTER TABLE {table} DROP CONSTRAINT {writer.name(name)}"
    else:
        yield _drop_unnamed_primary_key(writer)


def _drop_unnamed_primary_key(writer: _Writer) -> str:
    """PostgreSQL has no DROP PRIMARY KEY: Liquibase looks the key's name up in a DO block."""
    schema = writer.get("schemaName") or "public"
    table_name = writer.need("tableName")
    stored = table_name if writer.name(table_name).startswith('"') else table_name.lower()
    return (
        "DO $$ DECLARE constraint_name varchar;\nBEGIN\n"
        "  SELECT tc.CONSTRAINT_NAME into strict constraint_name\n"
        "    FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc\n"
        "    WHERE CONSTRAINT_TYPE = 'PRIMARY KEY'\n"
        f"      AND TABLE_NAME = {_string(stored)} AND TABLE_SCHEMA = {_string(schema)};\n"
        f"    EXECUTE 'alter table {writer.table().replace(chr(39), chr(39) * 2)} "
        "drop constraint \"' || constraint_name || '\"';\nEND $$"
    )


def _add_foreign_key(writer: _Writer) -> Iterator[str]:
    base = writer.qualified(writer.need("baseTableName"), "baseTable")
    referenced = writer.qualified(writer.need("referencedTableName"), "referencedTable")
    text = (
        f"ALTER TABLE {base} ADD CONSTRAINT {writer.name(writer.need('constraintName'))} "
        f"FOREIGN KEY ({writer.names(writer.need('baseColumnNames'))}) "
        f"REFERENCES {referenced} ({writer.names(writer.need('referencedColumnNames'))})"
    )
    if on_update := writer.get("onUpdate"):
        text += f" ON UPDATE {on_update.upper()}"
    on_delete = writer.get("onDelete") or ("CASCADE" if writer.flag("deleteCascade") else None)
    if on_delete:
        text += f" ON DELETE {on_delete.upper()}"
    if writer.postgres:
        if writer.flag("deferrable") or writer.flag("initiallyDeferred"):
            text += " DEFERRABLE"
        if writer.flag("initiallyDeferred"):
            text += " INITIALLY DEFERRED"
        if writer.get("validate") == "false":
            text += " NOT VALID"
    yield text


def _drop_foreign_key(writer: _Writer) -> Iterator[str]:
    base = writer.qualified(writer.need("baseTableName"), "baseTable")
    name = writer.name(writer.need("constraintName"))
    how = "CONSTRAINT" if writer.postgres else "FOREIGN KEY"
    yield f"ALTER TABLE {base} DROP {how} {name}"


def _add_unique(writer: _Writer) -> Iterator[str]:
    table, columns = writer.table(), writer.names(writer.need("columnNames"))
    name = writer.get("constraintName")
    named = f" CONSTRAINT {writer.name(name)}" if name else ""
    text = f"ALTER TABLE {table} ADD{named} UNIQUE ({columns})"
    if writer.postgres:
        if writer.flag("deferrable"):
            text += " DEFERRABLE"
        if writer.flag("initiallyDeferred"):
            text += " INITIALLY DEFERRED"
    yield text


def _drop_unique(writer: _Writer) -> Iterator[str]:
    how = "CONSTRAINT" if writer.postgres else "KEY"
    yield f"ALTER TABLE {writer.table()} DROP {how} {writer.name(writer.need('constraintName'))}"


def _create_index(writer: _Writer) -> Iterator[str]:
    if not writer.change.columns:
        raise Untranslatable("createIndex without columns")
    parts = []
    for column in writer.change.columns:
        name = column.get("name")
        if name is None:
            raise Untranslatable("an index column without a name")
        computed = column.get("computed")
        expression = computed == "true" or (computed is None and "(" in name)
        part = name if expression else writer.name(name)
        parts.append(f"{part} DESC" if column.get("descending") == "true" else part)
    unique = "UNIQUE " if writer.flag("unique") else ""
    index = writer.get("indexName")
    named = f"{writer.name(index)} " if index else ""
    yield f"CREATE {unique}INDEX {named}ON {writer.table()}({', '.join(parts)})"


def _drop_index(writer: _Writer) -> Iterator[str]:
    index = writer.need("indexName")
    if writer.postgres:
        yield f"DROP INDEX {writer.qualified(index)}"
    else:
        yield f"DROP INDEX {writer.name(index)} ON {writer.table()}"


def _create_view(writer: _Writer) -> Iterator[str]:
    query = _present(writer.change.text) or writer.get("selectQuery")
    if query is None:
        raise Untranslatable("createView without a query")
    replace = writer.flag("replaceIfExists") and "OR REPLACE" not in query.upper()
    if writer.flag("fullDefinition"):
        yield re.sub(r"^\s*CREATE\b", "CREATE OR REPLACE", query, flags=re.I) if replace else query
        return
    verb = "CREATE OR REPLACE VIEW" if replace else "CREATE VIEW"
    yield f"{verb} {writer.qualified(writer.need('viewName'))} AS {query}"


def _drop_view(writer: _Writer) -> Iterator[str]:
    exists = "IF EXISTS " if writer.flag("ifExists") else ""
    yield f"DROP VIEW {exists}{writer.qualified(writer.need('viewName'))}"


def _renaming(kind: str, attribute: str) -> Callable[[_Writer], Iterator[str]]:
    """The writer of a rename of a view or sequence (`old<attribute>`, `new<attribute>`):
    ALTER on PostgreSQL, RENAME TABLE on MySQL, where both live among the tables."""

    def rename(writer: _Writer) -> Iterator[str]:
        old = writer.qualified(writer.need(f"old{attribute}"))
        new = writer.need(f"new{attribute}")
        if writer.postgres:
            yield f"ALTER {kind} {old} RENAME TO {writer.name(new)}"
        else:
            yield f"RENAME TABLE {old} TO {writer.qualified(new)}"

    return rename


def _create_sequence(writer: _Writer) -> Iterator[str]:
    exists = " IF NOT EXISTS " if writer.postgres else ""
    text = f"CREATE SEQUENCE {exists}{writer.qualified(writer.need('sequenceName'))}"
    if writer.postgres and (data_type := writer.get("dataType")):
        text += f" AS {data_type}"
    start = writer.get("startValue")
    if start and writer.postgres:
        text += f" START WITH {start}"
    for attribute, clause in (("incrementBy", "INCREMENT BY"), ("minValue", "MINVALUE"),
                              ("maxValue", "MAXVALUE")):  # fmt: skip
        if value := writer.get(attribute):
            text += f" {clause} {value}"
    if start and not writer.postgres:
        text += f" START WITH {start}"
    if (cache := writer.get("cacheSize")) is not None:
        # A cache of 0 means none: PostgreSQL's least cache is 1.
        text += f" CACHE {cache}" if cache != "0" else f" CACHE {int(writer.postgres)}"
    if writer.flag("cycle"):
        text += " CYCLE"
    yield text


def _drop_sequence(writer: _Writer) -> Iterator[str]:
    cascade = " CASCADE" if writer.postgres else ""
    yield f"DROP SEQUENCE {writer.qualified(writer.need('sequenceName'))}{cascade}"


def _add_default(writer: _Writer) -> Iterator[str]:
    table, column = writer.table(), writer.name(writer.need("columnName"))
    settings = ColumnSpec(writer.change.attributes)
    default = writer.default(settings, writer.get("columnDataType"))
    if default is None:
        raise Untranslatable("addDefaultValue without a value")
    if writer.postgres:
        yield f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {default}"
        return
    if settings.get("defaultValueComputed") or settings.get("defaultValueSequenceNext"):
        # MySQL takes an expression as a default only in parentheses.
        default = default if default.startswith("(") else f"({default})"
    yield f"ALTER TABLE {table} ALTER {column} SET DEFAULT {default}"


def _drop_default(writer: _Writer) -> Iterator[str]:
    table, column = writer.table(), writer.name(writer.need("columnName"))
    keyword = "ALTER COLUMN" if writer.postgres else "ALTER"
    yield f"ALTER TABLE {table} {keyword} {column} DROP DEFAULT"


def _add_auto_increment(writer: _Writer) -> Iterator[str]:
    table, column_name = writer.table(), writer.need("columnName")
    column = writer.name(column_name)
    if not writer.postgres:
        written = writer.type_of(writer.get("columnDataType"))
        yield f"ALTER TABLE {table} MODIFY {column} {written} AUTO_INCREMENT"
        if start := writer.get("startWith"):
            yield f"ALTER TABLE {table} AUTO_INCREMENT={start}"
        return
    sequence = writer.qualified(f"{writer.need('tableName')}_{column_name}_seq")
    options = "".join(
        f" {clause} {value}"
        for attribute, clause in (("startWith", "START WITH"), ("incrementBy", "INCREMENT BY"))
        if (value := writer.get(attribute))
    )
    yield f"CREATE SEQUENCE  IF NOT EXISTS {sequence}{options}"
    yield f"ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL"
    yield f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT nextval({_string(sequence)})"
    yield f"ALTER SEQUENCE {sequence} OWNED BY {table}.{column}"


_WRITERS: dict[str, Callable[[_Writer], Iterator[str]]] = {
    "createTable": _create_table,
    "addColumn": _add_column,
    "dropColumn": _drop_column,
    "renameColumn": _rename_column,
    "renameTable": _rename_table,
    "dropTable": _drop_table,
    "modifyDataType": _modify_data_type,
    "addNotNullConstraint": _add_not_null,
    "dropNotNullConstraint": _drop_not_null,
    "addPrimaryKey": _add_primary_key,
    "dropPrimaryKey": _drop_primary_key,
    "addForeignKeyConstraint": _add_foreign_key,
    "dropForeignKeyConstraint": _drop_foreign_key,
    "addUniqueConstraint": _add_unique,
    "dropUniqueConstraint": _drop_unique,
    "createIndex": _create_index,
    "dropIndex": _drop_index,
    "createView": _create_view,
    "dropView": _drop_view,
    "renameView": _renaming("VIEW", "ViewName"),
    "createSequence": _create_sequence,
    "dropSequence": _drop_sequence,
    "renameSequence": _renaming("SEQUENCE", "SequenceName"),
    "addDefaultValue": _add_default,
    "dropDefaultValue": _drop_default,
    "addAutoIncrement": _add_auto_increment,
}
