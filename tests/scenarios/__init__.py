"""Whole nights, told through what a person notices."""
