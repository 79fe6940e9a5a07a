"""Lambda: functions with their runtime, environment variables (masked), the KMS key encrypting
them, their resource-based policy and their function URLs."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

# GetPolicy's answer for a function that has no resource-based policy.
_NO_POLICY = ("ResourceNotFoundException",)


class LambdaCollector(Collector):
    """Every function's configuration, per region.

    Each function also carries `Policy` (its resource-based policy as JSON, absent when it has
    none) and `FunctionUrlConfigs` (every function URL of the function and of its aliases, with
    its `AuthType`); a read that failed leaves `Unresolved` there, so exactly the checks on that
    attribute become `error`.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "lambda:ListFunctions",
        "lambda:GetPolicy",
        "lambda:ListFunctionUrlConfigs",
        "lambda:ListTags",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("lambda.function",)

    def collect(self, calls: Calls) -> list[Resource]:
        functions = calls.paginate("lambda", "ListFunctions", "Functions")
        if isinstance(functions, Unresolved):
            return [self.unlisted(calls, functions, "lambda.function")]
        return [
            make_resource(
                calls,
                "lambda.function",
                function["FunctionArn"],
                _attributes(calls, function),
                _tags(calls, function["FunctionArn"]),
            )
            for function in functions
        ]


def _tags(calls: Calls, arn: str) -> Any:
    """The function's tags (ListFunctions leaves them out), or `Unresolved`, so that the
    controls scoped by tag are `error` on it rather than passing it over."""
    answer = calls.call("lambda", "ListTags", Resource=arn)
    return answer if isinstance(answer, Unresolved) else dict(answer.get("Tags") or {})


def _attributes(calls: Calls, function: dict[str, Any]) -> dict[str, Any]:
    """The function as ListFunctions gives it, with its variables also as a list of entries,
    its resource-based policy and its function URLs.

    Conditions quantify over lists, not over the keys of a map, so `EnvironmentVariables`
    (`[{name, value}]`, as ECS writes a container's environment) lets a check judge each
    variable by its name. Its values are masked by the same rule as `Environment.Variables`.
    """
    name = function["FunctionName"]
    variables = (function.get("Environment") or {}).get("Variables") or {}
    entries = [{"name": key, "value": value} for key, value in variables.items()]
    attributes = {**function, "EnvironmentVariables": entries}
    policy = calls.call("lambda", "GetPolicy", absent_codes=_NO_POLICY, FunctionName=name)
    if policy is not None:
        attributes["Policy"] = policy if isinstance(policy, Unresolved) else policy.get("Policy")
    attributes["FunctionUrlConfigs"] = calls.paginate(
        "lambda", "ListFunctionUrlConfigs", "FunctionUrlConfigs", FunctionName=name
    )
    return attributes
