"""Keeping personal data no longer than needed: purges, erasure and their schedule."""
