"""Liquibase: changelogs (formatted SQL, XML, YAML, JSON) of changesets, and a
`databasechangelog` table with a row per changeset applied, keyed by id, author and changelog.

A changeset's version is Liquibase's own identifier, `<changelog>::<id>::<author>`, the
changelog being the changeset's `logicalFilePath` where one is set, else the file's path within
the folder. The table's FILENAME is the path Liquibase was given (from its search path, often
with a prefix such as `db/changelog/` or `classpath:`), so a row is the changeset of its id and
author whose changelog path ends the recorded one, or is ended by it.

Order: the changelogs no other one includes are the roots, read in the order of their paths;
`include` and `includeAll` are followed where they stand, and a `.sql` file included without
the `--liquibase formatted sql` header is one changeset (`raw`, by `includeAll`), as Liquibase
reads it.

Replay: a formatted SQL changeset is its SQL without its `--rollback` lines and
`/* liquibase rollback */` blocks (left blank, so lines keep their numbers). An XML, YAML or
JSON changeset is the SQL of its changes in order: `sql` and `sqlFile` as written, and
Liquibase's own change types (createTable, addColumn, createIndex, ...) as the SQL Liquibase
generates for them (`liquibase_changes`), which differs between PostgreSQL and MySQL: such a
changeset carries the SQL of each engine (`Migration.sql_on`), its first line being the line
its changeSet is declared on. A changeset or change limited to some databases (`dbms`) is its
SQL on those and no SQL elsewhere; `mysql` or `mariadb` alone is not known on the engine
`mysql`, which is either. Not replayable (None): change types not translated (custom changes,
procedures, ...), a delimiter other than `;`, a changelog parameter with no value (below), a
raw SQL file naming one (Liquibase substitutes none there) and `modifySql`.

Parameters: `${name}` is substituted, as Liquibase does, in a changeset's attributes and those
of its changes and their columns, in `sql` text, in a `sqlFile`'s file and in formatted SQL
changesets, by the value of a `property` (XML `<property>`, YAML or JSON `- property:`; names
in any case; `${a.${b}}` nests, a value may name other properties). A property holds on the
databases its `dbms` lists (all without one), from where it is defined on, in the order the
changelogs are read: later in its changelog and in the changelogs included after it, and, being
global (`global`, true by default), in every changelog read after it, the parent's included;
`global="false"` keeps it to its own changelog, not even the ones it includes. Properties are
immutable once set: the first global definition holding on a database wins, global ones come
before local ones, and among local ones Liquibase's lookup takes the last defined. Each root
changelog is read with properties of its own. The SQL is written per database and then per
engine: the engine `mysql` stands for MySQL and MariaDB, whose short names differ (`mysql`,
`mariadb`, Liquibase matching them exactly): its SQL is the one both give, or where only one
of them has a value for a parameter that one's (on the other Liquibase would leave `${name}` in
place and the SQL fail); where both have values and the SQL differs, it is not known (None).
Not read: `context`, `contextFilter` and `labels` on a property (it is taken as holding), a
property's `file` (its values are not defined), the `database.*` and `LIQUIBASE_EXECUTION_*`
built-ins, values passed on Liquibase's command line or in `liquibase.properties`, formatted
SQL `--property` lines, and parameters in include paths, ids, authors and `logicalFilePath`.
A parameter with no value leaves what names it not replayable on that engine (Liquibase would
leave it as written).

Checksums: Liquibase's MD5SUM is computed over its own normalised form of each change, which
differs between Liquibase versions (the `8:` and `9:` prefixes); it is not recomputed here, so
checksums are None and not compared.

EXECTYPE: FAILED is recorded as failed; SKIPPED ran nothing and claims nothing; EXECUTED, RERAN
and MARK_RAN are applied.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import files, line_of, peek, read_text
from adapters.db.migrations.liquibase_changes import (
    DATABASES,
    ENGINES,
    ChangeSpec,
    ColumnSpec,
    dbms_matches,
    is_change_type,
    translate,
)

_SUFFIXES = (".sql", ".xml", ".yaml", ".yml", ".json")
# The formatted SQL syntax, as Liquibase's parser matches it (case-insensitive).
_HEADER = re.compile(r"^\s*--\s*liquibase\s*formatted", re.IGNORECASE)
_CHANGESET = re.compile(
    r'^\s*--\s*changeset\s+("[^"]+"|[^:]+):\s*("[^"]+"|\S+)(?P<attributes>.*)$', re.IGNORECASE
)
_ROLLBACK = re.compile(r"^\s*--\s*rollback\s", re.IGNORECASE)
_ROLLBACK_BLOCK = re.compile(r"^\s*/\*\s*liquibase\s*rollback\s*$", re.IGNORECASE)
_BLOCK_END = re.compile(r"\*/\s*$")
_COMMENT = re.compile(r"^\s*--\s*comments?:?\s(.*)$", re.IGNORECASE)
_IGNORE_LINES = re.compile(r"^\s*--\s*ignoreLines:(\w+)", re.IGNORECASE)
_XML_ROOT = re.compile(r"<(?:[\w.-]+:)?databaseChangeLog\b")
_YAML_ROOT = re.compile(r"^\s*['\"]?databaseChangeLog['\"]?\s*:", re.MULTILINE)
_JSON_ROOT = re.compile(r"\"databaseChangeLog\"\s*:")
# Liquibase reads a changelog parameter as `${name}`.
_PARAMETER = "${"
# How deep a parameter's value may name others: past it, one names itself.
_MAX_DEPTH = 32
# Elements of a changeset that are not changes.
_NOT_CHANGES = frozenset({"comment", "preConditions", "rollback", "validCheckSum"})
_QUERY = (
    "SELECT id, author, filename, md5sum, exectype FROM {table} "
    "ORDER BY dateexecuted, orderexecuted"
)


def _attribute(attributes: str, name: str) -> str | None:
    match = re.search(rf"\b{name}:(\S*)", attributes, re.IGNORECASE)
    return match[1] if match else None


def _unquoted(text: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] == '"' else text


def _normal(path: str) -> str:
    """A changelog path as the tracker and the folder can be compared by."""
    text = path.strip().replace("\\", "/").removeprefix("classpath:")
    while text.startswith(("./", "/")):
        text = text[1:] if text.startswith("/") else text[2:]
    return text


def _same_changelog(ours: str, recorded: str) -> bool:
    return ours == recorded or recorded.endswith(f"/{ours}") or ours.endswith(f"/{recorded}")


def identity(version: str) -> tuple[str, str, str]:
    """The changelog, id and author of a changeset's version."""
    changelog, changeset_id, author = version.rsplit("::", 2)
    return changelog, changeset_id, author


