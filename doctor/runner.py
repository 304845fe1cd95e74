"""Runs checks: a check is a function that yields findings; one that raises becomes BD000."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from .findings import Finding

F = TypeVar("F", bound=Callable[..., Iterable[Finding]])


def check(*codes: str) -> Callable[[F], F]:
    """Marks a function as a check and names the rule codes it may yield."""

    def mark(func: F) -> F:
        func.__bd_codes__ = codes  # type: ignore[attr-defined]
        return func

    return mark


def codes_of(func: Callable[..., Any]) -> tuple[str, ...]:
    return getattr(func, "__bd_codes__", ())


def run_check(func: Callable[..., Iterable[Finding]], *args: Any, **kwargs: Any) -> list[Finding]:
    """All findings of one check; a crash of the check is a BD000 finding, never an exception."""
    found: list[Finding] = []
    try:
        for finding in func(*args, **kwargs):
            found.append(finding)
    except Exception as exc:  # noqa: BLE001 - a crashing check must not stop the others
        found.append(crashed(getattr(func, "__name__", repr(func)), exc))
    return found


def run_checks(
    funcs: Iterable[Callable[..., Iterable[Finding]]], *args: Any, **kwargs: Any
) -> list[Finding]:
    return [f for func in funcs for f in run_check(func, *args, **kwargs)]


def iter_checks(
    funcs: Iterable[Callable[..., Iterable[Finding]]], *args: Any, **kwargs: Any
) -> Iterator[Finding]:
    for func in funcs:
        yield from run_check(func, *args, **kwargs)


def crashed(name: str, exc: BaseException) -> Finding:
    first = str(exc).splitlines()[0] if str(exc) else ""
    return Finding.of(
        "BD000",
        f"check {name} crashed with {type(exc).__name__}: {first}".rstrip(": "),
        fix="the other checks still ran; please report this with the output of `-v`",
        detail="".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    )
