"""Rerunnable speed measurements: `python dev.py bench` runs them all."""
