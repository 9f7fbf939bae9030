"""
/warning-signs/: every urgent side effect's signs, grouped by what to do (999, or the MS team immediately), made
from the side effects themselves, and linked from the header of every page and the top of the home page.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.html import escape

from pages.models import SideEffect

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HEADER_LINK = re.compile(r'<header class="site-header">.*<a class="unwell-link" href="/warning-signs/"', re.S)


def groups(client):
    """Each group's heading, and the side effects (their links) under it, in order."""
    html = client.get("/warning-signs/").content.decode()
    found = {}
    for section in re.findall(r'<section class="urgent-help warning-group".*?</section>', html, re.S):
        heading = re.search(r"</span> (.*?) if you notice:</h2>", section).group(1)
        found[heading] = re.findall(r'<h3><a href="(/side-effects/[^"]+/)">', section)
    return found


def test_every_public_page_links_the_warning_signs_from_its_header(client, seeded, make_story, moderator):
    story = make_story(title="My first course")
    story.approve(moderator)
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    public = [loc.text.removeprefix("https://lemtrada.test") for loc in sitemap.iterfind("s:url/s:loc", NS)]
    forms_and_more = ["/stories/share/", "/stories/share/thanks/", "/contact/", "/search/?q=rash", "/no-such-page/"]
    assert "/warning-signs/" in public and story.get_absolute_url() in public

    for path in public + forms_and_more:
        html = client.get(path).content.decode()
        assert HEADER_LINK.search(html), f"{path} has no “Feeling unwell?” link in its header"
        assert ">!</span> Feeling unwell?</a>" in html, path


def test_the_home_page_leads_with_the_way_to_the_warning_signs(client, seeded):
    html = client.get("/").content.decode()
    main = html[html.index('<main id="content"') :]

    link = main.index('<a href="/warning-signs/">Warning signs that need help straight away</a>')
    assert main.index('class="review-dates"') < link < main.index('class="lead"'), "first, under the review dates"


def test_signs_are_grouped_by_what_to_do_and_each_group_links_its_side_effect(client, seeded):
    found = groups(client)

    assert list(found) == [SideEffect.CALL_999, SideEffect.MS_TEAM_IMMEDIATELY], "999 first"
    assert found[SideEffect.CALL_999] == [
        "/side-effects/stroke-and-torn-neck-arteries/",
        "/side-effects/heart-attack/",
        "/side-effects/bleeding-in-the-lungs/",
    ]
    urgent = SideEffect.objects.published().filter(urgent=True, emergency=False)
    assert sorted(found[SideEffect.MS_TEAM_IMMEDIATELY]) == sorted(effect.get_absolute_url() for effect in urgent)
    assert len(found[SideEffect.MS_TEAM_IMMEDIATELY]) == 8


def test_each_side_effects_own_signs_and_the_leaflets_fallback_are_shown(client, seeded):
    html = client.get("/warning-signs/").content.decode()

    for effect in SideEffect.objects.published().filter(urgent=True):
        assert effect.urgent_signs_html in html, effect.slug
    ms_team = html[html.index('id="ms-team-immediately"') :]
    assert f'<p class="warning-unreachable">{escape(SideEffect.IF_UNREACHABLE)}</p>' in ms_team
    assert "face drooping" in html[html.index('id="call-999"') : html.index('id="ms-team-immediately"')]
    assert "<!--" not in html, "citations stay in the database"


def test_an_edit_to_a_side_effects_signs_shows_on_the_next_request(client, seeded):
    assert "gums that bleed when you brush your teeth" not in client.get("/warning-signs/").content.decode()
    client.get("/warning-signs/")  # now served from the page cache
    itp = SideEffect.objects.get(slug="itp")

    itp.urgent_signs += '\n- gums that bleed when you brush your teeth <!-- PL 4: "bleeding from your gums" -->'
    itp.save()

    assert "gums that bleed when you brush your teeth" in client.get("/warning-signs/").content.decode()


def test_a_side_effect_made_a_999_one_moves_group_and_a_draft_leaves(client, seeded):
    client.get("/warning-signs/")
    SideEffect.objects.filter(slug="pml").update(status=SideEffect.Status.DRAFT)
    kidney = SideEffect.objects.get(slug="kidney-problems")
    kidney.emergency = True
    kidney.save()

    found = groups(client)

    assert "/side-effects/kidney-problems/" in found[SideEffect.CALL_999]
    assert "/side-effects/kidney-problems/" not in found[SideEffect.MS_TEAM_IMMEDIATELY]
    assert "/side-effects/pml/" not in found[SideEffect.MS_TEAM_IMMEDIATELY]


def test_without_urgent_side_effects_the_page_still_says_what_to_do(client, db):
    html = client.get("/warning-signs/").content.decode()

    assert "There are no warning signs to show yet" in html and "call 999" in html
