"""A question page costs little on a phone: at most 60 KB on a first visit (compressed HTML,
CSS and JavaScript together), and far less once the browser has the static files."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, Request

SURVEY = "lac-review-young-person"
FIRST_VISIT_BUDGET = 60 * 1024
COUNTED = {"document", "stylesheet", "script"}


@dataclass
class Transfers:
    """Bytes that crossed the network, as Chromium reports them (headers + encoded body)."""

    sizes: dict[str, int] = field(default_factory=dict)

    def record(self, request: Request) -> None:
        if request.resource_type not in COUNTED:
            return
        sizes = request.sizes()
        sent = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        self.sizes[request.url] = self.sizes.get(request.url, 0) + max(sent, 0)

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def __str__(self) -> str:
        return ", ".join(f"{url.split('/', 3)[-1]}: {size} B" for url, size in self.sizes.items())


def first_question_url(page: Page, live_server: str) -> str:
    page.goto(f"{live_server}/s/{SURVEY}")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    return page.url


def visit(page: Page, url: str) -> Transfers:
    transfers = Transfers()
    page.on("requestfinished", transfers.record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("requestfinished", transfers.record)
    return transfers


def test_question_page_weighs_under_60_kb_first_time_and_far_less_after(
    browser: Browser, live_server: str
) -> None:
    # A phone that has never seen Sayso: nothing cached. Starting makes the draft; the
    # question page is then opened in a fresh context holding only the cookies.
    starter = browser.new_context(viewport={"width": 320, "height": 640})
    url = first_question_url(starter.new_page(), live_server)
    cookies = starter.cookies()
    starter.close()

    phone = browser.new_context(viewport={"width": 320, "height": 640})
    phone.add_cookies(cookies)
    page = phone.new_page()
    try:
        first = visit(page, url)
        assert page.locator("h1, legend h1, .govuk-fieldset__heading").first.is_visible()
        kinds = {url.rsplit(".", 1)[-1].split("?")[0] for url in first.sizes}
        assert {"css", "js"} <= kinds, first
        assert first.total <= FIRST_VISIT_BUDGET, f"first visit {first.total} B: {first}"

        again = visit(page, url)
        print(f"question page: first visit {first.total} B ({first}); again {again.total} B")
        assert again.total < first.total / 3, f"second visit {again.total} B: {again}"
    finally:
        phone.close()
