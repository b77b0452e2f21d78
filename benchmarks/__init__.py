"""Benchmark support: synthetic journals and the measurements scripts/bench prints."""
