"""The author's preview is the published story: the same template, clearly framed as a preview."""

import re

import pytest
from imagefiles import jpeg_bytes, upload

from pages.models import SideEffect
from stories.models import Story

pytestmark = pytest.mark.django_db


def test_the_preview_shows_title_name_photo_year_and_side_effects_like_the_public_page(
    client, seeded, story_form_data
):
    fatigue = SideEffect.objects.published().first()
    html = client.post(
        "/stories/share/",
        story_form_data(
            action="preview",
            title="Five days in spring",
            display_name="Jo",
            treatment_year="2021",
            photo=upload("me.jpg", jpeg_bytes()),
            photo_alt="Me by the sea",
            side_effects=[fatigue.pk],
        ),
    ).content.decode()
    frame = html[html.index('class="story-preview"') :]
    assert "Preview: your story as it will be published" in frame
    assert ">Five days in spring</h3>" in frame  # under the page's own h1 and the preview's h2
    assert "By <bdi>Jo</bdi>" in frame and "started Lemtrada in 2021" in frame
    assert re.search(r'<img src="/stories/share/photo/[^"]+/" alt="Me by the sea">', frame)
    assert f'<a href="{fatigue.get_absolute_url()}">{fatigue.name}</a>' in frame
    assert ">Change it</a>" in frame and 'form="story-form" name="action" value="send"' in frame
    assert Story.objects.count() == 0


def test_the_send_line_is_outside_the_story_frame(client, seeded, story_form_data):
    html = client.post("/stories/share/", story_form_data(action="preview")).content.decode()
    frame = re.search(r'<article class="prose story preview-frame">(.*?)</article>', html, re.S).group(1)
    assert "Send my story" not in frame and "Nothing has been sent yet" not in frame
