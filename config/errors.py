"""The one error type for bad configuration: its message is a single readable line."""

from __future__ import annotations

from pydantic import ValidationError


class ConfigError(Exception):
    """A configuration file or value is invalid; str(exc) names the file, the key and the reason."""


def describe_validation_error(where: str, exc: ValidationError) -> str:
    """`where: key.path: reason` for the first error, with a count of the others."""
    errors = exc.errors()
    first = errors[0]
    path = ".".join(str(p) for p in first["loc"]) or "(top level)"
    message = first["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {path}: {message}{more}"
