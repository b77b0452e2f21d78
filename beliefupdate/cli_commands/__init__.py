"""Subcommands of the `beliefupdate` command, one module per subject."""

from __future__ import annotations


def register_all(sub) -> None:
    from beliefupdate.cli_commands import (
        calibration, chart, conversations, copying, cruxes, data, exchange, insights, propositions, writeup,
    )

    propositions.register(sub)
    conversations.register(sub)
    exchange.register(sub)
    data.register(sub)
    copying.register(sub)
    insights.register(sub)
    chart.register(sub)
    calibration.register(sub)
    writeup.register(sub)
    cruxes.register(sub)
