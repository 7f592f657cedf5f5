"""Tests of the comforts wing."""
