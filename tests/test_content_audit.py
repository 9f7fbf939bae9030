"""`manage.py content_audit` finds clinical text that cites nothing, or cites a document its sources do not list."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pages.models import Page, SideEffect

pytestmark = pytest.mark.django_db


def audit():
    out = StringIO()
    call_command("content_audit", stdout=out)
    return out.getvalue()


def failing_audit():
    """The audit's output when it fails, as it must."""
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("content_audit", stdout=out)
    return out.getvalue() + str(error.value)


def test_the_sites_content_passes_the_audit(seeded):
    assert "Every paragraph and list item of 28 clinical pages and side effects cites its source." in audit()


def test_an_uncited_bullet_added_to_a_clinical_page_fails_the_audit_and_is_named(seeded):
    monitoring = Page.objects.get(slug="monitoring")
    monitoring.body += "\n\n- a heart scan every year\n"
    monitoring.save()

    output = failing_audit()
    assert "page “Monitoring after Lemtrada” (published): body: uncited bullet “a heart scan every year”" in output
    assert "1 problem in 28 clinical pages and side effects" in output


def test_a_citation_naming_a_document_the_sources_do_not_list_fails_the_audit(seeded):
    itp = SideEffect.objects.get(slug="itp")
    itp.what_to_do += '\n\nAsk about a platelet count. <!-- SmPC 4.4: "platelet count" -->'
    itp.save()

    assert "what to do: cites “SmPC”, which its sources do not list “Ask about a platelet count.”" in failing_audit()


def test_a_comment_that_is_not_a_citation_is_named(seeded):
    hlh = SideEffect.objects.get(slug="hlh")
    hlh.description += "\n\nIt is treated in hospital. <!-- see the leaflet -->"
    hlh.save()

    assert "description: not a citation (see the leaflet) “It is treated in hospital.”" in failing_audit()


def test_a_short_name_defined_twice_in_the_sources_is_named(seeded):
    home = Page.objects.get(slug="home")
    home.sources += "\n- PL: [Another leaflet](https://example.org/), someone, 2024"
    home.save()

    assert "sources: “PL” is defined 2 times" in failing_audit()


def test_the_sites_own_pages_and_links_only_paragraphs_need_no_citation(seeded):
    about = Page.objects.get(slug="about")
    about.body += "\n\nWe are a small team."
    about.save()
    home = Page.objects.get(slug="home")
    home.body += "\n\n[Read about the stories](/stories/)."
    home.save()
    assert "cites its source" in audit()
