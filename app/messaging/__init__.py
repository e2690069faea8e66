"""Sending messages to people: email (SMTP or GOV.UK Notify) and text messages (Notify).

The channel is chosen by settings, once, here at the sending layer, so every feature that
sends (invitations, reminders, safeguarding alerts, report emails, sign-in warnings)
goes through the same one without knowing which it is.
"""
