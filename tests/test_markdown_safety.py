"""Whatever an editor (or, later, a story author) types, no script reaches a reader or a moderator."""

from html.parser import HTMLParser

import pytest

from pages.markdown import render_markdown

XSS_CORPUS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[click me](&#106;avascript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    '<a href="https://example.org" onclick="alert(1)">a link</a>',
    '<img src="x" onerror="alert(1)">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle r="5"></circle></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<div><p>unclosed <b>bold <a href="javascript:alert(1)">x',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="password"></form>',
    '"><img src=x onerror=alert(1)>',
]

DANGEROUS_TAGS = {"script", "iframe", "frame", "svg", "math", "object", "embed", "form", "input", "style", "link",
                  "meta", "base"}  # fmt: skip


class _ElementAudit(HTMLParser):
    """Collects what the browser would treat as markup: elements and their attributes (not escaped text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.problems.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action", "formaction"} and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def assert_inert(html):
    """No element, attribute or URL in `html` can run script. Escaped text is fine: it is only text."""
    audit = _ElementAudit()
    audit.feed(html)
    audit.close()
    assert not audit.problems, f"{audit.problems} in {html!r}"


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_the_renderer_makes_every_payload_inert(payload):
    assert_inert(str(render_markdown(payload)))


def test_links_get_safe_rel_and_keep_allowed_schemes():
    html = str(render_markdown("[a](https://example.org) [b](mailto:nurse@example.org) [c](/treatment/)"))
    assert html.count('rel="noopener noreferrer nofollow"') == 3
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
