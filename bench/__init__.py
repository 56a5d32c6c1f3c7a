"""Benchmarks (``make bench``): each target is a ratio against a same-run baseline."""
