"""The four staff roles, and what each can do, as the staff home page lists it."""

from __future__ import annotations

from dataclasses import dataclass

# The order is the order pages list them in.
ROLES = {
    "admin": "Administrator",
    "participation_lead": "Participation lead",
    "iro": "Independent reviewing officer or conference chair",
    "safeguarding_lead": "Designated safeguarding lead",
}


@dataclass(frozen=True)
class Capability:
    """Something a role can do; ``endpoint`` names its page once that page exists."""

    text: str
    endpoint: str | None = None


CAPABILITIES: dict[str, list[Capability]] = {
    "admin": [
        Capability("Manage staff accounts", "user_admin.list_users"),
        Capability("Create feedback links after a review or conference", "meetings.new_meeting"),
        Capability("Send a survey to a group of people", "meetings.new_campaign"),
        Capability("See which languages respondents can choose", "admin.languages"),
        Capability(
            "See who signed in, exported, read comments or changed accounts (audit trail)",
            "admin.audit",
        ),
        Capability("Record what changed as a result (“you said, we did”)", "actions.list_actions"),
        Capability("Let other systems read reports with an API token", "api_tokens.list_tokens"),
    ],
    "participation_lead": [
        Capability("Send a survey to a group of people", "meetings.new_campaign"),
        Capability("Read themed reports for a period, service or team", "reports.index"),
        Capability(
            "Check and correct the themes of comments, and add new themes, from a report",
            "reports.index",
        ),
        Capability("Record what changed as a result (“you said, we did”)", "actions.list_actions"),
        Capability(
            "Get a report by email every month or quarter", "subscriptions.list_subscriptions"
        ),
        Capability("Let other systems read reports with an API token", "api_tokens.list_tokens"),
        Capability("Export reports for the improvement board", "reports.index"),
    ],
    "iro": [
        Capability("Create feedback links after a review or conference", "meetings.new_meeting"),
        Capability("See who has answered", "meetings.my_meetings"),
        Capability(
            "See your own anonymised feedback once enough has come in", "meetings.my_feedback"
        ),
    ],
    "safeguarding_lead": [
        Capability("Be alerted at once when a comment may disclose harm"),
        Capability("Acknowledge alerts and record what was done", "alerts.list_alerts"),
    ],
}
