"""BD000: bertdoctor's own failures."""

from . import rule

rule(
    "BD000",
    "check-crashed",
    "A bertdoctor check crashed",
    "warning",
    """
    ## What it does
    Reports a check of bertdoctor's own that raised an exception instead of returning its
    findings. The other checks still ran and their findings stand.

    ## Why is this bad?
    The crashed check said nothing about the problem it looks for, so a clean report is not a
    clean bill of health for that check's area. It is a bug in bertdoctor, not in your setup.

    ## Example
    ```
    ! BD000 check-crashed: check label_ids_in_range crashed with KeyError: 'labels'
    ```

    Use instead:
    Run the command again with `-v` to see the traceback, and report it with that output.
    """,
)
