"""
Characters that change how the text around them looks without showing themselves (bidi overrides,
embeddings and isolates, direction marks, zero-width spaces and joiners between Latin letters) never
reach storage from a public form; what the desk and the pages print of an author's name and title is
isolated, so text stored before could not turn the page's own words around it.
"""

import pytest

from pages.models import Feedback
from stories.models import Story

pytestmark = pytest.mark.django_db

RLO, PDF, LRI, PDI, ZWSP, ZWJ, ZWNJ, WJ, BOM, RLM = (
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2069",
    "\u200b",
    "\u200d",
    "\u200c",
    "\u2060",
    "\ufeff",
    "\u200f",
)
INVISIBLE = [RLO, PDF, LRI, PDI, ZWSP, WJ, BOM, RLM, "\u202a", "\u202b", "\u202d", "\u2067", "\u2068", "\u200e"]


def test_a_story_sent_with_invisible_characters_is_stored_without_them(client, seeded, story_form_data):
    data = story_form_data(
        display_name=f"{RLO}oJ{PDF}",
        title=f"My{ZWSP} first{ZWJ} year{ZWNJ}",
        body=f"Call me on {RLO}21970{PDF} 123456. Dr{ZWSP} Smith was {LRI}kind{PDI}.{BOM}",
        photo_alt="",
    )
    assert client.post("/stories/share/", data).status_code == 302
    story = Story.objects.get()
    stored = story.display_name + story.title + story.body
    assert not any(character in stored for character in INVISIBLE + [ZWJ, ZWNJ])
    assert story.title == "My first year"
    assert story.body == "Call me on 21970 123456. Dr Smith was kind."


def test_joiners_that_make_an_emoji_or_a_word_in_another_script_are_kept(client, seeded, story_form_data):
    wheelchair_user = "\U0001f469\u200d\U0001f9bd"  # woman + ZWJ + wheelchair: one picture
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a ZWNJ inside a Persian word
    welsh_flag = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
    data = story_form_data(body=f"Back on my feet {wheelchair_user} {persian} {welsh_flag}")
    assert client.post("/stories/share/", data).status_code == 302
    assert Story.objects.get().body == f"Back on my feet {wheelchair_user} {persian} {welsh_flag}"


def test_a_readers_message_is_stored_without_invisible_characters(client, seeded):
    import time

    from lemtrada_site.forms import sign_started

    data = {
        "kind": "wrong",
        "message": f"The dose on {RLO}egap siht{PDF} is wrong.{ZWSP}",
        "email": "",
        "page": "",
        "website": "",
        "started": sign_started(time.time() - 60),
    }
    assert client.post("/contact/", data).status_code == 302
    assert Feedback.objects.get().message == "The dose on egap siht is wrong."


def test_the_desk_and_the_pages_isolate_an_authors_name_and_title(client, moderator_client, make_story):
    # Stored before this round (or typed by a moderator): isolated wherever it is printed beside other words.
    story = make_story(status="approved", display_name=f"{RLO}oJ", title=f"{RLO}Spring")
    desk = moderator_client.get("/admin/stories/story/").content.decode()
    assert f'<bdi class="desk-title">{RLO}Spring</bdi>' in desk
    page = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert f"By <bdi>{RLO}oJ</bdi>" in page
    for path in ["/stories/", story.get_absolute_url()]:
        assert f"By <bdi>{RLO}oJ</bdi>" in client.get(path).content.decode(), path
