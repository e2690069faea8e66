"""Safeguarding: screening answers for disclosures, alerts, escalation and alert pages."""
