"""PostgreSQL statements on who may do what: GRANT and REVOKE, ALTER DEFAULT PRIVILEGES,
row-level-security policies, and functions (SECURITY DEFINER, search_path)."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums.parsenodes import (
    FunctionParameterMode,
    GrantTargetType,
    ObjectType,
    VariableSetKind,
)

from adapters.db.catalog import PUBLIC
from adapters.db.drift import EVERY_PRIVILEGE
from adapters.db.sql_claims.model import (
    COLUMN_PRIVILEGES,
    Acl,
    Column,
    Function,
    Policy,
    Relation,
    Schema,
    Sequence,
    grant,
    revoke,
)
from adapters.db.sql_claims.names import quote_identifier
from adapters.db.sql_claims.pg_context import Context, option_text, role_name, strings

_EVERY = EVERY_PRIVILEGE["postgresql"]
_COMMANDS = {"all": "ALL", "select": "SELECT", "insert": "INSERT", "update": "UPDATE",
             "delete": "DELETE"}  # fmt: skip
_MODES = {
    FunctionParameterMode.FUNC_PARAM_IN: "",
    FunctionParameterMode.FUNC_PARAM_DEFAULT: "",
    FunctionParameterMode.FUNC_PARAM_OUT: "OUT",
    FunctionParameterMode.FUNC_PARAM_INOUT: "INOUT",
    FunctionParameterMode.FUNC_PARAM_VARIADIC: "VARIADIC",
}
_ROUTINES = {ObjectType.OBJECT_FUNCTION: False, ObjectType.OBJECT_PROCEDURE: True,
             ObjectType.OBJECT_ROUTINE: None}  # fmt: skip
_DEFAULT_OBJECT_TYPES = {
    ObjectType.OBJECT_TABLE: "table",
    ObjectType.OBJECT_SEQUENCE: "sequence",
    ObjectType.OBJECT_FUNCTION: "function",
    ObjectType.OBJECT_PROCEDURE: "function",
    ObjectType.OBJECT_ROUTINE: "function",
    ObjectType.OBJECT_TYPE: "type",
    ObjectType.OBJECT_SCHEMA: "schema",
}
_DEFAULT_EVERY = {**_EVERY, "type": frozenset({"USAGE"})}
# Cluster-wide objects: the catalog of one database does not hold their privileges.
_CLUSTER_OBJECTS = frozenset(
    {ObjectType.OBJECT_DATABASE, ObjectType.OBJECT_TABLESPACE, ObjectType.OBJECT_PARAMETER_ACL}
)


# -- GRANT and REVOKE ----------------------------------------------------------------------


def _privileges(node: ast.GrantStmt, every: frozenset[str]) -> tuple[set[str], dict[str, set[str]]]:
    """The object privileges and the column privileges (by column) a statement names."""
    if not node.privileges:
        return set(every), {}
    whole: set[str] = set()
    columns: dict[str, set[str]] = {}
    for privilege in node.privileges:
        assert isinstance(privilege, ast.AccessPriv)
        name = (privilege.priv_name or "all").upper()
        named = COLUMN_PRIVILEGES if name == "ALL" else {name}
        if privilege.cols:
            for column in strings(privilege.cols):
                columns.setdefault(column, set()).update(named)
        else:
            whole.update(every if name == "ALL" else {name})
    return whole, columns


def _apply(acl: Acl, node: ast.GrantStmt, grantees: list[str], privileges: set[str]) -> None:
    for grantee in grantees:
        if node.is_grant:
            grant(acl, grantee, privileges, bool(node.grant_option))
        else:
            revoke(acl, grantee, privileges, option_only=bool(node.grant_option))


def _grantees(node: ast.GrantStmt) -> list[str]:
    return [name for name in (role_name(spec) for spec in node.grantees or ()) if name]


def _on_relation(
    context: Context, node: ast.GrantStmt, target: Relation | Sequence, grantees: list[str]
) -> None:
    if isinstance(target, Sequence):
        whole, _ = _privileges(node, _EVERY["sequence"])
        _apply(target.acl, node, grantees, whole & _EVERY["sequence"])
        return
    every = _EVERY["view" if target.kind == "view" else "table"]
    whole, columns = _privileges(node, every)
    _apply(target.acl, node, grantees, whole)
    if not node.is_grant:
        # Revoking a privilege on the table revokes it on each of its columns as well.
        for column in target.columns:
            _apply(column.acl, node, grantees, whole & COLUMN_PRIVILEGES)
    for name, privileges in columns.items():
        named = target.column(name)
        if named is None:
            named = Column(name, "")
            target.columns.append(named)
        _apply(named.acl, node, grantees, privileges)


def grant_statement(context: Context, node: ast.GrantStmt) -> None:
    """GRANT or REVOKE on tables, columns, sequences, schemas and functions."""
    objtype = node.objtype
    assert objtype is not None
    if objtype in _CLUSTER_OBJECTS:
        return
    grantees = _grantees(node)
    model = context.model
    if node.targtype == GrantTargetType.ACL_TARGET_ALL_IN_SCHEMA:
        for in_schema in strings(node.objects):
            if objtype == ObjectType.OBJECT_TABLE:
                for relation in list(model.relations()):
                    if relation.schema == in_schema:
                        _on_relation(context, node, relation, grantees)
            elif objtype == ObjectType.OBJECT_SEQUENCE:
                for item in list(model.classes.values()):
                    if isinstance(item, Sequence) and item.schema == in_schema:
                        _on_relation(context, node, item, grantees)
            else:
                procedure = _ROUTINES.get(objtype)
                for function in model.functions:
                    if function.schema == in_schema and procedure in (None, function.procedure):
                        _apply(
                            function.acl, node, grantees, _privileges(node, _EVERY["function"])[0]
                        )
        return
    if objtype in (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_SEQUENCE):
        for target in node.objects or ():
            assert isinstance(target, ast.RangeVar)
            found = context.find_class(target.schemaname, target.relname or "")
            if isinstance(found, Relation | Sequence):
                _on_relation(context, node, found, grantees)
            else:
                _on_relation(context, node, context.relation(target), grantees)
    elif objtype == ObjectType.OBJECT_SCHEMA:
        for name in strings(node.objects):
            schema = model.schemas.get(name)
            if schema is None:
                schema = model.schemas[name] = Schema(name, existed=True)
            _apply(schema.acl, node, grantees, _privileges(node, _EVERY["schema"])[0])
    elif objtype in _ROUTINES:
        for target in node.objects or ():
            routine = find_function(context, target, _ROUTINES[objtype])
            if routine is None:
                context.skip(f"{'GRANT' if node.is_grant else 'REVOKE'} on a function the "
                             "migrations do not create")  # fmt: skip
                return
            _apply(routine.acl, node, grantees, _privileges(node, _EVERY["function"])[0])
    else:
        context.skip(f"{'GRANT' if node.is_grant else 'REVOKE'} ON {objtype.name[7:]}")


def default_privileges(context: Context, node: ast.AlterDefaultPrivilegesStmt) -> None:
    """ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT|REVOKE ... ON kind."""
    roles: list[str] = [""]
    schemas: list[str | None] = [None]
    for option in node.options or ():
        assert isinstance(option, ast.DefElem)
        if option.defname == "roles":
            roles = [name for name in (role_name(spec) for spec in option.arg or ()) if name]
        elif option.defname == "schemas" and isinstance(option.arg, tuple):
            schemas = list(strings(option.arg))
    action = node.action
    assert isinstance(action, ast.GrantStmt) and action.objtype is not None
    object_type = _DEFAULT_OBJECT_TYPES.get(action.objtype)
    if object_type is None:
        context.skip(f"ALTER DEFAULT PRIVILEGES ON {action.objtype.name[7:]}")
        return
    every = _DEFAULT_EVERY[object_type]
    whole, _ = _privileges(action, every)
    for role in roles:
        for schema in schemas:
            if role:
                context.model.unknown_defaults.add((schema, object_type))
            acl = context.model.default_acl(role, schema, object_type)
            _apply(acl, action, _grantees(action), whole)


def owner_name(node: Any) -> str:
    """The role ALTER ... OWNER TO names ("" for CURRENT_USER and the like: whoever runs the
    migrations, whose own privileges are left out anyway)."""
    name = role_name(node)
    return name if name and name != PUBLIC else ""


# -- policies ------------------------------------------------------------------------------


def _expression(node: Any) -> str | None:
    """An expression as pg_get_expr() prints it, where that is certain: a boolean constant."""
    if isinstance(node, ast.A_Const) and isinstance(node.val, ast.Boolean):
        return "true" if node.val.boolval else "false"
    return None


def _policy_roles(context: Context, nodes: Any) -> tuple[str, ...] | None:
    names = [role_name(spec) for spec in nodes or ()]
    if any(name is None for name in names):
        return None
    # PUBLIC among others is PUBLIC alone: every role is a member of it.
    if not names or PUBLIC in names:
        return (PUBLIC,)
    return tuple(name for name in names if name)


def create_policy(context: Context, node: ast.CreatePolicyStmt) -> None:
    """CREATE POLICY."""
    assert node.table is not None
    roles = _policy_roles(context, node.roles)
    if roles is None:
        context.skip("CREATE POLICY (a role named as CURRENT_USER or the like)")
        return
    relation = context.relation(node.table)
    relation.policies[node.policy_name or ""] = Policy(
        name=node.policy_name or "",
        command=_COMMANDS.get(node.cmd_name or "all", "ALL"),
        roles=roles,
        permissive=bool(node.permissive),
        using=_expression(node.qual),
        with_check=_expression(node.with_check),
    )


def alter_policy(context: Context, node: ast.AlterPolicyStmt) -> None:
    """ALTER POLICY ... TO / USING / WITH CHECK."""
    assert node.table is not None
    policy = context.relation(node.table).policies.get(node.policy_name or "")
    if policy is None:
        return
    if node.roles:
        roles = _policy_roles(context, node.roles)
        if roles is None:
            context.skip("ALTER POLICY (a role named as CURRENT_USER or the like)")
            return
        policy.roles = roles
    if node.qual is not None:
        policy.using = _expression(node.qual)
    if node.with_check is not None:
        policy.with_check = _expression(node.with_check)


# -- functions -----------------------------------------------------------------------------


def _search_path(setting: ast.VariableSetStmt) -> tuple[bool, str | None]:
    """(whether it is about search_path, the value proconfig stores or None when reset)."""
    if setting.name != "search_path" and setting.kind != VariableSetKind.VAR_RESET_ALL:
        return False, None
    if setting.kind != VariableSetKind.VAR_SET_VALUE:
        return True, None
    values = []
    for arg in setting.args or ():
        if not (isinstance(arg, ast.A_Const) and isinstance(arg.val, ast.String)):
            return True, None
        # search_path is a list setting: each element is stored as an identifier.
        values.append(quote_identifier(arg.val.sval or ""))
    return True, ", ".join(values)


def _settings(function: Function, options: Any) -> None:
    for option in options or ():
        assert isinstance(option, ast.DefElem)
        if option.defname == "security":
            function.security_definer = option_text(option) == "true"
        elif option.defname == "set" and isinstance(option.arg, ast.VariableSetStmt):
            about, value = _search_path(option.arg)
            if about:
                function.search_path = value
        elif option.defname == "language":
            function.language = option_text(option).lower()


def _arguments(context: Context, parameters: Any) -> list[tuple[str, str, str]]:
    found = []
    for parameter in parameters or ():
        assert isinstance(parameter, ast.FunctionParameter)
        if parameter.mode == FunctionParameterMode.FUNC_PARAM_TABLE:
            continue
        mode = _MODES.get(parameter.mode or FunctionParameterMode.FUNC_PARAM_IN, "")
        found.append((mode, parameter.name or "", context.type_text(parameter.argType)))
    return found


def create_function(context: Context, node: ast.CreateFunctionStmt) -> None:
    """CREATE [OR REPLACE] FUNCTION or PROCEDURE."""
    schema, name = context.qualified_name(strings(node.funcname))
    schema = context.creation_schema(schema)
    procedure = bool(node.is_procedure)
    created = Function(
        schema, name, _arguments(context, node.parameters), procedure, language="sql"
    )
    if created.address is None:
        context.skip(f"CREATE {'PROCEDURE' if procedure else 'FUNCTION'} (an argument type "
                     "not known)")  # fmt: skip
        return
    if node.sql_body is None and not any(
        isinstance(option, ast.DefElem) and option.defname == "language"
        for option in node.options or ()
    ):
        created.language = ""
    _settings(created, node.options)
    existing = next(
        (
            function
            for function in context.model.functions
            if (function.schema, function.name) == (schema, name)
            and function.signature() == created.signature()
        ),
        None,
    )
    if existing is not None:
        # OR REPLACE keeps the grants and replaces everything else.
        created.acl, created.acl_known = existing.acl, existing.acl_known
        context.model.functions.remove(existing)
    else:
        created.acl, created.acl_known = context.model.initial_acl("function", schema)
    context.model.functions.append(created)


def routine_kind(objtype: ObjectType | None) -> bool | None:
    """Whether FUNCTION (False), PROCEDURE (True) or ROUTINE (None, either) was written."""
    return _ROUTINES.get(objtype) if objtype is not None else None


def find_function(context: Context, node: Any, procedure: bool | None) -> Function | None:
    """The function an ObjectWithArgs names: by its argument types, or its name alone when it
    is the only one so named."""
    if not isinstance(node, ast.ObjectWithArgs):
        return None
    schema, name = context.qualified_name(strings(node.objname))
    searched = [schema] if schema else context.schemas_searched()
    candidates = [
        function
        for function in context.model.functions
        if function.name == name
        and function.schema in searched
        and procedure in (None, function.procedure)
    ]
    if node.args_unspecified:
        return candidates[0] if len(candidates) == 1 else None
    if node.objfuncargs is not None:
        arguments = _arguments(context, node.objfuncargs)
    else:
        arguments = [("", "", context.type_text(kind)) for kind in node.objargs or ()]
    for schema_name in searched:
        for function in candidates:
            if function.schema != schema_name:
                continue
            modes = (
                ("", "INOUT", "VARIADIC", "OUT")
                if function.procedure
                else ("", "INOUT", "VARIADIC")
            )
            wanted = tuple(kind for mode, _, kind in arguments if mode in modes)
            if function.signature() == wanted:
                return function
    return None


def alter_function(context: Context, node: ast.AlterFunctionStmt) -> None:
    """ALTER FUNCTION ... SECURITY DEFINER / SET search_path / RESET."""
    function = find_function(context, node.func, routine_kind(node.objtype))
    if function is None:
        context.skip("ALTER FUNCTION (a function the migrations do not create)")
        return
    _settings(function, node.actions)


def drop_functions(context: Context, node: ast.DropStmt) -> None:
    """DROP FUNCTION / PROCEDURE / ROUTINE."""
    for target in node.objects or ():
        function = find_function(context, target, routine_kind(node.removeType))
        if function is not None:
            context.model.functions.remove(function)
