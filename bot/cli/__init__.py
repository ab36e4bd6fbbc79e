"""The ``eabot`` command line: a thin click layer over the library.  [I/O]

Library errors become one-sentence ``click.ClickException`` messages that
say how to fix the problem; no command prints a traceback. Modules:
``common`` (the options and loading every command shares), ``app`` (the
group), and one module per family of commands: ``run``, ``explain``
(classify, deadline), ``cases`` (list, show), ``actions`` (staff actions on a
case), ``report`` (export, log, status), ``demo``, ``templates``.
"""

from bot.cli.app import main


def entry() -> None:  # pragma: no cover - console script shim
    main(prog_name="eabot")


__all__ = ["entry", "main"]
