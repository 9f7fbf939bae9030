"""Every public page carries a canonical address, Open Graph and Twitter tags, and valid schema.org JSON-LD."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

SITE = "https://lemtrada.test"
REVIEW_CLAIMS = {"lastReviewed", "reviewedBy", "reviewedby", "lastreviewed"}
REQUIRED = {
    "MedicalWebPage": {"name", "description", "url", "dateModified", "publisher", "inLanguage"},
    "Article": {"headline", "author", "datePublished", "url", "publisher", "image"},
    "CollectionPage": {"name", "description", "url"},
    "ContactPage": {"name", "description", "url"},
    "SearchResultsPage": {"name", "description", "url"},
    "WebPage": {"name", "description", "url"},
}


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.ld, self._in_ld = {}, {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "script":
            assert attrs.get("type") == "application/ld+json", f"a script that could run: {attrs}"
            self._in_ld = True
            self.ld.append("")

    def handle_endtag(self, tag):
        self._in_ld = self._in_ld and tag != "script"

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


@pytest.fixture
def public_paths(seeded, make_story, moderator):
    story = make_story(title="Five days in </script><b>spring", body="The *infusions* were long & tiring.")
    story.approve(moderator)
    return {
        "/": "MedicalWebPage",
        "/treatment/": "MedicalWebPage",
        "/side-effects/": "CollectionPage",
        "/side-effects/itp/": "MedicalWebPage",
        "/stories/": "CollectionPage",
        story.get_absolute_url(): "Article",
        "/stories/share/": "WebPage",
        "/search/?q=thyroid": "SearchResultsPage",
        "/planner/": "WebPage",
        "/contact/": "ContactPage",
        # The same form with the page it is about filled in: one canonical address for all of them.
        "/contact/?page=/treatment/": "ContactPage",
    }


def keys_anywhere(data):
    if isinstance(data, dict):
        return set(data) | {key for value in data.values() for key in keys_anywhere(value)}
    if isinstance(data, list):
        return {key for value in data for key in keys_anywhere(value)}
    return set()


def urls_anywhere(data):
    if isinstance(data, dict):
        return [v for k, v in data.items() if k in {"url", "image"}] + [
            url for value in data.values() for url in urls_anywhere(value)
        ]
    return []


def test_every_public_page_has_canonical_open_graph_and_valid_json_ld(client, public_paths):
    for path, kind in public_paths.items():
        response = client.get(path)
        assert response.status_code == 200, path
        head = Head()
        head.feed(response.content.decode())
        canonical = head.links.get("canonical")
        assert canonical == SITE + path.split("?")[0], path
        for tag in ["og:title", "og:description", "og:url", "og:image", "og:site_name", "og:type", "twitter:card"]:
            assert head.meta.get(tag), f"{path} has no {tag}"
        assert head.meta["og:url"] == canonical
        assert head.meta["og:image"].startswith(f"{SITE}/static/") and head.meta["og:image"].endswith(".png")

        assert len(head.ld) == 1, path
        data = json.loads(head.ld[0])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == kind, path
        assert REQUIRED[kind] <= set(data), f"{path} lacks {REQUIRED[kind] - set(data)}"
        assert data["url"] == canonical
        assert all(url.startswith(f"{SITE}/") for url in urls_anywhere(data)), path
        for key in ["dateModified", "datePublished"]:
            if key in data:
                datetime.fromisoformat(data[key])


def test_no_page_claims_a_clinical_review_that_has_not_happened(client, public_paths):
    for path in public_paths:
        head = Head()
        head.feed(client.get(path).content.decode())
        claims = keys_anywhere(json.loads(head.ld[0])) & REVIEW_CLAIMS
        assert not claims, f"{path} claims {claims}"


def test_a_story_is_an_article_by_its_author_and_cannot_break_out_of_its_data_block(client, public_paths):
    path = next(path for path, kind in public_paths.items() if kind == "Article")
    html = client.get(path).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script>" not in block and "<b>" not in block
    data = json.loads(block)
    assert data["headline"] == "Five days in </script><b>spring"
    assert data["author"] == {"@type": "Person", "name": "Sam"}
    assert data["description"] == "The infusions were long & tiring."


def test_addresses_come_from_site_url_not_from_the_request(client, public_paths, settings):
    settings.ALLOWED_HOSTS = ["attacker.example"]

    html = client.get("/treatment/", HTTP_HOST="attacker.example").content.decode()

    assert "attacker.example" not in html
    assert f'<link rel="canonical" href="{SITE}/treatment/">' in html


def test_private_and_error_pages_have_no_canonical_address(client, make_story):
    story = make_story()
    token = story.issue_private_token()
    story.save()

    for path, status in [(f"/stories/mine/{token}/", 200), ("/no-such-page/", 404)]:
        response = client.get(path)
        assert response.status_code == status
        assert 'rel="canonical"' not in response.content.decode(), path
        assert "og:url" not in response.content.decode(), path


def test_a_recorded_clinical_review_is_named_and_only_then(client, make_page, clinical_reviewer):
    from datetime import timedelta

    from django.utils import timezone

    page = make_page(slug="treatment", last_reviewed="2026-01-01", next_review_due="2027-01-01")

    def json_ld():
        head = Head()
        head.feed(client.get("/treatment/").content.decode())
        return json.loads(head.ld[0])

    assert not REVIEW_CLAIMS & set(json_ld())  # dates on the row, but no sign-off behind them

    page.sign_off(
        clinical_reviewer,
        name="Alex Lee",
        role="MS nurse",
        checked_against="Lemtrada SmPC, EMA, 16 January 2020",
        next_review_due=timezone.localdate() + timedelta(days=365),
        fingerprint=page.content_fingerprint(),
    )
    data = json_ld()
    assert data["lastReviewed"] == timezone.localdate().isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": "Alex Lee", "jobTitle": "MS nurse"}


def test_each_page_of_the_story_list_is_its_own_canonical_address(client, make_story):
    for number in range(25):
        make_story(title=f"Story {number}", status="approved")

    first = Head()
    first.feed(client.get("/stories/").content.decode())
    second = Head()
    second.feed(client.get("/stories/?page=2").content.decode())

    assert first.links["canonical"] == f"{SITE}/stories/"
    assert second.links["canonical"] == f"{SITE}/stories/?page=2"
    assert json.loads(second.ld[0])["url"] == f"{SITE}/stories/?page=2"
