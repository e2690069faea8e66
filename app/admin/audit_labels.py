"""The audit trail's codes in plain English, for the administrators' audit page.

Every action code that :func:`app.auth.audit.record_event` is called with has a label
here (a test reads the source to keep the two in step); an unknown code is shown as is,
so an event is never hidden because nobody wrote its words yet.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    # Signing in and out
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in failed"),
    "sign_in_throttled": _l("Sign-in refused: too many attempts"),
    "account_throttled": _l("Account paused after repeated failed sign-ins"),
    "sign_in_warning_sent": _l("Account holder told of repeated failed sign-ins"),
    "sign_out": _l("Signed out"),
    # Staff accounts
    "account_created": _l("Staff account created"),
    "account_deactivated": _l("Staff account deactivated"),
    "password_set": _l("Password set"),
    "password_link_issued": _l("Set-password link made"),
    # Reading what people wrote
    "alerts.listed": _l("Viewed the list of safeguarding alerts"),
    "alert.viewed": _l("Viewed a safeguarding alert"),
    "theme_comments_viewed": _l("Viewed the comments under a theme"),
    "emerging_themes_viewed": _l("Viewed suggested new themes"),
    "quote_candidates_viewed": _l("Viewed the comments a report could quote"),
    # Safeguarding alerts
    "alert.note_added": _l("Added a note to an alert"),
    "alert.acknowledged": _l("Acknowledged an alert"),
    "alert.actioned": _l("Marked an alert as actioned"),
    "alert.closed": _l("Closed an alert"),
    # The review queue
    "review.listed": _l("Viewed the answers waiting for review"),
    "review.viewed": _l("Read an answer waiting for review"),
    "review.decided": _l("Decided whether an answer is a safeguarding concern"),
    # Personal links
    "invitation.link_shown": _l("Was shown a personal link to pass on"),
    "invitation.reminder_asked": _l("Asked for a reminder for a personal link"),
    "invitation.revoked": _l("Stopped a personal link"),
    "invitation.replaced": _l("Replaced a personal link with a fresh one"),
    "invitation.fresh_link": _l("Made a fresh personal link"),
    "invitation.opened_by_staff": _l("Opened a personal link while signed in as staff"),
    # Exports
    "report_export": _l("Exported a report"),
    "report_api_read": _l("Report read through the API"),
    "responses_export": _l("Exported responses (command line)"),
    "audit_exported": _l("Downloaded the audit trail"),
    # Comparison with others
    "benchmarks_uploaded": _l("Uploaded figures to compare indicators with"),
    "benchmark_removed": _l("Removed a figure to compare an indicator with"),
    # Keeping data only as long as allowed
    "response_erased": _l("Erased a response at the respondent’s request"),
    "retention_purged": _l("Removed data past its retention period"),
    # Reports and themes
    "report_subscription.created": _l("Subscribed to a report by email"),
    "report_subscription.deleted": _l("Stopped a report subscription"),
    "comment_codes_set": _l("Changed a comment’s themes"),
    "theme_candidate_accepted": _l("Accepted a suggested theme"),
    "theme_candidate_dismissed": _l("Set aside a suggested theme"),
    "quote_approved": _l("Approved quoting a comment in reports"),
    "quote_redacted": _l("Took more words out of a quote"),
    "quote_rejected": _l("Rejected quoting a comment in reports"),
    "theme_model_used": _l("Started using a learned theme model"),
    "theme_model_stopped": _l("Stopped using the learned theme model"),
    # API tokens
    "api_token.created": _l("Created an API token"),
    "api_token.revoked": _l("Revoked an API token"),
    # You said, we did
    "action.created": _l("Recorded an action"),
    "action.changed": _l("Changed an action"),
    "action.translation_added": _l("Added a translation of an action"),
    "action.translation_changed": _l("Changed a translation of an action"),
    "action.translation_removed": _l("Removed a translation of an action"),
    "action.published": _l("Published an action"),
    "action.unpublished": _l("Unpublished an action"),
}

OBJECT_LABELS = {
    "staff_user": _l("Staff account"),
    "alert": _l("Alert"),
    "report": _l("Report"),
    "survey": _l("Survey"),
    "report_subscription": _l("Report subscription"),
    "api_token": _l("API token"),
    "action": _l("Action"),
    "answer": _l("Answer"),
    "response": _l("Response"),
    "theme": _l("Theme"),
    "theme_candidate": _l("Suggested theme"),
    "theme_model": _l("Theme model"),
    "audit_event": _l("Audit trail"),
}

# Events recorded before anyone has signed in: no actor, yet not the command line.
SIGN_IN_ACTIONS = frozenset(
    {"sign_in_failed", "sign_in_throttled", "account_throttled", "sign_in_warning_sent"}
)


def action_label(code: str) -> str:
    """The plain-English words for an action code, or the code itself if it has none."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def object_label(object_type: str | None, object_id: str | None) -> str:
    """An event's object as words and id, e.g. "Alert 12"; empty when it has none."""
    if object_type is None:
        return object_id or ""
    label = OBJECT_LABELS.get(object_type)
    name = str(label) if label is not None else object_type
    return f"{name} {object_id}" if object_id else name
