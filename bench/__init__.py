"""Benchmarks and quality reports: `make bench` (or `python -m bench`) runs them all."""
