"""The four staff roles, and what each can do, as the staff home page lists it."""

from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    """Marks text for extraction into the catalogs; the page translates it when shown."""
    return text


# The order is the order pages list them in.
ROLES = {
    "admin": N_("Administrator"),
    "participation_lead": N_("Participation lead"),
    "iro": N_("Independent reviewing officer or conference chair"),
    "safeguarding_lead": N_("Designated safeguarding lead"),
}


@dataclass(frozen=True)
class Capability:
    """Something a role can do; ``endpoint`` names its page once that page exists."""

    text: str
    endpoint: str | None = None


CAPABILITIES: dict[str, list[Capability]] = {
    "admin": [
        Capability(N_("Manage staff accounts"), "user_admin.list_users"),
        Capability(
            N_("Create feedback links after a review or conference"), "meetings.new_meeting"
        ),
        Capability(N_("Send a survey to a group of people"), "meetings.new_campaign"),
        Capability(N_("See which languages respondents can choose"), "admin.languages"),
        Capability(
            N_("See who signed in, exported, read comments or changed accounts (audit trail)"),
            "admin.audit",
        ),
        Capability(
            N_("Upload regional or national figures to compare indicators with"),
            "benchmarks.upload",
        ),
        Capability(
            N_("Record what changed as a result (“you said, we did”)"), "actions.list_actions"
        ),
        Capability(
            N_("Let other systems read reports with an API token"), "api_tokens.list_tokens"
        ),
    ],
    "participation_lead": [
        Capability(N_("Send a survey to a group of people"), "meetings.new_campaign"),
        Capability(N_("Read themed reports for a period, service or team"), "reports.index"),
        Capability(
            N_("Check and correct the themes of comments, and add new themes, from a report"),
            "reports.index",
        ),
        Capability(
            N_("Record what changed as a result (“you said, we did”)"), "actions.list_actions"
        ),
        Capability(
            N_("Get a report by email every month or quarter"), "subscriptions.list_subscriptions"
        ),
        Capability(
            N_("Let other systems read reports with an API token"), "api_tokens.list_tokens"
        ),
        Capability(N_("Export reports for the improvement board"), "reports.index"),
        Capability(
            N_("Upload regional or national figures to compare indicators with"),
            "benchmarks.upload",
        ),
    ],
    "iro": [
        Capability(
            N_("Create feedback links after a review or conference"), "meetings.new_meeting"
        ),
        Capability(N_("See who has answered"), "meetings.my_meetings"),
        Capability(
            N_("See your own anonymised feedback once enough has come in"), "meetings.my_feedback"
        ),
    ],
    "safeguarding_lead": [
        Capability(N_("Be alerted at once when a comment may disclose harm")),
        Capability(N_("Acknowledge alerts and record what was done"), "alerts.list_alerts"),
    ],
}