def _is_true(value: object) -> bool:
    return value is True or str(value).strip().lower() == "true"


def _plain_delimiter(end_delimiter: object) -> bool:
    return end_delimiter in (None, "", ";")


def _text(value: object) -> str:
    """A YAML or JSON scalar as XML would have written it."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _on_engines(sql_on: Callable[[str], str | None]) -> tuple[str | None, dict[str, str] | None]:
    """The SQL of something on every engine: one text where they agree, else the text of each
    engine it is known on."""
    by_engine = {engine: sql_on(engine) for engine in ENGINES}
    if len(set(by_engine.values())) == 1:
        return by_engine[ENGINES[0]], None
    return None, {engine: sql for engine, sql in by_engine.items() if sql is not None}


def is_changelog(path: Path, text: str) -> bool:
    """Whether the file is a Liquibase changelog (a `.sql` one only with its header)."""
    suffix = path.suffix.lower()
    if suffix == ".sql":
        first = next((line for line in text.splitlines() if line.strip()), "")
        return bool(_HEADER.match(first.removeprefix("\ufeff")))
    if suffix == ".xml":
        return bool(_XML_ROOT.search(text))
    if suffix in (".yaml", ".yml"):
        return bool(_YAML_ROOT.search(text))
    return suffix == ".json" and bool(_JSON_ROOT.search(text))


_Expand = Callable[[str], str | None]
_Values = Callable[[str], str | None]


def _unchanged(text: str) -> str | None:
    """The text as the changelog writes it, parameters not substituted."""
    return text


def substitute(text: str, value_of: _Values, *, keep_unknown: bool = False) -> str | None:
    """`text` with each `${name}` replaced by `value_of(name)`, as Liquibase's expander reads
    expressions (`${a.${b}}` nests one in another; the first `}` ends one); None where one has
    no value, or, with `keep_unknown`, that expression kept as written."""
    if _PARAMETER not in text:
        return text
    expanded, _, _ = _scan(text, 0, value_of, keep_unknown, inside=False)
    return expanded


def _scan(
    text: str, start: int, value_of: _Values, keep_unknown: bool, *, inside: bool
) -> tuple[str | None, int, bool]:
    """The text from `start` expanded, where it stops, and whether it stopped at the `}` that
    ends the expression it is `inside`."""
    parts: list[str] = []
    position = start
    while True:
        opening = text.find(_PARAMETER, position)
        closing = text.find("}", position) if inside else -1
        if closing >= 0 and (opening < 0 or closing < opening):
            parts.append(text[position:closing])
            return "".join(parts), closing + 1, True
        if opening < 0:
            parts.append(text[position:])
            return "".join(parts), len(text), False
        parts.append(text[position:opening])
        inner, position, closed = _scan(
            text, opening + len(_PARAMETER), value_of, keep_unknown, inside=True
        )
        if inner is None:
            return None, position, False
        value = value_of(inner.strip()) if closed else None
        if value is None:
            if not keep_unknown:
                return None, position, False
            value = f"${{{inner}}}" if closed else f"${{{inner}"
        parts.append(value)


@dataclass(frozen=True)
class _Property:
    """A `property` of a changelog: a parameter's value, on the databases `dbms` lists."""

    name: str
    value: str
    dbms: str | None
    #: False for a property visible in its own changelog only (`global="false"`).
    is_global: bool
    #: The changelog it is defined in, by its logical path.
    changelog: str


