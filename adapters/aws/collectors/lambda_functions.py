"""Lambda: functions with their environment variables (masked) and the KMS key encrypting them."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class LambdaCollector(Collector):
    """Every function's configuration, per region."""

    actions: ClassVar[tuple[str, ...]] = ("lambda:ListFunctions",)
    resource_types: ClassVar[tuple[str, ...]] = ("lambda.function",)

    def collect(self, calls: Calls) -> list[Resource]:
        functions = calls.paginate("lambda", "ListFunctions", "Functions")
        if isinstance(functions, Unresolved):
            return [self.unlisted(calls, functions, "lambda.function")]
        return [
            make_resource(calls, "lambda.function", function["FunctionArn"], _attributes(function))
            for function in functions
        ]


def _attributes(function: dict[str, Any]) -> dict[str, Any]:
    """The function as ListFunctions gives it, with its variables also as a list of entries.

    Conditions quantify over lists, not over the keys of a map, so `EnvironmentVariables`
    (`[{name, value}]`, as ECS writes a container's environment) lets a check judge each
    variable by its name. Its values are masked by the same rule as `Environment.Variables`.
    """
    variables = (function.get("Environment") or {}).get("Variables") or {}
    entries = [{"name": name, "value": value} for name, value in variables.items()]
    return {**function, "EnvironmentVariables": entries}
