"""Subcommands of the `beliefupdate` command, one module per subject."""

from __future__ import annotations


def register_all(sub) -> None:
    from beliefupdate.cli_commands import conversations, data, exchange, insights, propositions

    propositions.register(sub)
    conversations.register(sub)
    exchange.register(sub)
    data.register(sub)
    insights.register(sub)
    _register_optional(sub)


def _register_optional(sub) -> None:
    """Commands whose modules live beside their subject."""
    from beliefupdate.charts import calibration_command
    from beliefupdate.charts import command as chart_command

    chart_command.add_parser(sub).set_defaults(handler=chart_command.run)
    calibration_command.add_parser(sub).set_defaults(handler=calibration_command.run)
