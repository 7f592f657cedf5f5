"""Tests of the alerts wing."""
