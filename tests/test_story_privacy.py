"""Stories are health data about real people: no script runs and no email leaks, anywhere."""

import pytest
from django.core.files.base import ContentFile
from imagefiles import jpeg_bytes
from xss import XSS_CORPUS, assert_inert

from pages.models import SideEffect

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_story(seeded, make_story):
    story = make_story(
        status="approved",
        title=f"Title {PAYLOAD}",
        display_name=f"Name {PAYLOAD}",
        body="\n\n".join(XSS_CORPUS),
        photo_alt='alt" onerror="alert(1)',
        side_effects=[SideEffect.objects.get(slug="infections")],
    )
    story.photo.save("x.jpg", ContentFile(jpeg_bytes()))
    return story


def story_region(html):
    """The part of a page that shows stories (the rest is the site's own markup, forms included)."""
    for start, end in [('<section class="stories"', "</section>"), ('<article class="prose story">', "</article>")]:
        if start in html:
            region = html[html.index(start) :]
            return region[: region.index(end)]
    raise AssertionError("no stories on this page")


def test_xss_in_every_text_field_is_inert_on_every_public_page(client, hostile_story):
    for url in ["/", "/stories/", hostile_story.get_absolute_url(), "/side-effects/infections/"]:
        html = client.get(url).content.decode()
        assert hostile_story.title in html.replace("&lt;", "<").replace("&gt;", ">"), url
        assert_inert(story_region(html))


def test_xss_is_inert_in_the_feed(client, hostile_story):
    from xml.etree import ElementTree

    feed = ElementTree.fromstring(client.get("/stories/feed/").content)
    atom = "{http://www.w3.org/2005/Atom}"
    [entry] = feed.findall(f"{atom}entry")
    # A feed reader renders the summary as HTML: it must be our sanitized HTML. Titles are plain text.
    assert_inert(entry.find(f"{atom}summary").text)
    assert entry.find(f"{atom}summary").attrib.get("type") == "html"


def test_xss_is_inert_in_the_moderators_preview(moderator_client, hostile_story):
    html = moderator_client.get(f"/admin/stories/story/{hostile_story.pk}/change/").content.decode()
    preview = html[html.index('<div class="story-admin-preview">') :]
    preview = preview[: preview.index("</fieldset>")]
    assert_inert(preview)
    assert 'alt="alt&quot; onerror=&quot;alert(1)"' in preview


def test_the_photo_description_cannot_break_out_of_its_attribute(client, hostile_story):
    html = client.get(hostile_story.get_absolute_url()).content.decode()
    assert 'alt="alt&quot; onerror=&quot;alert(1)"' in html


def test_the_authors_email_appears_on_no_public_page_and_in_no_feed(client, seeded, make_story):
    infections = SideEffect.objects.get(slug="infections")
    story = make_story(status="approved", email="private.person@example.org", side_effects=[infections])
    for url in ["/", "/stories/", story.get_absolute_url(), "/stories/feed/", infections.get_absolute_url(),
                "/stories/?side_effect=infections"]:  # fmt: skip
        content = client.get(url).content.decode()
        assert "private.person" not in content, url
        assert "example.org" not in content, url


def test_quotes_in_a_story_cannot_break_out_of_the_meta_description(client, seeded, make_story):
    story = make_story(status="approved", body='Fine" http-equiv="refresh" content="0;url=https://evil.example')
    html = client.get(story.get_absolute_url()).content.decode()
    meta = html[html.index('<meta name="description"') :]
    meta = meta[: meta.index(">") + 1]
    assert "http-equiv" not in meta.replace("http-equiv=&quot;", "")
    assert 'content="Fine&quot; http-equiv=&quot;refresh&quot;' in meta


def test_xss_is_inert_on_the_private_page_and_in_the_moderators_lists(client, moderator_client, hostile_story):
    token = hostile_story.issue_private_token()
    hostile_story.save()
    html = client.get(f"/stories/mine/{token}/").content.decode()
    assert_inert(html[html.index('<article class="prose story">') : html.index("</article>")])

    for url in ["/admin/stories/story/", f"/admin/stories/story/reject/?ids={hostile_story.pk}"]:
        html = moderator_client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x onerror" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_a_draft_side_effect_is_never_named_beside_a_story(client, seeded, make_story):
    draft = SideEffect.objects.get(slug="infections")
    draft.status = SideEffect.Status.DRAFT
    draft.save()
    story = make_story(status="approved", side_effects=[draft])
    for url in [story.get_absolute_url(), "/stories/"]:
        assert "/side-effects/infections/" not in client.get(url).content.decode(), url


@pytest.fixture
def with_a_draft_side_effect(make_story, make_side_effect):
    public = make_side_effect(name="Tiredness", slug="tiredness")
    draft = make_side_effect(name="Secret draft effect", slug="secret-draft", status=SideEffect.Status.DRAFT)
    return make_story(side_effects=[public, draft])


def test_the_authors_private_page_never_lists_a_draft_side_effect(client, with_a_draft_side_effect):
    story = with_a_draft_side_effect
    token = story.issue_private_token()
    story.save()
    html = client.get(f"/stories/mine/{token}/").content.decode()
    assert "Tiredness" in html
    assert "Secret draft effect" not in html


def test_the_moderators_as_published_preview_never_lists_a_draft_side_effect(
    moderator_client, with_a_draft_side_effect
):
    html = moderator_client.get(f"/admin/stories/story/{with_a_draft_side_effect.pk}/change/").content.decode()
    preview = html[html.index("story-admin-preview") :]
    preview = preview[: preview.index("</div>")]
    assert "Tiredness" in preview
    assert "Secret draft effect" not in preview


def test_the_desk_never_names_a_draft_side_effect(moderator_client, with_a_draft_side_effect):
    html = moderator_client.get("/admin/stories/story/").content.decode()
    assert "Tiredness" in html
    assert "Secret draft effect" not in html
