"""The dashboard card in a real browser (run by scripts/e2e, not scripts/test)."""
