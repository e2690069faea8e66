"""Synthetic, realistic data for trying Sayso out: `sayso demo`."""
