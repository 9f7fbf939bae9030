"""Search engines get a sitemap of exactly the public pages, and a robots file that names it."""

import xml.etree.ElementTree as ET

import pytest

from pages.models import Page, SideEffect

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site(make_page, make_side_effect, make_story, moderator):
    make_page(slug="home", title="Home")
    make_page(slug="treatment", title="Treatment")
    make_page(slug="secret-draft", title="Draft", status=Page.Status.DRAFT)
    make_side_effect(slug="itp", name="ITP")
    make_side_effect(slug="draft-effect", name="Draft effect", status=SideEffect.Status.DRAFT)
    approved = make_story(title="Approved")
    approved.approve(moderator)
    make_story(title="Pending")
    rejected = make_story(title="Rejected")
    rejected.reject(moderator, "Not about Lemtrada.")
    withdrawn = make_story(title="Withdrawn")
    withdrawn.approve(moderator)
    withdrawn.withdraw()
    return approved


def sitemap_entries(client, **extra):
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_exactly_the_public_pages_with_their_last_change(client, site):
    entries = sitemap_entries(client)

    assert set(entries) == {
        "https://lemtrada.test/",
        "https://lemtrada.test/treatment/",
        "https://lemtrada.test/side-effects/",
        "https://lemtrada.test/side-effects/itp/",
        "https://lemtrada.test/warning-signs/",
        "https://lemtrada.test/stories/",
        f"https://lemtrada.test{site.get_absolute_url()}",
    }
    assert all(entries.values()), f"every entry has a lastmod: {entries}"


def test_every_address_in_the_sitemap_may_be_indexed(client, site):
    """A page that asks search engines not to index it (the planner, search results) has no place in the sitemap."""
    for address in sitemap_entries(client):
        page = client.get(address.removeprefix("https://lemtrada.test")).content.decode()
        assert "noindex" not in page, address


def test_sitemap_addresses_come_from_site_url_not_from_the_request(client, site, settings):
    settings.ALLOWED_HOSTS = ["attacker.example"]

    entries = sitemap_entries(client, HTTP_HOST="attacker.example")

    assert entries and all(url.startswith("https://lemtrada.test/") for url in entries)


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_private_places(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://lemtrada.test/sitemap.xml" in lines
    for private in ["/admin/", "/stories/mine/", "/stories/share/", "/planner/plan"]:
        assert f"Disallow: {private}" in lines
    assert "Disallow: /" not in lines, "the public pages stay open to crawlers"
