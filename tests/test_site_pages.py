"""Who we are and how we work: /about/, /privacy/ and /accessibility/, editable, and linked from every page."""

import pytest

from pages.models import Page, SideEffect
from stories.forms import CONSENT_VERSION
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

SITE_PAGES = {
    "/about/": "About this site",
    "/privacy/": "Privacy notice",
    "/accessibility/": "Accessibility statement",
}


def every_public_url():
    return [
        *["/", "/side-effects/", "/stories/", "/stories/share/", "/planner/", "/contact/", *SITE_PAGES],
        *[page.get_absolute_url() for page in Page.objects.published()],
        *[side_effect.get_absolute_url() for side_effect in SideEffect.objects.published()],
    ]


@pytest.mark.parametrize("url, heading", SITE_PAGES.items())
def test_each_site_page_answers_with_its_heading(client, seeded, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_every_page_links_the_site_pages_and_the_contact_form_in_its_footer(client, seeded):
    for url in every_public_url():
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for link in [*SITE_PAGES, "/contact/"]:
            assert f'href="{link}"' in footer, (url, link)


def test_the_site_pages_stay_out_of_the_main_menu(client, seeded):
    html = client.get("/").content.decode()
    menu = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert "/privacy/" not in menu and "/about/" not in menu


def test_the_about_page_shows_the_owner_funding_and_contact_beside_its_text(client, seeded, settings):
    settings.SITE_OWNER = "The MS service at Example Hospital NHS Trust"
    settings.SITE_FUNDING = "Example Hospital NHS Trust, with no money from the manufacturer"
    settings.CONTACT_EMAIL = "ms-information@example.org"
    text = text_of(client.get("/about/"))
    assert "Who runs this site The MS service at Example Hospital NHS Trust" in text
    assert "Who pays for it Example Hospital NHS Trust, with no money from the manufacturer" in text
    assert "ms-information@example.org" in text
    assert "no advertising" in text
    assert "Written by The MS service at Example Hospital NHS Trust" in text_of(client.get("/treatment/"))


def test_the_about_page_says_plainly_when_the_owner_is_not_yet_named(client, seeded, settings):
    settings.SITE_OWNER = settings.SITE_FUNDING = settings.CONTACT_EMAIL = ""
    text = text_of(client.get("/about/"))
    assert "Who runs this site Not yet named by the people who installed this site." in text


def test_the_privacy_notice_covers_what_the_story_form_collects(client, seeded):
    text = text_of(client.get("/privacy/"))
    for words in [
        "controller",
        "explicit consent",
        "Turned down",
        "Withdrawn",
        "Backups",
        "Emails we send",
        "we cannot recall them",
        "Your rights",
        "Information Commissioner's Office (ICO)",
    ]:
        assert words in text, words


def test_the_accessibility_statement_names_its_standard_and_how_to_ask_for_another_format(client, seeded):
    text = text_of(client.get("/accessibility/"))
    assert "WCAG) 2.2 at level AA" in text
    assert "another format" in text


def test_an_editor_can_change_a_site_page_in_the_admin(editor_client, client, seeded):
    privacy = Page.objects.get(slug="privacy")
    form = {
        field: getattr(privacy, field)
        for field in ["title", "slug", "summary", "body", "navigation_label", "position", "status", "sources"]
    }
    form["body"] = privacy.body + "\n\nWe updated this notice in December."
    response = editor_client.post(f"/admin/pages/page/{privacy.pk}/change/", form)
    assert response.status_code == 302
    assert "We updated this notice in December." in text_of(client.get("/privacy/"))


def test_the_site_pages_claim_no_review_by_a_health_professional(client, seeded):
    for url in SITE_PAGES:
        text = text_of(client.get(url))
        assert "Reviewed by" not in text and "Not yet checked by a health professional" not in text, url


def test_the_share_form_links_the_privacy_notice_beside_the_consent_box(client, seeded):
    html = client.get("/stories/share/").content.decode()
    consent_box = html[html.index('id="field-consent"') : html.index('class="form-actions"')]
    assert 'href="/privacy/"' in consent_box
    assert "may say things about my health" in consent_box


def test_a_story_records_the_consent_wording_its_author_agreed_to(client, seeded, story_form_data):
    from stories.models import Story

    client.post("/stories/share/", story_form_data())
    assert Story.objects.get().consent_version == CONSENT_VERSION == "2026-11-26"
