"""The Typer app: registers the commands. Nothing else lives here.

Start-up matters: nothing imported here may import torch or transformers; the commands import
them lazily, inside the functions that need them.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable

import typer

from .commands import (
    check_data,
    check_env,
    check_imports,
    check_loss,
    check_model,
    check_run,
    check_script,
    diagnose,
    explain,
    rule,
    run_recipe,
)

app = typer.Typer(
    name="bertdoctor",
    help="Find why BERT fine-tuning fails, before training or from the error afterwards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"bertdoctor {version('bertdoctor')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Find why BERT fine-tuning fails, before training or from the error afterwards."""


def _command(name: str, fn: Callable[..., None]) -> None:
    """Register a command; its docstring's wrapped lines become one paragraph of help text, since
    Typer's rich markup keeps a docstring's line breaks (mid-sentence, in the command list)."""
    doc = inspect.getdoc(fn) or ""
    app.command(name, help="\n\n".join(" ".join(p.split()) for p in doc.split("\n\n")))(fn)


_command("diagnose", diagnose.diagnose)
_command("check-env", check_env.check_env)
_command("check-data", check_data.check_data)
_command("check-model", check_model.check_model)
_command("check-imports", check_imports.check_imports)
_command("check-script", check_script.check_script)
_command("check-loss", check_loss.check_loss)
_command("check-run", check_run.check_run)
_command("explain", explain.explain)
_command("run-recipe", run_recipe.run_recipe)
_command("rule", rule.rule)
_command("rules", rule.rules)


def main() -> None:
    """Console entry point: an unexpected error is one line and exit 2, never a traceback."""
    from .commands._common import debug_enabled

    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("bertdoctor: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        if debug_enabled():
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        sys.stderr.write(
            f"bertdoctor: internal error: {type(exc).__name__}: {first} "
            "(set BERTDOCTOR_DEBUG=1 for the traceback, and please report it)\n"
        )
        sys.exit(2)
