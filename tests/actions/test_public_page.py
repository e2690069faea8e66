"""``/you-said-we-did``: published actions for anyone, in their language where written."""

from __future__ import annotations

from app.extensions import db
from tests.actions.conftest import make_action
from tests.conftest import DATA, SURVEYS, publish
from tests.pages import NS, get

WELSH = ("Dywedoch nad oeddech yn gwybod pwy fyddai yno.", "Rydym nawr yn anfon llythyr.")


def blocks_with_lang(page, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        " ".join("".join(n.itertext()).split())
        for n in page.select("span", lang=language, class_="sayso-answer")
    ]


def test_visitors_see_published_actions_grouped_newest_first(client, time_machine):
    publish(SURVEYS / "care-leaver-accommodation.yaml")
    old = make_action(
        published=True,
        survey_key="care-leaver-accommodation",
        theme="accommodation",
        heard="You said repairs took too long.",
        did="Repairs now have a named officer.",
    )
    time_machine.advance(days=2)
    make_action(published=False, heard="A draft nobody should see yet.")
    newest = make_action(
        published=True,
        survey_key="care-leaver-accommodation",
        theme="money",
        period="2026-07",
        status="planned",
        happens_on=None,
        heard="You said the allowance ran out.",
        did="We are reviewing the allowance.",
    )

    page = get(client, "/you-said-we-did")

    assert page.h1() == "You said, we did"
    text = page.text()
    assert "A draft nobody should see yet." not in text
    assert text.index(newest.english.heard) < text.index(old.english.heard)
    assert [" ".join("".join(h.itertext()).split()) for h in page.select("h2")][:1] == [
        "Where you live"
    ]
    assert [" ".join("".join(h.itertext()).split()) for h in page.select("h3")] == [
        "Money",
        "Accommodation",
    ]
    assert "Feedback from July 2026" in text and "Feedback from July to September 2026" in text
    assert "Planned" in text and "Done, 1 October 2026" in text
    assert blocks_with_lang(page, "en") == []  # all of it in the page's language


def test_text_is_shown_in_the_visitors_language_or_marked_as_english(
    client, every_language_offered
):
    make_action(published=True, theme="safety", translations={"cy": WELSH})
    make_action(published=True, theme="money", heard="Only in English.", did="Still English.")

    page = get(client, "/you-said-we-did?lang=cy")

    html = page.tree.find(f"{NS}head/..")
    assert html is not None and html.get("lang") == "cy"
    text = page.text()
    assert WELSH[0] in text and WELSH[1] in text
    assert blocks_with_lang(page, "en") == ["Only in English.", "Still English."]
    assert all(
        span.get("dir") == "ltr" for span in page.select("span", lang="en", class_="sayso-answer")
    )


def test_english_text_reads_left_to_right_on_a_right_to_left_page(client, every_language_offered):
    make_action(published=True)
    page = get(client, "/you-said-we-did?lang=ar")
    assert page.tree.get("dir") == "rtl"
    assert [s.get("dir") for s in page.select("span", lang="en", class_="sayso-answer")] == [
        "ltr",
        "ltr",
    ]


def test_public_page_has_the_respondent_chrome_and_no_sign_in(client, every_language_offered):
    page = get(client, "/you-said-we-did")
    assert page.select("div", class_="govuk-exit-this-page")
    assert page.select("nav", class_="sayso-languages")
    assert "Nothing has been published here yet." in page.text()
    assert not page.select("form", action="/staff/sign-out")


def test_every_confirmation_page_links_to_you_said_we_did(client):
    publish(DATA / "surveys" / "safety-check.yaml")
    page = get(client, "/s/safety-check").form().submit(client)
    while page.h1() != "Check your answers":
        page = page.form().submit(client)
    done = page.form().submit(client)
    assert done.h1() == "Thank you"
    assert done.link("See what we have changed") == "/you-said-we-did"
    db.session.rollback()
