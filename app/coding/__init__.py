"""Assisted coding: themes of free-text answers stored, corrected by people, learned from."""
