"""Benchmarks of ALS Comfort against bare Home Assistant and a YAML build.

Run them with `scripts/bench`; `bench/run.py` says what is measured and how.
"""
