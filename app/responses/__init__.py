"""Answers and every count made of them: the vocabulary below the features."""
