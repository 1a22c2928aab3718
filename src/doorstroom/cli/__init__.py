"""The ``doorstroom`` command: one Typer sub-command group per context, kept thin."""
