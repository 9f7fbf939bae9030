from html import unescape

import pytest

from pages.models import Page, SideEffect

pytestmark = pytest.mark.django_db

LEAFLET = "https://www.ema.europa.eu/en/documents/product-information/lemtrada-epar-product-information_en.pdf"


def public_urls():
    return ["/", "/treatment/", "/monitoring/", "/side-effects/"] + [
        side_effect.get_absolute_url() for side_effect in SideEffect.objects.published()
    ]


def test_every_public_page_shows_its_review_state_sources_and_the_ms_team_line(client, seeded):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'class="review-dates"' in html and "Last updated " in html, url
        assert "Where this information comes from" in html, url
        assert "does not replace, advice from your MS team" in html, url
        assert f'href="{LEAFLET}"' in html, url


def test_the_footer_links_the_leaflet_document_itself_with_the_version_the_site_follows(client, seeded):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    link = f'<a href="{LEAFLET}">The Lemtrada Package Leaflet</a>'
    assert link in footer
    beside = unescape(footer.split(link)[1].split("</li>")[0])
    # What was read, honestly: a copy of the leaflet's text, and its revision date not yet confirmed.
    assert "This site follows a copy of the leaflet's English text made in March 2024" in beside
    assert "the leaflet's revision date is not yet confirmed" in beside
    assert "search" not in LEAFLET


def test_draft_pages_and_side_effects_are_not_found(client, make_page, make_side_effect):
    make_page(slug="coming-soon", status=Page.Status.DRAFT)
    make_side_effect(slug="unpublished", status=SideEffect.Status.DRAFT)
    assert client.get("/coming-soon/").status_code == 404
    assert client.get("/side-effects/unpublished/").status_code == 404
    assert "unpublished" not in client.get("/side-effects/").content.decode()


def test_drafts_stay_out_of_the_navigation(client, seeded, make_page):
    make_page(title="Secret draft", slug="secret-draft", status=Page.Status.DRAFT)
    assert "Secret draft" not in client.get("/").content.decode()


def test_unknown_slugs_get_the_styled_not_found_page(client, seeded):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sorry, we cannot find that page" in html
    assert 'class="site-nav"' in html
    assert client.get("/side-effects/no-such-thing/").status_code == 404


def test_the_home_page_lives_at_the_root_only(client, seeded):
    response = client.get("/home/")
    assert response.status_code == 301
    assert response["Location"] == "/"


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_the_favicon_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")


def test_an_editors_change_shows_at_once_despite_the_cache(client, seeded):
    assert "about 4 hours" in client.get("/treatment/").content.decode()  # now cached
    treatment = Page.objects.get(slug="treatment")
    treatment.body = "Each infusion takes **about three hours** now."
    treatment.save()
    html = client.get("/treatment/").content.decode()
    assert "<strong>about three hours</strong>" in html
    assert "about 4 hours" not in html
