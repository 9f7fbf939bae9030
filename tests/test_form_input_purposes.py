"""
Public forms tell browsers what each personal field holds (WCAG 1.3.5), so they can fill it in for people
who find typing hard; the treatment year is a text field with a number keypad, which no scroll wheel changes.
"""

from html.parser import HTMLParser

import pytest

from stories.models import Story

pytestmark = pytest.mark.django_db

# Every public form, and the input purpose of each field that asks for something about the person.
PERSONAL_FIELDS = {
    "/stories/share/": {"display_name": "nickname", "email": "email"},
}


class Inputs(HTMLParser):
    """The attributes of each form field on a page, by field name."""

    def __init__(self, html):
        super().__init__()
        self.fields = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "textarea", "select"} and "name" in attrs:
            self.fields.setdefault(attrs["name"], attrs)


@pytest.mark.parametrize("path", PERSONAL_FIELDS)
def test_fields_asking_for_a_name_or_an_email_say_so_to_the_browser(client, seeded, path):
    fields = Inputs(client.get(path).content.decode()).fields

    purposes = {name: fields[name].get("autocomplete") for name in PERSONAL_FIELDS[path]}

    assert purposes == PERSONAL_FIELDS[path]


def test_the_treatment_year_is_typed_as_text_with_a_number_keypad(client, seeded):
    year = Inputs(client.get("/stories/share/").content.decode()).fields["treatment_year"]

    assert (year["type"], year["inputmode"]) == ("text", "numeric")
    assert "min" not in year and "max" not in year


def test_a_year_written_in_words_gets_a_kind_message_and_keeps_what_was_typed(client, seeded, story_form_data):
    response = client.post("/stories/share/", story_form_data(treatment_year="twenty twenty-one"))

    html = response.content.decode()
    assert "Please write the year in figures, for example 2021." in html
    assert Inputs(html).fields["treatment_year"]["value"] == "twenty twenty-one"


def test_a_year_typed_as_figures_is_stored(client, seeded, story_form_data):
    response = client.post("/stories/share/", story_form_data(treatment_year=" 2021 "))

    assert response.status_code == 302
    assert Story.objects.get().treatment_year == 2021
