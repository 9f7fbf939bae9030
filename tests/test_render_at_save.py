"""
Markdown is rendered once, when it is saved, through the one renderer: pages print stored HTML, and
`manage.py rerender_markdown` renders everything again when the allow-list changes.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import resolve

from pages import markdown
from pages.models import Page, SideEffect
from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_thousand_stories(seeded, make_story):
    first = make_story(title="Story 0", body="**Bold** start. " + "word " * 60, status=Story.Status.APPROVED)
    copies = [
        Story(
            **{
                field.attname: getattr(first, field.attname)
                for field in Story._meta.concrete_fields
                if not field.primary_key
            },
        )  # fmt: skip
        for _ in range(999)
    ]
    for number, copy in enumerate(copies, start=1):
        copy.title, copy.slug, copy.token_hash, copy.form_digest = f"Story {number}", f"story-{number}", None, None
    Story.objects.bulk_create(copies)


@pytest.fixture
def renderer_fails(monkeypatch):
    resolve("/")  # the views load (and render the side-effect list's fixed sources) once, at start-up

    def fail(*args, **kwargs):
        raise AssertionError("The Markdown renderer ran while a page was being served")

    monkeypatch.setattr(markdown.pyromark, "html", fail)


def test_with_a_thousand_stories_public_pages_never_call_the_markdown_renderer(
    client, a_thousand_stories, renderer_fails
):
    for url in ["/stories/", "/stories/?page=25", "/stories/story-500/", "/stories/feed/", "/", "/treatment/",
                "/side-effects/", "/side-effects/itp/", "/side-effects/hlh/"]:  # fmt: skip
        assert client.get(url).status_code == 200, url
    cards = client.get("/stories/?page=50").content.decode()
    assert cards.count('class="story-card"') == 20
    assert "Bold start. word word" in cards and "<strong>Bold" not in cards  # the excerpt is plain text


def test_a_story_card_shows_the_first_forty_words_as_plain_text(client, make_story):
    make_story(body="# Day one\n\nI was *nervous*. " + " ".join(f"w{n}" for n in range(100)), status="approved")
    page = client.get("/stories/").content.decode()
    assert "Day one I was nervous. w0 w1" in page
    assert "w33 w34…" in page and "w35" not in page


def test_saving_content_stores_its_sanitized_html(make_page, make_side_effect, make_story):
    page = make_page(body="Hello <script>alert(1)</script>**there**", sources="- [EMA](https://www.ema.europa.eu)")
    assert "<strong>there</strong>" in page.body_html and "<script" not in page.body_html
    assert 'href="https://www.ema.europa.eu"' in page.sources_html
    effect = make_side_effect(description="*a*", what_to_do="*b*", urgent=True, urgent_signs="- bleeding")
    assert (effect.description_html, effect.what_to_do_html) == ("<p><em>a</em></p>\n", "<p><em>b</em></p>\n")
    assert "<li>bleeding</li>" in effect.urgent_signs_html
    story = make_story(body="<img src=x onerror=alert(1)>Fine words")
    assert "onerror" not in story.body_html and story.excerpt == "Fine words"


def test_a_withdrawn_story_keeps_no_html_or_excerpt(make_story):
    story = make_story(body="Words only I wrote.", status=Story.Status.APPROVED)
    story.withdraw()
    story.refresh_from_db()
    assert (story.body, story.body_html, story.excerpt) == ("", "", "")


def test_rerender_markdown_applies_a_changed_allow_list_to_everything(client, seeded, make_story, monkeypatch):
    make_story(title="Spring", body="It was **hard**.", status=Story.Status.APPROVED)
    page = client.get(Story.objects.get().get_absolute_url()).content.decode()
    assert "<strong>hard</strong>" in page
    monkeypatch.setattr(markdown, "ALLOWED_TAGS", markdown.ALLOWED_TAGS - {"strong", "h2"})
    output = StringIO()
    call_command("rerender_markdown", stdout=output)
    assert "1 of 1 stories re-rendered." in output.getvalue()
    story_page = client.get(Story.objects.get().get_absolute_url()).content.decode()
    assert "It was hard." in story_page and "<strong>hard" not in story_page
    assert "<h2>" not in Page.objects.get(slug="treatment").body_html
    treatment = client.get("/treatment/").content.decode()
    assert "Infusion" in treatment  # the text is still there, only the tag went
    assert all("<h2>" not in effect.description_html for effect in SideEffect.objects.all())


def test_rerender_markdown_leaves_unchanged_rows_alone(seeded):
    before = list(Page.objects.values_list("updated_at", flat=True))
    output = StringIO()
    call_command("rerender_markdown", stdout=output)
    assert "0 of" in output.getvalue() and list(Page.objects.values_list("updated_at", flat=True)) == before


def test_every_model_that_stores_html_renders_it_at_save_on_the_one_path():
    """A model with an `…_html` field is a RenderedMarkdown that fills it: rerender_markdown then finds it too."""
    from django.apps import apps

    from pages.models import RenderedMarkdown

    for model in apps.get_models():
        stored_html = {field.name for field in model._meta.concrete_fields if field.name.endswith("_html")}
        if stored_html:
            assert issubclass(model, RenderedMarkdown), model
            assert stored_html <= set(model.stored_html_fields()), model
