"""Links within the site are plain; nofollow goes only on links to other sites, and on every story author's link."""

import pytest

pytestmark = pytest.mark.django_db

BODY = (
    "Read [the treatment page](/treatment/), [our own full address](https://lemtrada.test/monitoring/), "
    "[the MS Society](https://www.mssociety.org.uk/) and [a sneaky one](//example.org/)."
)


def test_an_information_page_links_to_the_site_plainly_and_to_other_sites_with_nofollow(client, make_page):
    make_page(slug="links", body=BODY)

    html = client.get("/links/").content.decode()

    assert '<a href="/treatment/">the treatment page</a>' in html
    assert '<a href="https://lemtrada.test/monitoring/">our own full address</a>' in html
    assert '<a href="https://www.mssociety.org.uk/" rel="noopener noreferrer nofollow">the MS Society</a>' in html
    assert '<a href="//example.org/" rel="noopener noreferrer nofollow">a sneaky one</a>' in html


def test_the_menu_and_footer_links_within_the_site_carry_no_rel(client, make_page):
    make_page(slug="home", title="Home")

    html = client.get("/").content.decode()

    assert "nofollow" not in html


def test_every_link_in_a_story_is_marked_as_the_authors(client, make_story, moderator):
    story = make_story(body=BODY)
    story.approve(moderator)

    html = client.get(story.get_absolute_url()).content.decode()
    article = html[html.index("<article") : html.index("</article>")]

    assert article.count('rel="ugc noopener noreferrer nofollow"') == 4
    assert '<a href="/treatment/" rel="ugc noopener noreferrer nofollow">' in article