@dataclass(frozen=True)
class _Defined:
    """A property once defined: its value on each database, expanded as far as the properties
    defined before it go."""

    name: str
    dbms: str | None
    values: Mapping[str, str]


class _Parameters:
    """The changelog parameters defined so far in reading a root changelog, as Liquibase's
    `ChangeLogParameters` holds them: global ones in the order defined, the first on a database
    winning, and local ones by changelog, the last defined winning (Liquibase looks them up
    from the end), global ones before local ones."""

    def __init__(self) -> None:
        self._global: list[_Defined] = []
        self._local: dict[str, list[_Defined]] = {}

    def define(self, found: _Property) -> None:
        """Define a property where the changelog reads it."""
        # Liquibase expands a property's value where it is defined, keeping what is unknown
        # there for where it is used.
        values = {
            database: substitute(
                found.value, self._values(database, found.changelog, 0), keep_unknown=True
            )
            or ""
            for engine in ENGINES
            for database in DATABASES[engine]
        }
        defined = _Defined(found.name.strip().lower(), found.dbms, values)
        if found.is_global:
            self._global.append(defined)
        else:
            self._local.setdefault(found.changelog, []).append(defined)

    def expander(self, database: str, changelog: str) -> _Expand:
        """How `changelog`'s text reads on `database`, its parameters substituted."""
        values = self._values(database, changelog, 0)
        return lambda text: substitute(text, values)

    def _values(self, database: str, changelog: str, depth: int) -> _Values:
        return lambda name: self._value(name.lower(), database, changelog, depth)

    def _value(self, name: str, database: str, changelog: str, depth: int) -> str | None:
        if depth > _MAX_DEPTH:
            return None
        local = reversed(self._local.get(changelog, []))
        for defined in (*self._global, *local):
            if defined.name == name and dbms_matches(defined.dbms, database):
                return substitute(
                    defined.values[database], self._values(database, changelog, depth + 1)
                )
        return None


def _merged(texts: Sequence[str | None]) -> str | None:
    """An engine's SQL from that on each of its databases (MySQL and MariaDB): the SQL they
    agree on, or that of the one a parameter has a value on; None where both are known and
    differ."""
    known = {text for text in texts if text is not None}
    return known.pop() if len(known) == 1 else None


#: The SQL of a change on an engine and one of its databases, the changelog's parameters
#: substituted by the expander; None where it is not known.
_SqlOn = Callable[[str, str, _Expand], str | None]


def _not_known(engine: str, database: str, substituted: _Expand) -> str | None:
    return None


@dataclass(frozen=True)
class _Change:
    """One change of a changeset, as far as replaying it goes."""

    sql_on: _SqlOn
    #: The file the SQL was read from, for a `sqlFile`.
    path: Path | None = None
    #: Whether the SQL is Liquibase's, not written in the changelog.
    generated: bool = False


_UNKNOWN = _Change(_not_known)


def _limited(dbms: object, database: str, substituted: _Expand) -> bool | None:
    """Whether something limited to `dbms` runs on `database`; None where `dbms` names a
    parameter with no value."""
    if dbms in (None, ""):
        return True
    written = substituted(str(dbms))
    return None if written is None else dbms_matches(written, database)


