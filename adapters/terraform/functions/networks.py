"""Network functions: CIDR prefixes, hosts and subnets."""

from __future__ import annotations

import ipaddress
from typing import Any

from adapters.terraform.expressions import Context, Evaluator
from adapters.terraform.functions.registry import as_int, as_string, register


def _network(prefix: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    text = as_string(prefix)
    if "/" not in text:
        raise ValueError(f"invalid CIDR expression: invalid CIDR address: {text}")
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError as exc:
        raise ValueError(f"invalid CIDR expression: {exc}") from None


@register("cidrhost", arity=(2, 2))
def _cidrhost(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network, host = _network(args[0]), as_int(args[1], "the host number")
    size = network.num_addresses
    if not -size <= host < size:
        raise ValueError(
            f"prefix of {network.prefixlen} does not accommodate a host numbered {host}"
        )
    return str(network[host])


@register("cidrnetmask", arity=(1, 1))
def _cidrnetmask(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = _network(args[0])
    if network.version != 4:
        raise ValueError(f"IPv6 addresses cannot have a netmask: {args[0]}")
    return str(network.netmask)


@register("cidrsubnet", arity=(3, 3))
def _cidrsubnet(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = _network(args[0])
    newbits, number = as_int(args[1], "newbits"), as_int(args[2], "netnum")
    bits = network.max_prefixlen
    prefix = network.prefixlen + newbits
    if newbits < 0 or prefix > bits:
        raise ValueError(
            f"insufficient address space to extend prefix of {network.prefixlen} by {newbits}"
        )
    if not 0 <= number < 1 << newbits:
        raise ValueError(
            f"prefix extension of {newbits} does not accommodate a subnet numbered {number}"
        )
    start = int(network.network_address) + (number << (bits - prefix))
    return f"{type(network.network_address)(start)}/{prefix}"


@register("cidrsubnets", arity=(1, None))
def _cidrsubnets(_evaluator: Evaluator, _context: Context, args: list[Any]) -> Any:
    network = _network(args[0])
    if len(args) == 1:
        return []
    bits, base = network.max_prefixlen, int(network.network_address)
    lengths = [as_int(arg, "newbits") for arg in args[1:]]
    # The subnet before the first, at the first's size, so that each next one follows it.
    current_prefix = network.prefixlen + lengths[0]
    if current_prefix > bits:
        current_prefix = bits
    current = ((base - 1) % (1 << bits)) & _mask(current_prefix, bits)
    subnets = []
    for position, extension in enumerate(lengths, start=1):
        if extension < 1:
            raise ValueError(f"argument {position + 1}: must extend prefix by at least one bit")
        if extension > 32:
            raise ValueError(f"argument {position + 1}: may not extend prefix by more than 32 bits")
        prefix = network.prefixlen + extension
        if prefix > bits:
            protocol = "IPv4" if bits == 32 else "IPv6"
            raise ValueError(
                f"argument {position + 1}: would extend prefix to {prefix} bits, which is too "
                f"long for an {protocol} address"
            )
        last = current + (1 << (bits - current_prefix)) - 1
        start = (last & _mask(prefix, bits)) + (1 << (bits - prefix))
        if start >= 1 << bits or not base <= start < base + network.num_addresses:
            shown = f"{type(network.network_address)(current)}/{current_prefix}"
            raise ValueError(
                f"argument {position + 1}: not enough remaining address space for a subnet with a "
                f"prefix of {prefix} bits after {shown}"
            )
        current, current_prefix = start, prefix
        subnets.append(f"{type(network.network_address)(start)}/{prefix}")
    return subnets


def _mask(prefix: int, bits: int) -> int:
    return ((1 << bits) - 1) ^ ((1 << (bits - prefix)) - 1)
