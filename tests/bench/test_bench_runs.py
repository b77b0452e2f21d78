"""scripts/bench keeps working: its smallest size runs and reports every figure (timings are not judged here)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {
    "cold_start_s", "bare_window_s", "cold_start_ratio", "first_start_s", "first_start_ratio", "ready_s",
    "filter_keystroke_ms", "log_conversation_ms", "log_to_shown_ms",
    "chart_redraw_ms", "export_png_s", "matplotlib_png_s", "export_png_ratio", "export_svg_s",
    "matplotlib_svg_s", "export_svg_ratio", "export_pdf_s", "matplotlib_pdf_s", "export_pdf_ratio", "list_json_s", "peak_rss_mb", "history_json_s",
    "import_sqlalchemy_orm_s", "list_json_ratio", "history_json_ratio",
}


def test_the_benchmark_runs_at_the_smallest_size_and_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "small", "--runs", "1", "--json", str(out),
         "--cache", str(tmp_path / "cache"), "--writers-seconds", "0.5"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    doc = json.loads(out.read_text())
    figures = doc["results"]["small"]
    assert set(figures) >= FIGURES, FIGURES - set(figures)
    assert all(isinstance(v, float) and v > 0 for v in figures.values()), figures
    assert "cold_start_ratio" in result.stdout and doc["meta"]["machine"]
    writers = doc["results"]["writers"]
    assert {f"sqlite_{n}_writers_{what}" for n in (1, 2, 4) for what in ("per_s", "ratio", "p95_ms")} <= set(writers)
    assert "concurrent writers" in result.stdout
    # The README's table is made from this JSON: every figure of it has a row.
    from benchmarks.table import LABELS, table

    rendered = table(doc["results"])
    assert all(label in rendered for name, (label, _unit) in LABELS.items() if name in figures)

