"""The README's Performance tables, from the JSON that `scripts/bench --json OUT` writes.

Usage: python -m benchmarks.table RESULTS.json [HUGE_RESULTS.json]
The second file is a `--sizes large,huge` run: its table shows each figure's growth from large to huge.
"""

from __future__ import annotations

import json
import sys

from benchmarks.run import HUGE_TARGETS, TARGETS

# figure: (what it is, unit); the unit also says how the value is written.
LABELS = {
    "cold_start_s": ("start to first paint with the list and timeline shown (from the window's snapshot)", "s"),
    "bare_window_s": ("bare PySide6 window showing one QLabel", "s"),
    "cold_start_ratio": ("first paint ÷ bare window", "×"),
    "ready_s": ("start until the journal is open, the list and timeline read from it, the chart built", "s"),
    "first_start_s": ("the very first start (no snapshot yet) to first paint", "s"),
    "first_start_ratio": ("the very first start ÷ bare window", "×"),
    "filter_keystroke_ms": ("filtering the list, per keystroke (median)", "ms"),
    "filter_keystroke_max_ms": ("filtering the list, slowest keystroke", "ms"),
    "log_conversation_ms": ("logging a conversation with 5 credences, to committed", "ms"),
    "log_to_shown_ms": ("logging a conversation in the window, until the list and timeline show it", "ms"),
    "chart_redraw_ms": ("chart redraw, 20 propositions selected", "ms"),
    "peak_rss_mb": ("peak memory (RSS) with the journal open", "MB"),
    "export_png_ratio": ("`beliefupdate chart` PNG ÷ matplotlib script", "×"),
    "export_svg_ratio": ("`beliefupdate chart` SVG ÷ matplotlib script", "×"),
    "export_pdf_ratio": ("`beliefupdate chart` PDF ÷ matplotlib script", "×"),
    "export_png_s": ("`beliefupdate chart` PNG, 20 propositions, whole process", "s"),
    "matplotlib_png_s": ("matplotlib drawing the same PNG", "s"),
    "list_json_s": ("`beliefupdate list --json`, whole process", "s"),
    "history_json_s": ("`beliefupdate history 1 --json`, whole process", "s"),
    "import_sqlalchemy_orm_s": ('`python -c "import sqlalchemy.orm"`', "s"),
    "list_json_ratio": ("`list --json` ÷ importing SQLAlchemy's ORM", "×"),
    "history_json_ratio": ("`history --json` ÷ importing SQLAlchemy's ORM", "×"),
}
BASELINES = {"bare_window_s", "matplotlib_png_s", "import_sqlalchemy_orm_s"}


def value(v: float, unit: str) -> str:
    if unit == "×":
        return f"{v:.2f}"
    if unit == "s":
        return f"{v:.2f} s"
    if unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.1f} ms"


def target(name: str, v: float, targets: dict) -> str:
    if name in BASELINES:
        return "(baseline)"
    if name not in targets:
        return ""
    op, limit = targets[name]
    met = v <= limit if op == "<=" else v < limit
    unit = LABELS[name][1]
    limit_text = f"{limit:g}" if unit == "×" else f"{limit:g} {unit}"
    words = "at most" if op == "<=" else "under"
    return f"{words} {limit_text}: {'met' if met else '**missed**'}"


def table(results: dict) -> str:
    sizes = [s for s in ("small", "medium", "large") if s in results]
    lines = [f"| figure | {' | '.join(sizes)} | target (large) |", "|---|" + "---:|" * len(sizes) + "---|"]
    for name, (label, unit) in LABELS.items():
        if name not in results[sizes[-1]]:
            continue
        cells = " | ".join(value(results[s][name], unit) for s in sizes)
        lines.append(f"| {label} | {cells} | {target(name, results[sizes[-1]][name], TARGETS)} |")
    return "\n".join(lines)


def huge_table(results: dict) -> str:
    lines = ["| figure | large | huge | huge ÷ large | limit (huge) |", "|---|---:|---:|---:|---|"]
    for name, (label, unit) in LABELS.items():
        if name not in results["huge"] or name.endswith("_ratio") and name not in HUGE_TARGETS:
            continue
        large, huge = results["large"][name], results["huge"][name]
        lines.append(f"| {label} | {value(large, unit)} | {value(huge, unit)} | {huge / large:.1f} "
                     f"| {target(name, huge, HUGE_TARGETS)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    print(table(json.loads(open(argv[0]).read())["results"]))
    if len(argv) > 1:
        print()
        print(huge_table(json.loads(open(argv[1]).read())["results"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