def _sql_change(sql: str, settings: Mapping[str, Any], path: Path | None = None) -> _Change:
    """An `sql` or `sqlFile` change: its SQL on the databases its `dbms` names, none elsewhere."""

    def on(engine: str, database: str, substituted: _Expand) -> str | None:
        delimiter = settings.get("endDelimiter")
        if isinstance(delimiter, str):
            delimiter = substituted(delimiter)
        if not _plain_delimiter(delimiter):
            return None
        applies = _limited(settings.get("dbms"), database, substituted)
        if not applies:
            return None if applies is None else ""
        return substituted(sql)

    return _Change(on, path)


def _substituted_spec(spec: ChangeSpec, substituted: _Expand) -> ChangeSpec | None:
    """The change with the parameters of its attributes, columns and text substituted; None
    where one has no value."""

    def each(values: Mapping[str, str]) -> dict[str, str] | None:
        done: dict[str, str] = {}
        for key, value in values.items():
            text = substituted(value)
            if text is None:
                return None
            done[key] = text
        return done

    attributes = each(spec.attributes)
    text = None if spec.text is None else substituted(spec.text)
    if attributes is None or (spec.text is not None and text is None):
        return None
    columns: list[ColumnSpec] = []
    for column in spec.columns:
        column_attributes, constraints = each(column.attributes), each(column.constraints)
        if column_attributes is None or constraints is None:
            return None
        columns.append(ColumnSpec(column_attributes, constraints))
    return ChangeSpec(spec.name, attributes, tuple(columns), text)


def _generated_change(spec: ChangeSpec) -> _Change:
    """A change type Liquibase writes the SQL of, on each engine."""
    if not is_change_type(spec.name):
        return _UNKNOWN

    def on(engine: str, database: str, substituted: _Expand) -> str | None:
        change = _substituted_spec(spec, substituted)
        if change is None:
            return None
        applies = _limited(change.attributes.get("dbms"), database, _unchanged)
        return translate(change, engine) if applies else ""

    return _Change(on, generated=True)


@dataclass(frozen=True)
class _Changeset:
    """A changeset of an XML, YAML, JSON or formatted SQL changelog, whose SQL is written once
    the parameters defined before it are known."""

    version: str
    description: str
    path: Path
    first_line: int
    dbms: str | None
    changes: tuple[_Change, ...]
    #: Its changelog's logical path, which local properties are defined for.
    changelog: str

    def sql_on(self, engine: str, database: str, substituted: _Expand) -> str | None:
        """Its SQL on `engine`, run on `database`; None where it is not known."""
        applies = _limited(self.dbms, database, substituted)
        if not applies:
            return None if applies is None else ""
        found = [change.sql_on(engine, database, substituted) for change in self.changes]
        if None in found:
            return None
        return "\n".join(_terminated(sql or "") if len(found) > 1 else sql or "" for sql in found)

    def written(self) -> str | None:
        """Its SQL as the changelog writes it (parameters not substituted), to find its line
        by: the first that is not empty on a database."""
        texts = [
            self.sql_on(engine, database, _unchanged)
            for engine in ENGINES
            for database in DATABASES[engine]
        ]
        return next((text for text in texts if text), "" if "" in texts else None)

    def migration(self, parameters: _Parameters) -> Migration:
        """The changeset with the parameters defined so far substituted."""

        def on(engine: str) -> str | None:
            return _merged(
                [
                    self.sql_on(engine, database, parameters.expander(database, self.changelog))
                    for database in DATABASES[engine]
                ]
            )

        def runs(engine: str) -> bool:
            # Unknown (a parameter without a value) counts as running: it is then expected.
            return any(
                _limited(self.dbms, database, parameters.expander(database, self.changelog))
                is not False
                for database in DATABASES[engine]
            )

        sql, by_engine = _on_engines(on)
        # Liquibase neither runs nor records a changeset whose dbms leaves the database out.
        engines = None if self.dbms is None else frozenset(filter(runs, ENGINES))
        return Migration(
            self.version, self.description, self.path, None, sql, self.first_line, by_engine,
            engines,
        )  # fmt: skip


@dataclass(frozen=True)
class _Include:
    """Changelogs included at this point of a changelog, in order."""

    paths: tuple[Path, ...]


_Entry = Migration | _Changeset | _Include | _Property


def _xml_spec(name: str, change: ElementTree.Element) -> ChangeSpec:
    columns = tuple(
        ColumnSpec(
            dict(column.attrib),
            next(
                (dict(nested.attrib) for nested in column if _local(nested.tag) == "constraints"),
                {},
            ),
        )
        for column in change
        if _local(column.tag) == "column"
    )
    return ChangeSpec(name, dict(change.attrib), columns, change.text)


