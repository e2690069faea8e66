"""The respondent journey: start, question pages, check answers, send, confirmation."""
