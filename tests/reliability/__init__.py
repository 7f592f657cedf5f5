"""Reliability tests: fuzzing, faults, access, cycles and restarts."""