def _mapping_spec(name: str, body: Mapping[str, Any]) -> ChangeSpec:
    attributes = {
        key: _text(value)
        for key, value in body.items()
        if value is not None and not isinstance(value, (dict, list))
    }
    columns: list[ColumnSpec] = []
    for item in body.get("columns") or []:
        column = item.get("column") if isinstance(item, dict) else None
        if not isinstance(column, dict):
            continue
        constraints = column.get("constraints")
        columns.append(
            ColumnSpec(
                {
                    key: _text(value)
                    for key, value in column.items()
                    if value is not None and not isinstance(value, (dict, list))
                },
                {key: _text(value) for key, value in constraints.items() if value is not None}
                if isinstance(constraints, dict)
                else {},
            )
        )
    return ChangeSpec(name, attributes, tuple(columns))


class _Changelogs:
    """The changelogs of one folder, each parsed once."""

    def __init__(self, folder: Path) -> None:
        self.given = folder
        self.folder = folder.resolve()
        self._parsed: dict[Path, list[_Entry]] = {}
        self._paths: list[Path] | None = None
        self._everything: set[Path] | None = None

    def paths(self) -> list[Path]:
        """Every file under the folder that may be a changelog, sorted by path."""
        if self._paths is None:
            self._paths = sorted(
                path for suffix in _SUFFIXES for path in files(self.folder, suffix)
            )
        return self._paths

    def everything(self) -> set[Path]:
        """Every file under the folder (a `sqlFile` may be named anything)."""
        if self._everything is None:
            self._everything = {path for path in self.folder.rglob("*") if path.is_file()}
        return self._everything

    def key(self, path: Path) -> str:
        """The changelog's path within the folder, as its changesets' versions name it."""
        return Path(os.path.relpath(path, self.folder)).as_posix()

    def shown(self, path: Path) -> Path:
        """The path to name in reports: under the folder as it was given."""
        key = self.key(path)
        return path if key.startswith("..") else self.given / key

    # -- reading the folder in order

    def read(self) -> tuple[Migration, ...]:
        changelogs = [path for path in self.paths() if is_changelog(path, peek(path))]
        included: set[Path] = set()
        for path in changelogs:
            for entry in self.entries(path):
                if isinstance(entry, _Include):
                    included.update(entry.paths)
        visited: set[Path] = set()
        migrations: list[Migration] = []
        for root in changelogs:
            if root not in included:
                # Each root is a run of Liquibase of its own, with parameters of its own.
                migrations.extend(self._walk(root, visited, _Parameters()))
        seen: dict[str, Path] = {}
        for migration in migrations:
            if migration.version in seen:
                raise MigrationsError(
                    f"{migration.path}: changeset {migration.version} again "
                    f"(also in {seen[migration.version]})"
                )
            seen[migration.version] = migration.path
        return tuple(migrations)

    def _walk(self, path: Path, visited: set[Path], parameters: _Parameters) -> Iterator[Migration]:
        if path in visited:
            return
        visited.add(path)
        for entry in self.entries(path):
            if isinstance(entry, _Include):
                for included in entry.paths:
                    yield from self._walk(included, visited, parameters)
            elif isinstance(entry, _Property):
                parameters.define(entry)
            elif isinstance(entry, _Changeset):
                yield entry.migration(parameters)
            else:
                yield entry

    def entries(self, path: Path) -> list[_Entry]:
        """The changesets, includes and properties of one changelog, in order."""
        if path not in self._parsed:
            text = read_text(path)
            suffix = path.suffix.lower()
            if suffix == ".sql":
                self._parsed[path] = (
                    self._formatted_sql(path, text)
                    if is_changelog(path, text)
                    else [self._raw_sql(path, text)]
                )
            elif suffix == ".xml":
                self._parsed[path] = self._xml(path, text)
            else:
                self._parsed[path] = self._mapping(path, text)
        return self._parsed[path]

    # -- resolving includes

    def _resolve(self, written: str, changelog: Path, relative: bool, *, folder: bool) -> Path:
        name = _normal(written).rstrip("/")
        exists = Path.is_dir if folder else Path.is_file
        tried = (
            [changelog.parent / name] if relative else [self.folder / name, changelog.parent / name]
        )
        for candidate in tried:
            if exists(candidate):
                return candidate.resolve()
        # A path from Liquibase's search path, which may start above the folder: the longest
        # path within the folder that ends it.
        pool = (
            {
                parent
                for path in self.paths()
                for parent in path.parents
                if parent != self.folder and parent.is_relative_to(self.folder)
            }
            if folder
            else self.everything()
        )
        matches = [
            candidate
            for candidate in pool
            if name == (key := self.key(candidate)) or name.endswith(f"/{key}")
        ]
        if not matches:
            kind = "folder" if folder else "file"
            raise MigrationsError(
                f"{changelog}: includes {written}: no such {kind} in {self.given}"
            )
        return max(matches, key=lambda candidate: len(self.key(candidate)))

    def _include(self, changelog: Path, written: object, relative: object) -> _Include:
        if not isinstance(written, str) or not written:
            raise MigrationsError(f"{changelog}: an include without a file")
        return _Include((self._resolve(written, changelog, _is_true(relative), folder=False),))

    def _include_all(self, changelog: Path, written: object, relative: object) -> _Include:
        if not isinstance(written, str) or not written:
            raise MigrationsError(f"{changelog}: an includeAll without a path")
        found = self._resolve(written, changelog, _is_true(relative), folder=True)
        # Liquibase includes the folder's changelogs, and its subfolders', by path.
        paths = [
            path
            for path in self.paths()
            if path.is_relative_to(found)
            and (path.suffix.lower() == ".sql" or is_changelog(path, read_text(path)))
        ]
        return _Include(tuple(sorted(paths, key=lambda path: path.as_posix())))

    # -- formatted and raw SQL

    def _raw_sql(self, path: Path, text: str) -> Migration:
        version = f"{self.key(path)}::raw::includeAll"
        # Liquibase substitutes no parameters in a raw SQL file.
        sql = text if _PARAMETER not in text else None
        return Migration(version, path.stem, self.shown(path), None, sql)

    def _formatted_sql(self, path: Path, text: str) -> list[_Entry]:
        lines = text.splitlines()
        header = next((line for line in lines if line.strip()), "")
        changelog = _attribute(header, "logicalFilePath") or self.key(path)
        starts = [number for number, line in enumerate(lines) if _CHANGESET.match(line)]
        blanked = _without_rollbacks(lines)
        entries: list[_Entry] = []
        for index, start in enumerate(starts):
            match = _CHANGESET.match(lines[start])
            assert match is not None
            attributes = match["attributes"]
            end = starts[index + 1] if index + 1 < len(starts) else len(lines)
            sql = "\n".join(blanked[start + 1 : end]) + "\n"
            key = _normal(_attribute(attributes, "logicalFilePath") or changelog)
            version = f"{key}::{_unquoted(match[2])}::{_unquoted(match[1].strip())}"
            change = _sql_change(sql, {"endDelimiter": _attribute(attributes, "endDelimiter")})
            comment = next(
                (found[1] for line in lines[start + 1 : end] if (found := _COMMENT.match(line))),
                "",
            )
            entries.append(
                _Changeset(
                    version,
                    comment.strip(),
                    self.shown(path),
                    start + 2,
                    _attribute(attributes, "dbms"),
                    (change,),
                    changelog,
                )
            )
        return entries

    # -- XML

    def _xml(self, path: Path, text: str) -> list[_Entry]:
        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError as exc:
            line = exc.position[0]
            raise MigrationsError(f"{path}:{line}: not well-formed XML ({exc.msg})") from exc
        if _local(root.tag) != "databaseChangeLog":
            return []
        changelog = root.get("logicalFilePath") or self.key(path)
        entries: list[_Entry] = []
        cursor = 0
        for element in root:
            kind = _local(element.tag)
            if kind == "include":
                entries.append(
                    self._include(path, element.get("file"), element.get("relativeToChangelogFile"))
                )
            elif kind == "includeAll":
                entries.append(
                    self._include_all(
                        path, element.get("path"), element.get("relativeToChangelogFile")
                    )
                )
            elif kind == "property":
                entries.extend(self._property(element.attrib, changelog))
            elif kind == "changeSet":
                changes: list[_Change] = []
                comment = next(
                    (child.text or "" for child in element if _local(child.tag) == "comment"), ""
                )
                for change in element:
                    name = _local(change.tag)
                    if name in _NOT_CHANGES:
                        continue
                    changes.append(self._xml_change(path, name, change))
                migration, cursor = self._changeset(
                    path,
                    text,
                    cursor,
                    changelog=element.get("logicalFilePath") or changelog,
                    changeset_id=element.get("id"),
                    author=element.get("author"),
                    dbms=element.get("dbms"),
                    changes=changes,
                    description=comment,
                    local_to=changelog,
                )
                entries.append(migration)
        return entries

    def _xml_change(self, path: Path, name: str, change: ElementTree.Element) -> _Change:
        if name == "sql":
            # The SQL around nested elements (a <comment>), without their text.
            sql = (change.text or "") + "".join(child.tail or "" for child in change)
            return _sql_change(sql, change.attrib)
        if name == "sqlFile":
            return self._sql_file(path, change.attrib)
        return _generated_change(_xml_spec(name, change))

    # -- YAML and JSON

    def _mapping(self, path: Path, text: str) -> list[_Entry]:
        try:
            document = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as exc:
            raise MigrationsError(f"{path}: not a readable changelog ({exc})") from exc
        items = document.get("databaseChangeLog") if isinstance(document, dict) else None
        if not isinstance(items, list):
            return []
        changelog = self.key(path)
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("logicalFilePath"), str):
                changelog = item["logicalFilePath"]
        entries: list[_Entry] = []
        cursor = 0
        for item in items:
            if not isinstance(item, dict) or len(item) != 1:
                continue
            ((kind, body),) = item.items()
            body = body if isinstance(body, dict) else {}
            if kind == "include":
                entries.append(
                    self._include(path, body.get("file"), body.get("relativeToChangelogFile"))
                )
            elif kind == "includeAll":
                entries.append(
                    self._include_all(path, body.get("path"), body.get("relativeToChangelogFile"))
                )
            elif kind == "property":
                entries.extend(self._property(body, changelog))
            elif kind == "changeSet":
                changes = [
                    self._mapping_change(path, change) for change in body.get("changes") or []
                ]
                if "modifySql" in body:
                    changes.append(_UNKNOWN)
                migration, cursor = self._changeset(
                    path,
                    text,
                    cursor,
                    changelog=str(body.get("logicalFilePath") or changelog),
                    changeset_id=body.get("id"),
                    author=body.get("author"),
                    dbms=body.get("dbms"),
                    changes=changes,
                    description=str(body.get("comment") or ""),
                    local_to=changelog,
                )
                entries.append(migration)
        return entries

    def _mapping_change(self, path: Path, change: object) -> _Change:
        if not isinstance(change, dict) or len(change) != 1:
            return _UNKNOWN
        ((name, body),) = change.items()
        if name == "sql":
            settings = body if isinstance(body, dict) else {"sql": body}
            sql = settings.get("sql")
            if not isinstance(sql, str):
                return _UNKNOWN
            return _sql_change(sql, settings)
        if name == "sqlFile" and isinstance(body, dict):
            return self._sql_file(path, body)
        return _generated_change(_mapping_spec(name, body if isinstance(body, dict) else {}))

    # -- both

    def _sql_file(self, changelog: Path, settings: Mapping[str, Any]) -> _Change:
        written = settings.get("path")
        if not isinstance(written, str) or not written:
            raise MigrationsError(f"{changelog}: a sqlFile without a path")
        found = self._resolve(
            written, changelog, _is_true(settings.get("relativeToChangelogFile")), folder=False
        )
        return _sql_change(read_text(found), settings, found)

    def _property(self, settings: Mapping[str, Any], changelog: str) -> list[_Entry]:
        """A `property` of a changelog; none where it reads its values from a file."""
        name, value = settings.get("name"), settings.get("value")
        if name in (None, "") or value is None or settings.get("file") is not None:
            return []
        dbms = settings.get("dbms")
        is_global = settings.get("global")
        return [
            _Property(
                _text(name),
                _text(value),
                None if dbms in (None, "") else _text(dbms),
                is_global is None or _is_true(is_global),
                changelog,
            )
        ]

    def _changeset(
        self,
        path: Path,
        text: str,
        cursor: int,
        *,
        changelog: str,
        changeset_id: object,
        author: object,
        dbms: object,
        changes: Sequence[_Change],
        description: str,
        local_to: str,
    ) -> tuple[_Changeset, int]:
        """A changeset of an XML, YAML or JSON changelog, and where in the file to look for the
        next one's SQL."""
        if changeset_id in (None, "") or author in (None, ""):
            raise MigrationsError(f"{path}: a changeSet without an id or an author")
        version = f"{_normal(changelog)}::{changeset_id}::{author}"
        limited = None if dbms in (None, "") else str(dbms)
        description = description.strip()
        files_read = [change.path for change in changes if change.path is not None]
        if len(changes) == 1 and files_read:
            shown = self.shown(files_read[0])
            return _Changeset(
                version, description, shown, 1, limited, tuple(changes), local_to
            ), cursor
        changeset = _Changeset(
            version, description, self.shown(path), 1, limited, tuple(changes), local_to
        )
        written = None if any(change.generated for change in changes) else changeset.written()
        if written is not None:
            first_line, cursor = _locate(text, written, cursor)
        else:
            first_line, cursor = _locate_changeset(text, str(changeset_id), cursor)
        return dataclasses.replace(changeset, first_line=first_line), cursor


