"""Whole nights, told as they happen: who was called, when, and what stayed on."""
