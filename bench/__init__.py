"""Benchmarks (``make bench``): every target is a ratio against a baseline measured in the same run."""
