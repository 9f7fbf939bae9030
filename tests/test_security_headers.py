import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/treatment/", "/side-effects/", "/side-effects/itp/", "/stories/", "/stories/share/",
         "/stories/share/thanks/", "/admin/login/", "/no-such-page/", "STORY", "PRIVATE"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_the_security_headers(client, seeded, make_story, url):
    story = make_story(status="approved")
    token = story.issue_private_token()
    story.save()
    url = {"STORY": story.get_absolute_url(), "PRIVATE": f"/stories/mine/{token}/"}.get(url, url)
    response = client.get(url)
    assert response.status_code == (404 if url == "/no-such-page/" else 200)
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    # The nonce appears only on pages that use it (the admin); never 'unsafe-inline'.
    assert csp["script-src"] == "'self'" or csp["script-src"].startswith("'self' 'nonce-")
    assert "unsafe-inline" not in csp["script-src"]
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    # A private link's page sends no Referer at all: its address carries the secret.
    assert response["Referrer-Policy"] == ("no-referrer" if "/mine/" in url else "same-origin")
    assert response["X-Frame-Options"] == "DENY"


# HSTS, the redirect to HTTPS (and the health check's exemption from it) and the cookies' flags are the
# production settings' own: tests/test_production_settings.py reads them from a process started as production is.


# Features the site never uses, turned off for it and anything it could ever embed.
NO_POWERFUL_FEATURES = {"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"}


def test_every_response_turns_off_the_browser_features_the_site_never_uses(
    client, seeded, settings, django_assert_max_num_queries
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from imagefiles import jpeg_bytes, random_name

    settings.SERVE_MEDIA = True
    image = default_storage.save(f"editor/{random_name()}", ContentFile(jpeg_bytes()))
    first = client.get("/treatment/")
    with django_assert_max_num_queries(1):  # at most the page cache's version query: a cache hit
        hit = client.get("/treatment/")
    not_modified = client.get("/treatment/", headers={"If-None-Match": first["ETag"]})
    responses = [
        first,
        hit,
        not_modified,
        client.get("/no-such-page/"),
        client.get("/static/css/site.css"),
        client.get(f"/media/{image}"),
        client.get("/admin/login/"),
        client.get("/stories/feed/"),
        client.get("/sitemap.xml"),
        client.get("/healthz"),
    ]
    assert [response.status_code for response in responses] == [200, 200, 304, 404, 200, 200, 200, 200, 200, 200]
    for response in responses:
        policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
        assert all(policy.get(feature) == "()" for feature in NO_POWERFUL_FEATURES), response
