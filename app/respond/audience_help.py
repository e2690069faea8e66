"""Help, contact and exit wording for each questionnaire's audience, in one table.

A child of 8 to 11 gets words a child understands: no "working day", no Samaritans, no
advice about browser history or keyboard shortcuts. A care leaver (16 to 25) gets
services for adults, not Childline (which is for under-19s). Parents, carers and
professionals get the NSPCC, for worries about a child. Every text here is translated
when a page shows it.

The table also says how each audience is spoken to: children, young people and care
leavers informally ("ti" in Welsh, "ти" in Ukrainian), parents, carers and professionals
formally (``app/form_of_address.py``). Wording more than one register shares is written
with ``lazy_addressed``, so it takes the register of the page it is shown on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.form_of_address import lazy_addressed, speak_informally


@dataclass(frozen=True)
class Helpline:
    """One line of "If you need help now": words, a free number, more words."""

    before: Any
    number: str
    after: Any = ""
    joiner: str = ". "  # between the number and ``after``: ". ", ", " or " "


@dataclass(frozen=True)
class AudienceHelp:
    """Everything a respondent page says about help, for one audience."""

    exit_advice: Any  # the start page, "If you need to leave quickly"
    talk_now: Any  # the start page's box and the footer
    after_concern: Any  # who will be in touch after a worrying answer, and when
    helplines: tuple[Helpline, ...]
    someone_to_talk_to: Any
    save_advice: Any  # the start page, "If you need to stop"
    leaving_care_team: bool = False  # list SAYSO_LEAVING_CARE_CONTACT
    informal: bool = True  # "ti" / "ти", not "chi" / "Ви"


DANGER = Helpline(lazy_addressed("If you are in danger now, call"), "999")
CHILDLINE = Helpline(
    lazy_addressed("Call Childline free on"),
    "0800 1111",
    lazy_addressed("You can talk to them about anything, day or night."),
)
SAMARITANS = Helpline(lazy_addressed("Call Samaritans free on"), "116 123", _l("any time."), ", ")
NSPCC = Helpline(
    _l("Call the NSPCC free on"), "0808 800 5000", _l("if you are worried about a child."), " "
)

ADULT_EXIT = lazy_addressed(
    "Press the “Exit this page” button, or press the Shift key 3 times, to go to another "
    "website straight away. This does not delete your browser history. To hide that you "
    "were here, delete it yourself, or use a private or incognito window."
)
CHILDLINE_NOW = lazy_addressed(
    "If you need to talk to someone now, call Childline free on 0800 1111. In an "
    "emergency, call 999."
)
WORKING_DAY = lazy_addressed(
    "If you told us how to contact you, they will try to get in touch, usually within one "
    "working day. If you did not, they will look at what you said and decide what to do."
)
SAVE_ADVICE = lazy_addressed(
    "Press “Save and come back later” on any question. You will get a code straight away: "
    "write it down, and you can carry on with it on any phone or computer, even after "
    "closing a private or incognito window."
)
ADULT_TO_TALK_TO = _l("You can also talk to an adult you trust, or call one of the numbers above.")
FOR_A_CHILD = AudienceHelp(
    exit_advice=_l("Press the “Exit this page” button to leave this page straight away."),
    talk_now=CHILDLINE_NOW,
    after_concern=_l(
        "If you told us how to contact you, a grown-up whose job is to help keep children "
        "safe will get in touch soon. If you did not, they will look at what you said and "
        "decide what to do."
    ),
    helplines=(DANGER, CHILDLINE),
    someone_to_talk_to=_l(
        "You can also talk to a grown-up you trust, like your carer, your social worker or "
        "a teacher."
    ),
    save_advice=_l(
        "Press “Save and come back later” on any question. You will get a code: write it "
        "down, and you can use it to carry on later."
    ),
)
FOR_A_YOUNG_PERSON = AudienceHelp(
    exit_advice=ADULT_EXIT,
    talk_now=CHILDLINE_NOW,
    after_concern=WORKING_DAY,
    helplines=(DANGER, CHILDLINE, SAMARITANS),
    someone_to_talk_to=ADULT_TO_TALK_TO,
    save_advice=SAVE_ADVICE,
)
FOR_A_CARE_LEAVER = AudienceHelp(
    exit_advice=ADULT_EXIT,
    talk_now=_l(
        "If you need to talk to someone now, call Samaritans free on 116 123, any time. In an "
        "emergency, call 999."
    ),
    after_concern=WORKING_DAY,
    helplines=(DANGER, SAMARITANS),
    someone_to_talk_to=_l(
        "You can also talk to your personal adviser, or someone you trust, or call one of "
        "the numbers above."
    ),
    leaving_care_team=True,
    save_advice=SAVE_ADVICE,
)
FOR_AN_ADULT = AudienceHelp(
    exit_advice=ADULT_EXIT,
    talk_now=_l(
        "If you are worried that a child is not safe, call the NSPCC free on 0808 800 5000. "
        "In an emergency, call 999."
    ),
    after_concern=WORKING_DAY,
    helplines=(DANGER, NSPCC, SAMARITANS),
    someone_to_talk_to=_l("You can also call one of the numbers above."),
    save_advice=SAVE_ADVICE,
    informal=False,
)

# The single table: a questionnaire's ``audience`` chooses its wording.
BY_AUDIENCE = {
    "child": FOR_A_CHILD,
    "young_person": FOR_A_YOUNG_PERSON,
    "care_leaver": FOR_A_CARE_LEAVER,
    "parent_carer": FOR_AN_ADULT,
    "professional": FOR_AN_ADULT,
    "staff": FOR_AN_ADULT,
}


def help_for(audience: str | None) -> AudienceHelp:
    """The wording for ``audience``; a young person's when it has none of its own."""
    return BY_AUDIENCE.get(audience or "", FOR_A_YOUNG_PERSON)


def speak_to(audience: str | None) -> None:
    """Speak to this request's reader as ``audience`` is spoken to, formally or not."""
    speak_informally(help_for(audience).informal)
