"""
The pre-screens read a story as its readers will: the body as the page shows it (Markdown rendered,
entities decoded, emphasis gone), without invisible characters, with a bidi override's run turned the
way it is shown, and the display name too. A name in the display name does not hide the same name in
the body. Finding email addresses takes time in step with the text.
"""

from types import SimpleNamespace

import pytest

from stories import prescreen

pytestmark = pytest.mark.django_db  # rendering reads SITE_URL only; no rows are needed


def flags(body="", *, display_name="Jo", title="", photo_alt=""):
    story = SimpleNamespace(display_name=display_name, title=title, body=body, photo_alt=photo_alt)
    return [(flag["why"], flag["field"], flag["words"]) for flag in prescreen.screen(story)]


@pytest.mark.parametrize(
    "body, why",
    [
        ("Ring me on 0&#55;911 123456, evenings are best.", "a phone number"),
        ("Ring me on &#48;7911&#x20;123456, evenings are best.", "a phone number"),
        ("Ring me on 07911\u200b123\u200b456.", "a phone number"),
        ("Ring me on \u202e654321 11970\u202c.", "a phone number"),  # shown as 07911 123456
        ("Ring me on ０７９１１ １２３４５６.", "a phone number"),  # full-width digits
        ("Write to jo&#64;example.org any time.", "an email address"),
        ("Write to jo@example&#46;org any time.", "an email address"),
        ("Write to jo\u200b@\u200bexample.org any time.", "an email address"),
        ("**Dr** Smith was kind.", "a person's name"),
        ("*Sarah* _Jenkins_ came too.", "a person's name"),
        ("Dr\u200b Smith was kind.", "a person's name"),
        ("Ｄｒ Smith was kind.", "a person's name"),
    ],
)
def test_what_a_reader_sees_is_screened_however_it_is_written(body, why):
    assert why in [found_why for found_why, field, words in flags(body) if field == "body"]


def test_the_display_name_is_screened_like_the_story():
    found = flags("It went well.", display_name="jo@example.org")
    assert ("an email address", "display_name", "jo@example.org") in found
    found = flags("It went well.", display_name="Sarah Jenkins")
    assert ("a person's name", "display_name", "Sarah Jenkins") in found


@pytest.mark.parametrize("name", ["Dr Smith", "Sarah Jenkins", "Nurse Patel"])
def test_a_name_in_the_display_name_does_not_hide_the_same_name_in_the_body(name):
    found = flags(f"{name} looked after me on the ward.", display_name=name)
    assert ("a person's name", "body", name) in found


def test_the_desk_shows_a_flag_from_the_body_as_readers_see_it(moderator_client, make_story):
    story = make_story(body="Ring me on 0&#55;911 123456, evenings are best.")
    page = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "a phone number in the story" in page
    assert "<mark>07911 123456</mark>" in page


@pytest.mark.parametrize(
    "body",
    ["a" * 10_000, "a." * 5_000, "a@" * 5_000, "@a" * 5_000, "a" * 9_999 + "@", "a@a." * 2_500, "-+." * 3_333],
)
def test_finding_email_addresses_looks_at_each_character_a_bounded_number_of_times(body):
    steps = {}
    list(prescreen.email_addresses(body, steps=steps))
    assert steps["characters"] <= 2 * len(body)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Email me at sam.taylor1984@gmail.com if you like.", ["sam.taylor1984@gmail.com"]),
        ("a@b.co and c+d@e-f.org.uk.", ["a@b.co", "c+d@e-f.org.uk"]),
        ("a@b@c.org", ["b@c.org"]),
        ("@example.org, jo@localhost, jo@.org, jo@example..org", []),
    ],
)
def test_email_addresses_are_found_as_before(text, found):
    assert [text[start:end] for start, end in prescreen.email_addresses(text)] == found
