"""Tests for the ALS Comfort integration."""