def _terminated(sql: str) -> str:
    """A change's SQL ended by `;`, so the next change's starts a statement of its own (Liquibase
    runs each change's statements apart)."""
    return sql if not sql.strip() or sql.rstrip().endswith(";") else f"{sql}\n;"


def _local(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rpartition("}")[2]


def _locate(text: str, sql: str, cursor: int) -> tuple[int, int]:
    """The line of `text` where `sql` starts (found by its first line that is not blank), and
    the offset to look from for the next; line 1 where it is not found as written."""
    first = next((line.strip() for line in sql.splitlines() if line.strip()), "")
    found = text.find(first, cursor) if first else -1
    if found < 0:
        return 1, cursor
    leading = sql[: sql.find(first)].count("\n")
    return max(line_of(text, found) - leading, 1), found + len(first)


def _locate_changeset(text: str, changeset_id: str, cursor: int) -> tuple[int, int]:
    """The line of `text` where the changeset of `changeset_id` is declared (from `cursor`),
    for SQL Liquibase writes itself, and the offset to look from for the next."""
    declared = re.compile(
        rf"""["']?\bid["']?\s*[=:]\s*["']?{re.escape(changeset_id)}(?=["'\s,}}/>]|$)""",
        re.MULTILINE,
    )
    found = declared.search(text, cursor)
    if found is None:
        return 1, cursor
    return line_of(text, found.start()), found.end()


def _without_rollbacks(lines: Sequence[str]) -> list[str]:
    """The lines with rollback SQL and ignored lines blanked (Liquibase does not run them)."""
    kept: list[str] = []
    skipping: re.Pattern[str] | None = None
    for line in lines:
        if skipping is not None:
            kept.append("")
            if skipping.search(line):
                skipping = None
            continue
        ignore = _IGNORE_LINES.match(line)
        if _ROLLBACK_BLOCK.match(line):
            skipping = _BLOCK_END
            kept.append("")
        elif ignore and ignore[1].lower() == "start":
            skipping = re.compile(r"^\s*--\s*ignoreLines:end", re.IGNORECASE)
            kept.append("")
        elif _ROLLBACK.match(line):
            kept.append("")
        else:
            kept.append(line)
    return kept


class Liquibase(MigrationTool):
    """Liquibase's changelogs and changesets."""

    name: ClassVar[str] = "liquibase"
    tracker_table: ClassVar[str] = "databasechangelog"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        return any(
            is_changelog(path, peek(path)) for suffix in _SUFFIXES for path in files(folder, suffix)
        )

    def read(self, folder: Path) -> tuple[Migration, ...]:
        return _Changelogs(folder).read()

    def tracker(self, engine: str) -> Tracker:
        # Liquibase names its table in upper case where the server keeps names as written.
        table = "DATABASECHANGELOG" if engine == "mysql" else self.tracker_table
        return Tracker(table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        by_identity: dict[tuple[str, str], list[tuple[str, Migration]]] = {}
        for migration in migrations:
            changelog, changeset_id, author = identity(migration.version)
            by_identity.setdefault((changeset_id, author), []).append((changelog, migration))
        applied: dict[str, Applied] = {}
        for changeset_id, author, filename, _md5sum, exectype in rows:
            kind = str(exectype or "EXECUTED").strip().upper()
            if kind == "SKIPPED":
                continue
            recorded = _normal(str(filename or ""))
            matches = [
                (changelog, migration)
                for changelog, migration in by_identity.get((str(changeset_id), str(author)), [])
                if _same_changelog(changelog, recorded)
            ]
            if matches:
                migration = max(matches, key=lambda match: len(match[0]))[1]
                version, description = migration.version, migration.description
            else:
                version, description = f"{recorded}::{changeset_id}::{author}", ""
            applied[version] = Applied(version, description, None, kind != "FAILED")
        return tuple(applied.values())
