"""Whatever an editor (or, later, a story author) types, no script reaches a reader or a moderator."""

import pathological
import pytest
from xss import XSS_CORPUS, assert_inert

from pages.markdown import MAX_MARKDOWN_LENGTH, render_markdown


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_the_renderer_makes_every_payload_inert(payload):
    assert_inert(str(render_markdown(payload)))


def test_links_get_safe_rel_and_keep_allowed_schemes():
    html = str(render_markdown("[a](https://example.org) [b](mailto:nurse@example.org) [c](/treatment/)"))
    assert html.count('rel="noopener noreferrer nofollow"') == 1, "only the link to another site"
    assert 'href="https://example.org"' in html
    assert 'href="mailto:nurse@example.org"' in html
    assert 'href="/treatment/"' in html


def test_ordinary_markdown_still_renders():
    html = str(render_markdown("## Heading\n\n- one\n- two\n\n**bold** and *soft*"))
    assert "<h2>Heading</h2>" in html
    assert "<li>one</li>" in html
    assert "<strong>bold</strong>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_payloads_are_inert_in_page_bodies_and_sources(client, make_page, payload):
    make_page(slug="attack", title="Attack", body=payload, sources=payload)
    html = client.get("/attack/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert_inert(main)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_payloads_are_inert_in_every_side_effect_text(client, make_side_effect, payload):
    make_side_effect(
        slug="attack", description=payload, what_to_do=payload, urgent=True, urgent_signs=payload, sources=payload
    )
    html = client.get("/side-effects/attack/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert_inert(main)


@pytest.mark.django_db
def test_plain_text_fields_are_escaped(client, make_page):
    make_page(slug="attack", title="<script>alert(1)</script>", summary='"><img src=x onerror=alert(1)>')
    html = client.get("/attack/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_payloads_are_inert_in_the_staff_preview(editor_client, payload):
    response = editor_client.post("/markdownx/markdownify/", {"content": payload})
    assert response.status_code == 200
    assert_inert(response.content.decode())


@pytest.mark.parametrize("case", pathological.CASES)
def test_pathological_markdown_renders_inert_and_without_blowing_up(case):
    # Speed is shown by scripts/hostile_input_bench.py; here: each case renders, inert, to a sane size.
    text = pathological.CASES[case]
    html = str(render_markdown(text))
    assert_inert(html)
    assert len(html) < 30 * len(text)  # linear: at worst one <blockquote> pair per ">"


def test_images_only_from_this_site():
    html = str(render_markdown("![ours](/media/editor/a.png) ![pixel](https://tracker.example/p.gif)"))
    assert 'src="/media/editor/a.png"' in html
    assert "tracker.example" not in html


# Addresses a browser loads from another site, though they look like a path on this one: it reads `\` as `/`,
# drops tabs and newlines anywhere, ignores leading spaces and control characters and any number of
# slashes after the scheme, and finds the host after the last `@` of the authority.
OTHER_SITE_IMAGES = [
    "/\\evil.example/a.png",
    "\\\\evil.example/a.png",
    "/\t/evil.example/a.png",
    "/\n/evil.example/a.png",
    "/&#9;/evil.example/a.png",
    "/&#10;/evil.example/a.png",
    "/&#92;evil.example/a.png",
    "\t//evil.example/a.png",
    " //evil.example/a.png",
    "///evil.example/a.png",
    "http:/evil.example/a.png",
    "http:evil.example/a.png",
    "https:////evil.example/a.png",
    "HTTPS://evil.example/a.png",
    "https://lemtrada.test@evil.example/a.png",
    "https://evil.example\\@lemtrada.test/a.png",
    "https://lemtrada.test.evil.example/a.png",
]


@pytest.mark.parametrize("src", OTHER_SITE_IMAGES)
def test_an_image_address_is_resolved_as_a_browser_would_before_its_host_is_compared(src):
    html = str(render_markdown(f'Look <img src="{src}" alt="pixel"> here'))
    assert "evil.example" not in html


@pytest.mark.parametrize(
    "src", ["/media/editor/a.png", "https://lemtrada.test/media/editor/a.png", "https:/media/editor/a.png"]
)
def test_an_image_from_this_site_stays_however_its_address_is_written(src):
    assert f'src="{src}"' in str(render_markdown(f'<img src="{src}" alt="ours">'))


def test_a_link_that_leads_to_another_site_is_marked_as_one_however_it_is_written():
    html = str(render_markdown('<a href="/\\evil.example/">one</a> <a href="/treatment/">two</a>'))
    assert html.count('rel="noopener noreferrer nofollow"') == 1


@pytest.mark.django_db
def test_the_staff_preview_refuses_markdown_longer_than_any_form_accepts(editor_client):
    response = editor_client.post("/markdownx/markdownify/", {"content": "[" * (MAX_MARKDOWN_LENGTH + 1)})
    assert response.status_code == 400
    assert "too long" in response.content.decode()


@pytest.mark.parametrize("text", [">" * 5_000, "- " * 2_000 + "a", "<div>" * 5_000, "<p>" * 5_000])
def test_text_nested_deeper_than_any_real_page_is_shown_as_plain_escaped_paragraphs(text):
    html = str(render_markdown(text + "\n\n<script>alert(1)</script>"))
    assert html.startswith("<p>") and "<blockquote>" not in html and "<div>" not in html
    assert_inert(html)


def test_ordinary_nesting_still_renders_as_markdown():
    html = str(render_markdown("> quoted\n>\n> - a list\n>   - inside it\n>     > and a quote\n"))
    assert html.count("<blockquote>") == 2 and html.count("<ul>") == 2
